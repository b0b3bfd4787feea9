/**
 * Whole-workspace backup and restore (SPEC §9: hand-over to a backup admin):
 * every table in one gzipped JSON file, typed arrays as base64. Restoring
 * replaces the workspace in one transaction, so a bad file changes nothing.
 */
import type { WorkspaceDb } from './workspace-db';

const FORMAT = 'seatwise-backup';
const VERSION = 1;
const TYPED = { Uint8Array, Uint16Array, Uint32Array, Int32Array, Float32Array, Float64Array } as const;
type TypedName = keyof typeof TYPED;

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

function reviver(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && '$typed' in value && 'b64' in value) {
    const { $typed, b64 } = value as { $typed: TypedName; b64: string };
    const Ctor = TYPED[$typed];
    if (!Ctor) throw new Error(`unknown array type ${String($typed)}`);
    const bytes = fromBase64(b64);
    return new Ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength / Ctor.BYTES_PER_ELEMENT);
  }
  return value;
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

export async function backupWorkspace(db: WorkspaceDb, now = new Date()): Promise<Uint8Array> {
  const tables = await db.transaction('r', [db.imports, db.eventChunks, db.settings, db.changes, db.tokenPurchases], async () => ({
    imports: await db.imports.toArray(),
    eventChunks: await db.eventChunks.toArray(),
    settings: await db.settings.toArray(),
    changes: await db.changes.toArray(),
    tokenPurchases: await db.tokenPurchases.toArray(),
  }));
  const json = JSON.stringify({ format: FORMAT, version: VERSION, createdAt: now.toISOString(), tables }, replacer);
  return pipe(new TextEncoder().encode(json), new CompressionStream('gzip'));
}

export interface RestoreSummary { imports: number; changes: number; purchases: number; createdAt: string }

export async function restoreWorkspace(db: WorkspaceDb, bytes: Uint8Array): Promise<RestoreSummary> {
  let parsed: { format?: string; version?: number; createdAt?: string; tables?: Record<string, unknown[]> };
  try {
    parsed = JSON.parse(new TextDecoder().decode(await pipe(bytes, new DecompressionStream('gzip'))), reviver);
  } catch {
    throw new Error('This is not a Seatwise backup file (it could not be read).');
  }
  if (parsed.format !== FORMAT || !parsed.tables) throw new Error('This is not a Seatwise backup file.');
  if ((parsed.version ?? 0) > VERSION) throw new Error('This backup comes from a newer Seatwise: update the app first.');
  const t = parsed.tables as { imports: never[]; eventChunks: never[]; settings: never[]; changes: never[]; tokenPurchases: never[] };
  await db.transaction('rw', [db.imports, db.eventChunks, db.settings, db.changes, db.tokenPurchases, db.cache], async () => {
    await Promise.all([db.cache.clear(), db.imports.clear(), db.eventChunks.clear(), db.settings.clear(), db.changes.clear(), db.tokenPurchases.clear()]);
    await db.imports.bulkAdd(t.imports ?? []);
    await db.eventChunks.bulkAdd(t.eventChunks ?? []);
    await db.settings.bulkAdd(t.settings ?? []);
    await db.changes.bulkAdd(t.changes ?? []);
    await db.tokenPurchases.bulkAdd(t.tokenPurchases ?? []);
  });
  return { imports: t.imports?.length ?? 0, changes: t.changes?.length ?? 0, purchases: t.tokenPurchases?.length ?? 0, createdAt: parsed.createdAt ?? '' };
}
