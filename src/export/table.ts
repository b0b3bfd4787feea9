/**
 * A table to export, and the one way tables become sheets and CSV text: the
 * header row, real dates (ISO text in, Excel dates out), numbers as numbers,
 * autofilter, widths; CSV as UTF-8 with a BOM, formula-neutralised (SPEC §4.9).
 */
import * as XLSX from 'xlsx';
import { excelSerialFromDay, parseIsoDay } from '../engine/days';
import { csvLine } from './spreadsheet-cells';

export type ColumnKind = 'text' | 'date' | 'number';
export type TableValue = string | number | null;

export interface ExportTable {
  name: string;
  header: readonly string[];
  kinds: readonly ColumnKind[];
  widths: readonly number[];
  rows: TableValue[][];
}

/** Excel's sheet limit, header included. */
export const MAX_SHEET_ROWS = 1_048_576;

function cell(v: TableValue, kind: ColumnKind): XLSX.CellObject {
  if (v === null || v === '') return { t: 'z' };
  if (kind === 'date') {
    const day = typeof v === 'string' ? parseIsoDay(v) : null;
    return day === null ? { t: 's', v: String(v) } : { t: 'n', v: excelSerialFromDay(day), z: 'yyyy-mm-dd' };
  }
  if (kind === 'number' && typeof v === 'number') return { t: 'n', v };
  return { t: 's', v: String(v) };
}

export function tableSheet(t: ExportTable): XLSX.WorkSheet {
  if (t.rows.length + 1 > MAX_SHEET_ROWS) {
    throw new Error(`${t.name} has ${t.rows.length.toLocaleString('en')} rows, more than an Excel sheet holds; export it as CSV or narrow the date range.`);
  }
  const aoa: XLSX.CellObject[][] = [t.header.map((h) => ({ t: 's', v: h }))];
  for (const r of t.rows) aoa.push(r.map((v, i) => cell(v, t.kinds[i]!)));
  const sheet = XLSX.utils.aoa_to_sheet(aoa, { dense: true });
  sheet['!autofilter'] = { ref: `A1:${XLSX.utils.encode_cell({ r: t.rows.length, c: t.header.length - 1 })}` };
  sheet['!cols'] = t.widths.map((wch) => ({ wch }));
  return sheet;
}

export function tablesWorkbook(tables: readonly ExportTable[]): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const t of tables) XLSX.utils.book_append_sheet(wb, tableSheet(t), t.name.slice(0, 31));
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer);
}

export function tableCsv(t: ExportTable): string {
  const lines = [csvLine(t.header)];
  for (const r of t.rows) lines.push(csvLine(r));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
