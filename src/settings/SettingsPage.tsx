/** Workspace settings: personal data per team (SPEC §4.8). */
import { For, Show, createSignal } from 'solid-js';
import { engineWorker } from '../app/workers';
import { hasData, workspaceChanged, workspaceSummary } from '../app/workspace-state';
import { EmptyState } from '../app/EmptyState';

export default function SettingsPage() {
  const [message, setMessage] = createSignal('');
  const setShown = async (team: string, shown: boolean) => {
    workspaceChanged(await engineWorker().setPersonalData(team, shown));
    setMessage(`Personal data of ${team} is now ${shown ? 'shown' : 'replaced by pseudonyms'}.`);
  };
  return (
    <Show when={hasData(workspaceSummary())} fallback={<EmptyState />}>
      <section class="page" aria-labelledby="settings-title">
        <h1 id="settings-title">Settings</h1>
        <div class="panel">
          <h2>Personal data</h2>
          <p class="muted">
            When a team's personal data is off, its people's names and emails are shown, searched and exported as stable
            pseudonyms (a keyed HMAC kept in this workspace, such as <code>user-3f9a1c2b7d</code>). With All Teams selected,
            one team off is enough to pseudonymise everyone.
          </p>
          <ul class="switch-list">
            <For each={workspaceSummary()!.teams}>
              {(team) => {
                const on = () => !workspaceSummary()!.personalDataOff.includes(team);
                return (
                  <li>
                    <label class="switch">
                      <input type="checkbox" role="switch" checked={on()} onChange={(e) => void setShown(team, e.currentTarget.checked)}
                        aria-label={`Personal data of ${team}`} />
                      <span>{team}</span>
                      <span class="muted">{on() ? 'shown' : 'pseudonymised'}</span>
                    </label>
                  </li>
                );
              }}
            </For>
          </ul>
          <p aria-live="polite" data-testid="settings-message">{message()}</p>
        </div>
      </section>
    </Show>
  );
}
