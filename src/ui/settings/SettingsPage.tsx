/** Workspace settings: personal data per team (docs/report.md, "Personal data"), reminders, storage, backup and restore. */
import { For, Show } from 'solid-js';
import { client } from '../common/client';
import { ConfirmDeleteAll, ConfirmRestore } from '../common/WorkspaceDialogs';
import { formatMb } from '../../core/vocabulary/format';
import { NotificationSettings } from '../notifications/NotificationSettings';
import { EmptyState } from '../import/EmptyState';
import { useSettings } from './use-settings';

export default function SettingsPage() {
  const { message, confirming, setConfirming, storage, persist, restoring, setRestoring, backup, restore, deleteAll, setShown } =
    useSettings();
  return (
    <Show when={client.hasData()} fallback={<EmptyState />}>
      <section class="page" aria-labelledby="settings-title">
        <h1 id="settings-title">Settings</h1>
        <div class="panel">
          <h2>Personal data</h2>
          <p class="muted">
            When a team's personal data is off, its people's names and emails are shown, searched and exported as stable pseudonyms (a keyed
            HMAC kept in this workspace, such as <code>user-3f9a1c2b7d</code>). With All Teams selected, one team off is enough to
            pseudonymise everyone.
          </p>
          <ul class="switch-list">
            <For each={client.summary()!.teams}>
              {(team) => {
                const on = () => !client.summary()!.personalDataOff.includes(team);
                return (
                  <li>
                    <label class="switch">
                      <input
                        type="checkbox"
                        role="switch"
                        checked={on()}
                        aria-checked={on()}
                        onChange={(e) => void setShown(team, e.currentTarget.checked)}
                        aria-label={`Personal data of ${team}`}
                      />
                      <span>{team}</span>
                      <span class="muted">{on() ? 'shown' : 'pseudonymised'}</span>
                    </label>
                  </li>
                );
              }}
            </For>
          </ul>
          <p aria-live="polite" data-testid="settings-message">
            {message()}
          </p>
        </div>
        <NotificationSettings />
        <div class="panel">
          <h2>Workspace</h2>
          <Show when={storage()}>
            {(s) => (
              <p data-testid="storage-use">
                This workspace uses {formatMb(s().used)} of the {formatMb(s().quota)} this browser allows the site. Storage is{' '}
                {s().persisted ? 'persistent: the browser will not clear it on its own' : 'not yet persistent'}.
              </p>
            )}
          </Show>
          <div class="button-row">
            <Show when={storage() && !storage()!.persisted}>
              <button type="button" class="button" onClick={() => void persist()}>
                Keep this workspace (persistent storage)
              </button>
            </Show>
            <button type="button" class="button" onClick={() => void backup()}>
              Download backup
            </button>
            <label class="button">
              Restore from backup…
              <input
                type="file"
                class="visually-hidden"
                accept=".seatwise,application/gzip"
                aria-label="Restore from a backup file"
                onChange={(e) => {
                  const f = e.currentTarget.files?.[0];
                  e.currentTarget.value = '';
                  if (f) setRestoring(f);
                }}
              />
            </label>
            <button type="button" class="button button--danger" onClick={() => setConfirming(true)}>
              Delete all data…
            </button>
          </div>
        </div>
        <Show when={restoring()}>
          {(f) => <ConfirmRestore fileName={f().name} onConfirm={() => void restore(f())} onCancel={() => setRestoring(null)} />}
        </Show>
        <Show when={confirming()}>
          <ConfirmDeleteAll
            advice="It goes in every tab, and nothing else holds a copy: export what you need first."
            onConfirm={() => void deleteAll()}
            onCancel={() => setConfirming(false)}
          />
        </Show>
      </section>
    </Show>
  );
}
