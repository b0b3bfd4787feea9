/**
 * The two workers, created once and wrapped with their typed Comlink APIs.
 * Only the UI client (./client.ts) calls them.
 */
import * as Comlink from 'comlink';
import type { EngineApi } from '../../api/engine';
import type { ImportApi } from '../../api/import';

export type WorkerKind = 'engine' | 'import';

let engine: Comlink.Remote<EngineApi> | null = null;
let importer: Comlink.Remote<ImportApi> | null = null;

/**
 * A worker whose script fails to load (or that dies) never answers, and
 * Comlink would wait forever; its error event is kept so callers can stop
 * waiting and say why (docs/reliability.md, "A workspace that will not open").
 */
const failures = new Map<WorkerKind, string>();
const listeners = new Set<(kind: WorkerKind, reason: string) => void>();

function watch(worker: Worker, kind: WorkerKind): Worker {
  const fail = (reason: string) => {
    if (failures.has(kind)) return;
    failures.set(kind, reason);
    for (const l of listeners) l(kind, reason);
  };
  worker.addEventListener('error', (e) => {
    const detail = e instanceof ErrorEvent && e.message ? `: ${e.message}` : ' (its script could not be loaded)';
    fail(`the ${kind} worker stopped${detail}`);
  });
  worker.addEventListener('messageerror', () => fail(`the ${kind} worker sent a message that could not be read`));
  return worker;
}

export function engineWorker(): Comlink.Remote<EngineApi> {
  engine ??= Comlink.wrap<EngineApi>(
    watch(new Worker(new URL('../../../workers/engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' }), 'engine'),
  );
  return engine;
}

export function importWorker(): Comlink.Remote<ImportApi> {
  if (!importer) {
    importer = Comlink.wrap<ImportApi>(
      watch(new Worker(new URL('../../../workers/import.worker.ts', import.meta.url), { type: 'module', name: 'import' }), 'import'),
    );
    // A file dropped alone goes from the import worker to the engine too, which adds it while it is stored.
    const { port1, port2 } = new MessageChannel();
    void engineWorker().takeParsedFrom(Comlink.transfer(port1, [port1]));
    void importer.sendParsedTo(Comlink.transfer(port2, [port2]));
  }
  return importer;
}

/** The worker's answer, or its failure as soon as it has failed (at once if it already has). */
export function unlessWorkerFails<T>(kind: WorkerKind, answer: Promise<T>): Promise<T> {
  const known = failures.get(kind);
  if (known) return Promise.reject(new Error(known));
  let l: ((k: WorkerKind, reason: string) => void) | undefined;
  const failed = new Promise<never>((_, reject) => {
    l = (k, reason) => {
      if (k === kind) reject(new Error(reason));
    };
    listeners.add(l);
  });
  return Promise.race([answer, failed]).finally(() => listeners.delete(l!));
}
