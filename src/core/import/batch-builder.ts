/**
 * Turns the rows of one recognised export into an ImportBatch: validates each
 * cell, dictionary-encodes strings and appends events to growable typed arrays.
 * Pure: no DOM, no storage, so it runs in the import worker and in Node alike.
 */
import { NO_DAY, todayUtc, type Day } from '../vocabulary/days';
import {
  ACCESS_FLEX,
  ACCESS_SUBSCRIPTION,
  ACCESS_UNKNOWN,
  EVENTS_PER_CHUNK,
  METHOD_DEFAULT,
  METHOD_DIRECT,
  METHOD_GROUP,
  type AccessCode,
  type AssignmentRecord,
  type EventChunk,
  type GroupMembership,
  type ImportBatch,
  type ImportSource,
  type RowError,
  type SnapshotRow,
  type SubscriptionRecord,
  type UserRecord,
} from '../workspace/batch';
import { Interner } from '../workspace/interner';
import { packUsers, unpackUsers, type PackedUsers } from '../workspace/packed-users';
import type { ColumnMap, Field, Section } from '../vocabulary/sections';
import { clip, parseDate, parseNumber, slashOrderEvidence, type SlashOrder } from './parse-values';
import { canonicalSeatAssignment, canonicalUserActivity } from './report-values';

export type Cell = string | number | boolean | null | undefined;

const EMPTY_MARKERS = new Set(['-', '–', '—', 'n/a', 'na', 'null', 'none', '(blank)']);

/** Stop listing row errors past this; the count goes on. */
const MAX_LISTED_ERRORS = 5_000;

/** Cells of a usage row's identity, one map level per column; the last level holds the event key. */
type IdentityNode = Map<Cell, IdentityNode> | number;

/** Distinct usage rows remembered per file. */
const MAX_REMEMBERED_ROWS = 500_000;
/** A person's keys searched in a list; past this many, in a map. */
const MAX_LISTED_KEYS = 16;
/**
 * A key's (team, product) pair is team × PRODUCT_SPAN + product (team < 2^13, product < 2^14: a small
 * integer); with the user (< 2^26) it makes one exact double, the map's key past MAX_LISTED_KEYS.
 */
const PRODUCT_SPAN = 16_384;
const manyKeyId = (pair: number, user: number) => pair * 67_108_864 + user;

/** A key's versions: none, one (the usual case), or several in the order first read. */
type Versions = string | Set<string> | undefined;
const versionList = (v: Versions): string[] => (v === undefined ? [] : typeof v === 'string' ? [v] : [...v]);
/**
 * Rows looked up before judging whether remembering pays: a file whose rows mostly differ in who,
 * what or how from every row before (sparse use, or rows sorted by person and product, where the
 * previous row answers the repeats) would only pay the memory, so it is read without the memory.
 */
const MEMO_TRIAL_ROWS = 50_000;

/** A person's later row in the same file: its names and role win, the first ids found stay. */
export function completeBatchUser(u: UserRecord, record: UserRecord): void {
  if (record.firstName) u.firstName = record.firstName;
  if (record.lastName) u.lastName = record.lastName;
  if (record.role) u.role = record.role;
  if (record.hashedId && !u.hashedId) u.hashedId = record.hashedId;
  if (record.autodeskId && !u.autodeskId) u.autodeskId = record.autodeskId;
}

export function parseAccessOption(text: string): AccessCode {
  const t = text.trim().toLowerCase();
  if (!t) return ACCESS_UNKNOWN;
  if (t.includes('flex') || t.includes('token')) return ACCESS_FLEX;
  return ACCESS_SUBSCRIPTION;
}

/** Portal-masked names (`*****`) carry nothing and must not overwrite real ones. */
function cleanName(text: string): string {
  const t = text.trim();
  return /^\*+$/.test(t) ? '' : t;
}

/**
 * An identifier (email, hashed id, Autodesk ID) as it identifies a person, or ''
 * for a mask such as `*****`, `N/A` or `-`: masks identify nobody (docs/identity.md).
 */
