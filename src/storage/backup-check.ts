/**
 * Checks the tables of a backup (or of a workspace that will not open) row by
 * row, so that a restore refuses a bad file before it replaces anything and a
 * salvage can leave out what is broken (docs/reliability.md, "Restore").
 * Every check names the table, the row (1-based, in the file's order) and what is wrong.
 */
import { SECTION_LABELS } from '../core/vocabulary/sections';
import type { StoredEventChunk, StoredImport, StoredSetting } from './workspace-db';
import { USER_TEXT_FIELDS, isPackedUsers } from '../core/workspace/packed-users';
import type { Change } from '../core/vocabulary/change';
import type { TokenPurchase } from '../core/flex/flex-usage';

/** The tables a backup holds; the cache is derived and never backed up. */
export const BACKUP_TABLES = ['imports', 'eventChunks', 'settings', 'changes', 'tokenPurchases'] as const;
export type BackupTable = (typeof BACKUP_TABLES)[number];

export interface BackupTables {
  imports: StoredImport[];
  eventChunks: StoredEventChunk[];
  settings: StoredSetting[];
  changes: Change[];
  tokenPurchases: TokenPurchase[];
}

export interface RowProblem {
  table: BackupTable | string;
  /** 1-based position in the table; 0 when the table itself is wrong. */
  row: number;
  /** How the row is known: its id, key or file name. */
  label: string;
  problem: string;
  /** Follows from another problem (a chunk of a malformed import): marked bad, not listed. */
  consequence?: boolean;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && !Number.isNaN(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isStrArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isStr);
const inRange = (v: unknown, lo: number, hi: number): boolean => isInt(v) && v >= lo && v < hi;

const SECTIONS = new Set(Object.keys(SECTION_LABELS));
const ACTIONS = new Set(['assign', 'unassign']);
const STATES = new Set(['pending', 'exported', 'applied', 'undone']);

/** Thrown inside a row check with the path of the bad field. */
class Bad extends Error {}
const need = (ok: boolean, what: string): void => {
  if (!ok) throw new Bad(what);
};

function strings(o: Obj, keys: readonly string[], path: string): void {
  for (const k of keys) need(isStr(o[k]), `${path}${k} is not text`);
}

function typed<T extends ArrayBufferView>(v: unknown, ctor: { new (n: number): T; name: string }, path: string, length?: number): T {
  need(v instanceof ctor, `${path} is not ${/^[AEIO]/.test(ctor.name) ? 'an' : 'a'} ${ctor.name}`);
  const a = v as T & { length: number };
  if (length !== undefined) need(a.length === length, `${path} holds ${a.length} values, not ${length}`);
  return a;
}

/** A batch's people, stored as lists (packed-users.ts) or, when stored earlier, as records; their number. */
function checkUsers(users: unknown): number {
  if (isPackedUsers(users)) {
    const p = users as unknown as Obj;
    const n = Array.isArray(p.key) ? p.key.length : 0;
    for (const k of [...USER_TEXT_FIELDS, 'autodeskId']) {
      const list = p[k];
      need(Array.isArray(list) && list.length === n, `batch.users.${k} is not a list of ${n} values, one a person`);
      // Each person's Autodesk ID may be missing (null): batches read before they were.
      const bad = (list as unknown[]).findIndex((v) => !isStr(v) && !(k === 'autodeskId' && v === null));
      need(bad < 0, `batch.users.${k}[${bad}] is not text`);
    }
    return n;
  }
  need(Array.isArray(users), 'batch.users is not a list');
  (users as unknown[]).forEach((u, i) => {
    need(isObj(u), `batch.users[${i}] is not a record`);
    strings(u as Obj, USER_TEXT_FIELDS, `batch.users[${i}].`);
    need((u as Obj).autodeskId === undefined || isStr((u as Obj).autodeskId), `batch.users[${i}].autodeskId is not text`);
  });
  return (users as unknown[]).length;
}

/** Checks one stored import: its source and every record of its batch. */
function checkImport(row: unknown): void {
  need(isObj(row), 'the row is not a record');
  const r = row as Obj;
  need(isInt(r.id) && r.id > 0, 'id is not a positive whole number');
  strings(r, ['fingerprint', 'importedAt'], '');
  need(isObj(r.batch), 'batch is missing');
  const b = r.batch as Obj;
  need(isObj(b.source), 'batch.source is missing');
  const s = b.source as Obj;
  strings(s, ['fileName', 'importedAt'], 'batch.source.');
  need(s.sheet === null || isStr(s.sheet), 'batch.source.sheet is not text');
  need(isStr(s.section) && SECTIONS.has(s.section), 'batch.source.section is not a known kind of export');
  for (const k of ['fileSize', 'lastModified', 'rowsRead', 'rowsSkipped']) need(isNum(s[k]), `batch.source.${k} is not a number`);
  need(isStrArray(s.notes), 'batch.source.notes is not a list of text');
  need(isStrArray(b.teams), 'batch.teams is not a list of text');
  need(isStrArray(b.products), 'batch.products is not a list of text');
  const users = checkUsers(b.users);
  const teams = (b.teams as string[]).length,
    products = (b.products as string[]).length;
  // Team, user and product are indexes into the batch's own lists (-1 allowed where the row may name none).
  const pointsInto = (x: Obj, p: string, teamFrom: number, productFrom: number) => {
    need(inRange(x.team, teamFrom, teams), `${p}team points at no team`);
    need(inRange(x.user, 0, users), `${p}user points at no user`);
    need(inRange(x.product, productFrom, products), `${p}product points at no product`);
  };
  const list = (k: string) => {
    need(Array.isArray(b[k]), `batch.${k} is not a list`);
    return b[k] as unknown[];
  };
  list('assignments').forEach((a, i) => {
    const p = `batch.assignments[${i}].`;
    need(isObj(a), `${p.slice(0, -1)} is not a record`);
    const x = a as Obj;
    pointsInto(x, p, 0, 0);
    strings(x, ['offering', 'group'], p);
    need(inRange(x.access, 0, 3), `${p}access is not an access code`);
    need(inRange(x.method, 0, 4), `${p}method is not a method code`);
    need(isInt(x.assigned) && isInt(x.unassigned), `${p}assigned or unassigned is not a day`);
  });
  list('subscriptions').forEach((x, i) => {
    const p = `batch.subscriptions[${i}].`;
    need(isObj(x), `${p.slice(0, -1)} is not a record`);
    strings(x as Obj, ['id', 'team', 'offering', 'term', 'contract', 'status', 'plan'], p);
    need(isNum((x as Obj).seats), `${p}seats is not a number`);
    for (const k of ['start', 'end', 'autorenew']) need(isInt((x as Obj)[k]), `${p}${k} is not a day`);
  });
  list('groups').forEach((x, i) => {
    const p = `batch.groups[${i}].`;
    need(isObj(x), `${p.slice(0, -1)} is not a record`);
    const g = x as Obj;
    pointsInto(g, p, -1, -1);
    need(isStr(g.group) && typeof g.isDefault === 'boolean', `${p}group or isDefault is malformed`);
  });
  list('snapshot').forEach((x, i) => {
    const p = `batch.snapshot[${i}].`;
    need(isObj(x), `${p.slice(0, -1)} is not a record`);
    const r2 = x as Obj;
    pointsInto(r2, p, 0, 0);
    need(inRange(r2.access, 0, 3), `${p}access is not an access code`);
    strings(r2, ['group', 'seatAssignment', 'userActivity'], p);
    for (const k of ['assigned', 'unassigned', 'lastAccessed']) need(isInt(r2[k]), `${p}${k} is not a day`);
    for (const k of ['daysUsed', 'monthlyAverage', 'daysInactive', 'tokensUsed'])
      need(r2[k] === null || isNum(r2[k]), `${p}${k} is not a number`);
  });
  need(isObj(b.eventKeys), 'batch.eventKeys is missing');
  const ek = b.eventKeys as Obj;
  const n = typed(ek.team, Int32Array, 'batch.eventKeys.team').length;
  const team = ek.team as Int32Array;
  const user = typed(ek.user, Int32Array, 'batch.eventKeys.user', n);
  const product = typed(ek.product, Int32Array, 'batch.eventKeys.product', n);
  typed(ek.access, Uint8Array, 'batch.eventKeys.access', n);
  const offering = ek.offering === undefined ? null : typed(ek.offering, Int32Array, 'batch.eventKeys.offering', n);
  need(isStrArray(ek.versions) && ek.versions.length === n, 'batch.eventKeys.versions is not one text per key');
  for (let i = 0; i < n; i++) {
    need(
      team[i]! >= 0 && team[i]! < teams && user[i]! >= 0 && user[i]! < users && product[i]! >= 0 && product[i]! < products,
      `batch.eventKeys entry ${i} points at no team, user or product`,
    );
    if (offering) need(offering[i]! >= -1 && offering[i]! < products, `batch.eventKeys.offering[${i}] points at no product`);
  }
  need(isInt(b.eventCount) && b.eventCount >= 0, 'batch.eventCount is not a whole number');
}

const MALFORMED_IMPORT = 'its import is malformed';

function checkChunk(row: unknown, keysOf: Map<number, number>, allImports: Set<unknown>): void {
  need(isObj(row), 'the row is not a record');
  const r = row as Obj;
  need(!allImports.has(r.importId) || keysOf.has(r.importId as number), MALFORMED_IMPORT);
  need(isInt(r.importId) && keysOf.has(r.importId), 'importId points at no import');
  need(isInt(r.seq) && r.seq >= 0, 'seq is not a whole number');
  const n = typed(r.key, Uint32Array, 'key').length;
  typed(r.day, Uint16Array, 'day', n);
  typed(r.tokens, Float32Array, 'tokens', n);
  const keys = keysOf.get(r.importId as number)!;
  const key = r.key as Uint32Array;
  for (let i = 0; i < n; i++) need(key[i]! < keys, `key[${i}] points at no event key of its import`);
}

function checkSetting(row: unknown): void {
  need(isObj(row), 'the row is not a record');
  const r = row as Obj;
  need(isStr(r.key) && r.key !== '', 'key is not text');
  need(r.value !== undefined, 'value is missing');
  const v = r.value;
  if (r.key === 'privacy') {
    need(isObj(v) && isStr(v.key) && /^[0-9a-f]*$/i.test(v.key), 'value.key is not a hex key');
    const off = (v as Obj).personalDataOff;
    need(off === undefined || isStrArray(off), 'value.personalDataOff is not a list of teams');
  } else if (r.key === 'columnPresets') {
    need(Array.isArray(v), 'value is not a list of column mappings');
    (v as unknown[]).forEach((p, i) => {
      need(
        isObj(p) && isStr(p.signature) && isStr(p.section) && SECTIONS.has(p.section) && isObj(p.columns),
        `value[${i}] is not a column mapping`,
      );
    });
  } else if (r.key === 'prices') {
    need(isObj(v) && isNum(v.tokenPrice) && isObj(v.seatPrice) && isObj(v.tokensPerDay), 'value is not a price table');
  } else if (r.key === 'notifications') {
    need(isObj(v) && typeof v.enabled === 'boolean' && isStr(v.start), 'value is not a reminder schedule');
  }
}

function checkChange(row: unknown): void {
  need(isObj(row), 'the row is not a record');
  const r = row as Obj;
  need(isInt(r.id) && r.id > 0, 'id is not a positive whole number');
  need(isStr(r.action) && ACTIONS.has(r.action), 'action is not assign or unassign');
  need(isStr(r.state) && STATES.has(r.state), 'state is not pending, exported, applied or undone');
  strings(r, ['team', 'userKey', 'email', 'firstName', 'lastName', 'product', 'source', 'reason', 'queuedAt', 'stateAt'], '');
}

function checkPurchase(row: unknown): void {
  need(isObj(row), 'the row is not a record');
  const r = row as Obj;
  need(isInt(r.id) && r.id > 0, 'id is not a positive whole number');
  strings(r, ['team', 'date', 'expiry', 'note'], '');
  need(/^\d{4}-\d{2}-\d{2}$/.test(r.date as string), 'date is not a YYYY-MM-DD date');
  need(isNum(r.quantity) && Number.isFinite(r.quantity), 'quantity is not a number');
}

function labelOf(table: string, row: unknown): string {
  if (!isObj(row)) return '';
  if (table === 'imports') {
    const name = isObj(row.batch) && isObj(row.batch.source) && isStr(row.batch.source.fileName) ? `, ${row.batch.source.fileName}` : '';
    return `id ${String(row.id)}${name}`;
  }
  if (table === 'eventChunks') return `import ${String(row.importId)}, chunk ${String(row.seq)}`;
  if (table === 'settings') return `key ${String(row.key)}`;
  return `id ${String(row.id)}`;
}

export interface TableCheck {
  problems: RowProblem[];
  /** Rows with a problem, by table, as 0-based positions. */
  bad: Map<string, Set<number>>;
}

/**
 * Checks every row of every table, and what ties rows together (each chunk's
 * import, each import's event count, unique keys). Missing tables count as empty.
 */
export function checkTables(raw: Record<string, unknown>): TableCheck {
  const problems: RowProblem[] = [];
  const bad = new Map<string, Set<number>>();
  const report = (table: string, index: number, row: unknown, problem: string) => {
    problems.push({
      table,
      row: index + 1,
      label: labelOf(table, row),
      problem,
      ...(problem === MALFORMED_IMPORT ? { consequence: true } : {}),
    });
    let set = bad.get(table);
    if (!set) bad.set(table, (set = new Set()));
    set.add(index);
  };
  for (const name of Object.keys(raw)) {
    if (!(BACKUP_TABLES as readonly string[]).includes(name))
      problems.push({ table: name, row: 0, label: '', problem: 'is not a table Seatwise knows' });
  }
  const rows = (name: BackupTable): unknown[] => {
    const t = raw[name];
    if (t === undefined) return [];
    if (!Array.isArray(t)) {
      problems.push({ table: name, row: 0, label: '', problem: 'is not a list of rows' });
      return [];
    }
    return t;
  };
  const run = (name: BackupTable, check: (row: unknown) => void, key: (row: Obj) => unknown) => {
    const seen = new Set<string>();
    rows(name).forEach((row, i) => {
      try {
        check(row);
        const k = JSON.stringify(key(row as Obj));
        if (seen.has(k)) throw new Bad(`the key ${k} appears twice`);
        seen.add(k);
      } catch (err) {
        if (!(err instanceof Bad)) throw err;
        report(name, i, row, err.message);
      }
    });
  };

  run('imports', checkImport, (r) => r.id);
  const imports = rows('imports');
  const badImports = bad.get('imports') ?? new Set<number>();
  // Event keys per import, so each chunk can be checked against its own import.
  const keysOf = new Map<number, number>();
  imports.forEach((r, i) => {
    if (badImports.has(i)) return;
    const x = r as StoredImport;
    keysOf.set(x.id!, x.batch.eventKeys.team.length);
  });
  const allImports = new Set(imports.map((r) => (isObj(r) ? r.id : undefined)));
  run(
    'eventChunks',
    (r) => checkChunk(r, keysOf, allImports),
    (r) => [r.importId, r.seq],
  );
  // Each good import's chunks must hold exactly the events it says it has.
  const held = new Map<number, number>();
  const badChunks = bad.get('eventChunks') ?? new Set<number>();
  rows('eventChunks').forEach((c, i) => {
    if (badChunks.has(i)) return;
    const x = c as StoredEventChunk;
    held.set(x.importId, (held.get(x.importId) ?? 0) + x.key.length);
  });
  imports.forEach((r, i) => {
    if (badImports.has(i)) return;
    const x = r as StoredImport;
    const n = held.get(x.id!) ?? 0;
    if (n !== x.batch.eventCount)
      report(
        'imports',
        i,
        r,
        `its event chunks hold ${n.toLocaleString('en')} events, not the ${x.batch.eventCount.toLocaleString('en')} it lists`,
      );
  });
  run('settings', checkSetting, (r) => r.key);
  run('changes', checkChange, (r) => r.id);
  run('tokenPurchases', checkPurchase, (r) => r.id);
  return { problems, bad };
}

/** "table imports, row 2 (id 7, jan.csv): batch.teams is not a list of text" */
export function describeProblem(p: RowProblem): string {
  if (p.row === 0) return `table ${p.table} ${p.problem}`;
  return `table ${p.table}, row ${p.row}${p.label ? ` (${p.label})` : ''}: ${p.problem}`;
}

/** The admin's message listing the first problems of a refused backup. */
export function describeProblems(all: readonly RowProblem[], shown = 3): string {
  const problems = all.filter((p) => !p.consequence);
  const first = problems.slice(0, shown).map(describeProblem).join('; ');
  const more =
    problems.length > shown
      ? `; and ${(problems.length - shown).toLocaleString('en')} more problem${problems.length - shown === 1 ? '' : 's'}`
      : '';
  return `${first}${more}`;
}
