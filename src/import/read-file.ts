/**
 * Reads one dropped file into batches: sniffs what it is, finds the header row,
 * recognises the export, and streams the rows through a BatchBuilder. Runs in the
 * import worker; takes a string too so Node tests drive the very same code.
 */
import Papa from 'papaparse';
import { BatchBuilder, type BuildResult, type Cell } from './batch-builder';
import { SECTION_LABELS, declaredOrders, detectSection, findHeaderRow, headerSignature, unusedColumns, type ColumnMap, type ColumnPreset, type Section } from './headers';
import { clip, isSlashDate, slashOrderEvidence, type SlashOrder } from './parse-values';

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
  | { ok: true; fileName: string; sheets: SheetOutcome[]; notes: string[] }
  | { ok: false; fileName: string; reason: string; cancelled?: boolean; mapping?: MappingRequest };

/** An unrecognised layout: what the column-mapping step shows (SPEC §2.1). */
export interface MappingRequest {
  signature: string;
  header: string[];
  preview: string[][];
  /** The best guess, filled in for the admin to confirm or correct. */
  guess?: { section: Section; columns: ColumnMap };
}

export interface ReadOptions {
  onProgress?: (p: ReadProgress) => void;
  isCancelled?: () => boolean;
  /** Saved column mappings for layouts that are not recognised by their header. */
  presets?: readonly ColumnPreset[];
}

export const MAX_CSV_BYTES = 2 * 1024 ** 3;
export const MAX_WORKBOOK_BYTES = 200 * 1024 ** 2;
const CHUNK_BYTES = 4 * 1024 * 1024;
const SNIFF_BYTES = 1024 * 1024;

type Kind = 'csv' | 'xlsx' | 'binary';

/** What the first bytes say: a zip (xlsx), an OLE container (xls), or text. */
export function sniffKind(head: Uint8Array): Kind {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'xlsx';
  if (head.length >= 4 && head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return 'xlsx';
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
export function decideSlashOrder(rows: readonly (readonly Cell[])[], dateColumns: number[]): { order: SlashOrder; decided: boolean; seen: boolean } {
  let mdy = 0, dmy = 0, seen = false;
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

function prepare(sample: readonly (readonly Cell[])[], label: string, presets: readonly ColumnPreset[] = []): Prepared | { reason: string; mapping?: MappingRequest } {
  const textRows = sample.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c))));
  // A saved mapping for this exact header wins: the admin chose it for this layout.
  for (let i = 0; i < Math.min(textRows.length, 10); i++) {
    const preset = presets.find((p) => p.signature === headerSignature(textRows[i]!));
    if (preset) return startSection(sample, textRows, i, preset.section, preset.columns, label, [`${label}: read with the column mapping saved on ${preset.savedAt.slice(0, 10)}.`]);
  }
  const headerIndex = findHeaderRow(textRows);
  const firstIndex = Math.max(0, textRows.findIndex((r) => r.some((c) => c.trim() !== '')));
  const mappingFor = (index: number, guess?: MappingRequest['guess']): MappingRequest => ({
    signature: headerSignature(textRows[index]!),
    header: textRows[index]!,
    preview: textRows.slice(index + 1).filter((r) => r.some((c) => c.trim() !== '')).slice(0, 5).map((r) => r.map((c) => c.slice(0, 60))),
    guess,
  });
  if (headerIndex < 0) {
    const d = detectSection(textRows[firstIndex] ?? []);
    return { reason: `${label}: ${d.ok ? 'no header row found in the first rows.' : d.reason}`, mapping: textRows.length ? mappingFor(firstIndex, d.ok ? undefined : d.guess) : undefined };
  }
  const header = textRows[headerIndex]!;
  const detection = detectSection(header);
  if (!detection.ok) return { reason: `${label}: ${detection.reason}`, mapping: mappingFor(headerIndex, detection.guess) };
  return startSection(sample, textRows, headerIndex, detection.section, detection.columns, label, []);
}

