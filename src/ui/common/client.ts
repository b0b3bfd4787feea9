/**
 * The UI client: the one place that calls the two workers (docs/architecture.md,
 * "Add a page"). Pages read through `client.engine` and `client.importer`, typed
 * from the APIs; they change the workspace through `client.write`, which then
 * refreshes what depends on the change and tells the other tabs, which refresh
 * the same way. Pages name what their data depends on with `client.version`.
 */
import { createSignal } from 'solid-js';
import type * as Comlink from 'comlink';
import type { EngineApi } from '../../api/engine';
import type { ImportApi } from '../../api/import';
import { engineWorker, importWorker, unlessWorkerFails, type WorkerKind } from './workers';

export type WorkspaceSummary = Awaited<ReturnType<EngineApi['summary']>>;

/** Why the workspace is not open; `waiting` while it may still open (slow, not failed). */
export interface OpenProblem {
  reason: string;
  waiting: boolean;
}

/** How long opening may take before the ways out are offered (docs/reliability.md). */
export const OPEN_WAIT_MS = 8_000;

/** What pages read, each with a version of its own: a page's resources name the ones they depend on. */
export type Topic = 'workspace' | 'changes' | 'purchases' | 'prices' | 'reminders';
const TOPICS: readonly Topic[] = ['workspace', 'changes', 'purchases', 'prices', 'reminders'];

interface Effect {
  /** `reload`: the engine re-reads the workspace from storage; `summary`: it already holds the change; `none`: it reads the store at each question. */
  engine: 'reload' | 'summary' | 'none';
  /** The versions bumped, so the pages' resources that name them ask again. */
  topics: readonly Topic[];
  /** Whether the other tabs are told; they reload from storage and bump the same versions. */
  tell: boolean;
}

/** Every kind of write, and what is refreshed after it. */
const WRITES = {
  /** Files imported or removed, a backup restored, everything deleted: anything may have changed. */
  imports: { engine: 'reload', topics: TOPICS, tell: true },
  /** The change queue: queued, undone, exported, applied. With pending changes shown, the report's rows change too. */
  changes: { engine: 'summary', topics: ['workspace', 'changes'], tell: true },
  /** A team's personal data shown or pseudonymised. */
  privacy: { engine: 'summary', topics: ['workspace'], tell: true },
  /** This tab's report shows pending changes or not: a view of this tab's engine, not told. */
  pending: { engine: 'summary', topics: ['workspace'], tell: false },
  purchases: { engine: 'none', topics: ['purchases'], tell: true },
  prices: { engine: 'none', topics: ['prices'], tell: true },
  /** The reminder schedule, or a reminder marked raised. */
  reminders: { engine: 'none', topics: ['reminders'], tell: true },
  /** A saved column mapping: read by the import worker at each import, shown nowhere. */
  presets: { engine: 'none', topics: [], tell: false },
} satisfies Record<string, Effect>;

export type Write = keyof typeof WRITES;

const [summary, setSummary] = createSignal<WorkspaceSummary | null>(null);
const [loadError, setLoadError] = createSignal<string | null>(null);
const [openProblem, setOpenProblem] = createSignal<OpenProblem | null>(null);
const versions = Object.fromEntries(TOPICS.map((t) => [t, createSignal(0)])) as Record<Topic, ReturnType<typeof createSignal<number>>>;

function bump(topics: readonly Topic[]): void {
  for (const t of topics) versions[t][1]((v) => v + 1);
}

/**
 * A worker's API whose every call fails as soon as the worker has failed,
 * instead of waiting forever (docs/reliability.md, "A workspace that will not open").
 */
function guarded<T>(kind: WorkerKind, remote: () => Comlink.Remote<T>): Comlink.Remote<T> {
  return new Proxy({} as Comlink.Remote<T>, {
    get: (_, name) => {
      if (name === 'then') return undefined; // not a promise
      return (...args: unknown[]) => {
        const api = remote() as unknown as Record<string | symbol, (...a: unknown[]) => Promise<unknown>>;
        return unlessWorkerFails(kind, api[name]!(...args));
      };
    },
  });
}

