/**
 * The change queue in IndexedDB. Each call is one transaction, so a failed
 * write leaves the queue as it was and says why (docs/reliability.md); states
 * move pending → exported → applied, or pending → undone.
 */
import type { WorkspaceDb } from './workspace-db';
import {
  STATE_LABELS,
  accessOf,
  changeKey,
  isOutstanding,
  type Change,
  type ChangeDraft,
  type ChangeState,
} from '../core/vocabulary/change';
import { estimateBytes, guardWrite } from './storage-errors';

export interface QueueOutcome {
  queued: number;
  /** Drafts not queued, with why (already queued, for instance). */
  skipped: { draft: ChangeDraft; reason: string }[];
}

const described = (c: ChangeDraft) => `${c.action}${accessOf(c) === 'Flex' ? ' Flex' : ''}`;

export async function queueChanges(
  db: WorkspaceDb,
  drafts: readonly ChangeDraft[],
  reason: string,
  now = new Date(),
): Promise<QueueOutcome> {
  const what = `${drafts.length === 1 ? 'The change was' : `The ${drafts.length.toLocaleString('en')} changes were`} not queued`;
  return guardWrite(
    what,
    () =>
      db.transaction('rw', db.changes, async () => {
        const outstanding = new Map<string, Change>();
        for (const c of await db.changes.toArray()) if (isOutstanding(c)) outstanding.set(changeKey(c), c);
        const skipped: QueueOutcome['skipped'] = [];
        const add: Change[] = [];
        const seen = new Set<string>();
        for (const d of drafts) {
          const k = changeKey(d);
          const existing = outstanding.get(k);
          if (existing && existing.action === d.action) {
            skipped.push({ draft: d, reason: `already queued to ${described(d)}` });
            continue;
          }
          if (existing) {
            skipped.push({ draft: d, reason: `an opposite change (${described(existing)}) is queued; undo it first` });
            continue;
          }
          if (seen.has(k)) continue;
          seen.add(k);
          const at = now.toISOString();
          add.push({ ...d, reason, queuedAt: at, state: 'pending', stateAt: at });
        }
        await db.changes.bulkAdd(add);
        return { queued: add.length, skipped };
      }),
    () => estimateBytes(drafts) + reason.length * drafts.length,
  );
}

export async function listChanges(db: WorkspaceDb): Promise<Change[]> {
  return db.changes.orderBy(':id').toArray();
}

const ALLOWED: Record<ChangeState, ChangeState[]> = {
  pending: ['exported', 'undone'],
  exported: ['applied', 'pending', 'undone'],
  applied: [],
  undone: ['pending'],
};

/** Moves changes to `state` where the move is allowed; returns how many moved. */
export async function setChangeState(db: WorkspaceDb, ids: readonly number[], state: ChangeState, now = new Date()): Promise<number> {
  return guardWrite(
    `No change was marked ${STATE_LABELS[state].toLowerCase()}`,
    () =>
      db.transaction('rw', db.changes, async () => {
        let moved = 0;
        for (const id of ids) {
          const c = await db.changes.get(id);
          if (!c || !ALLOWED[c.state].includes(state)) continue;
          await db.changes.update(id, { state, stateAt: now.toISOString() });
          moved++;
        }
        return moved;
      }),
    () => ids.length * 64,
  );
}
