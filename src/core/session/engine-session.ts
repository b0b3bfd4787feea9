/**
 * What the engine holds, and nothing more: the loaded workspace, the privacy
 * mask, the change queue and the last report (a cache: the UI asks for a
 * query's tiles, then for the window of rows it shows; it never receives all
 * rows). The questions each page asks live beside it, one module per feature
 * (seats.ts, flex.ts, changes.ts, …). Pure, so Node tests and the benchmark
 * drive it directly.
 */
import { NO_DAY, formatDay, parseIsoDay, todayUtc, type Day } from '../vocabulary/days';
import { FIRST_ROWS, type ReportRow } from '../vocabulary/report-columns';
import type { ReportQuery } from '../vocabulary/report-query';
import { resolveRange, toReportQuery, type ReportViewState, type ResolvedRange } from '../vocabulary/view-state';
import { isOutstanding, type Change, type ChangeAction } from '../vocabulary/change';
import { dataFreshness, type DataFreshness } from '../report/data-freshness';
import { STALE_AFTER_DAYS } from '../vocabulary/date-range';
import { keyFigureArrays, newKeyFigures, type KeyFigures } from '../report/scope-figures';
import { canUnassign, computeReport, reportRow, unassignLock, type NameMask, type ReportResult, type Tiles } from '../report/report';
import { querySnapshot, snapshotRows } from '../report/snapshot-report';
import { sortRowKeys } from '../report/report-sort';
import { buildWorkspace, sharedStrings, shownPerson, type LoadedBatch, type Workspace } from '../workspace/workspace';
import { collationRanks } from '../workspace/collation';
import { keyFromHex, pseudonymsFor, viewIsPseudonymised, type PrivacySettings } from '../privacy/pseudonyms';
import { overlayBatch } from '../changes/change-overlay';

/** Same rows, maybe in another order. */
function sameRows(a: ReportQuery, b: ReportQuery): boolean {
  return (
    a.from === b.from &&
    a.to === b.to &&
    a.team === b.team &&
    a.access === b.access &&
    a.activity === b.activity &&
    a.assignment === b.assignment &&
    a.product === b.product &&
    a.group === b.group &&
    a.q === b.q
  );
}

/** How the range sits against the usage data: named on every page (docs/figures.md). */
export interface RangeData {
  freshness: DataFreshness;
  /** The range ends on the last data day because the data is stale and no end was chosen. */
  endsOnDataByDefault: boolean;
  /** The range ends more than a few days after the newest usage. */
  runsPastData: boolean;
}

export interface ScopeInfo {
  from: string;
  to: string;
  asOf: string;
  rangeLabel: string;
  team: string | null;
  pseudonymised: boolean;
  data: RangeData;
}

export interface WorkspaceSummary {
  teams: string[];
  products: string[];
  groups: string[];
  /** Products people hold or use, plus the offerings of subscriptions: what can be assigned. */
  assignableProducts: string[];
  users: number;
  assignments: number;
  events: number;
  subscriptions: number;
  snapshotRows: number;
  /** True when only a pre-aggregated Usage Report was imported: rows are shown as exported. */
  snapshotMode: boolean;
  /** Teams whose personal data is off. */
  personalDataOff: string[];
  firstEventDay: string | null;
  lastEventDay: string | null;
}

export interface QueryOutcome {
  tiles: Tiles;
  rowCount: number;
  from: string;
  to: string;
  asOf: string;
  rangeLabel: string;
  snapshotMode: boolean;
  /** True when names and emails are shown as pseudonyms. */
  pseudonymised: boolean;
  /** True when the rows include the effect of outstanding changes. */
  pendingIncluded: boolean;
  /** How many changes are outstanding (pending or exported). */
  outstandingChanges: number;
  /** How many of the rows can be selected for unassigning. */
  selectableCount: number;
  /** The first rows, so the table paints without another round trip. */
  firstRows: ReportRow[];
  /** Milliseconds the engine spent computing (or re-sorting) the rows and tiles. */
  computeMs: number;
  data: RangeData;
}

