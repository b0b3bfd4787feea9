/**
 * What every engine handler shares: the store, the in-memory session, and the
 * two rules that tie them together — how the workspace is (re)loaded and how a
 * change is queued (docs/architecture.md).
 */
import type { EngineSession, WorkspaceSummary } from '../../core/session/engine-session';
import type { ExportFile } from '../../core/changes/change-export';
import type { ChangeDraft } from '../../core/vocabulary/change';
import { loadBatches, loadBatchesById, type WorkspaceDb } from '../../storage/workspace-db';
import { extendWorkspace } from '../../core/workspace/extend-workspace';
import type { Workspace } from '../../core/workspace/workspace';
import type { ImportSource } from '../../core/workspace/batch';
import { looksLikeWorkspace, whyNotOpened } from '../../storage/open-check';
import { loadPrivacy } from '../../storage/privacy-store';
import { listChanges, queueChanges, type QueueOutcome } from '../../storage/change-queue';
import { packUsers, unpackUsers, type PackedBatch, type PackedUsers } from '../../core/workspace/packed-users';

export interface QueueResult extends QueueOutcome {
  refused: { label: string; reason: string }[];
}

/** Hands a file's bytes to the page without copying them (Comlink's transfer in the worker; as is in tests). */
export type Transfer = (file: ExportFile) => ExportFile;

/**
 * How the last reload got its workspace: from the cache, as the workspace already loaded, by adding the
 * newer imports to it, or by merging every import (with why adding was not done, when it was tried).
 */
export interface LoadWay {
  way: 'cache' | 'unchanged' | 'added' | 'merged';
  why?: string;
  /** Added while the file was stored, from the sections the import worker sent (`prepare`). */
  prepared?: true;
}

/** A file's sections as the import worker sends them while it stores them (people packed: quicker to copy). */
export interface ParsedImport {
  batches: PackedBatch[];
}

export interface EngineContext {
  db: WorkspaceDb;
  session: EngineSession;
  transfer: Transfer;
  /** The report shows the effect of outstanding changes. */
  includePending: boolean;
  reload(): Promise<WorkspaceSummary>;
  /** How the last reload got its workspace. */
  lastLoad: LoadWay;
  /** Notes that the engine was asked something (the cache waits for a quiet moment). */
  touch(): void;
  /** Settles once the last workspace loaded is in the cache (or will not be: a newer one was loaded). */
  cacheSettled(): Promise<void>;
  /** Queues the drafts with a reason, then refreshes what depends on the queue. */
  queue(drafts: ChangeDraft[], refused: QueueResult['refused'], reason: string): Promise<QueueResult>;
  /**
   * Adds a file being stored to the loaded workspace meanwhile; the next reload takes that workspace
   * when the imports stored are the ones it was loaded from and this file (docs/workspace.md, "Adding an import").
   */
  prepare(parsed: ParsedImport): void;
}

/** A workspace prepared from a file not yet stored: what it was added to, and which stored imports it stands for. */
interface Prepared {
  base: Workspace;
  /** Each added section's source and event count, as its stored listing will say them. */
  listings: string[];
  ws: Workspace;
  dropTimer: ReturnType<typeof setTimeout>;
}

/** A prepared workspace not claimed by a reload this soon is dropped (its file was not stored, say): it holds a whole workspace. */
const PREPARED_KEPT_MS = 60_000;

const listingKey = (source: ImportSource, events: number) => JSON.stringify([source, events]);

/**
 * The cache is written once the engine has been asked nothing for this long, so the report asked for
 * right after a load (its rows, its trend) does not wait behind handing the workspace over.
 */
const CACHE_WRITE_QUIET_MS = 250;

/** The workspace as the cache holds it: its people packed into lists (core/workspace/packed-users.ts). */
export type CachedWorkspace = Omit<Workspace, 'users'> & { users: PackedUsers };

/** Stores the merged workspace in the cache: in the browser a worker of its own does (workers/cache-writer.worker.ts). */
export type CacheWriter = (basis: string, ws: CachedWorkspace) => Promise<void>;

/** Bump when the Workspace's shape changes: a cache of another shape is then rebuilt. */
export const CACHE_FORMAT = 'workspace-v5'; // v5: people packed into lists (v4: the merge's basis, to add an import; v3: tokens kept for Flex keys only; v2: people linked across PII on/off, usage on its offering's row)

