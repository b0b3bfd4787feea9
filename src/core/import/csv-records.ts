/**
 * The records of a CSV text (a whole file, or a piece of one that starts on a
 * record) through PapaParse into a BatchBuilder: line numbers for messages,
 * quotes that never close or swallow rows, progress and Cancel (docs/import.md).
 */
import Papa from 'papaparse';
import type { BatchBuilder } from './batch-builder';
import { DecodedTextSource, type TextEncodingName } from './text-stream';

/** Text read and decoded at a time. */
export const CHUNK_BYTES = 1024 * 1024;
/**
 * Text handed to the parser at a time: the rows of a piece are alive together, so a small piece
 * leaves the young-generation collector little to copy (about 15 % of a big file's reading time).
 */
export const PIECE_CHARS = 64 * 1024;

/** Records that complete no row in this much text mean a quote that never closes. */
const OPEN_QUOTE_LIMIT_CHARS = 16 * 1024 * 1024;

export type LineBreak = '\n' | '\r' | '\r\n';

export interface RecordsInput {
  source: Blob | string;
  encoding: TextEncodingName;
  /** Where the text to read starts and ends (bytes of a Blob, characters of a string). */
  startAt: number;
  endAt: number;
  delimiter: string;
  newline: LineBreak;
  /** Records up to this index are the header and the lines above it; -1 when the text has none. */
  headerIndex: number;
  headerWidth: number;
  fileName: string;
  /** The text starts the file: a byte-order mark on the first cell is dropped. */
  fileStart: boolean;
  /**
   * The text ends where another piece starts: a quote still open at its end is
   * reported (`openAtEnd`) rather than refused, since the whole file may close it.
   */
  pieceEndsEarly?: boolean;
  onProgress?: (position: number) => void;
  isCancelled?: () => boolean;
}

export interface RecordsOutcome {
  /** Line breaks read: the lines before the next piece's first one. */
  lines: number;
  refusal: string | null;
  cancelled: boolean;
  /** A quote was still open where the text ended (only with `pieceEndsEarly`). */
  openAtEnd: boolean;
}

export async function parseRecords(builder: BatchBuilder, input: RecordsInput): Promise<RecordsOutcome> {
  const { fileName, headerIndex, headerWidth, delimiter, newline } = input;
  let record = 0;
  let line = 1; // the line (of this text) the next record starts on
  let cancelled = false;
  let openAtEnd = false;
  let refusal: string | null = null;
  let lastReport = 0;
  let charsWithoutRow = 0;
  let charsBefore = 0;
  const text = new DecodedTextSource(input.source, input.encoding, CHUNK_BYTES, input.startAt, input.endAt, PIECE_CHARS);
  const lineBreak = newline === '\r' ? '\r' : '\n';
  text.lineBreak = lineBreak;
  const breaksIn = (row: readonly string[]) => {
    let n = 0;
    for (const cell of row) for (let i = cell.indexOf(lineBreak); i >= 0; i = cell.indexOf(lineBreak, i + 1)) n++;
    return n;
  };
  const firstCell = (r: number, row: string[]) =>
    input.fileStart && r === 0 && row.length > 0 ? [stripBom(String(row[0])), ...row.slice(1)] : row;
  let parser: Papa.Parser | null = null;
  const stop = (why: string | null) => {
    refusal ??= why;
    text.stop();
    parser?.abort();
  };
  /** Progress, Cancel, and a quote that keeps every record open for megabytes. */
  const afterChunk = (rowCount: number) => {
    charsWithoutRow = rowCount === 0 ? charsWithoutRow + (text.charsHanded - charsBefore) : 0;
    charsBefore = text.charsHanded;
    // A record still open is parsed again from its start with each piece: while none completes, whole chunks.
    text.pieceChars = rowCount === 0 ? CHUNK_BYTES : PIECE_CHARS;
    if (charsWithoutRow > OPEN_QUOTE_LIMIT_CHARS) {
      stop(
        `${fileName}: the quote that opens on line ${line} does not close within ${OPEN_QUOTE_LIMIT_CHARS / 1024 ** 2} MB. Fix the quote and import the file again; nothing was imported.`,
      );
      return;
    }
    const now = Date.now();
    if (input.onProgress && now - lastReport > 100) {
      lastReport = now;
      input.onProgress(text.position);
    }
    if (input.isCancelled?.()) {
      cancelled = true;
      stop(null);
    }
  };
  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(text as unknown as File, {
      delimiter,
      newline,
      skipEmptyLines: false,
      chunk(results: Papa.ParseResult<string[]>, p: Papa.Parser) {
        parser = p;
        const rows = results.data;
        // An unterminated quote runs to the end of the text: it is the last record here.
        const unclosed = results.errors.some((e) => e.code === 'MissingQuotes');
        // When the line breaks handed over match the records completed, no cell holds one:
        // each record is one line and nothing needs counting per cell.
        if (!unclosed && text.lineBreaks - (line - 1) === rows.length) {
          for (let i = 0; i < rows.length; i++) {
            const r = record++;
            if (r <= headerIndex) {
              line++;
              continue;
            }
            builder.addRow(firstCell(r, rows[i]!), line++);
          }
          afterChunk(rows.length);
          return;
        }
        for (let i = 0; i < rows.length; i++) {
          const r = record++;
          const row = rows[i]!;
          const start = line;
          if (unclosed && i === rows.length - 1) {
            if (input.pieceEndsEarly) {
              openAtEnd = true;
              stop(null);
              return;
            }
            stop(
              `${fileName}: the quote that opens on line ${start} never closes, so the rest of the file would be read as one cell. Fix the quote and import the file again; nothing was imported.`,
            );
            return;
          }
          const inner = breaksIn(row);
          line += 1 + inner;
          // A record spanning lines whose cells hold whole rows is a quote that swallowed them.
          if (inner > 0 && swallowsRows(row, headerWidth, delimiter, lineBreak)) {
            stop(
              `${fileName}: the quote that opens on line ${start} closes only on line ${start + inner}, so line${inner > 1 ? 's' : ''} ${start + 1}${inner > 1 ? `–${start + inner}` : ''} ${inner > 1 ? 'were' : 'was'} swallowed into one cell. Fix the quote and import the file again; nothing was imported.`,
            );
            return;
          }
          if (r <= headerIndex) continue;
          builder.addRow(firstCell(r, row), start);
        }
        afterChunk(rows.length);
      },
      complete: () => resolve(),
      error: (err: Error) => reject(err),
    });
    void text.pump();
  });
  return { lines: text.lineBreaks, refusal, cancelled, openAtEnd };
}

/**
 * Whether a record is rows swallowed by a stray quote rather than a cell with a line
 * break in it: its field count is wrong, or a line inside a cell holds as many
 * delimiters as a whole row does.
 */
function swallowsRows(row: readonly string[], headerWidth: number, delimiter: string, lineBreak: string): boolean {
  if (row.length !== headerWidth) return true;
  for (const cell of row) {
    if (cell.indexOf(lineBreak) < 0) continue;
    for (const inner of cell.split(lineBreak).slice(1)) if (headerWidth > 2 && inner.split(delimiter).length >= headerWidth) return true;
  }
  return false;
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
