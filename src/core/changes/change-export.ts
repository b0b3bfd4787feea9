/**
 * The queue's exports (docs/changes.md, "Exports"): pending assigns and unassigns as one CSV per
 * product in the portal's Import-to-Assign layout (Flex assigns in files of
 * their own, named with "Flex"), and an XLSX log of every change.
 */
import { zipSync } from 'fflate';
import { csvLine } from '../export/spreadsheet-cells';
import { writeWorkbook, type ExportTable, type WrittenWorkbook } from '../export/table';
import { STATE_LABELS, accessOf, type Change, type ChangeAction } from '../vocabulary/change';
import { IMPORT_TO_ASSIGN_HEADER } from './import-to-assign';

export interface ExportFile {
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
  /** Something the admin should know about the file (cells cut to fit, for instance). */
  note?: string;
}

const CSV_TYPE = 'text/csv;charset=utf-8';

const safeName = (s: string) =>
  s
    .replace(/[^A-Za-z0-9 _.&-]+/g, '')
    .trim()
    .replace(/\s+/g, '-') || 'product';

/**
 * One CSV per product (and team) of the pending changes of one action; Flex
 * assigns of a product go in a file of their own, since the portal asks for the
 * access option when the file is imported.
 */
export function importToAssignFiles(changes: readonly Change[], action: ChangeAction): ExportFile[] {
  const groups = new Map<string, Change[]>();
  for (const c of changes) {
    if (c.state !== 'pending' || c.action !== action) continue;
    const k = `${c.team}\u0000${c.product}\u0000${accessOf(c)}`;
    let l = groups.get(k);
    if (!l) groups.set(k, (l = []));
    l.push(c);
  }
  const enc = new TextEncoder();
  return [...groups.values()].map((list) => {
    const { team, product } = list[0]!;
    const flex = action === 'assign' && accessOf(list[0]!) === 'Flex';
    const lines = [csvLine(IMPORT_TO_ASSIGN_HEADER), ...list.map((c) => csvLine([c.firstName, c.lastName, c.email]))];
    return {
      fileName: `${action}-${safeName(product)}${flex ? '-Flex' : ''}${team ? `-${safeName(team)}` : ''}.csv`,
      mimeType: CSV_TYPE,
      bytes: enc.encode(`\ufeff${lines.join('\r\n')}\r\n`),
    };
  });
}

export const LOG_COLUMNS = [
  'id',
  'action',
  'team',
  'first_name',
  'last_name',
  'email',
  'product_name',
  'access_option',
  'reason',
  'queued_at',
  'state',
  'state_changed_at',
  'source',
] as const;

/** The log of every change as a table, written through the shared sheet writer (cells cut to fit are named). */
export function changeLogTable(changes: readonly Change[]): ExportTable {
  return {
    name: 'Changes',
    header: LOG_COLUMNS,
    kinds: LOG_COLUMNS.map((c) => (c === 'id' ? 'number' : 'text')),
    widths: [6, 10, 16, 14, 16, 30, 24, 14, 30, 20, 10, 20, 16],
    // An unassign takes away what the person holds: its access is the seat's unless it says Flex.
    rows: changes.map((c) => [
      c.id ?? null,
      c.action,
      c.team,
      c.firstName,
      c.lastName,
      c.email,
      c.product,
      accessOf(c),
      c.reason,
      c.queuedAt.replace('T', ' ').slice(0, 19),
      STATE_LABELS[c.state],
      c.stateAt.replace('T', ' ').slice(0, 19),
      c.source,
    ]),
  };
}

export function writeChangeLog(changes: readonly Change[]): WrittenWorkbook {
  return writeWorkbook([changeLogTable(changes)]);
}

export function changeLogXlsx(changes: readonly Change[]): Uint8Array {
  return writeChangeLog(changes).bytes;
}

/**
 * Several files become one zip; a single file goes as it is. Entries are
 * deflated: CSV shrinks about tenfold, for about 30 ms a megabyte in the worker.
 */
export function bundle(files: readonly ExportFile[], zipName: string): ExportFile | null {
  if (files.length === 0) return null;
  if (files.length === 1) return files[0]!;
  return { fileName: zipName, mimeType: 'application/zip', bytes: zipSync(Object.fromEntries(files.map((f) => [f.fileName, f.bytes]))) };
}
