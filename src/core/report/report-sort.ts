/**
 * Sorting report rows by any column without a comparator: the rows are put in
 * the natural order (team, last name, first name, email, product), then sorted
 * stably by the column's value as a number, so ties keep the natural order. Most
 * columns (days, counts, ranks) span few values and are counted into place in
 * one pass; wider ones (tokens) in two passes of 16 bits each.
 */
import { NO_DAY } from '../vocabulary/days';
import type { ReportColumn } from '../vocabulary/report-columns';
import type { SortSpec } from '../vocabulary/report-query';
import type { NameMask } from './report';
import type { KeyFigures } from './scope-figures';
import type { Workspace } from '../workspace/workspace';

const EMPTY = 1_073_741_824; // 2^30: empty values sort last in either direction

type Primary = (k: number) => number;

function primaryOf(ws: Workspace, f: KeyFigures, column: ReportColumn, mask: NameMask | null): Primary {
  const dayOrEmpty = (d: number) => (d === NO_DAY ? EMPTY : d);
  switch (column) {
    case 'team':
      return (k) => ws.teamRank[ws.keyTeam[k]!]!;
    case 'first_name':
    case 'last_name':
    case 'email':
      if (mask) {
        const rank = mask.rank;
        return (k) => rank[ws.keyUser[k]!]!;
      } // never leak the order of real names
      return column === 'first_name'
        ? (k) => ws.firstNameRank[ws.keyUser[k]!]!
        : column === 'last_name'
          ? (k) => ws.lastNameRank[ws.keyUser[k]!]!
          : (k) => ws.emailRank[ws.keyUser[k]!]!;
    case 'product_name':
      return (k) => ws.productRank[ws.keyProduct[k]!]!;
    case 'access_option':
      return (k) => ws.keyAccess[k]!;
    case 'group':
      return (k) => (ws.keyGroup[k]! < 0 ? EMPTY : ws.groupRank[ws.keyGroup[k]!]!);
    case 'assigned_date':
      return (k) => (ws.keyHasAssignment[k] ? dayOrEmpty(ws.keyAssigned[k]!) : EMPTY);
    case 'unassigned_date':
      return (k) => (ws.keyHasAssignment[k] ? dayOrEmpty(ws.keyUnassigned[k]!) : EMPTY);
    case 'seat_assignment':
      return (k) => 1 - f.assignedAtTo[k]!; // "Assigned" before "Unassigned"
    case 'user_activity':
      return (k) => (f.activity[k] === 0 ? EMPTY : f.activity[k]!);
    case 'days_used':
    case 'monthly_average':
      return (k) => f.daysUsed[k]!;
    case 'last_accessed':
      return (k) => dayOrEmpty(f.lastAccessed[k]!);
    case 'days_inactive':
      return (k) => dayOrEmpty(f.daysInactive[k]!);
    case 'tokens_used':
      return (k) => Math.min(EMPTY - 1, Math.round(f.tokens[k]! * 100));
  }
}

let scratch = new Float64Array(0);
let primaries = new Int32Array(0);

export function sortRowKeys(
  ws: Workspace,
  r: { rows: Uint32Array; figures: KeyFigures; mask?: NameMask | null },
  sort: SortSpec | null,
): Uint32Array {
  const rows = r.rows;
  const n = rows.length;
  // Pseudonymised views must not reveal the order of real names: by default they sort by pseudonym.
  const effective: SortSpec | null = sort ?? (r.mask ? { column: 'email', direction: 'asc' } : null);
  if (effective === null) return naturalOrder(ws, rows);
  const primary = primaryOf(ws, r.figures, effective.column, r.mask ?? null);
  const desc = effective.direction === 'desc';
  // Each row's primary value, rows taken in the natural order: a stable sort by it keeps ties in that order.
  const natural = naturalOrder(ws, rows);
  if (primaries.length < n) primaries = new Int32Array(Math.max(n, primaries.length * 2));
  const ps = primaries.subarray(0, n);
  let min = EMPTY,
    max = -1;
  for (let i = 0; i < n; i++) {
    let p = primary(natural[i]!);
    // A value that is not a whole number in range (none is expected) sorts with the empties rather than anywhere.
    if (!(p >= 0 && p < EMPTY) || !Number.isInteger(p)) p = EMPTY;
    if (p !== EMPTY) {
      if (desc) p = EMPTY - 1 - p;
      if (p < min) min = p;
      if (p > max) max = p;
    }
    ps[i] = p;
  }
  // Days, ranks and counts span few values: counted into place, in one pass (no comparisons at all).
  if (max < min || max - min <= 4 * n + 4_096) return countingSort(natural, ps, min, max);
  return radixSort(natural, ps, min, max);
}

