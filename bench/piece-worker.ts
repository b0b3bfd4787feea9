/** The Node counterpart of workers/csv-piece.worker.ts: reads one piece of a big CSV in a thread of its own. */
import { parentPort } from 'node:worker_threads';
import { readCsvPiece, type CsvPieceTask } from '../src/core/import/csv-pieces';

parentPort!.on('message', async ({ id, task }: { id: number; task: CsvPieceTask }) => {
  const result = await readCsvPiece(task);
  const { evKey, evDay, evTokens } = result.part;
  parentPort!.postMessage({ id, result }, [evKey.buffer, evDay.buffer, evTokens.buffer] as ArrayBuffer[]);
});
