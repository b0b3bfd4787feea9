/**
 * A workspace exported as Parquet, back in (docs/parquet.md, "Back in"): the
 * zip of the Export page — or one trimmed or rebuilt elsewhere with the same
 * file and column names — read with hyparquet into batches that merge into the
 * same workspace. Keys keep their order, usage-only rows stay where they were,
 * and the collections' contents are learnt again, so the merge reproduces the
 * exported workspace exactly.
 */
import { unzipSync } from 'fflate';
import { parquetRead } from 'hyparquet';
import { NO_DAY, formatDay, parseIsoDay, type Day } from '../vocabulary/days';
import type { Section } from '../vocabulary/sections';
import {
  ACCESS_UNKNOWN,
  EVENTS_PER_CHUNK,
  METHOD_DEFAULT,
  METHOD_DIRECT,
  METHOD_GROUP,
  type AssignmentRecord,
  type EventChunk,
  type ImportBatch,
  type SnapshotRow,
  type SubscriptionRecord,
  type UserRecord,
} from '../workspace/batch';
import { accessCode, TABLE_NAMES, type TableName } from '../workspace/parquet-schema';
import { Interner } from '../workspace/interner';
import type { FileLike, FileOutcome, SheetOutcome } from './read-file';

const PAR1 = [0x50, 0x41, 0x52, 0x31];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const startsWith = (head: Uint8Array, magic: number[]) => magic.every((b, i) => head[i] === b);

/** The tables a workspace zip must hold; the others may be missing from a zip rebuilt elsewhere. */
const REQUIRED: readonly TableName[] = ['users', 'assignments', 'events'];

type Cell = string | number | bigint | boolean | Date | null | undefined;
type Column = ArrayLike<Cell>;
type Table = { rows: number; column(name: string): Column | null };

/**
 * The import's hook (read-file.ts): a lone Parquet file is refused with a word on what to drop
 * instead; a zip holding a workspace's Parquet files is read; anything else is not ours (null).
 */
export async function readParquetWorkspaceFile(file: FileLike & { source: Blob | string }, head: Uint8Array): Promise<FileOutcome | null> {
  if (typeof file.source === 'string') return null;
  if (startsWith(head, PAR1))
    return {
      ok: false,
      fileName: file.name,
      reason: `${file.name} is one table of a workspace exported as Parquet. Drop the whole zip from "Workspace as Parquet" (zip the folder again if it was unpacked).`,
    };
  if (!startsWith(head, ZIP) || !(await zipHoldsParquet(file.source))) return null;
  const parsed = await readParquetWorkspace(new Uint8Array(await file.source.arrayBuffer()), file);
  return parsed.outcome.ok && parsed.purchases.length ? { ...parsed.outcome, purchases: parsed.purchases } : parsed.outcome;
}

/** Whether the zip's directory (read from its end, without unpacking) names a `.parquet` file. */
async function zipHoldsParquet(blob: Blob): Promise<boolean> {
  const tailSize = Math.min(blob.size, 65_557); // the end record, and a comment of at most 65,535 bytes
  const tail = new Uint8Array(await blob.slice(blob.size - tailSize).arrayBuffer());
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  let end = -1;
  for (let i = tail.length - 22; i >= 0; i--)
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  if (end < 0) return false;
  const size = view.getUint32(end + 12, true),
    offset = view.getUint32(end + 16, true);
  if (offset + size > blob.size) return false;
  const dir = new Uint8Array(await blob.slice(offset, offset + size).arrayBuffer());
  const d = new DataView(dir.buffer, dir.byteOffset, dir.byteLength);
  const names = new TextDecoder();
  for (let p = 0; p + 46 <= dir.length && d.getUint32(p, true) === 0x02014b50; ) {
    const n = d.getUint16(p + 28, true);
    if (
      names
        .decode(dir.subarray(p + 46, p + 46 + n))
        .toLowerCase()
        .endsWith('.parquet')
    )
      return true;
    p += 46 + n + d.getUint16(p + 30, true) + d.getUint16(p + 32, true);
  }
  return false;
}

