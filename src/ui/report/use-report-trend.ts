/** The trend above the report table (docs/report.md, "Trend"): the view's report, month by month. */
import { createMemo, createResource, onCleanup, untrack } from 'solid-js';
import { client } from '../common/client';
import { todayUtc } from '../../core/vocabulary/days';
import type { ReportViewState } from '../../core/vocabulary/view-state';
import type { ReportTrend } from '../../core/report/report-trend';
import type { PaintedView } from './use-painted-view';

/** What the trend depends on: the view but its sort and columns, and the workspace with its changes. */
function trendKey(v: ReportViewState): string {
  const { sort: _s, cols: _c, ...scope } = v;
  return `${JSON.stringify(scope)} ${client.version('workspace', 'changes')}`;
}

interface Asked {
  key: string;
  view: ReportViewState;
}

/**
 * The trend of the view whose rows are on screen, asked for once the frame showing them has been
 * painted (`painted`, usePaintedView): its computing, its answer and the chart's redraw never delay the rows.
 */
export function useReportTrend(view: () => ReportViewState, painted: PaintedView) {
  // Sort and columns do not change the trend: equal keys ask nothing again.
  const asked = createMemo<Asked | null>(
    () => {
      const v = painted.view();
      return v && untrack(client.hasData) ? { key: untrack(() => trendKey(v)), view: v } : null;
    },
    null,
    { equals: (a, b) => a?.key === b?.key },
  );
  const [trend] = createResource<ReportTrend | undefined, Asked>(asked, async (a, { value }) => {
    // A trend the engine dropped for a newer one (null) keeps the chart as it was until that one arrives.
    const answer = (await client.engine.reportTrend(a.view, todayUtc())) ?? value;
    // Rows of another view on their way: the chart is drawn after them (and not at all when they ask another trend).
    await painted.settled();
    return answer;
  });
  // Leaving the report leaves its trend unfinished: the engine need not spend the months left on it
  // (at 10M events, about as long as a dozen reports) while the admin imports or looks at another page.
  onCleanup(() => void client.engine.dropTrend());
  /** The trend shown is not yet the rows' view (a newer one is on its way): the page marks it as such. */
  const stale = () => trend.loading || asked()?.key !== trendKey(view());
  return { trend, stale };
}
