/**
 * Flex tokens (docs/flex.md): consumption by product, user and month; balances of
 * token packs under the vendor's rules; and a forecast an admin can buy from.
 *
 * Pack rules: a pack expires 12 months after purchase (unless its own expiry is
 * given), with no rollover; each day's consumption draws first from the pack
 * with the earliest end date and, among equal end dates, the smallest pack.
 */
import { NO_DAY, addMonths, daysInMonth, dayFromYmd, formatDay, ymdParts, type Day } from '../vocabulary/days';
import { tokensAt, type Workspace } from '../workspace/workspace';
import { ACCESS_FLEX } from '../workspace/batch';

export interface TokenPurchase {
  id?: number;
  /** Team the tokens were bought for. */
  team: string;
  /** ISO date of purchase. */
  date: string;
  quantity: number;
  /** ISO date the pack ends; empty for the default 12 months after purchase. */
  expiry: string;
  note: string;
}

export interface FlexScope {
  from: Day;
  to: Day;
  team: string | null;
}

interface Pack {
  index: number;
  start: Day;
  end: Day;
  quantity: number;
  left: number;
  consumed: number;
  expired: number;
}

export interface PackState {
  purchase: TokenPurchase;
  /** Last day the pack can be drawn on (inclusive). */
  end: string;
  consumed: number;
  remaining: number;
  expired: number;
  /** Ends within 90 days of the as-of date. */
  expiresSoon: boolean;
  /** Tokens forecast to be left in the pack when it ends. */
  forecastUnused: number;
}

export interface FlexBalance {
  purchased: number;
  consumed: number;
  expired: number;
  remaining: number;
  /** Consumption no pack covered (bought too little, or none entered). */
  uncovered: number;
  /** Remaining is 20 % or less of the tokens of the packs still active. */
  low: boolean;
  packs: PackState[];
}

export interface MonthTokens {
  month: string;
  tokens: number;
}

export interface FlexForecast {
  method: string;
  /** Tokens a month at the forecast's base rate (before the seasonal factor). */
  monthlyBurn: number;
  next12Months: MonthTokens[];
  tokensNeeded12Months: number;
  /** ISO day the balance runs out; null if it lasts past the forecast, '' if already out. */
  runsOutOn: string | null;
}

/** Breakdowns of Flex use; the totals (tokens, users, monthly average) are the scope's (scope-figures.ts). */
export interface FlexUsage {
  byProduct: { product: string; tokens: number; users: number; days: number }[];
  byUser: { userKey: string; team: string; products: string; tokens: number; days: number }[];
  byMonth: MonthTokens[];
  /** Users charged for more than one product on one day (each product is charged separately). */
  multiProductDays: { userKey: string; day: string; products: string[]; tokens: number }[];
}

/** Daily Flex consumption in scope (all time), as day → tokens. */
export function dailyTokens(ws: Workspace, team: string | null): Map<Day, number> {
  const t = team === null ? -1 : ws.teams.indexOf(team);
  const out = new Map<Day, number>();
  if (team !== null && t < 0) return out;
  for (let k = 0; k < ws.keyCount; k++) {
    if (ws.keyAccess[k] !== ACCESS_FLEX || (t >= 0 && ws.keyTeam[k] !== t)) continue;
    for (let i = ws.eventStart[k]!; i < ws.eventStart[k + 1]!; i++) {
      const d = ws.eventDay[i]!;
      out.set(d, (out.get(d) ?? 0) + tokensAt(ws, k, i));
    }
  }
  return out;
}

const monthKey = (d: Day) => formatDay(d).slice(0, 7);

