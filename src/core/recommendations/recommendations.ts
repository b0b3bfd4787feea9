/**
 * Recommendations with money attached: one net plan per team × offering, so the
 * cards add up (docs/recommendations.md). Seats, holders and inactivity are the
 * shared figures of the scope (scope-figures.ts), never counted again here.
 *
 * Per team × offering the plan frees the seats of inactive holders, moves light
 * single-product users to Flex (their days priced in tokens cost less than the
 * seat) and gives heavy Flex users a seat (their tokens cost more than one);
 * the seat count then changes by seats − (holders − freed + moved in): reduce
 * at renewal when positive, buy when negative. Its money a year is the net of
 * all of it; the page's headline is the sum of these nets.
 */
import { NO_DAY, formatDay, type Day } from '../vocabulary/days';
import { unassignLock, type NameMask } from '../report/report';
import { ACTIVITY_ACTIVE, ACTIVITY_INACTIVE, scanScope, type OfferingSeats } from '../report/scope-figures';
import { shownPerson, type Workspace } from '../workspace/workspace';
import { ACCESS_FLEX } from '../workspace/batch';
import { isOutstanding, type Change } from '../vocabulary/change';
import { seatPriceOf, tokensPerDayOf, type PriceTable } from '../vocabulary/prices';

export type RecommendationKind = 'reduce-seats' | 'buy-seats' | 'move-to-flex' | 'move-to-subscription' | 'single-admin';

/** What the plan does for one person. */
export type PersonStep = 'unassign-inactive' | 'move-to-flex' | 'give-seat';

/** One factor of a product shown to the admin: "3 seats", "US$2,030 a seat". */
export interface Factor {
  value: number;
  unit: string;
  money?: boolean;
}

/** A product of factors and its rounded result, as shown: "3 seats × US$2,030 a seat = US$6,090". */
export interface Arithmetic {
  factors: Factor[];
  /** Math.round of the product of the factors' values. */
  result: number;
  text: string;
}

export interface RecommendedUser {
  /** Key id in the workspace: the seat (or the Flex row) the step is about. */
  key: number;
  userRef: string;
  name: string;
  step: PersonStep;
  detail: string;
  /**
   * US$ a year this person's own step brings, beside the seat count: the Flex
   * tokens a light user will spend (negative), the tokens a heavy Flex user
   * stops spending (positive); 0 for an inactive holder (their seat counts in the seat change).
   */
  amount: number;
  /** How `amount` is worked out; null when it is 0. */
  arithmetic: Arithmetic | null;
  /** Why this step cannot be queued here ('' when it can): a group or default assignment. */
  lock: string;
}

/** One term of a recommendation's money a year; the terms add up to its amount. */
export interface MoneyLine {
  label: string;
  /** US$ a year: positive saves, negative costs. */
  amount: number;
  /** The arithmetic as shown. */
  text: string;
  /** Set when the line is a product of factors (the seat change). */
  arithmetic?: Arithmetic;
}

export interface QueuedCounts {
  unassigns: number;
  flexAssigns: number;
  assigns: number;
}

export interface Recommendation {
  /** Stable per team × offering, whatever the plan's kind. */
  id: string;
  kind: RecommendationKind;
  title: string;
  team: string;
  /** The offering (a collection is one seat) or, for heavy Flex users, the product. */
  product: string;
  /** The shared figures of this team × offering on the range's last day (0 seats: none known). */
  seats: number;
  holders: number;
  /** Seats the plan starts from: the subscriptions' seats, or the seats held when no running subscription is known. */
  seatBasis: number;
  freed: number;
  movedIn: number;
  /** seatBasis − (holders − freed + movedIn): positive, seats to reduce at renewal; negative, seats to buy. */
  seatChange: number;
  seatPrice: number;
  /** Net US$ a year: positive saves, negative costs; the sum of `lines`. */
  amount: number;
  lines: MoneyLine[];
  /** The seat count worked out, in words. */
  seatPlan: string;
  explanation: string;
  users: RecommendedUser[];
  /** Changes queued from recommendations for this team × offering and still outstanding. */
  queued: QueuedCounts;
}

export interface RecommendationScope {
  /** Team name; null for All Teams. */
  team: string | null;
  from: Day;
  to: Day;
}

export interface RecommendationOptions {
  /** Names shown as pseudonyms when the view's personal data is off. */
  mask?: NameMask | null;
  /** The change queue: people with a change outstanding (pending or exported) are left out of the plan. */
  changes?: readonly Change[];
}

const YEAR = 365;
const STEP_ORDER: Record<PersonStep, number> = { 'unassign-inactive': 0, 'move-to-flex': 1, 'give-seat': 2 };
const NUMBER = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
const num = (x: number) => NUMBER.format(x);
const usd = (x: number) => `US$${num(x)}`;
const plural = (n: number, one: string, many = `${one}s`) => `${num(n)} ${n === 1 ? one : many}`;

