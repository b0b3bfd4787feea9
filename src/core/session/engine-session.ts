/**
 * What the engine worker holds: the loaded workspace and the last report. The
 * UI asks for a query's tiles, then for the window of rows it shows; it never
 * receives all rows. Pure, so Node tests and the benchmark drive it directly.
 */
import { NO_DAY, formatDay, parseIsoDay, todayUtc, type Day } from '../vocabulary/days';
import { STALE_AFTER_DAYS, dataFreshness, type DataFreshness } from '../report/data-freshness';
import { computeReport, newKeyFigures, reportRow, type KeyFigures, type NameMask, type ReportResult, type Tiles } from '../report/report';
import { collationRanks } from '../workspace/workspace';
import { keyFromHex, pseudonymsFor, viewIsPseudonymised, type PrivacySettings } from '../privacy/pseudonyms';
import { FIRST_ROWS, type ReportRow } from '../vocabulary/report-columns';
import { querySnapshot, snapshotRows } from '../report/snapshot-report';
import { assignedOn, buildWorkspace, shownPerson, type LoadedBatch, type Workspace } from '../workspace/workspace';
import { EMPTY_VIEW, resolveRange, toReportQuery, type ReportViewState, type ResolvedRange } from '../vocabulary/view-state';
import { rangeDatesLabel, type RangePreset } from '../vocabulary/date-range';
import type { Digest, DigestTeam } from '../notifications/schedule';
import { sortRowKeys } from '../report/report-sort';
import type { ReportQuery } from '../vocabulary/report-query';

/** Same rows, maybe in another order. */
function sameRows(a: ReportQuery, b: ReportQuery): boolean {
  return a.from === b.from && a.to === b.to && a.team === b.team && a.access === b.access && a.activity === b.activity
    && a.assignment === b.assignment && a.product === b.product && a.group === b.group && a.q === b.q;
}
import { COLUMN_LABELS } from '../vocabulary/report-columns';
import type { ExportContext } from '../export/report-export';
import { sectionTable, type ExportSection } from '../export/workspace-export';
import type { ExportTable } from '../export/table';
import { ACTIVITY_LABELS } from '../vocabulary/report-labels';
import { isOutstanding, type Change, type ChangeAction, type ChangeDraft, type ChangeSource } from '../vocabulary/change';
import { overlayBatch } from '../changes/change-overlay';
import { userDetail, type UserDetail } from '../report/user-detail';
import { seatCheck, type SeatCheck } from '../seats/seat-check';
import { unassignLock } from '../report/report';
import { scanScope } from '../report/scope-figures';
import { recommendations, type Recommendation } from '../recommendations/recommendations';
import type { PriceTable } from '../vocabulary/prices';
import { productDetail, seatUsage, type Granularity, type ProductDetail, type SeatUsageSummary } from '../seats/seat-usage';
import { dailyTokens, flexBalance, flexChart, flexForecast, flexUsage, type FlexChart, type FlexBalance, type FlexForecast, type FlexUsage, type TokenPurchase } from '../flex/flex-usage';

/** How the range sits against the usage data: named on every page (docs/figures.md). */
export interface RangeData {
  freshness: DataFreshness;
  /** The range ends on the last data day because the data is stale and no end was chosen. */
  endsOnDataByDefault: boolean;
  /** The range ends more than a few days after the newest usage. */
  runsPastData: boolean;
}

export interface ScopeInfo { from: string; to: string; asOf: string; rangeLabel: string; team: string | null; pseudonymised: boolean; data: RangeData }

export interface SeatUserRow { userRef: string; name: string; team: string; product: string; versions: string; daysUsed: number; perMonth: number; lastAccessed: string }

export interface FlexView extends ScopeInfo {
  /** The scope's Flex totals: the same figures as the report's Flex tiles. */
  totals: { tokens: number; users: number; peopleWithAccess: number; monthlyAverage: number };
  usage: Omit<FlexUsage, 'byUser' | 'multiProductDays'> & {
    byUser: (Omit<FlexUsage['byUser'][number], 'userKey'> & { userRef: string; name: string })[];
    multiProductDays: (Omit<FlexUsage['multiProductDays'][number], 'userKey'> & { userRef: string; name: string })[];
  };
  balance: FlexBalance;
  forecast: FlexForecast;
  chart: FlexChart;
}

