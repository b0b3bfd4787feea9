/** What the workspace is made of (a history built export by export, docs/import.md), and removing a wrong one. */
import { For, Show, createResource, createSignal } from 'solid-js';
import { client } from '../common/client';
import { formatInt } from '../../core/vocabulary/format';
import { SECTION_LABELS } from '../../core/vocabulary/sections';
import { Dialog } from '../common/Dialog';
import type { ImportListing } from '../../api/import';

export function ImportedFiles() {
  const [list] = createResource(
    () => client.version('workspace'),
    () => client.importer.listImports(),
  );
  const [removing, setRemoving] = createSignal<ImportListing | null>(null);
  const [message, setMessage] = createSignal('');
  const remove = async (item: ImportListing) => {
    try {
      await client.write('imports', () => client.importer.deleteImport(item.id));
    } catch (err) {
      setRemoving(null);
      setMessage(err instanceof Error ? err.message : String(err));
      return;
    }
    setRemoving(null);
    setMessage(`${item.source.fileName}${item.source.sheet ? ` (${item.source.sheet})` : ''} removed from the workspace.`);
  };
  return (
    <Show when={(list() ?? []).length > 0}>
      <section class="panel" aria-labelledby="imported-title">
        <h2 id="imported-title">In this workspace</h2>
        <p aria-live="polite" class="muted">
          {message()}
        </p>
        <table class="data-table" data-testid="imported-files">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Kind</th>
              <th scope="col" class="is-number">
                Rows
              </th>
              <th scope="col" class="is-number">
                Usage days
              </th>
              <th scope="col">Imported</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={[...(list() ?? [])].reverse()}>
              {(item) => (
                <tr>
                  <td>
                    {item.source.fileName}
                    {item.source.sheet ? <span class="muted"> — {item.source.sheet}</span> : ''}
                  </td>
                  <td>{SECTION_LABELS[item.source.section]}</td>
                  <td class="is-number">{formatInt(item.source.rowsRead - item.source.rowsSkipped)}</td>
                  <td class="is-number">{formatInt(item.events)}</td>
                  <td>{new Date(item.source.importedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}</td>
                  <td>
                    <button
                      type="button"
                      class="button button--small"
                      aria-label={`Remove ${item.source.fileName}`}
                      onClick={() => setRemoving(item)}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
        <Show when={removing()}>
          {(item) => (
            <Dialog title="Remove this import?" onClose={() => setRemoving(null)}>
              <p>
                Remove <strong>{item().source.fileName}</strong> and everything it brought? Other imports stay; days they also hold stay
                counted.
              </p>
              <div class="button-row">
                <button type="button" class="button button--danger" onClick={() => void remove(item())}>
                  Remove
                </button>
                <button type="button" class="button" onClick={() => setRemoving(null)}>
                  Cancel
                </button>
              </div>
            </Dialog>
          )}
        </Show>
      </section>
    </Show>
  );
}
