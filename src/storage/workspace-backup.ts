/**
 * Whole-workspace backup and restore (docs/workspace.md: hand-over to a backup admin):
 * every table in one gzipped JSON file, typed arrays as base64. A restore
 * checks the whole file (format, version, every table and row) before it
 * replaces anything, then replaces the workspace in one transaction; a
 * salvage saves what can still be read of a workspace that will not open
 * (docs/reliability.md, "Restore" and "A workspace that will not open").
 */
import type { IndexableType, Table } from 'dexie';
import { clearAllTables, listingOf, type WorkspaceDb } from './workspace-db';
import { BACKUP_TABLES, checkTables, describeProblem, describeProblems, type BackupTables } from './backup-check';
import { guardWrite } from './storage-errors';

const FORMAT = 'seatwise-backup';
/** 2: people stored as lists (core/workspace/packed-users.ts); version 1 backups, with records, are read as they are. */
const VERSION = 2;
const TYPED = { Uint8Array, Uint16Array, Uint32Array, Int32Array, Float32Array, Float64Array } as const;
type TypedName = keyof typeof TYPED;
const UNCHANGED = 'The workspace was not changed.';

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

function replacer(this: unknown, _key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const name = value.constructor.name as TypedName;
    if (name in TYPED) return { $typed: name, b64: toBase64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
  }
  return value;
}

/** Typed arrays come back as they were; a malformed one stays as it is, for the row check to name. */
function reviver(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && '$typed' in value && 'b64' in value) {
    const { $typed, b64 } = value as { $typed: unknown; b64: unknown };
    if (typeof $typed !== 'string' || !Object.hasOwn(TYPED, $typed) || typeof b64 !== 'string') return value;
    const Ctor = TYPED[$typed as TypedName];
    try {
      const bytes = fromBase64(b64);
      if (bytes.byteLength % Ctor.BYTES_PER_ELEMENT !== 0) return value;
      return new Ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength / Ctor.BYTES_PER_ELEMENT);
    } catch {
      return value;
    }
  }
  return value;
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

async function encodeBackup(tables: BackupTables, now: Date): Promise<Uint8Array> {
  const json = JSON.stringify({ format: FORMAT, version: VERSION, createdAt: now.toISOString(), tables }, replacer);
  return pipe(new TextEncoder().encode(json), new CompressionStream('gzip'));
}

export async function backupWorkspace(db: WorkspaceDb, now = new Date()): Promise<Uint8Array> {
  const tables = await db.transaction('r', [db.imports, db.eventChunks, db.settings, db.changes, db.tokenPurchases], async () => ({
    imports: await db.imports.toArray(),
    eventChunks: await db.eventChunks.toArray(),
    settings: await db.settings.toArray(),
    changes: await db.changes.toArray(),
    tokenPurchases: await db.tokenPurchases.toArray(),
  }));
  return encodeBackup(tables, now);
}

export interface RestoreSummary {
  imports: number;
  changes: number;
  purchases: number;
  createdAt: string;
}

interface ReadBackup {
  createdAt: string;
  tables: BackupTables;
  size: number;
}

/** Reads and checks a backup file whole; throws a message for the admin when anything is wrong. */
export async function readBackup(bytes: Uint8Array): Promise<ReadBackup> {
  let text: string;
  let parsed: unknown;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await pipe(bytes, new DecompressionStream('gzip')));
    parsed = JSON.parse(text, reviver);
  } catch {
    throw new Error(`This is not a Seatwise backup file (it could not be read). ${UNCHANGED}`);
  }
  const file = (parsed && typeof parsed === 'object' ? parsed : {}) as {
    format?: unknown;
    version?: unknown;
    createdAt?: unknown;
    tables?: unknown;
  };
  if (file.format !== FORMAT) throw new Error(`This is not a Seatwise backup file. ${UNCHANGED}`);
  if (typeof file.version !== 'number' || !Number.isInteger(file.version) || file.version < 1) {
    throw new Error(`This backup has no valid format version (${JSON.stringify(file.version) ?? 'none'}). ${UNCHANGED}`);
  }
  if (file.version > VERSION)
    throw new Error(
      `This backup comes from a newer Seatwise (format ${file.version}; this one reads ${VERSION}): update the app first. ${UNCHANGED}`,
    );
  if (!file.tables || typeof file.tables !== 'object' || Array.isArray(file.tables))
    throw new Error(`This backup holds no tables. ${UNCHANGED}`);
  const raw = file.tables as Record<string, unknown>;
  const { problems } = checkTables(raw);
  if (problems.length > 0) {
    throw new Error(`This backup cannot be restored: ${describeProblems(problems)}. ${UNCHANGED}`);
  }
  const tables = Object.fromEntries(BACKUP_TABLES.map((t) => [t, (raw[t] as unknown[] | undefined) ?? []])) as unknown as BackupTables;
  return { createdAt: typeof file.createdAt === 'string' ? file.createdAt : '', tables, size: text.length };
}