/** Reads every column of a Parquet file; dates stay days since 1970-01-01. */
async function readTable(bytes: Uint8Array): Promise<Table> {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const parts = new Map<string, { rowStart: number; data: Column }[]>();
  let rows = 0;
  await parquetRead({
    file,
    parsers: { dateFromDays: (days: number) => days },
    onChunk: (c) => {
      let l = parts.get(c.columnName);
      if (!l) parts.set(c.columnName, (l = []));
      l.push({ rowStart: c.rowStart, data: c.columnData as Column });
      rows = Math.max(rows, c.rowEnd);
    },
  });
  const columns = new Map<string, Column>();
  for (const [name, l] of parts) {
    l.sort((a, b) => a.rowStart - b.rowStart);
    if (l.length === 1) columns.set(name, l[0]!.data);
    else {
      const all: Cell[] = new Array(rows);
      for (const { rowStart, data } of l) for (let i = 0; i < data.length && rowStart + i < rows; i++) all[rowStart + i] = data[i];
      columns.set(name, all);
    }
  }
  return { rows, column: (name) => columns.get(name) ?? null };
}

const str = (v: Cell): string => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
const num = (v: Cell): number | null => (v === null || v === undefined || v === '' ? null : Number(v));
/** A date column: days (as written), a JS date, or ISO text from a file rebuilt by another tool. */
const day = (v: Cell): Day => {
  if (v === null || v === undefined || v === '') return NO_DAY;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return Math.floor(v.getTime() / 86_400_000);
  return parseIsoDay(String(v).slice(0, 10)) ?? NO_DAY;
};

/** A token purchase as the Flex page keeps it (src/core/flex/flex-usage.ts), ISO dates. */
export interface ParquetPurchase {
  team: string;
  date: string;
  quantity: number;
  /** '' for the default 12 months after purchase. */
  expiry: string;
  note: string;
}

export interface ParquetWorkspace {
  outcome: FileOutcome;
  /** Token purchases of token_purchases.parquet: they live apart from the imports (the Flex page). */
  purchases: ParquetPurchase[];
}

