/**
 * The view whose rows are on screen, once the frame showing them has been painted. What the report asks
 * for after its rows — the trend, the Flex balance tile — keys on it, so neither its computing, nor its
 * storage reads, nor its answer compete with the rows for the machine (docs/report.md, "Trend").
 */
import { createEffect, createSignal, on, onCleanup, untrack, type Accessor } from 'solid-js';
import type { ReportViewState } from '../../core/vocabulary/view-state';

export interface PaintedView {
  /** The view of the rows last painted; null before any. */
  view: Accessor<ReportViewState | null>;
  /**
   * Settles once no newer rows are on their way: at once, or after the next rows are painted. An answer
   * that arrives meanwhile (an older view's trend) waits for it, so its drawing does not delay them.
   */
  settled(): Promise<void>;
}

/**
 * `shown` is the report answer on screen (a new object with each answer) and the view it answers;
 * `loading`, whether a newer one is on its way (then that one sets the view instead).
 */
export function usePaintedView(shown: () => { view: ReportViewState } | undefined, loading: () => boolean): PaintedView {
  // Set again with each answer painted, even to an equal view: what keys on it decides what is new.
  const [painted, setPainted] = createSignal<ReportViewState | null>(null, { equals: false });
  /** An answer is shown but its frame not yet painted. */
  let paintDue = false;
  let waiting: (() => void)[] = [];
  const release = () => {
    const done = waiting;
    waiting = [];
    for (const resolve of done) resolve();
  };
  // A query that ended without a new answer (it failed) paints nothing: what waited for it goes on.
  createEffect(
    on(loading, (l) => {
      if (!l) queueMicrotask(() => !paintDue && !untrack(loading) && release());
    }),
  );
  createEffect(
    on(shown, (answer) => {
      if (!answer) return;
      paintDue = true;
      let timer: ReturnType<typeof setTimeout> | undefined;
      // A task after the next frame's animation callbacks: after the paint of the rows.
      const frame = requestAnimationFrame(() => {
        timer = setTimeout(() => {
          if (untrack(loading)) return;
          paintDue = false;
          setPainted(answer.view);
          release();
        });
      });
      onCleanup(() => {
        cancelAnimationFrame(frame);
        clearTimeout(timer);
      });
    }),
  );
  return {
    view: painted,
    settled: () => (paintDue || untrack(loading) ? new Promise<void>((resolve) => waiting.push(resolve)) : Promise.resolve()),
  };
}
