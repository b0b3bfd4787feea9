/** Flex tokens (docs/flex.md) — use by product, user and month; packs and balance; a forecast to buy from. */
import { For, Show } from 'solid-js';
import { client } from '../common/client';
import { formatInt, formatTokens } from '../../core/vocabulary/format';
import { UsageChart } from '../common/UsageChart';
import { dayFromYmd, displayIsoDay } from '../../core/vocabulary/days';
import { ScopedPage } from '../report/ScopedPage';
import { UserDetailWithActions } from '../report/UserDetailWithActions';
import { PurchaseForm } from './PurchaseForm';
import { useFlex } from './use-flex';
import { ActionMessage } from '../common/ActionMessage';
import { Tile } from '../common/Tile';

const monthDay = (m: string) => dayFromYmd(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 1);

export default function FlexPage() {
  const { view, setView, data, message, saved, remove, person, setPerson, actionMessage, setActionMessage } = useFlex();

  return (
    <ScopedPage
      id="flex-title"
      title="Flex tokens"
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
              <section class="tile-group" aria-label="Flex in the range">
                <h2 class="tile-group__title">In the range</h2>
                <div class="tile-group__tiles">
                  <Tile testId="flex-tokens" value={formatTokens(d().totals.tokens)} label="Tokens used" />
                  <Tile testId="flex-users" value={formatInt(d().totals.users)} label="Flex users (used tokens)" />
                  <Tile testId="flex-access" value={formatInt(d().totals.peopleWithAccess)} label="People with Flex access" />
                  <Tile testId="flex-monthly" value={formatTokens(d().totals.monthlyAverage)} label="Monthly average tokens" />
                </div>
              </section>
              <section
                class="tile-group"
                classList={{ 'tile-group--warn': d().balance.low }}
                aria-label={`Balance on ${displayIsoDay(d().asOf)}`}
              >
                <h2 class="tile-group__title">Balance on {displayIsoDay(d().asOf)}</h2>
                <div class="tile-group__tiles">
                  <Tile
                    testId="flex-remaining"
                    value={formatTokens(d().balance.remaining)}
                    label={<>Remaining{d().balance.low ? ' — 20 % or less left' : ''}</>}
                  />
                  <Tile value={formatTokens(d().balance.purchased)} label="Purchased" />
                  <Tile value={formatTokens(d().balance.consumed)} label="Consumed" />
                  <Tile value={formatTokens(d().balance.expired)} label="Expired unused" />
                </div>
              </section>
            </div>
            <Show when={d().balance.low}>
              <p class="notice notice--warn" role="alert">
                The balance is at 20 % or less of the active packs. Plan the next purchase.
              </p>
            </Show>
            <Show when={d().balance.uncovered > 0}>
              <p class="notice notice--warn">
                {formatTokens(d().balance.uncovered)} tokens were used that no entered pack covers: enter the missing purchases for an exact
                balance.
              </p>
            </Show>

            <div class="panel" data-testid="flex-forecast">
              <h2>Forecast</h2>
              <p class="muted">{d().forecast.method}</p>
              <p>
                Burn rate <strong>{formatTokens(d().forecast.monthlyBurn)}</strong> tokens a month · next 12 months need{' '}
                <strong data-testid="flex-needed">{formatTokens(d().forecast.tokensNeeded12Months)}</strong> tokens ·{' '}
                <span data-testid="flex-runs-out">
                  {d().forecast.runsOutOn === null ? (
                    'the balance lasts beyond the next 12 months'
                  ) : d().forecast.runsOutOn === '' ? (
                    'no balance left: enter a purchase to forecast when it runs out'
                  ) : (
                    <>
                      the balance runs out on <strong>{displayIsoDay(d().forecast.runsOutOn ?? '')}</strong>
                    </>
                  )}
                </span>
              </p>
              <UsageChart
                label="Monthly Flex tokens: the last 12 months actual, the next 12 forecast, with the balance"
                height={240}
                yLabel="tokens"
                days={d().chart.months.map(monthDay)}
                series={[
                  { label: 'Actual', values: d().chart.actual, color: '#2d6cab', bars: true },
                  { label: 'Forecast', values: d().chart.forecast, color: '#f2b134', bars: true },
                  { label: 'Balance', values: d().chart.balance, color: '#1e6b3a' },
                ]}
              />
            </div>

            <div class="panel">
              <h2>Token purchases</h2>
              <p class="muted">
                A pack expires 12 months after purchase unless you give its own date; nothing rolls over. Each day's use draws first from
                the pack that ends first, then from the smallest.
              </p>
              <PurchaseForm teams={client.summary()!.teams} team={view().team} onSaved={saved} />
              <p aria-live="polite" data-testid="flex-message">
                {message()}
              </p>
              <Show
                when={d().balance.packs.length > 0}
                fallback={<p class="muted">No purchases entered{view().team ? ` for ${view().team}` : ''} yet.</p>}
              >
                <table class="data-table" data-testid="flex-packs">
                  <thead>
                    <tr>
                      <th scope="col">Team</th>
                      <th scope="col">Purchased</th>
                      <th scope="col" class="is-number">
                        Tokens
                      </th>
                      <th scope="col">Ends</th>
                      <th scope="col" class="is-number">
                        Consumed
                      </th>
                      <th scope="col" class="is-number">
                        Remaining
                      </th>
                      <th scope="col" class="is-number">
                        Expired
                      </th>
                      <th scope="col">Note</th>
                      <th scope="col">
                        <span class="visually-hidden">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={d().balance.packs}>
                      {(p) => (
                        <tr>
                          <td>{p.purchase.team}</td>
                          <td>{displayIsoDay(p.purchase.date)}</td>
                          <td class="is-number">{formatTokens(p.purchase.quantity)}</td>
                          <td>
                            {displayIsoDay(p.end)}
                            <Show when={p.expiresSoon}>
                              {' '}
                              <span class="badge badge--pending">
                                ends within 90 days{p.forecastUnused > 0 ? `; ${formatTokens(p.forecastUnused)} forecast unused` : ''}
                              </span>
                            </Show>
                          </td>
                          <td class="is-number">{formatTokens(p.consumed)}</td>
                          <td class="is-number">{formatTokens(p.remaining)}</td>
                          <td class="is-number">{formatTokens(p.expired)}</td>
                          <td>{p.purchase.note}</td>
                          <td>
                            <button
                              type="button"
                              class="button button--small"
                              aria-label={`Remove the purchase of ${p.purchase.date}`}
                              onClick={() => void remove(p.purchase.id!)}
                            >
                              Remove
                            </button>
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </Show>
            </div>

            <div class="grid-2">
              <div class="panel">
                <h2>By product</h2>
                <Show when={d().usage.byProduct.length > 0} fallback={<p class="muted">No Flex use in this team and range.</p>}>
                  <table class="data-table" data-testid="flex-by-product">
                    <thead>
                      <tr>
                        <th scope="col">Product</th>
                        <th scope="col" class="is-number">
                          Tokens
                        </th>
                        <th scope="col" class="is-number">
                          Users
                        </th>
                        <th scope="col" class="is-number">
                          Days
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={d().usage.byProduct}>
                        {(p) => (
                          <tr>
                            <td>{p.product}</td>
                            <td class="is-number">{formatTokens(p.tokens)}</td>
                            <td class="is-number">{p.users}</td>
                            <td class="is-number">{p.days}</td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </Show>
              </div>
              <div class="panel">
                <h2>By month</h2>
                <table class="data-table" data-testid="flex-by-month">
                  <thead>
                    <tr>
                      <th scope="col">Month</th>
                      <th scope="col" class="is-number">
                        Tokens
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={d().usage.byMonth}>
                      {(m) => (
                        <tr>
                          <td>{m.month}</td>
                          <td class="is-number">{formatTokens(m.tokens)}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </div>
            <div class="panel">
              <h2>By user</h2>
              <Show when={d().usage.byUser.length > 0} fallback={<p class="muted">No Flex users in this team and range.</p>}>
                <table class="data-table">
                  <thead>
                    <tr>
                      <th scope="col">Person</th>
                      <th scope="col">Team</th>
                      <th scope="col">Products</th>
                      <th scope="col" class="is-number">
                        Tokens
                      </th>
                      <th scope="col" class="is-number">
                        Days
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={d().usage.byUser.slice(0, 50)}>
                      {(u) => (
                        <tr>
                          <td>
                            <button type="button" class="cell-link" onClick={() => setPerson(u.userRef)}>
                              {u.name}
                            </button>
                          </td>
                          <td>{u.team}</td>
                          <td>{u.products}</td>
                          <td class="is-number">{formatTokens(u.tokens)}</td>
                          <td class="is-number">{u.days}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
                <Show when={d().usage.byUser.length > 50}>
                  <p class="muted">The 50 heaviest of {formatInt(d().usage.byUser.length)} users.</p>
                </Show>
              </Show>
            </div>
            <Show when={d().usage.multiProductDays.length > 0}>
              <div class="panel">
                <h2>Charged for several products on one day</h2>
                <p class="muted">
                  Each product is charged separately: these days cost the sum. {formatInt(d().usage.multiProductDays.length)} such days in
                  the range{d().usage.multiProductDays.length > 25 ? '; the latest 25 are listed' : ''}.
                </p>
                <table class="data-table" data-testid="flex-multi">
                  <thead>
                    <tr>
                      <th scope="col">Day</th>
                      <th scope="col">Person</th>
                      <th scope="col">Products</th>
                      <th scope="col" class="is-number">
                        Tokens
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={d().usage.multiProductDays.slice(0, 25)}>
                      {(m) => (
                        <tr>
                          <td>{displayIsoDay(m.day)}</td>
                          <td>{m.name}</td>
                          <td>{m.products.join(', ')}</td>
                          <td class="is-number">{formatTokens(m.tokens)}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
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
