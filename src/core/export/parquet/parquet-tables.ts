/**
 * The workspace as tables (docs/parquet.md): one table per Parquet file, each
 * column with its type, built from the merged workspace so that `report.sql`
 * and any other engine read the same rows the app reports on. The reader
 * (src/core/import/read-parquet.ts) turns the same tables back into a workspace.
 */
import { NO_DAY, parseIsoDay } from '../../vocabulary/days';
import type { NameMask } from '../../report/report';
import type { TokenPurchase } from '../../flex/flex-usage';
import type { Workspace } from '../../workspace/workspace';
import { ACCESS_FLEX } from '../../workspace/batch';
import { ACCESS_NAMES, DIRECT, METHOD_NAMES, TABLE_COLUMNS, type ColumnDef, type TableName } from '../../workspace/parquet-schema';

/** One chunk's values of a column, in the column's order; dates are days since 1970-01-01. */
export type ColumnValues = (string | number | null)[] | Int32Array | Float32Array | Float64Array;

export interface ParquetTable {
  /** File name without `.parquet`. */
  name: string;
  columns: readonly ColumnDef[];
  rowCount: number;
  /** The rows in chunks (one array per column each), so a large table is never held whole as JS values. */
  chunks(): Iterable<ColumnValues[]>;
}

/** Events per chunk: keeps the JS values of one chunk small, and is the files' row-group size. */
export const EVENTS_PER_ROW_GROUP = 131_072;

const orNull = (s: string) => (s === '' ? null : s);
const dayOrNull = (d: number) => (d === NO_DAY ? null : d);

function oneChunk(name: TableName, rows: (string | number | null)[][]): ParquetTable {
  const columns = TABLE_COLUMNS[name];
  return {
    name,
    columns,
    rowCount: rows.length,
    *chunks() {
      if (rows.length > 0) yield columns.map((_, c) => rows.map((r) => r[c]!));
    },
  };
}

/**
 * The workspace's tables. With `mask` (a view whose personal data is off, docs/report.md "Personal data"),
 * people are their pseudonyms exactly as in the other exports: no name, email, hashed id, Autodesk ID or role leaves.
 */
export function workspaceTables(ws: Workspace, purchases: readonly TokenPurchase[], mask: NameMask | null): ParquetTable[] {
  const access = (k: number) => (ws.keyAccess[k] === ACCESS_FLEX ? 'Flex' : 'Subscription');
  const team = (k: number) => ws.teams[ws.keyTeam[k]!]!;
  const product = (k: number) => ws.products[ws.keyProduct[k]!]!;

  const users = ws.users.map((u, i): (string | number | null)[] => {
    const p = mask?.pseudonyms[i];
    if (p) return [i, p, p, null, null, 'user', p.slice(5), null];
    return [
      i,
      u.key,
      orNull(u.email),
      orNull(u.hashedId),
      orNull(u.autodeskId ?? ''),
      orNull(u.firstName),
      orNull(u.lastName),
      orNull(u.role),
    ];
  });

  const rows: (string | number | null)[][] = [];
  const assignments: (string | number | null)[][] = [];
  for (let k = 0; k < ws.keyCount; k++) {
    rows.push([ws.keyUser[k]!, team(k), product(k), access(k), orNull(ws.keyVersions[k] ?? '')]);
    if (!ws.keyHasAssignment[k]) continue;
    const g = ws.keyGroup[k]!;
    assignments.push([
      ws.keyUser[k]!,
      team(k),
      product(k),
      access(k),
      dayOrNull(ws.keyAssigned[k]!),
      dayOrNull(ws.keyUnassigned[k]!),
      METHOD_NAMES[ws.keyMethod[k]!] ?? DIRECT,
      g >= 0 ? ws.groups[g]! : null,
    ]);
  }

  /** The tokens of keys k..end-1 (0 where a key's use charges none). */
  const eventTokens = (k: number, end: number, start: number, n: number) => {
    const out = new Float32Array(n);
    for (let key = k; key < end; key++) {
      const base = ws.keyTokenBase[key]!;
      if (base >= 0)
        out.set(ws.eventTokens.subarray(base, base + ws.eventStart[key + 1]! - ws.eventStart[key]!), ws.eventStart[key]! - start);
    }
    return out;
  };

  const events: ParquetTable = {
    name: 'events',
    columns: TABLE_COLUMNS.events,
    rowCount: ws.eventCount,
    *chunks() {
      // Whole keys per chunk, in key order and days ascending: the order the workspace keeps them in.
      let k = 0;
      while (k < ws.keyCount) {
        const start = ws.eventStart[k]!;
        let end = k;
        while (end < ws.keyCount && ws.eventStart[end + 1]! - start <= EVENTS_PER_ROW_GROUP) end++;
        if (end === k) end = k + 1; // one key with more events than a chunk: a chunk of its own
        const n = ws.eventStart[end]! - start;
        if (n > 0) {
          const user = new Int32Array(n);
          const teams: string[] = new Array(n);
          const products: string[] = new Array(n);
          const accesses: string[] = new Array(n);
          for (let key = k; key < end; key++) {
            const t = team(key),
              p = product(key),
              a = access(key);
            for (let i = ws.eventStart[key]! - start; i < ws.eventStart[key + 1]! - start; i++) {
              user[i] = ws.keyUser[key]!;
              teams[i] = t;
              products[i] = p;
              accesses[i] = a;
            }
          }
          yield [user, teams, products, accesses, Int32Array.from(ws.eventDay.subarray(start, start + n)), eventTokens(k, end, start, n)];
        }
        k = end;
      }
    },
  };

  const collections = Object.entries(ws.collectionProducts).flatMap(([c, ps]) => ps.map((p) => [c, p]));
  return [
    oneChunk(
      'teams',
      ws.teams.map((t) => [t]),
    ),
    oneChunk(
      'products',
      ws.products.map((p) => [p]),
    ),
    oneChunk('collections', collections),
    oneChunk('users', users),
    oneChunk('rows', rows),
    oneChunk('assignments', assignments),
    events,
    oneChunk(
      'subscriptions',
      ws.subscriptions.map((s) => [
        s.id,
        s.team,
        orNull(s.offering),
        s.seats,
        orNull(s.plan),
        orNull(s.term),
        dayOrNull(s.start),
        dayOrNull(s.end),
        dayOrNull(s.autorenew),
        orNull(s.contract),
        orNull(s.status),
      ]),
    ),
    oneChunk(
      'token_purchases',
      purchases.map((p) => [p.team, parseIsoDay(p.date) ?? NO_DAY, p.quantity, p.expiry ? parseIsoDay(p.expiry) : null, orNull(p.note)]),
    ),
    oneChunk(
      'usage_report',
      ws.snapshot.map((r) => [
        r.user,
        ws.teams[r.team]!,
        ws.products[r.product]!,
        ACCESS_NAMES[r.access],
        orNull(r.group),
        dayOrNull(r.assigned),
        dayOrNull(r.unassigned),
        orNull(r.seatAssignment),
        orNull(r.userActivity),
        r.daysUsed,
        r.monthlyAverage,
        dayOrNull(r.lastAccessed),
        r.daysInactive,
        r.tokensUsed,
      ]),
    ),
  ];
}
