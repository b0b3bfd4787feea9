/** Seat usage (docs/figures.md) — totals, by product (with collections to drill into), a product's days, and by user. */
import { For, Show, createEffect, on } from 'solid-js';
import { displayIsoDay } from '../../core/vocabulary/days';
import { formatInt } from '../../core/vocabulary/format';
import { UsageChart } from '../common/UsageChart';
import type { Granularity, ProductSeatRow } from '../../core/seats/seat-usage';
import { ScopedPage } from '../report/ScopedPage';
import { UserDetailWithActions } from '../report/UserDetailWithActions';
import { useSeats } from './use-seats';
import { ActionMessage } from '../common/ActionMessage';
import { Tile } from '../common/Tile';

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)} %`);

/** Utilisation as "seats in use of seats — percent" (docs/figures.md): the same definition everywhere on this page. */
function Utilisation(props: { row: { inUse: number; seats: number; utilisation: number | null } }) {
  return (
    <span class="util">
      <span class="util__bar" aria-hidden="true">
        <span style={{ width: `${Math.min(100, Math.round((props.row.utilisation ?? 0) * 100))}%` }} />
      </span>
      {props.row.utilisation === null ? (
        <span class="muted">— no seats known</span>
      ) : (
        <>
          {pct(props.row.utilisation)}{' '}
          <span class="muted">
            ({formatInt(props.row.inUse)} of {formatInt(props.row.seats)} in use)
          </span>
        </>
      )}
    </span>
  );
}

/** "34 assigned on 32 seats: 2 over" — over-assignment is said, never clipped away. */
function Assigned(props: { row: ProductSeatRow }) {
  return (
    <Show when={props.row.over > 0} fallback={formatInt(props.row.assigned)}>
      <span class="over-assigned" data-testid="over-assigned">
        {formatInt(props.row.assigned)} assigned on {formatInt(props.row.seats)} seats: {formatInt(props.row.over)} over
        {/* Under All Teams a row sums teams: one team's spare seats never cancel another's over-assignment. */}
        {props.row.over > props.row.assigned - props.row.seats ? ' in some teams' : ''}
      </span>
    </Show>
  );
}

export default function SeatsPage() {
  const {
    view,
    setView,
    tab,
    setTab,
    open,
    toggle,
    detail,
    setDetail,
    granularity,
    setGranularity,
    search,
    setSearch,
    person,
    setPerson,
    actionMessage,
    setActionMessage,
    data,
    chart,
    users,
    rows,
  } = useSeats();
  // A product's chart opens below the table: bring it into view, or the click seems to do nothing.
  let panel: HTMLDivElement | undefined;
  let opened = false;
  createEffect(on(detail, (d) => (opened = !!d)));
  createEffect(
    on(chart, (c) => {
      if (!opened || !c || !panel) return;
      opened = false; // once per product picked: a new granularity or import leaves the page where it is
      const el = panel;
      // After the frame that lays the chart out, so the whole panel, chart included, comes into view.
      requestAnimationFrame(() => el.scrollIntoView({ block: 'nearest' }));
    }),
  );

  return (
    <ScopedPage
      id="seats-title"
      title="Seat usage"
      scope={data()}
      view={view()}
      onChange={setView}
      wide
      lead={<ActionMessage message={actionMessage()} />}
    >
      <Show when={data()}>
        {(d) => (
          <>
            <div class="tiles">
              <section class="tile-group" aria-label="Seat usage summary">
                <div class="tile-group__tiles">
                  <Tile testId="seat-total-users" value={formatInt(d().summary.totalUsers)} label="Active users (used a seat)" />
                  <Tile testId="seat-total-products" value={formatInt(d().summary.totalProducts)} label="Assigned products used" />
                  <Tile testId="seat-total-seats" value={formatInt(d().summary.totalSeats)} label="Seats" />
                  <Tile
                    testId="seat-utilisation"
                    value={pct(d().summary.utilisation)}
                    label="Utilisation: seats in use ÷ seats"
                    note={
                      <>
                        {formatInt(d().summary.seatsInUse)} of {formatInt(d().summary.totalSeats)} seats used in the range
                      </>
                    }
                  />
                  <Show when={d().summary.overAssignedSeats > 0}>
                    <Tile
                      testId="seat-over-assigned"
                      warn
                      value={formatInt(d().summary.overAssignedSeats)}
                      label="Seats over-assigned"
                      note="More people hold these offerings than they have seats: see the rows below"
                    />
                  </Show>
                </div>
              </section>
            </div>
            <div class="segmented" role="tablist" aria-label="Seat usage views">
              <button
                type="button"
                role="tab"
                class="segmented__option"
                classList={{ 'is-on': tab() === 'product' }}
                aria-selected={tab() === 'product'}
                onClick={() => setTab('product')}
              >
                By product
              </button>
              <button
                type="button"
                role="tab"
                class="segmented__option"
                classList={{ 'is-on': tab() === 'user' }}
                aria-selected={tab() === 'user'}
                onClick={() => setTab('user')}
              >
                By user
              </button>
            </div>
            <Show when={tab() === 'product'}>
              <Show when={rows().length > 0} fallback={<p class="table-empty">No subscription seats in this team and range.</p>}>
                <table class="data-table" data-testid="seat-products">
                  <thead>
                    <tr>
                      <th scope="col">Product</th>
                      <th scope="col" class="is-number">
                        Seats
                      </th>
                      <th scope="col" class="is-number">
                        Assigned
                      </th>
                      <th scope="col" class="is-number">
                        Active users
                      </th>
                      <th scope="col" class="is-number">
                        Inactive
                      </th>
                      <th scope="col" class="is-number">
                        Peak daily users
                      </th>
                      <th scope="col" class="is-number">
                        Average daily users
                      </th>
                      <th scope="col">Utilisation</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={rows()}>
                      {(r) => (
                        <tr classList={{ 'is-child': r.depth > 0, 'is-selected': detail() === r.row.name }}>
                          <th scope="row">
                            <Show when={r.group}>
                              <button
                                type="button"
                                class="disclosure"
                                aria-expanded={open().has(r.row.name)}
                                aria-label={`${open().has(r.row.name) ? 'Collapse' : 'Expand'} ${r.row.name}`}
                                onClick={() => toggle(r.row.name)}
                              >
                                {open().has(r.row.name) ? '▾' : '▸'}
                              </button>
                            </Show>
                            <button type="button" class="cell-link" onClick={() => setDetail(r.row.name)}>
                              {r.row.name}
                            </button>
                          </th>
                          <td class="is-number">{r.row.seats ? formatInt(r.row.seats) : '—'}</td>
                          <td class="is-number">
                            <Assigned row={r.row} />
                          </td>
                          <td class="is-number">{formatInt(r.row.active)}</td>
                          <td class="is-number">{formatInt(r.row.inactive)}</td>
                          <td class="is-number">{formatInt(r.row.peakDaily)}</td>
                          <td class="is-number">{r.row.averageDaily.toFixed(1)}</td>
                          <td>
                            <Utilisation row={r.row} />
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
                <p class="muted">
                  Utilisation is seats in use ÷ seats, offering by offering and in the headline alike: a seat is in use when someone in its
                  team used the offering in the range; a collection is one seat whichever of its products was used.
                </p>
              </Show>
              <Show when={detail()}>
                <div class="panel" data-testid="product-detail" ref={panel} style={{ 'scroll-margin-top': '12px' }}>
                  <div class="table-toolbar">
                    <h2>{detail()}: distinct users against seats</h2>
                    <span class="spacer" />
                    <div class="segmented" role="radiogroup" aria-label="Granularity">
                      <For
                        each={
                          [
                            ['day', 'Daily'],
                            ['week', 'Weekly'],
                            ['month', 'Monthly'],
                          ] as [Granularity, string][]
                        }
                      >
                        {([g, label]) => (
                          <label class="segmented__option" classList={{ 'is-on': granularity() === g }}>
                            <input type="radio" name="granularity" checked={granularity() === g} onChange={() => setGranularity(g)} />{' '}
                            {label}
                          </label>
                        )}
                      </For>
                    </div>
                    <button type="button" class="button" onClick={() => setDetail(null)}>
                      Close
                    </button>
                  </div>
                  <Show when={chart()}>
                    {(c) => (
                      <>
                        <p class="muted" data-testid="product-detail-figures">
                          Peak {formatInt(c().peak)} · average {c().average.toFixed(1)} · seats{' '}
                          {c().seats ? formatInt(c().seats) : 'unknown'}
                        </p>
                        <UsageChart
                          label={`Distinct users of ${c().product} per ${c().granularity}, against ${c().seats} seats`}
                          days={c().starts}
                          height={220}
                          yLabel="users"
                          series={[
                            { label: 'Distinct users', values: c().users, color: '#2d6cab', bars: c().granularity !== 'day' },
                            ...(c().seats
                              ? [{ label: 'Seats', values: c().starts.map(() => c().seats), color: '#a4262c', dash: [6, 4] }]
                              : []),
                          ]}
                        />
                      </>
                    )}
                  </Show>
                </div>
              </Show>
            </Show>
            <Show when={tab() === 'user'}>
              <div class="field field--grow">
                <label for="seat-q">Name or email</label>
                <input id="seat-q" type="search" value={search()} onInput={(e) => setSearch(e.currentTarget.value)} />
              </div>
              <Show when={users()}>
                {(u) => (
                  <>
                    <p class="muted">
                      {u().total > u().rows.length
                        ? `The ${u().rows.length} most active of ${formatInt(u().total)} rows.`
                        : `${formatInt(u().total)} rows.`}
                    </p>
                    <table class="data-table" data-testid="seat-users">
                      <thead>
                        <tr>
                          <th scope="col">Person</th>
                          <th scope="col">Team</th>
                          <th scope="col">Product</th>
                          <th scope="col">Versions</th>
                          <th scope="col" class="is-number">
                            Days used
                          </th>
                          <th scope="col" class="is-number">
                            Days a month
                          </th>
                          <th scope="col">Last accessed</th>
                        </tr>
                      </thead>
                      <tbody>
                        <For each={u().rows}>
                          {(r) => (
                            <tr>
                              <td>
                                <button type="button" class="cell-link" onClick={() => setPerson(r.userRef)}>
                                  {r.name}
                                </button>
                              </td>
                              <td>{r.team}</td>
                              <td>{r.product}</td>
                              <td>{r.versions || '—'}</td>
                              <td class="is-number">{r.daysUsed}</td>
                              <td class="is-number">{r.perMonth.toFixed(1)}</td>
                              <td>{displayIsoDay(r.lastAccessed)}</td>
                            </tr>
                          )}
                        </For>
                      </tbody>
                    </table>
                  </>
                )}
              </Show>
            </Show>
          </>
        )}
      </Show>
      <Show when={person()}>
        {(ref) => <UserDetailWithActions userRef={ref()} view={view()} onClose={() => setPerson(null)} onMessage={setActionMessage} />}
      </Show>
    </ScopedPage>
  );
}
