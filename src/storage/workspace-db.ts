/**
 * The workspace in IndexedDB. Each import is one record (dictionaries,
 * assignments, subscriptions…) plus its events in columnar chunks of 64k; the
 * whole file is written in one transaction, so a crash, reload or cancel leaves
 * the workspace as it was (docs/import.md, "Atomic and idempotent"). Each import also has a
 * listing (its source and event count), written with it, so that listing the imports never
 * reads their batches (docs/workspace.md, "What the workspace holds"). Schema
 * changes get a new version with an
 * explicit upgrade; no version may drop a user's data.
 */
import Dexie, { type Table } from 'dexie';
import type { LoadedBatch } from '../core/workspace/workspace';
import type { EventChunk, ImportBatch, ImportSource, UserRecord } from '../core/workspace/batch';
import type { Change } from '../core/vocabulary/change';
import type { TokenPurchase } from '../core/flex/flex-usage';
import { estimateBytes, guardWrite } from './storage-errors';
import { packBatch, unpackUsers, type PackedUsers } from '../core/workspace/packed-users';

/** A batch as stored: its people packed into lists (packed-users.ts); batches stored before hold records. */
export type StoredBatch = Omit<ImportBatch, 'users'> & { users: UserRecord[] | PackedUsers };

export interface StoredImport {
  id?: number;
  /** Same file (name, size, modified time, sheet) imported again replaces the earlier record. */
  fingerprint: string;
  importedAt: string;
  batch: StoredBatch;
}

export interface StoredEventChunk extends EventChunk {
  importId: number;
}

/** What the list of imports shows of one import, kept apart from its batch. */
export interface ImportListing {
  id: number;
  source: ImportSource;
  events: number;
}

export interface StoredSetting {
  key: string;
  value: unknown;
}

export const DB_NAME = 'seatwise';

export class WorkspaceDb extends Dexie {
  imports!: Table<StoredImport, number>;
  eventChunks!: Table<StoredEventChunk, [number, number]>;
  settings!: Table<StoredSetting, string>;
  changes!: Table<Change, number>;
  tokenPurchases!: Table<TokenPurchase, number>;
  /** The merged workspace as last loaded, so reopening skips the merge; derived, never backed up. */
  cache!: Table<{ key: string; basis: string; value: unknown }, string>;
  /** Each import's listing, by import id; derived from `imports`, never backed up. */
  importListings!: Table<ImportListing, number>;

  constructor(name: string = DB_NAME) {
    super(name);
    this.version(1).stores({
      imports: '++id, fingerprint, importedAt',
      eventChunks: '[importId+seq], importId',
      settings: 'key',
    });
    // v2 adds the change queue. Imports and settings carry over untouched.
    this.version(2)
      .stores({
        changes: '++id, state, queuedAt',
      })
      .upgrade(() => {
        /* nothing to migrate: the queue starts empty */
      });
    // v3 adds the Flex token purchases the admin enters.
    this.version(3)
      .stores({
        tokenPurchases: '++id, team, date',
      })
      .upgrade(() => {
        /* nothing to migrate: no purchases before */
      });
    // v4 adds a cache of the merged workspace (rebuilt from the imports whenever they change).
    this.version(4)
      .stores({
        cache: 'key',
      })
      .upgrade(() => {
        /* nothing to migrate: the cache fills on the next load */
      });
    // v5 lists each import apart from its batch. The listings of the imports held are filled when they are
    // first listed, not here: an import that cannot be read must not keep the workspace from opening.
    this.version(5)
      .stores({
        importListings: 'id',
      })
      .upgrade(() => {
        /* listings filled on first listing (listImports) */
      });
  }
}

/** An import's listing, from its stored record. */
export function listingOf(i: StoredImport): ImportListing {
  return { id: i.id!, source: i.batch.source, events: i.batch.eventCount };
}

export interface PendingBatch {
  fingerprint: string;
  batch: ImportBatch;
  chunks: EventChunk[];
}

/**
 * Writes the batches of one file atomically, replacing earlier imports of the
 * same file, with the token purchases the file carries (a workspace exported as
 * Parquet) in the same transaction; a purchase already entered is not entered
 * twice, so importing the file again changes nothing. A failure (storage full,
 * say) throws a StorageWriteError naming the file.
 */
