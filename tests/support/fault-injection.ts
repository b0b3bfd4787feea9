/**
 * Fault injection for IndexedDB in Node (fake-indexeddb): a Dexie DBCore
 * middleware that counts every write (each `mutate`: add, put, delete, a
 * range delete) and makes the Nth one fail with the error asked for; and a
 * dump of every table, to prove a failed operation left the workspace as it was
 * (docs/reliability.md, "How it is tested").
 */
import type { DBCore, DBCoreMutateRequest, DBCoreTable, Middleware } from 'dexie';
import Dexie from 'dexie';
import { WorkspaceDb } from '../../src/storage/workspace-db';

export type FaultKind = 'quota' | 'quota-in-abort' | 'quota-in-bulk' | 'unknown';

/** The error a browser (through Dexie) reports for each kind of fault. */
export function faultError(kind: FaultKind): Error {
  const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  switch (kind) {
    case 'quota':
      return quota;
    case 'quota-in-abort':
      return Object.assign(new Dexie.AbortError('Transaction aborted'), { inner: quota });
    case 'quota-in-bulk':
      return new Dexie.BulkError('1 of 1 operations failed', { 0: quota });
    case 'unknown':
      return new DOMException('Internal error writing to the backing store.', 'UnknownError');
  }
}

export interface FaultPlan {
  /** Writes seen since the last reset. */
  writes: number;
  /** The write (1-based) that fails; null for none. */
  failAt: number | null;
  kind: FaultKind;
  /** What each write was, for a test's failure message: "imports.add". */
  log: string[];
  reset(failAt?: number | null, kind?: FaultKind): void;
}

export function newFaultPlan(): FaultPlan {
  const plan: FaultPlan = {
    writes: 0,
    failAt: null,
    kind: 'quota',
    log: [],
    reset(failAt = null, kind = 'quota') {
      plan.writes = 0;
      plan.failAt = failAt;
      plan.kind = kind;
      plan.log = [];
    },
  };
  return plan;
}

function faultMiddleware(plan: FaultPlan): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'fault-injection',
    create: (down) => ({
      ...down,
      table(name: string): DBCoreTable {
        const table = down.table(name);
        return {
          ...table,
          mutate(req: DBCoreMutateRequest) {
            plan.writes++;
            plan.log.push(`${name}.${req.type}`);
            if (plan.failAt === plan.writes) return Promise.reject(faultError(plan.kind));
            return table.mutate(req);
          },
        };
      },
    }),
  };
}

/** A workspace database whose writes go through the fault plan. */
export function faultyWorkspace(name: string): { db: WorkspaceDb; plan: FaultPlan } {
  const plan = newFaultPlan();
  const db = new WorkspaceDb(name);
  db.use(faultMiddleware(plan));
  return { db, plan };
}

/** A value as canonical JSON-able data: typed arrays tagged with their type, object keys sorted. */
function canonical(v: unknown): unknown {
  if (ArrayBuffer.isView(v)) return { $typed: v.constructor.name, values: Array.from(v as unknown as ArrayLike<number>) };
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  if (typeof v === 'number' && Number.isNaN(v)) return 'NaN';
  return v;
}

/** Every table, every row, in primary-key order, as one canonical JSON text. */
export async function dumpWorkspace(db: Dexie): Promise<string> {
  const out: Record<string, unknown> = {};
  for (const table of [...db.tables].sort((a, b) => a.name.localeCompare(b.name))) {
    const keys = await table.toCollection().primaryKeys();
    const rows = await table.bulkGet(keys);
    out[table.name] = keys.map((k, i) => [k, canonical(rows[i])]);
  }
  return JSON.stringify(out);
}
