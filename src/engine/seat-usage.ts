/**
 * Seat usage (SPEC §5.1): who used their seats over a range, by product (with
 * collections and product families to drill into) and per product day by day.
 * Only Subscription access counts here; Flex has its own view.
 */
import { NO_DAY, addMonths, ymdParts, type Day } from './days';
import { assignedOn, subscriptionRunsOn, type Workspace } from './workspace';
import { ACCESS_FLEX } from '../workspace/batch';

export interface SeatUsageScope {
  from: Day;
  to: Day;
  /** Team name, or null for All Teams. */
  team: string | null;
}

export interface ProductSeatRow {
  /** Product name, or the collection / family name for a group row. */
  name: string;
  /** For a group row, its products; [] for a product row. */
  children: ProductSeatRow[];
  seats: number;
  assigned: number;
  active: number;
  inactive: number;
  peakDaily: number;
  averageDaily: number;
  /** active ÷ seats; null when no seats are known. */
  utilisation: number | null;
}

export interface SeatUsageSummary {
  totalUsers: number;
  totalProducts: number;
  totalSeats: number;
  utilisation: number | null;
  products: ProductSeatRow[];
}

/** Product families that roll up for drill-down: AutoCAD and its specialised toolsets. */
export function productFamily(product: string): string | null {
  return /^AutoCAD\b/i.test(product) && product !== 'AutoCAD LT' ? 'AutoCAD (with toolsets)' : null;
}

interface KeyScope { keys: number[]; teamId: number }

function scopeKeys(ws: Workspace, s: SeatUsageScope, product: number | null): KeyScope {
  const teamId = s.team === null ? -1 : ws.teams.indexOf(s.team);
  const keys: number[] = [];
  if (s.team !== null && teamId < 0) return { keys, teamId };
  for (let k = 0; k < ws.keyCount; k++) {
    if (ws.keyAccess[k] === ACCESS_FLEX) continue;
    if (teamId >= 0 && ws.keyTeam[k] !== teamId) continue;
    if (product !== null && ws.keyProduct[k] !== product) continue;
    keys.push(k);
  }
  return { keys, teamId };
}


function lowerBound(days: Uint16Array, lo: number, hi: number, day: number): number {
  while (lo < hi) { const m = (lo + hi) >>> 1; if (days[m]! < day) lo = m + 1; else hi = m; }
  return lo;
}

/**
 * Distinct users per bucket of days (a day, a week, a month) over the keys: each
 * key counts once per bucket, and a user holding the product in two teams once.
 */
export function distinctUsersPerBucket(ws: Workspace, keys: readonly number[], from: Day, to: Day, bucketOf: (d: Day) => number, buckets: number): number[] {
  const counts = new Array<number>(buckets).fill(0);
  const keysPerUser = new Map<number, number>();
  for (const k of keys) keysPerUser.set(ws.keyUser[k]!, (keysPerUser.get(ws.keyUser[k]!) ?? 0) + 1);
  const seenMulti = new Set<number>();
  for (const k of keys) {
    const user = ws.keyUser[k]!;
    const multi = keysPerUser.get(user)! > 1;
    const s = ws.eventStart[k]!, e = ws.eventStart[k + 1]!;
    let lastBucket = -1;
    for (let i = lowerBound(ws.eventDay, s, e, from); i < e; i++) {
      const d = ws.eventDay[i]!;
      if (d > to) break;
      const b = bucketOf(d);
      if (b === lastBucket) continue;
      lastBucket = b;
      if (multi) {
        const id = b * 67_108_864 + user;
        if (seenMulti.has(id)) continue;
        seenMulti.add(id);
      }
      counts[b]!++;
    }
  }
  return counts;
}

function seatsFor(ws: Workspace, team: string | null, offering: string, day: Day): number {
  let seats = 0;
  for (const s of ws.subscriptions) {
    if (team !== null && s.team !== team) continue;
    if (s.offering !== offering) continue;
    if (!subscriptionRunsOn(s, day)) continue;
    seats += s.seats;
  }
  return seats;
}

function rowFor(ws: Workspace, scope: SeatUsageScope, name: string, keys: number[], seats: number): ProductSeatRow {
  const span = scope.to - scope.from + 1;
  const daily = distinctUsersPerBucket(ws, keys, scope.from, scope.to, (d) => d - scope.from, span);
  const assigned = new Set<number>(), active = new Set<number>(), inactive = new Set<number>();
  for (const k of keys) {
    const u = ws.keyUser[k]!;
    if (assignedOn(ws, k, scope.to)) assigned.add(u);
    const s = ws.eventStart[k]!, e = ws.eventStart[k + 1]!;
    const lo = lowerBound(ws.eventDay, s, e, scope.from);
    const used = lo < e && ws.eventDay[lo]! <= scope.to;
    if (used) active.add(u);
    else if (ws.keyHasAssignment[k]) {
      const a = ws.keyAssigned[k]!, un = ws.keyUnassigned[k]!;
      if ((a === NO_DAY || a <= scope.from) && (un === NO_DAY || un >= scope.to)) inactive.add(u);
    }
  }
  for (const u of active) inactive.delete(u); // a user active on any product of a group is not inactive in it
  return {
    name, children: [], seats, assigned: assigned.size, active: active.size, inactive: inactive.size,
    peakDaily: daily.reduce((m, x) => Math.max(m, x), 0),
    averageDaily: Math.round((daily.reduce((a, b) => a + b, 0) / span) * 10) / 10,
    utilisation: seats > 0 ? active.size / seats : null,
  };
}

