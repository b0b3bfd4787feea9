/** Change-queue handlers: assign, unassign, the queue, its states and its exports (docs/changes.md). */
import type { Change, ChangeSource, ChangeState } from '../../core/vocabulary/change';
import type { ExportFile } from '../../core/changes/change-export';
import type { SeatCheck } from '../../core/seats/seat-check';
import { parseImportToAssign, type ImportToAssignResult } from '../../core/changes/import-to-assign';
import { listChanges, setChangeState } from '../../storage/change-queue';
import { XLSX_TYPE, cutNote, type EngineContext, type QueueResult } from './context';
import { assignDrafts, presentableChanges, seatCheckView, unassignDrafts } from '../../core/session/changes';

export type Person = { userRef: string } | { email: string; firstName: string; lastName: string };

export function changeHandlers(ctx: EngineContext) {
  const s = ctx.session;
  return {
    seatCheck(team: string, product: string, adding: number, today: number): SeatCheck {
      return seatCheckView(s, team, product, adding, today);
    },
    parseImportToAssign(text: string): ImportToAssignResult | { error: string } {
      return parseImportToAssign(text);
    },
    /** `asOf`: the end of the view the rows were chosen in (the report's, when omitted). */
    unassign(rowIds: number[], reason: string, source: ChangeSource, asOf?: number): Promise<QueueResult> {
      const { drafts, refused } = unassignDrafts(s, rowIds, source, asOf);
      return ctx.queue(drafts, refused, reason);
    },
    assign(team: string, product: string, people: Person[], reason: string, source: ChangeSource, today: number): Promise<QueueResult> {
      const { drafts, refused } = assignDrafts(s, team, product, people, source, today);
      return ctx.queue(drafts, refused, reason);
    },
    changes(): Promise<Change[]> {
      return presentableChanges(s);
    },
    async setChangeState(ids: number[], state: ChangeState): Promise<number> {
      const moved = await setChangeState(ctx.db, ids, state);
      s.setChanges(await listChanges(ctx.db));
      if (ctx.includePending) await ctx.reload();
      return moved;
    },
    /** Pending assigns or unassigns as Import-to-Assign CSVs (zipped when several), then marked exported. */
    async exportChanges(kind: 'assign' | 'unassign' | 'log'): Promise<ExportFile | null> {
      const { importToAssignFiles, writeChangeLog, bundle } = await import('../../core/changes/change-export');
      const shown = await presentableChanges(s);
      const stamp = new Date().toISOString().slice(0, 10);
      if (kind === 'log') {
        const book = writeChangeLog(shown);
        return ctx.transfer({
          fileName: `seatwise-change-log-${stamp}.xlsx`,
          mimeType: XLSX_TYPE,
          bytes: book.bytes,
          ...(await cutNote(book.cutCells)),
        });
      }
      const file = bundle(importToAssignFiles(shown, kind), `seatwise-${kind}-${stamp}.zip`);
      if (!file) return null;
      const ids = shown.filter((c) => c.state === 'pending' && c.action === kind).map((c) => c.id!);
      await setChangeState(ctx.db, ids, 'exported');
      s.setChanges(await listChanges(ctx.db));
      return ctx.transfer(file);
    },
  };
}
