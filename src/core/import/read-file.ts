/**
 * Reads one dropped file into batches: sniffs what it is, finds the header row,
 * recognises the export, and streams the rows through a BatchBuilder. Runs in the
 * import worker; takes a string too so Node tests drive the very same code.
 */
import Papa from 'papaparse';
import { BatchBuilder, type BuildResult, type Cell } from './batch-builder';
import {
  declaredOrders,
  detectSection,
  findHeaderRow,
  headerSignature,
  sectionChoices,
  unusedColumns,
  type ColumnPreset,
  type SectionChoice,
} from './headers';
import { SECTION_LABELS, type ColumnMap, type Field, type Section } from '../vocabulary/sections';
import { guessColumns, guessMapping, type GuessSource } from './mapping-guess';
import { readParquetWorkspaceFile, type ParquetPurchase } from './read-parquet';
import { clip, isSlashDate, slashOrderEvidence, type SlashOrder } from './parse-values';
import { parseRecords, stripBom, type LineBreak, type RecordsOutcome } from './csv-records';
import { pieceSplit, readInPieces, type CsvPieceReader } from './csv-pieces';
import { ENCODING_LABELS, EncodingFallback, detectEncoding, isValidUtf8Prefix, type TextEncodingName } from './text-stream';

export interface FileLike {
  name: string;
  size: number;
  lastModified: number;
}

export interface ReadProgress {
  fileName: string;
  bytesDone: number;
  bytesTotal: number;
  rows: number;
}

export interface SheetOutcome {
  sheet: string | null;
  section: Section;
  result: BuildResult;
}

export type FileOutcome =
  | {
      ok: true;
      fileName: string;
      sheets: SheetOutcome[];
      notes: string[];
      /** Token purchases a workspace exported as Parquet carries (docs/parquet.md); stored with its batches. */
      purchases?: ParquetPurchase[];
    }
  | { ok: false; fileName: string; reason: string; cancelled?: boolean; mapping?: MappingRequest };

/** An unrecognised layout: what the column-mapping step shows (docs/import.md, docs/formats.md). */
export interface MappingRequest {
  signature: string;
  header: string[];
  preview: string[][];
  /** The best guess, filled in for the admin to confirm or correct. */
  guess?: { section: Section; columns: ColumnMap };
  /** Every kind the file could be, with its fields, its needs and the columns its header already gives. */
  sections: Record<Section, SectionChoice>;
}

export interface ReadOptions {
  onProgress?: (p: ReadProgress) => void;
  isCancelled?: () => boolean;
  /** Saved column mappings for layouts that are not recognised by their header. */
  presets?: readonly ColumnPreset[];
  /** Reads the second half of a big usage CSV elsewhere (another worker) while this one reads the first. */
  pieceReader?: CsvPieceReader;
  /** Files from this size are read in two pieces when a piece reader is given (default 32 MB). */
  pieceMinBytes?: number;
}

export const MAX_CSV_BYTES = 2 * 1024 ** 3;
export const MAX_WORKBOOK_BYTES = 200 * 1024 ** 2;
const SNIFF_BYTES = 1024 * 1024;

type Kind = 'csv' | 'xlsx' | 'binary';

