/**
 * Opening the workspace: is the cached merge usable, and when the merge
 * fails, which stored record is to blame (docs/reliability.md, "A workspace
 * that will not open").
 */
import { buildWorkspace, type Workspace } from '../core/workspace/workspace';
import type { WorkspaceDb } from './workspace-db';
import { checkTables, describeProblems } from './backup-check';

const kindOf = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : ArrayBuffer.isView(v) ? (v.constructor as { name: string }).name : typeof v;

let emptyShape: Map<string, string> | null = null;
let emptyBasisShape: Map<string, string> | null = null;

const sameShape = (shape: Map<string, string>, v: Record<string, unknown>): boolean => {
  for (const [k, kind] of shape) {
    if (kind === 'undefined') continue;
    if (kindOf(v[k]) !== kind) return false;
  }
  return true;
};

/**
 * True when a cached value has every field of a Workspace, each of the same
 * kind (text list, typed array, number…). A cache of another shape — damaged,
 * or written by another version — is rebuilt instead of adopted.
 */
export function looksLikeWorkspace(value: unknown): value is Workspace {
  if (!value || typeof value !== 'object') return false;
  if (!emptyShape || !emptyBasisShape) {
    const empty = buildWorkspace([]);
    emptyShape = new Map(Object.entries(empty).map(([k, v]) => [k, kindOf(v)]));
    emptyBasisShape = new Map(Object.entries(empty.basis).map(([k, v]) => [k, kindOf(v)]));
  }
  const v = value as Record<string, unknown>;
  // The merge's bookkeeping too: a newer import is added to the workspace through it.
  return sameShape(emptyShape, v) && sameShape(emptyBasisShape, v.basis as Record<string, unknown>);
}

/**
 * Why the imports could not be merged: the first damaged records when the
 * checks find any, else the error itself.
 */
export async function whyNotOpened(db: WorkspaceDb, err: unknown): Promise<string> {
  const fallback = err instanceof Error ? `${err.message}` : String(err);
  try {
    const { problems } = checkTables({ imports: await db.imports.toArray(), eventChunks: await db.eventChunks.toArray() });
    if (problems.length > 0) return `a stored record is damaged: ${describeProblems(problems)}`;
  } catch (readErr) {
    return `the stored imports could not be read (${readErr instanceof Error ? readErr.message : String(readErr)})`;
  }
  return fallback;
}
