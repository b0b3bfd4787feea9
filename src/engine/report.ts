/**
 * The Usage Report (SPEC §4.1–§4.3): one pass over the keys, binary searches
 * into each key's sorted event days, then filters, tiles and a numeric sort.
 * Every definition of §4.2 lives here and nowhere else.
 */
import { NO_DAY, formatDay, type Day } from './days';
import { type ReportRow } from './report-columns';
import type { ReportQuery } from './report-query';
import { sortRowKeys } from './report-sort';
import { assignedOn, subscriptionRunsOn, type Workspace } from './workspace';
import { ACCESS_FLEX, METHOD_DEFAULT, METHOD_DIRECT, METHOD_GROUP } from '../workspace/batch';

export const ACTIVITY_NONE = 0;
export const ACTIVITY_ACTIVE = 1;
export const ACTIVITY_INACTIVE = 2;
export const ACTIVITY_NOT_YET_ACTIVE = 3;
const ACTIVITY_TEXT = ['', 'Active', 'Inactive', 'Not yet active'] as const;

/** Per-key figures of the last query; reused between queries to spare the GC. */
export interface KeyFigures {
  daysUsed: Uint16Array;
  lastAccessed: Int32Array;
  tokens: Float64Array;
  activity: Uint8Array;
  assignedAtTo: Uint8Array;
  daysInactive: Int32Array;
}

export interface Tiles {
  subscriptions: number;
  seats: number;
  assignedSeats: number;
  unassignedSeats: number;
  activeUsers: number;
  /** null under All Teams (SPEC §4.3): a user can be inactive in one team and active in another. */
  inactiveUsers: number | null;
  flexTokens: number;
  flexUsers: number;
  flexMonthlyAverageTokens: number;
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
  rangeDays: number;
}

export function newKeyFigures(keyCount: number): KeyFigures {
  return {
    daysUsed: new Uint16Array(keyCount),
    lastAccessed: new Int32Array(keyCount),
    tokens: new Float64Array(keyCount),
    activity: new Uint8Array(keyCount),
    assignedAtTo: new Uint8Array(keyCount),
    daysInactive: new Int32Array(keyCount),
  };
}

/** `monthly_average`: days used per 30.4375-day month of the range, one decimal (SPEC §4.2). */
export function monthlyAverage(daysUsed: number, rangeDays: number): number {
  return Math.round((daysUsed / Math.max(1, rangeDays / 30.4375)) * 10) / 10;
}

/** First index in [lo, hi) whose day is ≥ day. */
function lowerBound(days: Uint16Array, lo: number, hi: number, day: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid]! < day) lo = mid + 1; else hi = mid;
  }
  return lo;
}

function lookup(values: readonly string[], name: string | null): number {
  if (name === null) return -1;
  const i = values.indexOf(name);
  return i < 0 ? -2 : i; // -2: a name that matches nothing, so no row passes
}

/** Which users match the free-text filter (first, last, email, hashed id). */
export function matchUsers(ws: Workspace, q: string, mask: NameMask | null = null): Uint8Array | null {
  const needle = q.trim().toLowerCase();
  if (!needle) return null;
  // Pseudonymised views search the pseudonyms only: a name must not be findable through them.
  const haystack = mask ? mask.pseudonyms : ws.userSearchText;
  const m = new Uint8Array(ws.users.length);
  for (let u = 0; u < m.length; u++) if (haystack[u]!.includes(needle)) m[u] = 1;
  return m;
}