const PENDING_ASSIGN = 1;
const PENDING_UNASSIGN = 2;

export class EngineSession {
  private ws: Workspace = buildWorkspace([]);
  private figures: KeyFigures = newKeyFigures(0);
  private last: ReportResult | null = null;
  private snapshot: ReportRow[] | null = null;
  private viewOfLast: ReportViewState | null = null;
  private labelOfLast = '';
  private privacy: PrivacySettings = { key: '', personalDataOff: [] };
  private mask: NameMask | null = null;
  private maskFor: Workspace | null = null;
  private changes: Change[] = [];
  /** How many changes are pending or exported: they mark rows and can overlay the report. */
  private outstanding = 0;
  private includePending = false;
  private inResult = new Uint8Array(0);

  /**
   * Loads the imports (and, when `includePending`, the outstanding changes as an
   * overlay, docs/changes.md). The batches are not kept: memory holds the merged columns only.
   */
  async load(
    batches: readonly LoadedBatch[],
    privacy?: PrivacySettings,
    changes?: Change[],
    includePending = false,
  ): Promise<WorkspaceSummary> {
    if (changes) this.setChanges(changes);
    this.includePending = includePending;
    const overlay = includePending ? overlayBatch(this.changes) : null;
    const ws = buildWorkspace(overlay ? [...batches, overlay] : batches);
    // Changes not yet made are no import: a newer import is added to the imports' own merge only.
    if (overlay) ws.basis.extendable = false;
    return this.adopt(ws, privacy);
  }

  /** Takes an already merged workspace (from the worker's cache): the same state as `load` gives. */
  async adopt(ws: Workspace, privacy?: PrivacySettings, changes?: Change[]): Promise<WorkspaceSummary> {
    if (changes) {
      this.setChanges(changes);
      this.includePending = false;
    }
    // Keys repeat a few version lists: one string each, for a merged workspace and one read back from the cache.
    ws.keyVersions = sharedStrings(ws.keyVersions);
    this.ws = ws;
    this.figures = newKeyFigures(this.ws.keyCount);
    this.last = null;
    this.snapshot = null;
    if (privacy) await this.setPrivacy(privacy);
    else await this.ensureMask();
    return this.summary();
  }

  get workspace(): Workspace {
    return this.ws;
  }
  /** The last report computed (null before the first query, or in snapshot mode). */
  get lastResult(): ReportResult | null {
    return this.last;
  }
  /** The view and range label of the last query, for the export's Filters sheet. */
  get lastView(): ReportViewState | null {
    return this.viewOfLast;
  }
  get lastLabel(): string {
    return this.labelOfLast;
  }
  /** The change queue as last read. */
  get changeList(): readonly Change[] {
    return this.changes;
  }
  get privacySettings(): PrivacySettings {
    return this.privacy;
  }
  /** The pseudonyms of the workspace's people, when a team's personal data is off. */
  get nameMask(): NameMask | null {
    return this.mask;
  }
  /** Whether key `k` is among the rows of the last query. */
  inLastResult(k: number): boolean {
    return this.inResult[k] === 1;
  }

  /** Bytes the loaded workspace holds in typed arrays, and per event (docs/budgets.md: ≤ 16). */
  memoryStats(): { events: number; bytes: number; bytesPerEvent: number } {
    const ws = this.ws;
    let bytes = 0;
    for (const v of Object.values(ws)) if (ArrayBuffer.isView(v)) bytes += v.byteLength;
    for (const v of keyFigureArrays(this.figures)) bytes += v.byteLength;
    bytes += this.inResult.byteLength;
    return { events: ws.eventCount, bytes, bytesPerEvent: ws.eventCount ? bytes / ws.eventCount : 0 };
  }

  /** The queue as last read; rows show their outstanding change. */
  setChanges(changes: Change[]): void {
    this.changes = changes;
    this.outstanding = changes.filter(isOutstanding).length;
    this.pendingCodes = null;
  }

  get pendingIncluded(): boolean {
    return this.includePending;
  }

