/** Set up, edit or turn off the inactive-user reminders (docs/notifications.md); each step is confirmed. */
import { For, Show, createEffect, createResource, createSignal } from 'solid-js';
import { client } from '../common/client';
import { downloadDigest } from './NotificationCenter';
import { displayDay, displayIsoDay, formatDay, todayUtc } from '../../core/vocabulary/days';
import { PRESET_NAMES, RANGE_PRESETS, type RangePreset } from '../../core/vocabulary/date-range';
import {
  FREQUENCY_LABELS,
  REMINDER_SYNC_TAG,
  nextOccurrence,
  type Frequency,
  type NotificationSchedule,
} from '../../core/vocabulary/reminders';

const RANGE_NAMES: Record<RangePreset, string> = {
  '30d': '30 days',
  '3m': '3 months',
  '6m': '6 months',
  '9m': '9 months',
  '12m': '1 year',
};

type PeriodicSync = { register: (tag: string, o: { minInterval: number }) => Promise<void>; unregister: (tag: string) => Promise<void> };

/**
 * Where the browser allows (an installed app, Chromium), the service worker
 * checks for a due reminder in the background too.
 */
async function setBackgroundCheck(enabled: boolean): Promise<void> {
  try {
    const reg = await navigator.serviceWorker?.getRegistration();
    const sync = (reg as (ServiceWorkerRegistration & { periodicSync?: PeriodicSync }) | undefined)?.periodicSync;
    if (!sync) return;
    if (!enabled) {
      await sync.unregister(REMINDER_SYNC_TAG);
      return;
    }
    const state = await navigator.permissions.query({ name: 'periodic-background-sync' as PermissionName });
    if (state.state === 'granted') await sync.register(REMINDER_SYNC_TAG, { minInterval: 12 * 60 * 60 * 1000 });
  } catch {
    // Not offered by this browser: reminders are still checked whenever the app opens.
  }
}

export function NotificationSettings() {
  const [saved] = createResource(
    () => client.version('reminders'),
    () => client.engine.schedule(),
  );
  const [start, setStart] = createSignal(formatDay(todayUtc()));
  const [frequency, setFrequency] = createSignal<Frequency>('monthly');
  const [range, setRange] = createSignal<RangePreset>('3m');
  const [message, setMessage] = createSignal('');
  let loaded = false;
  const fill = (s: NotificationSchedule | null | undefined) => {
    if (loaded || s === undefined) return;
    loaded = true;
    if (s) {
      setStart(s.start);
      setFrequency(s.frequency);
      setRange(s.range);
    }
  };
  createEffect(() => {
    if (saved.state === 'ready') fill(saved());
  });
  const describe = (s: NotificationSchedule) => {
    const next = nextOccurrence(s, todayUtc());
    return `${FREQUENCY_LABELS[s.frequency].toLowerCase()} from ${displayIsoDay(s.start)}, about people inactive over the past ${RANGE_NAMES[s.range]}${next !== null ? `; next on ${displayDay(next)}` : ''}`;
  };
  const save = async (enabled: boolean) => {
    const before = saved();
    const s: NotificationSchedule = {
      enabled,
      start: start(),
      frequency: frequency(),
      range: range(),
      lastNotified: before?.lastNotified ?? null,
    };
    await client.write('reminders', () => client.engine.setSchedule(s));
    if (enabled && typeof Notification !== 'undefined' && Notification.permission === 'default') await Notification.requestPermission();
    await setBackgroundCheck(enabled);
    setMessage(
      !enabled
        ? 'Notifications turned off.'
        : before?.enabled
          ? `Notification settings saved: ${describe(s)}.`
          : `Notifications turned on: ${describe(s)}.`,
    );
  };
  return (
    <div class="panel">
      <h2>Usage notifications</h2>
      <p class="muted">
        A reminder about people who hold a seat they do not use: in the app when it opens, and as a browser notification where allowed.
      </p>
      <form class="form-grid" aria-label="Usage notifications" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="n-start">Starting</label>
          <input id="n-start" type="date" value={start()} onInput={(e) => setStart(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="n-freq">How often</label>
          <select id="n-freq" value={frequency()} onChange={(e) => setFrequency(e.currentTarget.value as Frequency)}>
            <For each={Object.entries(FREQUENCY_LABELS)}>{([v, l]) => <option value={v}>{l}</option>}</For>
          </select>
        </div>
        <div class="field">
          <label for="n-range">Inactive over</label>
          <select id="n-range" value={range()} onChange={(e) => setRange(e.currentTarget.value as RangePreset)}>
            <For each={[...RANGE_PRESETS]}>{(p) => <option value={p}>{PRESET_NAMES[p].replace('Past ', 'the past ')}</option>}</For>
          </select>
        </div>
      </form>
      <div class="button-row">
        <Show
          when={saved()?.enabled}
          fallback={
            <button type="button" class="button button--primary" onClick={() => void save(true)}>
              Turn on
            </button>
          }
        >
          <button type="button" class="button button--primary" onClick={() => void save(true)}>
            Save changes
          </button>
          <button type="button" class="button" onClick={() => void save(false)}>
            Turn off
          </button>
        </Show>
        <button type="button" class="button" onClick={() => void downloadDigest(range())}>
          Download the digest now (.eml)
        </button>
      </div>
      <p aria-live="polite" data-testid="notification-message">
        {message()}
      </p>
    </div>
  );
}
