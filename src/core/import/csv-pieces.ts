/**
 * A big usage CSV read in two pieces at once (docs/import.md, "Big files"): this
 * worker reads the first half while a piece reader (another worker) reads the
 * second, from the first line break after the middle. The second half is taken
 * only when the first ended between records — no quote open where they meet —
 * so it is exactly what reading on would have given; otherwise the file is read
 * again as one. Its rows are then absorbed in order, as if read here.
 */
import { BatchBuilder, type BuilderPart } from './batch-builder';
import { parseRecords, type LineBreak, type RecordsInput, type RecordsOutcome } from './csv-records';
import type { SlashOrder } from './parse-values';
import type { TextEncodingName } from './text-stream';
import type { ColumnMap, Section } from '../vocabulary/sections';

/** Everything a piece reader needs, as plain data (it crosses to another worker). */
export interface CsvPieceTask {
  source: Blob | string;
  startAt: number;
  endAt: number;
  encoding: TextEncodingName;
  delimiter: string;
  newline: LineBreak;
  headerWidth: number;
  fileName: string;
  section: Section;
  columns: ColumnMap;
  header: string[];
  order: SlashOrder;
}

export interface CsvPieceResult {
  part: BuilderPart;
  outcome: RecordsOutcome;
}

export type CsvPieceReader = ((task: CsvPieceTask) => Promise<CsvPieceResult>) & {
  /** Drops the piece being read (the import was cancelled): its work would be thrown away. */
  stop?: () => void;
};

export const PIECE_MIN_BYTES = 32 * 1024 * 1024;

/** Reads one piece of a file: what a piece reader runs. */
export async function readCsvPiece(task: CsvPieceTask): Promise<CsvPieceResult> {
  const builder = new BatchBuilder(task.section, task.columns, task.header, task.order);
  const outcome = await parseRecords(builder, { ...task, headerIndex: -1, fileStart: false });
  return { part: builder.toPart(), outcome };
}

/**
 * Where the second piece starts — just after the first line break past the middle —
 * or null when the file is read as one: no piece reader, a small file, not usage,
 * or an encoding in which a line break is more than one byte.
 */
export async function pieceSplit(
  file: { size: number; source: Blob | string },
  encoding: TextEncodingName,
  newline: LineBreak,
  section: Section,
  options: { pieceReader?: CsvPieceReader; pieceMinBytes?: number },
): Promise<number | null> {
  if (!options.pieceReader || file.size < (options.pieceMinBytes ?? PIECE_MIN_BYTES)) return null;
  if (section !== 'usage' && section !== 'token_usage') return null;
  if (encoding !== 'utf-8' && encoding !== 'windows-1252') return null;
  const breakChar = newline === '\r' ? '\r' : '\n';
  const middle = Math.floor(file.size / 2);
  if (typeof file.source === 'string') {
    const at = file.source.indexOf(breakChar, middle);
    return at < 0 || at + 1 >= file.size ? null : at + 1;
  }
  const window = new Uint8Array(await file.source.slice(middle, Math.min(file.size, middle + 1024 * 1024)).arrayBuffer());
  const at = window.indexOf(breakChar.charCodeAt(0));
  return at < 0 || middle + at + 1 >= file.size ? null : middle + at + 1;
}

/**
 * Reads the file in two pieces into `builder`. 'again' when the halves cannot be
 * joined as they are (the caller reads the whole file as one).
 */
export async function readInPieces(
  builder: BatchBuilder,
  records: Omit<RecordsInput, 'startAt' | 'onProgress'>,
  split: number,
  reader: CsvPieceReader,
  progress: (position: number) => void,
): Promise<RecordsOutcome | 'again'> {
  const second = reader({
    source: records.source,
    startAt: split,
    endAt: records.endAt,
    encoding: records.encoding,
    delimiter: records.delimiter,
    newline: records.newline,
    headerWidth: records.headerWidth,
    fileName: records.fileName,
    section: builder.section,
    columns: builder.columnMap,
    header: [...builder.headerCells],
    order: builder.order,
  });
  // Settled here too, so a failure while the first half is still being read is not left unhandled.
  const settled = second.then(
    (r) => r,
    () => null,
  );
  // Both halves advance at about the same pace: the first's position stands for both.
  const scale = records.endAt / split;
  const first = await parseRecords(builder, {
    ...records,
    startAt: 0,
    endAt: split,
    pieceEndsEarly: true,
    onProgress: (position) => progress(Math.min(records.endAt - 1, position * scale)),
  });
  if (first.cancelled || first.refusal) {
    reader.stop?.();
    return first;
  }
  if (first.openAtEnd) return 'again';
  const rest = await settled;
  if (!rest || rest.outcome.refusal || rest.outcome.cancelled || rest.outcome.openAtEnd) return 'again';
  builder.absorb(rest.part, first.lines);
  return { lines: first.lines + rest.outcome.lines, refusal: null, cancelled: false, openAtEnd: false };
}
