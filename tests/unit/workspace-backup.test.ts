import { describe, expect, it } from 'vitest';
import { ImportService } from '../../src/api/import/import-service';
import { WorkspaceDb, clearWorkspace, loadBatches } from '../../src/storage/workspace-db';
import { backupWorkspace, restoreWorkspace } from '../../src/storage/workspace-backup';
import { queueChanges } from '../../src/storage/change-queue';
import { EngineSession } from '../../src/core/session/engine-session';
import { parseIsoDay } from '../../src/core/vocabulary/days';
import { EMPTY_VIEW } from '../../src/core/vocabulary/view-state';
import { csv } from '../support/workspace-from-csv';

async function rows(db: WorkspaceDb) {
  const s = new EngineSession();
  await s.load(await loadBatches(db));
  s.query({ ...EMPTY_VIEW, from: '2026-01-01', to: '2026-01-31' }, parseIsoDay('2026-01-31')!);
  return s.rows(0, 100);
}

describe('backup and restore (docs/workspace.md)', () => {
  it('restores every table into another workspace, typed arrays included', async () => {
    const from = new WorkspaceDb('backup-from'),
      to = new WorkspaceDb('backup-to');
    await clearWorkspace(from);
    await clearWorkspace(to);
    const text = csv(
      'team,email,product_name,day_used,tokens_used,access_option',
      'T,a@x.com,Revit,2026-01-05,10,Flex',
      'T,a@x.com,Revit,2026-01-06,2.5,Flex',
    );
    await new ImportService(from).importFiles([{ name: 'u.csv', size: text.length, lastModified: 1, source: text }]);
    await queueChanges(
      from,
      [
        {
          action: 'unassign',
          team: 'T',
          userKey: 'e:a@x.com',
          email: 'a@x.com',
          firstName: '',
          lastName: '',
          product: 'Revit',
          source: 'report',
        },
      ],
      'r',
    );
    await from.tokenPurchases.add({ team: 'T', date: '2026-01-01', quantity: 100, expiry: '', note: '' });
    await to.tokenPurchases.add({ team: 'Old', date: '2025-01-01', quantity: 1, expiry: '', note: 'replaced' });
    const bytes = await backupWorkspace(from);
    expect(bytes[0]).toBe(0x1f); // gzip
    const summary = await restoreWorkspace(to, bytes);
    expect(summary).toMatchObject({ imports: 1, changes: 1, purchases: 1 });
    expect(await rows(to)).toEqual(await rows(from));
    expect((await rows(to))[0]).toMatchObject({ days_used: 2, tokens_used: 12.5 });
    expect((await to.eventChunks.toArray())[0]!.day).toBeInstanceOf(Uint16Array);
    expect((await to.tokenPurchases.toArray()).map((p) => p.team)).toEqual(['T']);
  });

  it('refuses a file that is not a backup and changes nothing', async () => {
    const db = new WorkspaceDb('backup-bad');
    await clearWorkspace(db);
    await db.tokenPurchases.add({ team: 'T', date: '2026-01-01', quantity: 5, expiry: '', note: '' });
    await expect(restoreWorkspace(db, new TextEncoder().encode('hello'))).rejects.toThrow(/not a Seatwise backup/);
    expect(await db.tokenPurchases.count()).toBe(1);
  });
});
