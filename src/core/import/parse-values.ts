import { type Day, dayFromExcelSerial, dayFromYmd, dayFromDate, isValidYmd } from '../vocabulary/days';

/**
 * Slash dates such as 03/04/2026 are ambiguous; the order is decided once per
 * file from its values (docs/import.md, "Dates"). `unknown` means no value decided it yet.
 */
export type SlashOrder = 'mdy' | 'dmy';

export type DateResult = { ok: true; day: Day } | { ok: false; reason: string };

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i;
/** `4 Mar 2026`, `04-Mar-2026`, `Mar 4, 2026`, `March 4 2026`. */
const NAMED_MONTH_DMY = /^(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ ,-]+(\d{4})$/;
const NAMED_MONTH_MDY = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/;
const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const monthOf = (name: string) => MONTH_NAMES.indexOf(name.slice(0, 3).toLowerCase()) + 1;
const SLASH_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?)?$/i;
const DOT_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/;
const SERIAL = /^\d{4,5}(?:\.\d+)?$/;

/** Plausible Excel serials: 1954 to 2119. Anything else in a date column is not a date. */
const SERIAL_MIN = 20_000;
const SERIAL_MAX = 80_000;

function fullYear(y: string): number {
  const n = Number(y);
  return y.length === 2 ? 2000 + n : n;
}

/** Parses one date cell. Empty text is handled by the caller (it means "no date"). */
export function parseDate(raw: string | number, order: SlashOrder): DateResult {
  if (typeof raw === 'number') return parseSerial(raw);
  const text = raw.trim();
  let m = ISO_DATE.exec(text);
  if (m) return fromParts(Number(m[1]), Number(m[2]), Number(m[3]), text);
  m = ISO_TIMESTAMP.exec(text);
  if (m) {
    if (!m[7] || /^(Z|UTC|GMT)$/i.test(m[7])) return fromParts(Number(m[1]), Number(m[2]), Number(m[3]), text);
    const ms = Date.parse(text.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    if (Number.isNaN(ms)) return { ok: false, reason: `"${text}" is not a valid date` };
    return { ok: true, day: dayFromDate(new Date(ms)) };
  }
  m = SLASH_DATE.exec(text);
  if (m) {
    const a = Number(m[1]),
      b = Number(m[2]),
      y = fullYear(m[3]);
    return order === 'mdy' ? fromParts(y, a, b, text) : fromParts(y, b, a, text);
  }
  m = DOT_DATE.exec(text);
  if (m) return fromParts(Number(m[3]), Number(m[2]), Number(m[1]), text);
  if (SERIAL.test(text)) return parseSerial(Number(text));
  m = NAMED_MONTH_DMY.exec(text);
  if (m && monthOf(m[2]!) > 0) return fromParts(Number(m[3]), monthOf(m[2]!), Number(m[1]), text);
  m = NAMED_MONTH_MDY.exec(text);
  if (m && monthOf(m[1]!) > 0) return fromParts(Number(m[3]), monthOf(m[1]!), Number(m[2]), text);
  return { ok: false, reason: `"${clip(text)}" is not a date (expected YYYY-MM-DD, M/D/YYYY, D.M.YYYY or an Excel date)` };
}

function parseSerial(serial: number): DateResult {
  if (Number.isFinite(serial) && serial >= SERIAL_MIN && serial <= SERIAL_MAX) {
    return { ok: true, day: dayFromExcelSerial(serial) };
  }
  return { ok: false, reason: `${serial} is not a date` };
}

function fromParts(year: number, month: number, day: number, text: string): DateResult {
  if (year < 1970 || year > 2149 || !isValidYmd(year, month, day)) {
    return { ok: false, reason: `"${clip(text)}" is not a valid date` };
  }
  return { ok: true, day: dayFromYmd(year, month, day) };
}

/** Whether a cell is a slash date (`03/04/2026`), whose day/month order may need deciding. */
export function isSlashDate(raw: string): boolean {
  return SLASH_DATE.test(raw.trim());
}

/**
 * Evidence for the slash order from one value: 'dmy' when the first part cannot be
 * a month, 'mdy' when the second cannot, null when the value does not decide it.
 */
export function slashOrderEvidence(raw: string): SlashOrder | null {
  const m = SLASH_DATE.exec(raw.trim());
  if (!m) return null;
  const a = Number(m[1]),
    b = Number(m[2]);
  if (a > 12 && b <= 12) return 'dmy';
  if (b > 12 && a <= 12) return 'mdy';
  return null;
}

export type NumberResult = { ok: true; value: number } | { ok: false; reason: string };

const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;

/**
 * Numbers with thousands separators (`1,234.5`, `1.234,5`, `1 234`) or a decimal
 * comma (`12,5`). A lone comma followed by exactly three digits is read as a
 * thousands separator, as spreadsheets export it.
 */
export function parseNumber(raw: string | number): NumberResult {
  if (typeof raw === 'number') {
    return Number.isFinite(raw) ? { ok: true, value: raw } : { ok: false, reason: `${raw} is not a number` };
  }
  let text = raw.trim().replace(/[\s\u00a0\u202f']/g, '');
  if (PLAIN_NUMBER.test(text)) return { ok: true, value: Number(text) };
  const lastComma = text.lastIndexOf(',');
  const lastDot = text.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    text = lastComma > lastDot ? text.replace(/\./g, '').replace(',', '.') : text.replace(/,/g, '');
  } else if (lastComma >= 0) {
    text = /^-?\d{1,3}(,\d{3})+$/.test(text) ? text.replace(/,/g, '') : text.replace(',', '.');
  } else if (lastDot >= 0 && /^-?\d{1,3}(\.\d{3}){2,}$/.test(text)) {
    text = text.replace(/\./g, '');
  }
  if (PLAIN_NUMBER.test(text)) return { ok: true, value: Number(text) };
  return { ok: false, reason: `"${clip(raw.trim())}" is not a number` };
}

/** Keeps messages short and printable whatever a cell holds. */
export function clip(text: string, max = 40): string {
  const oneLine = text.replace(/[\r\n\t]+/g, ' ');
  return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}