export function flexUsage(ws: Workspace, scope: FlexScope): FlexUsage {
  const t = scope.team === null ? -1 : ws.teams.indexOf(scope.team);
  const byProduct = new Map<number, { tokens: number; users: Set<number>; days: number }>();
  const byUser = new Map<number, { tokens: number; days: number; products: Set<number>; teams: Set<number> }>();
  const byMonth = new Map<string, number>();
  const perUserDay = new Map<number, { keys: number[]; tokens: number }>();
  if (!(scope.team !== null && t < 0)) {
    for (let k = 0; k < ws.keyCount; k++) {
      if (ws.keyAccess[k] !== ACCESS_FLEX || (t >= 0 && ws.keyTeam[k] !== t)) continue;
      const p = ws.keyProduct[k]!,
        u = ws.keyUser[k]!;
      for (let i = ws.eventStart[k]!; i < ws.eventStart[k + 1]!; i++) {
        const d = ws.eventDay[i]!;
        if (d < scope.from) continue;
        if (d > scope.to) break;
        const tok = tokensAt(ws, k, i);
        let bp = byProduct.get(p);
        if (!bp) byProduct.set(p, (bp = { tokens: 0, users: new Set(), days: 0 }));
        bp.tokens += tok;
        bp.users.add(u);
        bp.days++;
        let bu = byUser.get(u);
        if (!bu) byUser.set(u, (bu = { tokens: 0, days: 0, products: new Set(), teams: new Set() }));
        bu.tokens += tok;
        bu.days++;
        bu.products.add(p);
        bu.teams.add(ws.keyTeam[k]!);
        const m = monthKey(d);
        byMonth.set(m, (byMonth.get(m) ?? 0) + tok);
        const ud = d * 67_108_864 + u;
        let x = perUserDay.get(ud);
        if (!x) perUserDay.set(ud, (x = { keys: [], tokens: 0 }));
        x.keys.push(k);
        x.tokens += tok;
      }
    }
  }
  const months: MonthTokens[] = [];
  for (let m = scope.from - (ymdParts(scope.from).day - 1); m <= scope.to; m = addMonths(m, 1))
    months.push({ month: monthKey(m), tokens: byMonth.get(monthKey(m)) ?? 0 });
  const multi: FlexUsage['multiProductDays'] = [];
  for (const [ud, x] of perUserDay) {
    if (x.keys.length < 2) continue;
    const products = [...new Set(x.keys.map((k) => ws.products[ws.keyProduct[k]!]!))];
    if (products.length < 2) continue;
    multi.push({
      userKey: ws.users[ud % 67_108_864]!.key,
      day: formatDay(Math.floor(ud / 67_108_864)),
      products: products.sort(),
      tokens: x.tokens,
    });
  }
  multi.sort((a, b) => b.day.localeCompare(a.day) || a.userKey.localeCompare(b.userKey));
  return {
    byProduct: [...byProduct]
      .map(([p, v]) => ({ product: ws.products[p]!, tokens: v.tokens, users: v.users.size, days: v.days }))
      .sort((a, b) => b.tokens - a.tokens),
    byUser: [...byUser]
      .map(([u, v]) => ({
        userKey: ws.users[u]!.key,
        team: [...v.teams].map((x) => ws.teams[x]!).join(', '),
        products: [...v.products]
          .map((p) => ws.products[p]!)
          .sort()
          .join(', '),
        tokens: v.tokens,
        days: v.days,
      }))
      .sort((a, b) => b.tokens - a.tokens),
    byMonth: months,
    multiProductDays: multi,
  };
}

export function packEnd(p: TokenPurchase): Day {
  const start = parseDay(p.date);
  // "Expires 12 months after purchase": the last usable day is the day before.
  return p.expiry ? parseDay(p.expiry) : addMonths(start, 12) - 1;
}

function parseDay(iso: string): Day {
  const [y, m, d] = iso.split('-').map(Number);
  return dayFromYmd(y!, m!, d!);
}

/** Orders the packs a day can draw from: earliest end first, then the smallest. */
function drawOrder(a: Pack, b: Pack): number {
  return a.end - b.end || a.quantity - b.quantity || a.index - b.index;
}

/**
 * Runs the packs through every day's consumption up to `asOf` (and, with
 * `future`, through forecast days after it). Returns the packs' state.
 */