/** Replaces every table with the backup's, in one transaction, after checking all of it. */
export async function restoreWorkspace(db: WorkspaceDb, bytes: Uint8Array): Promise<RestoreSummary> {
  const { createdAt, tables: t, size } = await readBackup(bytes);
  await guardWrite(
    'The backup was not restored',
    () =>
      db.transaction('rw', db.tables, async () => {
        await clearAllTables(db);
        const ids = await db.imports.bulkAdd(t.imports, { allKeys: true });
        await db.importListings.bulkAdd(t.imports.map((i, n) => listingOf({ ...i, id: ids[n] })));
        await db.eventChunks.bulkAdd(t.eventChunks);
        await db.settings.bulkAdd(t.settings);
        await db.changes.bulkAdd(t.changes);
        await db.tokenPurchases.bulkAdd(t.tokenPurchases);
      }),
    () => size,
  );
  return { imports: t.imports.length, changes: t.changes.length, purchases: t.tokenPurchases.length, createdAt };
}

const reason = (err: unknown) => (err instanceof Error ? `${err.name}: ${err.message}` : String(err));

/** A table's rows; when the whole table cannot be read, row by row, noting the rows that cannot. */
async function readTable(table: Table, name: string, unreadable: string[]): Promise<unknown[]> {
  try {
    return await table.toArray();
  } catch (err) {
    let keys: IndexableType[];
    try {
      keys = await table.toCollection().primaryKeys();
    } catch {
      unreadable.push(`table ${name} could not be read (${reason(err)})`);
      return [];
    }
    const out: unknown[] = [];
    for (const k of keys) {
      try {
        out.push(await table.get(k));
      } catch (e) {
        unreadable.push(`table ${name}, key ${JSON.stringify(k)} could not be read (${reason(e)})`);
      }
    }
    return out;
  }
}

export interface SalvageResult {
  bytes: Uint8Array;
  kept: { imports: number; changes: number; purchases: number; settings: number };
  /** What was left out and why, one line each. */
  leftOut: string[];
}

/**
 * A backup of what can still be read: every row that reads and passes the
 * checks, minus the imports with a broken part (an import is kept whole or not
 * at all). The result restores cleanly.
 */
export async function salvageWorkspace(db: WorkspaceDb, now = new Date()): Promise<SalvageResult> {
  const leftOut: string[] = [];
  const raw: Record<string, unknown[]> = {};
  for (const name of BACKUP_TABLES) raw[name] = await readTable(db.table(name), name, leftOut);
  const { problems, bad } = checkTables(raw);
  for (const p of problems) if (!p.consequence) leftOut.push(describeProblem(p));
  const keep = (name: string) => raw[name]!.filter((_, i) => !bad.get(name)?.has(i));
  // An import goes whole or not at all: drop the chunks of a dropped import, and an import with a dropped chunk.
  const droppedImports = new Set<unknown>();
  raw.imports!.forEach((r, i) => {
    if (bad.get('imports')?.has(i)) droppedImports.add((r as { id?: unknown } | null)?.id);
  });
  raw.eventChunks!.forEach((c, i) => {
    if (!bad.get('eventChunks')?.has(i)) return;
    const id = (c as { importId?: unknown } | null)?.importId;
    if (!droppedImports.has(id) && raw.imports!.some((r) => (r as { id?: unknown } | null)?.id === id)) {
      droppedImports.add(id);
      leftOut.push(`import ${String(id)} left out whole, because one of its event chunks is malformed`);
    }
  });
  const tables: BackupTables = {
    imports: keep('imports').filter((r) => !droppedImports.has((r as { id: unknown }).id)) as BackupTables['imports'],
    eventChunks: keep('eventChunks').filter(
      (c) => !droppedImports.has((c as { importId: unknown }).importId),
    ) as BackupTables['eventChunks'],
    settings: keep('settings') as BackupTables['settings'],
    changes: keep('changes') as BackupTables['changes'],
    tokenPurchases: keep('tokenPurchases') as BackupTables['tokenPurchases'],
  };
  return {
    bytes: await encodeBackup(tables, now),
    kept: {
      imports: tables.imports.length,
      changes: tables.changes.length,
      purchases: tables.tokenPurchases.length,
      settings: tables.settings.length,
    },
    leftOut,
  };
}
