/** The trend above the report table (docs/report.md, "Trend"): the view's report, month by month. */
import { createResource } from 'solid-js';
import { client } from '../common/client';
import { todayUtc } from '../../core/vocabulary/days';
import type { ReportViewState } from '../../core/vocabulary/view-state';

export function useReportTrend(view: () => ReportViewState) {
  const [trend] = createResource(
    () => {
      // Sort and columns do not change the trend: ask again only when the rows' scope or filters do.
      const { sort: _s, cols: _c, ...scope } = view();
      return client.hasData() ? `${JSON.stringify(scope)} ${client.version('workspace', 'changes')}` : null;
    },
    () => client.engine.reportTrend(view(), todayUtc()),
  );
  return trend;
}
