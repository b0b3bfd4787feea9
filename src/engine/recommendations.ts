/**
 * Recommendations with money attached (SPEC §8), over the last 12 months
 * ending on the as-of date: seats to reduce, low-use seats cheaper on Flex,
 * heavy Flex users cheaper on a seat, seats to buy, and a lone admin.
 * Amounts are per year, from the admin's price table.
 */
import { NO_DAY, type Day } from './days';
import type { NameMask } from './report';
import { assignedOn, shownPerson, subscriptionRunsOn, type Workspace } from './workspace';
import { ACCESS_FLEX, METHOD_DIRECT } from '../workspace/batch';
import { seatPriceOf, tokensPerDayOf, type PriceTable } from '../recommendations/prices';

export type RecommendationKind = 'reduce-seats' | 'move-to-flex' | 'move-to-subscription' | 'buy-seats' | 'single-admin';

export interface RecommendedUser {
  /** Key id in the workspace, for queueing. */
  key: number;
  userRef: string;
  name: string;
  detail: string;
  /** Yearly US$ this person accounts for. */
  amount: number;
}

export interface Recommendation {
  id: string;
  kind: RecommendationKind;
  title: string;
  team: string;
  product: string;
  /** US$ a year: saved (positive) or to spend (buy-seats: the cost of the missing seats). */
  amount: number;
  explanation: string;
  users: RecommendedUser[];
  /** The change one click queues: unassign or assign of the listed users; null when none applies. */
  action: 'unassign' | 'assign' | null;
}

const round = (x: number) => Math.round(x);

function lowerBound(days: Uint16Array, lo: number, hi: number, day: number): number {
  while (lo < hi) { const m = (lo + hi) >>> 1; if (days[m]! < day) lo = m + 1; else hi = m; }
  return lo;
}

