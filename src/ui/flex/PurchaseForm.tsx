/** Enter a token purchase by hand, or import several from a CSV (docs/flex.md, "Token packs"). */
import { For, Show, createSignal } from 'solid-js';
import { client } from '../common/client';
import { formatInt } from '../../core/vocabulary/format';
import { parseIsoDay } from '../../core/vocabulary/days';
import type { EngineApi } from '../../api/engine';

export function PurchaseForm(props: { teams: string[]; team: string | null; onSaved: (message: string) => void }) {
  const [team, setTeam] = createSignal(props.team ?? props.teams[0] ?? '');
  const [date, setDate] = createSignal('');
  const [quantity, setQuantity] = createSignal('');
  const [expiry, setExpiry] = createSignal('');
  const [note, setNote] = createSignal('');
  const [error, setError] = createSignal('');
  const importFile = async (file: File) => {
    let r: Awaited<ReturnType<EngineApi['importPurchases']>>;
    try {
      const text = await file.text();
      r = await client.write(
        'purchases',
        () => client.engine.importPurchases(text, team()),
        (x) => x.saved > 0,
      );
    } catch (err) {
      setError(`${file.name}: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    if (r.error) {
      setError(`${file.name}: ${r.error}`);
      return;
    }
    if (r.errors.length) {
      setError(
        `${file.name}: nothing imported; ${r.errors.length} row${r.errors.length === 1 ? '' : 's'} to fix: ${r.errors
          .slice(0, 5)
          .map((e) => `row ${e.row}, ${e.column}: ${e.reason}`)
          .join('; ')}.`,
      );
      return;
    }
    setError('');
    props.onSaved(`${r.saved} purchase${r.saved === 1 ? '' : 's'} imported from ${file.name}.`);
  };
  const save = async () => {
    const q = Number(quantity().replace(/[,\s]/g, ''));
    if (parseIsoDay(date()) === null) {
      setError('Enter the purchase date.');
      return;
    }
    if (!Number.isFinite(q) || q <= 0) {
      setError('Enter how many tokens were bought (a positive number).');
      return;
    }
    if (expiry() && (parseIsoDay(expiry()) === null || expiry() <= date())) {
      setError('The expiry must be a date after the purchase.');
      return;
    }
    setError('');
    try {
      await client.write('purchases', () =>
        client.engine.savePurchase({ team: team(), date: date(), quantity: q, expiry: expiry(), note: note().trim() }),
      );
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      return;
    }
    props.onSaved(`Purchase of ${formatInt(q)} tokens for ${team()} on ${date()} saved.`);
    setQuantity('');
    setNote('');
    setExpiry('');
  };
  return (
    <form
      class="form-grid purchase-form"
      aria-label="Add a token purchase"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div class="field">
        <label for="p-team">Team</label>
        <select id="p-team" value={team()} onChange={(e) => setTeam(e.currentTarget.value)}>
          <For each={props.teams}>{(t) => <option value={t}>{t}</option>}</For>
        </select>
      </div>
      <div class="field">
        <label for="p-date">Purchased on</label>
        <input id="p-date" type="date" value={date()} onInput={(e) => setDate(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="p-qty">Tokens</label>
        <input id="p-qty" inputmode="numeric" value={quantity()} onInput={(e) => setQuantity(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="p-exp">Expires (optional)</label>
        <input id="p-exp" type="date" value={expiry()} onInput={(e) => setExpiry(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="p-note">Note</label>
        <input id="p-note" value={note()} onInput={(e) => setNote(e.currentTarget.value)} />
      </div>
      <div class="field">
        <span>&nbsp;</span>
        <button type="submit" class="button button--primary">
          Add purchase
        </button>
      </div>
      <div class="field">
        <span>&nbsp;</span>
        <label class="button">
          Import purchases (CSV)…
          <input
            type="file"
            accept=".csv,text/csv"
            class="visually-hidden"
            aria-label="Import token purchases from a CSV file"
            onChange={(e) => {
              const f = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (f) void importFile(f);
            }}
          />
        </label>
      </div>
      <Show when={error()}>
        <p class="notice notice--error" role="alert">
          {error()}
        </p>
      </Show>
    </form>
  );
}
