/** UI-side helpers around the engine's change API: queue, then refresh what shows it. */
import { createSignal } from 'solid-js';
import { engineWorker } from '../app/workers';
import { announceWorkspaceChange, reloadWorkspace } from '../app/workspace-state';
import type { QueueResult } from '../../api/engine';

const [changesVersion, setChangesVersion] = createSignal(0);
export { changesVersion };

/** Call after any change to the queue: views that show it re-read. */
export async function changesUpdated(): Promise<void> {
  setChangesVersion((v) => v + 1);
  await reloadWorkspace({ keepEngine: true });
  announceWorkspaceChange();
}

export function describeQueueResult(r: QueueResult, verb: string): string {
  const parts = [`${r.queued} ${verb}${r.queued === 1 ? '' : 's'} queued`];
  const not = [...r.refused.map((x) => `${x.label} ${x.reason}`), ...r.skipped.map((x) => `${x.draft.email || x.draft.userKey} · ${x.draft.product}: ${x.reason}`)];
  if (not.length) parts.push(`${not.length} not queued (${not.slice(0, 3).join('; ')}${not.length > 3 ? '; …' : ''})`);
  return `${parts.join('; ')}.`;
}

export { engineWorker };
