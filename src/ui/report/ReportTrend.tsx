/** The trend above the report table (docs/report.md, "Trend"): people by activity and Flex tokens, month by month. */
import { useNavigate } from '@solidjs/router';
import { Index, Show } from 'solid-js';
import { LazyDetails } from '../common/LazyDetails';
import { UsageChart } from '../common/UsageChart';
import { displayMonth, displayMonthName, parseIsoDay, ymdParts } from '../../core/vocabulary/days';
import { formatInt, formatTokens } from '../../core/vocabulary/format';
import { toSearchParams, type ReportViewState } from '../../core/vocabulary/view-state';
import type { TrendMonth } from '../../core/report/report-trend';
import { useReportTrend } from './use-report-trend';
import type { PaintedView } from './use-painted-view';
import './report-trend.css';

export function ReportTrend(props: { view: ReportViewState; painted: PaintedView }) {
  const { trend, stale } = useReportTrend(() => props.view, props.painted);
  const navigate = useNavigate();
  const days = (months: TrendMonth[]) => months.map((m) => parseIsoDay(m.from)!);
  /** "Nov", with the year under the first month and under each January. */
  const labels = (months: TrendMonth[]) =>
    days(months).map((d, i) => {
      const p = ymdParts(d);
      return i === 0 || p.month === 1 ? `${displayMonthName(d)}\n${p.year}` : displayMonthName(d);
    });
  const pick = (m: TrendMonth | undefined) => {
    // A new history entry, unlike a filter change: Back returns to the range the month was picked from.
    if (m) navigate(`/report?${toSearchParams({ ...props.view, range: null, from: m.from, to: m.to })}`, { scroll: false });
  };
  return (
    <Show when={trend.latest && trend.latest.months.length > 1 ? trend.latest : null}>
      {(t) => (
        <section
          class="trend"
          classList={{ 'trend--stale': stale() }}
          aria-labelledby="trend-title"
          aria-busy={stale()}
          data-testid="report-trend"
        >
          <h2 id="trend-title" class="trend__title">
            By month
          </h2>
          <div class="trend__charts">
            <div class="trend__chart">
              <UsageChart
                label="People by month: active, inactive and not yet active"
                days={days(t().months)}
                xLabels={labels(t().months)}
                height={130}
                yLabel="people"
                onPick={(i) => pick(t().months[i])}
                series={[
                  { label: 'Active', color: '#2e7d32', values: t().months.map((m) => m.active), points: true },
                  { label: 'Inactive', color: '#c62828', values: t().months.map((m) => m.inactive), points: true },
                  { label: 'Not yet active', color: '#b26a00', values: t().months.map((m) => m.notYetActive), points: true, dash: [6, 4] },
                ]}
              />
            </div>
            <Show when={t().flex}>
              <div class="trend__chart">
                <UsageChart
                  label="Flex tokens by month"
                  days={days(t().months)}
                  xLabels={labels(t().months)}
                  height={130}
                  yLabel="tokens"
                  onPick={(i) => pick(t().months[i])}
                  series={[{ label: 'Flex tokens', color: '#6a3d9a', values: t().months.map((m) => m.flexTokens), bars: true }]}
                />
              </div>
            </Show>
          </div>
          <LazyDetails class="trend__table" summary="Click a month in the chart to see only that month, or pick one here">
            <table class="detail-table">
              <thead>
                <tr>
                  <th scope="col">Month</th>
                  <th scope="col" class="is-number">
                    Active
                  </th>
                  <th scope="col" class="is-number">
                    Inactive
                  </th>
                  <th scope="col" class="is-number">
                    Not yet active
                  </th>
                  <Show when={t().flex}>
                    <th scope="col" class="is-number">
                      Flex tokens
                    </th>
                  </Show>
                </tr>
              </thead>
              <tbody>
                <Index each={t().months}>
                  {(month) => (
                    <tr>
                      <td>
                        <button type="button" class="link-button" onClick={() => pick(month())}>
                          {displayMonth(parseIsoDay(month().from)!)}
                        </button>
                      </td>
                      <td class="is-number">{formatInt(month().active)}</td>
                      <td class="is-number">{formatInt(month().inactive)}</td>
                      <td class="is-number">{formatInt(month().notYetActive)}</td>
                      <Show when={t().flex}>
                        <td class="is-number">{formatTokens(month().flexTokens)}</td>
                      </Show>
                    </tr>
                  )}
                </Index>
              </tbody>
            </table>
          </LazyDetails>
        </section>
      )}
    </Show>
  );
}
