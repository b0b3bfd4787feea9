/** Workspace settings: personal data per team (SPEC §4.8). */
import { For, Show, createSignal } from 'solid-js';
import { useNavigate } from '@solidjs/router';
import { engineWorker } from '../app/workers';
import { announceWorkspaceChange, hasData, reloadWorkspace, workspaceChanged, workspaceSummary } from '../app/workspace-state';
import { importWorker } from '../app/workers';
import { ConfirmDeleteAll, ConfirmRestore } from '../app/WorkspaceDialogs';
import { formatMb } from '../../core/vocabulary/format';
import { downloadBytes } from '../app/download';
import { NotificationSettings } from '../notifications/NotificationSettings';
import { createResource } from 'solid-js';
import { EmptyState } from '../app/EmptyState';

export default function SettingsPage() {
  const [message, setMessage] = createSignal('');
  const [confirming, setConfirming] = createSignal(false);
  const navigate = useNavigate();
  const [storage, { refetch }] = createResource(async () => {
    const estimate = await navigator.storage?.estimate?.();
    const persisted = await navigator.storage?.persisted?.();
    return { used: estimate?.usage ?? 0, quota: estimate?.quota ?? 0, persisted: !!persisted };
  });
  const persist = async () => {
    const granted = await navigator.storage?.persist?.();
    setMessage(granted ? 'The browser will keep this workspace even when space runs low.' : 'The browser did not grant persistent storage; it may clear the workspace when space runs low.');
    void refetch();
  };
  const [restoring, setRestoring] = createSignal<File | null>(null);
  const backup = async () => {
    let bytes: Uint8Array;
    try { bytes = await importWorker().backup(); } catch (err) { setMessage(`The backup could not be made: ${err instanceof Error ? err.message : String(err)}`); return; }
    downloadBytes(bytes, `seatwise-backup-${new Date().toISOString().slice(0, 10)}.seatwise`, 'application/gzip');
    setMessage('Backup saved. It holds personal data as imported: keep it as safe as the exports themselves.');
  };
  const restore = async (file: File) => {
    try {
      const r = await importWorker().restore(new Uint8Array(await file.arrayBuffer()));
      await reloadWorkspace();
      announceWorkspaceChange();
      setMessage(`Restored the backup of ${r.createdAt.slice(0, 10)}: ${r.imports} imports, ${r.changes} changes, ${r.purchases} token purchases.`);
    } catch (err) {
      // The message says what is wrong and that nothing changed (docs/reliability.md, "Restore").
      setMessage(`${file.name}: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setRestoring(null);
    }
  };
  const deleteAll = async () => {
    try { await importWorker().clearWorkspace(); } catch (err) { setConfirming(false); setMessage(err instanceof Error ? err.message : String(err)); return; }
    await reloadWorkspace();
    announceWorkspaceChange();
    setConfirming(false);
    navigate('/report');
  };
  const setShown = async (team: string, shown: boolean) => {
    workspaceChanged(await engineWorker().setPersonalData(team, shown));
    announceWorkspaceChange();
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
        <NotificationSettings />
        <div class="panel">
          <h2>Workspace</h2>
          <Show when={storage()}>
            {(s) => (
              <p data-testid="storage-use">
                This workspace uses {formatMb(s().used)} of the {formatMb(s().quota)} this browser allows the site.
                Storage is {s().persisted ? 'persistent: the browser will not clear it on its own' : 'not yet persistent'}.
              </p>
            )}
          </Show>
          <div class="button-row">
            <Show when={storage() && !storage()!.persisted}>
              <button type="button" class="button" onClick={() => void persist()}>Keep this workspace (persistent storage)</button>
            </Show>
            <button type="button" class="button" onClick={() => void backup()}>Download backup</button>
            <label class="button">
              Restore from backup…
              <input type="file" class="visually-hidden" accept=".seatwise,application/gzip" aria-label="Restore from a backup file"
                onChange={(e) => { const f = e.currentTarget.files?.[0]; e.currentTarget.value = ''; if (f) setRestoring(f); }} />
            </label>
            <button type="button" class="button button--danger" onClick={() => setConfirming(true)}>Delete all data…</button>
          </div>
        </div>
        <Show when={restoring()}>
          {(f) => <ConfirmRestore fileName={f().name} onConfirm={() => void restore(f())} onCancel={() => setRestoring(null)} />}
        </Show>
        <Show when={confirming()}>
          <ConfirmDeleteAll advice="It goes in every tab, and nothing else holds a copy: export what you need first." onConfirm={() => void deleteAll()} onCancel={() => setConfirming(false)} />
        </Show>
      </section>
    </Show>
  );
}
