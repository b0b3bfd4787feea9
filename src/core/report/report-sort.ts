/**
 * Sorting report rows by any column without a comparator: the rows are put in
 * the natural order (team, last name, first name, email, product), then sorted
 * stably by the column's value as a number, so ties keep the natural order. Most
 * columns (days, counts, ranks) span few values and are counted into place in
 * one pass; wider ones (tokens) in two, 16 bits of the value each.
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
  // Each row's value, rows taken in the natural order: a stable sort by it keeps ties in that order.
  const natural = naturalOrder(ws, rows);
  const value = new Uint32Array(n);
  let min = EMPTY,
    max = -1;
  for (let i = 0; i < n; i++) {
    let p = primary(natural[i]!);
    // A value that is not a whole number in range (none is expected) sorts with the empties rather than anywhere.
    if (!(p >= 0 && p < EMPTY) || !Number.isInteger(p)) p = EMPTY;
    else {
      if (desc) p = EMPTY - 1 - p;
      if (p < min) min = p;
      if (p > max) max = p;
    }
    value[i] = p;
  }
  // Offsets from the least value; the empties one past the greatest, so last.
  const span = max < min ? 0 : max - min + 1;
  for (let i = 0; i < n; i++) value[i] = value[i] === EMPTY ? span : value[i]! - min;
  // Days, ranks and counts span few values: counted into place in one pass. Wider values (tokens): the
  // low 16 bits, then the high ones, each value moving with its row.
  if (span <= 4 * n + 4_096) return countingPass(natural, value, 0, 0x7fffffff, span + 1, false).rows;
  const low = countingPass(natural, value, 0, 0xffff, 65_536, true);
  return countingPass(low.rows, low.values, 16, 0xffff, (span >>> 16) + 1, false).rows;
}

/**
 * `rows` stably sorted by the digit `(value >>> shift) & mask` of each row's value (in [0, buckets)):
 * one counting pass, no comparisons; the values moved with their rows when `carry`.
 */
function countingPass(
  rows: Uint32Array,
  value: Uint32Array,
  shift: number,
  mask: number,
  buckets: number,
  carry: boolean,
): { rows: Uint32Array; values: Uint32Array } {
  const n = rows.length;
  const starts = new Int32Array(buckets + 1);
  for (let j = 0; j < n; j++) starts[((value[j]! >>> shift) & mask) + 1]!++;
  for (let b = 1; b < starts.length; b++) starts[b]! += starts[b - 1]!;
  const out = new Uint32Array(n);
  const values = carry ? new Uint32Array(n) : value;
  for (let j = 0; j < n; j++) {
    const at = starts[(value[j]! >>> shift) & mask]!++;
    out[at] = rows[j]!;
    if (carry) values[at] = value[j]!;
  }
  return { rows: out, values };
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
    // Few rows: their ranks sorted, in a scratch reused between sorts (nothing to allocate and collect).
    if (scratch.length < n) scratch = new Float64Array(Math.max(n, scratch.length * 2));
    const keys = scratch.subarray(0, n);
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
