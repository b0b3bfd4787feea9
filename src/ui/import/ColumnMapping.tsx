/**
 * The column-mapping step for a layout the app does not recognise (docs/formats.md):
 * choose what the file is, map each field to a column (needed ones apart from
 * optional ones, alternatives spelt out), check the preview. The
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

/** How a need reads: one field by its name, alternatives spelt out ("Email or Hashed user ID: at least one"). */
function needLabel(need: readonly Field[]): string {
  return need.length === 1 ? FIELD_LABELS[need[0]!] : `${need.map((f) => FIELD_LABELS[f]).join(' or ')}: at least one`;
}

/** What a guessed column was guessed from, in words. */
const GUESSED_FROM = { name: 'guessed from its name', values: 'guessed from its values' } as const;

export function ColumnMapping(props: { report: FileReport }) {
  const mapping = () => props.report.mapping!;
  /** What the header's names give for a kind, completed by the guesses (src/core/import/mapping-guess.ts). */
  const proposed = (s: Section): ColumnMap => {
    const c = { ...mapping().sections[s].columns };
    for (const [f, g] of Object.entries(mapping().sections[s].guessed ?? {}) as [Field, { column: number }][])
      if (c[f] === undefined) c[f] = g.column;
    return c;
  };
  // The best guess is filled in; the admin confirms or corrects it (docs/formats.md).
  const [section, setSection] = createSignal<Section>(mapping().guess?.section ?? 'usage');
  const [columns, setColumns] = createSignal<ColumnMap>(mapping().guess?.columns ?? proposed(mapping().guess?.section ?? 'usage'));
  const choice = () => mapping().sections[section()];
  const pick = (s: Section) => {
    setSection(s);
    setColumns(proposed(s));
  };
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  /** Each need once, with the fields not already shown under an earlier need. */
  const needs = () => {
    const shown = new Set<Field>();
    return choice().needs.map((need) => {
      const fields = need.filter((f) => !shown.has(f));
      for (const f of fields) shown.add(f);
      return { need, fields };
    });
  };
  const optional = () => choice().fields.filter((f) => !choice().needs.some((any) => any.includes(f)));
  const id = (f: Field) => `map-${props.report.fileName.replace(/[^A-Za-z0-9]/g, '')}-${f}`;
  const guessNote = (f: Field) => {
    const g = mapping().sections[section()].guessed?.[f];
    return g && columns()[f] === g.column ? GUESSED_FROM[g.from] : '';
  };
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
  const FieldSelect = (p: { field: Field }) => (
    <div class="field">
      <label for={id(p.field)}>{FIELD_LABELS[p.field]}</label>
      <select
        id={id(p.field)}
        value={columns()[p.field] === undefined ? '' : String(columns()[p.field])}
        onChange={(e) => {
          const v = e.currentTarget.value;
          setColumns((c) => {
            const n = { ...c };
            if (v === '') delete n[p.field];
            else n[p.field] = Number(v);
            return n;
          });
        }}
      >
        <option value="">—</option>
        <For each={mapping().header}>{(_, i) => <option value={String(i())}>{optionLabel(mapping().header, i())}</option>}</For>
      </select>
      <Show when={guessNote(p.field)}>
        <span class="field__hint">{guessNote(p.field)}</span>
      </Show>
    </div>
  );
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
      </div>
      <fieldset class="mapping-group" data-testid="mapping-needed">
        <legend>Needed</legend>
        <For each={needs()}>
          {(n) => (
            <Show
              when={n.need.length > 1}
              fallback={
                <div class="form-grid">
                  <For each={n.fields}>{(f) => <FieldSelect field={f} />}</For>
                </div>
              }
            >
              <fieldset class="mapping-need">
                <legend>{needLabel(n.need)}</legend>
                <div class="form-grid">
                  <For each={n.fields}>{(f) => <FieldSelect field={f} />}</For>
                </div>
              </fieldset>
            </Show>
          )}
        </For>
      </fieldset>
      <Show when={optional().length > 0}>
        <fieldset class="mapping-group" data-testid="mapping-optional">
          <legend>Optional</legend>
          <div class="form-grid">
            <For each={optional()}>{(f) => <FieldSelect field={f} />}</For>
          </div>
        </fieldset>
      </Show>
      <p class="muted">Check the guesses against the first rows:</p>
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
