import { Show, createSignal } from 'solid-js';
import { Dialog } from '../common/Dialog';
import { client } from '../common/client';
import { describeQueueResult } from './queue-result';
import type { ChangeSource } from '../../core/vocabulary/change';

/** Confirm an unassign, with a reason; it queues changes (docs/report.md, "Unassigning from the report"), it deletes nothing. */
export function UnassignDialog(props: {
  rowIds: number[];
  label: string;
  source: ChangeSource;
  asOf?: number;
  onDone: (message: string | null) => void;
}) {
  const [reason, setReason] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    try {
      const r = await client.write('changes', () => client.engine.unassign(props.rowIds, reason().trim(), props.source, props.asOf));
      props.onDone(describeQueueResult(r, 'unassign'));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };
  return (
    <Dialog title="Unassign" onClose={() => props.onDone(null)} testId="unassign-dialog">
      <p>
        Queue an unassign for <strong>{props.label}</strong>? Nothing changes in the portal until you export the queue and import it there.
      </p>
      <div class="field">
        <label for="unassign-reason">Reason</label>
        <textarea
          id="unassign-reason"
          rows="2"
          value={reason()}
          onInput={(e) => setReason(e.currentTarget.value)}
          placeholder="e.g. inactive for 6 months"
        />
      </div>
      <Show when={error()}>
        <p class="notice notice--error" role="alert">
          {error()}
        </p>
      </Show>
      <div class="button-row">
        <button type="button" class="button button--primary" disabled={busy()} onClick={() => void confirm()}>
          Queue unassign
        </button>
        <button type="button" class="button" onClick={() => props.onDone(null)}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
