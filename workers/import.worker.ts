/// <reference lib="webworker" />
/** Import worker: a thin Comlink adapter over ImportService (parsing never touches the UI thread). */
import * as Comlink from 'comlink';
import { ImportService, saveColumnPreset, type FileReport, type ImportProgress } from '../src/api/import/import-service';
import type { ColumnPreset } from '../src/core/import/headers';
import { clearWorkspace, deleteImport, listImports, WorkspaceDb, type ImportListing } from '../src/storage/workspace-db';
import { sampleTokenPurchases, sampleWorkspaceFiles } from '../src/core/sample/generate-sample';
import { formatDay } from '../src/core/vocabulary/days';
import { backupWorkspace, restoreWorkspace, type RestoreSummary } from '../src/storage/workspace-backup';

const db = new WorkspaceDb();
const service = new ImportService(db);

const api = {
  importFiles(files: File[], onProgress: (p: ImportProgress) => void): Promise<FileReport[]> {
    return service.importFiles(
      files.map((f) => ({ name: f.name, size: f.size, lastModified: f.lastModified, source: f })),
      onProgress,
    );
  },
  cancel(): void { service.cancel(); },
  acceptPending(id: number): Promise<FileReport> { return service.acceptPending(id); },
  discardPending(id: number): FileReport { return service.discardPending(id); },
  errorsCsv(id: number): string { return service.errorsCsv(id); },
  /** The sample account, a year of usage ending on `endDay`, imported like any files. */
  async loadSample(endDay: number, onProgress: (p: ImportProgress) => void): Promise<FileReport[]> {
    const files = sampleWorkspaceFiles(endDay);
    const stamp = formatDay(endDay);
    const asFile = (name: string, text: string) => ({ name: `${name} (sample ${stamp}).csv`, size: text.length, lastModified: endDay, source: text });
    const reports = await service.importFiles([
      asFile('Subscriptions', files.subscriptions),
      asFile('Users', files.users),
      ...[...files.usage()].map((text) => asFile('Usage', text)),
    ], onProgress);
    // Token purchases are entered by hand, not exported: the sample brings some so the Flex view has a balance.
    if ((await db.tokenPurchases.count()) === 0) await db.tokenPurchases.bulkAdd(sampleTokenPurchases(endDay));
    return reports;
  },
  saveColumnPreset(preset: ColumnPreset): Promise<void> { return saveColumnPreset(db, preset); },
  listImports(): Promise<ImportListing[]> { return listImports(db); },
  deleteImport(id: number): Promise<void> { return deleteImport(db, id); },
  clearWorkspace(): Promise<void> { return clearWorkspace(db); },
  async backup(): Promise<Uint8Array> {
    const bytes = await backupWorkspace(db);
    return Comlink.transfer(bytes, [bytes.buffer]);
  },
  restore(bytes: Uint8Array): Promise<RestoreSummary> { return restoreWorkspace(db, bytes); },
};

export type ImportApi = typeof api;
Comlink.expose(api);
