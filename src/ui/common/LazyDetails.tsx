import { Show, createSignal, type JSX } from 'solid-js';

/**
 * A <details> whose content is built only once it is opened: a page of many
 * cards stays light until the admin asks for a card's people or arithmetic.
 */
export function LazyDetails(props: { class?: string; summary: JSX.Element; children: JSX.Element }) {
  const [opened, setOpened] = createSignal(false);
  return (
    <details class={props.class} onToggle={(e) => e.currentTarget.open && setOpened(true)}>
      {/* Built on the click itself (the toggle event comes a moment later), so the content is there as it opens. */}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a summary is the details' own button; Enter and Space click it too */}
      <summary onClick={() => setOpened(true)}>{props.summary}</summary>
      <Show when={opened()}>{props.children}</Show>
    </details>
  );
}
