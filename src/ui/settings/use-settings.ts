/**
 * The Settings page's data and writes: personal data per team, the browser's
 * storage, backup, restore and deleting everything (docs/workspace.md).
 */
import { createResource, createSignal } from 'solid-js';
import { useNavigate } from '@solidjs/router';
import { client } from '../common/client';
import { downloadBytes } from '../common/download';

export function useSettings() {
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
    setMessage(
      granted
        ? 'The browser will keep this workspace even when space runs low.'
        : 'The browser did not grant persistent storage; it may clear the workspace when space runs low.',
    );
    void refetch();
  };
  const [restoring, setRestoring] = createSignal<File | null>(null);
  const backup = async () => {
    let bytes: Uint8Array;
    try {
      bytes = await client.importer.backup();
    } catch (err) {
      setMessage(`The backup could not be made: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    downloadBytes(bytes, `seatwise-backup-${new Date().toISOString().slice(0, 10)}.seatwise`, 'application/gzip');
    setMessage('Backup saved. It holds personal data as imported: keep it as safe as the exports themselves.');
  };
  const restore = async (file: File) => {
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const r = await client.write('imports', () => client.importer.restore(bytes));
      setMessage(
        `Restored the backup of ${r.createdAt.slice(0, 10)}: ${r.imports} imports, ${r.changes} changes, ${r.purchases} token purchases.`,
      );
    } catch (err) {
      // The message says what is wrong and that nothing changed (docs/reliability.md, "Restore").
      setMessage(`${file.name}: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setRestoring(null);
    }
  };
  const deleteAll = async () => {
    try {
      await client.write('imports', () => client.importer.clearWorkspace());
    } catch (err) {
      setConfirming(false);
      setMessage(err instanceof Error ? err.message : String(err));
      return;
    }
    setConfirming(false);
    navigate('/report');
  };
  const setShown = async (team: string, shown: boolean) => {
    try {
      await client.write('privacy', () => client.engine.setPersonalData(team, shown));
    } catch (err) {
      setMessage(err instanceof Error ? err.message : String(err));
      return;
    }
    setMessage(`Personal data of ${team} is now ${shown ? 'shown' : 'replaced by pseudonyms'}.`);
  };
  return { message, confirming, setConfirming, storage, persist, restoring, setRestoring, backup, restore, deleteAll, setShown };
}
