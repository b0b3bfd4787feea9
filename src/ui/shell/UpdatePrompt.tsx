import { Show, createSignal, onMount } from 'solid-js';
import { client } from '../common/client';

/**
 * Offers the new version when one has been deployed (docs/workspace.md). Offline readiness is a
 * small status, and only once there is data: a first visit opens on the welcome, not on it.
 */
export function UpdatePrompt() {
  const [needRefresh, setNeedRefresh] = createSignal(false);
  const [offlineReady, setOfflineReady] = createSignal(false);
  let update: ((reload?: boolean) => Promise<void>) | undefined;
  onMount(async () => {
    if (import.meta.env.DEV || !('serviceWorker' in navigator)) return;
    const { registerSW } = await import('virtual:pwa-register');
    update = registerSW({
      immediate: true,
      onNeedRefresh: () => setNeedRefresh(true),
      onOfflineReady: () => setOfflineReady(true),
    });
  });
  return (
    <>
      <Show when={needRefresh()}>
        <div class="notice notice--update" role="alert">
          A new version of Seatwise is available.
          <button type="button" class="button button--primary" onClick={() => void update?.(true)}>
            Reload to update
          </button>
          <button type="button" class="button" onClick={() => setNeedRefresh(false)}>
            Later
          </button>
        </div>
      </Show>
      <Show when={offlineReady() && client.hasData()}>
        <div class="notice notice--quiet" aria-live="polite">
          Seatwise now works offline.
          <button type="button" class="link-button" onClick={() => setOfflineReady(false)}>
            Dismiss
          </button>
        </div>
      </Show>
    </>
  );
}