export async function commitBatches(
  db: WorkspaceDb,
  batches: readonly PendingBatch[],
  purchases: readonly TokenPurchase[] = [],
): Promise<number[]> {
  const fileName = batches[0]?.batch.source.fileName ?? 'The file';
  return guardWrite(
    `${fileName} was not imported`,
    () =>
      db.transaction('rw', [db.imports, db.importListings, db.eventChunks, db.tokenPurchases], async () => {
        const ids: number[] = [];
        for (const b of batches) {
          const earlier = await db.imports.where('fingerprint').equals(b.fingerprint).primaryKeys();
          for (const id of earlier) await removeImport(db, id);
          const stored: StoredImport = {
            fingerprint: b.fingerprint,
            importedAt: b.batch.source.importedAt,
            batch: packBatch(b).batch,
          };
          const id = await db.imports.add(stored);
          await db.importListings.put(listingOf({ ...stored, id }));
          await db.eventChunks.bulkAdd(b.chunks.map((c) => ({ ...c, importId: id })));
          ids.push(id);
        }
        if (purchases.length) {
          const same = (p: TokenPurchase) => `${p.team}|${p.date}|${p.quantity}|${p.expiry}|${p.note}`;
          const entered = new Set((await db.tokenPurchases.toArray()).map(same));
          const fresh = purchases
            .filter((p) => !entered.has(same(p)))
            .map(({ team, date, quantity, expiry, note }) => ({ team, date, quantity, expiry, note }));
          if (fresh.length) await db.tokenPurchases.bulkAdd(fresh);
        }
        return ids;
      }),
    () => estimateBytes(batches),
  );
}

const unpackBatch = (b: StoredBatch): ImportBatch => ({ ...b, users: unpackUsers(b.users) });

/** Every import in import order, with its events: what the engine merges. */
export async function loadBatches(db: WorkspaceDb): Promise<LoadedBatch[]> {
  return db.transaction('r', db.imports, db.eventChunks, async () => {
    const imports = await db.imports.orderBy(':id').toArray();
    const chunks = await db.eventChunks.toArray();
    const byImport = new Map<number, EventChunk[]>();
    for (const c of chunks) {
      let list = byImport.get(c.importId);
      if (!list) byImport.set(c.importId, (list = []));
      list.push(c);
    }
    return imports.map((i) => ({
      batch: unpackBatch(i.batch),
      chunks: (byImport.get(i.id!) ?? []).sort((a, b) => a.seq - b.seq),
    }));
  });
}

/** The imports with these ids, in import order, with their events: what is added to a merged workspace. */
export async function loadBatchesById(db: WorkspaceDb, ids: readonly number[]): Promise<LoadedBatch[]> {
  return db.transaction('r', db.imports, db.eventChunks, async () => {
    const out: LoadedBatch[] = [];
    for (const id of [...ids].sort((a, b) => a - b)) {
      const i = await db.imports.get(id);
      if (!i) throw new Error(`Import ${id} is no longer stored.`);
      const chunks = await db.eventChunks.where('importId').equals(id).toArray();
      out.push({ batch: unpackBatch(i.batch), chunks: chunks.sort((a, b) => a.seq - b.seq) });
    }
    return out;
  });
}

/**
 * The imports in import order, from their listings: no batch is read, however big the workspace.
 * An import without a listing (stored before listings were kept) is read whole once, and its listing
 * stored for the next time.
 */
export async function listImports(db: WorkspaceDb): Promise<ImportListing[]> {
  const missing: ImportListing[] = [];
  const out = await db.transaction('r', db.imports, db.importListings, async () => {
    const ids = await db.imports.toCollection().primaryKeys();
    const listed = new Map((await db.importListings.toArray()).map((l) => [l.id, l]));
    const found: ImportListing[] = [];
    for (const id of ids) {
      const known = listed.get(id);
      if (known) found.push(known);
      else {
        const i = await db.imports.get(id);
        if (i) {
          const listing = listingOf(i);
          found.push(listing);
          missing.push(listing);
        }
      }
    }
    return found;
  });
  if (missing.length > 0) {
    // Only for imports still held; a listing that cannot be stored is made again next time.
    await db
      .transaction('rw', db.imports, db.importListings, async () => {
        const held = new Set(await db.imports.toCollection().primaryKeys());
        await db.importListings.bulkPut(missing.filter((l) => held.has(l.id)));
      })
      .catch(() => undefined);
  }
  return out;
}

/** An import, its listing and its events gone; inside a transaction over the three tables. */
async function removeImport(db: WorkspaceDb, id: number): Promise<void> {
  await db.eventChunks.where('importId').equals(id).delete();
  await db.importListings.delete(id);
  await db.imports.delete(id);
}

export async function deleteImport(db: WorkspaceDb, id: number): Promise<void> {
  const name = (await db.importListings.get(id))?.source.fileName ?? (await db.imports.get(id))?.batch.source.fileName ?? 'The import';
  await guardWrite(`${name} was not removed`, () =>
    db.transaction('rw', [db.imports, db.importListings, db.eventChunks], () => removeImport(db, id)),
  );
}

/** Empties every table; inside a transaction over all of them (`db.tables`), so a table added later is emptied too. */
export async function clearAllTables(db: WorkspaceDb): Promise<void> {
  await Promise.all(db.tables.map((t) => t.clear()));
}

export async function clearWorkspace(db: WorkspaceDb): Promise<void> {
  await guardWrite('The workspace was not deleted', () => db.transaction('rw', db.tables, () => clearAllTables(db)));
}

export function fileFingerprint(file: { name: string; size: number; lastModified: number }, sheet: string | null): string {
  return `${file.name}|${file.size}|${file.lastModified}|${sheet ?? ''}`;
}
