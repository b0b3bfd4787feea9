/**
 * The stored workspace (src/storage/workspace-db.ts): each import is listed apart from its batch, so the
 * list of imports never reads a batch however big the workspace; the listings follow every write, a
 * restore and the upgrade from the schema before them (docs/workspace.md, "What the workspace holds").
 */
import Dexie from 'dexie';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ImportService } from '../../src/api/import/import-service';
import { WorkspaceDb, clearWorkspace, deleteImport, listImports, loadBatches } from '../../src/storage/workspace-db';
import { backupWorkspace, restoreWorkspace } from '../../src/storage/workspace-backup';
import { isPackedUsers, packUsers, unpackUsers } from '../../src/core/workspace/packed-users';
import { readFile } from '../../src/core/import/read-file';
import { csv } from '../support/workspace-from-csv';

const JAN = csv('team,email,product_name,day_used', 'T,a@x.com,Revit,2026-01-05', 'T,b@x.com,Revit,2026-01-06');
const FEB = csv(
  'team,email,product_name,day_used',
  'T,a@x.com,Revit,2026-02-05',
  'T,a@x.com,Revit,2026-02-06',
  'T,c@x.com,Maya,2026-02-07',
);
const USERS = csv('team,email,product_name,access_option,assigned_date', 'T,a@x.com,Revit,Subscription,2025-06-01');

const file = (name: string, text: string, lastModified = 1) => ({ name, size: text.length, lastModified, source: text });

/** Counts the import records read whole (their batches) from now on. */
function countBatchReads(db: WorkspaceDb): { reads: number } {
  const counter = { reads: 0 };
  db.imports.hook('reading', (record) => {
    counter.reads++;
    return record;
  });
  return counter;
}

const shown = (list: Awaited<ReturnType<typeof listImports>>) => list.map((l) => [l.source.fileName, l.source.section, l.events]);

async function fresh(name: string): Promise<WorkspaceDb> {
  const db = new WorkspaceDb(name);
  await clearWorkspace(db);
  return db;
}

describe('the list of imports', () => {
  it('lists every import in import order without reading a batch', async () => {
    const db = await fresh('listing-order');
    await new ImportService(db).importFiles([file('jan.csv', JAN), file('users.csv', USERS), file('feb.csv', FEB)]);
    const batches = countBatchReads(db);
    const list = await listImports(db);
    expect(shown(list)).toEqual([
      ['jan.csv', 'usage', 2],
      ['users.csv', 'users', 0],
      ['feb.csv', 'usage', 3],
    ]);
    expect(list.map((l) => l.id)).toEqual((await db.imports.toCollection().primaryKeys()) as number[]);
    expect(batches.reads).toBe(0);
  });

  it('follows a file imported again, an import removed and the workspace deleted', async () => {
    const db = await fresh('listing-writes');
    const service = new ImportService(db);
    await service.importFiles([file('jan.csv', JAN), file('feb.csv', FEB)]);
    // The same file again replaces its earlier import: listed once, under its new id.
    await service.importFiles([file('jan.csv', JAN)]);
    let list = await listImports(db);
    expect(shown(list)).toEqual([
      ['feb.csv', 'usage', 3],
      ['jan.csv', 'usage', 2],
    ]);
    expect(await db.importListings.count()).toBe(2);
    await deleteImport(db, list[0]!.id);
    list = await listImports(db);
    expect(shown(list)).toEqual([['jan.csv', 'usage', 2]]);
    expect(await db.importListings.toCollection().primaryKeys()).toEqual([list[0]!.id]);
    await clearWorkspace(db);
    expect(await listImports(db)).toEqual([]);
    expect(await db.importListings.count()).toBe(0);
  });

  it('is rebuilt by a restore', async () => {
    const from = await fresh('listing-backup-from');
    const to = await fresh('listing-backup-to');
    await new ImportService(from).importFiles([file('jan.csv', JAN), file('feb.csv', FEB)]);
    await new ImportService(to).importFiles([file('other.csv', USERS)]);
    await restoreWorkspace(to, await backupWorkspace(from));
    const batches = countBatchReads(to);
    expect(await listImports(to)).toEqual(await listImports(from));
    expect(batches.reads).toBe(0);
  });

  it('still lists an import whose listing is missing, reading that import alone, once', async () => {
    const db = await fresh('listing-missing');
    await new ImportService(db).importFiles([file('jan.csv', JAN), file('feb.csv', FEB)]);
    const [first] = await listImports(db);
    await db.importListings.delete(first!.id);
    const batches = countBatchReads(db);
    expect(shown(await listImports(db))).toEqual([
      ['jan.csv', 'usage', 2],
      ['feb.csv', 'usage', 3],
    ]);
    expect(batches.reads).toBe(1);
    await listImports(db);
    expect(batches.reads).toBe(1);
  });
});

