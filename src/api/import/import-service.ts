/**
 * Import, file by file: read, then either store at once or, when some rows
 * could not be read, hold the file until the admin decides (docs/reliability.md). Nothing
 * is stored before that decision; each file is stored atomically.
 */
import type { RowError } from '../../core/workspace/batch';
import { commitBatches, fileFingerprint, type PendingBatch, type WorkspaceDb } from '../../storage/workspace-db';
import { missingRequirements, type ColumnPreset } from '../../core/import/headers';
import { SECTION_LABELS, type Section } from '../../core/vocabulary/sections';
import { readFile, type FileLike, type FileOutcome, type MappingRequest, type ReadProgress } from '../../core/import/read-file';
import type { ParquetPurchase } from '../../core/import/read-parquet';
import type { CsvPieceReader } from '../../core/import/csv-pieces';
import { csvLine } from '../../core/export/spreadsheet-cells';
import { estimateBytes, storageFailureMessage } from '../../storage/storage-errors';
import { packBatch, type PackedBatch } from '../../core/workspace/packed-users';

export interface SectionReport {
  sheet: string | null;
  section: Section;
  sectionLabel: string;
  rows: number;
  events: number;
  skipped: number;
}

export type FileStatus = 'imported' | 'needs-decision' | 'needs-mapping' | 'refused' | 'cancelled';

export interface FileReport {
  fileName: string;
  status: FileStatus;
  message: string;
  sections: SectionReport[];
  notes: string[];
  /** Set while the file waits for the admin's decision on its unreadable rows. */
  pendingId: number | null;
  /** The first unreadable rows, for display; all of them via `errorsCsv`. */
  errors: (RowError & { sheet: string | null })[];
  errorCount: number;
  /** Set when the layout was not recognised: the column-mapping step can import it. */
  mapping?: MappingRequest;
}

const PRESETS_KEY = 'columnPresets';

export async function loadColumnPresets(db: WorkspaceDb): Promise<ColumnPreset[]> {
  return ((await db.settings.get(PRESETS_KEY))?.value as ColumnPreset[] | undefined) ?? [];
}

/** Saves a mapping for a header layout (replacing an older one for the same layout). */
export async function saveColumnPreset(db: WorkspaceDb, preset: ColumnPreset): Promise<void> {
  const missing = missingRequirements(preset.section, preset.columns);
  if (missing.length) throw new Error(`The mapping needs a column for ${missing.join(', ')}.`);
  await db.transaction('rw', db.settings, async () => {
    const list = (await loadColumnPresets(db)).filter((p) => p.signature !== preset.signature);
    await db.settings.put({ key: PRESETS_KEY, value: [...list, preset] });
  });
}

export interface ImportProgress extends ReadProgress {
  fileIndex: number;
  fileCount: number;
}

export type ImportInput = FileLike & { source: Blob | string };

const SHOWN_ERRORS = 100;

interface Pending {
  fileName: string;
  batches: PendingBatch[];
  purchases: ParquetPurchase[];
  sections: SectionReport[];
  notes: string[];
  errors: (RowError & { sheet: string | null })[];
  errorCount: number;
}

/** Hands a file's sections to the engine as they are stored, so it can add them meanwhile (docs/workspace.md, "Adding an import"). */
export type ParsedSender = (parsed: { batches: PackedBatch[] }) => void;

export class ImportService {
  private cancelled = false;
  /** Set by `sendParsedTo`; the sections of a single file dropped alone are sent, as the engine may add them. */
  sendParsed: ParsedSender | null = null;
  private sendThisImport = false;
  private nextPendingId = 1;
  private readonly pending = new Map<number, Pending>();
  private presets: ColumnPreset[] = [];

  /** `pieceReader`: reads the second half of a big usage CSV in another worker (docs/import.md, "Big files"). */
  constructor(
    private readonly db: WorkspaceDb,
    private readonly pieceReader?: CsvPieceReader,
  ) {}

  cancel(): void {
    this.cancelled = true;
  }

  async importFiles(files: readonly ImportInput[], onProgress?: (p: ImportProgress) => void): Promise<FileReport[]> {
    this.cancelled = false;
    // Files dropped together are merged in one go after; one file alone is the month's export added.
    this.sendThisImport = files.length === 1;
    this.presets = await loadColumnPresets(this.db);
    const reports: FileReport[] = [];
    for (let i = 0; i < files.length; i++) {
      const file = files[i]!;
      if (this.cancelled) {
        reports.push(refused(file.name, 'cancelled', `${file.name} was not imported: the import was cancelled.`));
        continue;
      }
      reports.push(await this.importOne(file, (p) => onProgress?.({ ...p, fileIndex: i, fileCount: files.length })));
    }
    return reports;
  }

