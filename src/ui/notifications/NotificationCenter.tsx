/** When a reminder is due as the app opens (docs/notifications.md): an in-app message, and a browser notification where allowed. */
import { useNavigate } from '@solidjs/router';
import { Show, createEffect, createSignal } from 'solid-js';
import { client } from '../common/client';
import { downloadBytes } from '../common/download';
import { formatDay, todayUtc } from '../../core/vocabulary/days';
import { PRESET_NAMES, type RangePreset } from '../../core/vocabulary/date-range';
import type { Digest } from '../../core/notifications/schedule';

/** The digest of inactive users over a range ending today, saved as an .eml file. */
export async function downloadDigest(range: RangePreset): Promise<void> {
  const text = await client.engine.digestEml(range, todayUtc());
  downloadBytes(text, `seatwise-inactive-users-${formatDay(todayUtc())}.eml`, 'message/rfc822');
}

export function NotificationCenter() {
  const navigate = useNavigate();
  const [digest, setDigest] = createSignal<Digest | null>(null);
  let checked = false;
  createEffect(() => {
    if (checked || !client.hasData()) return;
    checked = true;
    // A due reminder is marked raised as it is shown: a write, when there is one.
    void client
      .write(
        'reminders',
        () => client.engine.dueNotification(todayUtc()),
        (d) => d !== null,
      )
      .then((d) => {
        if (!d) return;
        setDigest(d);
        if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
          new Notification('Seatwise', {
            body: `${d.inactiveUsers} inactive user${d.inactiveUsers === 1 ? '' : 's'} over the ${PRESET_NAMES[d.range].toLowerCase()}`,
            tag: 'seatwise-inactive',
          });
        }
      });
  });
  return (
    <Show when={digest()}>
      {(d) => (
        <div class="notice notice--update" role="alert" data-testid="inactive-reminder">
          <strong>
            {d().inactiveUsers} inactive user{d().inactiveUsers === 1 ? '' : 's'}
          </strong>{' '}
          over the {PRESET_NAMES[d().range].toLowerCase()} ({d().rangeLabel}).
          <Show when={d().dataNote}>
            {' '}
            <span data-testid="reminder-data-note">{d().dataNote}</span>
          </Show>
          <button
            type="button"
            class="button button--primary"
            onClick={() => {
              navigate(`/report?range=${d().range}&activity=inactive`);
              setDigest(null);
            }}
          >
            View inactive users
          </button>
          <button type="button" class="button" onClick={() => void downloadDigest(d().range)}>
            Download digest (.eml)
          </button>
          <button type="button" class="link-button" onClick={() => setDigest(null)}>
            Dismiss
          </button>
        </div>
      )}
    </Show>
  );
}
