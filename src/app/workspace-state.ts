/**
 * The UI's view of the workspace: its summary (teams, products, counts) and a
 * version that bumps whenever imports change it, so views re-query.
 */
import { createSignal } from 'solid-js';
import type { WorkspaceSummary } from '../engine/engine-session';
import { engineWorker } from './workers';

const [summary, setSummary] = createSignal<WorkspaceSummary | null>(null);
const [version, setVersion] = createSignal(0);
const [loadError, setLoadError] = createSignal<string | null>(null);

export { summary as workspaceSummary, version as workspaceVersion, loadError as workspaceLoadError };

export function hasData(s: WorkspaceSummary | null): boolean {
  return !!s && (s.events > 0 || s.assignments > 0 || s.snapshotRows > 0 || s.subscriptions > 0);
}

/**
 * Re-reads the workspace from storage into the engine; with `keepEngine`, only
 * asks for the summary (the engine already holds the change).
 */
export async function reloadWorkspace(options: { keepEngine?: boolean } = {}): Promise<void> {
  try {
    setSummary(options.keepEngine ? await engineWorker().summary() : await engineWorker().reload());
    setLoadError(null);
    setVersion((v) => v + 1);
  } catch (err) {
    setLoadError(`The workspace could not be loaded: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Sets the summary the engine returned after changing the workspace itself. */
export function workspaceChanged(next: WorkspaceSummary): void {
  setSummary(next);
  setVersion((v) => v + 1);
}

/**
 * Several tabs stay consistent (SPEC §9): a tab that changes the workspace says
 * so on a BroadcastChannel, and the others reload it from storage.
 */
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('seatwise-workspace');
if (channel) channel.onmessage = () => void reloadWorkspace();

export function announceWorkspaceChange(): void {
  channel?.postMessage({ type: 'changed', at: Date.now() });
}
