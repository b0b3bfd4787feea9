/**
 * "Include pending changes": the outstanding changes as one more import batch,
 * merged last, so the report shows their effect through the same merge rules
 * as any later export (an unassign completes the assignment with today's date).
 * An assign gives the access it names: a Flex assign turns the row into a Flex
 * row, which also stands for the unassign of that person's seat queued with it.
 */
import { NO_DAY, dayFromDate } from '../vocabulary/days';
import type { LoadedBatch } from '../workspace/workspace';
import { ACCESS_FLEX, ACCESS_SUBSCRIPTION, ACCESS_UNKNOWN, METHOD_DIRECT, METHOD_UNKNOWN, type ImportBatch } from '../workspace/batch';
import { accessOf, isOutstanding, type Change } from '../vocabulary/change';

export function overlayBatch(changes: readonly Change[]): LoadedBatch | null {
  const outstanding = changes.filter(isOutstanding);
  // One row per team × person × product: an unassign of the seat would otherwise end the Flex row that replaces it.
  const flexAssigned = new Set(
    outstanding.filter((c) => c.action === 'assign' && accessOf(c) === 'Flex').map((c) => `${c.team}\u0000${c.userKey}\u0000${c.product}`),
  );
  const live = outstanding.filter((c) => c.action !== 'unassign' || !flexAssigned.has(`${c.team}\u0000${c.userKey}\u0000${c.product}`));
  if (live.length === 0) return null;
  const teams: string[] = [],
    products: string[] = [];
  const users: ImportBatch['users'] = [];
  const index = <T>(list: T[], map: Map<string, number>, key: string, make: () => T) => {
    let i = map.get(key);
    if (i === undefined) {
      i = list.length;
      list.push(make());
      map.set(key, i);
    }
    return i;
  };
  const tm = new Map<string, number>(),
    pm = new Map<string, number>(),
    um = new Map<string, number>();
  const assignments: ImportBatch['assignments'] = live.map((c) => {
    const day = dayFromDate(new Date(c.queuedAt));
    return {
      team: index(teams, tm, c.team, () => c.team),
      user: index(users, um, c.userKey, () => ({
        key: c.userKey,
        email: c.userKey.startsWith('e:') ? c.email : '',
        hashedId: c.userKey.startsWith('h:') ? c.userKey.slice(2) : '',
        firstName: c.firstName,
        lastName: c.lastName,
        role: '',
      })),
      product: index(products, pm, c.product, () => c.product),
      offering: '',
      access: c.action === 'unassign' ? ACCESS_UNKNOWN : accessOf(c) === 'Flex' ? ACCESS_FLEX : ACCESS_SUBSCRIPTION,
      assigned: c.action === 'assign' ? day : NO_DAY,
      unassigned: c.action === 'unassign' ? day : NO_DAY,
      group: '',
      method: c.action === 'assign' ? METHOD_DIRECT : METHOD_UNKNOWN,
    };
  });
  const batch: ImportBatch = {
    source: {
      fileName: 'Pending changes',
      sheet: null,
      section: 'users',
      fileSize: 0,
      lastModified: 0,
      rowsRead: live.length,
      rowsSkipped: 0,
      importedAt: new Date().toISOString(),
      notes: [],
    },
    teams,
    products,
    users,
    assignments,
    subscriptions: [],
    groups: [],
    snapshot: [],
    eventKeys: { team: new Int32Array(0), user: new Int32Array(0), product: new Int32Array(0), access: new Uint8Array(0), versions: [] },
    eventCount: 0,
  };
  return { batch, chunks: [] };
}
