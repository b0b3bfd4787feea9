/**
 * The inactive-user reminder as the settings describe it: how often, from when,
 * over which range, and when the next one comes. When one is due and what its
 * digest says are in src/core/notifications/schedule.ts.
 */
import { addMonths, parseIsoDay, type Day } from './days';
import type { RangePreset } from './date-range';

/** The periodic background sync the service worker answers with a reminder check. */
export const REMINDER_SYNC_TAG = 'seatwise-reminders';

export type Frequency = 'weekly' | 'biweekly' | 'monthly' | 'quarterly';

export const FREQUENCY_LABELS: Record<Frequency, string> = {
  weekly: 'Every week',
  biweekly: 'Every two weeks',
  monthly: 'Every month',
  quarterly: 'Every three months',
};

export interface NotificationSchedule {
  enabled: boolean;
  /** ISO day of the first reminder. */
  start: string;
  frequency: Frequency;
  /** Inactive over this range: 30 days, 3, 6, 9 months or a year. */
  range: RangePreset;
  /** ISO day of the last reminder raised, or null. */
  lastNotified: string | null;
}

export function occurrence(start: Day, frequency: Frequency, n: number): Day {
  switch (frequency) {
    case 'weekly':
      return start + 7 * n;
    case 'biweekly':
      return start + 14 * n;
    case 'monthly':
      return addMonths(start, n);
    case 'quarterly':
      return addMonths(start, 3 * n);
  }
}

/** The first scheduled day after `today`, or null when the start is not a date. */
export function nextOccurrence(s: NotificationSchedule, today: Day): Day | null {
  const start = parseIsoDay(s.start);
  if (start === null) return null;
  if (start > today) return start;
  for (let n = 0; n < 100_000; n++) {
    const d = occurrence(start, s.frequency, n);
    if (d > today) return d;
  }
  return null;
}