/** Reads the zip's bytes into the batches a workspace is merged from (docs/parquet.md, "Back in"). */
export async function readParquetWorkspace(zip: Uint8Array, file: FileLike): Promise<ParquetWorkspace> {
  const fileName = file.name;
  const refuse = (reason: string): ParquetWorkspace => ({ outcome: { ok: false, fileName, reason }, purchases: [] });
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip, { filter: (f) => f.name.toLowerCase().endsWith('.parquet') });
  } catch (err) {
    return refuse(`${fileName} could not be unpacked: ${err instanceof Error ? err.message : String(err)}.`);
  }
  // Files are found by name in any folder of the zip: one folder's worth is one workspace.
  const byName = new Map<string, Uint8Array>();
  for (const [path, bytes] of Object.entries(entries)) byName.set(path.split('/').pop()!.toLowerCase(), bytes);
  const missing = REQUIRED.filter((t) => !byName.has(`${t}.parquet`));
  if (missing.length)
    return refuse(`${fileName} is not a workspace exported as Parquet: it lacks ${missing.map((t) => `${t}.parquet`).join(', ')}.`);

  const tables = new Map<TableName, Table>();
  for (const name of TABLE_NAMES) {
    const bytes = byName.get(`${name}.parquet`);
    if (!bytes) continue;
    try {
      tables.set(name, await readTable(bytes));
    } catch (err) {
      return refuse(`${name}.parquet in ${fileName} could not be read: ${err instanceof Error ? err.message : String(err)}.`);
    }
  }
  const need = (t: TableName, columns: readonly string[]): Column[] | string => {
    const table = tables.get(t);
    if (!table) return columns.map(() => []);
    const found = columns.map((c) => table.column(c));
    const lacking = columns.filter((_, i) => !found[i] && table.rows > 0);
    return lacking.length
      ? `${t}.parquet lacks the column${lacking.length > 1 ? 's' : ''} ${lacking.join(', ')}`
      : found.map((c) => c ?? []);
  };
  const rowsOf = (t: TableName) => tables.get(t)?.rows ?? 0;

  const userCols = need('users', ['user_id', 'user_key', 'email', 'hashed_id', 'autodesk_id', 'first_name', 'last_name', 'role']);
  const rowCols = need('rows', ['user_id', 'team', 'product_name', 'access_option', 'versions']);
  const asgCols = need('assignments', [
    'user_id',
    'team',
    'product_name',
    'access_option',
    'assigned_date',
    'unassigned_date',
    'method',
    'group_name',
  ]);
  const evCols = need('events', ['user_id', 'team', 'product_name', 'access_option', 'day', 'tokens']);
  for (const c of [userCols, rowCols, asgCols, evCols]) if (typeof c === 'string') return refuse(`${fileName}: ${c}.`);
  const [uId, uKey, uEmail, uHashed, uAdsk, uFirst, uLast, uRole] = userCols as Column[];
  const [rUser, rTeam, rProduct, rAccess, rVersions] = rowCols as Column[];
  const [aUser, aTeam, aProduct, aAccess, aAssigned, aUnassigned, aMethod, aGroup] = asgCols as Column[];
  const [eUser, eTeam, eProduct, eAccess, eDay, eTokens] = evCols as Column[];

  // The names in the workspace's own order first, so the merge numbers them as before.
  const teams = new Interner();
  const products = new Interner();
  const firstColumn = (t: TableName) => tables.get(t)?.column(t === 'teams' ? 'team' : 'product') ?? [];
  for (const t of Array.from(firstColumn('teams'))) teams.id(str(t));
  for (const p of Array.from(firstColumn('products'))) products.id(str(p));

  const users: UserRecord[] = [];
  const userIndex = new Map<number, number>();
  for (let i = 0; i < rowsOf('users'); i++) {
    const email = str(uEmail![i]),
      hashedId = str(uHashed![i]),
      autodeskId = str(uAdsk![i]);
    userIndex.set(num(uId![i]) ?? i, users.length);
    users.push({
      key: str(uKey![i]) || (email ? `e:${email}` : hashedId ? `h:${hashedId}` : `a:${autodeskId}`),
      email,
      hashedId,
      autodeskId,
      firstName: str(uFirst![i]),
      lastName: str(uLast![i]),
      role: str(uRole![i]),
    });
  }
  const userOf = (v: Cell, table: string, row: number): number => {
    const u = userIndex.get(num(v) ?? -1);
    if (u === undefined) throw new Error(`${table}.parquet, row ${row + 1}: user_id ${str(v)} is not in users.parquet`);
    return u;
  };

  // One key per team × person × offering, in rows.parquet's order, then any the other files add.
  const keyIds = new Map<string, number>();
  const ek = {
    team: [] as number[],
    user: [] as number[],
    product: [] as number[],
    access: [] as number[],
    offering: [] as number[],
    versions: [] as string[],
  };
  const keyOf = (team: string, user: number, product: string, access: string, versions = ''): number => {
    const t = teams.id(team),
      p = products.id(product);
    const id = `${t}\u0000${user}\u0000${p}`;
    let k = keyIds.get(id);
    if (k === undefined) {
      k = ek.team.length;
      keyIds.set(id, k);
      // Naming the row's own product as the offering its use was under keeps a usage-only row where it stood.
      pushKey(t, user, p, accessCode(access || null), p, versions);
    }
    return k;
  };
  const pushKey = (t: number, u: number, p: number, access: number, offering: number, versions: string) => {
    ek.team.push(t);
    ek.user.push(u);
    ek.product.push(p);
    ek.access.push(access);
    ek.offering.push(offering);
    ek.versions.push(versions);
  };

  let assignments: AssignmentRecord[];
  let chunks: EventChunk[];
  let eventCount: number;
  try {
    for (let i = 0; i < rowsOf('rows'); i++)
      keyOf(str(rTeam![i]), userOf(rUser![i], 'rows', i), str(rProduct![i]), str(rAccess![i]), str(rVersions![i]));
    assignments = [];
    for (let i = 0; i < rowsOf('assignments'); i++) {
      const user = userOf(aUser![i], 'assignments', i);
      const team = str(aTeam![i]),
        product = str(aProduct![i]),
        access = str(aAccess![i]);
      keyOf(team, user, product, access);
      const method = str(aMethod![i]);
      assignments.push({
        team: teams.id(team),
        user,
        product: products.id(product),
        offering: '',
        access: accessCode(access || null),
        assigned: day(aAssigned![i]),
        unassigned: day(aUnassigned![i]),
        group: str(aGroup![i]),
        method: method === 'group' ? METHOD_GROUP : method === 'default' ? METHOD_DEFAULT : METHOD_DIRECT,
      });
    }
    eventCount = rowsOf('events');
    chunks = [];
    for (let start = 0, seq = 0; start < eventCount; start += EVENTS_PER_CHUNK, seq++) {
      const n = Math.min(EVENTS_PER_CHUNK, eventCount - start);
      const chunk: EventChunk = { seq, key: new Uint32Array(n), day: new Uint16Array(n), tokens: new Float32Array(n) };
      for (let j = 0; j < n; j++) {
        const i = start + j;
        chunk.key[j] = keyOf(str(eTeam![i]), userOf(eUser![i], 'events', i), str(eProduct![i]), str(eAccess![i]));
        chunk.day[j] = day(eDay![i]);
        chunk.tokens[j] = num(eTokens![i]) ?? 0;
      }
      chunks.push(chunk);
    }
  } catch (err) {
    return refuse(`${fileName}: ${err instanceof Error ? err.message : String(err)}.`);
  }

  // What each collection contains, learnt again through usage named under it (docs/collections.md); each such
  // entry is followed by one naming the product itself, so no row moves: the merge drops the entries' empty rows.
  const collections = tables.get('collections');
  if (collections && ek.team.length > 0) {
    const cc = collections.column('collection') ?? [],
      cp = collections.column('product') ?? [];
    const firstWith = new Map<number, number>();
    ek.product.forEach((p, k) => {
      if (!firstWith.has(p)) firstWith.set(p, k);
    });
    for (let i = 0; i < collections.rows; i++) {
      const c = products.id(str(cc[i])),
        p = products.id(str(cp[i]));
      const anchor = firstWith.get(p) ?? 0;
      pushKey(ek.team[anchor]!, ek.user[anchor]!, p, ACCESS_UNKNOWN, c, '');
      pushKey(ek.team[anchor]!, ek.user[anchor]!, p, ACCESS_UNKNOWN, p, '');
    }
  }

  const subscriptions = readSubscriptions(tables.get('subscriptions'));
  let snapshot: SnapshotRow[];
  try {
    snapshot = readSnapshot(tables.get('usage_report'), teams, products, (v, i) => userOf(v, 'usage_report', i));
  } catch (err) {
    return refuse(`${fileName}: ${err instanceof Error ? err.message : String(err)}.`);
  }
  const purchases = readPurchases(tables.get('token_purchases'));

  const notes = [`${fileName}: read as a workspace exported as Parquet.`];
  if (purchases.length)
    notes.push(
      `${fileName}: its ${purchases.length} token purchase${purchases.length === 1 ? '' : 's'} come${purchases.length === 1 ? 's' : ''} in with it (one already entered is not entered twice).`,
    );
  const importedAt = new Date().toISOString();
  const batch = (sheet: string, section: Section, rowsRead: number, fill: Partial<ImportBatch>): SheetOutcome => ({
    sheet,
    section,
    result: {
      batch: {
        source: {
          fileName,
          sheet,
          section,
          fileSize: file.size,
          lastModified: file.lastModified,
          rowsRead,
          rowsSkipped: 0,
          importedAt,
          notes,
        },
        teams: teams.values,
        products: products.values,
        users,
        assignments: [],
        subscriptions: [],
        groups: [],
        snapshot: [],
        eventKeys: {
          team: new Int32Array(0),
          user: new Int32Array(0),
          product: new Int32Array(0),
          access: new Uint8Array(0),
          versions: [],
        },
        eventCount: 0,
        ...fill,
      },
      chunks: sheet === 'events.parquet' ? chunks : [],
      errors: [],
      errorCount: 0,
    },
  });
  // The keys and their use first, then the assignments: the merge numbers keys in the order it meets them.
  const sheets: SheetOutcome[] = [
    batch('events.parquet', 'usage', eventCount, {
      eventKeys: {
        team: Int32Array.from(ek.team),
        user: Int32Array.from(ek.user),
        product: Int32Array.from(ek.product),
        access: Uint8Array.from(ek.access),
        offering: Int32Array.from(ek.offering),
        versions: ek.versions,
      },
      eventCount,
    }),
    batch('assignments.parquet', 'users', assignments.length, { assignments }),
  ];
  if (subscriptions.length)
    sheets.push(batch('subscriptions.parquet', 'subscriptions', subscriptions.length, { subscriptions, users: [] }));
  if (snapshot.length) sheets.push(batch('usage_report.parquet', 'usage_report', snapshot.length, { snapshot }));
  return { outcome: { ok: true, fileName, sheets, notes }, purchases };
}

