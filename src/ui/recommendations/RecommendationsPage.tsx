/**
 * Recommendations with money attached: the plan's headline and summary table,
 * then one card per team × offering grouped by type, each with its arithmetic;
 * acting on one is reviewed in a dialog first (docs/recommendations.md).
 */
import { For, Show, createMemo, createResource, createSignal } from 'solid-js';
import { A } from '@solidjs/router';
import { engineWorker } from '../app/workers';
import { formatInt } from '../../core/vocabulary/format';
import { workspaceSummary, workspaceVersion } from '../app/workspace-state';
import { todayUtc } from '../../core/vocabulary/days';
import type { Recommendation, RecommendationKind } from '../../core/recommendations/recommendations';
import type { ReportViewState } from '../../core/vocabulary/view-state';
import { ScopedPage } from '../report/ScopedPage';
import { useViewState } from '../report/use-view-state';
import { changesVersion } from '../changes/changes-client';
import { isDefault, seatPriceOf, tokensPerDayOf, type PriceTable } from '../../core/vocabulary/prices';
import { KIND_LABELS, KIND_ORDER, STEP_LABELS, moneyText, planSummary, queuedText } from './plan-summary';
import { QueueRecommendationDialog } from './QueueRecommendationDialog';
import './recommendations.css';

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


const cardId = (r: Recommendation) => `rec-${r.id.replace(/[^A-Za-z0-9]+/g, '-')}`;

/** A signed amount as the admin reads it: "saves US$x" or "costs US$x". */
function Money(props: { amount: number }) {
  return (
    <span classList={{ 'money--saves': props.amount > 0, 'money--costs': props.amount < 0 }}>
      {props.amount === 0 ? '—' : moneyText(props.amount)}
    </span>
  );
}

function HowWorkedOut(props: { r: Recommendation }) {
  return (
    <details class="rec__how">
      <summary>How this is worked out</summary>
      <p>{props.r.seatPlan}</p>
      <p class="muted">Seats and holders are the report's figures for {props.r.team}, {props.r.product} on the range's last day: {formatInt(props.r.seats)} seats, {formatInt(props.r.holders)} held.</p>
      <table class="data-table">
        <thead><tr><th scope="col">Part</th><th scope="col">Arithmetic</th><th scope="col" class="is-number">A year</th></tr></thead>
        <tbody>
          <For each={props.r.lines}>
            {(l) => (
              <tr><th scope="row">{l.label}</th><td>{l.text}</td><td class="is-number"><Money amount={l.amount} /></td></tr>
            )}
          </For>
        </tbody>
        <tfoot><tr><th scope="row">Net</th><td /><td class="is-number"><strong><Money amount={props.r.amount} /></strong></td></tr></tfoot>
      </table>
    </details>
  );
}

