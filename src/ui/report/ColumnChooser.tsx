import { For, onCleanup, onMount } from 'solid-js';
import { DEFAULT_COLUMNS, DISPLAY_COLUMNS, DISPLAY_LABELS, type DisplayColumn } from '../../core/vocabulary/report-columns';

/**
 * Which columns the table shows; exports always carry all of them (docs/report.md, "Exports").
 * The panel closes on Escape and on a click outside it, and focus goes back to its button.
 */
export function ColumnChooser(props: { visible: DisplayColumn[]; onChange: (cols: DisplayColumn[]) => void }) {
  let details!: HTMLDetailsElement;
  let summary!: HTMLElement;
  const toggle = (c: DisplayColumn, on: boolean) => {
    const next = DISPLAY_COLUMNS.filter((x) => (x === c ? on : props.visible.includes(x)));
    if (next.length > 0) props.onChange(next);
  };
  const close = () => {
    // Focus goes back to the button unless the click put it on another control.
    const now = document.activeElement;
    const hadFocus = !now || now === document.body || details.contains(now) || now.getAttribute('tabindex') === '-1';
    details.open = false;
    if (hadFocus) summary.focus();
  };
  onMount(() => {
    const onClick = (e: MouseEvent) => {
      if (details.open && !details.contains(e.target as Node)) close();
    };
    document.addEventListener('click', onClick);
    onCleanup(() => document.removeEventListener('click', onClick));
  });
  return (
    <details
      ref={details}
      class="column-chooser"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && details.open) {
          e.preventDefault();
          e.stopPropagation();
          close();
        }
      }}
    >
      <summary ref={summary} class="button">
        Columns
      </summary>
      <fieldset class="column-chooser__panel">
        <legend>Visible columns</legend>
        <For each={DISPLAY_COLUMNS}>
          {(c) => (
            <label class="checkbox">
              <input type="checkbox" checked={props.visible.includes(c)} onChange={(e) => toggle(c, e.currentTarget.checked)} />
              {DISPLAY_LABELS[c]}
            </label>
          )}
        </For>
        <button type="button" class="link-button column-chooser__reset" onClick={() => props.onChange([...DEFAULT_COLUMNS])}>
          Show the default columns
        </button>
      </fieldset>
    </details>
  );
}