function simulate(
  purchases: readonly TokenPurchase[],
  consumption: Map<Day, number>,
  asOf: Day,
  future?: (d: Day) => number,
  until?: Day,
): { packs: Pack[]; uncovered: number; outDay: Day } {
  const packs: Pack[] = purchases.map((p, index) => ({
    index,
    start: parseDay(p.date),
    end: packEnd(p),
    quantity: p.quantity,
    left: p.quantity,
    consumed: 0,
    expired: 0,
  }));
  const days = [...consumption.keys()].filter((d) => d <= asOf);
  const first = Math.min(...days, ...packs.map((p) => p.start), asOf);
  const last = until ?? asOf;
  let uncovered = 0,
    outDay: Day = NO_DAY;
  for (let d = first; d <= last; d++) {
    let need = d <= asOf ? (consumption.get(d) ?? 0) : future ? future(d) : 0;
    if (need > 0) {
      const live = packs.filter((p) => p.start <= d && d <= p.end && p.left > 0).sort(drawOrder);
      for (const p of live) {
        const take = Math.min(p.left, need);
        p.left -= take;
        p.consumed += take;
        need -= take;
        if (need <= 0) break;
      }
      if (need > 1e-9) {
        uncovered += need;
        if (d > asOf && outDay === NO_DAY) outDay = d;
      }
    }
    for (const p of packs)
      if (p.end === d && p.left > 0) {
        p.expired = p.left;
        p.left = 0;
      }
  }
  return { packs, uncovered, outDay };
}

export function flexBalance(
  purchases: readonly TokenPurchase[],
  consumption: Map<Day, number>,
  asOf: Day,
  forecast?: FlexForecast,
): FlexBalance {
  const { packs, uncovered } = simulate(purchases, consumption, asOf);
  const active = packs.filter((p) => p.start <= asOf && asOf <= p.end);
  const remaining = active.reduce((s, p) => s + p.left, 0);
  const activeQuantity = active.reduce((s, p) => s + p.quantity, 0);
  let unusedAtEnd: Pack[] | null = null;
  if (forecast) {
    const rate = forecastRateByDay(forecast);
    unusedAtEnd = simulate(purchases, consumption, asOf, rate, Math.max(asOf, ...packs.map((p) => p.end))).packs;
  }
  return {
    purchased: packs.reduce((s, p) => s + p.quantity, 0),
    consumed: packs.reduce((s, p) => s + p.consumed, 0) + uncovered,
    expired: packs.reduce((s, p) => s + p.expired, 0),
    remaining,
    uncovered,
    low: activeQuantity > 0 && remaining <= 0.2 * activeQuantity,
    packs: packs.map((p, i) => ({
      purchase: purchases[i]!,
      end: formatDay(p.end),
      consumed: p.consumed,
      remaining: p.start <= asOf && asOf <= p.end ? p.left : 0,
      expired: p.expired,
      expiresSoon: p.end >= asOf && p.end - asOf <= 90,
      forecastUnused: unusedAtEnd ? unusedAtEnd[i]!.expired : 0,
    })),
  };
}

function forecastRateByDay(f: FlexForecast): (d: Day) => number {
  const byMonth = new Map(f.next12Months.map((m) => [m.month, m.tokens]));
  return (d) => {
    const p = ymdParts(d);
    return (byMonth.get(formatDay(d).slice(0, 7)) ?? f.monthlyBurn) / daysInMonth(p.year, p.month);
  };
}

/**
 * Forecast from full calendar months before the as-of month: a weighted average
 * of the last three (3 : 2 : 1, newest heaviest); with twelve months of history,
 * each month is scaled by its seasonal factor (that month last year ÷ last year's
 * monthly mean). The balance is then run forward to find the day it runs out.
 */
