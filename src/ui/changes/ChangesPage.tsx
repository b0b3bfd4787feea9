/** Every queued change (docs/changes.md), its state, undo, and the exports back to the portal. */
import { For, Show } from 'solid-js';
import { client } from '../common/client';
import { EmptyState } from '../import/EmptyState';
import { STATE_LABELS, type ChangeState } from '../../core/vocabulary/change';
import { AssignForm } from './AssignForm';
import { useChanges, type SortKey } from './use-changes';

export default function ChangesPage() {
  const {
    changes,
    shown,
    counts,
    message,
    stateFilter,
    setStateFilter,
    actionFilter,
    setActionFilter,
    sort,
    toggleSort,
    move,
    exportKind,
    markAllApplied,
  } = useChanges();
  const header = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort().key === key ? (sort().asc ? 'ascending' : 'descending') : 'none'}>
      <button type="button" class="th-button" onClick={() => toggleSort(key)}>
        {label}
      </button>
    </th>
  );

  return (
    <Show when={client.hasData()} fallback={<EmptyState />}>
      <section class="page page--wide" aria-labelledby="changes-title">
        <h1 id="changes-title">Changes</h1>
        <p class="lead">
          Assigns and unassigns queued here change nothing in the portal by themselves: export them in the portal's Import to Assign layout,
          import them there, then mark them applied. Imported data is never altered.
        </p>

        <div class="panel">
          <h2>Export</h2>
          <div class="button-row">
            <button type="button" class="button button--primary" disabled={counts().assign === 0} onClick={() => void exportKind('assign')}>
              Assign files ({counts().assign} pending)
            </button>
            <button
              type="button"
              class="button button--primary"
              disabled={counts().unassign === 0}
              onClick={() => void exportKind('unassign')}
            >
              Unassign files ({counts().unassign} pending)
            </button>
            <button type="button" class="button" disabled={changes().length === 0} onClick={() => void exportKind('log')}>
              Change log (.xlsx)
            </button>
          </div>
          <p class="muted">
            One CSV per product and team (First Name, Last Name, Email Address), Flex assigns in files of their own named with "Flex";
            several files come as one .zip.
          </p>
        </div>

        <p class="notice" aria-live="polite" data-testid="changes-message" classList={{ 'is-empty': !message() }}>
          {message()}
        </p>

        <div class="panel">
          <div class="table-toolbar">
            <h2>Queue</h2>
            <span class="spacer" />
            <div class="field">
              <label for="ch-state">State</label>
              <select id="ch-state" value={stateFilter()} onChange={(e) => setStateFilter(e.currentTarget.value as ChangeState | '')}>
                <option value="">All</option>
                <For each={Object.entries(STATE_LABELS)}>{([v, l]) => <option value={v}>{l}</option>}</For>
              </select>
            </div>
            <div class="field">
              <label for="ch-action">Action</label>
              <select
                id="ch-action"
                value={actionFilter()}
                onChange={(e) => setActionFilter(e.currentTarget.value as '' | 'assign' | 'unassign')}
              >
                <option value="">All</option>
                <option value="assign">Assign</option>
                <option value="unassign">Unassign</option>
              </select>
            </div>
            <button type="button" class="button" disabled={counts().exported === 0} onClick={() => void markAllApplied()}>
              Mark all exported as applied ({counts().exported})
            </button>
          </div>
          <Show
            when={shown().length > 0}
            fallback={
              <p class="table-empty">
                No changes
                {stateFilter() || actionFilter()
                  ? ' match these filters'
                  : ' yet: select rows in the Usage Report and unassign them, or assign below'}
                .
              </p>
            }
          >
            <table class="data-table" data-testid="changes-table">
              <thead>
                <tr>
                  {header('action', 'Action')}
                  {header('email', 'Person')}
                  {header('product', 'Product')}
                  {header('team', 'Team')}
                  <th scope="col">Reason</th>
                  {header('queuedAt', 'Queued')}
                  {header('state', 'State')}
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                <For each={shown()}>
                  {(c) => (
                    <tr>
                      <td>
                        <span class={`badge badge--${c.action}`}>{c.action}</span>
                        <Show when={c.access === 'Flex'}>
                          {' '}
                          <span class="badge" title="Flex access">
                            Flex
                          </span>
                        </Show>
                      </td>
                      <td>
                        {[c.firstName, c.lastName].filter(Boolean).join(' ')} <span class="muted">{c.email}</span>
                      </td>
                      <td>{c.product}</td>
                      <td>{c.team}</td>
                      <td>{c.reason}</td>
                      <td>{new Date(c.queuedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}</td>
                      <td>{STATE_LABELS[c.state]}</td>
                      <td>
                        <Show when={c.state === 'pending'}>
                          <button
                            type="button"
                            class="button button--small"
                            onClick={() => void move([c.id!], 'undone', 'undone')}
                            aria-label={`Undo ${c.action}${c.access === 'Flex' ? ' Flex' : ''} of ${c.product} for ${c.email}`}
                          >
                            Undo
                          </button>
                        </Show>
                        <Show when={c.state === 'exported'}>
                          <button
                            type="button"
                            class="button button--small"
                            onClick={() => void move([c.id!], 'applied', 'marked applied')}
                          >
                            Mark applied
                          </button>
                        </Show>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </Show>
        </div>

        <div class="panel">
          <h2>Assign</h2>
          <AssignForm />
        </div>
      </section>
    </Show>
  );
}
