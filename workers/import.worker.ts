/// <reference lib="webworker" />
/** Import worker: the import API (src/api/import) over Comlink, so parsing never touches the UI thread. */
import * as Comlink from 'comlink';
import { createImportApi } from '../src/api/import';
import type { CsvPieceReader } from '../src/core/import/csv-pieces';
import { WorkspaceDb } from '../src/storage/workspace-db';

// With a second core, a big usage CSV is read in two halves at once: the second in a worker of its own.
let pieces: CsvPieceReader | null = null;
const pieceReader: CsvPieceReader | undefined =
  navigator.hardwareConcurrency > 1
    ? (task) => {
        pieces ??= Comlink.wrap<CsvPieceReader>(new Worker(new URL('./csv-piece.worker.ts', import.meta.url), { type: 'module' }));
        return pieces(task);
      }
    : undefined;

Comlink.expose(createImportApi(new WorkspaceDb(), (bytes) => Comlink.transfer(bytes, [bytes.buffer]), pieceReader));
