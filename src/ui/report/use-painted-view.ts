/**
 * The view whose rows are on screen, once the frame showing them has been painted. What the report asks
 * for after its rows — the trend, the Flex balance tile — keys on it, so neither its computing, nor its
 * storage reads, nor its answer compete with the rows for the machine (docs/report.md, "Trend").
 */
import { createEffect, createSignal, on, onCleanup, untrack, type Accessor } from 'solid-js';
import type { ReportViewState } from '../../core/vocabulary/view-state';

/**
 * `shown` is the report answer on screen (a new object with each answer) and the view it answers;
 * `loading`, whether a newer one is on its way (then that one sets the view instead).
 */
export function usePaintedView(
  shown: () => { view: ReportViewState } | undefined,
  loading: () => boolean,
): Accessor<ReportViewState | null> {
  // Set again with each answer painted, even to an equal view: what keys on it decides what is new.
  const [painted, setPainted] = createSignal<ReportViewState | null>(null, { equals: false });
  createEffect(
    on(shown, (answer) => {
      if (!answer) return;
      let timer: ReturnType<typeof setTimeout> | undefined;
      // A task after the next frame's animation callbacks: after the paint of the rows.
      const frame = requestAnimationFrame(() => {
        timer = setTimeout(() => {
          if (!untrack(loading)) setPainted(answer.view);
        });
      });
      onCleanup(() => {
        cancelAnimationFrame(frame);
        clearTimeout(timer);
      });
    }),
  );
  return painted;
}