  private async importOne(file: ImportInput, onProgress: (p: ReadProgress) => void): Promise<FileReport> {
    let outcome: FileOutcome;
    try {
      outcome = await readFile(file, {
        onProgress,
        isCancelled: () => this.cancelled,
        presets: this.presets,
        pieceReader: this.pieceReader,
      });
    } catch (err) {
      return refused(file.name, 'refused', err instanceof Error ? err.message : String(err));
    }
    if (!outcome.ok) {
      if (outcome.mapping) {
        return {
          ...refused(
            file.name,
            'needs-mapping',
            `${outcome.reason} Map its columns below to import it; the mapping is kept for files laid out the same way.`,
          ),
          mapping: outcome.mapping,
        };
      }
      return refused(file.name, outcome.cancelled ? 'cancelled' : 'refused', outcome.reason);
    }

    const pending: Pending = {
      fileName: file.name,
      batches: [],
      purchases: outcome.purchases ?? [],
      sections: [],
      notes: outcome.notes,
      errors: [],
      errorCount: 0,
    };
    for (const s of outcome.sheets) {
      const { batch, chunks, errors, errorCount } = s.result;
      pending.batches.push({ fingerprint: fileFingerprint(file, s.sheet), batch, chunks });
      pending.sections.push({
        sheet: s.sheet,
        section: s.section,
        sectionLabel: SECTION_LABELS[s.section],
        rows: batch.source.rowsRead - errorCount,
        events: batch.eventCount,
        skipped: errorCount,
      });
      for (const e of errors) pending.errors.push({ ...e, sheet: s.sheet });
      pending.errorCount += errorCount;
    }
    if (pending.errorCount > 0) {
      const id = this.nextPendingId++;
      this.pending.set(id, pending);
      const good = pending.sections.reduce((n, s) => n + s.rows, 0);
      return {
        fileName: file.name,
        status: 'needs-decision',
        pendingId: id,
        message: `${pending.errorCount.toLocaleString('en')} row${pending.errorCount === 1 ? '' : 's'} of ${file.name} could not be read. Import the other ${good.toLocaleString('en')} row${good === 1 ? '' : 's'}, or skip the file?`,
        sections: pending.sections,
        notes: pending.notes,
        errors: pending.errors.slice(0, SHOWN_ERRORS),
        errorCount: pending.errorCount,
      };
    }
    return this.store(pending);
  }

  private async store(p: Pending): Promise<FileReport> {
    // Usage only can be added to the loaded workspace; anything else makes the engine merge every import.
    if (
      this.sendParsed &&
      this.sendThisImport &&
      p.batches.every(({ batch: b }) => !b.assignments.length && !b.subscriptions.length && !b.groups.length && !b.snapshot.length)
    )
      this.sendParsed({ batches: p.batches.map(packBatch) });
    try {
      await commitBatches(this.db, p.batches, p.purchases);
    } catch (err) {
      // One transaction per file: it rolled back; say why, naming the file and the space (docs/reliability.md).
      return refused(p.fileName, 'refused', await storageFailureMessage(`${p.fileName} was not imported`, err, estimateBytes(p.batches)));
    }
    const rows = p.sections.reduce((n, s) => n + s.rows, 0);
    const kinds = [...new Set(p.sections.map((s) => s.sectionLabel))].join(', ');
    return {
      fileName: p.fileName,
      status: 'imported',
      pendingId: null,
      message: `${p.fileName}: ${rows.toLocaleString('en')} rows imported (${kinds})${p.errorCount ? `; ${p.errorCount.toLocaleString('en')} unreadable rows skipped` : ''}.`,
      sections: p.sections,
      notes: p.notes,
      errors: [],
      errorCount: p.errorCount,
    };
  }

  /** The admin accepts skipping the unreadable rows: store the rest. */
  async acceptPending(id: number): Promise<FileReport> {
    const p = this.pending.get(id);
    if (!p) throw new Error('That import is no longer waiting; drop the file again.');
    this.pending.delete(id);
    return this.store(p);
  }

  discardPending(id: number): FileReport {
    const p = this.pending.get(id);
    this.pending.delete(id);
    return refused(p?.fileName ?? 'The file', 'refused', `${p?.fileName ?? 'The file'} was skipped; nothing from it was imported.`);
  }

  /** Every unreadable row of a waiting file, as CSV the admin can download. */
  errorsCsv(id: number): string {
    const p = this.pending.get(id);
    if (!p) return '';
    const lines = [csvLine(['file', 'sheet', 'row', 'column', 'value', 'reason'])];
    for (const e of p.errors) lines.push(csvLine([p.fileName, e.sheet ?? '', e.row, e.column, e.value, e.reason]));
    if (p.errorCount > p.errors.length)
      lines.push(csvLine([p.fileName, '', '', '', '', `…and ${p.errorCount - p.errors.length} more rows`]));
    return `\ufeff${lines.join('\r\n')}\r\n`;
  }
}

function refused(fileName: string, status: FileStatus, message: string): FileReport {
  return { fileName, status, message, sections: [], notes: [], pendingId: null, errors: [], errorCount: 0 };
}
