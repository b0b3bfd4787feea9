/** The Changes page's data: the queue, its filters and sort, and the writes on it (docs/changes.md). */
import { createMemo, createResource, createSignal } from 'solid-js';
import { client } from '../common/client';
import { downloadBytes } from '../common/download';
import type { Change, ChangeState } from '../../core/vocabulary/change';
import type { EngineApi } from '../../api/engine';

export type SortKey = 'queuedAt' | 'email' | 'product' | 'team' | 'state' | 'action';

export function useChanges() {
  const [changes] = createResource(
    () => client.version('workspace', 'changes'),
    () => client.engine.changes(),
  );
  const [stateFilter, setStateFilter] = createSignal<ChangeState | ''>('');
  const [actionFilter, setActionFilter] = createSignal<'' | 'assign' | 'unassign'>('');
  const [sort, setSort] = createSignal<{ key: SortKey; asc: boolean }>({ key: 'queuedAt', asc: false });
  const [message, setMessage] = createSignal('');

  const all = () => changes() ?? [];
  const shown = createMemo(() => {
    const { key, asc } = sort();
    return all()
      .filter((c) => (!stateFilter() || c.state === stateFilter()) && (!actionFilter() || c.action === actionFilter()))
      .sort((a, b) => (asc ? 1 : -1) * (String(a[key]).localeCompare(String(b[key])) || (a.id ?? 0) - (b.id ?? 0)));
  });
  const counts = createMemo(() => {
    const n = (f: (c: Change) => boolean) => all().filter(f).length;
    return {
      assign: n((c) => c.state === 'pending' && c.action === 'assign'),
      unassign: n((c) => c.state === 'pending' && c.action === 'unassign'),
      exported: n((c) => c.state === 'exported'),
    };
  });

  // A failed write changes nothing and is shown here, never only logged (docs/reliability.md).
  const shownError = (err: unknown) => setMessage(err instanceof Error ? err.message : String(err));
  const move = async (ids: number[], state: ChangeState, verb: string) => {
    let n: number;
    try {
      n = await client.write('changes', () => client.engine.setChangeState(ids, state));
    } catch (err) {
      shownError(err);
      return;
    }
    setMessage(`${n} change${n === 1 ? '' : 's'} ${verb}.`);
  };
  const exportKind = async (kind: 'assign' | 'unassign' | 'log') => {
    let file: Awaited<ReturnType<EngineApi['exportChanges']>>;
    // Exporting assigns or unassigns marks them exported: a write; the log only reads.
    try {
      file = await client.write(
        'changes',
        () => client.engine.exportChanges(kind),
        (f) => f !== null && kind !== 'log',
      );
    } catch (err) {
      shownError(err);
      return;
    }
    if (!file) {
      setMessage(`No pending ${kind}s to export.`);
      return;
    }
    downloadBytes(file.bytes, file.fileName, file.mimeType);
    setMessage(
      kind === 'log'
        ? `Saved ${file.fileName}.${file.note ? ` ${file.note}` : ''}`
        : `Saved ${file.fileName}; its changes are now marked exported. Import it in the portal, then mark them applied.`,
    );
  };
  const markAllApplied = () =>
    move(
      all()
        .filter((c) => c.state === 'exported')
        .map((c) => c.id!),
      'applied',
      'marked applied',
    );
  const toggleSort = (key: SortKey) => setSort((s) => ({ key, asc: s.key === key ? !s.asc : true }));

  return {
    changes: all,
    shown,
    counts,
    message,
    stateFilter,
    setStateFilter,
    actionFilter,
    setActionFilter,
    sort,
    toggleSort,
    move,
    exportKind,
    markAllApplied,
  };
}