export interface BalanceTile {
  /** Tokens left on `on`; null when no purchase is entered (then `reason` says so). */
  remaining: number | null;
  on: string;
  low: boolean;
  reason: string;
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

export class EngineSession {
  private ws: Workspace = buildWorkspace([]);
  private figures: KeyFigures = newKeyFigures(0);
  private last: ReportResult | null = null;
  private snapshot: ReportRow[] | null = null;
  private lastView: ReportViewState | null = null;
  private lastLabel = '';
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
   * overlay, SPEC §6). The batches are not kept: memory holds the merged columns only.
   */
  async load(batches: readonly LoadedBatch[], privacy?: PrivacySettings, changes?: Change[], includePending = false): Promise<WorkspaceSummary> {
    if (changes) this.setChanges(changes);
    this.includePending = includePending;
    const overlay = includePending ? overlayBatch(this.changes) : null;
    return this.adopt(buildWorkspace(overlay ? [...batches, overlay] : batches), privacy);
  }

  /** Takes an already merged workspace (from the worker's cache): the same state as `load` gives. */
  async adopt(ws: Workspace, privacy?: PrivacySettings, changes?: Change[]): Promise<WorkspaceSummary> {
    if (changes) { this.setChanges(changes); this.includePending = false; }
    this.ws = ws;
    this.figures = newKeyFigures(this.ws.keyCount);
    this.last = null;
    this.snapshot = null;
    if (privacy) await this.setPrivacy(privacy);
    else await this.ensureMask();
    return this.summary();
  }

  get workspace(): Workspace { return this.ws; }

  /** Bytes the loaded workspace holds in typed arrays, and per event (SPEC §10: ≤ 16). */
  memoryStats(): { events: number; bytes: number; bytesPerEvent: number } {
    const ws = this.ws;
    let bytes = 0;
    for (const v of Object.values(ws)) if (ArrayBuffer.isView(v)) bytes += v.byteLength;
    for (const v of Object.values(this.figures)) bytes += (v as ArrayBufferView).byteLength;
    bytes += this.inResult.byteLength;
    return { events: ws.eventCount, bytes, bytesPerEvent: ws.eventCount ? bytes / ws.eventCount : 0 };
  }

  /** The queue as last read; rows show their outstanding change. */
  setChanges(changes: Change[]): void {
    this.changes = changes;
    this.outstanding = changes.filter(isOutstanding).length;
    this.pendingCodes = null;
  }

  get pendingIncluded(): boolean { return this.includePending; }

  private pendingCodes: Uint8Array | null = null;
  private pendingCodesFor: Workspace | null = null;

  /** The outstanding change of key `k`, from a per-key table built once per workspace and queue. */
  private pendingOf(k: number): ChangeAction | undefined {
    if (this.outstanding === 0) return undefined;
    if (!this.pendingCodes || this.pendingCodesFor !== this.ws) {
      const ws = this.ws;
      const codes = new Uint8Array(ws.keyCount);
      const byTriple = new Map<string, number>();
      for (let key = 0; key < ws.keyCount; key++) byTriple.set(`${ws.keyTeam[key]}|${ws.keyUser[key]}|${ws.keyProduct[key]}`, key);
      for (const c of this.changes) {
        if (!isOutstanding(c)) continue;
        const key = byTriple.get(`${ws.teams.indexOf(c.team)}|${this.userIdOf(c.userKey)}|${ws.products.indexOf(c.product)}`);
        if (key !== undefined) codes[key] = c.action === 'assign' ? 1 : 2;
      }
      this.pendingCodes = codes;
      this.pendingCodesFor = ws;
    }
    const code = this.pendingCodes[k];
    return code === 1 ? 'assign' : code === 2 ? 'unassign' : undefined;
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
    const pseudonyms = await pseudonymsFor(keyFromHex(this.privacy.key), this.ws.users.map((u) => u.key));
    this.mask = { pseudonyms, rank: collationRanks(pseudonyms) };
    this.maskFor = this.ws;
  }