export function flexForecast(consumption: Map<Day, number>, purchases: readonly TokenPurchase[], asOf: Day): FlexForecast {
  const monthly = new Map<string, number>();
  for (const [d, t] of consumption) if (d <= asOf) monthly.set(monthKey(d), (monthly.get(monthKey(d)) ?? 0) + t);
  const asOfMonthStart = asOf - (ymdParts(asOf).day - 1);
  const fullMonths: number[] = [];
  for (let i = 1; i <= 12; i++) fullMonths.push(monthly.get(monthKey(addMonths(asOfMonthStart, -i))) ?? 0);
  const firstData = Math.min(...[...consumption.keys()].filter((d) => d <= asOf), asOf);
  // Calendar months before the as-of month since the first use: the method says what it used, and uses only that.
  const first = ymdParts(firstData),
    now = ymdParts(asOf);
  const monthsOfHistory = Math.max(0, now.year * 12 + now.month - (first.year * 12 + first.month));
  const recent = fullMonths.slice(0, Math.min(3, monthsOfHistory));
  const weights = [3, 2, 1].slice(0, recent.length);
  const base = recent.length === 0 ? 0 : recent.reduce((s, v, i) => s + v * weights[i]!, 0) / weights.reduce((a, b) => a + b, 0);
  const seasonal = monthsOfHistory >= 12;
  const mean = fullMonths.reduce((a, b) => a + b, 0) / 12;
  const next12Months: MonthTokens[] = [];
  for (let i = 0; i < 12; i++) {
    const m = addMonths(asOfMonthStart, i + 1);
    // The same calendar month a year before; for the twelfth month ahead that is the
    // current, partial month, so the one a year earlier stands in.
    const lastYear = fullMonths[i <= 10 ? 10 - i : 11] ?? 0;
    const factor = seasonal && mean > 0 ? lastYear / mean : 1;
    next12Months.push({ month: monthKey(m), tokens: Math.round(base * factor) });
  }
  const method =
    monthsOfHistory === 0
      ? 'No month of usage before this one yet: the forecast is zero until one is recorded.'
      : `Weighted average of the last ${recent.length} full month${recent.length === 1 ? '' : 's'} (weights ${weights.join(' : ')}, newest heaviest)${seasonal ? ', times a seasonal factor per month from the last 12 months' : ''}.`;
  const f: FlexForecast = {
    method,
    monthlyBurn: Math.round(base),
    next12Months,
    tokensNeeded12Months: next12Months.reduce((s, m) => s + m.tokens, 0),
    runsOutOn: null,
  };
  if (purchases.length > 0 && base > 0) {
    const horizon = addMonths(asOfMonthStart, 13) - 1;
    const run = simulate(purchases, consumption, asOf, forecastRateByDay(f), horizon);
    const nowRemaining = simulate(purchases, consumption, asOf)
      .packs.filter((p) => p.start <= asOf && asOf <= p.end)
      .reduce((s, p) => s + p.left, 0);
    f.runsOutOn = nowRemaining <= 0 ? '' : run.outDay === NO_DAY ? null : formatDay(run.outDay);
  } else if (purchases.length === 0) {
    f.runsOutOn = '';
  }
  return f;
}

/** The Flex chart: 12 months of actual use up to the as-of month, then 12 forecast months, with the balance. */
export interface FlexChart {
  months: string[];
  actual: (number | null)[];
  forecast: (number | null)[];
  balance: (number | null)[];
}

/** `remaining`: the balance on the as-of day, or null when no purchase is known (no balance line then). */
export function flexChart(daily: Map<Day, number>, asOf: Day, forecast: FlexForecast, remaining: number | null): FlexChart {
  const monthStart = asOf - (ymdParts(asOf).day - 1);
  const byMonth = new Map<string, number>();
  for (const [d, t] of daily) byMonth.set(monthKey(d), (byMonth.get(monthKey(d)) ?? 0) + t);
  const chart: FlexChart = { months: [], actual: [], forecast: [], balance: [] };
  for (let i = -12; i <= 0; i++) {
    const m = monthKey(addMonths(monthStart, i));
    chart.months.push(m);
    chart.actual.push(byMonth.get(m) ?? 0);
    chart.forecast.push(i === 0 ? (byMonth.get(m) ?? 0) : null); // joins the two series at the current month
    chart.balance.push(i === 0 ? remaining : null);
  }
  let left = remaining ?? 0;
  for (const m of forecast.next12Months) {
    chart.months.push(m.month);
    chart.actual.push(null);
    chart.forecast.push(m.tokens);
    left = Math.max(0, left - m.tokens);
    chart.balance.push(remaining === null ? null : left);
  }
  return chart;
}