/** A section and its columns are known: decide the slash-date order and set up the builder. */
function startSection(sample: readonly (readonly Cell[])[], textRows: string[][], headerIndex: number, section: Section, columns: ColumnMap, label: string, notes: string[]): Prepared {
  const header = textRows[headerIndex]!;
  notes.push(`${label}: read as ${SECTION_LABELS[section]}.`);
  const dateColumns = DATE_FIELDS.map((f) => columns[f]).filter((i): i is number => i !== undefined);
  // A header that states its format (`Day used (MM/DD/YYYY)`) decides the order; else the values do.
  const declared = Object.values(declaredOrders(header)).find((o) => o !== 'ymd');
  const { order, decided, seen } = declared
    ? { order: declared, decided: true, seen: true }
    : decideSlashOrder(sample.slice(headerIndex + 1), dateColumns);
  if (seen && !decided) notes.push(`${label}: dates such as 03/04/2026 were read as month/day/year; no value showed the order.`);
  else if (seen) notes.push(`${label}: dates read as ${order === 'mdy' ? 'month/day/year' : 'day/month/year'}${declared ? ', as its header states' : ''}.`);
  const unused = unusedColumns(header, columns);
  if (unused.length) notes.push(`${label}: columns not used: ${unused.join(', ')}.`);
  return { headerIndex, builder: new BatchBuilder(section, columns, header, order), section, notes };
}

export async function readFile(file: FileLike & { source: Blob | string }, options: ReadOptions = {}): Promise<FileOutcome> {
  const fileName = file.name;
  if (file.size === 0) return { ok: false, fileName, reason: `${fileName} is empty.` };
  const head = typeof file.source === 'string'
    ? new TextEncoder().encode(file.source.slice(0, 8192))
    : new Uint8Array(await file.source.slice(0, 8192).arrayBuffer());
  const kind = sniffKind(head);
  if (kind === 'binary') return { ok: false, fileName, reason: `${fileName} is not a CSV or Excel file (it holds binary data).` };
  if (kind === 'xlsx') {
    if (file.size > MAX_WORKBOOK_BYTES) {
      return { ok: false, fileName, reason: `${fileName} is a ${(file.size / 1024 ** 2).toFixed(0)} MB workbook; workbooks up to ${MAX_WORKBOOK_BYTES / 1024 ** 2} MB can be read. Export it as CSV instead: CSV files are read in a stream, whatever their size.` };
    }
    return readWorkbook(file as FileLike & { source: Blob }, options);
  }
  if (file.size > MAX_CSV_BYTES) {
    return { ok: false, fileName, reason: `${fileName} is ${(file.size / 1024 ** 3).toFixed(1)} GB; files up to 2 GB can be imported. Split it by date range.` };
  }
  return readCsv(file, options);
}

async function readCsv(file: FileLike & { source: Blob | string }, options: ReadOptions): Promise<FileOutcome> {
  const fileName = file.name;
  const sniffText = typeof file.source === 'string'
    ? file.source.slice(0, SNIFF_BYTES)
    : await file.source.slice(0, SNIFF_BYTES).text();
  const sniff = Papa.parse<string[]>(stripBom(sniffText), {
    preview: 2_000,
    delimitersToGuess: [',', ';', '\t', '|'],
    skipEmptyLines: false,
  });
  const delimiter = sniff.meta.delimiter || ',';
  // The last sniffed row may be cut mid-way by the 1 MB window; leave it out.
  const sampleRows = sniff.data.length > 1 && sniffText.length >= SNIFF_BYTES ? sniff.data.slice(0, -1) : sniff.data;
  const prepared = prepare(sampleRows, fileName, options.presets);
  if ('reason' in prepared) return { ok: false, fileName, reason: prepared.reason, mapping: prepared.mapping };
  const { builder, headerIndex } = prepared;

  let record = 0;
  let cancelled = false;
  let lastReport = 0;
  const total = file.size;
  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(file.source as string, {
      delimiter,
      chunkSize: CHUNK_BYTES,
      skipEmptyLines: false,
      chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser) {
        const rows = results.data;
        for (let i = 0; i < rows.length; i++) {
          const r = record++;
          if (r <= headerIndex) continue;
          let row = rows[i]!;
          if (r === 0 && row.length > 0) row = [stripBom(String(row[0])), ...row.slice(1)];
          builder.addRow(row, r + 1);
        }
        const now = Date.now();
        if (options.onProgress && now - lastReport > 100) {
          lastReport = now;
          options.onProgress({ fileName, bytesDone: Math.min(total, results.meta.cursor), bytesTotal: total, rows: builder.rowCount });
        }
        if (options.isCancelled?.()) { cancelled = true; parser.abort(); }
      },
      complete: () => resolve(),
      error: (err: Error) => reject(err),
    });
  }).catch((err: unknown) => { throw new Error(`${fileName} could not be read: ${err instanceof Error ? err.message : String(err)}`); });
  if (cancelled) return { ok: false, fileName, reason: `Import of ${fileName} was cancelled; nothing was changed.`, cancelled: true };
  options.onProgress?.({ fileName, bytesDone: total, bytesTotal: total, rows: builder.rowCount });
  const result = builder.finish(sourceOf(file, null, prepared.section, prepared.notes));
  return { ok: true, fileName, sheets: [{ sheet: null, section: prepared.section, result }], notes: prepared.notes };
}