  private maskForView(team: string | null): NameMask | null {
    if (!viewIsPseudonymised(team, this.privacy.personalDataOff)) return null;
    if (!this.mask || this.maskFor !== this.ws) throw new Error('Pseudonyms are not ready; reload the workspace.');
    return this.mask;
  }

  private get snapshotMode(): boolean {
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
      assignableProducts: [...new Set([...ws.products, ...ws.subscriptions.map((s) => s.offering).filter(Boolean)])].sort((a, b) => a.localeCompare(b)),
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
    this.lastView = view;
    this.lastLabel = range.label;
    const mask = this.maskForView(q.team);
    let tiles: Tiles, rowCount: number;
    const prev = this.last;
    if (prev && !this.snapshotMode && prev.mask === mask && prev.figures === this.figures && sameRows(prev.query, q)) {
      // Only the order changed: re-sort the rows we have (SPEC §10: a sort costs milliseconds).
      prev.rows = sortRowKeys(this.ws, prev, q.sort);
      prev.query = q;
      const sortMs = performance.now() - t0;
      this.selectableCount = this.selectableRowIds().length; // pending changes may have moved since
      return this.outcome(prev.tiles, prev.rows.length, range, mask, sortMs);
    }
    this.inResult = new Uint8Array(this.ws.keyCount);
    if (this.snapshotMode) {
      const s = querySnapshot(this.snapshotRowsFor(mask), this.ws, q);
      this.snapshot = s.rows;
      this.last = null;
      tiles = s.tiles;
      rowCount = s.rows.length;
    } else {
      this.last = computeReport(this.ws, q, this.figures, mask, today);
      this.snapshot = null;
      for (const k of this.last.rows) this.inResult[k] = 1;
      tiles = this.last.tiles;
      rowCount = this.last.rows.length;
    }
    const computeMs = performance.now() - t0;
    this.selectableCount = this.last ? this.selectableRowIds().length : 0; // the same whatever the order
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
    return { freshness, endsOnDataByDefault: range.endsOnDataByDefault, runsPastData: newest !== null && range.to - newest > STALE_AFTER_DAYS };
  }

