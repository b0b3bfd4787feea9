/**
 * The shared figures of a scope — a team (or All Teams), a product (or all) and
 * a date range — computed in one place for every page, tile, export and reminder
 * that shows them (docs/figures.md). The report's rows are these keys, narrowed
 * by its row filters; the tiles never see those filters.
 *
 * A seat is one person's access to one offering in one team: a row's product is
 * its offering (a collection counts once), so the seats of a (team, offering)
 * slot are its subscriptions' seat quantities.
 */
import { NO_DAY, type Day } from '../vocabulary/days';
import { subscriptionRunsOn, type Workspace } from '../workspace/workspace';
import { Interner } from '../workspace/interner';
import { ACCESS_FLEX } from '../workspace/batch';

export const ACTIVITY_NONE = 0;
export const ACTIVITY_ACTIVE = 1;
export const ACTIVITY_INACTIVE = 2;
export const ACTIVITY_NOT_YET_ACTIVE = 3;

export interface Scope {
  /** Team name; null for All Teams. */
  team: string | null;
  /** Product (offering) name; null for all. */
  product: string | null;
  from: Day;
  to: Day;
}

/**
 * Per-key figures of one range, reused between scans to spare the GC. A key's figures depend on the
 * range alone, not on the team or product, so they are kept while the range stays: a scan of the same
 * range computes only the keys no earlier scan of it reached (docs/figures.md, "Kept while the range stays").
 */
export interface KeyFigures {
  daysUsed: Uint16Array;
  lastAccessed: Int32Array;
  tokens: Float64Array;
  activity: Uint8Array;
  assignedAtTo: Uint8Array;
  daysInactive: Int32Array;
  /** Per key, for `range`: KEY_UNSEEN, KEY_NO_ROW or KEY_ROW. */
  state: Uint8Array;
  /** What the computed keys are figures of; a scan of anything else starts them anew. */
  range: FiguresRange | null;
  /** The free-text filter's last matches (matchUsers), kept whatever the range. */
  lastSearch: { haystack: readonly string[]; needle: string; match: Uint8Array } | null;
}

interface FiguresRange {
  ws: Workspace;
  from: Day;
  to: Day;
  /** The last day the usage covers (usageCoverageEnd): inactivity is judged up to it. */
  coverageEnd: Day;
  /** Totals of the scopes scanned in this range, by team and product: the same keys give the same totals. */
  totals: Map<string, { totals: ScopeTotals; offerings: OfferingSeats[] }>;
}

const KEY_UNSEEN = 0;
const KEY_NO_ROW = 1;
const KEY_ROW = 2;

export function newKeyFigures(keyCount: number): KeyFigures {
  return {
    daysUsed: new Uint16Array(keyCount),
    lastAccessed: new Int32Array(keyCount),
    tokens: new Float64Array(keyCount),
    activity: new Uint8Array(keyCount),
    assignedAtTo: new Uint8Array(keyCount),
    daysInactive: new Int32Array(keyCount),
    state: new Uint8Array(keyCount),
    range: null,
    lastSearch: null,
  };
}

/** The figures' typed arrays: what they weigh in memory. */
export function keyFigureArrays(f: KeyFigures): ArrayBufferView[] {
  return [f.daysUsed, f.lastAccessed, f.tokens, f.activity, f.assignedAtTo, f.daysInactive, f.state];
}

/** Seats of one offering in one team on the range's last day. */
export interface OfferingSeats {
  team: string;
  offering: string;
  /** Seat quantities of its subscriptions running on the day (0: none known). */
  seats: number;
  /** People holding a Subscription assignment of it current on the day. */
  assigned: number;
  /** People who used it (Subscription access) in the range: seats in use. */
  inUse: number;
  /** Seats nobody holds: max(0, seats − assigned). */
  spare: number;
  /** Holders beyond the seats: max(0, assigned − seats) where seats are known. */
  over: number;
}

export interface ScopeTotals {
  subscriptions: number;
  seats: number;
  assignedSeats: number;
  /** Σ spare over the offerings: an over-assigned offering does not hide another's spare seats. */
  unassignedSeats: number;
  /** Σ over over the offerings. */
  overAssignedSeats: number;
  /** The offerings with more holders than seats. */
  overAssigned: OfferingSeats[];
  /** Seats in use, over the offerings whose seats are known. */
  seatsInUse: number;
  /** seatsInUse ÷ seats; null when no seats are known. */
  utilisation: number | null;
  /** People with Subscription use in the range. */
  activeUsers: number;
  /** People with an Inactive row (a seat unused over the covered range). */
  inactiveUsers: number;
  flexTokens: number;
  /** People who used Flex (spent tokens) in the range. */
  flexUsers: number;
  /** People with a Flex row in scope: given Flex access, used or not. */
  flexPeopleWithAccess: number;
  flexMonthlyAverageTokens: number;
  /** Last day the usage data covers (NO_DAY: no usage imported). */
  coverageEnd: Day;
}

