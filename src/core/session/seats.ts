/** The Seats page's questions to the engine: the summary, a row's chart, and use by person (docs/figures.md). */
import type { EngineSession, ScopeInfo } from './engine-session';
import type { Day } from '../vocabulary/days';
import { resolveRange, toReportQuery, type ReportViewState } from '../vocabulary/view-state';
import { computeReport, reportRow } from '../report/report';
import { newKeyFigures } from '../report/scope-figures';
import { productDetail, seatUsage, type Granularity, type ProductDetail, type SeatUsageSummary } from '../seats/seat-usage';

export interface SeatUserRow {
  userRef: string;
  name: string;
  team: string;
  product: string;
  versions: string;
  daysUsed: number;
  perMonth: number;
  lastAccessed: string;
}

export function seatUsageView(session: EngineSession, view: ReportViewState, today: Day): ScopeInfo & { summary: SeatUsageSummary } {
  const s = session.scope(view, today);
  return { ...s.info, summary: seatUsage(session.workspace, { from: s.from, to: s.to, team: view.team }, today) };
}

export function productDetailView(
  session: EngineSession,
  view: ReportViewState,
  product: string,
  granularity: Granularity,
  today: Day,
): ProductDetail {
  const s = session.scope(view, today);
  return productDetail(session.workspace, { from: s.from, to: s.to, team: view.team }, product, granularity, today);
}

/** Seat usage by user: each person's products and versions, days used and days a month, most used first. */
export function seatUsersView(
  session: EngineSession,
  view: ReportViewState,
  q: string,
  limit: number,
  today: Day,
): { total: number; rows: SeatUserRow[] } {
  const s = session.scope(view, today);
  const r = computeReport(
    session.workspace,
    {
      ...toReportQuery(view, resolveRange(view, today, session.workspace.lastEventDay)),
      access: 'subscription',
      activity: null,
      assignment: null,
      product: null,
      group: null,
      q,
      sort: { column: 'days_used', direction: 'desc' },
    },
    newKeyFigures(session.workspace.keyCount),
    s.mask,
    today,
  );
  const rows = [...r.rows.subarray(0, limit)].map((k) => {
    const row = reportRow(session.workspace, r, k);
    return {
      userRef: row.userRef,
      name: [row.first_name, row.last_name].filter(Boolean).join(' ') || row.email,
      team: row.team,
      product: row.product_name,
      versions: session.workspace.keyVersions[k] ?? '',
      daysUsed: row.days_used ?? 0,
      perMonth: row.monthly_average ?? 0,
      lastAccessed: row.last_accessed,
    };
  });
  return { total: r.rows.length, rows };
}