  private outcome(tiles: Tiles, rowCount: number, range: ResolvedRange, mask: NameMask | null, computeMs: number): QueryOutcome {
    return {
      data: this.rangeData(range, this.today),
      tiles, rowCount,
      from: formatDay(range.from), to: formatDay(range.to), asOf: formatDay(range.asOf),
      rangeLabel: range.label, snapshotMode: this.snapshotMode, pseudonymised: mask !== null,
      pendingIncluded: this.includePending, outstandingChanges: this.outstanding,
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
  private lockOf(k: number, to?: Day): string {
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
    for (const k of r.rows) if (this.lockOf(k) === '') out.push(k);
    return out;
  }

  /** Drafts for unassigning the given rows; rows that cannot be are refused with the reason. */
  unassignDrafts(rowIds: readonly number[], source: ChangeSource, asOf?: Day): { drafts: ChangeDraft[]; refused: { label: string; reason: string }[] } {
    const drafts: ChangeDraft[] = [];
    const refused: { label: string; reason: string }[] = [];
    const ws = this.ws;
    for (const k of rowIds) {
      if (k < 0 || k >= ws.keyCount) { refused.push({ label: `row ${k}`, reason: 'is not in the workspace any more' }); continue; }
      const u = ws.users[ws.keyUser[k]!]!;
      const product = ws.products[ws.keyProduct[k]!]!;
      const lock = this.lockOf(k, asOf);
      if (lock) { refused.push({ label: `${this.last?.mask?.pseudonyms[ws.keyUser[k]!] ?? (u.email || u.hashedId)} · ${product}`, reason: lock }); continue; }
      drafts.push({ action: 'unassign', team: ws.teams[ws.keyTeam[k]!]!, userKey: u.key, email: u.email, firstName: u.firstName, lastName: u.lastName, product, source });
    }
    return { drafts, refused };
  }

  /** Which user a reference names: a workspace key, or a pseudonym shown in a masked view. */
  resolveUser(userRef: string): number {
    const direct = this.userIdOf(userRef);
    if (direct >= 0 || !this.mask) return direct;
    return this.mask.pseudonyms.indexOf(userRef);
  }

  /**
   * Drafts for assigning people to a product in a team: known users by reference,
   * or new people by email (Import to Assign). Anyone holding it already is refused.
   */
  assignDrafts(team: string, product: string, people: readonly ({ userRef: string } | { email: string; firstName: string; lastName: string })[], source: ChangeSource, today: Day): { drafts: ChangeDraft[]; refused: { label: string; reason: string }[] } {
    const ws = this.ws;
    const t = ws.teams.indexOf(team), p = ws.products.indexOf(product);
    const drafts: ChangeDraft[] = [];
    const refused: { label: string; reason: string }[] = [];
    for (const person of people) {
      const id = 'userRef' in person ? this.resolveUser(person.userRef) : this.resolveUser(`e:${person.email.trim().toLowerCase()}`);
      const label = 'userRef' in person ? person.userRef : person.email;
      if (id < 0 && 'userRef' in person) { refused.push({ label, reason: 'is not in this workspace' }); continue; }
      if (id >= 0 && t >= 0 && p >= 0) {
        let holds = false;
        for (let k = 0; k < ws.keyCount && !holds; k++) {
          if (ws.keyUser[k] !== id || ws.keyTeam[k] !== t || ws.keyProduct[k] !== p) continue;
          holds = assignedOn(ws, k, today);
        }
        if (holds) { refused.push({ label: this.mask?.pseudonyms[id] ?? label, reason: `already has ${product} in ${team}` }); continue; }
      }
      const u = id >= 0 ? ws.users[id]! : null;
      drafts.push({
        action: 'assign', team, product, source,
        userKey: u?.key ?? `e:${(person as { email: string }).email.trim().toLowerCase()}`,
        email: u ? u.email : (person as { email: string }).email.trim().toLowerCase(),
        firstName: u ? u.firstName : (person as { firstName: string }).firstName,
        lastName: u ? u.lastName : (person as { lastName: string }).lastName,
      });
    }
    return { drafts, refused };
  }

  /** Members of a group (users with an assignment made through it), for "assign by group". */
  groupMembers(group: string): string[] {
    const ws = this.ws;
    const g = ws.groups.indexOf(group);
    const users = new Set<number>();
    for (let k = 0; k < ws.keyCount; k++) if (ws.keyGroup[k] === g && g >= 0) users.add(ws.keyUser[k]!);
    return [...users].map((u) => ws.users[u]!.key);
  }

  seatCheck(team: string, product: string, adding: number, today: Day): SeatCheck {
    const pending = this.changes.filter((c) => isOutstanding(c) && c.action === 'assign' && c.team === team && c.product === product).length;
    return seatCheck(this.ws, team, product, adding, this.includePending ? 0 : pending, today);
  }

  /** The user detail dialog (SPEC §4.6), for the range and personal-data rule of the current view. */
  userDetail(userRef: string, view: ReportViewState, today: Day): UserDetail | null {
    const id = this.resolveUser(userRef);
    if (id < 0) return null;
    const s = this.scope(view, today);
    const sameView = this.last !== null && this.last.query.from === s.from && this.last.query.to === s.to;
    return userDetail(this.ws, id, s.from, s.to, today, s.mask, (k) => sameView && this.inResult[k] === 1, (k) => this.lockOf(k, s.to));
  }

  private scope(view: ReportViewState, today: Day): { from: Day; to: Day; asOf: Day; info: ScopeInfo; mask: NameMask | null } {
    const range = resolveRange(view, today, this.ws.lastEventDay);
    const mask = this.maskForView(view.team);
    return {
      from: range.from, to: range.to, asOf: range.asOf, mask,
      info: { from: formatDay(range.from), to: formatDay(range.to), asOf: formatDay(range.asOf), rangeLabel: range.label, team: view.team, pseudonymised: mask !== null, data: this.rangeData(range, today) },
    };
  }

  private userIndex: Map<string, number> | null = null;
  private userIndexFor: Workspace | null = null;

  /** The user with this workspace key, or -1 (one lookup table per workspace). */
  private userIdOf(key: string): number {
    if (this.userIndexFor !== this.ws) {
      this.userIndex = new Map(this.ws.users.map((u, i) => [u.key, i]));
      this.userIndexFor = this.ws;
    }
    return this.userIndex!.get(key) ?? -1;
  }

  /** How a person is shown in the current view. */
  private person(userKey: string, mask: NameMask | null): { userRef: string; name: string } {
    const id = this.userIdOf(userKey);
    if (id < 0) return { userRef: userKey, name: userKey };
    const { userRef, name } = shownPerson(this.ws, id, mask);
    return { userRef, name };
  }

  seatUsage(view: ReportViewState, today: Day): ScopeInfo & { summary: SeatUsageSummary } {
    const s = this.scope(view, today);
    return { ...s.info, summary: seatUsage(this.ws, { from: s.from, to: s.to, team: view.team }, today) };
  }

  productDetail(view: ReportViewState, product: string, granularity: Granularity, today: Day): ProductDetail {
    const s = this.scope(view, today);
    return productDetail(this.ws, { from: s.from, to: s.to, team: view.team }, product, granularity, today);
  }

  /** Seat usage by user: each person's products and versions, days used and days a month, most used first. */
  seatUsers(view: ReportViewState, q: string, limit: number, today: Day): { total: number; rows: SeatUserRow[] } {
    const s = this.scope(view, today);
    const r = computeReport(this.ws, { ...toReportQuery(view, resolveRange(view, today, this.ws.lastEventDay)), access: 'subscription', activity: null, assignment: null, product: null, group: null, q, sort: { column: 'days_used', direction: 'desc' } }, newKeyFigures(this.ws.keyCount), s.mask, today);
    const rows = [...r.rows.subarray(0, limit)].map((k) => {
      const row = reportRow(this.ws, r, k);
      return {
        userRef: row.userRef, name: [row.first_name, row.last_name].filter(Boolean).join(' ') || row.email, team: row.team,
        product: row.product_name, versions: this.ws.keyVersions[k] ?? '', daysUsed: row.days_used ?? 0, perMonth: row.monthly_average ?? 0, lastAccessed: row.last_accessed,
      };
    });
    return { total: r.rows.length, rows };
  }

  flex(view: ReportViewState, purchases: readonly TokenPurchase[], today: Day): FlexView {
    const s = this.scope(view, today);
    const mine = purchases.filter((p) => view.team === null || p.team === view.team);
    const usage = flexUsage(this.ws, { from: s.from, to: s.to, team: view.team });
    const t = scanScope(this.ws, { team: view.team, product: null, from: s.from, to: s.to }, today).totals;
    const daily = dailyTokens(this.ws, view.team);
    const forecast = flexForecast(daily, mine, s.asOf);
    const balance = flexBalance(mine, daily, s.asOf, forecast);
    return {
      ...s.info,
      totals: { tokens: t.flexTokens, users: t.flexUsers, peopleWithAccess: t.flexPeopleWithAccess, monthlyAverage: t.flexMonthlyAverageTokens },
      usage: {
        ...usage,
        byUser: usage.byUser.map(({ userKey, ...rest }) => ({ ...rest, ...this.person(userKey, s.mask) })),
        multiProductDays: usage.multiProductDays.map(({ userKey, ...rest }) => ({ ...rest, ...this.person(userKey, s.mask) })),
      },
      balance, forecast,
      chart: flexChart(daily, s.asOf, forecast, mine.length > 0 ? balance.remaining : null),
    };
  }

  /**
   * The Flex balance on the view's last day for its team: the report's tile, the
   * same figure as the Flex page's "Remaining" (one function, flexBalance).
   */
  flexBalanceTile(view: ReportViewState, purchases: readonly TokenPurchase[], today: Day): BalanceTile {
    const s = this.scope(view, today);
    const mine = purchases.filter((p) => view.team === null || p.team === view.team);
    if (mine.length === 0) return { remaining: null, on: s.info.asOf, low: false, reason: `No token purchases entered${view.team ? ` for ${view.team}` : ''}` };
    const b = flexBalance(mine, dailyTokens(this.ws, view.team), s.asOf);
    return { remaining: b.remaining, on: s.info.asOf, low: b.low, reason: '' };
  }

  /**
   * The net plan per team × offering for the view's team and range, over the
   * shared figures of that scope; people with a change outstanding are left out
   * (docs/recommendations.md).
   */
  recommendations(view: ReportViewState, prices: PriceTable, today: Day): ScopeInfo & { items: Recommendation[] } {
    const s = this.scope(view, today);
    return { ...s.info, items: recommendations(this.ws, prices, { team: view.team, from: s.from, to: s.to }, today, { mask: s.mask, changes: this.changes }) };
  }

  /**
   * The changes one recommendation implies for the people the admin kept ticked
   * (all of them when `userRefs` is omitted): an unassign for an inactive holder,
   * an unassign and a Flex assign for a light user, a seat assign for a heavy
   * Flex user. Refusals say why (a group assignment, or someone no longer in it).
   */
  recommendationDrafts(id: string, view: ReportViewState, prices: PriceTable, today: Day, userRefs?: readonly string[]): { drafts: ChangeDraft[]; refused: { label: string; reason: string }[] } {
    const r = this.recommendations(view, prices, today).items.find((x) => x.id === id);
    if (!r || r.users.length === 0) return { drafts: [], refused: [{ label: r?.title ?? id, reason: 'no longer applies' }] };
    const wanted = userRefs ? new Set(userRefs) : null;
    const drafts: ChangeDraft[] = [];
    const refused: { label: string; reason: string }[] = [];
    if (wanted) {
      const listed = new Set(r.users.map((u) => u.userRef));
      for (const ref of wanted) if (!listed.has(ref)) refused.push({ label: ref, reason: 'is no longer in this recommendation' });
    }
    const ws = this.ws;
    for (const u of r.users) {
      if (wanted && !wanted.has(u.userRef)) continue;
      const lock = u.lock || (u.step !== 'give-seat' && this.pendingOf(u.key) === 'unassign' ? 'Unassign already queued' : '');
      if (lock) { refused.push({ label: u.name, reason: lock }); continue; }
      const user = ws.users[ws.keyUser[u.key]!]!;
      const person = { team: r.team, userKey: user.key, email: user.email, firstName: user.firstName, lastName: user.lastName, product: ws.products[ws.keyProduct[u.key]!]!, source: 'recommendation' as const };
      if (u.step === 'give-seat') { drafts.push({ ...person, action: 'assign', access: 'Subscription' }); continue; }
      drafts.push({ ...person, action: 'unassign' });
      if (u.step === 'move-to-flex') drafts.push({ ...person, action: 'assign', access: 'Flex' });
    }
    return { drafts, refused };
  }

  /** Who held a seat without using it over a preset range ending today, by team (SPEC §7). */
  inactiveDigest(range: RangePreset, today: Day): Digest {
    const view: ReportViewState = { ...EMPTY_VIEW, range };
    const s = this.scope(view, today);
    const r = computeReport(this.ws, { ...toReportQuery(view, resolveRange(view, today, this.ws.lastEventDay)), activity: 'inactive' }, newKeyFigures(this.ws.keyCount), s.mask, today);
    const byTeam = new Map<string, Map<string, DigestTeam['people'][number]>>();
    const users = new Set<number>();
    for (const k of r.rows) {
      const row = reportRow(this.ws, r, k);
      users.add(this.ws.keyUser[k]!);
      let team = byTeam.get(row.team);
      if (!team) byTeam.set(row.team, (team = new Map()));
      let p = team.get(row.email);
      if (!p) team.set(row.email, (p = { name: [row.first_name, row.last_name].filter(Boolean).join(' ') || row.email, email: row.email, products: [], lastAccessed: '' }));
      p.products.push(row.product_name);
      if (row.last_accessed > p.lastAccessed) p.lastAccessed = row.last_accessed;
    }
    const d = s.info.data;
    return {
      inactiveUsers: users.size, range, rangeLabel: rangeDatesLabel(s.from, s.to),
      dataNote: d.endsOnDataByDefault ? `${d.freshness.label}: the range ends on that day, and nobody is counted inactive after it.` : '',
      teams: [...byTeam].sort(([a], [b]) => a.localeCompare(b)).map(([team, people]) => ({ team, people: [...people.values()] })),
    };
  }

  /** The Export page's tables for the view's team and range (SPEC §5.3), pseudonymised as the view is. */
  exportTables(view: ReportViewState, sections: readonly ExportSection[], today: Day): { tables: ExportTable[]; info: ScopeInfo } {
    const s = this.scope(view, today);
    return { info: s.info, tables: sections.map((x) => sectionTable(this.ws, x, { team: view.team, from: s.from, to: s.to, mask: s.mask, today })) };
  }

  /** People matching a search, for the assign pickers; pseudonymised when the team's data is off. */
  findPeople(q: string, team: string | null, limit = 50): { userRef: string; label: string }[] {
    const mask = this.maskForView(team);
    const needle = q.trim().toLowerCase();
    const out: { userRef: string; label: string }[] = [];
    const ws = this.ws;
    for (let u = 0; u < ws.users.length && out.length < limit; u++) {
      const shown = shownPerson(ws, u, mask);
      const label = mask ? shown.name : `${shown.name} <${shown.email}>`;
      if (needle && !(mask ? label : ws.userSearchText[u]!).includes(needle)) continue;
      out.push({ userRef: shown.userRef, label });
    }
    return out;
  }

  /**
   * The queue as it may be shown or exported: every change's person as a
   * pseudonym when any team's personal data is off (the queue is an all-teams view).
   */
  async presentableChanges(): Promise<Change[]> {
    if (!viewIsPseudonymised(null, this.privacy.personalDataOff)) return this.changes;
    const pseudonyms = await pseudonymsFor(keyFromHex(this.privacy.key), this.changes.map((c) => c.userKey));
    return this.changes.map((c, i) => ({ ...c, email: pseudonyms[i]!, firstName: 'user', lastName: pseudonyms[i]!.slice(5) }));
  }

  rowCount(): number {
    return this.snapshot ? this.snapshot.length : this.last?.rows.length ?? 0;
  }

  /** What the export's "Filters" sheet says about the view. */
  exportContext(now: Date = new Date()): ExportContext {
    const v = this.lastView;
    const r = this.last?.query;
    const any = (x: string | null, all: string) => x ?? all;
    return [
      ['Report', this.snapshotMode ? 'Usage Report (as exported by the portal)' : 'Usage Report'],
      ['Team', any(v?.team ?? null, 'All Teams')],
      ['Date range', this.snapshotMode ? 'As in the imported Usage Report' : this.lastLabel],
      ['From', r ? formatDay(r.from) : ''],
      ['To', r ? formatDay(r.to) : ''],
      ['Access option', v?.access ? (v.access === 'flex' ? 'Flex' : 'Subscription') : 'All'],
      ['User activity', v?.activity ? ACTIVITY_LABELS[v.activity] : 'All'],
      ['Seat assignment', v?.assignment ? (v.assignment === 'assigned' ? 'Assigned' : 'Unassigned') : 'All'],
      ['Product', any(v?.product ?? null, 'All')],
      ['Group', any(v?.group ?? null, 'All')],
      ['Search', v?.q ?? ''],
      ['Personal data', this.last?.mask || (this.snapshot && viewIsPseudonymised(v?.team ?? null, this.privacy.personalDataOff)) ? 'Pseudonymised (names and emails replaced)' : 'Shown'],
      ['Sort', v?.sort ? `${COLUMN_LABELS[v.sort.column]} (${v.sort.direction === 'asc' ? 'ascending' : 'descending'})` : 'Team, name'],
      ['Rows', String(this.rowCount())],
      ['Exported at', now.toISOString()],
    ];
  }
}
