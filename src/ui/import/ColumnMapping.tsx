/**
 * The column-mapping step for a layout the app does not recognise (docs/formats.md):
 * choose what the file is, map each field to a column, check the preview. The
 * import sends, with the request, what each kind of export offers and needs
 * and the columns its header already gives (src/core/import/headers.ts).
 */
import { For, Show, createSignal } from 'solid-js';
import { FIELD_LABELS, SECTION_LABELS, unmetNeeds, type ColumnMap, type Field, type Section } from '../../core/vocabulary/sections';
import type { FileReport } from '../../api/import';
import { mapColumnsAndImport } from './import-controller';

const SECTIONS = Object.keys(SECTION_LABELS) as Section[];

/** A column as the form names it: two columns of one name are told apart by their place. */
function optionLabel(header: readonly string[], i: number): string {
  const h = header[i] ?? '';
  if (!h) return `Column ${i + 1}`;
  return header.filter((x) => x.trim().toLowerCase() === h.trim().toLowerCase()).length > 1 ? `${h} (column ${i + 1})` : h;
}

export function ColumnMapping(props: { report: FileReport }) {
  const mapping = () => props.report.mapping!;
  // The best guess is filled in; the admin confirms or corrects it (docs/formats.md).
  const [section, setSection] = createSignal<Section>(mapping().guess?.section ?? 'usage');
  const [columns, setColumns] = createSignal<ColumnMap>(mapping().guess?.columns ?? {});
  const choice = () => mapping().sections[section()];
  const pick = (s: Section) => {
    setSection(s);
    setColumns({ ...mapping().sections[s].columns });
  };
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const required = (f: Field) => choice().needs.some((any) => any.includes(f));
  const id = (f: Field) => `map-${props.report.fileName.replace(/[^A-Za-z0-9]/g, '')}-${f}`;
  const submit = async () => {
    const missing = unmetNeeds(choice().needs, columns());
    if (missing.length) {
      setError(`Choose a column for ${missing.join(', ')}.`);
      return;
    }
    setError('');
    setBusy(true);
    try {
      await mapColumnsAndImport(props.report, section(), columns());
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };
  return (
    <form
      class="column-mapping"
      aria-label={`Map the columns of ${props.report.fileName}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div class="form-grid">
        <div class="field">
          <label for={`${id('team')}-section`}>This file is</label>
          <select id={`${id('team')}-section`} value={section()} onChange={(e) => pick(e.currentTarget.value as Section)}>
            <For each={SECTIONS}>{(s) => <option value={s}>{SECTION_LABELS[s]}</option>}</For>
          </select>
        </div>
        <For each={choice().fields}>
          {(f) => (
            <div class="field">
              <label for={id(f)}>
                {FIELD_LABELS[f]}
                {required(f) ? ' *' : ''}
              </label>
              <select
                id={id(f)}
                value={columns()[f] === undefined ? '' : String(columns()[f])}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setColumns((c) => {
                    const n = { ...c };
                    if (v === '') delete n[f];
                    else n[f] = Number(v);
                    return n;
                  });
                }}
              >
                <option value="">—</option>
                <For each={mapping().header}>{(_, i) => <option value={String(i())}>{optionLabel(mapping().header, i())}</option>}</For>
              </select>
            </div>
          )}
        </For>
      </div>
      <p class="muted">* needed (one of each "or"). Preview of the first rows:</p>
      <div class="preview-scroll">
        <table class="data-table">
          <thead>
            <tr>
              <For each={mapping().header}>{(h) => <th scope="col">{h}</th>}</For>
            </tr>
          </thead>
          <tbody>
            <For each={mapping().preview}>
              {(r) => (
                <tr>
                  <For each={r}>{(c) => <td>{c}</td>}</For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Show when={error()}>
        <p class="notice notice--error" role="alert">
          {error()}
        </p>
      </Show>
      <div class="button-row">
        <button type="submit" class="button button--primary" disabled={busy()}>
          Save mapping and import
        </button>
      </div>
    </form>
  );
}
