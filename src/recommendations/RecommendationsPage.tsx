/** SPEC §8: recommendations with money attached, each a click away from the change queue. */
import { For, Show, createMemo, createResource, createSignal } from 'solid-js';
import { engineWorker } from '../app/workers';
import { formatInt } from '../app/format';
import { workspaceSummary, workspaceVersion } from '../app/workspace-state';
import { todayUtc } from '../engine/days';
import type { Recommendation } from '../engine/recommendations';
import { ScopedPage } from '../report/ScopedPage';
import { useViewState } from '../report/use-view-state';
import { changesUpdated, changesVersion, describeQueueResult } from '../changes/changes-client';
import { isDefault, seatPriceOf, tokensPerDayOf, type PriceTable } from './prices';

const usd = (x: number) => `US$${formatInt(x)}`;

function PriceEditor(props: { prices: PriceTable; products: string[]; onSaved: () => void }) {
  const [draft, setDraft] = createSignal<PriceTable>(structuredClone(props.prices));
  const [message, setMessage] = createSignal('');
  const set = (entry: string, apply: (p: PriceTable, v: number) => void) => (e: Event & { currentTarget: HTMLInputElement }) => {
    const v = Number(e.currentTarget.value);
    if (!Number.isFinite(v) || v < 0) return;
    setDraft((p) => { const n = structuredClone(p); apply(n, v); if (!n.edited.includes(entry)) n.edited.push(entry); return n; });
  };
  const save = async () => { await engineWorker().setPrices(draft()); setMessage('Prices saved.'); props.onSaved(); };
  const mark = (entry: string) => (isDefault(draft(), entry) ? <span class="badge">default</span> : '');
  return (
    <details class="panel price-editor">
      <summary><strong>Prices</strong> — defaults are list prices; replace them with your contract's</summary>
      <div class="field">
        <label for="price-token">US$ per token {mark('token')}</label>
        <input id="price-token" type="number" min="0" step="0.01" value={draft().tokenPrice} onChange={set('token', (p, v) => { p.tokenPrice = v; })} />
      </div>
      <table class="data-table">
        <thead><tr><th scope="col">Product or offering</th><th scope="col">Seat, US$ a year</th><th scope="col">Flex tokens a day</th></tr></thead>
        <tbody>
          <For each={props.products}>
            {(name) => (
              <tr>
                <th scope="row">{name}</th>
                <td><input type="number" min="0" aria-label={`Seat price of ${name}`} value={seatPriceOf(draft(), name)} onChange={set(`seat:${name}`, (p, v) => { p.seatPrice[name] = v; })} /> {mark(`seat:${name}`)}</td>
                <td><input type="number" min="0" aria-label={`Tokens a day for ${name}`} value={tokensPerDayOf(draft(), name)} onChange={set(`tokens:${name}`, (p, v) => { p.tokensPerDay[name] = v; })} /> {mark(`tokens:${name}`)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <div class="button-row"><button type="button" class="button button--primary" onClick={() => void save()}>Save prices</button></div>
      <p aria-live="polite">{message()}</p>
    </details>
  );
}

function Card(props: { r: Recommendation; onQueue: (r: Recommendation) => void }) {
  const verb = () => (props.r.action === 'assign' ? 'assign' : 'unassign');
  return (
    <article class="panel rec" classList={{ [`rec--${props.r.kind}`]: true }} aria-labelledby={`rec-${props.r.id}`} data-testid="recommendation">
      <div class="rec__head">
        <h2 id={`rec-${props.r.id}`}>{props.r.title}</h2>
        <Show when={props.r.amount > 0}>
          <p class="rec__amount">{props.r.kind === 'buy-seats' ? 'costs' : 'saves'} <strong>{usd(props.r.amount)}</strong> a year</p>
        </Show>
      </div>
      <p>{props.r.explanation}</p>
      <Show when={props.r.users.length > 0}>
        <details>
          <summary>{props.r.users.length} {props.r.users.length === 1 ? 'person' : 'people'}</summary>
          <ul class="rec__users">
            <For each={props.r.users.slice(0, 200)}>{(u) => <li><strong>{u.name}</strong> — {u.detail}{u.amount ? ` (${usd(u.amount)})` : ''}</li>}</For>
          </ul>
        </details>
      </Show>
      <Show when={props.r.action}>
        <div class="button-row">
          <button type="button" class="button button--primary" onClick={() => props.onQueue(props.r)}>
            Queue {props.r.users.length} {verb()}{props.r.users.length === 1 ? '' : 's'}
          </button>
        </div>
      </Show>
    </article>
  );
}

export default function RecommendationsPage() {
  const { view, setView } = useViewState('/recommendations');
  const scoped = () => ({ ...view(), range: view().range ?? (view().from && view().to ? null : '12m' as const) });
  const [priceVersion, setPriceVersion] = createSignal(0);
  const [message, setMessage] = createSignal('');
  const [data] = createResource(() => ({ v: scoped(), w: workspaceVersion(), c: changesVersion(), p: priceVersion() }), ({ v }) => engineWorker().recommendations(v, todayUtc()));
  const [prices] = createResource(() => priceVersion(), () => engineWorker().prices());
  const totals = createMemo(() => {
    const items = data()?.items ?? [];
    return {
      savings: items.filter((r) => r.kind !== 'buy-seats').reduce((s, r) => s + r.amount, 0),
      buy: items.filter((r) => r.kind === 'buy-seats').reduce((s, r) => s + r.amount, 0),
    };
  });
  const queue = async (r: Recommendation) => {
    let result;
    try {
      result = await engineWorker().queueRecommendation(r.id, scoped(), `Recommendation: ${r.title}`, todayUtc());
    } catch (err) {
      setMessage(`${r.title}: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    await changesUpdated();
    setMessage(`${r.title}: ${describeQueueResult(result, r.action ?? 'change')}`);
  };
  const products = () => [...new Set([...(workspaceSummary()?.assignableProducts ?? [])])];
  return (
    <ScopedPage id="rec-title" title="Recommendations" scope={data()} view={scoped()} onChange={setView} wide>
      <Show when={data()}>
        {(d) => (
          <>
            <div class="tiles">
              <section class="tile-group" aria-label="Money at stake">
                <div class="tile-group__tiles">
                  <div class="tile" data-testid="rec-savings"><div class="tile__value">{usd(totals().savings)}</div><div class="tile__label">Savings a year</div></div>
                  <div class="tile"><div class="tile__value">{usd(totals().buy)}</div><div class="tile__label">Seats to buy, a year</div></div>
                  <div class="tile"><div class="tile__value">{d().items.length}</div><div class="tile__label">Recommendations</div></div>
                </div>
              </section>
            </div>
            <p class="notice" aria-live="polite" data-testid="rec-message" classList={{ 'is-empty': !message() }}>{message()}</p>
            <Show when={prices()}>{(p) => <PriceEditor prices={p()} products={products()} onSaved={() => setPriceVersion((v) => v + 1)} />}</Show>
            <Show when={d().items.length > 0} fallback={<p class="table-empty">Nothing to recommend for this team and period.</p>}>
              <For each={d().items}>{(r) => <Card r={r} onQueue={(x) => void queue(x)} />}</For>
            </Show>
          </>
        )}
      </Show>
    </ScopedPage>
  );
}
