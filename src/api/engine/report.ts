/** Report handlers: the query and its rows, a user's detail, people search, selection. */
import type { QueryOutcome } from '../../core/session/engine-session';
import type { ReportRow } from '../../core/vocabulary/report-columns';
import type { ReportViewState } from '../../core/vocabulary/view-state';
import type { UserDetail } from '../../core/report/user-detail';
import type { EngineContext } from './context';
import { findPeople, groupMembers } from '../../core/session/changes';
import { userDetailView } from '../../core/session/user-detail';
import { reportTrendView } from '../../core/session/report-trend';
import type { ReportTrend } from '../../core/report/report-trend';

export function reportHandlers(ctx: EngineContext) {
  const s = ctx.session;
  return {
    query(view: ReportViewState, today: number): QueryOutcome {
      return s.query(view, today);
    },
    /** Active, inactive and not-yet-active people (and Flex tokens) per month of the view's range. */
    reportTrend(view: ReportViewState, today: number): ReportTrend {
      return reportTrendView(s, view, today);
    },
    rows(offset: number, limit: number): ReportRow[] {
      return s.rows(offset, limit);
    },
    /** Row ids of the current rows that can be unassigned: "select all" selects these. */
    selectableRowIds(): number[] {
      return s.selectableRowIds();
    },
    userDetail(userRef: string, view: ReportViewState, today: number): UserDetail | null {
      return userDetailView(s, userRef, view, today);
    },
    findPeople(q: string, team: string | null): { userRef: string; label: string }[] {
      return findPeople(s, q, team);
    },
    groupMembers(group: string): string[] {
      return groupMembers(s, group);
    },
  };
}
