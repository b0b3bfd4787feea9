import { describe, expect, it } from 'vitest';
import { WorkspaceDb, clearWorkspace } from '../../src/storage/workspace-db';
import { EngineSession } from '../../src/core/session/engine-session';
import type { Workspace } from '../../src/core/workspace/workspace';
import { parseIsoDay } from '../../src/core/vocabulary/days';
import { EMPTY_VIEW } from '../../src/core/vocabulary/view-state';
import { batchesFromCsv, csv } from '../support/workspace-from-csv';
import { createEngineApi } from '../../src/api/engine';
import { CACHE_FORMAT } from '../../src/api/engine/context';
import { createImportApi } from '../../src/api/import';

describe('the cached workspace (reopen without merging)', () => {
  it('round-trips through IndexedDB and answers exactly as the merged one', async () => {
    const db = new WorkspaceDb('cache-test');
    await clearWorkspace(db);
    const built = new EngineSession();
    await built.load(
      await batchesFromCsv([
        [
          'users.csv',
          csv(
            'team,email,first_name,product_name,access_option,assigned_date,group',
            'T,a@x.com,Ann,Revit,Subscription,2025-01-01,BIM',
            'U,b@x.com,Bob,Maya,Flex,2025-01-01,',
          ),
        ],
        [
          'usage.csv',
          csv(
            'team,email,product_name,version,day_used,tokens_used',
            'T,a@x.com,Revit,2026,2026-01-05,0',
            'U,b@x.com,Maya,2025,2026-01-06,6',
          ),
        ],
      ]),
    );
    await db.cache.put({ key: 'workspace', basis: 'x', value: built.workspace });
    const adopted = new EngineSession();
    await adopted.adopt((await db.cache.get('workspace'))!.value as Workspace);
    const view = { ...EMPTY_VIEW, from: '2026-01-01', to: '2026-01-31', sort: { column: 'last_name' as const, direction: 'asc' as const } };
    const today = parseIsoDay('2026-01-31')!;
    expect(adopted.query(view, today).tiles).toEqual(built.query(view, today).tiles);
    expect(adopted.rows(0, 10)).toEqual(built.rows(0, 10));
    expect(adopted.summary()).toEqual(built.summary());
  });
});

describe("reload through the engine API (the worker's own handlers, in Node)", () => {
  const USERS = csv(
    'team,email,first_name,product_name,access_option,assigned_date',
    'T,a@x.com,Ann,Revit,Subscription,2025-01-01',
    'T,b@x.com,Bob,Revit,Subscription,2025-01-01',
  );
  const USAGE = csv('team,email,product_name,day_used', 'T,a@x.com,Revit,2026-01-05');
  const view = { ...EMPTY_VIEW, from: '2026-01-01', to: '2026-01-31' };
  const today = parseIsoDay('2026-01-31')!;

  it('merges the stored imports, writes the cache, and a second session reopens from it with the same answers', async () => {
    const db = new WorkspaceDb('api-reload');
    await clearWorkspace(db);
    const reports = await createImportApi(db).importFiles([new File([USERS], 'users.csv'), new File([USAGE], 'usage.csv')], () => {});
    expect(reports.map((r) => r.status)).toEqual(['imported', 'imported']);
    const first = createEngineApi(db, new EngineSession());
    expect((await first.reload()).users).toBe(2);
    await expect.poll(async () => (await db.cache.get('workspace'))?.basis ?? '').toMatch(new RegExp(`^${CACHE_FORMAT}:`));
    const second = createEngineApi(db, new EngineSession());
    await second.reload();
    expect(second.query(view, today).tiles).toEqual(first.query(view, today).tiles);
    expect(second.rows(0, 10)).toEqual(first.rows(0, 10));
  });

  it('drops a damaged cache and rebuilds from the imports', async () => {
    const db = new WorkspaceDb('api-reload-damaged');
    await clearWorkspace(db);
    await createImportApi(db).importFiles([new File([USERS], 'users.csv'), new File([USAGE], 'usage.csv')], () => {});
    const basis = `${CACHE_FORMAT}:${(await db.imports.toCollection().primaryKeys()).join(',')}`;
    await db.cache.put({ key: 'workspace', basis, value: { damaged: true } });
    const api = createEngineApi(db, new EngineSession());
    expect((await api.reload()).users).toBe(2);
    expect(api.query(view, today).tiles.activeUsers).toBe(1);
  });
});
