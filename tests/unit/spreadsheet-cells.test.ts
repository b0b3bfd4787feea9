/** A cell longer than a spreadsheet cell holds never makes an export fail (docs/reliability.md). */
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import Papa from 'papaparse';
import { reportCsv, reportXlsx, writeReportXlsx } from '../../src/core/export/report-export';
import { MAX_CELL_CHARS, fitCell } from '../../src/core/export/spreadsheet-cells';
import { tableCsv, writeWorkbook, type ExportTable } from '../../src/core/export/table';
import { changeLogXlsx, writeChangeLog } from '../../src/core/changes/change-export';
import { REPORT_COLUMNS, type ReportRow } from '../../src/core/vocabulary/report-columns';
import type { Change } from '../../src/core/vocabulary/change';

const row = (id: number, over: Partial<ReportRow> = {}): ReportRow => ({
  id,
  team: 'Alpha',
  first_name: 'Ann',
  last_name: 'Archer',
  email: `u${id}@x.com`,
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
  userRef: `e:u${id}@x.com`,
  pending: '',
  lockReason: '',
  ...over,
});

const MIB = 'x'.repeat(1024 * 1024);
const read = (bytes: Uint8Array) => XLSX.read(bytes, { type: 'array' });
const aoa = (ws: XLSX.WorkSheet) => XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null });

describe('cells longer than 32,767 characters', () => {
  it('fitCell cuts to the limit without splitting a surrogate pair', () => {
    expect(fitCell('abc')).toEqual({ text: 'abc', cut: false });
    expect(fitCell('a'.repeat(MAX_CELL_CHARS))).toEqual({ text: 'a'.repeat(MAX_CELL_CHARS), cut: false });
    expect(fitCell(MIB).text).toHaveLength(MAX_CELL_CHARS);
    const emoji = `${'a'.repeat(MAX_CELL_CHARS - 1)}😀tail`; // the pair straddles the limit
    const cut = fitCell(emoji);
    expect(cut).toEqual({ text: 'a'.repeat(MAX_CELL_CHARS - 1), cut: true });
  });

  it('the report XLSX is written, the cells cut and their rows named on the Filters sheet; CSV keeps them whole', () => {
    // Sheet rows 12 and 40 are data rows 10 and 38 (the header is row 1).
    const rows = Array.from({ length: 45 }, (_, i) => row(i, i === 10 || i === 38 ? { first_name: MIB } : {}));
    const book = writeReportXlsx(rows, [['Team', 'Alpha']]);
    expect(book.cutCells).toBe(2);
    const wb = read(book.bytes);
    const data = aoa(wb.Sheets['Usage Report']!);
    const col = REPORT_COLUMNS.indexOf('first_name');
    expect((data[11]![col] as string).length).toBe(MAX_CELL_CHARS);
    expect((data[39]![col] as string).length).toBe(MAX_CELL_CHARS);
    expect(data[12]![col]).toBe('Ann');
    const filters = XLSX.utils.sheet_to_json<string[]>(wb.Sheets.Filters!, { header: 1 });
    expect(filters).toContainEqual(['Team', 'Alpha']);
    expect(filters).toContainEqual(['Cells cut to 32,767 characters', 'rows 12, 40 (column first_name)']);

    const csv = Papa.parse<string[]>(reportCsv(rows).slice(1), { skipEmptyLines: true }).data;
    expect(csv[11]![col]).toHaveLength(MIB.length);
  });

  it('names several columns, and writes no cut line when nothing was cut', () => {
    const rows = [row(0, { email: MIB }), row(1), row(2, { first_name: MIB, group: MIB })];
    const filters = XLSX.utils.sheet_to_json<string[]>(read(reportXlsx(rows, [])).Sheets.Filters!, { header: 1 });
    expect(filters).toContainEqual([
      'Cells cut to 32,767 characters',
      'row 2 (column email); row 4 (column first_name); row 4 (column group)',
    ]);
    const plain = XLSX.utils.sheet_to_json<string[]>(read(reportXlsx([row(0)], [['Team', 'Alpha']])).Sheets.Filters!, { header: 1 });
    expect(plain.flat().join(' ')).not.toMatch(/cut/);
  });

  it('lists the first rows and counts the rest when many cells are cut', () => {
    const rows = Array.from({ length: 30 }, (_, i) => row(i, { last_name: MIB }));
    const filters = XLSX.utils.sheet_to_json<string[]>(read(reportXlsx(rows, [])).Sheets.Filters!, { header: 1 });
    const line = filters.find((f) => f[0] === 'Cells cut to 32,767 characters')!;
    expect(line[1]).toBe(`rows ${Array.from({ length: 20 }, (_, i) => i + 2).join(', ')} and 10 more (column last_name)`);
  });

  it('the workspace export names the sheet of each cut cell', () => {
    const table = (name: string, long: boolean): ExportTable => ({
      name,
      header: ['team', 'note'],
      kinds: ['text', 'date'],
      widths: [10, 10],
      rows: [['T', long ? MIB : '2026-01-01']],
    });
    const book = writeWorkbook([table('Users', false), table('Usage', true)]);
    const wb = read(book.bytes);
    expect(wb.SheetNames).toEqual(['Users', 'Usage', 'Filters']);
    expect(XLSX.utils.sheet_to_json<string[]>(wb.Sheets.Filters!, { header: 1 })).toContainEqual([
      'Cells cut to 32,767 characters (Usage)',
      'row 2 (column note)',
    ]);
    expect(tableCsv(table('Usage', true))).toContain(MIB);
    // Nothing cut: no Filters sheet is added to the sections workbook.
    expect(read(writeWorkbook([table('Users', false)]).bytes).SheetNames).toEqual(['Users']);
  });

  it('the change log XLSX cuts a long reason and names it', () => {
    const change = (id: number, reason: string): Change => ({
      id,
      action: 'unassign',
      team: 'T',
      userKey: 'e:a@x.com',
      email: 'a@x.com',
      firstName: 'A',
      lastName: 'B',
      product: 'Revit',
      source: 'report',
      reason,
      queuedAt: '2026-01-01T10:00:00.000Z',
      state: 'pending',
      stateAt: '2026-01-01T10:00:00.000Z',
    });
    const changes = [change(1, 'short'), change(2, MIB)];
    expect(writeChangeLog(changes).cutCells).toBe(1);
    const wb = read(changeLogXlsx(changes));
    const rows = XLSX.utils.sheet_to_json<Record<string, string | number>>(wb.Sheets.Changes!);
    expect(rows.map((r) => [r.id, r.reason.toString().length])).toEqual([
      [1, 5],
      [2, MAX_CELL_CHARS],
    ]);
    expect(XLSX.utils.sheet_to_json<string[]>(wb.Sheets.Filters!, { header: 1 })).toContainEqual([
      'Cells cut to 32,767 characters',
      'row 3 (column reason)',
    ]);
  });
});