export function recommendations(ws: Workspace, prices: PriceTable, team: string | null, from: Day, to: Day, mask: NameMask | null): Recommendation[] {
  const t = team === null ? -1 : ws.teams.indexOf(team);
  if (team !== null && t < 0) return [];
  const yearScale = 365 / Math.max(1, to - from + 1);
  const person = (k: number) => {
    const { userRef, name } = shownPerson(ws, ws.keyUser[k]!, mask);
    return { userRef, name };
  };
  const used = (k: number) => {
    const s = ws.eventStart[k]!, e = ws.eventStart[k + 1]!;
    const lo = lowerBound(ws.eventDay, s, e, from);
    const hi = lowerBound(ws.eventDay, lo, e, to + 1);
    let tokens = 0;
    for (let i = lo; i < hi; i++) tokens += ws.eventTokens[i]!;
    return { days: hi - lo, tokens };
  };

  // Per team and offering: seats, holders, inactive and low-use seat rows, Flex rows.
  interface Holding { keys: number[]; used: boolean; early: boolean; direct: boolean }
  interface Group { team: string; offering: string; seats: number; holders: Map<number, Holding>; toFlex: RecommendedUser[] }
  const groups = new Map<string, Group>();
  const toSubscription = new Map<string, { team: string; product: string; users: RecommendedUser[] }>();
  for (let k = 0; k < ws.keyCount; k++) {
    if (t >= 0 && ws.keyTeam[k] !== t) continue;
    const teamName = ws.teams[ws.keyTeam[k]!]!;
    const product = ws.products[ws.keyProduct[k]!]!;
    const u = used(k);
    if (ws.keyAccess[k] === ACCESS_FLEX) {
      const yearlyTokens = u.tokens * yearScale;
      const flexCost = yearlyTokens * prices.tokenPrice;
      const seat = seatPriceOf(prices, product);
      if (flexCost > seat) {
        const id = `${teamName}\u0000${product}`;
        let g = toSubscription.get(id);
        if (!g) toSubscription.set(id, (g = { team: teamName, product, users: [] }));
        g.users.push({ key: k, ...person(k), amount: round(flexCost - seat), detail: `${Math.round(yearlyTokens).toLocaleString('en')} tokens a year (US$${round(flexCost).toLocaleString('en')}) against a US$${seat.toLocaleString('en')} seat` });
      }
      continue;
    }
    if (!assignedOn(ws, k, to)) continue;
    const offering = ws.offerings[ws.keyOffering[k]!]!;
    const id = `${teamName}\u0000${offering}`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { team: teamName, offering, seats: 0, holders: new Map(), toFlex: [] }));
    let h = g.holders.get(ws.keyUser[k]!);
    if (!h) g.holders.set(ws.keyUser[k]!, (h = { keys: [], used: false, early: true, direct: true }));
    h.keys.push(k);
    h.used ||= u.days > 0;
    h.early &&= ws.keyAssigned[k]! === NO_DAY || ws.keyAssigned[k]! <= from;
    h.direct &&= ws.keyMethod[k] === METHOD_DIRECT;
    if (u.days > 0 && offering === product) {
      // Single-product seats only: a collection seat covers several products.
      const flexCost = u.days * yearScale * tokensPerDayOf(prices, product) * prices.tokenPrice;
      const seat = seatPriceOf(prices, product);
      if (flexCost < seat) {
        g.toFlex.push({ key: k, ...person(k), amount: round(seat - flexCost), detail: `${Math.round(u.days * yearScale)} days a year ≈ US$${round(flexCost).toLocaleString('en')} on Flex against a US$${seat.toLocaleString('en')} seat` });
      }
    }
  }
  for (const s of ws.subscriptions) {
    if (team !== null && s.team !== team) continue;
    if (!subscriptionRunsOn(s, to)) continue;
    const id = `${s.team}\u0000${s.offering}`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { team: s.team, offering: s.offering, seats: 0, holders: new Map(), toFlex: [] }));
    g.seats += s.seats;
  }

  const out: Recommendation[] = [];
  for (const g of groups.values()) {
    const price = seatPriceOf(prices, g.offering);
    const spare = Math.max(0, g.seats - g.holders.size);
    // An inactive seat: a holder who used none of the offering's products all period.
    const inactive: RecommendedUser[] = [];
    for (const h of g.holders.values()) {
      if (h.used || !h.early) continue;
      for (const k of h.keys) {
        inactive.push({ key: k, ...person(k), amount: h.keys[0] === k ? price : 0,
          detail: `${ws.products[ws.keyProduct[k]!]}: no use in the period${h.direct ? '' : ' (assigned by a group or default: change it in the portal)'}` });
      }
    }
    const inactiveSeats = inactive.filter((u) => u.amount > 0).length;
    if (spare > 0 || inactive.length > 0) {
      out.push({
        id: `reduce|${g.team}|${g.offering}`, kind: 'reduce-seats', team: g.team, product: g.offering,
        title: `Reduce ${g.offering} seats in ${g.team}`,
        amount: (spare + inactiveSeats) * price,
        explanation: `${spare} seat${spare === 1 ? '' : 's'} unassigned and ${inactiveSeats} held by people who did not use it in the period, at US$${price.toLocaleString('en')} a seat a year. Unassign the inactive, then lower the seat count at renewal.`,
        users: inactive, action: inactive.length > 0 ? 'unassign' : null,
      });
    }
    if (g.toFlex.length > 0) {
      out.push({
        id: `flex|${g.team}|${g.offering}`, kind: 'move-to-flex', team: g.team, product: g.offering,
        title: `Move light ${g.offering} users in ${g.team} to Flex`,
        amount: g.toFlex.reduce((s, u) => s + u.amount, 0),
        explanation: `Their days of use, priced in tokens, cost less than a seat. Unassign the seat and give them Flex access.`,
        users: g.toFlex, action: 'unassign',
      });
    }
    if (g.seats > 0 && g.holders.size > g.seats) {
      const missing = g.holders.size - g.seats;
      out.push({
        id: `buy|${g.team}|${g.offering}`, kind: 'buy-seats', team: g.team, product: g.offering,
        title: `Buy ${missing} ${g.offering} seat${missing === 1 ? '' : 's'} in ${g.team}`,
        amount: missing * price,
        explanation: `${g.holders.size} people are assigned ${g.seats} seats.`, users: [], action: null,
      });
    }
  }
  for (const g of toSubscription.values()) {
    out.push({
      id: `sub|${g.team}|${g.product}`, kind: 'move-to-subscription', team: g.team, product: g.product,
      title: `Give heavy Flex users of ${g.product} in ${g.team} a seat`,
      amount: g.users.reduce((s, u) => s + u.amount, 0),
      explanation: 'Their tokens cost more a year than a seat would.', users: g.users, action: 'assign',
    });
  }
  // A lone admin: nobody to back them up.
  const admins = new Set<number>();
  ws.users.forEach((u, i) => { if (/admin/i.test(u.role)) admins.add(i); });
  if (admins.size === 1) {
    const [only] = [...admins];
    const u = ws.users[only!]!;
    out.push({
      id: 'single-admin', kind: 'single-admin', team: '', product: '', amount: 0,
      title: 'Only one admin', users: [],
      explanation: `${mask ? mask.pseudonyms[only!] : u.email || u.hashedId} is the only admin (${u.role}): add a secondary admin so the account is never locked out.`,
      action: null,
    });
  }
  return out.sort((a, b) => b.amount - a.amount || a.title.localeCompare(b.title));
}
