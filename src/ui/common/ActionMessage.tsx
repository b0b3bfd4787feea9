/** What the last action on a page did ("2 unassigns queued."), announced politely; empty until there is one. */
export function ActionMessage(props: { message: string }) {
  return (
    <p class="notice" aria-live="polite" data-testid="action-message" classList={{ 'is-empty': !props.message }}>
      {props.message}
    </p>
  );
}
