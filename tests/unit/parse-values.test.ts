import { describe, expect, it } from 'vitest';
import { formatDay } from '../../src/core/vocabulary/days';
import { parseDate, parseNumber, slashOrderEvidence } from '../../src/core/import/parse-values';

const day = (raw: string | number, order: 'mdy' | 'dmy' = 'mdy') => {
  const r = parseDate(raw, order);
  return r.ok ? formatDay(r.day) : `error: ${r.reason}`;
};

describe('dates (docs/import.md, "Dates")', () => {
  it('reads ISO, ISO timestamps (UTC day), M/D/YYYY, D.M.YYYY and Excel serials', () => {
    expect(day('2026-03-04')).toBe('2026-03-04');
    expect(day('2026-03-04T10:00:00Z')).toBe('2026-03-04');
    expect(day('2026-03-04T23:30:00-05:00')).toBe('2026-03-05');
    expect(day('2026-03-04 08:15:00')).toBe('2026-03-04');
    expect(day('3/4/2026')).toBe('2026-03-04');
    expect(day('3/4/2026', 'dmy')).toBe('2026-04-03');
    expect(day('04.03.2026')).toBe('2026-03-04');
    expect(day(46085)).toBe('2026-03-04');
    expect(day('46085')).toBe('2026-03-04');
    expect(day('2026-03-04 10:00:00 UTC')).toBe('2026-03-04');
    expect(day('4 Mar 2026')).toBe('2026-03-04');
    expect(day('04-Mar-2026')).toBe('2026-03-04');
    expect(day('March 4, 2026')).toBe('2026-03-04');
  });
  it('rejects impossible dates with a reason', () => {
    expect(day('2026-02-30')).toMatch(/error: .*not a valid date/);
    expect(day('13/25/2026')).toMatch(/error/);
    expect(day('soon')).toMatch(/error: "soon" is not a date/);
    expect(day(12)).toMatch(/error/);
  });
  it('gathers evidence for the slash order', () => {
    expect(slashOrderEvidence('25/03/2026')).toBe('dmy');
    expect(slashOrderEvidence('03/25/2026')).toBe('mdy');
    expect(slashOrderEvidence('03/04/2026')).toBeNull();
  });
});

describe('numbers (docs/import.md, "Numbers")', () => {
  const n = (s: string) => {
    const r = parseNumber(s);
    return r.ok ? r.value : NaN;
  };
  it('accepts thousands separators and a decimal comma', () => {
    expect(n('1,234')).toBe(1234);
    expect(n('1,234.5')).toBe(1234.5);
    expect(n('1.234,5')).toBe(1234.5);
    expect(n('12,5')).toBe(12.5);
    expect(n('1 234')).toBe(1234);
    expect(n('1.234.567')).toBe(1234567);
    expect(n('7')).toBe(7);
  });
  it('rejects text', () => {
    expect(parseNumber('many').ok).toBe(false);
  });
});
