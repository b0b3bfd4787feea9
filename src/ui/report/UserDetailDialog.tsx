import { For, Show, createResource } from 'solid-js';
import { Dialog } from '../common/Dialog';
import { UserDailyChart } from './UserDailyChart';
import { client } from '../common/client';
import { displayIsoDay, todayUtc } from '../../core/vocabulary/days';
import type { UserProductDetail } from '../../core/report/user-detail';
import type { ReportViewState } from '../../core/vocabulary/view-state';

function ProductRows(props: { items: UserProductDetail[]; onUnassign?: (p: UserProductDetail) => void }) {
  return (
    <div class="table-scroll">
      <table class="detail-table">
        <thead>
          <tr>
            <th scope="col">Team</th>
            <th scope="col">Product</th>
            <th scope="col">Access</th>
            <th scope="col">Assigned by</th>
            <th scope="col">Products and versions used</th>
            <th scope="col" class="is-number">
              Days used
            </th>
            <th scope="col">Last accessed</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={props.items}>
            {(p) => (
              <tr>
                <td>{p.team}</td>
                <td>
                  {p.product}
                  {p.offering && p.offering !== p.product ? <span class="muted"> ({p.offering})</span> : ''}
                </td>
                <td>{p.access}</td>
                <td>{p.method}</td>
                <td>{p.versions || '—'}</td>
                <td class="is-number">{p.daysUsed}</td>
                <td>
                  {p.lastAccessed
                    ? `${displayIsoDay(p.lastAccessed)} (${p.daysAgo === 0 ? 'today' : `${p.daysAgo} day${p.daysAgo === 1 ? '' : 's'} ago`})`
                    : 'never'}
                </td>
                <td>
                  <Show when={props.onUnassign}>
                    <button
                      type="button"
                      class="button button--small"
                      disabled={p.lockReason !== ''}
                      title={p.lockReason || undefined}
                      aria-label={`Unassign ${p.product} in ${p.team}`}
                      onClick={() => props.onUnassign?.(p)}
                    >
                      Unassign…
                    </button>
                  </Show>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

/** User detail (docs/report.md): who this person is, what they hold, and how they use it. */
export function UserDetailDialog(props: {
  userRef: string;
  view: ReportViewState;
  onClose: () => void;
  onUnassign?: (rowIds: number[], label: string, asOf: string) => void;
  onAssign?: (userRef: string) => void;
}) {
  const [detail] = createResource(
    () => ({ ref: props.userRef, view: props.view, v: client.version('workspace', 'changes') }),
    ({ ref, view }) => client.engine.userDetail(ref, view, todayUtc()),
  );
  return (
    <Dialog title={detail()?.name ?? 'User'} onClose={props.onClose} wide testId="user-detail">
      <Show when={detail.state === 'ready'} fallback={<p>Loading…</p>}>
        <Show when={detail()} fallback={<p>This person is not in the workspace any more.</p>}>
          {(d) => (
            <>
              <p class="detail-facts">
                <span>{d().email}</span>
                <Show when={d().role}>
                  <span>{d().role}</span>
                </Show>
                <span>Teams: {d().teams.join(', ') || '—'}</span>
                <span>
                  {displayIsoDay(d().from)} to {displayIsoDay(d().to)}
                </span>
              </p>
              <h3>Daily use in the range</h3>
              <UserDailyChart detail={d()} />
              <h3>In this report</h3>
              <Show when={d().products.length > 0} fallback={<p class="muted">None under the current filters.</p>}>
                <ProductRows
                  items={d().products}
                  onUnassign={props.onUnassign && ((p) => props.onUnassign!([p.id], `${p.product} (${p.team})`, d().to))}
                />
              </Show>
              <Show when={d().others.length > 0}>
                <h3>Other products assigned or used</h3>
                <ProductRows
                  items={d().others}
                  onUnassign={props.onUnassign && ((p) => props.onUnassign!([p.id], `${p.product} (${p.team})`, d().to))}
                />
              </Show>
              <Show when={d().collections.length > 0}>
                <p>
                  <strong>Collections:</strong> {d().collections.join(', ')}
                </p>
              </Show>
              <Show when={props.onAssign}>
                <div class="button-row">
                  <button type="button" class="button" onClick={() => props.onAssign?.(d().userRef)}>
                    Assign a product…
                  </button>
                </div>
              </Show>
            </>
          )}
        </Show>
      </Show>
    </Dialog>
  );
}
