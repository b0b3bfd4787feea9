/**
 * Queue assigns (docs/changes.md): by product (pick people), by user (pick products),
 * by group (all its members), or from an Import-to-Assign CSV. Warns, with the
 * numbers, when the assigns would go beyond the subscription's seats.
 */
import { For, Show } from 'solid-js';
import { useAssignForm, type AssignFormProps, type AssignMode } from './use-assign-form';

export type { AssignMode } from './use-assign-form';
const MODES: [AssignMode, string][] = [
  ['product', 'By product'],
  ['user', 'By user'],
  ['group', 'By group'],
  ['csv', 'From an Import to Assign CSV'],
];

export function AssignForm(props: AssignFormProps) {
  const {
    summary,
    mode,
    setMode,
    team,
    setTeam,
    product,
    setProduct,
    products,
    setProducts,
    group,
    setGroup,
    search,
    setSearch,
    picked,
    setPicked,
    csvErrors,
    csvPeople,
    reason,
    setReason,
    message,
    busy,
    found,
    members,
    count,
    seats,
    onCsv,
    submit,
  } = useAssignForm(props);

  return (
    <form
      class="assign-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      aria-label="Assign"
    >
      <Show when={!props.presetUser}>
        <div class="segmented" role="radiogroup" aria-label="How to pick">
          <For each={MODES}>
            {([m, label]) => (
              <label class="segmented__option" classList={{ 'is-on': mode() === m }}>
                <input type="radio" name="assign-mode" value={m} checked={mode() === m} onChange={() => setMode(m)} /> {label}
              </label>
            )}
          </For>
        </div>
      </Show>
      <div class="form-grid">
        <div class="field">
          <label for="assign-team">Team</label>
          <select id="assign-team" value={team()} onChange={(e) => setTeam(e.currentTarget.value)}>
            <For each={summary().teams}>{(t) => <option value={t}>{t}</option>}</For>
          </select>
        </div>
        <Show when={mode() !== 'user'}>
          <div class="field">
            <label for="assign-product">Product</label>
            <select id="assign-product" value={product()} onChange={(e) => setProduct(e.currentTarget.value)}>
              <For each={summary().assignableProducts}>{(p) => <option value={p}>{p}</option>}</For>
            </select>
          </div>
        </Show>
        <Show when={mode() === 'group'}>
          <div class="field">
            <label for="assign-group">Group</label>
            <select id="assign-group" value={group()} onChange={(e) => setGroup(e.currentTarget.value)}>
              <For each={summary().groups}>{(g) => <option value={g}>{g}</option>}</For>
            </select>
            <span class="muted">{(members() ?? []).length} members</span>
          </div>
        </Show>
        <Show when={mode() === 'csv'}>
          <div class="field">
            <label for="assign-csv">Import to Assign CSV (First Name, Last Name, Email Address)</label>
            <input id="assign-csv" type="file" accept=".csv,text/csv" onChange={(e) => void onCsv(e.currentTarget.files?.[0])} />
          </div>
        </Show>
      </div>

      <Show when={(mode() === 'product' || mode() === 'user') && !props.presetUser}>
        <div class="field">
          <label for="assign-search">{mode() === 'user' ? 'Person' : 'People'}</label>
          <input
            id="assign-search"
            type="search"
            placeholder="Type a name or email"
            value={search()}
            onInput={(e) => setSearch(e.currentTarget.value)}
          />
        </div>
        <ul class="pick-list" aria-label="Matching people">
          <For each={found() ?? []}>
            {(p) => (
              <li>
                <label class="checkbox">
                  <input
                    type="checkbox"
                    checked={picked().some((x) => x.userRef === p.userRef)}
                    onChange={(e) =>
                      setPicked((list) =>
                        e.currentTarget.checked ? (mode() === 'user' ? [p] : [...list, p]) : list.filter((x) => x.userRef !== p.userRef),
                      )
                    }
                  />
                  {p.label}
                </label>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={picked().length > 0 && mode() !== 'group' && mode() !== 'csv'}>
        <p class="muted">
          Chosen:{' '}
          {picked()
            .map((p) => p.label)
            .join(', ')}
        </p>
      </Show>
      <Show when={mode() === 'user'}>
        <fieldset class="pick-products">
          <legend>Products</legend>
          <For each={summary().assignableProducts}>
            {(p) => (
              <label class="checkbox">
                <input
                  type="checkbox"
                  checked={products().includes(p)}
                  onChange={(e) => setProducts((l) => (e.currentTarget.checked ? [...l, p] : l.filter((x) => x !== p)))}
                />
                {p}
              </label>
            )}
          </For>
        </fieldset>
      </Show>
      <Show when={mode() === 'csv' && (csvPeople().length > 0 || csvErrors().length > 0)}>
        <p>{csvPeople().length} people read from the file.</p>
        <Show when={csvErrors().length > 0}>
          <ul class="error-list" aria-label="Rows that could not be read">
            <For each={csvErrors()}>{(e) => <li>{e}</li>}</For>
          </ul>
        </Show>
      </Show>

      <For each={seats() ?? []}>
        {(s) => (
          <Show
            when={s.seats === 0}
            fallback={
              <p class={s.over ? 'notice notice--warn' : 'muted'} role={s.over ? 'alert' : undefined}>
                {s.product} in {team()}: {s.seats} seats ({s.offering}), {s.assigned} assigned, {s.pendingAssigns} pending, {s.adding} to
                add
                {s.over ? ` — ${s.assigned + s.pendingAssigns + s.adding - s.seats} more than the seats.` : '.'}
              </p>
            }
          >
            <p class="muted">
              {s.product} in {team()}: no subscription found, so the seats are not known.
            </p>
          </Show>
        )}
      </For>

      <div class="field">
        <label for="assign-reason">Reason</label>
        <input
          id="assign-reason"
          type="text"
          value={reason()}
          onInput={(e) => setReason(e.currentTarget.value)}
          placeholder="e.g. new starter"
        />
      </div>
      <div class="button-row">
        <button type="submit" class="button button--primary" disabled={busy() || count() === 0 || !team()}>
          Queue {count()} assign{count() === 1 ? '' : 's'}
        </button>
      </div>
      <p class="form-message" aria-live="polite" data-testid="assign-message">
        {message()}
      </p>
    </form>
  );
}
