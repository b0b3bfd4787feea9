/// <reference lib="webworker" />
/** Engine worker: loads the workspace from IndexedDB once, then answers queries from memory. */
import * as Comlink from 'comlink';
import { EngineSession, type QueryOutcome, type WorkspaceSummary } from '../src/engine/engine-session';
import type { ReportRow } from '../src/engine/report-columns';
import type { ReportViewState } from '../src/report/view-state';
import { loadBatches, WorkspaceDb } from '../src/storage/workspace-db';
import type { ExportFormat } from '../src/export/report-export';

const db = new WorkspaceDb();
const session = new EngineSession();

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
}

const api = {
  async reload(): Promise<WorkspaceSummary> {
    return session.load(await loadBatches(db));
  },
  summary(): WorkspaceSummary { return session.summary(); },
  query(view: ReportViewState, today: number): QueryOutcome { return session.query(view, today); },
  rows(offset: number, limit: number): ReportRow[] { return session.rows(offset, limit); },
  async exportReport(format: ExportFormat): Promise<ExportedFile> {
    const { reportCsv, reportXlsx, exportFileName } = await import('../src/export/report-export');
    const rows = session.rows(0, session.rowCount());
    const bytes = format === 'csv'
      ? new TextEncoder().encode(reportCsv(rows))
      : reportXlsx(rows, session.exportContext());
    const file: ExportedFile = {
      fileName: exportFileName('seatwise-usage-report', format),
      mimeType: format === 'csv' ? 'text/csv;charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      bytes,
    };
    return Comlink.transfer(file, [bytes.buffer]);
  },
};

export type EngineApi = typeof api;
Comlink.expose(api);
