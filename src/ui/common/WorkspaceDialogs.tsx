/** The two confirmations that replace or remove a whole workspace: from Settings and from the recovery panel alike. */
import { Dialog } from './Dialog';

export function ConfirmRestore(props: { fileName: string; onConfirm: () => void; onCancel: () => void }) {
  return (
    <Dialog title="Restore this backup?" onClose={props.onCancel}>
      <p>
        Restoring <strong>{props.fileName}</strong> replaces everything in this workspace: imports, changes, purchases and settings.
      </p>
      <div class="button-row">
        <button type="button" class="button button--danger" onClick={() => props.onConfirm()}>
          Replace the workspace
        </button>
        <button type="button" class="button" onClick={() => props.onCancel()}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}

export function ConfirmDeleteAll(props: { advice: string; onConfirm: () => void; onCancel: () => void }) {
  return (
    <Dialog title="Delete all data?" onClose={props.onCancel}>
      <p>This removes every import, the change queue, token purchases and settings from this browser. {props.advice}</p>
      <div class="button-row">
        <button type="button" class="button button--danger" onClick={() => props.onConfirm()}>
          Delete everything
        </button>
        <button type="button" class="button" onClick={() => props.onCancel()}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
