/** The inactive-user reminder's digest (docs/notifications.md). */
import type { EngineSession } from './engine-session';
import type { Day } from '../vocabulary/days';
import { rangeDatesLabel, type RangePreset } from '../vocabulary/date-range';
import { EMPTY_VIEW, resolveRange, toReportQuery, type ReportViewState } from '../vocabulary/view-state';
import { computeReport, reportRow } from '../report/report';
import { newKeyFigures } from '../report/scope-figures';
import type { Digest, DigestTeam } from '../notifications/schedule';

/** Who held a seat without using it over a preset range ending on the default end (today, or the last data day when stale), by team (docs/notifications.md). */
export function inactiveDigest(session: EngineSession, range: RangePreset, today: Day): Digest {
  const view: ReportViewState = { ...EMPTY_VIEW, range };
  const s = session.scope(view, today);
  const r = computeReport(
    session.workspace,
    { ...toReportQuery(view, resolveRange(view, today, session.workspace.lastEventDay)), activity: 'inactive' },
    newKeyFigures(session.workspace.keyCount),
    s.mask,
    today,
  );
  const byTeam = new Map<string, Map<string, DigestTeam['people'][number]>>();
  const users = new Set<number>();
  for (const k of r.rows) {
    const row = reportRow(session.workspace, r, k);
    users.add(session.workspace.keyUser[k]!);
    let team = byTeam.get(row.team);
    if (!team) byTeam.set(row.team, (team = new Map()));
    let p = team.get(row.email);
    if (!p)
      team.set(
        row.email,
        (p = {
          name: [row.first_name, row.last_name].filter(Boolean).join(' ') || row.email,
          email: row.email,
          products: [],
          lastAccessed: '',
        }),
      );
    p.products.push(row.product_name);
    if (row.last_accessed > p.lastAccessed) p.lastAccessed = row.last_accessed;
  }
  const d = s.info.data;
  return {
    inactiveUsers: users.size,
    range,
    rangeLabel: rangeDatesLabel(s.from, s.to),
    dataNote: d.endsOnDataByDefault ? `${d.freshness.label}: the range ends on that day, and nobody is counted inactive after it.` : '',
    teams: [...byTeam].sort(([a], [b]) => a.localeCompare(b)).map(([team, people]) => ({ team, people: [...people.values()] })),
  };
}
