/**
 * The UI's view of the workspace: its summary (teams, products, counts) and a
 * version that bumps whenever imports change it, so views re-query.
 */
import { createSignal } from 'solid-js';
import type { WorkspaceSummary } from '../../core/session/engine-session';
import { engineWorker, unlessWorkerFails } from './workers';

/** Why the workspace is not open; `waiting` while it may still open (slow, not failed). */
export interface OpenProblem {
  reason: string;
  waiting: boolean;
}

/** How long opening may take before the ways out are offered (docs/reliability.md). */
export const OPEN_WAIT_MS = 8_000;

const [summary, setSummary] = createSignal<WorkspaceSummary | null>(null);
const [version, setVersion] = createSignal(0);
const [loadError, setLoadError] = createSignal<string | null>(null);
const [openProblem, setOpenProblem] = createSignal<OpenProblem | null>(null);

export { summary as workspaceSummary, version as workspaceVersion, loadError as workspaceLoadError, openProblem as workspaceOpenProblem };

export function hasData(s: WorkspaceSummary | null): boolean {
  return !!s && (s.events > 0 || s.assignments > 0 || s.snapshotRows > 0 || s.subscriptions > 0);
}

/**
 * Re-reads the workspace from storage into the engine; with `keepEngine`, only
 * asks for the summary (the engine already holds the change).
 */
export async function reloadWorkspace(options: { keepEngine?: boolean } = {}): Promise<void> {
  // Never an endless "Opening…": a failure is shown at once, a slow open after OPEN_WAIT_MS.
  const timer = summary() === null ? setTimeout(() => {
    if (summary() === null && !openProblem()) {
      setOpenProblem({ reason: `The workspace has not opened after ${OPEN_WAIT_MS / 1000} seconds. It may still open; if it does not, use one of the ways out below.`, waiting: true });
    }
  }, OPEN_WAIT_MS) : undefined;
  try {
    const answer = options.keepEngine ? engineWorker().summary() : engineWorker().reload();
    setSummary(await unlessWorkerFails('engine', answer));
    setLoadError(null);
    setOpenProblem(null);
    setVersion((v) => v + 1);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    setLoadError(`The workspace could not be loaded: ${why}`);
    if (summary() === null) setOpenProblem({ reason: why, waiting: false });
  } finally {
    clearTimeout(timer);
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
