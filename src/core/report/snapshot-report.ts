/**
 * A workspace holding only the portal's pre-aggregated Usage Report (no daily
 * usage) shows those rows as the portal computed them: filters apply, but the
 * date range cannot change (the figures are for the portal's own range).
 */
import { NO_DAY, formatDay } from '../vocabulary/days';
import type { ReportRow } from '../vocabulary/report-columns';
import type { ReportQuery } from '../vocabulary/report-query';
import type { NameMask, Tiles } from './report';
import type { Workspace } from '../workspace/workspace';
import { offeringSeats, seatTotals } from './scope-figures';
import { ACCESS_FLEX, ACCESS_UNKNOWN } from '../workspace/batch';
import { collator } from '../workspace/collation';
import { canonicalSeatAssignment, canonicalUserActivity, sameValue } from '../import/report-values';

export function snapshotRows(ws: Workspace, mask: NameMask | null): ReportRow[] {
  return ws.snapshot.map((r, i) => {
    const u = ws.users[r.user]!;
    const pseudonym = mask ? mask.pseudonyms[r.user]! : null;
    return {
      id: i,
      team: ws.teams[r.team]!,
      first_name: pseudonym ? 'user' : u.firstName,
      last_name: pseudonym ? pseudonym.slice(5) : u.lastName,
      email: pseudonym ?? (u.email || u.hashedId),
      product_name: ws.products[r.product]!,
      access_option: r.access === ACCESS_FLEX ? 'Flex' : r.access === ACCESS_UNKNOWN ? '' : 'Subscription',
      group: r.group,
      assigned_date: r.assigned === NO_DAY ? '' : formatDay(r.assigned),
      unassigned_date: r.unassigned === NO_DAY ? '' : formatDay(r.unassigned),
      // Older versions stored the values as written (`assigned`): show them canonical.
      seat_assignment: canonicalSeatAssignment(r.seatAssignment),
      user_activity: canonicalUserActivity(r.userActivity),
      days_used: r.daysUsed,
      monthly_average: r.monthlyAverage,
      last_accessed: r.lastAccessed === NO_DAY ? '' : formatDay(r.lastAccessed),
      days_inactive: r.daysInactive,
      tokens_used: r.tokensUsed ?? (r.access === ACCESS_FLEX ? null : 0), // 0 on non-Flex rows (docs/report.md, "tokens used")
      method: r.group ? 'group' : 'direct',
      userRef: pseudonym ?? u.key,
      pending: '',
      lockReason: 'The imported Usage Report is a snapshot: import the Users export to act on assignments',
    };
  });
}

export function querySnapshot(all: readonly ReportRow[], ws: Workspace, q: ReportQuery): { rows: ReportRow[]; tiles: Tiles } {
  const needle = q.q.trim().toLowerCase();
  const rows = all.filter(
    (r) =>
      (q.team === null || r.team === q.team) &&
      (q.product === null || r.product_name === q.product) &&
      (q.group === null || r.group === q.group) &&
      (q.access === null || r.access_option.toLowerCase() === q.access) &&
      (q.activity === null || sameValue(r.user_activity, q.activity)) &&
      (q.assignment === null || sameValue(r.seat_assignment, q.assignment)) &&
      (!needle || `${r.first_name} ${r.last_name} ${r.email}`.toLowerCase().includes(needle)),
  );
  if (q.sort) {
    const { column, direction } = q.sort;
    const sign = direction === 'asc' ? 1 : -1;
    rows.sort((a, b) => {
      const x = a[column],
        y = b[column];
      const ex = x === null || x === '',
        ey = y === null || y === '';
      if (ex || ey) return ex === ey ? 0 : ex ? 1 : -1;
      return sign * (typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y)));
    });
  }
  // Users are counted by userRef (one per person, even with no email); Flex rows are never Inactive (docs/report.md, "user activity").
  const isFlex = (r: ReportRow) => r.access_option === 'Flex';
  // As in the live report, the tiles count the scope (team, product), not the row filters;
  // a seat is one user's access to one offering in one team, counted once.
  const inScope = all.filter((r) => (q.team === null || r.team === q.team) && (q.product === null || r.product_name === q.product));
  const slots = new Map<string, { team: string; offering: string; seats: number; holders: Set<string>; users: Set<string> }>();
  const slot = (team: string, offering: string) => {
    const id = `${team}\u0000${offering}`;
    let x = slots.get(id);
    if (!x) slots.set(id, (x = { team, offering, seats: 0, holders: new Set(), users: new Set() }));
    return x;
  };
  let subscriptions = 0;
  for (const s of ws.subscriptions) {
    if ((q.team !== null && s.team !== q.team) || (q.product !== null && s.offering !== q.product)) continue;
    subscriptions++;
    slot(s.team, s.offering).seats += s.seats;
  }
  for (const r of inScope) {
    if (isFlex(r)) continue;
    const x = slot(r.team, r.product_name);
    if (sameValue(r.seat_assignment, 'Assigned')) x.holders.add(r.userRef);
    if (sameValue(r.user_activity, 'Active')) x.users.add(r.userRef);
  }
  const offerings = [...slots.values()].map((x) => offeringSeats(x.team, x.offering, x.seats, x.holders.size, x.users.size));
  const scopeUsers = (pred: (r: ReportRow) => boolean) => new Set(inScope.filter(pred).map((r) => r.userRef)).size;
  const scopeFlex = inScope.filter(isFlex);
  const flexTokens = scopeFlex.reduce((s, r) => s + (r.tokens_used ?? 0), 0);
  return {
    rows,
    tiles: {
      subscriptions,
      ...seatTotals(offerings),
      activeUsers: scopeUsers((r) => !isFlex(r) && sameValue(r.user_activity, 'Active')),
      inactiveUsers: q.team === null ? null : scopeUsers((r) => !isFlex(r) && sameValue(r.user_activity, 'Inactive')),
      flexTokens,
      flexUsers: scopeUsers((r) => isFlex(r) && (r.days_used ?? 0) + (r.tokens_used ?? 0) > 0),
      flexPeopleWithAccess: scopeUsers(isFlex),
      // The portal's range is not known here, so no monthly figure can be derived.
      flexMonthlyAverageTokens: NaN,
      coverageEnd: NO_DAY,
      rows: rows.length,
    },
  };
}