export interface ScopeScan {
  scope: Scope;
  /** Keys of the scope's rows (assigned in the range or used in it), in key order. */
  keys: Uint32Array;
  figures: KeyFigures;
  rangeDays: number;
  totals: ScopeTotals;
  offerings: OfferingSeats[];
}

/**
 * First index in [lo, hi) whose day is ≥ day (hi when none). Without branches on the days: the halving
 * is done with arithmetic, so a key's run costs no mispredicted jumps (the scan does two per key).
 */
export function lowerBound(days: Uint16Array, lo: number, hi: number, day: number): number {
  let n = hi - lo;
  if (n <= 0) return lo;
  while (n > 1) {
    const half = n >>> 1;
    // −1 when the day is before `day` (days are 0..65535, so the difference fits), else 0.
    lo += ((days[lo + half - 1]! - day) >> 31) & half;
    n -= half;
  }
  return lo + ((days[lo]! - day) >>> 31);
}

/** `monthly_average`: per 30.4375-day month of the range, one decimal (docs/figures.md). */
export function perMonth(value: number, rangeDays: number): number {
  return Math.round((value / Math.max(1, rangeDays / 30.4375)) * 10) / 10;
}

/**
 * The last day the usage data covers: the newest usage day, never after today
 * (rows dated in the future are kept but cover nothing). Nobody is counted
 * inactive after it (docs/figures.md).
 */
export function usageCoverageEnd(ws: Workspace, today: Day): Day {
  return ws.lastEventDay === NO_DAY ? NO_DAY : Math.min(ws.lastEventDay, today);
}

interface Slots {
  /** (team, offering) slot of each key. */
  keySlot: Int32Array;
  team: string[];
  offering: string[];
  /** Slot of each subscription. */
  subscriptionSlot: Int32Array;
  /** Slots by team, then offering: the order offerings are listed in, sorted once per workspace. */
  order: Int32Array;
}

const slotCache = new WeakMap<Workspace, Slots>();

/** One slot per (team, offering), for keys and subscriptions alike; computed once per workspace. */
function slotsOf(ws: Workspace): Slots {
  let s = slotCache.get(ws);
  if (s) return s;
  // Names as numbers (the workspace's teams and products first), so a key's slot is found without a string.
  const teamIds = new Interner(ws.teams),
    offeringIds = new Interner(ws.products);
  const ids = new Map<number, number>();
  const team: string[] = [],
    offering: string[] = [];
  const slot = (t: number, o: number) => {
    const id = t * 1_048_576 + o;
    let i = ids.get(id);
    if (i === undefined) {
      i = team.length;
      ids.set(id, i);
      team.push(teamIds.values[t]!);
      offering.push(offeringIds.values[o]!);
    }
    return i;
  };
  const keySlot = new Int32Array(ws.keyCount);
  for (let k = 0; k < ws.keyCount; k++) keySlot[k] = slot(ws.keyTeam[k]!, ws.keyProduct[k]!);
  const subscriptionSlot = new Int32Array(ws.subscriptions.length);
  ws.subscriptions.forEach((x, i) => {
    subscriptionSlot[i] = slot(teamIds.id(x.team), offeringIds.id(x.offering));
  });
  const order = Int32Array.from(team.keys()).sort((a, b) => team[a]!.localeCompare(team[b]!) || offering[a]!.localeCompare(offering[b]!));
  s = { keySlot, team, offering, subscriptionSlot, order };
  slotCache.set(ws, s);
  return s;
}

function lookup(values: readonly string[], name: string | null): number {
  if (name === null) return -1;
  const i = values.indexOf(name);
  return i < 0 ? -2 : i; // -2: a name that matches nothing, so no key passes
}

/**
 * Scans the scope: per key, days used in [from, to], last use ≤ to, tokens,
 * activity, whether assigned at `to`, days inactive; then the scope's totals.
 * Every figure of docs/figures.md is defined here and nowhere else.
 */
export function scanScope(ws: Workspace, scope: Scope, today: Day, figures: KeyFigures = newKeyFigures(ws.keyCount)): ScopeScan {
  const keys = scanKeys(ws, scope, today, figures);
  const rangeDays = scope.to - scope.from + 1;
  const kept = figures.range!.totals;
  const id = JSON.stringify([scope.team, scope.product]);
  let t = kept.get(id);
  if (!t) {
    // Teams and products number in the tens: a bound that is only ever reached by a long session.
    if (kept.size >= 256) kept.clear();
    t = scopeTotals(ws, scope, keys, figures, rangeDays, figures.range!.coverageEnd);
    kept.set(id, t);
  }
  return { scope, keys, figures, rangeDays, totals: t.totals, offerings: t.offerings };
}

