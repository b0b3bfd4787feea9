/**
 * Seat usage: who used their seats over a range, by offering (with the AutoCAD
 * family to drill into) and per offering day by day. Seats, holders and use come
 * from the scope's shared figures (scope-figures.ts, docs/figures.md), so this
 * page, the report tiles and the recommendations agree. Only Subscription
 * access counts here; Flex has its own view.
 */
import { addMonths, ymdParts, type Day } from '../vocabulary/days';
import type { Workspace } from '../workspace/workspace';
import { ACTIVITY_ACTIVE, ACTIVITY_INACTIVE, lowerBound, scanScope, type OfferingSeats, type ScopeScan } from '../report/scope-figures';
import { ACCESS_FLEX } from '../workspace/batch';

export interface SeatUsageScope {
  from: Day;
  to: Day;
  /** Team name, or null for All Teams. */
  team: string | null;
}

export interface ProductSeatRow {
  /** Offering name, or the family name for a group row. */
  name: string;
  /** For a family row, its offerings; [] otherwise. */
  children: ProductSeatRow[];
  /** Seats of the offering's subscriptions on the range's last day (docs/figures.md). */
  seats: number;
  /** People holding a seat on that day. */
  assigned: number;
  /** Holders beyond the seats, summed team by team: never clipped to 0 by another team's spare seats. */
  over: number;
  /** Seats nobody holds. */
  spare: number;
  /** Seats used in the range (one per person and team), of offerings whose seats are known; utilisation is this ÷ seats. */
  inUse: number;
  /** People who used it in the range. */
  active: number;
  /** People holding it who did not use it over the covered range. */
  inactive: number;
  peakDaily: number;
  averageDaily: number;
  /** inUse ÷ seats; null when no seats are known. */
  utilisation: number | null;
}

export interface SeatUsageSummary {
  /** People who used a subscription seat in the range: the report's "Active users". */
  totalUsers: number;
  totalProducts: number;
  totalSeats: number;
  /** Seats in use over the offerings whose seats are known. */
  seatsInUse: number;
  /** seatsInUse ÷ totalSeats: the same definition as every row's. */
  utilisation: number | null;
  overAssignedSeats: number;
  products: ProductSeatRow[];
}

/** Product families that roll up for drill-down: AutoCAD and its specialised toolsets. */
export function productFamily(product: string): string | null {
  return /^AutoCAD\b/i.test(product) && product !== 'AutoCAD LT' ? 'AutoCAD (with toolsets)' : null;
}

/**
 * Distinct users per bucket of days (a day, a week, a month) over the keys: each
 * key counts once per bucket, and a user holding the product in two teams once.
 */
