/**
 * The import API: files in, parsed, recognised and stored (src/api/import/import-service.ts),
 * plus the workspace-wide writes (sample, delete, backup, restore) and the ways
 * out when the workspace will not open (salvage, delete the database). The
 * worker exposes it over Comlink; tests call it directly in Node. It opens the
 * store without merging anything, so it answers even when the engine cannot
 * open the workspace (docs/reliability.md, "A workspace that will not open").
 */
import { ImportService, saveColumnPreset, type FileReport, type ImportProgress } from './import-service';
import type { ColumnPreset } from '../../core/import/headers';
import type { CsvPieceReader } from '../../core/import/csv-pieces';
import { sampleTokenPurchases, sampleWorkspaceFiles } from '../../core/sample/generate-sample';
import { formatDay } from '../../core/vocabulary/days';
import { clearWorkspace, deleteImport, listImports, type ImportListing, type WorkspaceDb } from '../../storage/workspace-db';
import {
  backupWorkspace,
  restoreWorkspace,
  salvageWorkspace,
  type RestoreSummary,
  type SalvageResult,
} from '../../storage/workspace-backup';
import { guardWrite } from '../../storage/storage-errors';

export type { FileReport, ImportProgress } from './import-service';
export type { ImportListing } from '../../storage/workspace-db';
export type { RestoreSummary, SalvageResult } from '../../storage/workspace-backup';

/** Hands bytes to the page without copying them (Comlink's transfer in the worker; as is in tests). */
export type TransferBytes = (bytes: Uint8Array) => Uint8Array;

export function createImportApi(db: WorkspaceDb, transfer: TransferBytes = (b) => b, pieceReader?: CsvPieceReader) {
  const service = new ImportService(db, pieceReader);
  return {
    importFiles(files: File[], onProgress: (p: ImportProgress) => void): Promise<FileReport[]> {
      return service.importFiles(
        files.map((f) => ({ name: f.name, size: f.size, lastModified: f.lastModified, source: f })),
        onProgress,
      );
    },
    cancel(): void {
      service.cancel();
    },
    /** The port to the engine's `takeParsedFrom`: a file dropped alone is sent on it while it is stored. */
    sendParsedTo(port: MessagePort): void {
      service.sendParsed = (parsed) => port.postMessage(parsed);
    },
    acceptPending(id: number): Promise<FileReport> {
      return service.acceptPending(id);
    },
    discardPending(id: number): FileReport {
      return service.discardPending(id);
    },
    errorsCsv(id: number): string {
      return service.errorsCsv(id);
    },
    /** The sample account, a year of usage ending on `endDay`, imported like any files. */
    async loadSample(endDay: number, onProgress: (p: ImportProgress) => void): Promise<FileReport[]> {
      const files = sampleWorkspaceFiles(endDay);
      const stamp = formatDay(endDay);
      const asFile = (name: string, text: string) => ({
        name: `${name} (sample ${stamp}).csv`,
        size: text.length,
        lastModified: endDay,
        source: text,
      });
      const reports = await service.importFiles(
        [
          asFile('Subscriptions', files.subscriptions),
          asFile('Users', files.users),
          ...[...files.usage()].map((text) => asFile('Usage', text)),
        ],
        onProgress,
      );
      // Token purchases are entered by hand, not exported: the sample brings some so the Flex view has a balance.
      if ((await db.tokenPurchases.count()) === 0) {
        await guardWrite('The sample token purchases were not saved', () => db.tokenPurchases.bulkAdd(sampleTokenPurchases(endDay)));
      }
      return reports;
    },
    saveColumnPreset(preset: ColumnPreset): Promise<void> {
      return saveColumnPreset(db, preset);
    },
    listImports(): Promise<ImportListing[]> {
      return listImports(db);
    },
    deleteImport(id: number): Promise<void> {
      return deleteImport(db, id);
    },
    clearWorkspace(): Promise<void> {
      return clearWorkspace(db);
    },
    async backup(): Promise<Uint8Array> {
      return transfer(await backupWorkspace(db));
    },
    restore(bytes: Uint8Array): Promise<RestoreSummary> {
      return restoreWorkspace(db, bytes);
    },
    /** A backup of every record that can still be read; the damaged ones are left out and named. */
    salvage(): Promise<SalvageResult> {
      return salvageWorkspace(db);
    },
    /**
     * Removes the database whole, for when even emptying it fails; it is created
     * afresh on next use. Other connections close on the version change.
     */
    async deleteDatabase(): Promise<void> {
      await db.delete({ disableAutoOpen: false });
    },
  };
}

export type ImportApi = ReturnType<typeof createImportApi>;
