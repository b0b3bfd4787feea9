/**
 * A piece reader for Node (docs/import.md, "Big files"), as the import worker has one in the
 * browser: one worker thread, reused; each answer goes to the request it answers. A string
 * source is cut to the piece before it is sent.
 */
import { Worker } from 'node:worker_threads';
import type { CsvPieceReader, CsvPieceResult } from '../src/core/import/csv-pieces';

export function nodePieceReader(): { read: CsvPieceReader; close: () => Promise<number> } {
  const worker = new Worker(new URL('./piece-worker.mjs', import.meta.url));
  const waiting = new Map<number, { resolve: (r: CsvPieceResult) => void; reject: (e: unknown) => void }>();
  let next = 0;
  worker.on('message', ({ id, result }: { id: number; result: CsvPieceResult }) => {
    waiting.get(id)?.resolve(result);
    waiting.delete(id);
  });
  worker.on('error', (e) => {
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  });
  return {
    read(task) {
      const piece =
        typeof task.source === 'string'
          ? { ...task, source: task.source.slice(task.startAt, task.endAt), startAt: 0, endAt: task.endAt - task.startAt }
          : task;
      const id = next++;
      return new Promise<CsvPieceResult>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, task: piece });
      });
    },
    close: () => worker.terminate(),
  };
}
