/**
 * The Usage Report export (docs/report.md, "Exports"): all sixteen columns in order, exactly
 * the filtered rows; XLSX with real dates, autofilter, widths and a sheet of
 * the filters used; CSV (UTF-8 with BOM, for Excel) neutralised against formulas.
 */
import { DATE_COLUMNS, NUMBER_COLUMNS, REPORT_COLUMNS, type ReportRow } from '../vocabulary/report-columns';
import { tableCsv, writeWorkbook, type ExportContext, type ExportTable, type WrittenWorkbook } from './table';

export type ExportFormat = 'xlsx' | 'csv';

export type { ExportContext };

const WIDTHS: Record<(typeof REPORT_COLUMNS)[number], number> = {
  team: 18,
  first_name: 14,
  last_name: 16,
  email: 30,
  product_name: 26,
  access_option: 14,
  group: 18,
  assigned_date: 13,
  unassigned_date: 15,
  seat_assignment: 15,
  user_activity: 15,
  days_used: 10,
  monthly_average: 15,
  last_accessed: 13,
  days_inactive: 13,
  tokens_used: 12,
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

/** The report as a workbook: the rows, then the Filters sheet (which names any cell cut to fit). */
export function writeReportXlsx(rows: readonly ReportRow[], context: ExportContext): WrittenWorkbook {
  return writeWorkbook([reportTable(rows)], context);
}

export function reportXlsx(rows: readonly ReportRow[], context: ExportContext): Uint8Array {
  return writeReportXlsx(rows, context).bytes;
}

/**
 * A file name that carries the view (docs/report.md, "Exports"): what it holds, the team and the
 * range, e.g. `seatwise-usage-Structures-2025-11-23-to-2026-11-23.xlsx`. Without a range (the
 * portal's own report) the day of the export stands in for it.
 */
export function exportFileName(
  kind: string,
  view: { team: string | null; from: string | null; to: string | null },
  format: ExportFormat | 'zip',
  now: Date = new Date(),
): string {
  const part = (text: string) => text.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  const team = part(view.team ?? '') || 'All-Teams';
  const range = view.from && view.to ? `${view.from}-to-${view.to}` : `exported-${now.toISOString().slice(0, 10)}`;
  return `seatwise-${part(kind) || 'export'}-${team}-${range}.${format}`;
}
