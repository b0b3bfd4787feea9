/** Reminder handlers: the schedule, whether one is due, and its digest (docs/notifications.md). */
import { digestEml, isDue, type Digest } from '../../core/notifications/schedule';
import type { NotificationSchedule } from '../../core/vocabulary/reminders';
import { formatDay } from '../../core/vocabulary/days';
import type { RangePreset } from '../../core/vocabulary/date-range';
import type { WorkspaceDb } from '../../storage/workspace-db';
import { guardWrite } from '../../storage/storage-errors';
import type { EngineContext } from './context';
import { inactiveDigest } from '../../core/session/digest';

async function loadSchedule(db: WorkspaceDb): Promise<NotificationSchedule | null> {
  return ((await db.settings.get('notifications'))?.value as NotificationSchedule | undefined) ?? null;
}

export function notificationHandlers(ctx: EngineContext) {
  return {
    schedule(): Promise<NotificationSchedule | null> {
      return loadSchedule(ctx.db);
    },
    async setSchedule(schedule: NotificationSchedule): Promise<void> {
      await guardWrite('The reminder settings were not saved', () => ctx.db.settings.put({ key: 'notifications', value: schedule }));
    },
    /** Checks whether a reminder is due; if so, marks it raised and returns its digest. */
    async dueNotification(today: number): Promise<Digest | null> {
      const s = await loadSchedule(ctx.db);
      if (!s || !isDue(s, today)) return null;
      await guardWrite('The reminder could not be marked as raised', () =>
        ctx.db.settings.put({ key: 'notifications', value: { ...s, lastNotified: formatDay(today) } }),
      );
      return inactiveDigest(ctx.session, s.range, today);
    },
    digestEml(range: RangePreset, today: number): string {
      return digestEml(inactiveDigest(ctx.session, range, today));
    },
  };
}