export function identifier(text: string): string {
  const t = text.trim();
  if (!t || /^[*•x]+$/i.test(t) || EMPTY_MARKERS.has(t.toLowerCase()) || /^(unknown|undefined|#n\/a)$/i.test(t)) return '';
  return t;
}

/** A user's key within one batch: the first identifier it has, email first. */
export function userKeyOf(email: string, hashedId: string, autodeskId = ''): string {
  const e = identifier(email).toLowerCase();
  if (e) return `e:${e}`;
  const h = identifier(hashedId);
  if (h) return `h:${h}`;
  const a = identifier(autodeskId);
  return a ? `a:${a}` : '';
}

/**
 * What a builder read from a piece of a file, in plain data: another builder absorbs it (docs/import.md,
 * "Big files"). It crosses between workers, so people are packed into lists and a key's one version is a
 * text: a browser copies those far faster than many small records and lists.
 */
export interface BuilderPart {
  teams: string[];
  products: string[];
  users: PackedUsers;
  keyTeam: number[];
  keyUser: number[];
  keyProduct: number[];
  keyAccess: number[];
  keyOffering: number[];
  /** Each key's versions: '' when none, the text when one, the list when several. */
  keyVersions: (string | string[])[];
  evKey: Uint32Array;
  evDay: Uint16Array;
  evTokens: Float32Array;
  errors: RowError[];
  errorCount: number;
  rowsRead: number;
  slashEvidence: Record<SlashOrder, { count: number; row: number; value: string }>;
  future: { count: number; row: number; value: string };
}

export interface BuildResult {
  batch: ImportBatch;
  chunks: EventChunk[];
  errors: RowError[];
  errorCount: number;
}

export class BatchBuilder {
  private readonly teams = new Interner();
  private readonly products = new Interner();
  private readonly users: UserRecord[] = [];
  private readonly userIds = new Map<string, number>();
  private readonly assignments: AssignmentRecord[] = [];
  private readonly assignmentIds = new Map<string, number>();
  private readonly subscriptions = new Map<string, SubscriptionRecord>();
  private readonly groups: GroupMembership[] = [];
  private readonly snapshot: SnapshotRow[] = [];

  /**
   * Each person's keys: pairs of (team, product) and key, searched in order. A person has a few;
   * one with many more (a shared account) has them in `manyKeyIds` instead.
   */
  private readonly keysOfUser: number[][] = [];
  private readonly manyKeyIds = new Map<number, number>();
  private keyTeam: number[] = [];
  private keyUser: number[] = [];
  private keyProduct: number[] = [];
  private keyAccess: number[] = [];
  private keyVersions: Versions[] = [];
  private keyOffering: number[] = [];

  private evKey = new Uint32Array(EVENTS_PER_CHUNK);
  private evDay = new Uint16Array(EVENTS_PER_CHUNK);
  private evTokens = new Float32Array(EVENTS_PER_CHUNK);
  private evCount = 0;

  private readonly dateCache = new Map<string, Day>();
  /** Raw number cells already read (token amounts repeat): the same text reads the same. */
  private readonly numberCache = new Map<string, number>();
  /**
   * Usage rows repeat who, what and how on every day used: the cells other than
   * the day and the tokens lead, one map per column, to the event key an earlier
   * row of the same cells produced. Reading them again would give the same key and
   * change nothing.
   */
  private readonly usageKeys = new Map<Cell, IdentityNode>();
  private readonly usageIdentity: number[];
  private rememberedRows = 0;
  private memoHits = 0;
  private memoMisses = 0;
  private memoOff = false;
  private readonly previousIdentity: Cell[] = [];
  private previousKey = -1;
  /** The cells that make a person, as the last person read had them, and who they were: a person's rows come together. */
  private readonly personColumns: number[];
  private readonly lastPersonCells: Cell[] = [];
  private lastPerson = -1;
  private readonly errors: RowError[] = [];
  private errorCount = 0;
  private rowsRead = 0;

  constructor(
    readonly section: Section,
    private readonly columns: ColumnMap,
    private readonly header: readonly string[],
    private readonly slashOrder: SlashOrder,
  ) {
    this.usageIdentity = Object.entries(columns)
      .filter(([f, i]) => f !== 'day_used' && f !== 'tokens_used' && i !== undefined)
      .map(([, i]) => i as number);
    this.personColumns = (['email', 'hashed_autodesk_id', 'autodesk_id', 'first_name', 'last_name', 'role'] as const)
      .map((f) => columns[f])
      .filter((i): i is number => i !== undefined);
  }

  /** Slash dates that read only one way, over the whole file: the first row and value of each. */
  readonly slashEvidence: Record<SlashOrder, { count: number; row: number; value: string }> = {
    mdy: { count: 0, row: 0, value: '' },
    dmy: { count: 0, row: 0, value: '' },
  };
  get order(): SlashOrder {
    return this.slashOrder;
  }
  /** Usage dated after today: kept, but the admin is told (docs/import.md, "Dates"). */
  readonly future = { count: 0, row: 0, value: '' };
  private readonly today = todayUtc();

  get rowCount(): number {
    return this.rowsRead;
  }
  get columnMap(): ColumnMap {
    return this.columns;
  }
  get headerCells(): readonly string[] {
    return this.header;
  }

  /** Everything read so far, for another builder to absorb (usage sections only). */
  toPart(): BuilderPart {
    return {
      teams: this.teams.values,
      products: this.products.values,
      users: packUsers(this.users),
      keyTeam: this.keyTeam,
      keyUser: this.keyUser,
      keyProduct: this.keyProduct,
      keyAccess: this.keyAccess,
      keyOffering: this.keyOffering,
      keyVersions: this.keyVersions.map((v) => (v === undefined ? '' : typeof v === 'string' ? v : [...v])),
      evKey: this.evKey.slice(0, this.evCount),
      evDay: this.evDay.slice(0, this.evCount),
      evTokens: this.evTokens.slice(0, this.evCount),
      errors: this.errors,
      errorCount: this.errorCount,
      rowsRead: this.rowsRead,
      slashEvidence: this.slashEvidence,
      future: this.future,
    };
  }

  /**
   * Takes in what another builder read from the rest of the same file, as if
   * its rows had been added here one by one: names, keys and events in the same
   * order, later values winning as they would have. `lineOffset`: the lines read
   * here before the part's first one, so its row numbers name lines of the file.
   */
  absorb(part: BuilderPart, lineOffset: number): void {
    const teamOf = part.teams.map((t) => this.teams.id(t));
    const productOf = part.products.map((p) => this.products.id(p));
    this.lastPerson = -1; // people change below without a row
    const userOf = unpackUsers(part.users).map((u) => this.userId(u));
    const keyOf = new Uint32Array(part.keyTeam.length);
    for (let j = 0; j < part.keyTeam.length; j++) {
      const k = this.eventKey(
        teamOf[part.keyTeam[j]!]!,
        userOf[part.keyUser[j]!]!,
        productOf[part.keyProduct[j]!]!,
        part.keyAccess[j] as AccessCode,
      );
      keyOf[j] = k;
      const offering = part.keyOffering[j]!;
      if (offering >= 0) this.keyOffering[k] = productOf[offering]!;
      const versions = part.keyVersions[j]!;
      if (typeof versions !== 'string') for (const v of versions) this.addVersion(k, v);
      else if (versions) this.addVersion(k, versions);
    }
    for (let i = 0; i < part.evKey.length; i++) this.pushEvent(keyOf[part.evKey[i]!]!, part.evDay[i]!, part.evTokens[i]!);
    for (const e of part.errors) if (this.errors.length < MAX_LISTED_ERRORS) this.errors.push({ ...e, row: e.row + lineOffset });
    this.errorCount += part.errorCount;
    this.rowsRead += part.rowsRead;
    const firstOf = (mine: { count: number; row: number; value: string }, theirs: { count: number; row: number; value: string }) => {
      if (theirs.count > 0 && mine.count === 0) {
        mine.row = theirs.row + lineOffset;
        mine.value = theirs.value;
      }
      mine.count += theirs.count;
    };
    firstOf(this.slashEvidence.mdy, part.slashEvidence.mdy);
    firstOf(this.slashEvidence.dmy, part.slashEvidence.dmy);
    firstOf(this.future, part.future);
  }
  get errorTotal(): number {
    return this.errorCount;
  }

  private cell(row: readonly Cell[], field: Field): string {
    const i = this.columns[field];
    if (i === undefined) return '';
    const v = row[i];
    if (v === null || v === undefined) return '';
    return typeof v === 'string' ? v.trim() : String(v);
  }

  /** A date or number cell; placeholders such as `-` or `N/A` mean empty. */
  private raw(row: readonly Cell[], field: Field): string | number {
    const i = this.columns[field];
    if (i === undefined) return '';
    const v = row[i];
    if (typeof v === 'number') return v;
    if (v === null || v === undefined || typeof v === 'boolean') return '';
    const t = v.trim();
    return EMPTY_MARKERS.has(t.toLowerCase()) ? '' : t;
  }

  private fail(rowNumber: number, field: Field | null, value: string, reason: string): false {
    this.errorCount++;
    if (this.errors.length < MAX_LISTED_ERRORS) {
      const column = field && this.columns[field] !== undefined ? String(this.header[this.columns[field]!]) : (field ?? '');
      this.errors.push({ row: rowNumber, column, value: clip(value, 80), reason });
    }
    return false;
  }

  /** Date cell; NO_DAY when empty; undefined (and a row error) when unreadable. */
  private date(row: readonly Cell[], field: Field, rowNumber: number): Day | undefined {
    const cell = row[this.columns[field] ?? -1];
    // The untrimmed text is cached too: most cells are read once and then only looked up.
    if (typeof cell === 'string') {
      const hit = this.dateCache.get(cell);
      if (hit !== undefined) return hit;
    }
    const v = this.raw(row, field);
    if (v === '') return NO_DAY;
    const cacheKey = typeof v === 'number' ? `#${v}` : v;
    const cached = this.dateCache.get(cacheKey);
    if (cached !== undefined) return cached;
    if (typeof v === 'string') {
      // Every value votes on the day/month order, not a sample (docs/import.md, "Dates").
      const e = slashOrderEvidence(v);
      if (e) {
        const ev = this.slashEvidence[e];
        if (ev.count++ === 0) {
          ev.row = rowNumber;
          ev.value = v;
        }
      }
    }
    const r = parseDate(v, this.slashOrder);
    if (!r.ok) {
      this.fail(rowNumber, field, String(v), r.reason);
      return undefined;
    }
    if (this.dateCache.size < 100_000) {
      this.dateCache.set(ownCopy(cacheKey), r.day);
      if (typeof cell === 'string' && cell !== cacheKey) this.dateCache.set(ownCopy(cell), r.day);
    }
    return r.day;
  }

  /** Number cell; `empty` when blank; undefined (and a row error) when unreadable. */
  private number(row: readonly Cell[], field: Field, rowNumber: number, empty: number): number | undefined {
    const cell = row[this.columns[field] ?? -1];
    if (typeof cell === 'string') {
      const hit = this.numberCache.get(cell);
      if (hit !== undefined) return hit;
    }
    const v = this.raw(row, field);
    if (v === '') return empty;
    const r = parseNumber(v);
    if (!r.ok) {
      this.fail(rowNumber, field, String(v), r.reason);
      return undefined;
    }
    if (r.value < 0) {
      this.fail(rowNumber, field, String(v), 'must not be negative');
      return undefined;
    }
    if (typeof cell === 'string' && this.numberCache.size < 10_000) this.numberCache.set(ownCopy(cell), r.value);
    return r.value;
  }

  private user(row: readonly Cell[], rowNumber: number): number | undefined {
    // The same cells as the last person read make the same record, which that read already applied.
    const cols = this.personColumns;
    let same = this.lastPerson >= 0;
    for (let j = 0; same && j < cols.length; j++) same = row[cols[j]!] === this.lastPersonCells[j];
    if (same) return this.lastPerson;
    // Pseudonymised exports mask the email (`*****`): the hashed id or Autodesk ID identifies the user then.
    const email = identifier(this.cell(row, 'email'));
    const hashedId = identifier(this.cell(row, 'hashed_autodesk_id'));
    const autodeskId = identifier(this.cell(row, 'autodesk_id'));
    const key = userKeyOf(email, hashedId, autodeskId);
    if (!key) {
      const field: Field =
        this.columns.email !== undefined ? 'email' : this.columns.hashed_autodesk_id !== undefined ? 'hashed_autodesk_id' : 'autodesk_id';
      this.fail(rowNumber, field, this.cell(row, field), 'no email or user id');
      return undefined;
    }
    if (email && !email.includes('@')) {
      this.fail(rowNumber, 'email', email, 'is not an email address');
      return undefined;
    }
    const firstName = cleanName(this.cell(row, 'first_name'));
    const lastName = cleanName(this.cell(row, 'last_name'));
    const role = this.cell(row, 'role');
    const id = this.userId({ key, email: email.toLowerCase(), hashedId, autodeskId, firstName, lastName, role });
    for (let j = 0; j < cols.length; j++) this.lastPersonCells[j] = row[cols[j]!];
    this.lastPerson = id;
    return id;
  }

  /** The person's id in this batch; a later record's names and role win, the first ids found stay. */
  private userId(record: UserRecord): number {
    let id = this.userIds.get(record.key);
    if (id === undefined) {
      id = this.users.length;
      this.users.push(record); // the record is the caller's to give: built for this call alone
      this.userIds.set(record.key, id);
      return id;
    }
    completeBatchUser(this.users[id]!, record);
    return id;
  }

  private productName(row: readonly Cell[]): string {
    return this.cell(row, 'product_name') || this.cell(row, 'offering_name');
  }

  /** Adds one data row; `rowNumber` is the 1-based row in the file, for messages. */
  addRow(row: readonly Cell[], rowNumber: number): void {
    if (isBlankRow(row)) return;
    this.rowsRead++;
    switch (this.section) {
      case 'usage':
      case 'token_usage':
        this.addUsage(row, rowNumber);
        break;
      case 'users':
        this.addAssignment(row, rowNumber);
        break;
      case 'subscriptions':
        this.addSubscription(row, rowNumber);
        break;
      case 'groups':
        this.addGroup(row, rowNumber);
        break;
      case 'usage_report':
        this.addSnapshot(row, rowNumber);
        break;
    }
  }

  private addUsage(row: readonly Cell[], rowNumber: number): void {
    const known = this.knownUsageKey(row);
    if (known < 0) {
      const key = this.addUsageSlow(row, rowNumber);
      if (key !== undefined) this.rememberUsageKey(row, key);
      return;
    }
    const day = this.usageDay(row, rowNumber);
    if (day === undefined) return;
    const tokens = this.columns.tokens_used === undefined ? Number.NaN : this.number(row, 'tokens_used', rowNumber, 0);
    if (tokens === undefined) return;
    this.pushEvent(known, day, tokens);
  }

  /** The event key an earlier row with the same identity cells produced, or -1. */
  private knownUsageKey(row: readonly Cell[]): number {
    const cols = this.usageIdentity;
    const prev = this.previousIdentity;
    let same = prev.length === cols.length;
    for (let j = 0; same && j < cols.length; j++) same = row[cols[j]!] === prev[j];
    if (same) return this.previousKey;
    if (this.memoOff) return -1;
    let node: IdentityNode | undefined = this.usageKeys;
    for (let j = 0; node !== undefined && j < cols.length; j++) node = (node as Map<Cell, IdentityNode>).get(row[cols[j]!]);
    const found = typeof node === 'number';
    // Judged on the rows the previous row does not answer: a file sorted by person and product repeats
    // each identity in one run, and remembering would only pay the memory.
    if (found) this.memoHits++;
    else if (++this.memoMisses + this.memoHits === MEMO_TRIAL_ROWS && this.memoHits < this.memoMisses) {
      this.memoOff = true;
      this.usageKeys.clear();
      return -1;
    }
    if (!found) return -1;
    this.remember(row, node as number);
    return node as number;
  }

  private rememberUsageKey(row: readonly Cell[], key: number): void {
    this.remember(row, key);
    if (this.memoOff || this.rememberedRows >= MAX_REMEMBERED_ROWS) return;
    this.rememberedRows++;
    const cols = this.usageIdentity;
    let node = this.usageKeys;
    for (let j = 0; j < cols.length - 1; j++) {
      const cell = row[cols[j]!];
      let next = node.get(cell);
      if (next === undefined) node.set(ownCopy(cell), (next = new Map()));
      node = next as Map<Cell, IdentityNode>;
    }
    node.set(ownCopy(row[cols[cols.length - 1]!]), key);
  }

  private remember(row: readonly Cell[], key: number): void {
    const cols = this.usageIdentity;
    for (let j = 0; j < cols.length; j++) this.previousIdentity[j] = row[cols[j]!];
    this.previousKey = key;
  }

  /** The day of a usage row, checked; undefined (and a row error) when it cannot be stored. */
  private usageDay(row: readonly Cell[], rowNumber: number): Day | undefined {
    const day = this.date(row, 'day_used', rowNumber);
    if (day === undefined) return undefined;
    if (day === NO_DAY) {
      this.fail(rowNumber, 'day_used', '', 'no date');
      return undefined;
    }
    if (day > 65_535) {
      this.fail(rowNumber, 'day_used', String(this.raw(row, 'day_used')), 'is after 2149');
      return undefined;
    }
    if (day > this.today && this.future.count++ === 0) {
      this.future.row = rowNumber;
      this.future.value = String(this.raw(row, 'day_used'));
    }
    return day;
  }

  /** Reads a usage row in full; returns its event key when the row was stored. */
  private addUsageSlow(row: readonly Cell[], rowNumber: number): number | undefined {
    const product = this.productName(row);
    if (!product) {
      this.fail(rowNumber, 'product_name', '', 'no product');
      return undefined;
    }
    const day = this.usageDay(row, rowNumber);
    if (day === undefined) return undefined;
    const tokens = this.columns.tokens_used === undefined ? Number.NaN : this.number(row, 'tokens_used', rowNumber, 0);
    if (tokens === undefined) return undefined;
    const user = this.user(row, rowNumber);
    if (user === undefined) return undefined;
    const team = this.teams.id(this.cell(row, 'team'));
    const productId = this.products.id(product);
    let access = parseAccessOption(this.cell(row, 'access_option'));
    if (access === ACCESS_UNKNOWN && this.section === 'token_usage') access = ACCESS_FLEX;
    const key = this.eventKey(team, user, productId, access);
    // The offering it was used under decides the report's row (a collection is one seat: docs/collections.md).
    const offering = this.cell(row, 'offering_name');
    if (offering && this.columns.product_name !== undefined) this.keyOffering[key] = this.products.id(offering);
    const version = this.cell(row, 'version') || this.cell(row, 'feature');
    if (version) this.addVersion(key, version);
    this.pushEvent(key, day, tokens);
    return key;
  }

  private eventKey(team: number, user: number, product: number, access: AccessCode): number {
    const pair = team * PRODUCT_SPAN + product;
    let k = this.findKey(user, pair);
    if (k < 0) {
      k = this.keyTeam.length;
      const own = (this.keysOfUser[user] ??= []);
      if (own.length < 2 * MAX_LISTED_KEYS) own.push(pair, k);
      else this.manyKeyIds.set(manyKeyId(pair, user), k);
      this.keyTeam.push(team);
      this.keyUser.push(user);
      this.keyProduct.push(product);
      this.keyAccess.push(access);
      this.keyVersions.push(undefined);
      this.keyOffering.push(-1);
    } else if (access !== ACCESS_UNKNOWN) {
      this.keyAccess[k] = access;
    }
    return k;
  }

  /** The key of a person's (team, product) pair, or -1. */
  private findKey(user: number, pair: number): number {
    const own = this.keysOfUser[user];
    if (own === undefined) return -1;
    for (let i = 0; i < own.length; i += 2) if (own[i] === pair) return own[i + 1]!;
    return own.length < 2 * MAX_LISTED_KEYS ? -1 : (this.manyKeyIds.get(manyKeyId(pair, user)) ?? -1);
  }

  private addVersion(key: number, version: string): void {
    const v = this.keyVersions[key];
    if (v === undefined) this.keyVersions[key] = ownCopy(version);
    else if (typeof v === 'string') {
      if (v !== version) this.keyVersions[key] = new Set([v, ownCopy(version)]);
    } else if (!v.has(version)) v.add(ownCopy(version));
  }

  private pushEvent(key: number, day: Day, tokens: number): void {
    if (this.evCount === this.evKey.length) {
      const n = this.evKey.length * 2;
      const k = new Uint32Array(n);
      k.set(this.evKey);
      this.evKey = k;
      const d = new Uint16Array(n);
      d.set(this.evDay);
      this.evDay = d;
      const t = new Float32Array(n);
      t.set(this.evTokens);
      this.evTokens = t;
    }
    this.evKey[this.evCount] = key;
    this.evDay[this.evCount] = day;
    this.evTokens[this.evCount] = tokens;
    this.evCount++;
  }

  private addAssignment(row: readonly Cell[], rowNumber: number): void {
    const assigned = this.date(row, 'assigned_date', rowNumber);
    if (assigned === undefined) return;
    const unassigned = this.date(row, 'unassigned_date', rowNumber);
    if (unassigned === undefined) return;
    if (assigned !== NO_DAY && unassigned !== NO_DAY && unassigned < assigned) {
      this.fail(rowNumber, 'unassigned_date', String(this.raw(row, 'unassigned_date')), 'is before the assigned date');
      return;
    }
    const user = this.user(row, rowNumber);
    if (user === undefined) return;
    const product = this.productName(row);
    if (!product) return; // a user listed without a product: names and role only
    const team = this.teams.id(this.cell(row, 'team'));
    const productId = this.products.id(product);
    const group = this.cell(row, 'group');
    const isDefault = /default/i.test(this.cell(row, 'group_type'));
    const record: AssignmentRecord = {
      team,
      user,
      product: productId,
      offering: this.cell(row, 'offering_name'),
      access: parseAccessOption(this.cell(row, 'access_option')),
      assigned,
      unassigned,
      group,
      method: isDefault ? METHOD_DEFAULT : group ? METHOD_GROUP : METHOD_DIRECT,
    };
    // Each product row of a collection is kept: the merge folds them into one seat and learns what the collection holds.
    const id = `${team}|${user}|${productId}|${record.offering}`;
    const existing = this.assignmentIds.get(id);
    if (existing === undefined) {
      this.assignmentIds.set(id, this.assignments.length);
      this.assignments.push(record);
    } else {
      this.assignments[existing] = record; // the later row of the same file wins
    }
  }

  private addSubscription(row: readonly Cell[], rowNumber: number): void {
    const id = this.cell(row, 'subscription_id');
    if (!id) {
      this.fail(rowNumber, 'subscription_id', '', 'no subscription id');
      return;
    }
    const seats = this.number(row, 'seat_quantity', rowNumber, 0);
    const start = this.date(row, 'start_date', rowNumber);
    const end = this.date(row, 'end_date', rowNumber);
    const autorenew = this.date(row, 'autorenew_date', rowNumber);
    if (seats === undefined || start === undefined || end === undefined || autorenew === undefined) return;
    const team = this.cell(row, 'team');
    this.subscriptions.set(`${team}|${id}`, {
      id,
      team,
      seats,
      start,
      end,
      autorenew,
      offering: this.cell(row, 'offering_name') || this.cell(row, 'product_name'),
      term: this.cell(row, 'term'),
      contract: this.cell(row, 'contract_number'),
      status: this.cell(row, 'subscription_status'),
      plan: this.cell(row, 'plan'),
    });
  }

  private addGroup(row: readonly Cell[], rowNumber: number): void {
    const group = this.cell(row, 'group');
    if (!group) {
      this.fail(rowNumber, 'group', '', 'no group name');
      return;
    }
    const user = this.user(row, rowNumber);
    if (user === undefined) return;
    const product = this.productName(row);
    this.groups.push({
      team: this.columns.team === undefined ? -1 : this.teams.id(this.cell(row, 'team')),
      user,
      product: product ? this.products.id(product) : -1,
      group,
      isDefault: /default/i.test(this.cell(row, 'group_type')),
    });
  }

  private addSnapshot(row: readonly Cell[], rowNumber: number): void {
    // One report row per user per offering: the offering is the row's product (the
    // post-2026 `Product` column holds it). `version` says nothing about the row.
    const product = this.cell(row, 'offering_name') || this.cell(row, 'product_name');
    if (!product) {
      this.fail(rowNumber, 'product_name', '', 'no product');
      return;
    }
    const assigned = this.date(row, 'assigned_date', rowNumber);
    const unassigned = this.date(row, 'unassigned_date', rowNumber);
    const lastAccessed = this.date(row, 'last_accessed', rowNumber);
    const daysUsed = this.number(row, 'days_used', rowNumber, Number.NaN);
    const monthlyAverage = this.number(row, 'monthly_average', rowNumber, Number.NaN);
    const daysInactive = this.number(row, 'days_inactive', rowNumber, Number.NaN);
    // An empty cell is 0 (the portal leaves it empty on subscription rows); no column at all is unknown.
    const tokensUsed = this.columns.tokens_used === undefined ? Number.NaN : this.number(row, 'tokens_used', rowNumber, 0);
    if (
      assigned === undefined ||
      unassigned === undefined ||
      lastAccessed === undefined ||
      daysUsed === undefined ||
      monthlyAverage === undefined ||
      daysInactive === undefined ||
      tokensUsed === undefined
    )
      return;
    const user = this.user(row, rowNumber);
    if (user === undefined) return;
    const orNull = (n: number) => (Number.isNaN(n) ? null : n);
    const team = this.teams.id(this.cell(row, 'team'));
    const productId = this.products.id(product);
    const access = parseAccessOption(this.cell(row, 'access_option'));
    // The portal's report also says who was assigned what, and when: that completes
    // the assignments of a workspace whose daily usage comes from elsewhere.
    if (assigned !== NO_DAY) {
      const group = this.cell(row, 'group');
      this.assignments.push({
        team,
        user,
        product: productId,
        offering: '',
        access,
        assigned,
        unassigned,
        group,
        method: group ? METHOD_GROUP : METHOD_DIRECT,
      });
    }
    this.snapshot.push({
      team,
      user,
      product: productId,
      access,
      group: this.cell(row, 'group'),
      assigned,
      unassigned,
      // Read in any case (`assigned`, `not_yet_active`), stored in the spelling shown and exported.
      seatAssignment: canonicalSeatAssignment(this.cell(row, 'seat_assignment')),
      userActivity: canonicalUserActivity(this.cell(row, 'user_activity')),
      daysUsed: orNull(daysUsed),
      monthlyAverage: orNull(monthlyAverage),
      lastAccessed,
      daysInactive: orNull(daysInactive),
      tokensUsed: orNull(tokensUsed),
    });
  }

  finish(source: Omit<ImportSource, 'rowsRead' | 'rowsSkipped'>): BuildResult {
    const chunks: EventChunk[] = [];
    for (let start = 0, seq = 0; start < this.evCount; start += EVENTS_PER_CHUNK, seq++) {
      const end = Math.min(this.evCount, start + EVENTS_PER_CHUNK);
      chunks.push({
        seq,
        key: this.evKey.slice(start, end),
        day: this.evDay.slice(start, end),
        tokens: this.evTokens.slice(start, end),
      });
    }
    const batch: ImportBatch = {
      source: { ...source, rowsRead: this.rowsRead, rowsSkipped: this.errorCount },
      teams: this.teams.values,
      products: this.products.values,
      users: this.users,
      assignments: this.assignments,
      subscriptions: [...this.subscriptions.values()],
      groups: this.groups,
      snapshot: this.snapshot,
      eventKeys: {
        team: Int32Array.from(this.keyTeam),
        user: Int32Array.from(this.keyUser),
        product: Int32Array.from(this.keyProduct),
        access: Uint8Array.from(this.keyAccess),
        versions: this.keyVersions.map((v) => versionList(v).join('\n')),
        offering: Int32Array.from(this.keyOffering),
      },
      eventCount: this.evCount,
    };
    return { batch, chunks, errors: this.errors, errorCount: this.errorCount };
  }
}

/**
 * A cell kept beyond its row as a string of its own: a cell cut from the parser's text may
 * hold on to the whole chunk it was cut from (a megabyte), for as long as it is kept.
 */
function ownCopy<T extends Cell>(cell: T): T {
  return (typeof cell === 'string' && cell.length >= 13 ? ` ${cell}`.slice(1) : cell) as T;
}

function isBlankRow(row: readonly Cell[]): boolean {
  for (const v of row) {
    if (v !== null && v !== undefined && v !== '' && !(typeof v === 'string' && v.trim() === '')) return false;
  }
  return true;
}
