/** The user detail dialog's question to the engine (docs/report.md, "User detail"). */
import type { EngineSession } from './engine-session';
import type { Day } from '../vocabulary/days';
import type { ReportViewState } from '../vocabulary/view-state';
import { userDetail, type UserDetail } from '../report/user-detail';

/** The user detail dialog (docs/report.md, "User detail"), for the range and personal-data rule of the current view. */
export function userDetailView(session: EngineSession, userRef: string, view: ReportViewState, today: Day): UserDetail | null {
  const id = session.resolveUser(userRef);
  if (id < 0) return null;
  const s = session.scope(view, today);
  const sameView = session.lastResult !== null && session.lastResult.query.from === s.from && session.lastResult.query.to === s.to;
  return userDetail(
    session.workspace,
    id,
    s.from,
    s.to,
    today,
    s.mask,
    (k) => sameView && session.inLastResult(k),
    (k) => session.lockOf(k, s.to),
  );
}
