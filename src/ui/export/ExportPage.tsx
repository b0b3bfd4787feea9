/** SPEC §5.3: the workspace's sections for a team and range, as one workbook or CSV files. */
import { For, createResource, createSignal } from 'solid-js';
import { engineWorker } from '../app/workers';
import { downloadBytes } from '../app/download';
import { hasData, workspaceSummary, workspaceVersion } from '../app/workspace-state';
import { todayUtc } from '../../core/vocabulary/days';
import { EXPORT_SECTIONS, SECTION_NAMES, type ExportSection } from '../../core/export/workspace-export';
import type { ExportFormat } from '../../core/export/report-export';
import { ScopedPage } from '../report/ScopedPage';
import { useViewState } from '../report/use-view-state';

export default function ExportPage() {
  const { view, setView } = useViewState('/export');
  const [format, setFormat] = createSignal<ExportFormat>('xlsx');
  const [sections, setSections] = createSignal<ExportSection[]>([...EXPORT_SECTIONS]);
  const [busy, setBusy] = createSignal(false);
  const [message, setMessage] = createSignal('');
  const [scope] = createResource(() => (hasData(workspaceSummary()) ? { v: view(), w: workspaceVersion() } : null), ({ v }) => engineWorker().seatUsage(v, todayUtc()));
  const run = async () => {
    setBusy(true);
    setMessage('Preparing the export…');
    try {
      const ordered = EXPORT_SECTIONS.filter((s) => sections().includes(s));
      const file = await engineWorker().exportSections(view(), ordered, format(), todayUtc());
      downloadBytes(file.bytes, file.fileName, file.mimeType);
      setMessage(`Saved ${file.fileName}.${file.note ? ` ${file.note}` : ''}`);
    } catch (err) {
      setMessage(`The export failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <ScopedPage id="export-title" title="Export" scope={scope()} view={view()} onChange={setView} showRange={false}
      lead={<p class="lead">Choose a team, a range and the sections: Excel gets a sheet per section; CSV a file per section (zipped when several).
        Names and emails follow the personal-data setting of the team.</p>}>
        <div class="panel">
          <fieldset class="plain-fieldset">
            <legend>Sections</legend>
            <For each={EXPORT_SECTIONS}>
              {(s) => (
                <label class="checkbox">
                  <input type="checkbox" checked={sections().includes(s)} onChange={(e) => setSections((l) => (e.currentTarget.checked ? [...l, s] : l.filter((x) => x !== s)))} />
                  {SECTION_NAMES[s]}{s === 'usage' || s === 'seat-usage' || s === 'flex-months' ? ` (${scope()?.from ?? ''} to ${scope()?.to ?? ''})` : ''}
                </label>
              )}
            </For>
          </fieldset>
          <fieldset class="plain-fieldset">
            <legend>Format</legend>
            <label class="checkbox"><input type="radio" name="fmt" checked={format() === 'xlsx'} onChange={() => setFormat('xlsx')} /> Excel (.xlsx)</label>
            <label class="checkbox"><input type="radio" name="fmt" checked={format() === 'csv'} onChange={() => setFormat('csv')} /> CSV</label>
          </fieldset>
          <div class="button-row">
            <button type="button" class="button button--primary" disabled={busy() || sections().length === 0} onClick={() => void run()}>Export</button>
          </div>
          <p aria-live="polite" data-testid="export-message">{message()}</p>
        </div>
    </ScopedPage>
  );
}
