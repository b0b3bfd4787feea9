/** The report's trend for the current view (docs/report.md, "Trend"). */
import type { EngineSession } from './engine-session';
import type { Day } from '../vocabulary/days';
import { resolveRange, toReportQuery, type ReportViewState } from '../vocabulary/view-state';
import { newKeyFigures, type KeyFigures } from '../report/scope-figures';
import { reportTrendByMonth, type ReportTrend } from '../report/report-trend';
import type { Workspace } from '../workspace/workspace';

/** Scratch figures per workspace: the trend never overwrites the figures of the session's last report. */
const scratch = new WeakMap<Workspace, KeyFigures>();
/** The last trend per workspace: a new sort or column set asks again and gets it for free. */
const last = new WeakMap<Workspace, { key: string; mask: unknown; trend: ReportTrend }>();

/**
 * The view's trend, a slice of a month a step (the engine answers newer questions in between). A trend
 * dropped half-way leaves nothing behind; only one runs at a time, as they share scratch figures.
 */
export function* reportTrendSteps(session: EngineSession, view: ReportViewState, today: Day): Generator<void, ReportTrend> {
  const ws = session.workspace;
  if (session.snapshotMode) return { months: [], flex: false }; // a snapshot has no days to split by month
  const range = resolveRange(view, today, ws.lastEventDay);
  const mask = session.maskForView(view.team);
  const query = { ...toReportQuery(view, range), sort: null };
  const key = JSON.stringify([query, today]);
  const cached = last.get(ws);
  if (cached && cached.key === key && cached.mask === mask) return cached.trend;
  let figures = scratch.get(ws);
  if (!figures) scratch.set(ws, (figures = newKeyFigures(ws.keyCount)));
  const trend = yield* reportTrendByMonth(ws, query, mask, today, figures);
  last.set(ws, { key, mask, trend });
  return trend;
}