/** What the first bytes say: a zip (xlsx), an OLE container (xls), or text. */
export function sniffKind(head: Uint8Array): Kind {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'xlsx';
  if (head.length >= 4 && head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return 'xlsx';
  // UTF-16 text has a zero byte in every other place: text, not binary.
  if (detectEncoding(head).encoding !== 'utf-8') return 'csv';
  let control = 0;
  const n = Math.min(head.length, 8192);
  for (let i = 0; i < n; i++) {
    const b = head[i]!;
    if (b === 0) return 'binary';
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return n > 0 && control / n > 0.05 ? 'binary' : 'csv';
}

/** Decides the M/D vs D/M order of slash dates from the values of the date columns. */
export function decideSlashOrder(
  rows: readonly (readonly Cell[])[],
  dateColumns: number[],
): { order: SlashOrder; decided: boolean; seen: boolean } {
  let mdy = 0,
    dmy = 0,
    seen = false;
  for (const row of rows) {
    for (const c of dateColumns) {
      const v = row[c];
      if (typeof v !== 'string') continue;
      seen ||= isSlashDate(v);
      const e = slashOrderEvidence(v);
      if (e === 'mdy') mdy++;
      else if (e === 'dmy') dmy++;
    }
  }
  if (dmy > mdy) return { order: 'dmy', decided: true, seen };
  return { order: 'mdy', decided: mdy > 0, seen };
}

const DATE_FIELDS = ['day_used', 'assigned_date', 'unassigned_date', 'start_date', 'end_date', 'autorenew_date', 'last_accessed'] as const;

interface Prepared {
  headerIndex: number;
  builder: BatchBuilder;
  section: Section;
  notes: string[];
}

function prepare(
  sample: readonly (readonly Cell[])[],
  label: string,
  presets: readonly ColumnPreset[] = [],
  forcedOrder?: SlashOrder,
): Prepared | { reason: string; mapping?: MappingRequest } {
  const textRows = sample.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c))));
  // A saved mapping for this exact header wins: the admin chose it for this layout.
  for (let i = 0; i < Math.min(textRows.length, 10); i++) {
    const preset = presets.find((p) => p.signature === headerSignature(textRows[i]!));
    if (preset)
      return startSection(
        sample,
        textRows,
        i,
        preset.section,
        preset.columns,
        label,
        [`${label}: read with the column mapping saved on ${preset.savedAt.slice(0, 10)}.`],
        forcedOrder,
      );
  }
  const headerIndex = findHeaderRow(textRows);
  const firstIndex = Math.max(
    0,
    textRows.findIndex((r) => r.some((c) => c.trim() !== '')),
  );
  // The mapping form shows the columns that hold something, at most MAX_MAPPED_COLUMNS of them.
  const width = (index: number) => {
    let w = 0;
    for (const r of [textRows[index]!, ...textRows.slice(index + 1, index + 6)])
      for (let c = Math.min(r.length, MAX_MAPPED_COLUMNS); c > w; c--)
        if (r[c - 1]!.trim() !== '') {
          w = c;
          break;
        }
    return w;
  };
  const mappingFor = (index: number, detected?: MappingRequest['guess']): MappingRequest => {
    const header = textRows[index]!.slice(0, width(index));
    const rows = textRows
      .slice(index + 1)
      .filter((r) => r.some((c) => c.trim() !== ''))
      .slice(0, GUESS_ROWS);
    // Names people use and values that speak for themselves fill the form; the admin confirms (docs/formats.md).
    const sections = sectionChoices(header);
    for (const s of Object.keys(sections) as Section[]) {
      const g = guessColumns(s, header, rows, sections[s].columns);
      const guessed: SectionChoice['guessed'] = {};
      for (const [f, from] of Object.entries(g.guessed) as [Field, GuessSource][]) guessed[f] = { column: g.columns[f]!, from };
      sections[s] = { ...sections[s], guessed };
    }
    const best = guessMapping(header, rows, detected);
    return {
      signature: headerSignature(textRows[index]!),
      header,
      preview: rows.slice(0, 5).map((r) => r.slice(0, width(index)).map((c) => c.slice(0, 60))),
      guess: { section: best.section, columns: best.columns },
      sections,
    };
  };
  // When the guessed columns point to another kind than the known names alone, the reason says what the form shows.
  const refusal = (index: number, reason: string, detected?: MappingRequest['guess']) => {
    const mapping = mappingFor(index, detected);
    const kind = mapping.guess?.section;
    return kind && detected && kind !== detected.section
      ? {
          reason: `${label}: its header row is not one of the known exports; from its column names and values it looks like ${SECTION_LABELS[kind]}.`,
          mapping,
        }
      : { reason: `${label}: ${reason}`, mapping };
  };
  if (headerIndex < 0) {
    const d = detectSection(textRows[firstIndex] ?? []);
    if (!textRows.length) return { reason: `${label}: ${d.ok ? 'no header row found in the first rows.' : d.reason}` };
    return refusal(firstIndex, d.ok ? 'no header row found in the first rows.' : d.reason, d.ok ? undefined : d.guess);
  }
  const header = textRows[headerIndex]!;
  const detection = detectSection(header);
  if (!detection.ok) return refusal(headerIndex, detection.reason, detection.guess);
  return startSection(sample, textRows, headerIndex, detection.section, detection.columns, label, [], forcedOrder);
}

