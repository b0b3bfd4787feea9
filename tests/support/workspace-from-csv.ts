import { readFile, type FileOutcome } from '../../src/core/import/read-file';
import { buildWorkspace, type LoadedBatch, type Workspace } from '../../src/core/workspace/workspace';
import { computeReport, reportRow } from '../../src/core/report/report';
import { parseIsoDay } from '../../src/core/vocabulary/days';
import type { ReportQuery } from '../../src/core/vocabulary/report-query';
import type { ReportRow } from '../../src/core/vocabulary/report-columns';

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
  return `${lines.join('\n')}\n`;
}

/** A report query for an inclusive range of ISO days, All Teams and no filters unless `over` says. */
export function reportQuery(from: string, to: string, over: Partial<ReportQuery> = {}): ReportQuery {
  return {
    from: parseIsoDay(from)!,
    to: parseIsoDay(to)!,
    team: null,
    access: null,
    activity: null,
    assignment: null,
    product: null,
    group: null,
    q: '',
    sort: null,
    ...over,
  };
}

/** The report's rows as shown and exported. */
export function reportRows(ws: Workspace, q: ReportQuery): ReportRow[] {
  const r = computeReport(ws, q);
  return [...r.rows].map((k) => reportRow(ws, r, k));
}