/** A stable counting sort of `rows` by `ps` (values in [min, max], or EMPTY: last). */
function countingSort(rows: Uint32Array, ps: Int32Array, min: number, max: number): Uint32Array {
  const n = rows.length;
  const span = Math.max(0, max - min + 1);
  const starts = new Int32Array(span + 2);
  for (let i = 0; i < n; i++) {
    const p = ps[i]!;
    starts[(p === EMPTY ? span : p - min) + 1]!++;
  }
  for (let b = 1; b < starts.length; b++) starts[b]! += starts[b - 1]!;
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const p = ps[i]!;
    out[starts[p === EMPTY ? span : p - min]!++] = rows[i]!;
  }
  return out;
}

/**
 * Wide-ranging values (tokens, a few rows by name): a stable sort of `ps` (values in [min, max], or EMPTY:
 * last) in two counting passes, on the low 16 bits of the value's offset from `min`, then the high ones.
 */
function radixSort(rows: Uint32Array, ps: Int32Array, min: number, max: number): Uint32Array {
  const n = rows.length;
  const empty = max - min + 1; // under 2^31: every value is in [0, EMPTY]
  const offset = new Uint32Array(n);
  for (let i = 0; i < n; i++) offset[i] = ps[i] === EMPTY ? empty : ps[i]! - min;
  const byLow = new Uint32Array(n);
  const starts = new Int32Array(65_537);
  for (let i = 0; i < n; i++) starts[(offset[i]! & 0xffff) + 1]!++;
  for (let b = 1; b < starts.length; b++) starts[b]! += starts[b - 1]!;
  for (let i = 0; i < n; i++) byLow[starts[offset[i]! & 0xffff]!++] = i;
  starts.fill(0);
  for (let i = 0; i < n; i++) starts[(offset[i]! >>> 16) + 1]!++;
  for (let b = 1; b < starts.length; b++) starts[b]! += starts[b - 1]!;
  const out = new Uint32Array(n);
  for (let j = 0; j < n; j++) {
    const i = byLow[j]!;
    out[starts[offset[i]! >>> 16]!++] = rows[i]!;
  }
  return out;
}

/** A scratch of n doubles, reused between sorts: no 8 bytes a row to allocate and collect each time. */
function scratchOf(n: number): Float64Array {
  if (scratch.length < n) scratch = new Float64Array(Math.max(n, scratch.length * 2));
  return scratch.subarray(0, n);
}

let marks = new Uint8Array(0);

/**
 * Rows in the natural order (team, last name, first name, email, product: `keyNaturalRank`). The rows are
 * distinct keys (a scan's), each once. Once the rows
 * are a good share of the keys (All Teams: 352,112 of 365,571 at 10M events), each row is marked at its
 * rank and the ranks read in order, one pass over the keys instead of a sort.
 */
function naturalOrder(ws: Workspace, rows: Uint32Array): Uint32Array {
  const n = rows.length;
  const nat = ws.keyNaturalRank;
  const byRank = ws.keyByNaturalRank;
  const out = new Uint32Array(n);
  if (ws.keyCount >= n * Math.log2(n + 1) * 4) {
    const keys = scratchOf(n);
    for (let i = 0; i < n; i++) keys[i] = nat[rows[i]!]!;
    keys.sort();
    for (let i = 0; i < n; i++) out[i] = byRank[keys[i]!]!;
    return out;
  }
  if (marks.length < ws.keyCount) marks = new Uint8Array(ws.keyCount);
  for (let i = 0; i < n; i++) marks[nat[rows[i]!]!] = 1;
  // Each mark is cleared as it is read, so the scratch is all zeros again once the n rows are out.
  for (let rank = 0, j = 0; j < n && rank < ws.keyCount; rank++) {
    if (marks[rank] === 1) {
      marks[rank] = 0;
      out[j++] = byRank[rank]!;
    }
  }
  return out;
}
