import { describe, expect, it } from 'vitest';
import { parseIsoDay, formatDay } from '../../src/core/vocabulary/days';
import { presetLabel, presetRange } from '../../src/core/vocabulary/date-range';
import { EMPTY_VIEW, parseViewState, resolveRange, toSearchParams } from '../../src/core/vocabulary/view-state';
import { DEFAULT_COLUMNS, REPORT_COLUMNS } from '../../src/core/vocabulary/report-columns';

const d = (s: string) => parseIsoDay(s)!;

describe('date ranges (docs/ranges-and-links.md)', () => {
  it('presets end on the as-of date and start the same day N months earlier', () => {
    const r = presetRange('3m', d('2026-01-10'));
    expect([formatDay(r.from), formatDay(r.to)]).toEqual(['2025-10-10', '2026-01-10']);
    expect(formatDay(presetRange('12m', d('2026-03-31')).from)).toBe('2025-03-31');
    expect(formatDay(presetRange('3m', d('2026-05-31')).from)).toBe('2026-02-28');
    expect(formatDay(presetRange('30d', d('2026-01-31')).from)).toBe('2026-01-01');
  });
  it('labels show the actual dates', () => {
    expect(presetLabel('3m', d('2026-01-10'))).toBe('Past 3 months (Oct 10, 2025 – Jan 10, 2026)');
    expect(presetLabel('30d', d('2026-06-30'))).toBe('Past 30 days (May 31 – Jun 30, 2026)');
  });
  it('"as of last data" ends on the latest day in the data', () => {
    const v = { ...EMPTY_VIEW, range: '30d' as const, asof: 'data' };
    expect(formatDay(resolveRange(v, d('2026-11-22'), d('2026-10-31')).to)).toBe('2026-10-31');
    // Rows dated in the future do not carry the range past today.
    expect(formatDay(resolveRange(v, d('2026-11-22'), d('2149-01-05')).to)).toBe('2026-11-22');
  });
  it('a custom range is inclusive and reorders reversed ends', () => {
    const r = resolveRange({ ...EMPTY_VIEW, from: '2026-02-01', to: '2026-01-01' }, d('2026-11-22'), -1);
    expect([formatDay(r.from), formatDay(r.to)]).toEqual(['2026-01-01', '2026-02-01']);
  });
});

describe('URL parameters (docs/ranges-and-links.md)', () => {
  it('round-trips every parameter', () => {
    const qs =
      'team=Alpha+%26+Co&range=6m&asof=data&access=flex&activity=not-yet-active&assignment=unassigned&product=Revit&group=BIM&q=ann&sort=days_used%3Adesc&cols=email%2Cdays_used';
    const v = parseViewState(new URLSearchParams(qs));
    expect(v).toMatchObject({
      team: 'Alpha & Co',
      range: '6m',
      asof: 'data',
      access: 'flex',
      activity: 'not-yet-active',
      assignment: 'unassigned',
      product: 'Revit',
      group: 'BIM',
      q: 'ann',
      sort: { column: 'days_used', direction: 'desc' },
      cols: ['email', 'days_used'],
    });
    expect(parseViewState(toSearchParams(v))).toEqual(v);
  });
  it('ignores values it does not know rather than failing', () => {
    const v = parseViewState(new URLSearchParams('range=5y&access=maybe&sort=nope:up&from=2026-13-01'));
    expect(v).toEqual({ ...EMPTY_VIEW });
  });
  it('cols: the name column and export columns, each once; the default set is not written', () => {
    expect(parseViewState(new URLSearchParams('cols=name,email,colour,name')).cols).toEqual(['name', 'email']);
    expect(parseViewState(new URLSearchParams('cols=colour')).cols).toBeNull();
    expect(toSearchParams({ ...EMPTY_VIEW, cols: [...DEFAULT_COLUMNS] }).has('cols')).toBe(false);
    expect(toSearchParams({ ...EMPTY_VIEW, cols: [...REPORT_COLUMNS] }).get('cols')).toBe(REPORT_COLUMNS.join(','));
  });
  it('team=all means All Teams', () => {
    expect(parseViewState(new URLSearchParams('team=all')).team).toBeNull();
    expect(parseViewState(new URLSearchParams('team=All+Teams')).team).toBeNull();
  });
  it('reads enumerated values whatever their case', () => {
    expect(
      parseViewState(new URLSearchParams('range=12M&access=Flex&activity=Not+yet+active&assignment=Assigned&sort=Days_Used:DESC')),
    ).toMatchObject({
      range: '12m',
      access: 'flex',
      activity: 'not-yet-active',
      assignment: 'assigned',
      sort: { column: 'days_used', direction: 'desc' },
    });
  });
});
