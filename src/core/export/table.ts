/**
 * A table to export, and the one way tables become sheets and CSV text: the
 * header row, real dates (ISO text in, Excel dates out), numbers as numbers,
 * autofilter, widths; CSV as UTF-8 with a BOM, formula-neutralised (docs/report.md, "Exports").
 * Every XLSX cell is written here, so the cell-length limit is applied once
 * (docs/reliability.md, "Exports").
 */
import * as XLSX from 'xlsx';
import { excelSerialFromDay, parseIsoDay } from '../vocabulary/days';
import { MAX_CELL_CHARS, csvLine, fitCell } from './spreadsheet-cells';
import { boldFrozenHeaders } from './xlsx-header';

export type ColumnKind = 'text' | 'date' | 'number';
export type TableValue = string | number | null;

export interface ExportTable {
  name: string;
  header: readonly string[];
  kinds: readonly ColumnKind[];
  widths: readonly number[];
  rows: TableValue[][];
}

/** Name/value pairs describing an export, written to its "Filters" sheet. */
export type ExportContext = [label: string, value: string][];

/** A cell whose text was cut to fit: its sheet, its row as the sheet numbers it (header = 1), its column. */
export interface CutCell {
  sheet: string;
  row: number;
  column: string;
}

/** Excel's sheet limit, header included. */
export const MAX_SHEET_ROWS = 1_048_576;

/** Rows named per column on the Filters sheet; the rest are counted. */
const NAMED_ROWS = 20;

function textCell(text: string, onCut: () => void): XLSX.CellObject {
  const fitted = fitCell(text);
  if (fitted.cut) onCut();
  return { t: 's', v: fitted.text };
}

function cell(v: TableValue, kind: ColumnKind, onCut: () => void): XLSX.CellObject {
  if (v === null || v === '') return { t: 'z' };
  if (kind === 'date') {
    const day = typeof v === 'string' ? parseIsoDay(v) : null;
    return day === null ? textCell(String(v), onCut) : { t: 'n', v: excelSerialFromDay(day), z: 'yyyy-mm-dd' };
  }
  if (kind === 'number' && typeof v === 'number') return { t: 'n', v };
  return textCell(String(v), onCut);
}

const sheetName = (name: string) => name.slice(0, 31);

/** The table as a sheet; cells cut to fit are added to `cuts`. */
export function tableSheet(t: ExportTable, cuts: CutCell[] = []): XLSX.WorkSheet {
  if (t.rows.length + 1 > MAX_SHEET_ROWS) {
    throw new Error(
      `${t.name} has ${t.rows.length.toLocaleString('en')} rows, more than an Excel sheet holds; export it as CSV or narrow the date range.`,
    );
  }
  const sheet = sheetName(t.name);
  const aoa: XLSX.CellObject[][] = [t.header.map((h, c) => textCell(h, () => cuts.push({ sheet, row: 1, column: t.header[c]! })))];
  for (let r = 0; r < t.rows.length; r++) {
    aoa.push(
      t.rows[r]!.map((v, c) =>
        cell(v, t.kinds[c]!, () => cuts.push({ sheet, row: r + 2, column: t.header[c] ?? XLSX.utils.encode_col(c) })),
      ),
    );
  }
  const ws = XLSX.utils.aoa_to_sheet(aoa, { dense: true });
  ws['!autofilter'] = { ref: `A1:${XLSX.utils.encode_cell({ r: t.rows.length, c: t.header.length - 1 })}` };
  ws['!cols'] = t.widths.map((wch) => ({ wch }));
  return ws;
}

/** The "Filters" sheet: what the export holds and, when cells were cut, where. */
export function filtersSheet(context: ExportContext): XLSX.WorkSheet {
  const ws = XLSX.utils.aoa_to_sheet([['Setting', 'Value'], ...context.map(([k, v]) => [fitCell(k).text, fitCell(v).text])]);
  ws['!cols'] = [{ wch: 30 }, { wch: 60 }];
  return ws;
}

/**
 * The Filters-sheet lines naming cut cells, one per sheet: "rows 12, 40
 * (column first_name)". The sheet is named when the workbook has several.
 */
export function cutCellNotes(cuts: readonly CutCell[], nameSheets: boolean): ExportContext {
  const bySheet = new Map<string, Map<string, number[]>>();
  for (const c of cuts) {
    let columns = bySheet.get(c.sheet);
    if (!columns) bySheet.set(c.sheet, (columns = new Map()));
    let rows = columns.get(c.column);
    if (!rows) columns.set(c.column, (rows = []));
    rows.push(c.row);
  }
  const label = `Cells cut to ${MAX_CELL_CHARS.toLocaleString('en')} characters`;
  return [...bySheet].map(([sheet, columns]) => {
    const parts = [...columns].map(([column, rows]) => {
      const named = rows.slice(0, NAMED_ROWS).join(', ');
      const more = rows.length > NAMED_ROWS ? ` and ${(rows.length - NAMED_ROWS).toLocaleString('en')} more` : '';
      return `row${rows.length === 1 ? '' : 's'} ${named}${more} (column ${column})`;
    });
    return [nameSheets ? `${label} (${sheet})` : label, parts.join('; ')];
  });
}

/** What the admin is told when an export cut cells; the Filters sheet names them. */
export function cutCellsMessage(count: number): string {
  return `${count.toLocaleString('en')} cell${count === 1 ? ' was' : 's were'} longer than Excel allows (${MAX_CELL_CHARS.toLocaleString('en')} characters) and cut; the Filters sheet names the rows. CSV keeps them whole.`;
}

export interface WrittenWorkbook {
  bytes: Uint8Array;
  /** How many cells were cut to fit. */
  cutCells: number;
}

/**
 * Tables as one workbook, a sheet each, each header row bold and frozen. A Filters sheet follows
 * when `context` is given or when cells were cut (it then names them).
 */
export function writeWorkbook(tables: readonly ExportTable[], context: ExportContext | null = null): WrittenWorkbook {
  const wb = XLSX.utils.book_new();
  const cuts: CutCell[] = [];
  for (const t of tables) XLSX.utils.book_append_sheet(wb, tableSheet(t, cuts), sheetName(t.name));
  if (context || cuts.length > 0) {
    XLSX.utils.book_append_sheet(wb, filtersSheet([...(context ?? []), ...cutCellNotes(cuts, tables.length > 1)]), 'Filters');
  }
  return {
    // The library writes the zip uncompressed and as bytes (its 'array' type goes through a binary string):
    // the header styling edits the zip and compresses it, once (xlsx-header.ts).
    bytes: boldFrozenHeaders(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: false }) as Uint8Array, tables.length),
    cutCells: cuts.length,
  };
}

export function tablesWorkbook(tables: readonly ExportTable[], context: ExportContext | null = null): Uint8Array {
  return writeWorkbook(tables, context).bytes;
}

export function tableCsv(t: ExportTable): string {
  const lines = [csvLine(t.header)];
  for (const r of t.rows) lines.push(csvLine(r));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
