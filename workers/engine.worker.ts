/// <reference lib="webworker" />
/**
 * Engine worker: loads the workspace from IndexedDB once, answers queries from
 * memory, and keeps the change queue and privacy settings. A thin Comlink
 * adapter: the logic lives in src/engine, src/changes and src/privacy.
 */
import * as Comlink from 'comlink';
import { EngineSession, type QueryOutcome, type WorkspaceSummary } from '../src/core/session/engine-session';
import type { ReportRow } from '../src/core/vocabulary/report-columns';
import type { UserDetail } from '../src/core/report/user-detail';
import type { SeatCheck } from '../src/core/seats/seat-check';
import type { ReportViewState } from '../src/core/vocabulary/view-state';
import { loadBatches, WorkspaceDb } from '../src/storage/workspace-db';
import { estimateBytes, guardWrite } from '../src/storage/storage-errors';
import { looksLikeWorkspace, whyNotOpened } from '../src/storage/open-check';
import type { ExportFormat } from '../src/core/export/report-export';
import { loadPrivacy, setPersonalData } from '../src/storage/privacy-store';
import { listChanges, queueChanges, setChangeState, type QueueOutcome } from '../src/storage/change-queue';
import type { Change, ChangeDraft, ChangeSource, ChangeState } from '../src/core/vocabulary/change';
import { parseImportToAssign, type ImportToAssignResult } from '../src/core/changes/import-to-assign';
import type { ExportFile } from '../src/core/changes/change-export';
import type { BalanceTile, FlexView, ScopeInfo, SeatUserRow } from '../src/core/session/engine-session';
import type { Granularity, ProductDetail, SeatUsageSummary } from '../src/core/seats/seat-usage';
import type { TokenPurchase } from '../src/core/flex/flex-usage';
import { parsePurchasesCsv, type PurchasesParse } from '../src/core/flex/purchases-csv';
import type { ExportSection } from '../src/core/export/workspace-export';
import type { Recommendation } from '../src/core/recommendations/recommendations';
import { digestEml, isDue, type Digest, type NotificationSchedule } from '../src/core/notifications/schedule';
import { formatDay } from '../src/core/vocabulary/days';
import type { RangePreset } from '../src/core/vocabulary/date-range';
import { DEFAULT_PRICES, type PriceTable } from '../src/core/vocabulary/prices';

async function loadSchedule(store: WorkspaceDb): Promise<NotificationSchedule | null> {
  return ((await store.settings.get('notifications'))?.value as NotificationSchedule | undefined) ?? null;
}

async function loadPrices(store: WorkspaceDb): Promise<PriceTable> {
  return ((await store.settings.get('prices'))?.value as PriceTable | undefined) ?? DEFAULT_PRICES;
}

const db = new WorkspaceDb();
const session = new EngineSession();
let includePending = false;

export type Person = { userRef: string } | { email: string; firstName: string; lastName: string };

export interface QueueResult extends QueueOutcome {
  refused: { label: string; reason: string }[];
}

/** Bump when the Workspace's shape changes: a cache of another shape is then rebuilt. */
const CACHE_FORMAT = 'workspace-v2'; // v2: people linked across PII on/off, usage on its offering's row

/**
 * Loads the workspace: from the cache when the imports are the same as when it
 * was written (reopening then skips the merge), else by merging every import.
 */
async function reload(): Promise<WorkspaceSummary> {
  const privacy = await loadPrivacy(db);
  const changes = await listChanges(db);
  const basis = `${CACHE_FORMAT}:${(await db.imports.toCollection().primaryKeys()).join(',')}`;
  if (!includePending) {
    const cached = await db.cache.get('workspace').catch(() => undefined);
    if (cached?.basis === basis) {
      // The cache is derived: one that is damaged is dropped and rebuilt from the imports (docs/reliability.md).
      try {
        if (looksLikeWorkspace(cached.value)) return await session.adopt(cached.value, privacy, changes);
      } catch { /* rebuilt below */ }
      await db.cache.delete('workspace').catch(() => undefined);
    }
  }
  let summary: WorkspaceSummary;
  try {
    summary = await session.load(await loadBatches(db), privacy, changes, includePending);
  } catch (err) {
    // Say which stored record is at fault, so the admin knows what a salvage would leave out.
    throw new Error(await whyNotOpened(db, err));
  }
  // Written after answering: the report need not wait for the cache.
  if (!includePending) void db.cache.put({ key: 'workspace', basis, value: session.workspace }).catch(() => undefined);
  return summary;
}