/** A section and its columns are known: decide the slash-date order and set up the builder. */
function startSection(
  sample: readonly (readonly Cell[])[],
  textRows: string[][],
  headerIndex: number,
  section: Section,
  columns: ColumnMap,
  label: string,
  notes: string[],
  forcedOrder?: SlashOrder,
): Prepared {
  const header = textRows[headerIndex]!;
  notes.push(`${label}: read as ${SECTION_LABELS[section]}.`);
  const dateColumns = DATE_FIELDS.map((f) => columns[f]).filter((i): i is number => i !== undefined);
  // A header that states its format (`Day used (MM/DD/YYYY)`) decides the order; else the values do.
  const declared = Object.values(declaredOrders(header)).find((o) => o !== 'ymd');
  const { order, decided, seen } = forcedOrder
    ? { order: forcedOrder, decided: true, seen: true }
    : declared
      ? { order: declared, decided: true, seen: true }
      : decideSlashOrder(sample.slice(headerIndex + 1), dateColumns);
  if (seen && !decided) notes.push(`${label}: dates such as 03/04/2026 were read as month/day/year; no value showed the order.`);
  else if (seen)
    notes.push(
      `${label}: dates read as ${order === 'mdy' ? 'month/day/year' : 'day/month/year'}${declared ? ', as its header states' : ''}.`,
    );
  const unused = unusedColumns(header, columns);
  if (unused.length) notes.push(`${label}: columns not used: ${unused.join(', ')}.`);
  return { headerIndex, builder: new BatchBuilder(section, columns, header, order), section, notes };
}

export async function readFile(file: FileLike & { source: Blob | string }, options: ReadOptions = {}): Promise<FileOutcome> {
  const fileName = file.name;
  if (file.size === 0) return { ok: false, fileName, reason: `${fileName} is empty.` };
  const head =
    typeof file.source === 'string'
      ? new TextEncoder().encode(file.source.slice(0, 8192))
      : new Uint8Array(await file.source.slice(0, 8192).arrayBuffer());
  // A workspace exported as Parquet (a zip of .parquet files) comes back whole (docs/parquet.md).
  const parquet = await readParquetWorkspaceFile(file, head);
  if (parquet) return parquet;
  const kind = sniffKind(head);
  if (kind === 'binary') return { ok: false, fileName, reason: `${fileName} is not a CSV or Excel file (it holds binary data).` };
  if (kind === 'xlsx') {
    if (file.size > MAX_WORKBOOK_BYTES) {
      return {
        ok: false,
        fileName,
        reason: `${fileName} is a ${(file.size / 1024 ** 2).toFixed(0)} MB workbook; workbooks up to ${MAX_WORKBOOK_BYTES / 1024 ** 2} MB can be read. Export it as CSV instead: CSV files are read in a stream, whatever their size.`,
      };
    }
    return readWorkbook(file as FileLike & { source: Blob }, options);
  }
  if (file.size > MAX_CSV_BYTES) {
    return {
      ok: false,
      fileName,
      reason: `${fileName} is ${(file.size / 1024 ** 3).toFixed(1)} GB; files up to 2 GB can be imported. Split it by date range.`,
    };
  }
  return readCsv(file, options);
}

/** What a re-read of a CSV fixes: the encoding after invalid UTF-8, the date order after all values voted. */
interface CsvForced {
  encoding?: TextEncodingName;
  order?: SlashOrder;
}

