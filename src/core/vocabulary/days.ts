/**
 * Calendar days as integers: days since 1970-01-01 (UTC). Every date in the
 * product is a UTC calendar day (docs/ranges-and-links.md, "Days"), so integers
 * avoid time-zone drift and
 * fit the engine's typed arrays.
 */
export type Day = number;

/** Sentinel for "no date" in Int32 columns. */
export const NO_DAY = -1;

const MS_PER_DAY = 86_400_000;

export function dayFromYmd(year: number, month: number, dayOfMonth: number): Day {
  return Math.floor(Date.UTC(year, month - 1, dayOfMonth) / MS_PER_DAY);
}

/** True when year/month/day name a real calendar date. */
export function isValidYmd(year: number, month: number, dayOfMonth: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(dayOfMonth)) return false;
  if (month < 1 || month > 12 || dayOfMonth < 1) return false;
  return dayOfMonth <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function ymdParts(day: Day): { year: number; month: number; day: number } {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO `YYYY-MM-DD`. */
export function formatDay(day: Day): string {
  const p = ymdParts(day);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Parses strict ISO `YYYY-MM-DD` (URL parameters, settings); null when invalid. */
export function parseIsoDay(text: string): Day | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const y = Number(m[1]),
    mo = Number(m[2]),
    d = Number(m[3]);
  return isValidYmd(y, mo, d) ? dayFromYmd(y, mo, d) : null;
}

export function dayFromDate(date: Date): Day {
  return Math.floor(date.getTime() / MS_PER_DAY);
}

export function todayUtc(now: Date = new Date()): Day {
  return dayFromDate(now);
}

/** Same day-of-month `months` later (negative: earlier), clamped to the month's end. */
export function addMonths(day: Day, months: number): Day {
  const p = ymdParts(day);
  const total = p.year * 12 + (p.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  return dayFromYmd(year, month, Math.min(p.day, daysInMonth(year, month)));
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Short label such as "Oct 10" or, when the year differs from `refYear`, "Oct 10, 2025". */
export function shortDayLabel(day: Day, refYear?: number): string {
  const p = ymdParts(day);
  const base = `${MONTHS[p.month - 1]} ${p.day}`;
  return refYear !== undefined && refYear !== p.year ? `${base}, ${p.year}` : base;
}

/** Excel's serial day 25569 is 1970-01-01 (the 1900 leap-year bug is below that). */
export const EXCEL_EPOCH_OFFSET = 25_569;

export function dayFromExcelSerial(serial: number): Day {
  return Math.floor(serial) - EXCEL_EPOCH_OFFSET;
}

export function excelSerialFromDay(day: Day): number {
  return day + EXCEL_EPOCH_OFFSET;
}

/** Dates for people, one format app-wide: "Nov 23, 2026" in the reader's language (exports keep ISO, formatDay). */
const PEOPLE_DAY = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
const PEOPLE_MONTH = new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' });
const PEOPLE_MONTH_NAME = new Intl.DateTimeFormat(undefined, { month: 'short', timeZone: 'UTC' });
const PEOPLE_DAY_SHORT = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });

export function displayDay(day: Day): string {
  return PEOPLE_DAY.format(day * MS_PER_DAY);
}

/** A month for people: "Nov 2026". */
export function displayMonth(day: Day): string {
  return PEOPLE_MONTH.format(day * MS_PER_DAY);
}

/** A month's name alone, "Nov", for a chart's axis. */
export function displayMonthName(day: Day): string {
  return PEOPLE_MONTH_NAME.format(day * MS_PER_DAY);
}

/** A day on a chart's axis, "Aug 23": the app's date format without the year. */
export function displayDayShort(day: Day): string {
  return PEOPLE_DAY_SHORT.format(day * MS_PER_DAY);
}

/** An ISO day (as the engine hands dates to the UI) for people; '' stays ''. */
export function displayIsoDay(iso: string): string {
  const d = iso ? parseIsoDay(iso) : null;
  return d === null ? iso : displayDay(d);
}
