/**
 * The import as the UI follows it: progress (rows, MB, rate), Cancel, each
 * file's outcome, and the decisions waiting on the admin. One instance, shared
 * by the import page and the empty state.
 */
import * as Comlink from 'comlink';
import { createSignal } from 'solid-js';
import { client } from '../common/client';
import { downloadBytes } from '../common/download';
import { todayUtc } from '../../core/vocabulary/days';
import type { ColumnMap, Section } from '../../core/vocabulary/sections';
import type { FileReport, ImportProgress } from '../../api/import';

export interface ProgressView {
  fileName: string;
  fileIndex: number;
  fileCount: number;
  fraction: number;
  rows: number;
  megabytes: number;
  rowsPerSecond: number;
}

const [running, setRunning] = createSignal(false);
const [progress, setProgress] = createSignal<ProgressView | null>(null);
const [reports, setReports] = createSignal<FileReport[]>([]);
const [announcement, setAnnouncement] = createSignal('');

export { running as importRunning, progress as importProgress, reports as importReports, announcement as importAnnouncement };

/**
 * The status line after an import. A file that waits for the admin (its unreadable rows,
 * its columns) is announced as waiting, never as a finished import of nothing.
 */
function summarise(list: FileReport[]): string {
  const imported = list.filter((r) => r.status === 'imported').length;
  const refused = list.filter((r) => r.status === 'refused').length;
  const cancelled = list.filter((r) => r.status === 'cancelled').length;
  const done = [`${imported} file${imported === 1 ? '' : 's'} imported`];
  if (refused) done.push(`${refused} refused`);
  if (cancelled) done.push(`${cancelled} cancelled`);
  const deciding = list.filter((r) => r.status === 'needs-decision');
  const mapping = list.filter((r) => r.status === 'needs-mapping');
  const names = (l: FileReport[]) => l.map((r) => r.fileName).join(', ');
  if (deciding.length > 0) {
    const also = mapping.length ? ` ${names(mapping)} also waits for its columns to be mapped.` : '';
    return `Waiting for your decision: ${names(deciding)} has rows that could not be read.${also}`;
  }
  if (mapping.length > 0) {
    const sofar = imported || refused || cancelled ? ` So far: ${done.join(', ')}.` : '';
    return `Waiting for you: map the columns of ${names(mapping)} below to import ${mapping.length === 1 ? 'it' : 'them'}.${sofar}`;
  }
  return `Import complete: ${done.join(', ')}.`;
}

/** Files of the last drop, by name, so a file can be imported again once its columns are mapped. */
const lastFiles = new Map<string, File>();

async function run(work: (onProgress: (p: ImportProgress) => void) => Promise<FileReport[]>, replacing?: FileReport): Promise<void> {
  if (running()) return;
  setRunning(true);
  const earlier = replacing ? reports() : [];
  setReports(earlier);
  setAnnouncement('Importing…');
  const started = performance.now();
  // Progress arrives on its own channel and may trail the result; ignore it once done.
  let live = true;
  const onProgress = Comlink.proxy((p: ImportProgress) => {
    if (!live) return;
    const seconds = Math.max(0.001, (performance.now() - started) / 1000);
    setProgress({
      fileName: p.fileName,
      fileIndex: p.fileIndex,
      fileCount: p.fileCount,
      fraction: p.bytesTotal > 0 ? Math.min(1, p.bytesDone / p.bytesTotal) : 0,
      rows: p.rows,
      megabytes: p.bytesDone / 1024 / 1024,
      rowsPerSecond: p.rows / seconds,
    });
  });
  const imported = (list: FileReport[]) => list.some((r) => r.status === 'imported');
  try {
    const fresh = await client.write(
      'imports',
      async () => {
        const answer = await work(onProgress);
        setReports(replacing ? earlier.flatMap((r) => (r === replacing ? answer : [r])) : answer);
        if (imported(answer)) setAnnouncement('Updating the report…');
        return answer;
      },
      imported,
    );
    if (imported(fresh)) void navigator.storage?.persist?.();
    setAnnouncement(summarise(reports()));
  } catch (err) {
    setAnnouncement(`Import failed: ${err instanceof Error ? err.message : String(err)}. Nothing was changed.`);
  } finally {
    live = false;
    setRunning(false);
    setProgress(null);
  }
}

export function importFiles(files: File[]): Promise<void> {
  lastFiles.clear();
  for (const f of files) lastFiles.set(f.name, f);
  return run((onProgress) => client.importer.importFiles(files, onProgress));
}

/** Saves the admin's column mapping for a file's layout, then imports the file with it. */
export async function mapColumnsAndImport(report: FileReport, section: Section, columns: ColumnMap): Promise<void> {
  const file = lastFiles.get(report.fileName);
  if (!report.mapping || !file) throw new Error(`${report.fileName} is no longer at hand: drop it again.`);
  const preset = { signature: report.mapping.signature, section, columns, savedAt: new Date().toISOString() };
  await client.write('presets', () => client.importer.saveColumnPreset(preset));
  await run((onProgress) => client.importer.importFiles([file], onProgress), report);
}

export function loadSampleWorkspace(): Promise<void> {
  return run((onProgress) => client.importer.loadSample(todayUtc(), onProgress));
}

export function cancelImport(): void {
  setAnnouncement('Cancelling…');
  void client.importer.cancel();
}

async function decide(report: FileReport, accept: boolean): Promise<void> {
  if (report.pendingId === null) return;
  const id = report.pendingId;
  // Skipping drops what the worker holds; only accepting writes.
  const next = accept
    ? await client.write(
        'imports',
        () => client.importer.acceptPending(id),
        (r) => r.status === 'imported',
      )
    : await client.importer.discardPending(id);
  const list = reports().map((r) => (r === report ? next : r));
  setReports(list);
  setAnnouncement(summarise(list));
}

export const acceptUnreadableRows = (r: FileReport) => decide(r, true);
export const skipFile = (r: FileReport) => decide(r, false);

export async function downloadUnreadableRows(r: FileReport): Promise<void> {
  if (r.pendingId === null) return;
  const csv = await client.importer.errorsCsv(r.pendingId);
  downloadBytes(csv, `unreadable-rows-${r.fileName.replace(/[^A-Za-z0-9._-]+/g, '_')}.csv`, 'text/csv;charset=utf-8');
}