function readSubscriptions(t: Table | undefined): SubscriptionRecord[] {
  if (!t) return [];
  const c = (name: string) => t.column(name) ?? [];
  const [id, team, offering, seats, plan, term, start, end, autorenew, contract, status] = [
    'subscription_id',
    'team',
    'offering_name',
    'seat_quantity',
    'plan',
    'term',
    'start_date',
    'end_date',
    'autorenew_date',
    'contract_number',
    'subscription_status',
  ].map(c);
  return Array.from({ length: t.rows }, (_, i) => ({
    id: str(id![i]),
    team: str(team![i]),
    offering: str(offering![i]),
    seats: num(seats![i]) ?? 0,
    start: day(start![i]),
    end: day(end![i]),
    autorenew: day(autorenew![i]),
    term: str(term![i]),
    contract: str(contract![i]),
    status: str(status![i]),
    plan: str(plan![i]),
  }));
}

function readSnapshot(t: Table | undefined, teams: Interner, products: Interner, userOf: (v: Cell, row: number) => number): SnapshotRow[] {
  if (!t) return [];
  const c = (name: string) => t.column(name) ?? [];
  return Array.from({ length: t.rows }, (_, i) => ({
    team: teams.id(str(c('team')[i])),
    user: userOf(c('user_id')[i], i),
    product: products.id(str(c('product_name')[i])),
    access: accessCode(str(c('access_option')[i]) || null),
    group: str(c('group_name')[i]),
    assigned: day(c('assigned_date')[i]),
    unassigned: day(c('unassigned_date')[i]),
    seatAssignment: str(c('seat_assignment')[i]),
    userActivity: str(c('user_activity')[i]),
    daysUsed: num(c('days_used')[i]),
    monthlyAverage: num(c('monthly_average')[i]),
    lastAccessed: day(c('last_accessed')[i]),
    daysInactive: num(c('days_inactive')[i]),
    tokensUsed: num(c('tokens_used')[i]),
  }));
}

function readPurchases(t: Table | undefined): ParquetPurchase[] {
  if (!t) return [];
  const c = (name: string) => t.column(name) ?? [];
  const iso = (v: Cell) => {
    const d = day(v);
    return d === NO_DAY ? '' : formatDay(d);
  };
  return Array.from({ length: t.rows }, (_, i) => ({
    team: str(c('team')[i]),
    date: iso(c('purchase_date')[i]),
    quantity: num(c('quantity')[i]) ?? 0,
    expiry: iso(c('expiry_date')[i]),
    note: str(c('note')[i]),
  }));
}
