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
    // Written once the engine is quiet, in the background.
    await first.cacheSettled();
    expect((await db.cache.get('workspace'))?.basis).toMatch(new RegExp(`^${CACHE_FORMAT}:`));
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

  /** The users and usage files imported and loaded by an engine of their own. */
  async function loaded(name: string) {
    const db = new WorkspaceDb(name);
    await clearWorkspace(db);
    const imports = createImportApi(db);
    await imports.importFiles([new File([USERS], 'users.csv'), new File([USAGE], 'usage.csv')], () => {});
    const session = new EngineSession();
    const api = createEngineApi(db, session);
    await api.reload();
    return { db, imports, session, api, before: session.workspace };
  }

  it('adds a newer usage import to the loaded workspace instead of merging every import, with the answers of a full merge', async () => {
    const { db, imports, session, api, before } = await loaded('api-reload-extend');
    const LATER = csv('team,email,product_name,day_used', 'T,b@x.com,Revit,2026-01-20', 'T,a@x.com,Revit,2026-01-21');
    await imports.importFiles([new File([LATER], 'usage-later.csv')], () => {});
    await api.reload();
    expect(api.lastLoad()).toEqual({ way: 'added' });
    // Added, not merged again: the people are the very list the workspace had (a merge makes a new one).
    expect(session.workspace.users).toBe(before.users);
    expect(session.workspace.eventCount).toBe(3);
    const fresh = createEngineApi(new WorkspaceDb('api-reload-extend'), new EngineSession());
    await db.cache.clear();
    await fresh.reload();
    expect(api.query(view, today).tiles).toEqual(fresh.query(view, today).tiles);
    expect(api.rows(0, 10)).toEqual(fresh.rows(0, 10));
    expect(api.query(view, today).tiles.activeUsers).toBe(2);

    // Removing an import merges what is left again.
    const later = (await imports.listImports()).find((i) => i.source.fileName === 'usage-later.csv')!;
    await imports.deleteImport(later.id);
    await api.reload();
    expect(api.lastLoad()).toEqual({ way: 'merged', why: 'an import was removed or replaced' });
    expect(session.workspace.users).not.toBe(before.users);
    expect(session.workspace.eventCount).toBe(1);
    expect(api.query(view, today).tiles.activeUsers).toBe(1);
  });

  it('adds a file dropped alone while it is stored, from the sections the import worker sends, with the answers of a full merge', async () => {
    const { db, imports, session, api, before } = await loaded('api-reload-prepared');
    const { port1, port2 } = new MessageChannel();
    api.takeParsedFrom(port1);
    imports.sendParsedTo(port2);
    const LATER = csv('team,email,product_name,day_used', 'T,b@x.com,Revit,2026-01-20', 'T,a@x.com,Revit,2026-01-21');
    await imports.importFiles([new File([LATER], 'usage-later.csv')], () => {});
    await settled();
    await api.reload();
    expect(api.lastLoad()).toEqual({ way: 'added', prepared: true });
    expect(session.workspace.users).toBe(before.users);
    expect(session.workspace.eventCount).toBe(3);
    await db.cache.clear();
    const fresh = createEngineApi(new WorkspaceDb('api-reload-prepared'), new EngineSession());
    await fresh.reload();
    expect(api.query(view, today).tiles).toEqual(fresh.query(view, today).tiles);
    expect(api.rows(0, 10)).toEqual(fresh.rows(0, 10));
    port1.close();
  });

  it('does not take a prepared workspace for imports it was not prepared from', async () => {
    const { db, imports, session, api } = await loaded('api-reload-prepared-other');
    const { port1, port2 } = new MessageChannel();
    api.takeParsedFrom(port1);
    // Another file is sent to the engine (imported into another store): its workspace is prepared, never stored here.
    const elsewhere = new WorkspaceDb('api-reload-prepared-elsewhere');
    await clearWorkspace(elsewhere);
    const other = createImportApi(elsewhere);
    other.sendParsedTo(port2);
    const OTHER = csv('team,email,product_name,day_used', 'T,b@x.com,Revit,2026-01-25');
    await other.importFiles([new File([OTHER], 'usage-later.csv')], () => {});
    await settled();
    const LATER = csv('team,email,product_name,day_used', 'T,b@x.com,Revit,2026-01-20', 'T,a@x.com,Revit,2026-01-21');
    await imports.importFiles([new File([LATER], 'usage-later.csv')], () => {});
    await api.reload();
    expect(api.lastLoad()).toEqual({ way: 'added' });
    expect(session.workspace.eventCount).toBe(3);
    await db.cache.clear();
    const fresh = createEngineApi(new WorkspaceDb('api-reload-prepared-other'), new EngineSession());
    await fresh.reload();
    expect(api.rows(0, 10)).toEqual(fresh.rows(0, 10));
    port1.close();
  });

  it('merges every import again when the newer import is not usage alone (a Users export)', async () => {
    const { imports, session, api, before } = await loaded('api-reload-extend-users');
    const MORE = csv('team,email,first_name,product_name,access_option,assigned_date', 'T,c@x.com,Cy,Revit,Subscription,2025-01-01');
    await imports.importFiles([new File([MORE], 'users-more.csv')], () => {});
    expect((await api.reload()).users).toBe(3);
    expect(api.lastLoad()).toEqual({ way: 'merged', why: 'the import holds assignments, subscriptions, groups or a Usage Report' });
    expect(session.workspace.users).not.toBe(before.users);
    await api.reload();
    expect(api.lastLoad()).toEqual({ way: 'unchanged' });
  });

  it('rebuilds from the imports a cache whose merge bookkeeping is damaged', async () => {
    const db = new WorkspaceDb('api-reload-damaged-basis');
    await clearWorkspace(db);
    await createImportApi(db).importFiles([new File([USERS], 'users.csv'), new File([USAGE], 'usage.csv')], () => {});
    const first = new EngineSession();
    await createEngineApi(db, first).reload();
    const basis = `${CACHE_FORMAT}:${(await db.imports.toCollection().primaryKeys()).join(',')}`;
    const damaged = { ...first.workspace, basis: { ...first.workspace.basis, keyFacts: 'gone' } };
    await db.cache.put({ key: 'workspace', basis, value: damaged });
    const session = new EngineSession();
    expect((await createEngineApi(db, session).reload()).users).toBe(2);
    expect(session.workspace.basis.keyFacts).toBeInstanceOf(Uint8Array);
  });
});

/** Lets the messages sent between the two APIs arrive (they cross a MessageChannel, as between the workers). */
async function settled(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
}