export function seatUsage(ws: Workspace, scope: SeatUsageScope): SeatUsageSummary {
  const { keys } = scopeKeys(ws, scope, null);
  // Seats belong to offerings: a collection's keys form its group (products as
  // children); a product held on its own is a row, or part of its family.
  const groups = new Map<string, { offering: boolean; products: Map<string, number[]> }>();
  const singles = new Map<string, number[]>();
  for (const k of keys) {
    const product = ws.products[ws.keyProduct[k]!]!;
    const offering = ws.offerings[ws.keyOffering[k]!]!;
    const collection = offering && offering !== product ? offering : null;
    const group = collection ?? productFamily(product);
    if (!group) { let l = singles.get(product); if (!l) singles.set(product, (l = [])); l.push(k); continue; }
    let g = groups.get(group);
    if (!g) groups.set(group, (g = { offering: collection !== null, products: new Map() }));
    let l = g.products.get(product); if (!l) g.products.set(product, (l = [])); l.push(k);
  }
  const products: ProductSeatRow[] = [];
  for (const [name, pk] of singles) products.push(rowFor(ws, scope, name, pk, seatsFor(ws, scope.team, name, scope.to)));
  for (const [name, g] of groups) {
    const all = [...g.products.values()].flat();
    const groupSeats = g.offering ? seatsFor(ws, scope.team, name, scope.to) : 0;
    const children = [...g.products].map(([p, pk]) => rowFor(ws, scope, p, pk, g.offering ? groupSeats : seatsFor(ws, scope.team, p, scope.to)));
    const row = rowFor(ws, scope, name, all, g.offering ? groupSeats : children.reduce((s, c) => s + c.seats, 0));
    row.children = children.sort((a, b) => a.name.localeCompare(b.name));
    products.push(row);
  }
  products.sort((a, b) => a.name.localeCompare(b.name));

  const users = new Set<number>(), used = new Set<number>();
  for (const k of keys) {
    const s = ws.eventStart[k]!, e = ws.eventStart[k + 1]!;
    const lo = lowerBound(ws.eventDay, s, e, scope.from);
    if (lo < e && ws.eventDay[lo]! <= scope.to) { users.add(ws.keyUser[k]!); if (ws.keyHasAssignment[k]) used.add(ws.keyProduct[k]!); }
  }
  let totalSeats = 0;
  for (const s of ws.subscriptions) {
    if (scope.team !== null && s.team !== scope.team) continue;
    if (!subscriptionRunsOn(s, scope.to)) continue;
    totalSeats += s.seats;
  }
  return { totalUsers: users.size, totalProducts: used.size, totalSeats, utilisation: totalSeats > 0 ? users.size / totalSeats : null, products };
}

export type Granularity = 'day' | 'week' | 'month';

export interface ProductDetail {
  product: string;
  seats: number;
  granularity: Granularity;
  /** First day of each bucket. */
  starts: Day[];
  users: number[];
  peak: number;
  average: number;
}

/** Distinct users per day, week (Monday) or month of one product (or group), against its seats. */
export function productDetail(ws: Workspace, scope: SeatUsageScope, name: string, granularity: Granularity): ProductDetail {
  const summary = seatUsage(ws, scope);
  const row = summary.products.flatMap((r) => [r, ...r.children]).find((r) => r.name === name);
  const isGroup = !!row && row.children.length > 0;
  const members = new Set(isGroup ? row!.children.map((c) => c.name) : [name]);
  const keys = scopeKeys(ws, scope, null).keys.filter((k) => {
    const product = ws.products[ws.keyProduct[k]!]!;
    const offering = ws.offerings[ws.keyOffering[k]!]!;
    if (!isGroup) return product === name;
    return members.has(product) && (offering === name || productFamily(product) === name);
  });
  const starts: Day[] = [];
  let bucketOf: (d: Day) => number;
  if (granularity === 'day') {
    for (let d = scope.from; d <= scope.to; d++) starts.push(d);
    bucketOf = (d) => d - scope.from;
  } else if (granularity === 'week') {
    const monday = (d: Day) => d - ((d + 3) % 7); // 1970-01-05 was a Monday
    for (let d = monday(scope.from); d <= scope.to; d += 7) starts.push(d);
    bucketOf = (d) => Math.floor((monday(d) - starts[0]!) / 7);
  } else {
    const first = ymdParts(scope.from);
    let m = scope.from - (first.day - 1);
    while (m <= scope.to) { starts.push(m); m = addMonths(m, 1); }
    bucketOf = (d) => { const p = ymdParts(d); return (p.year - first.year) * 12 + p.month - first.month; };
  }
  const users = distinctUsersPerBucket(ws, keys, scope.from, scope.to, bucketOf, starts.length);
  return {
    product: name, seats: row?.seats ?? 0, granularity, starts, users,
    peak: users.reduce((a, b) => Math.max(a, b), 0),
    average: users.length ? Math.round((users.reduce((a, b) => a + b, 0) / users.length) * 10) / 10 : 0,
  };
}