export function computeReport(ws: Workspace, query: ReportQuery, figures: KeyFigures = newKeyFigures(ws.keyCount), mask: NameMask | null = null): ReportResult {
  const { from, to } = query;
  const rangeDays = to - from + 1;
  const team = lookup(ws.teams, query.team);
  const product = lookup(ws.products, query.product);
  const group = lookup(ws.groups, query.group);
  const wantFlex = query.access === null ? -1 : query.access === 'flex' ? 1 : 0;
  const wantActivity = query.activity === null ? -1
    : query.activity === 'active' ? ACTIVITY_ACTIVE : query.activity === 'inactive' ? ACTIVITY_INACTIVE : ACTIVITY_NOT_YET_ACTIVE;
  const wantAssigned = query.assignment === null ? -1 : query.assignment === 'assigned' ? 1 : 0;
  const userMatch = matchUsers(ws, query.q, mask);

  const { keyTeam, keyProduct, keyGroup, keyUser, keyAccess, keyHasAssignment, keyAssigned, keyUnassigned, eventStart, eventDay, eventTokens } = ws;
  const { daysUsed, lastAccessed, tokens, activity, assignedAtTo, daysInactive } = figures;
  const out = new Uint32Array(ws.keyCount);
  let n = 0;
  // A seat is one user's access to one offering: a collection counts once, however many products.
  const seatMark = new Uint8Array(ws.seatCount);
  let assignedSeats = 0;

  for (let k = 0; k < ws.keyCount; k++) {
    if (team !== -1 && keyTeam[k] !== team) continue;
    if (product !== -1 && keyProduct[k] !== product) continue;
    const flex = keyAccess[k] === ACCESS_FLEX;
    // Seats belong to the subscriptions: they follow team, range and product, not the row filters.
    // (assignedOn() written out: this loop runs once per key on every query.)
    if (!flex && keyHasAssignment[k]) {
      const a = keyAssigned[k]!, u = keyUnassigned[k]!;
      if ((a === NO_DAY || a <= to) && (u === NO_DAY || u > to) && !seatMark[ws.keySeat[k]!]) { seatMark[ws.keySeat[k]!] = 1; assignedSeats++; }
    }
    if (group !== -1 && keyGroup[k] !== group) continue;
    if (wantFlex !== -1 && (flex ? 1 : 0) !== wantFlex) continue;
    if (userMatch !== null && userMatch[keyUser[k]!] === 0) continue;

    // Usage: distinct days in [from, to], latest day ≤ to, tokens in [from, to].
    const s = eventStart[k]!, e = eventStart[k + 1]!;
    let used = 0, last = NO_DAY, tok = 0;
    if (e > s) {
      const lo = lowerBound(eventDay, s, e, from);
      const hi = lowerBound(eventDay, lo, e, to + 1);
      used = hi - lo;
      if (hi > s) last = eventDay[hi - 1]!;
      if (flex) for (let i = lo; i < hi; i++) tok += eventTokens[i]!;
    }

    const hasAsg = keyHasAssignment[k] === 1;
    const assigned = keyAssigned[k]!, unassigned = keyUnassigned[k]!;
    // In scope: assigned at some time in the range, or used in it (SPEC §4.1).
    const assignedInRange = hasAsg && (assigned === NO_DAY || assigned <= to) && (unassigned === NO_DAY || unassigned >= from);
    if (used === 0 && !assignedInRange) continue;

    const current = hasAsg && (assigned === NO_DAY || assigned <= to) && (unassigned === NO_DAY || unassigned > to);
    let act = ACTIVITY_NONE;
    if (used > 0) act = ACTIVITY_ACTIVE;
    else if (!flex && hasAsg) {
      if ((assigned === NO_DAY || assigned <= from) && (unassigned === NO_DAY || unassigned >= to)) act = ACTIVITY_INACTIVE;
      else if (assigned !== NO_DAY && assigned > from) act = ACTIVITY_NOT_YET_ACTIVE;
    }
    if (wantActivity !== -1 && act !== wantActivity) continue;
    if (wantAssigned !== -1 && (current ? 1 : 0) !== wantAssigned) continue;

    daysUsed[k] = used;
    lastAccessed[k] = last;
    tokens[k] = flex ? tok : 0;
    activity[k] = act;
    assignedAtTo[k] = current ? 1 : 0;
    // days_inactive: from last use (or the assignment when never used) to `to`; none for Flex.
    const since = last !== NO_DAY ? last : assigned;
    daysInactive[k] = flex || since === NO_DAY ? NO_DAY : Math.max(0, to - since);
    out[n++] = k;
  }

  const rows = out.slice(0, n);
  const result: ReportResult = { query, mask, rows, figures, rangeDays, tiles: computeTiles(ws, query, rows, figures, rangeDays, assignedSeats) };
  result.rows = sortRowKeys(ws, result, query.sort);
  return result;
}

