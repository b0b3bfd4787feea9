import { For, Show, createMemo, createSignal } from 'solid-js';
import { Dialog } from '../common/Dialog';
import { client } from '../common/client';
import { todayUtc } from '../../core/vocabulary/days';
import type { RecommendedUser, Recommendation } from '../../core/recommendations/recommendations';
import type { ReportViewState } from '../../core/vocabulary/view-state';
import { describeQueueResult } from '../changes/queue-result';

const changeText = (u: RecommendedUser, product: string) =>
  u.step === 'give-seat'
    ? `Assign a ${product} seat`
    : u.step === 'move-to-flex'
      ? `Unassign the ${product} seat, assign ${product} on Flex`
      : `Unassign ${product}`;

/**
 * Review before queueing (docs/recommendations.md): everyone the recommendation
 * names, ticked unless locked (a group or default assignment, or a change
 * already queued), and a reason. Nothing is queued until the admin confirms.
 */
export function QueueRecommendationDialog(props: { r: Recommendation; view: ReportViewState; onDone: (message: string | null) => void }) {
  const [ticked, setTicked] = createSignal<Set<string>>(new Set(props.r.users.filter((u) => !u.lock).map((u) => u.userRef)));
  const [reason, setReason] = createSignal(props.r.title);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const toggle = (ref: string, on: boolean) =>
    setTicked((s) => {
      const n = new Set(s);
      if (on) n.add(ref);
      else n.delete(ref);
      return n;
    });
  const chosen = createMemo(() => props.r.users.filter((u) => !u.lock && ticked().has(u.userRef)));
  const counts = createMemo(() => {
    const c = { unassigns: 0, flexAssigns: 0, assigns: 0 };
    for (const u of chosen()) {
      if (u.step === 'give-seat') c.assigns++;
      else {
        c.unassigns++;
        if (u.step === 'move-to-flex') c.flexAssigns++;
      }
    }
    return c;
  });
  const total = () => counts().unassigns + counts().flexAssigns + counts().assigns;
  const locked = () => props.r.users.filter((u) => u.lock).length;
  const summary = () => {
    const c = counts();
    const parts = [
      c.unassigns ? `${c.unassigns} unassign${c.unassigns === 1 ? '' : 's'}` : '',
      c.flexAssigns ? `${c.flexAssigns} Flex assign${c.flexAssigns === 1 ? '' : 's'}` : '',
      c.assigns ? `${c.assigns} seat assign${c.assigns === 1 ? '' : 's'}` : '',
    ].filter(Boolean);
    return `${parts.length ? `To queue: ${parts.join(', ')}` : 'Nothing ticked'} for ${chosen().length} of ${props.r.users.length} ${props.r.users.length === 1 ? 'person' : 'people'}${locked() ? `; ${locked()} locked, not counted` : ''}.`;
  };
  const confirm = async () => {
    setBusy(true);
    try {
      const result = await client.write('changes', () =>
        client.engine.queueRecommendation(
          props.r.id,
          props.view,
          chosen().map((u) => u.userRef),
          reason().trim(),
          todayUtc(),
        ),
      );
      props.onDone(`${props.r.title}: ${describeQueueResult(result, 'change')}`);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };
  return (
    <Dialog title="Queue changes" wide onClose={() => props.onDone(null)} testId="rec-dialog">
      <p>
        <strong>{props.r.title}</strong>
      </p>
      <p>Untick anyone to leave as they are. Nothing changes in the portal until you export the queue and import it there.</p>
      <div class="rec-dialog__people">
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">
                <span class="visually-hidden">Include</span>
              </th>
              <th scope="col">Person</th>
              <th scope="col">Change</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.r.users}>
              {(u) => (
                <tr classList={{ 'is-locked': !!u.lock }}>
                  <td>
                    <input
                      type="checkbox"
                      checked={!u.lock && ticked().has(u.userRef)}
                      disabled={!!u.lock}
                      aria-label={`Include ${u.name}`}
                      onChange={(e) => toggle(u.userRef, e.currentTarget.checked)}
                    />
                  </td>
                  <th scope="row">{u.name}</th>
                  <td>{changeText(u, props.r.product)}</td>
                  <td>
                    <Show when={u.lock} fallback={<span class="muted">{u.detail}</span>}>
                      <span class="rec-dialog__lock">Locked: {u.lock}</span>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <div class="field">
        <label for="rec-reason">Reason</label>
        <textarea id="rec-reason" rows="2" value={reason()} onInput={(e) => setReason(e.currentTarget.value)} />
      </div>
      <p aria-live="polite" data-testid="rec-dialog-summary">
        {summary()}
      </p>
      <Show when={error()}>
        <p class="notice notice--error" role="alert">
          {error()}
        </p>
      </Show>
      <div class="button-row">
        <button type="button" class="button button--primary" disabled={busy() || total() === 0} onClick={() => void confirm()}>
          Queue {total()} change{total() === 1 ? '' : 's'}
        </button>
        <button type="button" class="button" onClick={() => props.onDone(null)}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
