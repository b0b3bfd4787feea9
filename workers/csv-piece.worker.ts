/// <reference lib="webworker" />
/** Reads the second half of a big usage CSV while the import worker reads the first (docs/import.md, "Big files"). */
import * as Comlink from 'comlink';
import { readCsvPiece, type CsvPieceTask } from '../src/core/import/csv-pieces';

Comlink.expose(async (task: CsvPieceTask) => {
  const result = await readCsvPiece(task);
  const { evKey, evDay, evTokens } = result.part;
  return Comlink.transfer(result, [evKey.buffer, evDay.buffer, evTokens.buffer]);
});
