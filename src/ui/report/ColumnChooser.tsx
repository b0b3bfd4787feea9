import { For } from 'solid-js';
import { COLUMN_LABELS, REPORT_COLUMNS, type ReportColumn } from '../../core/vocabulary/report-columns';

/** Which columns the table shows; exports always carry all of them (docs/report.md, "Exports"). */
export function ColumnChooser(props: { visible: ReportColumn[]; onChange: (cols: ReportColumn[]) => void }) {
  const toggle = (c: ReportColumn, on: boolean) => {
    const next = REPORT_COLUMNS.filter((x) => (x === c ? on : props.visible.includes(x)));
    if (next.length > 0) props.onChange(next);
  };
  return (
    <details class="column-chooser">
      <summary class="button">Columns</summary>
      <fieldset class="column-chooser__panel">
        <legend>Visible columns</legend>
        <For each={REPORT_COLUMNS}>
          {(c) => (
            <label class="checkbox">
              <input type="checkbox" checked={props.visible.includes(c)} onChange={(e) => toggle(c, e.currentTarget.checked)} />
              {COLUMN_LABELS[c]}
            </label>
          )}
        </For>
      </fieldset>
    </details>
  );
}
