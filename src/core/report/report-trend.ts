/**
 * The report's trend (docs/report.md, "Trend"): for each calendar month of the
 * range, the report itself over that month — the same scope, row filters and
 * definitions (scope-figures.ts, docs/figures.md) — counted as people.
 */
import { addMonths, dayFromYmd, formatDay, ymdParts, type Day } from '../vocabulary/days';
import { ACCESS_FLEX } from '../workspace/batch';
import type { Workspace } from '../workspace/workspace';
import type { ReportQuery } from '../vocabulary/report-query';
import { rowKeys, type NameMask } from './report';
import { ACTIVITY_ACTIVE, ACTIVITY_INACTIVE, ACTIVITY_NOT_YET_ACTIVE, newKeyFigures, scanKeys, type KeyFigures } from './scope-figures';

export interface TrendMonth {
  /** `YYYY-MM`. */
  month: string;
  /** The month's days, ISO: the whole month, but never past the range's end (the last month is to date). */
  from: string;
  to: string;
  /** People with at least one row of that activity in the month's report. */
  active: number;
  inactive: number;
  notYetActive: number;
  /** Tokens of the month's Flex rows. */
  flexTokens: number;
}

export interface ReportTrend {
  months: TrendMonth[];
  /** Some month's report holds a Flex row: the trend shows tokens too. */
  flex: boolean;
}

/**
 * The calendar months overlapping [from, to]: each whole, so months compare with each other (a range
 * starting on the 23rd would otherwise open on an eight-day month), but none past `to`.
 */
export function monthsOf(from: Day, to: Day): { from: Day; to: Day }[] {
  const out: { from: Day; to: Day }[] = [];
  if (to < from) return out;
  const p = ymdParts(from);
  let start = dayFromYmd(p.year, p.month, 1);
  while (start <= to) {
    const next = addMonths(start, 1);
    out.push({ from: start, to: Math.min(to, next - 1) });
    start = next;
  }
  return out;
}

/** Keys computed between two steps of a trend: at 10M events about a millisecond and a half of work. */
const TREND_SLICE = 16_384;

/** The trend of the report `query` asks for; `figures` is scratch space (the session's last report keeps its own). */
export function reportTrend(
  ws: Workspace,
  query: ReportQuery,
  mask: NameMask | null,
  today: Day,
  figures: KeyFigures = newKeyFigures(ws.keyCount),
): ReportTrend {
  const steps = reportTrendByMonth(ws, query, mask, today, figures);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/**
 * The same, a slice of a month a step: the engine lets a newer question in between steps and drops a
 * trend nobody waits for any more (docs/report.md, "Trend"). `figures` must not be used by
 * anything else until the trend is done or dropped.
 */
export function* reportTrendByMonth(
  ws: Workspace,
  query: ReportQuery,
  mask: NameMask | null,
  today: Day,
  figures: KeyFigures,
): Generator<void, ReportTrend> {
  const months: TrendMonth[] = [];
  // Per user, the last month (1-based) each activity was counted in: distinct people without clearing arrays.
  const seenActive = new Int32Array(ws.users.length),
    seenInactive = new Int32Array(ws.users.length),
    seenNotYet = new Int32Array(ws.users.length);
  let flex = false;
  for (const [i, m] of monthsOf(query.from, query.to).entries()) {
    const stamp = i + 1;
    const monthQuery: ReportQuery = { ...query, from: m.from, to: m.to };
    const scope = { team: query.team, product: query.product, from: m.from, to: m.to };
    // The month's figures a slice of keys at a time: a question arriving meanwhile waits for a slice,
    // not for a month (at 10M events, a month of All Teams is about as long as a report).
    for (let k = 0; k < ws.keyCount; k += TREND_SLICE) {
      scanKeys(ws, scope, today, figures, k, Math.min(ws.keyCount, k + TREND_SLICE));
      yield;
    }
    // Every key computed: this only gathers the month's keys.
    const scanned = scanKeys(ws, scope, today, figures);
    const keys = rowKeys(ws, monthQuery, { keys: scanned, figures }, mask);
    let active = 0,
      inactive = 0,
      notYetActive = 0,
      flexTokens = 0;
    for (let j = 0; j < keys.length; j++) {
      const k = keys[j]!;
      if (ws.keyAccess[k] === ACCESS_FLEX) {
        flex = true;
        flexTokens += figures.tokens[k]!;
      }
      const u = ws.keyUser[k]!;
      const a = figures.activity[k]!;
      if (a === ACTIVITY_ACTIVE && seenActive[u] !== stamp) {
        seenActive[u] = stamp;
        active++;
      } else if (a === ACTIVITY_INACTIVE && seenInactive[u] !== stamp) {
        seenInactive[u] = stamp;
        inactive++;
      } else if (a === ACTIVITY_NOT_YET_ACTIVE && seenNotYet[u] !== stamp) {
        seenNotYet[u] = stamp;
        notYetActive++;
      }
    }
    const label = formatDay(m.from).slice(0, 7);
    months.push({
      month: label,
      from: formatDay(m.from),
      to: formatDay(m.to),
      active,
      inactive,
      notYetActive,
      flexTokens: Math.round(flexTokens * 100) / 100,
    });
    yield;
  }
  return { months, flex };
}
