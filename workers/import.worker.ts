/// <reference lib="webworker" />
/** Import worker: the import API (src/api/import) over Comlink, so parsing never touches the UI thread. */
import * as Comlink from 'comlink';
import { createImportApi } from '../src/api/import';
import type { CsvPieceReader, CsvPieceResult, CsvPieceTask } from '../src/core/import/csv-pieces';
import { WorkspaceDb } from '../src/storage/workspace-db';

// With a second core, a big usage CSV is read in two halves at once: the second in a worker of its own,
// made when first needed and ended when an import is cancelled (its half would be thrown away).
let helper: { worker: Worker; read: Comlink.Remote<(task: CsvPieceTask) => Promise<CsvPieceResult>> } | null = null;
const pieceReader: CsvPieceReader | undefined =
  navigator.hardwareConcurrency > 1
    ? Object.assign(
        (task: CsvPieceTask) => {
          if (!helper) {
            const worker = new Worker(new URL('./csv-piece.worker.ts', import.meta.url), { type: 'module' });
            helper = { worker, read: Comlink.wrap(worker) };
          }
          return helper.read(task);
        },
        {
          stop() {
            helper?.worker.terminate();
            helper = null;
          },
        },
      )
    : undefined;

Comlink.expose(createImportApi(new WorkspaceDb(), (bytes) => Comlink.transfer(bytes, [bytes.buffer]), pieceReader));