const engine = guarded<EngineApi>('engine', engineWorker);
const importer = guarded<ImportApi>('import', importWorker);

/**
 * Reads the workspace into the engine (`reload`) or only its summary. Never an
 * endless "Opening…": a failure is shown at once, a slow open after OPEN_WAIT_MS.
 * True when the summary was read.
 */
async function readWorkspace(how: 'reload' | 'summary'): Promise<boolean> {
  const timer =
    summary() === null
      ? setTimeout(() => {
          if (summary() === null && !openProblem()) {
            setOpenProblem({
              reason: `The workspace has not opened after ${OPEN_WAIT_MS / 1000} seconds. It may still open; if it does not, use one of the ways out below.`,
              waiting: true,
            });
          }
        }, OPEN_WAIT_MS)
      : undefined;
  try {
    setSummary(await (how === 'reload' ? engine.reload() : engine.summary()));
    setLoadError(null);
    setOpenProblem(null);
    return true;
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    setLoadError(`The workspace could not be loaded: ${why}`);
    if (summary() === null) setOpenProblem({ reason: why, waiting: false });
    return false;
  } finally {
    clearTimeout(timer);
  }
}

// Refreshes run one after another, so an older answer never lands after a newer one.
let refreshing: Promise<unknown> = Promise.resolve();

/** Reads what the engine must (nothing, the summary, or the whole workspace), then bumps the versions. */
function refresh(how: 'reload' | 'summary' | null, topics: readonly Topic[]): Promise<void> {
  const next = refreshing.then(async () => {
    if (how && !(await readWorkspace(how))) return;
    bump(topics);
  });
  refreshing = next.catch(() => undefined);
  return next;
}

/** After a write in another tab this engine has not seen it: it reloads from storage whenever it holds what changed. */
function refreshAfterOtherTab(what: Write): Promise<void> {
  const effect: Effect = WRITES[what];
  return refresh(effect.engine === 'none' ? null : 'reload', effect.topics);
}

/** Several tabs stay consistent (docs/workspace.md, "Several tabs"): a tab that writes says what on this channel. */
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('seatwise-workspace');
if (channel) {
  channel.onmessage = (e: MessageEvent<{ write?: string }>) => {
    const what = e.data?.write;
    void refreshAfterOtherTab(what && what in WRITES ? (what as Write) : 'imports');
  };
}

/**
 * Runs a write, then refreshes what depends on it and tells the other tabs.
 * A write that fails changed nothing (each is one transaction,
 * docs/reliability.md): its error is passed on and nothing is refreshed.
 * `wrote` tells from the answer whether anything was written at all.
 */
async function write<T>(what: Write, work: () => Promise<T>, wrote: (answer: T) => boolean = () => true): Promise<T> {
  const answer = await work();
  if (wrote(answer)) {
    const effect: Effect = WRITES[what];
    await refresh(effect.engine === 'none' ? null : effect.engine, effect.topics);
    if (effect.tell) channel?.postMessage({ write: what });
  }
  return answer;
}

export const client = {
  /** The engine's API (src/api/engine): questions about the workspace, and the writes it makes. */
  engine,
  /** The import API (src/api/import): files in, backups, and the ways out of a workspace that will not open. */
  importer,
  write,
  /** Opens the workspace (again): on start, and when the admin tries again. */
  open: (): Promise<void> => refresh('reload', TOPICS),
  /** The workspace as last read: teams, products, counts; null until it has opened. */
  summary,
  /** The workspace holds something to show. */
  hasData: (): boolean => {
    const s = summary();
    return !!s && (s.events > 0 || s.assignments > 0 || s.snapshotRows > 0 || s.subscriptions > 0);
  },
  /** Why the last read failed, while an older summary is still shown. */
  loadError,
  /** Why the workspace has not opened, while it has not. */
  openProblem,
  /** Reading it in a resource's source makes the resource ask again after a write to any of these. */
  version: (...topics: Topic[]): string => topics.map((t) => versions[t][0]()).join('.'),
};
