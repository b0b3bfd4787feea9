/**
 * Usage notifications (docs/notifications.md): a schedule of reminders about inactive users.
 * Pure: when is one due, and what the digest says.
 */
import { parseIsoDay, type Day } from '../vocabulary/days';
import { PRESET_NAMES, type RangePreset } from '../vocabulary/date-range';
import { occurrence, type NotificationSchedule } from '../vocabulary/reminders';

/** The latest scheduled day on or before `today`, or null when none has come yet. */
export function latestOccurrence(s: NotificationSchedule, today: Day): Day | null {
  const start = parseIsoDay(s.start);
  if (start === null || start > today) return null;
  let n = 0;
  // Step fast for day-based frequencies, month by month otherwise.
  if (s.frequency === 'weekly' || s.frequency === 'biweekly') n = Math.floor((today - start) / (s.frequency === 'weekly' ? 7 : 14));
  else while (occurrence(start, s.frequency, n + 1) <= today) n++;
  return occurrence(start, s.frequency, n);
}

/** Due when a scheduled day has come that no reminder covered yet. */
export function isDue(s: NotificationSchedule, today: Day): boolean {
  if (!s.enabled) return false;
  const latest = latestOccurrence(s, today);
  if (latest === null) return false;
  const last = s.lastNotified ? parseIsoDay(s.lastNotified) : null;
  return last === null || last < latest;
}

export interface DigestTeam {
  team: string;
  people: { name: string; email: string; products: string[]; lastAccessed: string }[];
}

export interface Digest {
  inactiveUsers: number;
  rangeLabel: string;
  range: RangePreset;
  /** Set when the usage data is stale, so the range ends on its last day: says so. */
  dataNote: string;
  teams: DigestTeam[];
}

/** The digest as an email file (.eml) the admin can forward; plain text, UTF-8. */
export function digestEml(d: Digest, now: Date = new Date()): string {
  const subject = `Seatwise: ${d.inactiveUsers} inactive user${d.inactiveUsers === 1 ? '' : 's'} (${d.rangeLabel})`;
  const lines = [
    `${d.inactiveUsers} people held a seat they did not use in the ${PRESET_NAMES[d.range].toLowerCase()} (${d.rangeLabel}).`,
    ...(d.dataNote ? [d.dataNote] : []),
    '',
  ];
  for (const t of d.teams) {
    lines.push(`${t.team} (${t.people.length})`);
    for (const p of t.people) lines.push(`  - ${p.name} <${p.email}>: ${p.products.join(', ')}; last used ${p.lastAccessed || 'never'}`);
    lines.push('');
  }
  lines.push('Open Seatwise and choose "View inactive users" to review and unassign them.');
  const encodedSubject = `=?UTF-8?B?${btoa(String.fromCharCode(...new TextEncoder().encode(subject)))}?=`;
  return `${[
    'MIME-Version: 1.0',
    `Date: ${now.toUTCString()}`,
    `Subject: ${encodedSubject}`,
    'X-Unsent: 1',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    ...lines,
  ].join('\r\n')}\r\n`;
}
