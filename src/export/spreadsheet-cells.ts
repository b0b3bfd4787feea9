/**
 * Cell-level rules shared by every export: formula neutralisation for CSV
 * (SPEC §4.9) and RFC 4180 quoting.
 */

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
