import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { formatInt } from '../../core/vocabulary/format';
import { client } from '../common/client';
import { DropZone } from './DropZone';
import {
  acceptUnreadableRows,
  cancelImport,
  downloadUnreadableRows,
  importAnnouncement,
  importFiles,
  importProgress,
  importReports,
  importRunning,
  loadSampleWorkspace,
  skipFile,
} from './import-controller';
import type { FileReport } from '../../api/import';
import { ColumnMapping } from './ColumnMapping';
import { ImportedFiles } from './ImportedFiles';
import { ExportGuide } from './ExportGuide';

export function ImportProgressPanel() {
  return (
    <>
      <div role="status" aria-live="polite" class="import-status" data-testid="import-status">
        {importAnnouncement()}
      </div>
      <Show when={importProgress()}>
        {(p) => (
          <div class="progress-panel">
            <div class="progress-panel__line">
              <span>
                {p().fileCount > 1 ? `File ${p().fileIndex + 1} of ${p().fileCount}: ` : ''}
                <strong>{p().fileName}</strong>
              </span>
              <button type="button" class="button" onClick={cancelImport}>
                Cancel
              </button>
            </div>
            <progress max="1" value={p().fraction} aria-label={`Reading ${p().fileName}`} />
            <div class="progress-panel__figures">
              {formatInt(p().rows)} rows · {p().megabytes.toFixed(1)} MB · {formatInt(p().rowsPerSecond)} rows/s
            </div>
          </div>
        )}
      </Show>
    </>
  );
}

function FileOutcome(props: { report: FileReport }) {
  const r = () => props.report;
  return (
    <li class={`file-outcome file-outcome--${r().status}`}>
      <p class="file-outcome__message">{r().message}</p>
      <Show when={r().sections.length > 0 && r().status === 'imported'}>
        <ul class="file-outcome__sections">
          <For each={r().sections}>
            {(s) => (
              <li>
                {s.sheet ? `Sheet "${s.sheet}": ` : ''}
                {s.sectionLabel}: {formatInt(s.rows)} rows{s.events ? `, ${formatInt(s.events)} usage events` : ''}
              </li>
            )}
          </For>
        </ul>
      </Show>
      <For each={r().notes}>{(n) => <p class="file-outcome__note">{n}</p>}</For>
      <Show when={r().status === 'needs-mapping' && r().mapping}>
        <ColumnMapping report={r()} />
      </Show>
      <Show when={r().status === 'needs-decision'}>
        <table class="error-table">
          <caption>
            Rows that could not be read
            {r().errorCount > r().errors.length ? ` (first ${r().errors.length} of ${formatInt(r().errorCount)})` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Column</th>
              <th scope="col">Value</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            <For each={r().errors}>
              {(e) => (
                <tr>
                  <td>
                    {e.sheet ? `${e.sheet}!` : ''}
                    {e.row}
                  </td>
                  <td>{e.column}</td>
                  <td>{e.value}</td>
                  <td>{e.reason}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
        <div class="button-row">
          <button type="button" class="button button--primary" onClick={() => acceptUnreadableRows(r())}>
            Import the other rows, skip these
          </button>
          <button type="button" class="button" onClick={() => skipFile(r())}>
            Skip this file
          </button>
          <button type="button" class="button" onClick={() => downloadUnreadableRows(r())}>
            Download unreadable rows (CSV)
          </button>
        </div>
      </Show>
    </li>
  );
}

export function ImportResults() {
  return (
    <Show when={importReports().length > 0}>
      <ul class="file-outcomes" aria-label="Import results">
        <For each={importReports()}>{(r) => <FileOutcome report={r} />}</For>
      </ul>
    </Show>
  );
}

export default function ImportPage() {
  return (
    <section class="page" aria-labelledby="import-title">
      <h1 id="import-title">Import exports</h1>
      <p class="lead">
        Files are read in this browser and stored only here. Importing the same file again, or files whose dates overlap, never counts a day
        twice.
      </p>
      <ExportGuide collapsible />
      <DropZone onFiles={(f) => void importFiles(f)} disabled={importRunning()}>
        <p class="drop-zone__or">
          No files at hand?{' '}
          <button type="button" class="link-button" disabled={importRunning()} onClick={() => void loadSampleWorkspace()}>
            Load sample workspace
          </button>
        </p>
      </DropZone>
      <ImportProgressPanel />
      <ImportResults />
      <Show when={!importRunning() && client.hasData() && importReports().some((r) => r.status === 'imported')}>
        <p>
          <A href="/report" class="button button--primary">
            Open the Usage Report
          </A>
        </p>
      </Show>
      <ImportedFiles />
    </section>
  );
}