export function distinctUsersPerBucket(
  ws: Workspace,
  keys: readonly number[],
  from: Day,
  to: Day,
  bucketOf: (d: Day) => number,
  buckets: number,
): number[] {
  const counts = new Array<number>(buckets).fill(0);
  const keysPerUser = new Map<number, number>();
  for (const k of keys) keysPerUser.set(ws.keyUser[k]!, (keysPerUser.get(ws.keyUser[k]!) ?? 0) + 1);
  const seenMulti = new Set<number>();
  for (const k of keys) {
    const user = ws.keyUser[k]!;
    const multi = keysPerUser.get(user)! > 1;
    const s = ws.eventStart[k]!,
      e = ws.eventStart[k + 1]!;
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

interface SeatRowParts {
  offerings: OfferingSeats[];
  keys: number[];
}

/**
 * The rows of the Seats page and the keys behind each: one per offering (a
 * collection is one), with the AutoCAD family rolled up over its offerings.
 * The row and its chart both read these keys and seats.
 */
function seatRowParts(ws: Workspace, scan: ScopeScan): Map<string, SeatRowParts & { family: Map<string, SeatRowParts> | null }> {
  const rows = new Map<string, SeatRowParts & { family: Map<string, SeatRowParts> | null }>();
  const part = (offering: string) => {
    const familyName = productFamily(offering);
    const name = familyName ?? offering;
    let row = rows.get(name);
    if (!row) rows.set(name, (row = { offerings: [], keys: [], family: familyName ? new Map() : null }));
    if (!row.family) return { row, child: null };
    let child = row.family.get(offering);
    if (!child) row.family.set(offering, (child = { offerings: [], keys: [] }));
    return { row, child };
  };
  for (const o of scan.offerings) {
    const { row, child } = part(o.offering);
    row.offerings.push(o);
    child?.offerings.push(o);
  }
  for (const k of scan.keys) {
    if (ws.keyAccess[k] === ACCESS_FLEX) continue;
    const { row, child } = part(ws.products[ws.keyProduct[k]!]!);
    row.keys.push(k);
    child?.keys.push(k);
  }
  return rows;
}

function rowFor(ws: Workspace, scan: ScopeScan, name: string, parts: SeatRowParts): ProductSeatRow {
  const { from, to } = scan.scope;
  const span = to - from + 1;
  const daily = distinctUsersPerBucket(ws, parts.keys, from, to, (d) => d - from, span);
  const active = new Set<number>(),
    inactive = new Set<number>();
  for (const k of parts.keys) {
    const act = scan.figures.activity[k];
    if (act === ACTIVITY_ACTIVE) active.add(ws.keyUser[k]!);
    else if (act === ACTIVITY_INACTIVE) inactive.add(ws.keyUser[k]!);
  }
  for (const u of active) inactive.delete(u); // active on one offering of a family: not inactive in it
  const sum = (f: (o: OfferingSeats) => number) => parts.offerings.reduce((s, o) => s + f(o), 0);
  const seats = sum((o) => o.seats),
    inUse = sum((o) => (o.seats > 0 ? o.inUse : 0));
  return {
    name,
    children: [],
    seats,
    assigned: sum((o) => o.assigned),
    over: sum((o) => o.over),
    spare: sum((o) => o.spare),
    inUse,
    active: active.size,
    inactive: inactive.size,
    peakDaily: daily.reduce((m, x) => Math.max(m, x), 0),
    averageDaily: Math.round((daily.reduce((a, b) => a + b, 0) / span) * 10) / 10,
    utilisation: seats > 0 ? inUse / seats : null,
  };
}

/** `today` bounds the usage data's coverage, as in the report; omitted, the data's last day. */
export function seatUsage(ws: Workspace, scope: SeatUsageScope, today: Day = Number.MAX_SAFE_INTEGER): SeatUsageSummary {
  const scan = scanScope(ws, { team: scope.team, product: null, from: scope.from, to: scope.to }, today);
  const products: ProductSeatRow[] = [];
  for (const [name, parts] of seatRowParts(ws, scan)) {
    const row = rowFor(ws, scan, name, parts);
    if (parts.family)
      row.children = [...parts.family].map(([child, p]) => rowFor(ws, scan, child, p)).sort((a, b) => a.name.localeCompare(b.name));
    products.push(row);
  }
  products.sort((a, b) => a.name.localeCompare(b.name));
  const used = new Set<number>();
  for (const k of scan.keys) {
    if (ws.keyAccess[k] !== ACCESS_FLEX && ws.keyHasAssignment[k] && scan.figures.activity[k] === ACTIVITY_ACTIVE)
      used.add(ws.keyProduct[k]!);
  }
  const t = scan.totals;
  return {
    totalUsers: t.activeUsers,
    totalProducts: used.size,
    totalSeats: t.seats,
    seatsInUse: t.seatsInUse,
    utilisation: t.utilisation,
    overAssignedSeats: t.overAssignedSeats,
    products,
  };
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

/** Distinct users per day, week (Monday) or month of one row of the Seats page, against its seats. */
export function productDetail(
  ws: Workspace,
  scope: SeatUsageScope,
  name: string,
  granularity: Granularity,
  today: Day = Number.MAX_SAFE_INTEGER,
): ProductDetail {
  const scan = scanScope(ws, { team: scope.team, product: null, from: scope.from, to: scope.to }, today);
  const rows = seatRowParts(ws, scan);
  let parts: SeatRowParts | undefined = rows.get(name);
  for (const r of rows.values()) parts ??= r.family?.get(name);
  const row = parts ? rowFor(ws, scan, name, parts) : null;
  const keys = parts?.keys ?? [];
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
    while (m <= scope.to) {
      starts.push(m);
      m = addMonths(m, 1);
    }
    bucketOf = (d) => {
      const p = ymdParts(d);
      return (p.year - first.year) * 12 + p.month - first.month;
    };
  }
  const users = distinctUsersPerBucket(ws, keys, scope.from, scope.to, bucketOf, starts.length);
  return {
    product: name,
    seats: row?.seats ?? 0,
    granularity,
    starts,
    users,
    peak: users.reduce((a, b) => Math.max(a, b), 0),
    average: users.length ? Math.round((users.reduce((a, b) => a + b, 0) / users.length) * 10) / 10 : 0,
  };
}
