/** The prices the plan's money is worked out with: list prices by default, the admin's own once edited (docs/recommendations.md). */
import { For, createSignal } from 'solid-js';
import { client } from '../common/client';
import { isDefault, seatPriceOf, tokensPerDayOf, type PriceTable } from '../../core/vocabulary/prices';

export function PriceEditor(props: { prices: PriceTable; products: string[] }) {
  const [draft, setDraft] = createSignal<PriceTable>(structuredClone(props.prices));
  const [message, setMessage] = createSignal('');
  const set = (entry: string, apply: (p: PriceTable, v: number) => void) => (e: Event & { currentTarget: HTMLInputElement }) => {
    const v = Number(e.currentTarget.value);
    if (!Number.isFinite(v) || v < 0) return;
    setDraft((p) => {
      const n = structuredClone(p);
      apply(n, v);
      if (!n.edited.includes(entry)) n.edited.push(entry);
      return n;
    });
  };
  const save = async () => {
    try {
      await client.write('prices', () => client.engine.setPrices(draft()));
    } catch (err) {
      setMessage(err instanceof Error ? err.message : String(err));
      return;
    }
    setMessage('Prices saved.');
  };
  const mark = (entry: string) => (isDefault(draft(), entry) ? <span class="badge">default</span> : '');
  return (
    <details class="panel price-editor">
      <summary>
        <strong>Prices</strong> — defaults are list prices; replace them with your contract's
      </summary>
      <div class="field">
        <label for="price-token">US$ per token {mark('token')}</label>
        <input
          id="price-token"
          type="number"
          min="0"
          step="0.01"
          value={draft().tokenPrice}
          onChange={set('token', (p, v) => {
            p.tokenPrice = v;
          })}
        />
      </div>
      <table class="data-table">
        <thead>
          <tr>
            <th scope="col">Product or offering</th>
            <th scope="col">Seat, US$ a year</th>
            <th scope="col">Flex tokens a day</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.products}>
            {(name) => (
              <tr>
                <th scope="row">{name}</th>
                <td>
                  <input
                    type="number"
                    min="0"
                    aria-label={`Seat price of ${name}`}
                    value={seatPriceOf(draft(), name)}
                    onChange={set(`seat:${name}`, (p, v) => {
                      p.seatPrice[name] = v;
                    })}
                  />{' '}
                  {mark(`seat:${name}`)}
                </td>
                <td>
                  <input
                    type="number"
                    min="0"
                    aria-label={`Tokens a day for ${name}`}
                    value={tokensPerDayOf(draft(), name)}
                    onChange={set(`tokens:${name}`, (p, v) => {
                      p.tokensPerDay[name] = v;
                    })}
                  />{' '}
                  {mark(`tokens:${name}`)}
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <div class="button-row">
        <button type="button" class="button button--primary" onClick={() => void save()}>
          Save prices
        </button>
      </div>
      <p aria-live="polite">{message()}</p>
    </details>
  );
}