async function readWorkbook(file: FileLike & { source: Blob }, options: ReadOptions): Promise<FileOutcome> {
  const fileName = file.name;
  const XLSX = await import('xlsx');
  let wb: import('xlsx').WorkBook;
  try {
    wb = XLSX.read(new Uint8Array(await file.source.arrayBuffer()), { type: 'array', dense: true, cellDates: false, cellFormula: false, cellHTML: false });
  } catch (err) {
    return { ok: false, fileName, reason: `${fileName} is not a readable Excel workbook (${err instanceof Error ? err.message : String(err)}).` };
  }
  const sheets: SheetOutcome[] = [];
  const notes: string[] = [];
  const refused: { reason: string; mapping?: MappingRequest; filters: string | null }[] = [];
  for (const name of wb.SheetNames) {
    if (options.isCancelled?.()) return { ok: false, fileName, reason: `Import of ${fileName} was cancelled; nothing was changed.`, cancelled: true };
    const ws = wb.Sheets[name];
    if (!ws) continue;
    const rows = XLSX.utils.sheet_to_json<Cell[]>(ws, { header: 1, raw: true, defval: '', blankrows: false });
    if (rows.length === 0) continue;
    const label = `${fileName}, sheet "${name}"`;
    const prepared = prepare(rows.slice(0, 2_000), label, options.presets);
    if ('reason' in prepared) {
      // The Usage Report workbook states its team, range and filters on a sheet of their own (SPEC §2.1).
      const filters = rows.length <= FILTER_BLOCK_MAX_ROWS
        ? filterBlockNote(XLSX.utils.sheet_to_json<Cell[]>(ws, { header: 1, raw: false, defval: '', blankrows: false }), name)
        : null;
      refused.push({ reason: prepared.reason, mapping: prepared.mapping, filters });
      continue;
    }
    for (let r = prepared.headerIndex + 1; r < rows.length; r++) prepared.builder.addRow(rows[r]!, r + 1);
    options.onProgress?.({ fileName, bytesDone: file.size, bytesTotal: file.size, rows: prepared.builder.rowCount });
    notes.push(...prepared.notes);
    sheets.push({ sheet: name, section: prepared.section, result: prepared.builder.finish(sourceOf(file, name, prepared.section, prepared.notes)) });
  }
  if (sheets.length === 0) {
    // No sheet recognised: the first data sheet (else the first sheet) can be mapped by hand.
    const mapping = (refused.find((r) => !r.filters && r.mapping) ?? refused.find((r) => r.mapping))?.mapping;
    return { ok: false, fileName, reason: refused.length ? refused.map((r) => r.reason).join(' ') : `${fileName} has no sheet with data.`, mapping };
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
  let filled = 0, titles = 0;
  for (const row of rows) {
    const cells = row.map((c) => (c === null || c === undefined ? '' : String(c).trim())).filter((c) => c !== '');
    if (cells.length === 0) continue;
    if (++filled > FILTER_BLOCK_MAX_ROWS) return null;
    if (cells.length === 1) { if (++titles > 3) return null; continue; } // a title line
    const label = cells[0]!.replace(/\s*:$/, '');
    // A label then its value; a label is words, not data such as an email or a number.
    if (cells.length > 2 || !/^\p{L}/u.test(label) || label.includes('@')) return null;
    pairs.push(`${clip(label, 120)}: ${clip(cells[1]!, 120)}`);
  }
  // A row naming two known columns is a table's header, not a filter.
  if (pairs.length === 0 || findHeaderRow(rows.map((r) => r.map((c) => String(c ?? '')))) >= 0) return null;
  return `Report filters (sheet "${sheet}"): ${pairs.join('; ')}`;
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

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