  private pendingCodes: Uint8Array | null = null;
  private pendingCodesFor: Workspace | null = null;

  /** The outstanding change of key `k`, from a per-key table built once per workspace and queue. */
  pendingOf(k: number): ChangeAction | undefined {
    const code = this.pendingTable()?.[k];
    return code === PENDING_ASSIGN ? 'assign' : code === PENDING_UNASSIGN ? 'unassign' : undefined;
  }

  /** Per key: PENDING_ASSIGN, PENDING_UNASSIGN or 0; null when no change is outstanding. */
  private pendingTable(): Uint8Array | null {
    if (this.outstanding === 0) return null;
    if (!this.pendingCodes || this.pendingCodesFor !== this.ws) {
      const ws = this.ws;
      const codes = new Uint8Array(ws.keyCount);
      const byTriple = new Map<string, number>();
      for (let key = 0; key < ws.keyCount; key++) byTriple.set(`${ws.keyTeam[key]}|${ws.keyUser[key]}|${ws.keyProduct[key]}`, key);
      for (const c of this.changes) {
        if (!isOutstanding(c)) continue;
        const key = byTriple.get(`${ws.teams.indexOf(c.team)}|${this.userIdOf(c.userKey)}|${ws.products.indexOf(c.product)}`);
        if (key !== undefined) codes[key] = c.action === 'assign' ? PENDING_ASSIGN : PENDING_UNASSIGN;
      }
      this.pendingCodes = codes;
      this.pendingCodesFor = ws;
    }
    return this.pendingCodes;
  }

  /**
   * Applies the workspace's privacy settings; computes the pseudonyms (WebCrypto
   * HMAC, asynchronous) when a team has personal data off.
   */
  async setPrivacy(settings: PrivacySettings): Promise<void> {
    const keyChanged = settings.key !== this.privacy.key;
    this.privacy = { key: settings.key, personalDataOff: [...settings.personalDataOff] };
    if (keyChanged) this.maskFor = null;
    await this.ensureMask();
  }

  private async ensureMask(): Promise<void> {
    if (this.privacy.personalDataOff.length === 0 || !this.privacy.key || this.maskFor === this.ws) return;
    const pseudonyms = await pseudonymsFor(
      keyFromHex(this.privacy.key),
      this.ws.users.map((u) => u.key),
    );
    this.mask = { pseudonyms, rank: collationRanks(pseudonyms) };
    this.maskFor = this.ws;
  }

  maskForView(team: string | null): NameMask | null {
    if (!viewIsPseudonymised(team, this.privacy.personalDataOff)) return null;
    if (!this.mask || this.maskFor !== this.ws) throw new Error('Pseudonyms are not ready; reload the workspace.');
    return this.mask;
  }

  get snapshotMode(): boolean {
    return this.ws.eventCount === 0 && this.ws.snapshot.length > 0;
  }

  summary(): WorkspaceSummary {
    const ws = this.ws;
    let assignments = 0;
    for (let k = 0; k < ws.keyCount; k++) assignments += ws.keyHasAssignment[k]!;
    const day = (d: Day) => (d === NO_DAY ? null : formatDay(d));
    const teams = new Set(ws.teams.filter((t) => t !== ''));
    for (const s of ws.subscriptions) if (s.team) teams.add(s.team);
    return {
      teams: [...teams].sort((a, b) => a.localeCompare(b)),
      products: [...ws.products].sort((a, b) => a.localeCompare(b)),
      groups: [...ws.groups].sort((a, b) => a.localeCompare(b)),
      assignableProducts: [...new Set([...ws.products, ...ws.subscriptions.map((s) => s.offering).filter(Boolean)])].sort((a, b) =>
        a.localeCompare(b),
      ),
      users: ws.users.length,
      assignments,
      events: ws.eventCount,
      subscriptions: ws.subscriptions.length,
      snapshotRows: ws.snapshot.length,
      snapshotMode: this.snapshotMode,
      personalDataOff: [...this.privacy.personalDataOff],
      firstEventDay: day(ws.firstEventDay),
      lastEventDay: day(ws.lastEventDay),
    };
  }