function Card(props: { r: Recommendation; onQueue: (r: Recommendation) => void }) {
  const queued = () => queuedText(props.r.queued);
  const open = () => props.r.users.filter((u) => !u.lock).length;
  return (
    <article id={cardId(props.r)} class="panel rec" classList={{ [`rec--${props.r.kind}`]: true }} aria-labelledby={`${cardId(props.r)}-title`} data-testid="recommendation">
      <div class="rec__head">
        <h3 id={`${cardId(props.r)}-title`}>{props.r.title}</h3>
        <Show when={props.r.kind !== 'single-admin'}>
          <p class="rec__amount"><strong><Money amount={props.r.amount} /></strong> a year</p>
        </Show>
      </div>
      <p>{props.r.explanation}</p>
      <Show when={props.r.kind !== 'single-admin'}><HowWorkedOut r={props.r} /></Show>
      <Show when={props.r.users.length > 0}>
        <details>
          <summary>{props.r.users.length} {props.r.users.length === 1 ? 'person' : 'people'}</summary>
          <table class="data-table rec__users">
            <thead><tr><th scope="col">Person</th><th scope="col">Step</th><th scope="col">Why</th><th scope="col">Money a year</th></tr></thead>
            <tbody>
              <For each={props.r.users}>
                {(u) => (
                  <tr>
                    <th scope="row">{u.name}</th>
                    <td>{STEP_LABELS[u.step]}<Show when={u.lock}><div class="muted">Locked: {u.lock}</div></Show></td>
                    <td>{u.detail}</td>
                    <td>{u.arithmetic ? <>{u.arithmetic.text} <span class="muted">({u.amount > 0 ? 'tokens saved' : 'tokens spent'})</span></> : <span class="muted">in the seat count</span>}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </details>
      </Show>
      <Show when={queued()}>
        <p class="rec__queued" data-testid="rec-queued">{queued()} — <A href="/changes">see Changes</A></p>
      </Show>
      <Show when={open() > 0}>
        <div class="button-row">
          <button type="button" class="button button--primary" onClick={() => props.onQueue(props.r)}>Queue…</button>
        </div>
      </Show>
    </article>
  );
}

function SummaryTable(props: { items: Recommendation[]; onShow: (r: Recommendation) => void }) {
  const totals = () => planSummary(props.items);
  return (
    <div class="panel rec-summary">
      <h2 id="rec-summary-title">Summary</h2>
      <table class="data-table" data-testid="rec-summary" aria-labelledby="rec-summary-title">
        <thead>
          <tr><th scope="col">Type</th><th scope="col">Team</th><th scope="col">Offering</th><th scope="col" class="is-number">People</th><th scope="col" class="is-number">Money a year</th></tr>
        </thead>
        <tbody>
          <For each={props.items}>
            {(r) => (
              <tr>
                <td>{KIND_LABELS[r.kind]}</td>
                <td>{r.team}</td>
                <th scope="row"><button type="button" class="link-button" onClick={() => props.onShow(r)}>{r.product || r.title}</button></th>
                <td class="is-number">{formatInt(r.users.length)}</td>
                <td class="is-number"><Money amount={r.amount} /></td>
              </tr>
            )}
          </For>
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>Total, {totals().count} recommendation{totals().count === 1 ? '' : 's'}</th>
            <td class="is-number">{formatInt(totals().people)}</td>
            <td class="is-number" data-testid="rec-summary-total"><strong><Money amount={totals().net} /></strong></td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export default function RecommendationsPage() {
  const { view, setView } = useViewState('/recommendations');
  const scoped = (): ReportViewState => ({ ...view(), range: view().range ?? (view().from && view().to ? null : '12m' as const) });
  const [priceVersion, setPriceVersion] = createSignal(0);
  const [message, setMessage] = createSignal('');
  const [type, setType] = createSignal<RecommendationKind | ''>('');
  const [team, setTeam] = createSignal('');
  const [reviewing, setReviewing] = createSignal<Recommendation | null>(null);
  const [data] = createResource(() => ({ v: scoped(), w: workspaceVersion(), c: changesVersion(), p: priceVersion() }), ({ v }) => engineWorker().recommendations(v, todayUtc()));
  const [prices] = createResource(() => priceVersion(), () => engineWorker().prices());
  const items = () => data()?.items ?? [];
  const totals = createMemo(() => planSummary(items()));
  const teams = createMemo(() => [...new Set(items().map((r) => r.team).filter(Boolean))].sort((a, b) => a.localeCompare(b)));
  const kinds = createMemo(() => KIND_ORDER.filter((k) => items().some((r) => r.kind === k)));
  // The card just acted on stays in view even when its type changes with what is left to do.
  const [acted, setActed] = createSignal('');
  const kept = (r: Recommendation) => r.id === acted() || ((!type() || r.kind === type()) && (!team() || r.team === team() || !r.team));
  const shown = (kind: RecommendationKind) => items().filter((r) => r.kind === kind && kept(r));
  /** The dialog closed: after a queue, say what happened and keep that card in view. */
  const done = (id: string, m: string | null) => {
    setReviewing(null);
    if (m) { setActed(id); setMessage(m); }
  };
  const show = (r: Recommendation) => {
    setType(''); setTeam(''); setActed('');
    queueMicrotask(() => document.getElementById(cardId(r))?.scrollIntoView({ block: 'start' }));
  };
  const products = () => [...new Set([...(workspaceSummary()?.assignableProducts ?? [])])];
  return (
    <ScopedPage id="rec-title" title="Recommendations" scope={data()} view={scoped()} onChange={setView} wide>
      <Show when={data()}>
        <div class="tiles">
          <section class="tile-group" aria-label="Money at stake">
            <div class="tile-group__tiles">
              <div class="tile" data-testid="rec-net">
                <div class="tile__value">{totals().net < 0 ? '−' : ''}US${formatInt(Math.abs(totals().net))}</div>
                <div class="tile__label">{totals().net < 0 ? 'Net cost a year' : 'Net saving a year'}, the whole plan</div>
              </div>
              <div class="tile" data-testid="rec-savings"><div class="tile__value">US${formatInt(totals().saves)}</div><div class="tile__label">Saved by the recommendations that save</div></div>
              <div class="tile"><div class="tile__value">US${formatInt(totals().costs)}</div><div class="tile__label">Spent by those that cost</div></div>
              <div class="tile"><div class="tile__value">{totals().count}</div><div class="tile__label">Recommendations</div></div>
              <div class="tile"><div class="tile__value">{formatInt(totals().people)}</div><div class="tile__label">People concerned</div></div>
            </div>
          </section>
        </div>
        <p class="notice" aria-live="polite" data-testid="rec-message" classList={{ 'is-empty': !message() }}>{message()}</p>
        <Show when={prices()}>{(p) => <PriceEditor prices={p()} products={products()} onSaved={() => setPriceVersion((v) => v + 1)} />}</Show>
        <Show when={items().length > 0} fallback={<p class="table-empty">Nothing to recommend for this team and period.</p>}>
          <SummaryTable items={items()} onShow={show} />
          <div class="table-toolbar rec-filters">
            <h2>Recommendations by type</h2>
            <span class="spacer" />
            <div class="field">
              <label for="rec-type">Type</label>
              <select id="rec-type" value={type()} onChange={(e) => { setActed(''); setType(e.currentTarget.value as RecommendationKind | ''); }}>
                <option value="">All types</option>
                <For each={kinds()}>{(k) => <option value={k}>{KIND_LABELS[k]}</option>}</For>
              </select>
            </div>
            <Show when={teams().length > 1}>
              <div class="field">
                <label for="rec-team">Show team</label>
                <select id="rec-team" value={team()} onChange={(e) => { setActed(''); setTeam(e.currentTarget.value); }}>
                  <option value="">All teams</option>
                  <For each={teams()}>{(t) => <option value={t}>{t}</option>}</For>
                </select>
              </div>
            </Show>
          </div>
          <For each={kinds()}>
            {(k) => (
              <Show when={shown(k).length > 0}>
                <section class="rec-group" aria-labelledby={`rec-group-${k}`} data-testid={`rec-group-${k}`}>
                  <h2 id={`rec-group-${k}`}>{KIND_LABELS[k]} <span class="badge">{shown(k).length}</span></h2>
                  <For each={shown(k)}>{(r) => <Card r={r} onQueue={setReviewing} />}</For>
                </section>
              </Show>
            )}
          </For>
        </Show>
        <Show when={reviewing()}>
          {(r) => <QueueRecommendationDialog r={r()} view={scoped()} onDone={(m) => done(r().id, m)} />}
        </Show>
      </Show>
    </ScopedPage>
  );
}