let keyScratch = new Uint32Array(0);

/**
 * The per-key half of scanScope: the scope's keys, their figures written into `figures`; no totals.
 * Keys already computed for this range (by an earlier scan of another team, say) are not computed again.
 */
export function scanKeys(
  ws: Workspace,
  scope: Scope,
  today: Day,
  figures: KeyFigures,
  /** Only keys in [firstKey, endKey): a long scan done a slice at a time (the trend's). */
  firstKey = 0,
  endKey = ws.keyCount,
): Uint32Array {
  const { from, to } = scope;
  const team = lookup(ws.teams, scope.team);
  const product = lookup(ws.products, scope.product);
  const coverageEnd = usageCoverageEnd(ws, today);
  // Inactivity is judged up to the last covered day only: no one is inactive for days without data.
  const judgedTo = coverageEnd === NO_DAY ? NO_DAY : Math.min(to, coverageEnd);
  const r = figures.range;
  if (r === null || r.ws !== ws || r.from !== from || r.to !== to || r.coverageEnd !== coverageEnd) {
    figures.state.fill(KEY_UNSEEN);
    figures.range = { ws, from, to, coverageEnd, totals: new Map() };
  }
  const { keyTeam, keyProduct, keyAccess, keyHasAssignment, keyAssigned, keyUnassigned, eventStart, eventDay, eventTokens, keyTokenBase } =
    ws;
  const { daysUsed, lastAccessed, tokens, activity, assignedAtTo, daysInactive, state } = figures;
  // The keys are gathered in a scratch reused between scans, then copied at their length: one allocation.
  if (keyScratch.length < ws.keyCount) keyScratch = new Uint32Array(ws.keyCount);
  const keys = keyScratch;
  let n = 0;

  for (let k = firstKey; k < endKey; k++) {
    if (team !== -1 && keyTeam[k] !== team) continue;
    if (product !== -1 && keyProduct[k] !== product) continue;
    if (state[k] === KEY_ROW) {
      keys[n++] = k;
      continue;
    }
    if (state[k] === KEY_NO_ROW) continue;
    const flex = keyAccess[k] === ACCESS_FLEX;
    const s = eventStart[k]!,
      e = eventStart[k + 1]!;
    let used = 0,
      last = NO_DAY,
      tok = 0;
    if (e > s) {
      // Most runs lie wholly inside the range (12 months) or end in it (the ranges end at the data's end).
      const lo = eventDay[s]! >= from ? s : lowerBound(eventDay, s + 1, e, from);
      const hi = eventDay[e - 1]! <= to ? e : lowerBound(eventDay, lo, e, to + 1);
      used = hi - lo;
      if (hi > s) last = eventDay[hi - 1]!;
      if (flex) {
        const shift = keyTokenBase[k]! - s;
        for (let i = lo; i < hi; i++) tok += eventTokens[shift + i]!;
      }
    }
    const hasAsg = keyHasAssignment[k] === 1;
    const a = keyAssigned[k]!,
      u = keyUnassigned[k]!;
    // A row: assigned at some time in the range, or used in it.
    const assignedInRange = hasAsg && (a === NO_DAY || a <= to) && (u === NO_DAY || u >= from);
    if (used === 0 && !assignedInRange) {
      state[k] = KEY_NO_ROW;
      continue;
    }

    let act = ACTIVITY_NONE;
    if (used > 0) act = ACTIVITY_ACTIVE;
    else if (!flex && hasAsg) {
      if (judgedTo !== NO_DAY && judgedTo >= from && (a === NO_DAY || a <= from) && (u === NO_DAY || u >= judgedTo))
        act = ACTIVITY_INACTIVE;
      else if (a !== NO_DAY && a > from) act = ACTIVITY_NOT_YET_ACTIVE;
    }
    daysUsed[k] = used;
    lastAccessed[k] = last;
    tokens[k] = tok;
    activity[k] = act;
    assignedAtTo[k] = hasAsg && (a === NO_DAY || a <= to) && (u === NO_DAY || u > to) ? 1 : 0;
    // From last use (or the assignment when never used) to the range's end, or the last covered day before it.
    const since = last !== NO_DAY ? last : a;
    daysInactive[k] = flex || since === NO_DAY || judgedTo === NO_DAY ? NO_DAY : Math.max(0, judgedTo - since);
    state[k] = KEY_ROW;
    keys[n++] = k;
  }
  return keys.slice(0, n);
}