  query(view: ReportViewState, today: Day): QueryOutcome {
    const t0 = performance.now();
    const range = resolveRange(view, today, this.ws.lastEventDay);
    const q = toReportQuery(view, range);
    this.today = today;
    this.viewOfLast = view;
    this.labelOfLast = range.label;
    const mask = this.maskForView(q.team);
    let tiles: Tiles, rowCount: number;
    const prev = this.last;
    if (prev && !this.snapshotMode && prev.mask === mask && prev.figures === this.figures && sameRows(prev.query, q)) {
      // Only the order changed: re-sort the rows we have (docs/budgets.md: a sort costs milliseconds).
      prev.rows = sortRowKeys(this.ws, prev, q.sort);
      prev.query = q;
      const sortMs = performance.now() - t0;
      this.selectableCount = this.countSelectable(); // pending changes may have moved since
      return this.outcome(prev.tiles, prev.rows.length, range, mask, sortMs);
    }
    if (this.inResult.length === this.ws.keyCount) this.inResult.fill(0);
    else this.inResult = new Uint8Array(this.ws.keyCount);
    if (this.snapshotMode) {
      const s = querySnapshot(this.snapshotRowsFor(mask), this.ws, q);
      this.snapshot = s.rows;
      this.last = null;
      tiles = s.tiles;
      rowCount = s.rows.length;
    } else {
      this.last = computeReport(this.ws, q, this.figures, mask, today);
      this.snapshot = null;
      const rows = this.last.rows;
      for (let i = 0; i < rows.length; i++) this.inResult[rows[i]!] = 1;
      tiles = this.last.tiles;
      rowCount = this.last.rows.length;
    }
    const computeMs = performance.now() - t0;
    this.selectableCount = this.countSelectable(); // the same whatever the order
    return this.outcome(tiles, rowCount, range, mask, computeMs);
  }

  private selectableCount = 0;
  private snapshotCache: { ws: Workspace; mask: NameMask | null; rows: ReportRow[] } | null = null;

  /** The imported Usage Report's rows, formatted once per workspace and personal-data rule. */
  private snapshotRowsFor(mask: NameMask | null): ReportRow[] {
    const c = this.snapshotCache;
    if (c && c.ws === this.ws && c.mask === mask) return c.rows;
    this.snapshotCache = { ws: this.ws, mask, rows: snapshotRows(this.ws, mask) };
    return this.snapshotCache.rows;
  }

  private today: Day = todayUtc();

  /** How the range sits against the usage data. */
  private rangeData(range: ResolvedRange, today: Day): RangeData {
    const freshness = dataFreshness(this.ws, today);
    const newest = freshness.newestUsage === null ? null : parseIsoDay(freshness.newestUsage)!;
    return {
      freshness,
      endsOnDataByDefault: range.endsOnDataByDefault,
      runsPastData: newest !== null && range.to - newest > STALE_AFTER_DAYS,
    };
  }

  private outcome(tiles: Tiles, rowCount: number, range: ResolvedRange, mask: NameMask | null, computeMs: number): QueryOutcome {
    return {
      data: this.rangeData(range, this.today),
      tiles,
      rowCount,
      from: formatDay(range.from),
      to: formatDay(range.to),
      asOf: formatDay(range.asOf),
      rangeLabel: range.label,
      snapshotMode: this.snapshotMode,
      pseudonymised: mask !== null,
      pendingIncluded: this.includePending,
      outstandingChanges: this.outstanding,
      selectableCount: this.selectableCount,
      firstRows: this.rows(0, FIRST_ROWS),
      computeMs,
    };
  }

  /** The rows [offset, offset + limit) of the last query, in display order. */
  rows(offset: number, limit: number): ReportRow[] {
    if (this.snapshot) return this.snapshot.slice(offset, offset + limit);
    const r = this.last;
    if (!r) return [];
    const end = Math.min(r.rows.length, offset + limit);
    const out: ReportRow[] = [];
    for (let i = Math.max(0, offset); i < end; i++) out.push(this.decorate(reportRow(this.ws, r, r.rows[i]!)));
    return out;
  }

