import { describe, expect, it } from 'vitest';
import { WorkspaceDb, clearWorkspace } from '../../src/storage/workspace-db';
import { EngineSession } from '../../src/core/session/engine-session';
import type { Workspace } from '../../src/core/workspace/workspace';
import { parseIsoDay } from '../../src/core/vocabulary/days';
import { EMPTY_VIEW } from '../../src/core/vocabulary/view-state';
import { batchesFromCsv, csv } from '../support/workspace-from-csv';

describe('the cached workspace (reopen without merging)', () => {
  it('round-trips through IndexedDB and answers exactly as the merged one', async () => {
    const db = new WorkspaceDb('cache-test');
    await clearWorkspace(db);
    const built = new EngineSession();
    await built.load(await batchesFromCsv([
      ['users.csv', csv('team,email,first_name,product_name,access_option,assigned_date,group', 'T,a@x.com,Ann,Revit,Subscription,2025-01-01,BIM', 'U,b@x.com,Bob,Maya,Flex,2025-01-01,')],
      ['usage.csv', csv('team,email,product_name,version,day_used,tokens_used', 'T,a@x.com,Revit,2026,2026-01-05,0', 'U,b@x.com,Maya,2025,2026-01-06,6')],
    ]));
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