/** Seats by (team, offering) and the scope's totals, from the scanned keys. */
function scopeTotals(
  ws: Workspace,
  scope: Scope,
  keys: Uint32Array,
  f: KeyFigures,
  rangeDays: number,
  coverageEnd: Day,
): { totals: ScopeTotals; offerings: OfferingSeats[] } {
  const slots = slotsOf(ws);
  const slotCount = slots.team.length;
  const seats = new Float64Array(slotCount),
    assigned = new Int32Array(slotCount),
    inUse = new Int32Array(slotCount);
  const present = new Uint8Array(slotCount);
  let subscriptions = 0;
  ws.subscriptions.forEach((s, i) => {
    if (scope.team !== null && s.team !== scope.team) return;
    if (scope.product !== null && s.offering !== scope.product) return;
    if (!subscriptionRunsOn(s, scope.to)) return;
    subscriptions++;
    const slot = slots.subscriptionSlot[i]!;
    seats[slot] += s.seats;
    present[slot] = 1;
  });
  // One byte of flags per seat and per person (bits below): one memory access each per key, not two or four.
  const seatFlags = new Uint8Array(ws.seatCount),
    userFlags = new Uint8Array(ws.users.length);
  const HELD = 1,
    SEAT_USED = 2,
    ACTIVE = 1,
    INACTIVE = 2,
    FLEX_USED = 4,
    FLEX_ACCESS = 8;
  let activeUsers = 0,
    inactiveUsers = 0,
    flexUsers = 0,
    flexPeopleWithAccess = 0,
    flexTokens = 0;
  const { keyUser, keyAccess, keySeat } = ws;
  const { tokens, daysUsed, assignedAtTo, activity } = f;
  const keySlot = slots.keySlot;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const u = keyUser[k]!;
    const uf = userFlags[u]!;
    if (keyAccess[k] === ACCESS_FLEX) {
      flexTokens += tokens[k]!;
      let set = FLEX_ACCESS;
      if (!(uf & FLEX_ACCESS)) flexPeopleWithAccess++;
      if (daysUsed[k]! > 0) {
        set |= FLEX_USED;
        if (!(uf & FLEX_USED)) flexUsers++;
      }
      userFlags[u] = uf | set;
      continue;
    }
    const slot = keySlot[k]!,
      seat = keySeat[k]!;
    present[slot] = 1;
    const sf = seatFlags[seat]!;
    if (assignedAtTo[k] && !(sf & HELD)) {
      seatFlags[seat] = sf | HELD;
      assigned[slot]!++;
    }
    const act = activity[k];
    if (act === ACTIVITY_ACTIVE) {
      if (!(sf & SEAT_USED)) {
        seatFlags[seat] |= SEAT_USED;
        inUse[slot]!++;
      }
      if (!(uf & ACTIVE)) {
        userFlags[u] = uf | ACTIVE;
        activeUsers++;
      }
    } else if (act === ACTIVITY_INACTIVE && !(uf & INACTIVE)) {
      userFlags[u] = uf | INACTIVE;
      inactiveUsers++;
    }
  }
  const offerings: OfferingSeats[] = [];
  for (const slot of slots.order) {
    if (present[slot]) offerings.push(offeringSeats(slots.team[slot]!, slots.offering[slot]!, seats[slot]!, assigned[slot]!, inUse[slot]!));
  }
  return {
    offerings,
    totals: {
      subscriptions,
      ...seatTotals(offerings),
      activeUsers,
      inactiveUsers,
      flexTokens,
      flexUsers,
      flexPeopleWithAccess,
      flexMonthlyAverageTokens: perMonth(flexTokens, rangeDays),
      coverageEnd,
    },
  };
}

/** One offering's seats in one team: spare and over are never netted against each other. */
export function offeringSeats(team: string, offering: string, seats: number, assigned: number, inUse: number): OfferingSeats {
  return {
    team,
    offering,
    seats,
    assigned,
    inUse,
    spare: Math.max(0, seats - assigned),
    over: seats > 0 ? Math.max(0, assigned - seats) : 0,
  };
}

/** Sums of seats over offerings; utilisation is seats in use ÷ seats, over the offerings whose seats are known. */
export function seatTotals(
  offerings: readonly OfferingSeats[],
): Pick<ScopeTotals, 'seats' | 'assignedSeats' | 'unassignedSeats' | 'overAssignedSeats' | 'overAssigned' | 'seatsInUse' | 'utilisation'> {
  let seats = 0,
    assignedSeats = 0,
    unassignedSeats = 0,
    overAssignedSeats = 0,
    seatsInUse = 0;
  for (const o of offerings) {
    seats += o.seats;
    assignedSeats += o.assigned;
    unassignedSeats += o.spare;
    overAssignedSeats += o.over;
    if (o.seats > 0) seatsInUse += o.inUse;
  }
  return {
    seats,
    assignedSeats,
    unassignedSeats,
    overAssignedSeats,
    overAssigned: offerings.filter((o) => o.over > 0),
    seatsInUse,
    utilisation: seats > 0 ? seatsInUse / seats : null,
  };
}
