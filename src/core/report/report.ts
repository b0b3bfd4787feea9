/**
 * The Usage Report: the scope's rows (figures from scope-figures.ts), the row
 * filters, the tiles and a numeric sort; and the one place a row is formatted.
 */
import { NO_DAY, formatDay, type Day } from '../vocabulary/days';
import type { ReportRow } from '../vocabulary/report-columns';
import type { ReportQuery } from '../vocabulary/report-query';
import { sortRowKeys } from './report-sort';
import { assignedOn, userSearchText, type Workspace } from '../workspace/workspace';
import { ACCESS_FLEX, METHOD_DEFAULT, METHOD_DIRECT, METHOD_GROUP } from '../workspace/batch';
import {
  ACTIVITY_ACTIVE,
  ACTIVITY_INACTIVE,
  ACTIVITY_NOT_YET_ACTIVE,
  newKeyFigures,
  perMonth,
  scanScope,
  type KeyFigures,
  type OfferingSeats,
  type ScopeScan,
  type ScopeTotals,
} from './scope-figures';

const ACTIVITY_TEXT = ['', 'Active', 'Inactive', 'Not yet active'] as const;

/** The tiles (docs/figures.md): the scope's totals — team, range, product — never narrowed by the row filters. */
export interface Tiles extends Omit<ScopeTotals, 'inactiveUsers'> {
  /** null under All Teams: a user can be inactive in one team and active in another. */
  inactiveUsers: number | null;
  /** Rows the filters keep: the one figure that follows them. */
  rows: number;
}

/** Pseudonyms per user, and their collation ranks, for a view whose personal data is off. */
export interface NameMask {
  pseudonyms: readonly string[];
  rank: Uint32Array;
}

export interface ReportResult {
  query: ReportQuery;
  /** Set when the view shows pseudonyms instead of names and emails. */
  mask: NameMask | null;
  /** Key ids of the rows, in display order. */
  rows: Uint32Array;
  figures: KeyFigures;
  tiles: Tiles;
  /** Seats by team and offering, for the scope of the tiles. */
  offerings: OfferingSeats[];
  rangeDays: number;
}

/**
 * Which users match the free-text filter (first, last, email, hashed id). With `kept` (the figures'),
 * the last search's matches are kept there: another filter changed under the same search finds them
 * again. Read only: the result may be shared.
 */
export function matchUsers(
  ws: Workspace,
  q: string,
  mask: NameMask | null = null,
  kept?: Pick<KeyFigures, 'lastSearch'>,
): Uint8Array | null {
  const needle = q.trim().toLowerCase();
  if (!needle) return null;
  // Pseudonymised views search the pseudonyms only: a name must not be findable through them.
  const haystack = mask ? mask.pseudonyms : userSearchText(ws);
  const last = kept?.lastSearch;
  if (last && last.haystack === haystack && last.needle === needle) return last.match;
  const m = new Uint8Array(ws.users.length);
  for (let u = 0; u < m.length; u++) if (haystack[u]!.includes(needle)) m[u] = 1;
  if (kept) kept.lastSearch = { haystack, needle, match: m };
  return m;
}

/**
 * The report: the scope's keys (scope-figures.ts computes every figure), kept
 * when they pass the row filters, then sorted. `today` bounds the usage data's
 * coverage (no one is inactive for days without data); omitted, the data's last day.
 */
export function computeReport(
  ws: Workspace,
  query: ReportQuery,
  figures: KeyFigures = newKeyFigures(ws.keyCount),
  mask: NameMask | null = null,
  today: Day = Number.MAX_SAFE_INTEGER,
): ReportResult {
  const scan = scanScope(ws, { team: query.team, product: query.product, from: query.from, to: query.to }, today, figures);
  return finish(ws, query, mask, scan, rowKeys(ws, query, scan, mask));
}

/** The scanned scope's keys that pass the view's row filters (group, access, activity, assignment, search), in key order. */
export function rowKeys(
  ws: Workspace,
  query: ReportQuery,
  scan: Pick<ScopeScan, 'keys' | 'figures'>,
  mask: NameMask | null = null,
): Uint32Array {
  const group = query.group === null ? -1 : ws.groups.indexOf(query.group);
  if (query.group !== null && group < 0) return new Uint32Array(0);
  const wantFlex = query.access === null ? -1 : query.access === 'flex' ? 1 : 0;
  const wantActivity =
    query.activity === null
      ? -1
      : query.activity === 'active'
        ? ACTIVITY_ACTIVE
        : query.activity === 'inactive'
          ? ACTIVITY_INACTIVE
          : ACTIVITY_NOT_YET_ACTIVE;
  const wantAssigned = query.assignment === null ? -1 : query.assignment === 'assigned' ? 1 : 0;
  const userMatch = matchUsers(ws, query.q, mask, scan.figures);
  // No row filter: the scan's own keys (nothing writes into them; sorting makes a new array).
  if (group === -1 && wantFlex === -1 && wantActivity === -1 && wantAssigned === -1 && userMatch === null) return scan.keys;

  const { keyGroup, keyUser, keyAccess } = ws;
  const { activity, assignedAtTo } = scan.figures;
  const out = new Uint32Array(scan.keys.length);
  let n = 0;
  for (let i = 0; i < scan.keys.length; i++) {
    const k = scan.keys[i]!;
    if (group !== -1 && keyGroup[k] !== group) continue;
    if (wantFlex !== -1 && (keyAccess[k] === ACCESS_FLEX ? 1 : 0) !== wantFlex) continue;
    if (userMatch !== null && userMatch[keyUser[k]!] === 0) continue;
    if (wantActivity !== -1 && activity[k] !== wantActivity) continue;
    if (wantAssigned !== -1 && assignedAtTo[k] !== wantAssigned) continue;
    out[n++] = k;
  }
  return out.slice(0, n);
}