export function createContext(
  db: WorkspaceDb,
  session: EngineSession,
  transfer: Transfer,
  storeCache: CacheWriter = (basis, value) => db.cache.put({ key: 'workspace', basis, value }).then(() => undefined),
): EngineContext {
  /** The imports the session's workspace was merged from (without the change overlay), and that workspace. */
  let merged: { ids: number[]; ws: Workspace } | null = null;
  let lastAsked = 0;
  /** Writes the workspace to the cache once the engine is quiet, unless another has been loaded by then. */
  let cacheWrite: Promise<void> = Promise.resolve();
  const writeCache = (basis: string, ws: Workspace) => {
    cacheWrite = new Promise<void>((done) => {
      const attempt = () => {
        if (session.workspace !== ws) return done();
        const quietFor = performance.now() - lastAsked;
        if (quietFor < CACHE_WRITE_QUIET_MS) setTimeout(attempt, CACHE_WRITE_QUIET_MS - quietFor);
        // The cache is derived: a write that fails leaves the next open to merge again.
        else
          storeCache(basis, { ...ws, users: packUsers(ws.users) })
            .catch(() => undefined)
            .finally(done);
      };
      setTimeout(attempt, CACHE_WRITE_QUIET_MS);
    });
  };
  /**
   * The imports added since the workspace was merged, added to it without merging every import again
   * (docs/workspace.md, "Adding an import"); null when that cannot be done exactly.
   */
  let prepared: Prepared | null = null;
  const dropPrepared = () => {
    if (prepared) clearTimeout(prepared.dropTimer);
    prepared = null;
  };
  /** The workspace prepared for exactly these added imports, if any: it was added from the very sections stored. */
  async function preparedFor(base: Workspace, added: number[]): Promise<Workspace | null> {
    const p = prepared;
    dropPrepared();
    if (!p || p.base !== base || p.listings.length !== added.length) return null;
    const listings = await db.importListings.bulkGet(added);
    return listings.every((l, i) => l !== undefined && listingKey(l.source, l.events) === p.listings[i]) ? p.ws : null;
  }
  async function extended(ids: number[]): Promise<{ ws: Workspace; prepared: boolean } | string> {
    if (!merged || merged.ws !== session.workspace) return 'no workspace loaded';
    if (ids.length <= merged.ids.length || merged.ids.some((id, i) => ids[i] !== id)) return 'an import was removed or replaced';
    const ready = await preparedFor(merged.ws, ids.slice(merged.ids.length));
    if (ready) return { ws: ready, prepared: true };
    let ws = merged.ws;
    for (const added of await loadBatchesById(db, ids.slice(merged.ids.length))) {
      const next = extendWorkspace(ws, added);
      if (!next.ok) return next.why;
      ws = next.ws;
    }
    return { ws, prepared: false };
  }
  const ctx: EngineContext = {
    db,
    session,
    transfer,
    includePending: false,
    lastLoad: { way: 'merged' },
    touch() {
      lastAsked = performance.now();
    },
    cacheSettled() {
      return cacheWrite;
    },
    /**
     * Loads the workspace: from the cache when the imports are the same as when it
     * was written (reopening then skips the merge); by adding the newer imports to the
     * workspace loaded when that is all that changed and can be done exactly; else by
     * merging every import.
     */
    async reload() {
      const privacy = await loadPrivacy(db);
      const changes = await listChanges(db);
      const ids = (await db.imports.toCollection().primaryKeys()) as number[];
      const basis = `${CACHE_FORMAT}:${ids.join(',')}`;
      // The imports the loaded workspace was merged from, still: it stands (privacy and changes read again).
      if (!ctx.includePending && merged?.ws === session.workspace && merged.ids.join(',') === ids.join(',')) {
        ctx.lastLoad = { way: 'unchanged' };
        return session.adopt(merged.ws, privacy, changes);
      }
      // Newer imports than the loaded workspace's: added to it, without reading the cache (a whole workspace).
      const added = ctx.includePending
        ? 'changes not yet made are shown'
        : await extended(ids).catch((err: unknown) => (err instanceof Error ? err.message : String(err)));
      if (typeof added !== 'string') {
        const summary = await session.adopt(added.ws, privacy, changes);
        merged = { ids, ws: session.workspace };
        ctx.lastLoad = added.prepared ? { way: 'added', prepared: true } : { way: 'added' };
        writeCache(basis, session.workspace);
        return summary;
      }
      if (!ctx.includePending) {
        const cached = await db.cache.get('workspace').catch(() => undefined);
        if (cached?.basis === basis) {
          // The cache is derived: one that is damaged is dropped and rebuilt from the imports (docs/reliability.md).
          try {
            const value = unpackCached(cached.value);
            if (looksLikeWorkspace(value)) {
              const summary = await session.adopt(value, privacy, changes);
              merged = { ids, ws: session.workspace };
              ctx.lastLoad = { way: 'cache' };
              return summary;
            }
          } catch {
            /* rebuilt below */
          }
          await db.cache.delete('workspace').catch(() => undefined);
        }
      }
      let summary: WorkspaceSummary;
      try {
        summary = await session.load(await loadBatches(db), privacy, changes, ctx.includePending);
        ctx.lastLoad = { way: 'merged', why: added };
      } catch (err) {
        // Say which stored record is at fault, so the admin knows what a salvage would leave out.
        throw new Error(await whyNotOpened(db, err));
      }
      merged = ctx.includePending ? null : { ids, ws: session.workspace };
      if (!ctx.includePending) writeCache(basis, session.workspace);
      return summary;
    },
    prepare(parsed) {
      dropPrepared();
      if (ctx.includePending || !merged || merged.ws !== session.workspace) return;
      const base = merged.ws;
      let ws = base;
      for (const { batch, chunks } of parsed.batches) {
        const next = extendWorkspace(ws, { batch: { ...batch, users: unpackUsers(batch.users) }, chunks });
        if (!next.ok) return;
        ws = next.ws;
      }
      prepared = {
        base,
        listings: parsed.batches.map((b) => listingKey(b.batch.source, b.batch.eventCount)),
        ws,
        dropTimer: setTimeout(dropPrepared, PREPARED_KEPT_MS),
      };
    },
    async queue(drafts, refused, reason) {
      const outcome = await queueChanges(db, drafts, reason);
      session.setChanges(await listChanges(db));
      if (ctx.includePending) await ctx.reload();
      return { ...outcome, refused };
    },
  };
  return ctx;
}

/** A cached value with its people as records again; anything else as it is (the shape check judges it). */
function unpackCached(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  const v = value as { users?: unknown };
  return { ...v, users: unpackUsers(v.users as PackedUsers) };
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Tells the admin when an XLSX export cut cells to fit (the Filters sheet names them). */
export async function cutNote(cutCells: number): Promise<{ note?: string }> {
  if (cutCells === 0) return {};
  const { cutCellsMessage } = await import('../../core/export/table');
  return { note: cutCellsMessage(cutCells) };
}
