import { readFile, type FileOutcome } from '../../src/import/read-file';
import { buildWorkspace, type LoadedBatch, type Workspace } from '../../src/engine/workspace';

/** Reads CSV texts through the real import path, in order, as an admin would drop them. */
export async function readCsv(name: string, text: string): Promise<FileOutcome> {
  return readFile({ name, size: text.length, lastModified: 0, source: text });
}

export async function batchesFromCsv(files: [name: string, text: string][]): Promise<LoadedBatch[]> {
  const loaded: LoadedBatch[] = [];
  for (const [name, text] of files) {
    const outcome = await readCsv(name, text);
    if (!outcome.ok) throw new Error(outcome.reason);
    for (const s of outcome.sheets) {
      if (s.result.errorCount > 0) throw new Error(`${name}: ${JSON.stringify(s.result.errors.slice(0, 3))}`);
      loaded.push({ batch: s.result.batch, chunks: s.result.chunks });
    }
  }
  return loaded;
}

export async function workspaceFromCsv(...files: [name: string, text: string][]): Promise<Workspace> {
  return buildWorkspace(await batchesFromCsv(files));
}

export function csv(...lines: string[]): string {
  return lines.join('\n') + '\n';
}
