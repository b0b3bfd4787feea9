/**
 * The report's view as it lives in the URL (docs/ranges-and-links.md): filters, range, sort and
 * visible columns, so a link reproduces the view. Pure: parse and print only.
 */
import { NO_DAY, parseIsoDay, type Day } from './days';
import { PRESET_NAMES, isStale, newestUsageDay, isRangePreset, presetRange, rangeDatesLabel, type RangePreset } from './date-range';
import { DEFAULT_COLUMNS, isDisplayColumn, isReportColumn, type DisplayColumn } from './report-columns';
import type { ReportQuery, RowFilters, SortSpec } from './report-query';

export interface ReportViewState extends RowFilters {
  range: RangePreset | null;
  from: string | null;
  to: string | null;
  /**
   * ISO day, 'data' for "as of last data", 'today', or null for the default:
   * today, or the last data day when the data is stale (docs/figures.md).
   */
  asof: string | null;
  sort: SortSpec | null;
  /** The visible columns in order; null for the remembered or default set (docs/ranges-and-links.md). */
  cols: DisplayColumn[] | null;
}

export const DEFAULT_RANGE: RangePreset = '3m';

export const EMPTY_VIEW: ReportViewState = {
  team: null,
  range: null,
  from: null,
  to: null,
  asof: null,
  access: null,
  activity: null,
  assignment: null,
  product: null,
  group: null,
  q: '',
  sort: null,
  cols: null,
};

/** Enumerated values are matched case-insensitively, spaces read as hyphens ("Not yet active"). */
const oneOf = <T extends string>(v: string | null, allowed: readonly T[]): T | null => {
  const x = v?.toLowerCase().replace(/\s+/g, '-') ?? null;
  return x !== null && (allowed as readonly string[]).includes(x) ? (x as T) : null;
};

/** Known column names, each once, in the order given; none known is the default set. */
export function parseColumns(v: string | null): DisplayColumn[] | null {
  const cols = [...new Set((v ?? '').split(',').filter(isDisplayColumn))];
  return cols.length > 0 ? cols : null;
}

export function parseViewState(params: URLSearchParams): ReportViewState {
  const get = (k: string) => {
    const v = params.get(k);
    return v === null || v.trim() === '' ? null : v.trim();
  };
  const range = get('range')?.toLowerCase() ?? null;
  let sort: SortSpec | null = null;
  const s = get('sort');
  if (s) {
    const [column, direction = 'asc'] = s.toLowerCase().split(':');
    if (column && isReportColumn(column) && (direction === 'asc' || direction === 'desc')) sort = { column, direction };
  }
  const cols = get('cols');
  const team = get('team');
  return {
    team: team && !/^all( teams)?$/i.test(team) ? team : null,
    range: range && isRangePreset(range) ? range : null,
    from: get('from') && parseIsoDay(get('from')!) !== null ? get('from') : null,
    to: get('to') && parseIsoDay(get('to')!) !== null ? get('to') : null,
    asof: get('asof') === 'data' || get('asof') === 'today' || (get('asof') && parseIsoDay(get('asof')!) !== null) ? get('asof') : null,
    access: oneOf(get('access'), ['subscription', 'flex'] as const),
    activity: oneOf(get('activity'), ['active', 'inactive', 'not-yet-active'] as const),
    assignment: oneOf(get('assignment'), ['assigned', 'unassigned'] as const),
    product: get('product'),
    group: get('group'),
    q: params.get('q') ?? '',
    sort,
    cols: parseColumns(cols),
  };
}

export function toSearchParams(v: ReportViewState): URLSearchParams {
  const p = new URLSearchParams();
  if (v.team) p.set('team', v.team);
  if (v.from && v.to && !v.range) {
    p.set('from', v.from);
    p.set('to', v.to);
  } else if (v.range) p.set('range', v.range);
  if (v.asof) p.set('asof', v.asof);
  if (v.access) p.set('access', v.access);
  if (v.activity) p.set('activity', v.activity);
  if (v.assignment) p.set('assignment', v.assignment);
  if (v.product) p.set('product', v.product);
  if (v.group) p.set('group', v.group);
  if (v.q) p.set('q', v.q);
  if (v.sort) p.set('sort', `${v.sort.column}:${v.sort.direction}`);
  if (v.cols && v.cols.length > 0 && v.cols.join(',') !== DEFAULT_COLUMNS.join(',')) p.set('cols', v.cols.join(','));
  return p;
}

export interface ResolvedRange {
  from: Day;
  to: Day;
  asOf: Day;
  preset: RangePreset | null;
  label: string;
  /** The range ends on the last data day because the data is stale and no end was chosen. */
  endsOnDataByDefault: boolean;
}

/** Concrete days for the view; `lastDataDay` backs "as of last data" and the stale-data default. */
export function resolveRange(v: ReportViewState, today: Day, lastDataDay: Day): ResolvedRange {
  // The last data day never runs past today: rows dated in the future are kept but do not move the range.
  const lastData = newestUsageDay(lastDataDay, today);
  const byDefault = v.asof === null && isStale(lastDataDay, today);
  const asOf =
    v.asof === 'data' || byDefault ? (lastData !== NO_DAY ? lastData : today) : v.asof && v.asof !== 'today' ? parseIsoDay(v.asof)! : today;
  if (!v.range && v.from && v.to) {
    let from = parseIsoDay(v.from)!,
      to = parseIsoDay(v.to)!;
    if (from > to) [from, to] = [to, from];
    return { from, to, asOf: to, preset: null, label: `Custom (${rangeDatesLabel(from, to)})`, endsOnDataByDefault: false };
  }
  const preset = v.range ?? DEFAULT_RANGE;
  const { from, to } = presetRange(preset, asOf);
  return { from, to, asOf, preset, label: `${PRESET_NAMES[preset]} (${rangeDatesLabel(from, to)})`, endsOnDataByDefault: byDefault };
}

export function toReportQuery(v: ReportViewState, range: ResolvedRange): ReportQuery {
  return {
    from: range.from,
    to: range.to,
    team: v.team,
    access: v.access,
    activity: v.activity,
    assignment: v.assignment,
    product: v.product,
    group: v.group,
    q: v.q,
    sort: v.sort,
  };
}