async function readCsv(file: FileLike & { source: Blob | string }, options: ReadOptions, forced: CsvForced = {}): Promise<FileOutcome> {
  const fileName = file.name;
  let encoding: TextEncodingName = 'utf-8';
  let sniffText: string;
  if (typeof file.source === 'string') {
    sniffText = file.source.slice(0, SNIFF_BYTES);
  } else {
    const head = new Uint8Array(await file.source.slice(0, SNIFF_BYTES).arrayBuffer());
    encoding = forced.encoding ?? detectEncoding(head).encoding;
    if (encoding === 'utf-8' && !isValidUtf8Prefix(head)) encoding = 'windows-1252';
    sniffText = new TextDecoder(encoding).decode(head, { stream: true });
  }
  sniffText = stripBom(sniffText);
  if (sniffText.trim() === '')
    return {
      ok: false,
      fileName,
      reason: `${fileName} is empty: it holds no text${file.size > 0 ? ' (only a byte-order mark or blank lines)' : ''}.`,
    };
  const sniff = Papa.parse<string[]>(sniffText, {
    preview: 2_000,
    delimitersToGuess: [',', ';', '\t', '|'],
    skipEmptyLines: false,
  });
  const delimiter = sniff.meta.delimiter || ',';
  const newline: LineBreak = sniffText.includes('\r\n') ? '\r\n' : sniffText.includes('\n') ? '\n' : sniffText.includes('\r') ? '\r' : '\n';
  // The last sniffed row may be cut mid-way by the 1 MB window; leave it out.
  const sampleRows = sniff.data.length > 1 && sniffText.length >= SNIFF_BYTES ? sniff.data.slice(0, -1) : sniff.data;
  const prepared = prepare(sampleRows, fileName, options.presets, forced.order);
  if ('reason' in prepared) return { ok: false, fileName, reason: prepared.reason, mapping: prepared.mapping };
  const { builder, headerIndex } = prepared;
  if (encoding === 'windows-1252')
    prepared.notes.unshift(`${fileName}: not valid UTF-8, so it was read as Windows-1252; check that accented names read right.`);
  else if (encoding !== 'utf-8') prepared.notes.unshift(`${fileName}: read as ${ENCODING_LABELS[encoding]}.`);
  const headerWidth = (sampleRows[headerIndex] ?? []).length;

  const total = file.size;
  const progress = (position: number) =>
    options.onProgress?.({ fileName, bytesDone: Math.min(total, position), bytesTotal: total, rows: builder.rowCount });
  const records = {
    source: file.source,
    encoding,
    delimiter,
    newline,
    headerIndex,
    headerWidth,
    fileName,
    fileStart: true,
    isCancelled: options.isCancelled,
  };
  let outcome: RecordsOutcome;
  try {
    const split = await pieceSplit(file, encoding, newline, prepared.section, options);
    const pieces = split === null ? null : await readInPieces(builder, { ...records, endAt: total }, split, options.pieceReader!, progress);
    // A quote open where the halves meet, or a refusal in the second: read the whole file as one.
    if (pieces === 'again') return readCsv(file, { ...options, pieceReader: undefined }, forced);
    outcome = pieces ?? (await parseRecords(builder, { ...records, startAt: 0, endAt: total, onProgress: progress }));
  } catch (err) {
    if (err instanceof EncodingFallback && encoding === 'utf-8') return readCsv(file, options, { ...forced, encoding: 'windows-1252' });
    throw new Error(`${fileName} could not be read: ${err instanceof Error ? err.message : String(err)}`);
  }
  const { cancelled, refusal } = outcome;
  if (cancelled) return { ok: false, fileName, reason: `Import of ${fileName} was cancelled; nothing was changed.`, cancelled: true };
  if (refusal) return { ok: false, fileName, reason: refusal };
  const order = decidedOrder(builder, fileName, forced.order !== undefined);
  if (order.refuse) return { ok: false, fileName, reason: order.refuse };
  if (order.reread) return readCsv(file, options, { ...forced, encoding, order: order.reread });
  options.onProgress?.({ fileName, bytesDone: total, bytesTotal: total, rows: builder.rowCount });
  noteFutureRows(builder, fileName, prepared.notes);
  const result = builder.finish(sourceOf(file, null, prepared.section, prepared.notes));
  return { ok: true, fileName, sheets: [{ sheet: null, section: prepared.section, result }], notes: prepared.notes };
}

