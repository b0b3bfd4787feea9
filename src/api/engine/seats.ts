/** Seat handlers: the Seats page's summary, a row's chart, and use by person (docs/figures.md). */
import type { ScopeInfo } from '../../core/session/engine-session';
import type { SeatUserRow } from '../../core/session/seats';
import type { Granularity, ProductDetail, SeatUsageSummary } from '../../core/seats/seat-usage';
import type { ReportViewState } from '../../core/vocabulary/view-state';
import type { EngineContext } from './context';
import { productDetailView, seatUsageView, seatUsersView } from '../../core/session/seats';

export function seatHandlers(ctx: EngineContext) {
  const s = ctx.session;
  return {
    seatUsage(view: ReportViewState, today: number): ScopeInfo & { summary: SeatUsageSummary } {
      return seatUsageView(s, view, today);
    },
    productDetail(view: ReportViewState, product: string, granularity: Granularity, today: number): ProductDetail {
      return productDetailView(s, view, product, granularity, today);
    },
    seatUsers(view: ReportViewState, q: string, limit: number, today: number): { total: number; rows: SeatUserRow[] } {
      return seatUsersView(s, view, q, limit, today);
    },
  };
}
