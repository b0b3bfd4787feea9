/**
 * The Usage Report export (SPEC §4.9): all columns of §4.2 in order, exactly
 * the filtered rows; XLSX with real dates, autofilter, widths and a sheet of
 * the filters used; CSV (UTF-8 with BOM, for Excel) neutralised against formulas.
 */
import * as XLSX from 'xlsx';
import { DATE_COLUMNS, NUMBER_COLUMNS, REPORT_COLUMNS, type ReportRow } from '../engine/report-columns';
import { tableCsv, tableSheet, type ExportTable } from './table';

export type ExportFormat = 'xlsx' | 'csv';

/** Name/value pairs describing the view, written to the "Filters" sheet. */
export type ExportContext = [label: string, value: string][];

const WIDTHS: Record<(typeof REPORT_COLUMNS)[number], number> = {
  team: 18, first_name: 14, last_name: 16, email: 30, product_name: 26, access_option: 14, group: 18,
  assigned_date: 13, unassigned_date: 15, seat_assignment: 15, user_activity: 15, days_used: 10,
  monthly_average: 15, last_accessed: 13, days_inactive: 13, tokens_used: 12,
};

export function reportTable(rows: readonly ReportRow[]): ExportTable {
  return {
    name: 'Usage Report',
    header: REPORT_COLUMNS,
    kinds: REPORT_COLUMNS.map((c) => (DATE_COLUMNS.has(c) ? 'date' : NUMBER_COLUMNS.has(c) ? 'number' : 'text')),
    widths: REPORT_COLUMNS.map((c) => WIDTHS[c]),
    rows: rows.map((row) => REPORT_COLUMNS.map((c) => row[c])),
  };
}

export function reportCsv(rows: readonly ReportRow[]): string {
  return tableCsv(reportTable(rows));
}

export function reportWorkbook(rows: readonly ReportRow[], context: ExportContext): XLSX.WorkBook {
  const filters = XLSX.utils.aoa_to_sheet([['Setting', 'Value'], ...context]);
  filters['!cols'] = [{ wch: 22 }, { wch: 60 }];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, tableSheet(reportTable(rows)), 'Usage Report');
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
