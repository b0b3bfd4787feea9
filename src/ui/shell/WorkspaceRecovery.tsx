/**
 * Shown instead of an endless "Opening your workspace…": why the workspace is
 * not open, and the ways out — restore a backup, save what can still be read,
 * delete everything, or try again (docs/reliability.md, "A workspace that will
 * not open"). The actions run in the import worker, which opens the store
 * without merging anything, so they work even when the engine cannot open it.
 */
import { Show, createSignal } from 'solid-js';
import { ConfirmDeleteAll, ConfirmRestore } from '../common/WorkspaceDialogs';
import { downloadBytes } from '../common/download';
import { client, type OpenProblem } from '../common/client';

const text = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function WorkspaceRecovery(props: { problem: OpenProblem }) {
  const [message, setMessage] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [restoring, setRestoring] = createSignal<File | null>(null);
  const [confirming, setConfirming] = createSignal(false);

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (err) {
      setMessage(text(err));
    } finally {
      setBusy(false);
    }
  };

  const exportReadable = () =>
    act(async () => {
      const r = await client.importer.salvage();
      downloadBytes(r.bytes, `seatwise-readable-${new Date().toISOString().slice(0, 10)}.seatwise`, 'application/gzip');
      const kept = `${r.kept.imports} imports, ${r.kept.changes} changes, ${r.kept.purchases} token purchases, ${r.kept.settings} settings`;
      const left = r.leftOut.length
        ? ` Left out: ${r.leftOut.slice(0, 5).join('; ')}${r.leftOut.length > 5 ? `; and ${r.leftOut.length - 5} more` : ''}.`
        : ' Nothing had to be left out.';
      setMessage(`Saved a backup of what could be read: ${kept}.${left} It can be restored here or in another browser.`);
    });

  const restore = (file: File) =>
    act(async () => {
      setRestoring(null);
      const bytes = new Uint8Array(await file.arrayBuffer());
      try {
        await client.write('imports', async () => {
          const r = await client.importer.restore(bytes);
          setMessage(
            `Restored the backup of ${r.createdAt.slice(0, 10)}: ${r.imports} imports, ${r.changes} changes, ${r.purchases} token purchases. Opening it…`,
          );
        });
      } catch (err) {
        setMessage(`${file.name}: ${text(err)}`);
      }
    });

  const deleteAll = () =>
    act(async () => {
      setConfirming(false);
      await client.write('imports', async () => {
        try {
          await client.importer.clearWorkspace();
        } catch {
          // The database itself will not open: remove it whole; it is created afresh on next use.
          await client.importer.deleteDatabase();
        }
        setMessage('All data was deleted. Opening an empty workspace…');
      });
    });

  return (
    <section class="page" aria-labelledby="recovery-title" data-testid="workspace-recovery">
      <h1 id="recovery-title">{props.problem.waiting ? 'The workspace has not opened yet' : 'The workspace could not be opened'}</h1>
      <p class="notice notice--error" role="alert" data-testid="open-problem">
        {props.problem.reason}
      </p>
      <div class="panel">
        <h2>Ways out</h2>
        <ul>
          <li>
            <strong>Restore from a backup file</strong> replaces the workspace with the backup, after checking all of it.
          </li>
          <li>
            <strong>Export what can be read</strong> saves a backup of every record that can still be read; damaged ones are left out and
            named.
          </li>
          <li>
            <strong>Delete all data</strong> empties the workspace in this browser, so you can import again.
          </li>
        </ul>
        <div class="button-row">
          <label class="button" classList={{ 'is-disabled': busy() }}>
            Restore from a backup file…
            <input
              type="file"
              class="visually-hidden"
              accept=".seatwise,application/gzip"
              aria-label="Restore from a backup file"
              disabled={busy()}
              onChange={(e) => {
                const f = e.currentTarget.files?.[0];
                e.currentTarget.value = '';
                if (f) setRestoring(f);
              }}
            />
          </label>
          <button type="button" class="button" disabled={busy()} onClick={() => void exportReadable()}>
            Export what can be read
          </button>
          <button type="button" class="button button--danger" disabled={busy()} onClick={() => setConfirming(true)}>
            Delete all data…
          </button>
          <button type="button" class="button" disabled={busy()} onClick={() => void act(() => client.open())}>
            Try again
          </button>
        </div>
        <p aria-live="polite" data-testid="recovery-message">
          {message()}
        </p>
      </div>
      <Show when={restoring()}>
        {(f) => <ConfirmRestore fileName={f().name} onConfirm={() => void restore(f())} onCancel={() => setRestoring(null)} />}
      </Show>
      <Show when={confirming()}>
        <ConfirmDeleteAll
          advice="Export what can be read first if you may need it."
          onConfirm={() => void deleteAll()}
          onCancel={() => setConfirming(false)}
        />
      </Show>
    </section>
  );
}
