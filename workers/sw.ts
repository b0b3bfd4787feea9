/// <reference lib="webworker" />
/**
 * The service worker: precaches the built app so it works offline (docs/architecture.md),
 * serves index.html for navigations, and checks for a due inactive-user
 * reminder when the browser grants a periodic sync (docs/notifications.md).
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { clientsClaim } from 'workbox-core';
import { WorkspaceDb } from '../src/storage/workspace-db';
import { isDue } from '../src/core/notifications/schedule';
import { REMINDER_SYNC_TAG, type NotificationSchedule } from '../src/core/vocabulary/reminders';
import { todayUtc } from '../src/core/vocabulary/days';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));
clientsClaim();

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

/** In the background the app is not running: say a reminder is due; opening the app shows who. */
async function remindIfDue(): Promise<void> {
  const db = new WorkspaceDb();
  try {
    const schedule = (await db.settings.get('notifications'))?.value as NotificationSchedule | undefined;
    if (!schedule || !isDue(schedule, todayUtc())) return;
    await self.registration.showNotification('Seatwise', {
      body: 'Your inactive-user reminder is due: open Seatwise to see who holds a seat without using it.',
      tag: 'seatwise-inactive',
      data: { url: `./#/report?range=${schedule.range}&activity=inactive` },
    });
  } finally {
    db.close();
  }
}

self.addEventListener('periodicsync', (event) => {
  const e = event as ExtendableEvent & { tag: string };
  if (e.tag === REMINDER_SYNC_TAG) e.waitUntil(remindIfDue());
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = (event.notification.data as { url?: string } | null)?.url ?? './';
  event.waitUntil(self.clients.openWindow(url).then(() => undefined));
});