function finish(ws: Workspace, query: ReportQuery, mask: NameMask | null, scan: ScopeScan, rows: Uint32Array): ReportResult {
  const tiles: Tiles = { ...scan.totals, inactiveUsers: query.team === null ? null : scan.totals.inactiveUsers, rows: rows.length };
  const result: ReportResult = { query, mask, rows, figures: scan.figures, rangeDays: scan.rangeDays, tiles, offerings: scan.offerings };
  result.rows = sortRowKeys(ws, result, query.sort);
  return result;
}

const METHOD_TEXT: Record<number, ReportRow['method']> = {
  [METHOD_DIRECT]: 'direct',
  [METHOD_GROUP]: 'group',
  [METHOD_DEFAULT]: 'default',
};
const day = (d: Day) => (d === NO_DAY ? '' : formatDay(d));

/** The row of key `k` under the last query: the one place a row's values are formatted. */
export function reportRow(ws: Workspace, r: ReportResult, k: number): ReportRow {
  const f = r.figures;
  const u = ws.users[ws.keyUser[k]!]!;
  const pseudonym = r.mask ? r.mask.pseudonyms[ws.keyUser[k]!]! : null;
  const flex = ws.keyAccess[k] === ACCESS_FLEX;
  const g = ws.keyGroup[k]!;
  return {
    id: k,
    team: ws.teams[ws.keyTeam[k]!]!,
    first_name: pseudonym ? 'user' : u.firstName,
    last_name: pseudonym ? pseudonym.slice(5) : u.lastName,
    email: pseudonym ?? (u.email || u.hashedId),
    product_name: ws.products[ws.keyProduct[k]!]!,
    access_option: flex ? 'Flex' : 'Subscription',
    group: g >= 0 ? ws.groups[g]! : '',
    assigned_date: ws.keyHasAssignment[k] ? day(ws.keyAssigned[k]!) : '',
    unassigned_date: ws.keyHasAssignment[k] ? day(ws.keyUnassigned[k]!) : '',
    seat_assignment: f.assignedAtTo[k] ? 'Assigned' : 'Unassigned',
    user_activity: ACTIVITY_TEXT[f.activity[k]!]!,
    days_used: f.daysUsed[k]!,
    monthly_average: perMonth(f.daysUsed[k]!, r.rangeDays),
    last_accessed: day(f.lastAccessed[k]!),
    days_inactive: f.daysInactive[k] === NO_DAY ? null : f.daysInactive[k]!,
    tokens_used: flex ? Math.round(f.tokens[k]! * 100) / 100 : 0,
    method: ws.keyHasAssignment[k] ? (METHOD_TEXT[ws.keyMethod[k]!] ?? 'direct') : '',
    userRef: pseudonym ?? u.key,
    pending: '',
    lockReason: unassignLock(ws, k, r.query.to),
  };
}

/** Whether key `k` can be unassigned as of day `to`: a direct assignment running that day (docs/report.md, "Unassigning from the report"). */
export function canUnassign(ws: Workspace, k: number, to: Day): boolean {
  const method = ws.keyMethod[k];
  return method !== METHOD_GROUP && method !== METHOD_DEFAULT && assignedOn(ws, k, to);
}

/** Why key `k` cannot be unassigned as of day `to`; '' when it can (canUnassign). */
export function unassignLock(ws: Workspace, k: number, to: Day): string {
  if (canUnassign(ws, k, to)) return '';
  if (!ws.keyHasAssignment[k]) return 'Not assigned: this row comes from usage only';
  const method = ws.keyMethod[k];
  const g = ws.keyGroup[k]!;
  if (method === METHOD_GROUP) {
    return `Assigned through ${g >= 0 ? `the group "${ws.groups[g]}"` : 'a group'}: remove the user from the group in the portal`;
  }
  if (method === METHOD_DEFAULT) return 'Assigned by a default assignment: change the default assignment in the portal';
  return 'Already unassigned';
}
