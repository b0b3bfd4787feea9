/**
 * A piece reader for Node (docs/import.md, "Big files"), as the import worker has one in the
 * browser: one worker thread, reused. A string source is cut to the piece before it is sent.
 */
import { Worker } from 'node:worker_threads';
import type { CsvPieceReader, CsvPieceResult } from '../src/core/import/csv-pieces';

export function nodePieceReader(): { read: CsvPieceReader; close: () => Promise<number> } {
  const worker = new Worker(new URL('./piece-worker.mjs', import.meta.url));
  let waiting: { resolve: (r: CsvPieceResult) => void; reject: (e: unknown) => void } | null = null;
  worker.on('message', (r: CsvPieceResult) => waiting?.resolve(r));
  worker.on('error', (e) => waiting?.reject(e));
  return {
    read(task) {
      const piece =
        typeof task.source === 'string'
          ? { ...task, source: task.source.slice(task.startAt, task.endAt), startAt: 0, endAt: task.endAt - task.startAt }
          : task;
      return new Promise<CsvPieceResult>((resolve, reject) => {
        waiting = { resolve, reject };
        worker.postMessage(piece);
      });
    },
    close: () => worker.terminate(),
  };
}
