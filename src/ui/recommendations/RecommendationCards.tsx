/** The plan as the page shows it: the summary table, and one card per recommendation with its arithmetic (docs/recommendations.md). */
import { For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { formatInt } from '../../core/vocabulary/format';
import type { Recommendation } from '../../core/recommendations/recommendations';
import { KIND_LABELS, STEP_LABELS, moneyText, planSummary, queuedText } from './plan-summary';
import { LazyDetails } from '../common/LazyDetails';

export const cardId = (r: Recommendation) => `rec-${r.id.replace(/[^A-Za-z0-9]+/g, '-')}`;

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
    <LazyDetails class="rec__how" summary="How this is worked out">
      <p>{props.r.seatPlan}</p>
      <p class="muted">
        Seats and holders are the report's figures for {props.r.team}, {props.r.product} on the range's last day: {formatInt(props.r.seats)}{' '}
        seats, {formatInt(props.r.holders)} held.
      </p>
      <table class="data-table">
        <thead>
          <tr>
            <th scope="col">Part</th>
            <th scope="col">Arithmetic</th>
            <th scope="col" class="is-number">
              A year
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={props.r.lines}>
            {(l) => (
              <tr>
                <th scope="row">{l.label}</th>
                <td>{l.text}</td>
                <td class="is-number">
                  <Money amount={l.amount} />
                </td>
              </tr>
            )}
          </For>
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Net</th>
            <td />
            <td class="is-number">
              <strong>
                <Money amount={props.r.amount} />
              </strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </LazyDetails>
  );
}

export function Card(props: { r: Recommendation; onQueue: (r: Recommendation) => void }) {
  const queued = () => queuedText(props.r.queued);
  const open = () => props.r.users.filter((u) => !u.lock).length;
  return (
    <article
      id={cardId(props.r)}
      class="panel rec"
      classList={{ [`rec--${props.r.kind}`]: true }}
      aria-labelledby={`${cardId(props.r)}-title`}
      data-testid="recommendation"
    >
      <div class="rec__head">
        <h3 id={`${cardId(props.r)}-title`}>{props.r.title}</h3>
        <Show when={props.r.kind !== 'single-admin'}>
          <p class="rec__amount">
            <strong>
              <Money amount={props.r.amount} />
            </strong>{' '}
            a year
          </p>
        </Show>
      </div>
      <p>{props.r.explanation}</p>
      <Show when={props.r.kind !== 'single-admin'}>
        <HowWorkedOut r={props.r} />
      </Show>
      <Show when={props.r.users.length > 0}>
        <LazyDetails summary={`${props.r.users.length} ${props.r.users.length === 1 ? 'person' : 'people'}`}>
          <table class="data-table rec__users">
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Step</th>
                <th scope="col">Why</th>
                <th scope="col">Money a year</th>
              </tr>
            </thead>
            <tbody>
              <For each={props.r.users}>
                {(u) => (
                  <tr>
                    <th scope="row">{u.name}</th>
                    <td>
                      {STEP_LABELS[u.step]}
                      <Show when={u.lock}>
                        <div class="muted">Locked: {u.lock}</div>
                      </Show>
                    </td>
                    <td>{u.detail}</td>
                    <td>
                      {u.arithmetic ? (
                        <>
                          {u.arithmetic.text} <span class="muted">({u.amount > 0 ? 'tokens saved' : 'tokens spent'})</span>
                        </>
                      ) : (
                        <span class="muted">in the seat count</span>
                      )}
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </LazyDetails>
      </Show>
      <Show when={queued()}>
        <p class="rec__queued" data-testid="rec-queued">
          {queued()} — <A href="/changes">see Changes</A>
        </p>
      </Show>
      <Show when={open() > 0}>
        <div class="button-row">
          <button type="button" class="button button--primary" onClick={() => props.onQueue(props.r)}>
            Queue…
          </button>
        </div>
      </Show>
    </article>
  );
}

export function SummaryTable(props: { items: Recommendation[]; onShow: (r: Recommendation) => void }) {
  const totals = () => planSummary(props.items);
  return (
    <div class="panel rec-summary">
      <h2 id="rec-summary-title">Summary</h2>
      <table class="data-table" data-testid="rec-summary" aria-labelledby="rec-summary-title">
        <thead>
          <tr>
            <th scope="col">Type</th>
            <th scope="col">Team</th>
            <th scope="col">Offering</th>
            <th scope="col" class="is-number">
              People
            </th>
            <th scope="col" class="is-number">
              Money a year
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={props.items}>
            {(r) => (
              <tr>
                <td>{KIND_LABELS[r.kind]}</td>
                <td>{r.team}</td>
                <th scope="row">
                  <button type="button" class="link-button" onClick={() => props.onShow(r)}>
                    {r.product || r.title}
                  </button>
                </th>
                <td class="is-number">{formatInt(r.users.length)}</td>
                <td class="is-number">
                  <Money amount={r.amount} />
                </td>
              </tr>
            )}
          </For>
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              Total, {totals().count} recommendation{totals().count === 1 ? '' : 's'}
            </th>
            <td class="is-number">{formatInt(totals().people)}</td>
            <td class="is-number" data-testid="rec-summary-total">
              <strong>
                <Money amount={totals().net} />
              </strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
