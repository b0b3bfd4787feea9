/**
 * The Usage Report export (SPEC §4.9): all columns of §4.2 in order, exactly
 * the filtered rows; XLSX with real dates, autofilter, widths and a sheet of
 * the filters used; CSV (UTF-8 with BOM, for Excel) neutralised against formulas.
 */
import * as XLSX from 'xlsx';
import { excelSerialFromDay, parseIsoDay } from '../engine/days';
import { DATE_COLUMNS, NUMBER_COLUMNS, REPORT_COLUMNS, type ReportRow } from '../engine/report-columns';
import { csvLine } from './spreadsheet-cells';

export type ExportFormat = 'xlsx' | 'csv';

/** Name/value pairs describing the view, written to the "Filters" sheet. */
export type ExportContext = [label: string, value: string][];

export function reportCsv(rows: Iterable<ReportRow>): string {
  const lines = [csvLine(REPORT_COLUMNS)];
  for (const row of rows) lines.push(csvLine(REPORT_COLUMNS.map((c) => row[c])));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

const DATE_FORMAT = 'yyyy-mm-dd';

function cellOf(row: ReportRow, column: (typeof REPORT_COLUMNS)[number]): XLSX.CellObject {
  const v = row[column];
  if (DATE_COLUMNS.has(column)) {
    const day = typeof v === 'string' && v ? parseIsoDay(v) : null;
    return day === null ? { t: 'z' } : { t: 'n', v: excelSerialFromDay(day), z: DATE_FORMAT };
  }
  if (NUMBER_COLUMNS.has(column)) return v === null || v === '' ? { t: 'z' } : { t: 'n', v: Number(v) };
  return { t: 's', v: String(v ?? '') };
}

const WIDTHS: Record<(typeof REPORT_COLUMNS)[number], number> = {
  team: 18, first_name: 14, last_name: 16, email: 30, product_name: 26, access_option: 14, group: 18,
  assigned_date: 13, unassigned_date: 15, seat_assignment: 15, user_activity: 15, days_used: 10,
  monthly_average: 15, last_accessed: 13, days_inactive: 13, tokens_used: 12,
};

export function reportWorkbook(rows: readonly ReportRow[], context: ExportContext): XLSX.WorkBook {
  const aoa: XLSX.CellObject[][] = [REPORT_COLUMNS.map((c) => ({ t: 's', v: c }))];
  for (const row of rows) aoa.push(REPORT_COLUMNS.map((c) => cellOf(row, c)));
  const sheet = XLSX.utils.aoa_to_sheet(aoa, { dense: true });
  const last = XLSX.utils.encode_cell({ r: rows.length, c: REPORT_COLUMNS.length - 1 });
  sheet['!autofilter'] = { ref: `A1:${last}` };
  sheet['!cols'] = REPORT_COLUMNS.map((c) => ({ wch: WIDTHS[c] }));
  const filters = XLSX.utils.aoa_to_sheet([['Setting', 'Value'], ...context]);
  filters['!cols'] = [{ wch: 22 }, { wch: 60 }];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, sheet, 'Usage Report');
  XLSX.utils.book_append_sheet(wb, filters, 'Filters');
  return wb;
}

export function reportXlsx(rows: readonly ReportRow[], context: ExportContext): Uint8Array {
  const out = XLSX.write(reportWorkbook(rows, context), { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer;
  return new Uint8Array(out);
}

export function exportFileName(base: string, format: ExportFormat, now: Date = new Date()): string {
  const stamp = now.toISOString().slice(0, 10);
  const safe = base.replace(/[^A-Za-z0-9 _.-]+/g, '').trim().replace(/\s+/g, '-') || 'export';
  return `${safe}-${stamp}.${format}`;
}