/**
 * The day/month order, checked against every value of the file (docs/import.md,
 * "Dates"): values that read only one way decide it; a file read in the other order
 * is read again; values that contradict each other stop the import, naming both rows.
 */
export function decidedOrder(builder: BatchBuilder, fileName: string, alreadyReread: boolean): { refuse?: string; reread?: SlashOrder } {
  const { mdy, dmy } = builder.slashEvidence;
  if (mdy.count > 0 && dmy.count > 0) {
    const [first, second] = mdy.row <= dmy.row ? [mdy, dmy] : [dmy, mdy];
    const read = (e: typeof mdy) => (e === mdy ? 'month/day/year' : 'day/month/year');
    return {
      refuse: `${fileName}: its dates disagree on the day/month order: row ${first.row} has ${first.value} (only ${read(first)}), row ${second.row} has ${second.value} (only ${read(second)}). Make the dates one order and import the file again; nothing was imported.`,
    };
  }
  const other: SlashOrder = builder.order === 'mdy' ? 'dmy' : 'mdy';
  if (builder.slashEvidence[other].count > 0 && !alreadyReread) return { reread: other };
  return {};
}

async function readWorkbook(file: FileLike & { source: Blob }, options: ReadOptions): Promise<FileOutcome> {
  const fileName = file.name;
  const XLSX = await import('xlsx');
  let wb: import('xlsx').WorkBook;
  try {
    wb = XLSX.read(new Uint8Array(await file.source.arrayBuffer()), {
      type: 'array',
      dense: true,
      cellDates: false,
      cellFormula: false,
      cellHTML: false,
    });
  } catch (err) {
    return {
      ok: false,
      fileName,
      reason: `${fileName} is not a readable Excel workbook (${err instanceof Error ? err.message : String(err)}).`,
    };
  }
  const sheets: SheetOutcome[] = [];
  const notes: string[] = [];
  const refused: { reason: string; mapping?: MappingRequest; filters: string | null }[] = [];
  for (const name of wb.SheetNames) {
    if (options.isCancelled?.())
      return { ok: false, fileName, reason: `Import of ${fileName} was cancelled; nothing was changed.`, cancelled: true };
    const ws = wb.Sheets[name];
    if (!ws) continue;
    fitRangeToCells(ws, XLSX.utils.encode_range);
    const rows = XLSX.utils.sheet_to_json<Cell[]>(ws, { header: 1, raw: true, defval: '', blankrows: false });
    if (rows.length === 0) continue;
    const label = `${fileName}, sheet "${name}"`;
    const prepared = prepare(rows.slice(0, 2_000), label, options.presets);
    if ('reason' in prepared) {
      // The Usage Report workbook states its team, range and filters on a sheet of their own (docs/formats.md).
      const filters =
        rows.length <= FILTER_BLOCK_MAX_ROWS
          ? filterBlockNote(XLSX.utils.sheet_to_json<Cell[]>(ws, { header: 1, raw: false, defval: '', blankrows: false }), name)
          : null;
      refused.push({ reason: prepared.reason, mapping: prepared.mapping, filters });
      continue;
    }
    for (let r = prepared.headerIndex + 1; r < rows.length; r++) prepared.builder.addRow(rows[r]!, r + 1);
    options.onProgress?.({ fileName, bytesDone: file.size, bytesTotal: file.size, rows: prepared.builder.rowCount });
    noteFutureRows(prepared.builder, label, prepared.notes);
    notes.push(...prepared.notes);
    sheets.push({
      sheet: name,
      section: prepared.section,
      result: prepared.builder.finish(sourceOf(file, name, prepared.section, prepared.notes)),
    });
  }
  if (sheets.length === 0) {
    // No sheet recognised: the first data sheet (else the first sheet) can be mapped by hand.
    const mapping = (refused.find((r) => !r.filters && r.mapping) ?? refused.find((r) => r.mapping))?.mapping;
    return {
      ok: false,
      fileName,
      reason: refused.length ? refused.map((r) => r.reason).join(' ') : `${fileName} has no sheet with data.`,
      mapping,
    };
  }
  // The filters say what the report's figures cover: first on the summary, and kept with each stored sheet.
  const filterNotes = refused.flatMap((r) => (r.filters ? [r.filters] : []));
  for (const s of sheets) s.result.batch.source.notes.push(...filterNotes);
  notes.unshift(...filterNotes);
  for (const r of refused) if (!r.filters) notes.push(`Skipped — ${r.reason}`);
  return { ok: true, fileName, sheets, notes };
}

