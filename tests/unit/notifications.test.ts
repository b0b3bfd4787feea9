import { describe, expect, it } from 'vitest';
import { dayFromYmd, formatDay } from '../../src/core/vocabulary/days';
import { digestEml, isDue, latestOccurrence } from '../../src/core/notifications/schedule';
import { nextOccurrence, type NotificationSchedule } from '../../src/core/vocabulary/reminders';
import { EngineSession } from '../../src/core/session/engine-session';
import { batchesFromCsv, csv } from '../support/workspace-from-csv';
import { inactiveDigest } from '../../src/core/session/digest';

const schedule = (over: Partial<NotificationSchedule> = {}): NotificationSchedule => ({
  enabled: true,
  start: '2026-01-31',
  frequency: 'monthly',
  range: '3m',
  lastNotified: null,
  ...over,
});

describe('usage notifications (docs/notifications.md)', () => {
  it('falls due on each scheduled day, once', () => {
    const s = schedule();
    expect(isDue(s, dayFromYmd(2026, 1, 30))).toBe(false); // before the start
    expect(isDue(s, dayFromYmd(2026, 1, 31))).toBe(true);
    expect(isDue({ ...s, lastNotified: '2026-01-31' }, dayFromYmd(2026, 2, 27))).toBe(false);
    expect(formatDay(latestOccurrence(s, dayFromYmd(2026, 3, 5))!)).toBe('2026-02-28'); // month ends clamp
    expect(isDue({ ...s, lastNotified: '2026-01-31' }, dayFromYmd(2026, 2, 28))).toBe(true);
    expect(isDue({ ...s, enabled: false }, dayFromYmd(2026, 2, 28))).toBe(false);
    expect(formatDay(nextOccurrence({ ...s, frequency: 'biweekly' }, dayFromYmd(2026, 2, 1))!)).toBe('2026-02-14');
    expect(formatDay(nextOccurrence({ ...s, frequency: 'quarterly' }, dayFromYmd(2026, 2, 1))!)).toBe('2026-04-30');
    expect(isDue({ ...s, frequency: 'weekly', lastNotified: '2026-02-01' }, dayFromYmd(2026, 2, 7))).toBe(true); // Feb 7 occurrence
  });

  it('digests the inactive users by team, as an email file to forward', async () => {
    const s = new EngineSession();
    await s.load(
      await batchesFromCsv([
        [
          'users.csv',
          csv(
            'team,email,first_name,last_name,product_name,assigned_date',
            'A,ann@x.com,Ann,Archer,Revit,2025-01-01',
            'A,ann@x.com,Ann,Archer,AutoCAD,2025-01-01',
            'B,ann@x.com,Ann,Archer,Maya,2025-01-01',
            'B,bob@x.com,Bob,Baker,Maya,2025-01-01',
          ),
        ],
        ['usage.csv', csv('team,email,product_name,day_used', 'B,bob@x.com,Maya,2026-03-01', 'B,bob@x.com,Maya,2026-03-30')],
      ]),
    );
    const d = inactiveDigest(s, '3m', dayFromYmd(2026, 3, 31));
    expect(d.dataNote).toBe(''); // usage from yesterday: the range ends today
    expect(d.inactiveUsers).toBe(1); // ann, inactive in two teams, counts once
    expect(d.teams.map((t) => [t.team, t.people.map((p) => `${p.email}:${p.products.join('+')}`)])).toEqual([
      ['A', ['ann@x.com:AutoCAD+Revit']],
      ['B', ['ann@x.com:Maya']],
    ]);
    const eml = digestEml(d, new Date('2026-03-31T08:00:00Z'));
    expect(eml).toMatch(/^MIME-Version: 1\.0\r\nDate: Tue, 31 Mar 2026 08:00:00 GMT\r\nSubject: =\?UTF-8\?B\?/);
    const subject = /Subject: =\?UTF-8\?B\?(.+)\?=/.exec(eml)![1]!;
    expect(Buffer.from(subject, 'base64').toString('utf8')).toBe('Seatwise: 1 inactive user (Dec 31, 2025 – Mar 31, 2026)');
    expect(eml).toContain('  - Ann Archer <ann@x.com>: AutoCAD, Revit; last used never');
  });

  it('ends the digest on the last data day when the usage is stale, and says so', async () => {
    const s = new EngineSession();
    await s.load(
      await batchesFromCsv([
        ['users.csv', csv('team,email,product_name,assigned_date', 'A,ann@x.com,Revit,2025-01-01', 'A,bob@x.com,Revit,2025-01-01')],
        ['usage.csv', csv('team,email,product_name,day_used', 'A,bob@x.com,Revit,2026-01-20')],
      ]),
    );
    // Today is 60 days after the newest usage: a range ending today would call Bob inactive for days without data.
    const d = inactiveDigest(s, '30d', dayFromYmd(2026, 1, 20) + 60);
    expect(d.rangeLabel).toBe('Dec 21, 2025 – Jan 20, 2026');
    expect(d.dataNote).toBe(
      'Newest usage: Jan 20, 2026 — 60 days ago: the range ends on that day, and nobody is counted inactive after it.',
    );
    expect(d.teams.flatMap((t) => t.people.map((p) => p.email))).toEqual(['ann@x.com']);
    expect(digestEml(d)).toContain(d.dataNote);
  });
});
