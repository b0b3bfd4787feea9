/** Report handlers: the query and its rows, a user's detail, people search, selection. */
import type { QueryOutcome } from '../../core/session/engine-session';
import type { ReportRow } from '../../core/vocabulary/report-columns';
import type { ReportViewState } from '../../core/vocabulary/view-state';
import type { UserDetail } from '../../core/report/user-detail';
import type { EngineContext } from './context';
import { findPeople, groupMembers } from '../../core/session/changes';
import { userDetailView } from '../../core/session/user-detail';
import { reportTrendSteps } from '../../core/session/report-trend';
import type { ReportTrend } from '../../core/report/report-trend';

/** Lets the messages waiting for the engine (a newer query) be answered before going on. */
export function yieldToMessages(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}

/**
 * How long the engine must have answered no query before a trend goes on: the page is drawing the rows
 * just sent, and with two cores the trend's slices would compete with that for the machine.
 */
export const TREND_RESUME_MS = 120;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function reportHandlers(ctx: EngineContext) {
  const s = ctx.session;
  /** Trends asked for: one still running when a newer one is asked is dropped. */
  let trendsAsked = 0;
  /** Queries answered: a trend pauses after one, until they rest. */
  let queries = 0;
  return {
    query(view: ReportViewState, today: number): QueryOutcome {
      queries++;
      return s.query(view, today);
    },
    /**
     * Active, inactive and not-yet-active people (and Flex tokens) per month of the view's range.
     * Computed a slice of a month at a time, answering the queries that arrive in between, so a filter changed
     * while the trend is computed does not wait for it; after a query it goes on only once no other has come
     * for TREND_RESUME_MS (docs/report.md, "Trend"). Null when dropped: a newer trend was asked, or the
     * workspace changed.
     */
    async reportTrend(view: ReportViewState, today: number): Promise<ReportTrend | null> {
      const mine = ++trendsAsked;
      const ws = s.workspace;
      const steps = reportTrendSteps(s, view, today);
      for (let step = steps.next(); ; step = steps.next()) {
        if (step.done) return step.value;
        let seen = queries;
        await yieldToMessages();
        while (queries !== seen && trendsAsked === mine) {
          seen = queries;
          await pause(TREND_RESUME_MS);
        }
        if (trendsAsked !== mine || s.workspace !== ws) return null;
      }
    },
    /** Stops the trend being computed, if any, at its next month: the page that asked for it is gone. */
    dropTrend(): void {
      trendsAsked++;
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