/** Tiles of SPEC §4.3; `assignedSeats` comes from the scan, which sees the seats before the row filters. */
export function computeTiles(ws: Workspace, query: ReportQuery, rows: Uint32Array, f: KeyFigures, rangeDays: number, assignedSeats: number): Tiles {
  let subscriptions = 0, seats = 0;
  for (const s of ws.subscriptions) {
    if (query.team !== null && s.team !== query.team) continue;
    if (!subscriptionRunsOn(s, query.to)) continue;
    subscriptions++;
    seats += s.seats;
  }
  const activeMark = new Uint8Array(ws.users.length);
  const inactiveMark = new Uint8Array(ws.users.length);
  const flexMark = new Uint8Array(ws.users.length);
  let activeUsers = 0, inactiveUsers = 0, flexUsers = 0, flexTokens = 0;
  for (let i = 0; i < rows.length; i++) {
    const k = rows[i]!;
    const u = ws.keyUser[k]!;
    if (ws.keyAccess[k] === ACCESS_FLEX) {
      flexTokens += f.tokens[k]!;
      if (!flexMark[u]) { flexMark[u] = 1; flexUsers++; }
      continue;
    }
    if (f.activity[k] === ACTIVITY_ACTIVE && !activeMark[u]) { activeMark[u] = 1; activeUsers++; }
    if (f.activity[k] === ACTIVITY_INACTIVE && !inactiveMark[u]) { inactiveMark[u] = 1; inactiveUsers++; }
  }
  return {
    subscriptions,
    seats,
    assignedSeats,
    unassignedSeats: Math.max(0, seats - assignedSeats),
    activeUsers,
    inactiveUsers: query.team === null ? null : inactiveUsers,
    flexTokens,
    flexUsers,
    flexMonthlyAverageTokens: Math.round((flexTokens / Math.max(1, rangeDays / 30.4375)) * 10) / 10,
    rows: rows.length,
  };
}

const METHOD_TEXT: Record<number, ReportRow['method']> = { [METHOD_DIRECT]: 'direct', [METHOD_GROUP]: 'group', [METHOD_DEFAULT]: 'default' };
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
    monthly_average: monthlyAverage(f.daysUsed[k]!, r.rangeDays),
    last_accessed: day(f.lastAccessed[k]!),
    days_inactive: f.daysInactive[k] === NO_DAY ? null : f.daysInactive[k]!,
    tokens_used: flex ? Math.round(f.tokens[k]! * 100) / 100 : 0,
    method: ws.keyHasAssignment[k] ? (METHOD_TEXT[ws.keyMethod[k]!] ?? 'direct') : '',
    userRef: pseudonym ?? u.key,
    pending: '',
    lockReason: unassignLock(ws, k, r.query.to),
  };
}

/** Why key `k` cannot be unassigned as of day `to`; '' when it can (SPEC §4.7). */
export function unassignLock(ws: Workspace, k: number, to: Day): string {
  if (!ws.keyHasAssignment[k]) return 'Not assigned: this row comes from usage only';
  const method = ws.keyMethod[k];
  const g = ws.keyGroup[k]!;
  if (method === METHOD_GROUP) {
    return `Assigned through ${g >= 0 ? `the group "${ws.groups[g]}"` : 'a group'}: remove the user from the group in the portal`;
  }
  if (method === METHOD_DEFAULT) return 'Assigned by a default assignment: change the default assignment in the portal';
  if (!assignedOn(ws, k, to)) return 'Already unassigned';
  return '';
}
