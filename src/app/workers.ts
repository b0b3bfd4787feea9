/** The two workers, created once and wrapped with their typed Comlink APIs. */
import * as Comlink from 'comlink';
import type { EngineApi } from '../../workers/engine.worker';
import type { ImportApi } from '../../workers/import.worker';

let engine: Comlink.Remote<EngineApi> | null = null;
let importer: Comlink.Remote<ImportApi> | null = null;

export function engineWorker(): Comlink.Remote<EngineApi> {
  engine ??= Comlink.wrap<EngineApi>(new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' }));
  return engine;
}

export function importWorker(): Comlink.Remote<ImportApi> {
  importer ??= Comlink.wrap<ImportApi>(new Worker(new URL('../../workers/import.worker.ts', import.meta.url), { type: 'module', name: 'import' }));
  return importer;
}