async function queue(drafts: ChangeDraft[], refused: QueueResult['refused'], reason: string): Promise<QueueResult> {
  const outcome = await queueChanges(db, drafts, reason);
  session.setChanges(await listChanges(db));
  if (includePending) await reload();
  return { ...outcome, refused };
}

const transfer = (file: ExportFile) => Comlink.transfer(file, [file.bytes.buffer]);
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Tells the admin when an XLSX export cut cells to fit (the Filters sheet names them). */
async function cutNote(cutCells: number): Promise<{ note?: string }> {
  if (cutCells === 0) return {};
  const { cutCellsMessage } = await import('../src/core/export/table');
  return { note: cutCellsMessage(cutCells) };
}

const api = {
  reload,
  summary(): WorkspaceSummary { return session.summary(); },
  query(view: ReportViewState, today: number): QueryOutcome { return session.query(view, today); },
  rows(offset: number, limit: number): ReportRow[] { return session.rows(offset, limit); },
  async exportReport(format: ExportFormat): Promise<ExportFile> {
    const { reportCsv, writeReportXlsx, exportFileName } = await import('../src/core/export/report-export');
    const rows = session.rows(0, session.rowCount());
    const book = format === 'csv' ? { bytes: new TextEncoder().encode(reportCsv(rows)), cutCells: 0 } : writeReportXlsx(rows, session.exportContext());
    return transfer({
      fileName: exportFileName('seatwise-usage-report', format),
      mimeType: format === 'csv' ? 'text/csv;charset=utf-8' : XLSX_TYPE,
      bytes: book.bytes,
      ...(await cutNote(book.cutCells)),
    });
  },

  async setPersonalData(team: string, shown: boolean): Promise<WorkspaceSummary> {
    await session.setPrivacy(await setPersonalData(db, team, shown));
    return session.summary();
  },
  async setIncludePending(on: boolean): Promise<WorkspaceSummary> {
    includePending = on;
    return reload();
  },

  userDetail(userRef: string, view: ReportViewState, today: number): UserDetail | null { return session.userDetail(userRef, view, today); },
  findPeople(q: string, team: string | null): { userRef: string; label: string }[] { return session.findPeople(q, team); },
  groupMembers(group: string): string[] { return session.groupMembers(group); },
  selectableRowIds(): number[] { return session.selectableRowIds(); },
  seatCheck(team: string, product: string, adding: number, today: number): SeatCheck { return session.seatCheck(team, product, adding, today); },
  parseImportToAssign(text: string): ImportToAssignResult | { error: string } { return parseImportToAssign(text); },

  /** `asOf`: the end of the view the rows were chosen in (the report's, when omitted). */
  unassign(rowIds: number[], reason: string, source: ChangeSource, asOf?: number): Promise<QueueResult> {
    const { drafts, refused } = session.unassignDrafts(rowIds, source, asOf);
    return queue(drafts, refused, reason);
  },
  assign(team: string, product: string, people: Person[], reason: string, source: ChangeSource, today: number): Promise<QueueResult> {
    const { drafts, refused } = session.assignDrafts(team, product, people, source, today);
    return queue(drafts, refused, reason);
  },
  changes(): Promise<Change[]> { return session.presentableChanges(); },

  schedule(): Promise<NotificationSchedule | null> { return loadSchedule(db); },
  async setSchedule(schedule: NotificationSchedule): Promise<void> {
    await guardWrite('The reminder settings were not saved', () => db.settings.put({ key: 'notifications', value: schedule }));
  },
  /** Checks whether a reminder is due; if so, marks it raised and returns its digest. */
  async dueNotification(today: number): Promise<Digest | null> {
    const s = await loadSchedule(db);
    if (!s || !isDue(s, today)) return null;
    await db.settings.put({ key: 'notifications', value: { ...s, lastNotified: formatDay(today) } });
    return session.inactiveDigest(s.range, today);
  },
  digestEml(range: RangePreset, today: number): string { return digestEml(session.inactiveDigest(range, today)); },

  prices(): Promise<PriceTable> { return loadPrices(db); },
  async setPrices(p: PriceTable): Promise<void> { await guardWrite('The prices were not saved', () => db.settings.put({ key: 'prices', value: p })); },
  async recommendations(view: ReportViewState, today: number): Promise<ScopeInfo & { items: Recommendation[] }> {
    return session.recommendations(view, await loadPrices(db), today);
  },
  /** Queues a recommendation's changes for the people the admin kept ticked, with the reason given; nothing else. */
  async queueRecommendation(id: string, view: ReportViewState, userRefs: string[], reason: string, today: number): Promise<QueueResult> {
    const { drafts, refused } = session.recommendationDrafts(id, view, await loadPrices(db), today, userRefs);
    return queue(drafts, refused, reason);
  },

  seatUsage(view: ReportViewState, today: number): ScopeInfo & { summary: SeatUsageSummary } { return session.seatUsage(view, today); },
  productDetail(view: ReportViewState, product: string, granularity: Granularity, today: number): ProductDetail {
    return session.productDetail(view, product, granularity, today);
  },
  seatUsers(view: ReportViewState, q: string, limit: number, today: number): { total: number; rows: SeatUserRow[] } { return session.seatUsers(view, q, limit, today); },
  async flex(view: ReportViewState, today: number): Promise<FlexView> {
    return session.flex(view, await db.tokenPurchases.orderBy('date').toArray(), today);
  },
  async flexBalanceTile(view: ReportViewState, today: number): Promise<BalanceTile> {
    return session.flexBalanceTile(view, await db.tokenPurchases.toArray(), today);
  },
  purchases(): Promise<TokenPurchase[]> { return db.tokenPurchases.orderBy('date').toArray(); },
  async savePurchase(p: TokenPurchase): Promise<number> { return guardWrite('The purchase was not saved', () => db.tokenPurchases.put(p)); },
  async deletePurchase(id: number): Promise<void> { await guardWrite('The purchase was not removed', () => db.tokenPurchases.delete(id)); },
  /** Reads a purchases CSV; stores the readable rows only when there is no bad row, else reports them. */
  async importPurchases(text: string, defaultTeam: string): Promise<{ saved: number; errors: PurchasesParse['errors']; error?: string }> {
    const r = parsePurchasesCsv(text, defaultTeam);
    if ('error' in r) return { saved: 0, errors: [], error: r.error };
    if (r.errors.length > 0) return { saved: 0, errors: r.errors };
    // One transaction: all the file's purchases or none (docs/reliability.md).
    await guardWrite('No purchase was imported', () => db.transaction('rw', db.tokenPurchases, () => db.tokenPurchases.bulkAdd(r.purchases)), () => estimateBytes(r.purchases));
    return { saved: r.purchases.length, errors: [] };
  },
  /** Sections of the workspace as one workbook, or CSV files (zipped when several). */
  async exportSections(view: ReportViewState, sections: ExportSection[], format: ExportFormat, today: number): Promise<ExportFile> {
    const { writeWorkbook, tableCsv } = await import('../src/core/export/table');
    const { bundle } = await import('../src/core/changes/change-export');
    const { tables, info } = session.exportTables(view, sections, today);
    const base = `seatwise-${(view.team ?? 'all-teams').replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}-${info.from}-to-${info.to}`;
    if (format === 'xlsx') {
      const book = writeWorkbook(tables);
      return transfer({ fileName: `${base}.xlsx`, mimeType: XLSX_TYPE, bytes: book.bytes, ...(await cutNote(book.cutCells)) });
    }
    const enc = new TextEncoder();
    const files = tables.map((t) => ({ fileName: `${base}-${t.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.csv`, mimeType: 'text/csv;charset=utf-8', bytes: enc.encode(tableCsv(t)) }));
    return transfer(bundle(files, `${base}.zip`)!);
  },
  async setChangeState(ids: number[], state: ChangeState): Promise<number> {
    const moved = await setChangeState(db, ids, state);
    session.setChanges(await listChanges(db));
    if (includePending) await reload();
    return moved;
  },
  /** Pending assigns or unassigns as Import-to-Assign CSVs (zipped when several), then marked exported. */
  async exportChanges(kind: 'assign' | 'unassign' | 'log'): Promise<ExportFile | null> {
    const { importToAssignFiles, writeChangeLog, bundle } = await import('../src/core/changes/change-export');
    const shown = await session.presentableChanges();
    const stamp = new Date().toISOString().slice(0, 10);
    if (kind === 'log') {
      const book = writeChangeLog(shown);
      return transfer({ fileName: `seatwise-change-log-${stamp}.xlsx`, mimeType: XLSX_TYPE, bytes: book.bytes, ...(await cutNote(book.cutCells)) });
    }
    const file = bundle(importToAssignFiles(shown, kind), `seatwise-${kind}-${stamp}.zip`);
    if (!file) return null;
    const ids = shown.filter((c) => c.state === 'pending' && c.action === kind).map((c) => c.id!);
    await setChangeState(db, ids, 'exported');
    session.setChanges(await listChanges(db));
    return transfer(file);
  },
};

export type EngineApi = typeof api;
Comlink.expose(api);
// For the browser benchmark: what the loaded workspace costs in memory.
(self as unknown as { seatwiseMemory: () => ReturnType<EngineSession['memoryStats']> }).seatwiseMemory = () => session.memoryStats();
