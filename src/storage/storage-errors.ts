/**
 * What the admin is told when a write to IndexedDB fails: which thing was not
 * saved, and, when storage is full, the space the write needed, the space free
 * and what to do. Every write is one transaction, so a failure changes nothing
 * (docs/reliability.md, "Storage full").
 */
import { formatMb } from '../core/vocabulary/format';

/** A write that failed; its message is written for the admin. */
export class StorageWriteError extends Error {
  override name = 'StorageWriteError';
  constructor(
    message: string,
    readonly quotaExceeded: boolean,
  ) {
    super(message);
  }
}

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  inner?: unknown;
  cause?: unknown;
  failures?: unknown;
}

/**
 * True when the browser refused a write for lack of space. Browsers and Dexie
 * wrap it differently: a plain QuotaExceededError, an AbortError or
 * DatabaseClosedError with it as `inner`, a BulkError listing it among its failures.
 */
export function isQuotaExceeded(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 5) return false;
  const e = err as ErrorLike;
  if (e.name === 'QuotaExceededError' || (typeof e.message === 'string' && /QuotaExceeded/i.test(e.message))) return true;
  if (isQuotaExceeded(e.inner, depth + 1) || isQuotaExceeded(e.cause, depth + 1)) return true;
  const failures = e.failures;
  if (Array.isArray(failures)) return failures.some((f) => isQuotaExceeded(f, depth + 1));
  if (failures && typeof failures === 'object') return Object.values(failures).some((f) => isQuotaExceeded(f, depth + 1));
  return false;
}

export interface SpaceEstimate {
  usage: number;
  quota: number;
}

/** The browser's own figures (navigator.storage.estimate()), when it gives them. */
export async function spaceEstimate(): Promise<SpaceEstimate | null> {
  try {
    const storage = (globalThis as { navigator?: { storage?: { estimate?: () => Promise<{ usage?: number; quota?: number }> } } }).navigator
      ?.storage;
    const e = await storage?.estimate?.();
    return e && typeof e.usage === 'number' && typeof e.quota === 'number' && e.quota > 0 ? { usage: e.usage, quota: e.quota } : null;
  } catch {
    return null;
  }
}

/**
 * Roughly how many bytes a value takes once stored: typed arrays by their
 * length, text by its characters. Used only to word a failure, so rough is fine.
 */
export function estimateBytes(value: unknown, depth = 0): number {
  if (value === null || value === undefined || depth > 64) return 0;
  if (typeof value === 'string') return value.length + 4;
  if (typeof value === 'number') return 8;
  if (typeof value === 'boolean') return 1;
  if (ArrayBuffer.isView(value)) return value.byteLength + 8;
  if (value instanceof ArrayBuffer) return value.byteLength + 8;
  if (Array.isArray(value)) {
    let n = 8;
    for (const v of value) n += estimateBytes(v, depth + 1);
    return n;
  }
  if (typeof value === 'object') {
    let n = 8;
    for (const [k, v] of Object.entries(value)) n += k.length + estimateBytes(v, depth + 1);
    return n;
  }
  return 0;
}

const size = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.ceil(bytes / 1024)).toLocaleString('en')} KB` : formatMb(bytes));

const WHAT_TO_DO =
  'To make room: free disk space on this computer, remove imports you no longer need (Import page), ' +
  'or download a backup (Settings) and then delete old data.';

/**
 * The admin's message for a failed write. `notSaved` says what was not saved
 * ("jan.csv was not imported"); `bytes` is the size of what was being written.
 */
export async function storageFailureMessage(notSaved: string, err: unknown, bytes?: number): Promise<string> {
  if (err instanceof StorageWriteError) return err.message;
  if (isQuotaExceeded(err)) {
    const space = await spaceEstimate();
    const needed = bytes !== undefined ? ` It needs about ${size(bytes)}` : ' It needs more space than is left';
    const free = space
      ? `; ${size(Math.max(0, space.quota - space.usage))} is free (${size(space.usage)} of the ${size(space.quota)} this browser allows the site is used).`
      : '; the browser does not say how much space is free.';
    return `${notSaved}: browser storage is full.${needed}${free} Nothing was changed. ${WHAT_TO_DO}`;
  }
  const e = (err ?? {}) as ErrorLike;
  // Dexie repeats the inner error in its message; its first line says it.
  const first = typeof e.message === 'string' ? e.message.split('\n')[0]!.trim() : '';
  const why = [e.name, first].filter((x): x is string => typeof x === 'string' && x !== '').join(': ');
  return `${notSaved}: the browser could not write it (${why || String(err)}). Nothing was changed; try again, and if it keeps failing, download a backup from Settings.`;
}

/** Runs a write; if it fails, throws a StorageWriteError worded for the admin. */
export async function guardWrite<T>(notSaved: string, write: () => Promise<T>, bytes?: () => number): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof StorageWriteError) throw err;
    throw new StorageWriteError(await storageFailureMessage(notSaved, err, bytes?.()), isQuotaExceeded(err));
  }
}
