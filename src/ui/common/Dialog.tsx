import { onCleanup, onMount, type JSX } from 'solid-js';

/**
 * A modal built on <dialog>: the browser traps focus and closes it on Escape;
 * we only report the close so the owner can update the URL or state.
 */
export function Dialog(props: { title: string; onClose: () => void; children: JSX.Element; wide?: boolean; testId?: string }) {
  let el!: HTMLDialogElement;
  const titleId = `dlg-${Math.random().toString(36).slice(2, 8)}`;
  onMount(() => el.showModal());
  onCleanup(() => {
    if (el.open) el.close();
  });
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: a click on the backdrop closes it; Escape closes a native dialog for the keyboard
    <dialog
      ref={el}
      class="dialog"
      classList={{ 'dialog--wide': props.wide }}
      aria-labelledby={titleId}
      data-testid={props.testId}
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
      onClick={(e) => {
        if (e.target === el) props.onClose();
      }}
    >
      <div class="dialog__head">
        <h2 id={titleId}>{props.title}</h2>
        <button type="button" class="dialog__close" aria-label="Close" onClick={() => props.onClose()}>
          ×
        </button>
      </div>
      <div class="dialog__body">{props.children}</div>
    </dialog>
  );
}
