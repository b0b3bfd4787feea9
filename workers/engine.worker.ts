/// <reference lib="webworker" />
/** Engine worker: the engine API (src/api/engine) over Comlink, on the workspace's store. */
import * as Comlink from 'comlink';
import { createEngineApi, type CacheWriter, type CachedWorkspace } from '../src/api/engine';
import { EngineSession } from '../src/core/session/engine-session';
import { WorkspaceDb } from '../src/storage/workspace-db';

// The cache is written by a worker of its own: this one copies the columns (fast) and hands them over,
// instead of holding the engine for the seconds IndexedDB takes to store a large workspace. The writer
// lives for one write (its memory goes with it); writes follow one another, the newest last.
let writes: Promise<void> = Promise.resolve();
const storeCache: CacheWriter = (basis, ws) => {
  const buffers: ArrayBuffer[] = [];
  const value = withCopiedColumns(ws, buffers);
  writes = writes
    .catch(() => undefined)
    .then(async () => {
      const worker = new Worker(new URL('./cache-writer.worker.ts', import.meta.url), { type: 'module' });
      try {
        await Comlink.wrap<{ write(basis: string, value: CachedWorkspace): Promise<void> }>(worker).write(
          basis,
          Comlink.transfer(value, buffers),
        );
      } finally {
        worker.terminate();
      }
    });
  return writes;
};

/** The object with each typed array (also one level down) copied, the copies' buffers listed for transfer. */
function withCopiedColumns<T extends object>(value: T, buffers: ArrayBuffer[]): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      const copy = (v as unknown as { slice(): ArrayBufferView }).slice();
      buffers.push(copy.buffer as ArrayBuffer);
      out[k] = copy;
    } else if (v && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype)
      out[k] = withCopiedColumns(v as object, buffers);
    else out[k] = v;
  }
  return out as T;
}

const session = new EngineSession();
const api = createEngineApi(new WorkspaceDb(), session, (file) => Comlink.transfer(file, [file.bytes.buffer]), storeCache);
Comlink.expose(api);
// For the browser benchmark: what the loaded workspace costs in memory, and how it was last loaded.
const bench = self as unknown as {
  seatwiseMemory: () => ReturnType<EngineSession['memoryStats']>;
  seatwiseLastLoad: () => unknown;
  seatwiseCacheSettled: () => Promise<void>;
};
bench.seatwiseMemory = () => session.memoryStats();
bench.seatwiseLastLoad = () => api.lastLoad();
bench.seatwiseCacheSettled = () => api.cacheSettled();
