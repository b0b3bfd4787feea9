/** The Export page's data: the view in the URL, the chosen sections and format, and the export itself (docs/report.md, "The Export page"). */
import { createResource, createSignal } from 'solid-js';
import { client } from '../common/client';
import { downloadBytes } from '../common/download';
import { todayUtc } from '../../core/vocabulary/days';
import { EXPORT_SECTIONS, type ExportSection } from '../../core/vocabulary/export-sections';
import type { ExportFormat } from '../../core/export/report-export';
import { useViewState } from '../report/use-view-state';

export function useExport() {
  const { view, setView } = useViewState('/export');
  const [format, setFormat] = createSignal<ExportFormat>('xlsx');
  const [sections, setSections] = createSignal<ExportSection[]>([...EXPORT_SECTIONS]);
  const [busy, setBusy] = createSignal(false);
  const [message, setMessage] = createSignal('');
  const [scope] = createResource(
    () => (client.hasData() ? { v: view(), w: client.version('workspace') } : null),
    ({ v }) => client.engine.seatUsage(v, todayUtc()),
  );
  const run = async () => {
    setBusy(true);
    setMessage('Preparing the export…');
    try {
      const ordered = EXPORT_SECTIONS.filter((s) => sections().includes(s));
      const file = await client.engine.exportSections(view(), ordered, format(), todayUtc());
      downloadBytes(file.bytes, file.fileName, file.mimeType);
      setMessage(`Saved ${file.fileName}.${file.note ? ` ${file.note}` : ''}`);
    } catch (err) {
      setMessage(`The export failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(false);
    }
  };
  /** The whole workspace as Parquet with report.sql (docs/parquet.md): written in the engine worker. */
  const runParquet = async () => {
    setBusy(true);
    setMessage('Writing the workspace as Parquet…');
    try {
      const file = await client.engine.exportParquet();
      downloadBytes(file.bytes, file.fileName, file.mimeType);
      setMessage(`Saved ${file.fileName}.`);
    } catch (err) {
      setMessage(`The export failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(false);
    }
  };
  return { view, setView, format, setFormat, sections, setSections, busy, message, scope, run, runParquet };
}
