/** The Export page (docs/report.md, "Exports"): the workspace's sections for a team and range, as one workbook or CSV files. */
import { For } from 'solid-js';
import { EXPORT_SECTIONS, SECTION_NAMES } from '../../core/vocabulary/export-sections';
import { ScopedPage } from '../report/ScopedPage';
import { useExport } from './use-export';

export default function ExportPage() {
  const { view, setView, format, setFormat, sections, setSections, busy, message, scope, run, runParquet } = useExport();
  return (
    <ScopedPage
      id="export-title"
      title="Export"
      scope={scope()}
      view={view()}
      onChange={setView}
      showRange={false}
      lead={
        <p class="lead">
          Choose a team, a range and the sections: Excel gets a sheet per section; CSV a file per section (zipped when several). Names and
          emails follow the personal-data setting of the team.
        </p>
      }
    >
      <div class="panel">
        <fieldset class="plain-fieldset">
          <legend>Sections</legend>
          <For each={EXPORT_SECTIONS}>
            {(s) => (
              <label class="checkbox">
                <input
                  type="checkbox"
                  checked={sections().includes(s)}
                  onChange={(e) => setSections((l) => (e.currentTarget.checked ? [...l, s] : l.filter((x) => x !== s)))}
                />
                {SECTION_NAMES[s]}
                {s === 'usage' || s === 'seat-usage' || s === 'flex-months' ? ` (${scope()?.from ?? ''} to ${scope()?.to ?? ''})` : ''}
              </label>
            )}
          </For>
        </fieldset>
        <fieldset class="plain-fieldset">
          <legend>Format</legend>
          <label class="checkbox">
            <input type="radio" name="fmt" checked={format() === 'xlsx'} onChange={() => setFormat('xlsx')} /> Excel (.xlsx)
          </label>
          <label class="checkbox">
            <input type="radio" name="fmt" checked={format() === 'csv'} onChange={() => setFormat('csv')} /> CSV
          </label>
        </fieldset>
        <div class="button-row">
          <button type="button" class="button button--primary" disabled={busy() || sections().length === 0} onClick={() => void run()}>
            Export
          </button>
        </div>
        <p aria-live="polite" data-testid="export-message">
          {message()}
        </p>
      </div>
      <div class="panel">
        <h2>Workspace as Parquet</h2>
        <p>
          The whole workspace — every team and every day — as Parquet files in a zip, with <code>report.sql</code>, which computes this
          Usage Report in DuckDB, and a README that says how to run it. Drop the zip on the Import page to get the same workspace back.
          Names and emails follow the personal-data setting of All Teams.
        </p>
        <div class="button-row">
          <button type="button" class="button" disabled={busy()} onClick={() => void runParquet()}>
            Workspace as Parquet
          </button>
        </div>
      </div>
    </ScopedPage>
  );
}