/** A sheet with more non-empty rows than this is data, not a filter block. */
const FILTER_BLOCK_MAX_ROWS = 40;

/**
 * The summary note for a filter block — rows such as `Team | Structures` or
 * `Date range | 2024-03-01 - 2024-05-31`, perhaps under a title line — or null when
 * the sheet is anything else (it is then listed as skipped). Strict on purpose: a
 * table the app does not know must still be reported as skipped.
 */
export function filterBlockNote(rows: readonly (readonly Cell[])[], sheet: string): string | null {
  const pairs: string[] = [];
  let filled = 0,
    titles = 0;
  for (const row of rows) {
    const cells = row.map((c) => (c === null || c === undefined ? '' : String(c).trim())).filter((c) => c !== '');
    if (cells.length === 0) continue;
    if (++filled > FILTER_BLOCK_MAX_ROWS) return null;
    if (cells.length === 1) {
      if (++titles > 3) return null;
      continue;
    } // a title line
    const label = cells[0]!.replace(/\s*:$/, '');
    // A label then its value; a label is words, not data such as an email or a number.
    if (cells.length > 2 || !/^\p{L}/u.test(label) || label.includes('@')) return null;
    pairs.push(`${clip(label, 120)}: ${clip(cells[1]!, 120)}`);
  }
  // A row naming two known columns is a table's header, not a filter.
  if (pairs.length === 0 || findHeaderRow(rows.map((r) => r.map((c) => String(c ?? '')))) >= 0) return null;
  return `Report filters (sheet "${sheet}"): ${pairs.join('; ')}`;
}

/** Usage dated after today is kept, and the admin told how much and where it starts. */
function noteFutureRows(builder: BatchBuilder, label: string, notes: string[]): void {
  const f = builder.future;
  if (f.count > 0)
    notes.push(
      `${label}: ${f.count.toLocaleString('en')} row${f.count === 1 ? ' is' : 's are'} dated after today (first: row ${f.row}, ${f.value}). They are kept; "as of last data" still ends today.`,
    );
}

/** Rows whose values the mapping guesses read: enough to see a pattern, few enough to stay instant. */
const GUESS_ROWS = 50;

/** Columns the mapping form offers at most: a wider row is not an export's header. */
const MAX_MAPPED_COLUMNS = 200;

/**
 * A sheet is read by the cells it has, not the range it claims: a 2-cell sheet
 * claiming A1:XFD1048576 would otherwise be walked cell by cell (docs/import.md, "What goes in").
 */
function fitRangeToCells(
  ws: import('xlsx').WorkSheet,
  encodeRange: (r: { s: { r: number; c: number }; e: { r: number; c: number } }) => string,
): void {
  const data = (ws as { '!data'?: (unknown[] | undefined)[] })['!data'];
  if (!data) return;
  let lastRow = -1,
    lastCol = -1;
  for (let r = 0; r < data.length; r++) {
    const row = data[r];
    if (!row) continue;
    for (let c = row.length - 1; c >= 0; c--)
      if (row[c] !== undefined) {
        lastRow = r;
        if (c > lastCol) lastCol = c;
        break;
      }
  }
  if (lastRow < 0) {
    delete ws['!ref'];
    return;
  }
  ws['!ref'] = encodeRange({ s: { r: 0, c: 0 }, e: { r: lastRow, c: lastCol } });
}

function sourceOf(file: FileLike, sheet: string | null, section: Section, notes: string[]) {
  return {
    fileName: file.name,
    sheet,
    section,
    fileSize: file.size,
    lastModified: file.lastModified,
    importedAt: new Date().toISOString(),
    notes,
  };
}