describe('the upgrade to listed imports', () => {
  it('lists the imports a workspace of the schema before held, and keeps them whole', async () => {
    const name = 'listing-upgrade';
    const current = await fresh(name);
    await new ImportService(current).importFiles([file('jan.csv', JAN), file('users.csv', USERS), file('feb.csv', FEB)]);
    const before = await loadBatches(current);
    const listed = await listImports(current);
    // Stored as the schema before stored them: no listings, and each batch's people as records.
    const records = {
      imports: (await current.imports.toArray()).map((i) => ({ ...i, batch: { ...i.batch, users: unpackUsers(i.batch.users) } })),
      eventChunks: await current.eventChunks.toArray(),
    };
    current.close();
    await Dexie.delete(name);
    const old = new Dexie(name);
    old.version(4).stores({
      imports: '++id, fingerprint, importedAt',
      eventChunks: '[importId+seq], importId',
      settings: 'key',
      changes: '++id, state, queuedAt',
      tokenPurchases: '++id, team, date',
      cache: 'key',
    });
    await old.table('imports').bulkAdd(records.imports);
    await old.table('eventChunks').bulkAdd(records.eventChunks);
    old.close();

    const upgraded = new WorkspaceDb(name);
    await upgraded.open();
    // The first listing reads the imports (an unreadable one never keeps the workspace from opening) and keeps their listings.
    const batches = countBatchReads(upgraded);
    expect(await listImports(upgraded)).toEqual(listed);
    expect(batches.reads).toBe(3);
    expect(await upgraded.importListings.count()).toBe(3);
    expect(await listImports(upgraded)).toEqual(listed);
    expect(batches.reads).toBe(3);
    expect(await loadBatches(upgraded)).toEqual(before);
    upgraded.close();
  });
});

describe('people as stored', () => {
  it('are packed into lists and read back as the records the file gave, with or without Autodesk IDs', async () => {
    const db = await fresh('people-packed');
    const withIds = csv(
      'team,email,autodesk_id,first_name,last_name,product_name,day_used',
      'T,a@x.com,AD-1,Ann,Ames,Revit,2026-01-05',
      'T,b@x.com,,Bob,Best,Revit,2026-01-06',
    );
    const texts = [file('jan.csv', JAN), file('ids.csv', withIds)];
    await new ImportService(db).importFiles(texts);
    const read = await Promise.all(
      texts.map(async (t) => {
        const outcome = await readFile(t);
        return outcome.ok ? outcome.sheets[0]!.result.batch.users : [];
      }),
    );
    for (const stored of await db.imports.toArray()) expect(isPackedUsers(stored.batch.users)).toBe(true);
    const loaded = await loadBatches(db);
    expect(loaded.map((b) => b.batch.users)).toEqual(read);
    expect(loaded[1]!.batch.users.map((u) => u.autodeskId)).toEqual(['AD-1', '']);
    // A record stored without an Autodesk ID (read before they were) comes back without one.
    const [old] = unpackUsers({ ...packUsers(read[1]!), autodeskId: [null, 'AD-2'] });
    expect(old).toEqual({ key: 'e:a@x.com', email: 'a@x.com', hashedId: '', firstName: 'Ann', lastName: 'Ames', role: '' });
    expect('autodeskId' in old!).toBe(false);
  });

  it('restore from a backup made before they were packed, and load as they were', async () => {
    const from = await fresh('people-backup-from');
    const to = await fresh('people-backup-to');
    await new ImportService(from).importFiles([file('jan.csv', JAN), file('users.csv', USERS)]);
    const json = JSON.parse(gunzipSync(await backupWorkspace(from)).toString('utf8'));
    // As a backup of format 1 held them: records.
    json.version = 1;
    for (const i of json.tables.imports) i.batch.users = unpackUsers(i.batch.users);
    await restoreWorkspace(to, new Uint8Array(gzipSync(Buffer.from(JSON.stringify(json)))));
    expect(isPackedUsers((await to.imports.toArray())[0]!.batch.users)).toBe(false);
    expect(await loadBatches(to)).toEqual(await loadBatches(from));
  });
});
