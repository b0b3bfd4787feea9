import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import Papa from 'papaparse';
import { exportFileName, reportCsv, reportXlsx } from '../../src/core/export/report-export';
import { neutraliseFormula } from '../../src/core/export/spreadsheet-cells';
import { REPORT_COLUMNS, type ReportRow } from '../../src/core/vocabulary/report-columns';
import { EngineSession } from '../../src/core/session/engine-session';
import { parseIsoDay } from '../../src/core/vocabulary/days';
import { EMPTY_VIEW } from '../../src/core/vocabulary/view-state';
import { batchesFromCsv, csv } from '../support/workspace-from-csv';
import { exportContext } from '../../src/core/session/exports';

const row = (over: Partial<ReportRow> = {}): ReportRow => ({
  id: 0,
  team: 'Alpha',
  first_name: 'Ann',
  last_name: 'Archer',
  email: 'ann@x.com',
  product_name: 'Revit',
  access_option: 'Subscription',
  group: '',
  assigned_date: '2025-06-01',
  unassigned_date: '',
  seat_assignment: 'Assigned',
  user_activity: 'Active',
  days_used: 12,
  monthly_average: 4,
  last_accessed: '2026-03-30',
  days_inactive: 1,
  tokens_used: 0,
  method: 'direct',
  userRef: 'e:ann@x.com',
  pending: '',
  lockReason: '',
  ...over,
});

describe('CSV export (docs/report.md, "Exports")', () => {
  it('neutralises cells that would start a formula', () => {
    for (const s of ['=1+1', '+A1', '-2', '@SUM(A1)', '\tx', '\rx']) expect(neutraliseFormula(s)).toBe(`'${s}`);
    expect(neutraliseFormula('Ann')).toBe('Ann');
  });

  it('writes the sixteen-column header and neutralised, quoted cells', () => {
    const text = reportCsv([row({ first_name: '=HYPERLINK("http://evil")', last_name: 'Smith, Jr.', team: '@team' })]);
    expect(text.startsWith('\ufeff')).toBe(true);
    const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
    expect(parsed[0]).toEqual([...REPORT_COLUMNS]);
    expect(parsed[1]![0]).toBe("'@team");
    expect(parsed[1]![1]).toBe('\'=HYPERLINK("http://evil")');
    expect(parsed[1]![2]).toBe('Smith, Jr.');
    expect(parsed[1]![11]).toBe('12');
  });
});

describe('XLSX export (docs/report.md, "Exports")', () => {
  it('reads back with the sixteen-column header, real dates, numbers, autofilter, widths and a Filters sheet', () => {
    const bytes = reportXlsx(
      [row(), row({ id: 1, email: 'bob@x.com', last_accessed: '', days_inactive: null })],
      [
        ['Team', 'Alpha'],
        ['From', '2026-01-01'],
      ],
    );
    const wb = XLSX.read(bytes, { type: 'array', cellDates: true, cellStyles: true });
    expect(wb.SheetNames).toEqual(['Usage Report', 'Filters']);
    const ws = wb.Sheets['Usage Report']!;
    const aoa = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null });
    expect(aoa[0]).toEqual([...REPORT_COLUMNS]);
    const assigned = aoa[1]![REPORT_COLUMNS.indexOf('assigned_date')];
    expect(assigned).toBeInstanceOf(Date);
    expect((assigned as Date).toISOString().slice(0, 10)).toBe('2025-06-01');
    expect(aoa[1]![REPORT_COLUMNS.indexOf('days_used')]).toBe(12);
    expect(aoa[2]![REPORT_COLUMNS.indexOf('last_accessed')]).toBeNull();
    expect(ws['!autofilter']?.ref).toBe('A1:P3');
    expect(ws['!cols']?.length).toBe(REPORT_COLUMNS.length);
    expect(ws['!cols']![REPORT_COLUMNS.indexOf('email')]!.wch).toBeGreaterThan(20);
    const filters = XLSX.utils.sheet_to_json<string[]>(wb.Sheets.Filters!, { header: 1 });
    expect(filters).toContainEqual(['Team', 'Alpha']);
  });

  it('exports exactly the filtered rows of a session, all columns whatever is visible', async () => {
    const s = new EngineSession();
    await s.load(
      await batchesFromCsv([
        ['u.csv', csv('team,email,product_name,day_used', 'A,a@x.com,Revit,2026-01-05', 'B,b@x.com,Revit,2026-01-06')],
      ]),
    );
    s.query({ ...EMPTY_VIEW, from: '2026-01-01', to: '2026-01-31', team: 'B', cols: ['email'] }, parseIsoDay('2026-01-31')!);
    const rows = s.rows(0, s.rowCount());
    const wb = XLSX.read(reportXlsx(rows, exportContext(s)), { type: 'array' });
    const data = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets['Usage Report']!);
    expect(data).toHaveLength(1);
    expect(Object.keys(data[0]!)).toContain('team');
    expect(data[0]!.email).toBe('b@x.com');
    const filters = XLSX.utils.sheet_to_json<string[]>(wb.Sheets.Filters!, { header: 1 });
    expect(filters).toContainEqual(['Team', 'B']);
    expect(filters).toContainEqual(['From', '2026-01-01']);
  });
});

describe('export file names carry the view (docs/report.md, "Exports")', () => {
  const now = new Date('2026-11-23T10:00:00Z');
  it('names what the file holds, the team and the range', () => {
    expect(exportFileName('usage', { team: 'Structures', from: '2025-11-23', to: '2026-11-23' }, 'xlsx', now)).toBe(
      'seatwise-usage-Structures-2025-11-23-to-2026-11-23.xlsx',
    );
    expect(exportFileName('usage', { team: null, from: '2026-01-01', to: '2026-03-31' }, 'csv', now)).toBe(
      'seatwise-usage-All-Teams-2026-01-01-to-2026-03-31.csv',
    );
    expect(exportFileName('Seat usage by product', { team: 'Head Office / MEP', from: '2026-01-01', to: '2026-03-31' }, 'csv', now)).toBe(
      'seatwise-Seat-usage-by-product-Head-Office-MEP-2026-01-01-to-2026-03-31.csv',
    );
  });
  it("says the export's day when the view has no range (the portal's own report)", () => {
    expect(exportFileName('usage', { team: 'Alpha', from: null, to: null }, 'xlsx', now)).toBe(
      'seatwise-usage-Alpha-exported-2026-11-23.xlsx',
    );
  });
});