  private decorate(row: ReportRow): ReportRow {
    const pending = this.pendingOf(row.id);
    if (!pending) return row;
    row.pending = pending;
    if (pending === 'unassign' && !row.lockReason) row.lockReason = 'Unassign already queued';
    return row;
  }

  /** Why key `k` cannot be unassigned as of `to` (the report's end by default). */
  lockOf(k: number, to?: Day): string {
    const asOf = to ?? this.last?.query.to;
    if (asOf === undefined) return 'The report has not been computed';
    const lock = unassignLock(this.ws, k, asOf);
    return lock || (this.pendingOf(k) === 'unassign' ? 'Unassign already queued' : '');
  }

  /** Row ids of the current rows that can be unassigned: "select all" selects these. */
  selectableRowIds(): number[] {
    const r = this.last;
    if (!r) return [];
    const out: number[] = [];
    for (const k of r.rows) if (this.selectable(k, r.query.to)) out.push(k);
    return out;
  }

  /** How many of the current rows can be unassigned (asked with every query: counted, not listed). */
  private countSelectable(): number {
    const r = this.last;
    if (!r) return 0;
    const to = r.query.to,
      ws = this.ws,
      inResult = this.inResult,
      queued = this.pendingTable();
    let n = 0;
    // The rows taken in key order, not in display order: the key columns are then read front to back
    // (All Teams at 10M events: 352,112 rows, 10 ms in display order, a few in key order).
    for (let k = 0; k < ws.keyCount; k++) {
      if (inResult[k] === 1 && canUnassign(ws, k, to) && queued?.[k] !== PENDING_UNASSIGN) n++;
    }
    return n;
  }

  /** `lockOf(k)` is '': the row's seat can be unassigned and no unassign of it is queued. */
  private selectable(k: number, to: Day): boolean {
    return canUnassign(this.ws, k, to) && this.pendingOf(k) !== 'unassign';
  }

  /** Which user a reference names: a workspace key, or a pseudonym shown in a masked view. */
  resolveUser(userRef: string): number {
    const direct = this.userIdOf(userRef);
    if (direct >= 0 || !this.mask) return direct;
    return this.mask.pseudonyms.indexOf(userRef);
  }

  /** The view's range and personal-data rule, as days and as shown. */
  scope(view: ReportViewState, today: Day): { from: Day; to: Day; asOf: Day; info: ScopeInfo; mask: NameMask | null } {
    const range = resolveRange(view, today, this.ws.lastEventDay);
    const mask = this.maskForView(view.team);
    return {
      from: range.from,
      to: range.to,
      asOf: range.asOf,
      mask,
      info: {
        from: formatDay(range.from),
        to: formatDay(range.to),
        asOf: formatDay(range.asOf),
        rangeLabel: range.label,
        team: view.team,
        pseudonymised: mask !== null,
        data: this.rangeData(range, today),
      },
    };
  }

  private userIndex: Map<string, number> | null = null;
  private userIndexFor: Workspace | null = null;

  /** The user with this workspace key, or -1 (one lookup table per workspace). */
  userIdOf(key: string): number {
    if (this.userIndexFor !== this.ws) {
      this.userIndex = new Map(this.ws.users.map((u, i) => [u.key, i]));
      this.userIndexFor = this.ws;
    }
    return this.userIndex!.get(key) ?? -1;
  }

  /** How a person is shown in the current view. */
  person(userKey: string, mask: NameMask | null): { userRef: string; name: string } {
    const id = this.userIdOf(userKey);
    if (id < 0) return { userRef: userKey, name: userKey };
    const { userRef, name } = shownPerson(this.ws, id, mask);
    return { userRef, name };
  }

  rowCount(): number {
    return this.snapshot ? this.snapshot.length : (this.last?.rows.length ?? 0);
  }
}