export function arithmetic(factors: Factor[]): Arithmetic {
  const result = Math.round(factors.reduce((p, f) => p * f.value, 1));
  const shown = factors.map((f) => (f.money ? `${usd(f.value)}${f.unit ? ` ${f.unit}` : ''}` : `${num(f.value)} ${f.unit}`));
  return { factors, result, text: `${shown.join(' × ')} = ${usd(result)}` };
}

interface Candidate {
  k: number;
  user: number;
  slot: string;
  step: PersonStep;
  /** What choosing this step is worth a year, to pick one step per person. */
  value: number;
  amount: number;
  arithmetic: Arithmetic | null;
  detail: string;
}

interface Slot {
  team: string;
  offering: string;
  people: Candidate[];
}

export function recommendations(
  ws: Workspace,
  prices: PriceTable,
  scope: RecommendationScope,
  today: Day,
  options: RecommendationOptions = {},
): Recommendation[] {
  const { team, from, to } = scope;
  const mask = options.mask ?? null;
  const changes = options.changes ?? [];
  const scan = scanScope(ws, { team, product: null, from, to }, today);
  const { figures } = scan;
  const coverageEnd = scan.totals.coverageEnd;
  // Use over the range is scaled to a year over the days the usage data covers.
  const covered = Math.max(1, (coverageEnd === NO_DAY ? to : Math.min(to, coverageEnd)) - from + 1);

  // People with a change outstanding are left out: one decision at a time.
  const outstandingKeys = new Set<string>();
  for (const c of changes) if (isOutstanding(c)) outstandingKeys.add(c.userKey);
  const leftOut = (u: number) => outstandingKeys.size > 0 && outstandingKeys.has(ws.users[u]!.key);

  const slotId = (t: string, o: string) => `${t}\u0000${o}`;
  const collection = (name: string) => (ws.collectionProducts[name]?.length ?? 0) > 0;
  // Collections each user holds at `to`, by team, so a Flex user already covered by one is not given a seat.
  const heldCollections = new Map<string, Set<string>>();

  const best = new Map<number, Candidate>();
  const propose = (c: Candidate) => {
    const prev = best.get(c.user);
    if (!prev || c.value > prev.value) best.set(c.user, c);
  };
  const flexKeys: number[] = [];
  for (let i = 0; i < scan.keys.length; i++) {
    const k = scan.keys[i]!;
    const u = ws.keyUser[k]!;
    const teamName = ws.teams[ws.keyTeam[k]!]!;
    const offering = ws.products[ws.keyProduct[k]!]!;
    if (ws.keyAccess[k] === ACCESS_FLEX) {
      flexKeys.push(k);
      continue;
    }
    if (!figures.assignedAtTo[k]) continue;
    if (collection(offering)) {
      const id = `${teamName}\u0000${u}`;
      let held = heldCollections.get(id);
      if (!held) heldCollections.set(id, (held = new Set()));
      for (const p of ws.collectionProducts[offering]!) held.add(p);
    }
    if (leftOut(u)) continue;
    const price = seatPriceOf(prices, offering);
    const slot = slotId(teamName, offering);
    if (figures.activity[k] === ACTIVITY_INACTIVE) {
      propose({
        k,
        user: u,
        slot,
        step: 'unassign-inactive',
        value: price,
        amount: 0,
        arithmetic: null,
        detail: `no use of ${offering} from ${formatDay(from)} to ${formatDay(Math.min(to, coverageEnd === NO_DAY ? to : coverageEnd))}`,
      });
      continue;
    }
    // Light users: a single product (a collection seat covers several), held over the whole range, used a little.
    const a = ws.keyAssigned[k]!;
    if (figures.activity[k] !== ACTIVITY_ACTIVE || collection(offering) || (a !== NO_DAY && a > from)) continue;
    const days = figures.daysUsed[k]!;
    const daysAYear = Math.max(1, Math.round((days * YEAR) / covered));
    const perDay = tokensPerDayOf(prices, offering);
    if (Math.round(daysAYear * perDay * prices.tokenPrice) >= price) continue;
    const cost = arithmetic([
      { value: daysAYear, unit: daysAYear === 1 ? 'day a year' : 'days a year' },
      { value: perDay, unit: perDay === 1 ? 'token a day' : 'tokens a day' },
      { value: prices.tokenPrice, unit: 'a token', money: true },
    ]);
    propose({
      k,
      user: u,
      slot,
      step: 'move-to-flex',
      value: price - cost.result,
      amount: -cost.result,
      arithmetic: cost,
      detail: `${plural(days, 'day')} of use in ${plural(covered, 'day')} of data (about ${plural(daysAYear, 'day')} a year): on Flex ${usd(cost.result)} a year against a ${usd(price)} seat`,
    });
  }
  for (const k of flexKeys) {
    const u = ws.keyUser[k]!;
    const tokens = figures.tokens[k]!;
    // Someone whose Flex access has ended is not counted on to keep using it.
    if (tokens <= 0 || leftOut(u) || (ws.keyHasAssignment[k] && !figures.assignedAtTo[k])) continue;
    const teamName = ws.teams[ws.keyTeam[k]!]!;
    const product = ws.products[ws.keyProduct[k]!]!;
    if (heldCollections.get(`${teamName}\u0000${u}`)?.has(product)) continue;
    const price = seatPriceOf(prices, product);
    const tokensAYear = Math.round((tokens * YEAR) / covered);
    if (Math.round(tokensAYear * prices.tokenPrice) <= price) continue;
    const cost = arithmetic([
      { value: tokensAYear, unit: 'tokens a year' },
      { value: prices.tokenPrice, unit: 'a token', money: true },
    ]);
    propose({
      k,
      user: u,
      slot: slotId(teamName, product),
      step: 'give-seat',
      value: cost.result - price,
      amount: cost.result,
      arithmetic: cost,
      detail: `${plural(Math.round(tokens * 100) / 100, 'token')} in ${plural(covered, 'day')} of data (about ${num(tokensAYear)} a year): ${usd(cost.result)} a year on Flex against a ${usd(price)} seat`,
    });
  }

  // The slots: every team × offering with seats or holders, and any a heavy Flex user needs.
  const seatsOf = new Map<string, OfferingSeats>();
  const slots = new Map<string, Slot>();
  for (const o of scan.offerings) {
    const id = slotId(o.team, o.offering);
    seatsOf.set(id, o);
    slots.set(id, { team: o.team, offering: o.offering, people: [] });
  }
  for (const c of [...best.values()].sort((x, y) => x.k - y.k)) {
    let s = slots.get(c.slot);
    if (!s) {
      const k = c.k;
      slots.set(c.slot, (s = { team: ws.teams[ws.keyTeam[k]!]!, offering: ws.products[ws.keyProduct[k]!]!, people: [] }));
    }
    s.people.push(c);
  }

  const queuedBySlot = new Map<string, QueuedCounts>();
  for (const c of changes) {
    if (!isOutstanding(c) || c.source !== 'recommendation') continue;
    const id = slotId(c.team, c.product);
    let q = queuedBySlot.get(id);
    if (!q) queuedBySlot.set(id, (q = { unassigns: 0, flexAssigns: 0, assigns: 0 }));
    if (c.action === 'unassign') q.unassigns++;
    else if (c.access === 'Flex') q.flexAssigns++;
    else q.assigns++;
  }

  const out: Recommendation[] = [];
  for (const [id, s] of slots) {
    const o = seatsOf.get(id);
    const seats = o?.seats ?? 0,
      holders = o?.assigned ?? 0;
    const seatBasis = seats > 0 ? seats : holders;
    const count = (step: PersonStep) => s.people.filter((p) => p.step === step);
    const inactive = count('unassign-inactive'),
      light = count('move-to-flex'),
      heavy = count('give-seat');
    const freed = inactive.length + light.length,
      movedIn = heavy.length;
    const seatChange = seatBasis - (holders - freed + movedIn);
    if (s.people.length === 0 && seatChange === 0) continue;
    const price = seatPriceOf(prices, s.offering);

    const lines: MoneyLine[] = [];
    if (seatChange !== 0) {
      const a = arithmetic([
        { value: Math.abs(seatChange), unit: Math.abs(seatChange) === 1 ? 'seat' : 'seats' },
        { value: price, unit: 'a seat a year', money: true },
      ]);
      lines.push({
        label: seatChange > 0 ? 'Seats to reduce at renewal' : 'Seats to buy',
        amount: seatChange > 0 ? a.result : -a.result,
        text: a.text,
        arithmetic: a,
      });
    }
    const sum = (list: Candidate[]) => list.reduce((t, p) => t + p.amount, 0);
    if (light.length > 0) {
      const total = sum(light);
      lines.push({
        label: `Flex tokens for the ${plural(light.length, 'person', 'people')} moved to Flex`,
        amount: total,
        text: `${light
          .map((p) => usd(-p.amount))
          .slice(0, 8)
          .join(' + ')}${light.length > 8 ? ` + … (${light.length} people, each worked out below)` : ''} = ${usd(-total)}`,
      });
    }
    if (heavy.length > 0) {
      const total = sum(heavy);
      lines.push({
        label: `Flex tokens no longer spent by the ${plural(heavy.length, 'person', 'people')} given a seat`,
        amount: total,
        text: `${heavy
          .map((p) => usd(p.amount))
          .slice(0, 8)
          .join(' + ')}${heavy.length > 8 ? ` + … (${heavy.length} people, each worked out below)` : ''} = ${usd(total)}`,
      });
    }
    const amount = lines.reduce((t, l) => t + l.amount, 0);

    // Its type: the part that brings the most. The net splits into seats freed or spare (at the seat
    // price), light users' seat price less their tokens, heavy users' tokens less a seat, and seats missing.
    const parts$ = {
      'reduce-seats': (Math.max(0, seatBasis - holders) + inactive.length) * price,
      'move-to-flex': light.reduce((t, p) => t + price + p.amount, 0),
      'move-to-subscription': heavy.reduce((t, p) => t + p.amount - price, 0),
    };
    const top = (Object.keys(parts$) as (keyof typeof parts$)[]).reduce((a, b) => (parts$[b] > parts$[a] ? b : a));
    const kind: RecommendationKind = amount < 0 || parts$[top] === 0 ? 'buy-seats' : top;
    const parts: string[] = [];
    if (inactive.length) parts.push(`unassign ${plural(inactive.length, 'inactive holder')}`);
    if (light.length) parts.push(`move ${plural(light.length, 'light user')} to Flex`);
    if (heavy.length) parts.push(`give ${plural(heavy.length, 'heavy Flex user')} a seat`);
    if (seatChange > 0) parts.push(`reduce by ${plural(seatChange, 'seat')} at renewal`);
    if (seatChange < 0) parts.push(`buy ${plural(-seatChange, 'seat')}`);
    const title = `${s.offering} in ${s.team}: ${parts.join(', ')}`;
    const needed = holders - freed + movedIn;
    const seatPlan =
      `${seats > 0 ? plural(seats, 'seat') : `No running subscription known: ${plural(holders, 'seat')} held taken as the seats`}; ` +
      `${num(holders)} held − ${num(freed)} freed + ${num(movedIn)} moved in = ${plural(needed, 'seat')} needed; ` +
      (seatChange > 0
        ? `${num(seatBasis)} − ${num(needed)} = ${plural(seatChange, 'seat')} to reduce at renewal.`
        : seatChange < 0
          ? `${num(needed)} − ${num(seatBasis)} = ${plural(-seatChange, 'seat')} to buy.`
          : 'the seat count stays.');
    const explanation = [
      inactive.length ? 'Inactive holders did not use it over the range: their seats are freed.' : '',
      light.length
        ? 'Light users’ days of use, priced in Flex tokens, cost less than their seat: unassign the seat and give them Flex access.'
        : '',
      heavy.length ? 'Heavy Flex users’ tokens cost more a year than a seat: give them one.' : '',
      seatChange > 0 && freed === 0 ? 'Seats nobody holds can go at renewal.' : '',
      seatChange < 0 && movedIn === 0 ? 'More people hold it than there are seats.' : '',
    ]
      .filter(Boolean)
      .join(' ');

    const users: RecommendedUser[] = s.people
      .map((p) => {
        const { userRef, name } = shownPerson(ws, p.user, mask);
        return {
          key: p.k,
          userRef,
          name,
          step: p.step,
          detail: p.detail,
          amount: p.amount,
          arithmetic: p.arithmetic,
          lock: p.step === 'give-seat' ? '' : unassignLock(ws, p.k, to),
        };
      })
      .sort((a, b) => STEP_ORDER[a.step] - STEP_ORDER[b.step] || a.name.localeCompare(b.name));
    out.push({
      id: `plan|${s.team}|${s.offering}`,
      kind,
      title,
      team: s.team,
      product: s.offering,
      seats,
      holders,
      seatBasis,
      freed,
      movedIn,
      seatChange,
      seatPrice: price,
      amount,
      lines,
      seatPlan,
      explanation,
      users,
      queued: queuedBySlot.get(id) ?? { unassigns: 0, flexAssigns: 0, assigns: 0 },
    });
  }

  // A lone admin: nobody to back them up. No money; nothing to queue.
  const admins: number[] = [];
  ws.users.forEach((u, i) => {
    if (/admin/i.test(u.role)) admins.push(i);
  });
  if (admins.length === 1) {
    const only = admins[0]!;
    const u = ws.users[only]!;
    out.push({
      id: 'single-admin',
      kind: 'single-admin',
      team: '',
      product: '',
      title: 'Only one admin',
      seats: 0,
      holders: 0,
      seatBasis: 0,
      freed: 0,
      movedIn: 0,
      seatChange: 0,
      seatPrice: 0,
      amount: 0,
      lines: [],
      seatPlan: '',
      users: [],
      explanation: `${mask ? mask.pseudonyms[only] : u.email || u.hashedId} is the only admin (${u.role}): add a secondary admin so the account is never locked out.`,
      queued: { unassigns: 0, flexAssigns: 0, assigns: 0 },
    });
  }
  return out.sort((a, b) => b.amount - a.amount || a.title.localeCompare(b.title));
}
