/** What a queueing did, in one sentence: how many were queued, and which were not and why (docs/changes.md, "Queueing"). */
import type { QueueResult } from '../../api/engine';

export function describeQueueResult(r: QueueResult, verb: string): string {
  const parts = [`${r.queued} ${verb}${r.queued === 1 ? '' : 's'} queued`];
  const not = [
    ...r.refused.map((x) => `${x.label} ${x.reason}`),
    ...r.skipped.map((x) => `${x.draft.email || x.draft.userKey} · ${x.draft.product}: ${x.reason}`),
  ];
  if (not.length) parts.push(`${not.length} not queued (${not.slice(0, 3).join('; ')}${not.length > 3 ? '; …' : ''})`);
  return `${parts.join('; ')}.`;
}
