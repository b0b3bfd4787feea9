import { Show, type JSX } from 'solid-js';

/** A figure tile: its value, its label, and — when the value is "—" or needs a word — a visible note. */
export function Tile(props: {
  label: JSX.Element;
  value: JSX.Element;
  note?: JSX.Element;
  hint?: string;
  testId?: string;
  warn?: boolean;
}) {
  return (
    <div class="tile" classList={{ 'tile--warn': !!props.warn }} data-testid={props.testId} title={props.hint}>
      <div class="tile__value">{props.value}</div>
      <div class="tile__label">{props.label}</div>
      <Show when={props.note}>
        <div class="tile__note">{props.note}</div>
      </Show>
    </div>
  );
}
