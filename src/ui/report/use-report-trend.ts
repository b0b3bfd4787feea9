/** The trend above the report table (docs/report.md, "Trend"): the view's report, month by month. */
import { createResource } from 'solid-js';
import { client } from '../common/client';
import { todayUtc } from '../../core/vocabulary/days';
import type { ReportViewState } from '../../core/vocabulary/view-state';
import type { ReportTrend } from '../../core/report/report-trend';

/** `reportShown`: the rows of the same view are on screen; the trend is asked for after them, so it never delays them. */
export function useReportTrend(view: () => ReportViewState, reportShown: () => boolean) {
  const [trend] = createResource<ReportTrend | undefined, string | null>(
    () => {
      // Sort and columns do not change the trend: ask again only when the rows' scope or filters do.
      const { sort: _s, cols: _c, ...scope } = view();
      const key = client.hasData() ? `${JSON.stringify(scope)} ${client.version('workspace', 'changes')}` : null;
      return reportShown() ? key : null;
    },
    // A trend the engine dropped for a newer one (null) keeps the chart as it was until that one arrives.
    async (_key, { value }) => (await client.engine.reportTrend(view(), todayUtc())) ?? value,
  );
  return trend;
}
