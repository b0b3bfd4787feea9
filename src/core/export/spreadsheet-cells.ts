/**
 * Cell-level rules shared by every export: formula neutralisation for CSV
 * (docs/report.md, "Exports"), RFC 4180 quoting, and the length a spreadsheet cell holds.
 */

/** Excel's limit on a cell's text; SheetJS refuses to write a longer one (docs/reliability.md). */
export const MAX_CELL_CHARS = 32_767;

/** Cuts text to what a spreadsheet cell holds, never splitting a surrogate pair; CSV keeps it whole. */
export function fitCell(text: string): { text: string; cut: boolean } {
  if (text.length <= MAX_CELL_CHARS) return { text, cut: false };
  const last = text.charCodeAt(MAX_CELL_CHARS - 1);
  const end = last >= 0xd800 && last <= 0xdbff ? MAX_CELL_CHARS - 1 : MAX_CELL_CHARS;
  return { text: text.slice(0, end), cut: true };
}

/** Cells starting with these could run as a formula in Excel; prefix them with an apostrophe. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = neutraliseFormula(value);
  return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(values: readonly (string | number | null)[]): string {
  return values.map(csvField).join(',');
}
