/**
 * Date-range presets (docs/ranges-and-links.md): rolling windows ending on the
 * as-of date. A preset
 * of N months starts on the same day of the month N months earlier, as the
 * portal's labels read ("Past 3 months (Oct 10 – Jan 10)"); 30 days likewise
 * starts 30 days earlier. Ranges are inclusive UTC days.
 */
import { NO_DAY, addMonths, shortDayLabel, ymdParts, type Day } from './days';

export const RANGE_PRESETS = ['30d', '3m', '6m', '9m', '12m'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export const PRESET_NAMES: Record<RangePreset, string> = {
  '30d': 'Past 30 days',
  '3m': 'Past 3 months',
  '6m': 'Past 6 months',
  '9m': 'Past 9 months',
  '12m': 'Past 12 months',
};

export function isRangePreset(v: string): v is RangePreset {
  return (RANGE_PRESETS as readonly string[]).includes(v);
}

export function presetRange(preset: RangePreset, asOf: Day): { from: Day; to: Day } {
  if (preset === '30d') return { from: asOf - 30, to: asOf };
  const months = Number(preset.slice(0, -1));
  return { from: addMonths(asOf, -months), to: asOf };
}

/** "Oct 10 – Jan 10", with years where the two ends differ from each other. */
export function rangeDatesLabel(from: Day, to: Day): string {
  const fy = ymdParts(from).year,
    ty = ymdParts(to).year;
  if (fy === ty) return `${shortDayLabel(from)} – ${shortDayLabel(to)}, ${ty}`;
  return `${shortDayLabel(from, -1)} – ${shortDayLabel(to, -1)}`;
}

export function presetLabel(preset: RangePreset, asOf: Day): string {
  const { from, to } = presetRange(preset, asOf);
  return `${PRESET_NAMES[preset]} (${rangeDatesLabel(from, to)})`;
}

/** Usage older than this many days is stale (docs/figures.md, "Stale data"). */
export const STALE_AFTER_DAYS = 3;

/** The newest usage day, never after today (rows dated in the future are kept but cover nothing). */
export function newestUsageDay(lastEventDay: Day, today: Day): Day {
  return lastEventDay === NO_DAY ? NO_DAY : Math.min(lastEventDay, today);
}

export function isStale(lastEventDay: Day, today: Day): boolean {
  const newest = newestUsageDay(lastEventDay, today);
  return newest !== NO_DAY && today - newest > STALE_AFTER_DAYS;
}
