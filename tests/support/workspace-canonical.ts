/**
 * A workspace as plain data that does not depend on how the merge numbered keys, offerings and
 * seats: two merges of the same imports compare equal with `toEqual` however they numbered them.
 * Keys are named by their identity (team, user key, product); `basis` (merge bookkeeping) is left out.
 */
import { tokensAt, type Workspace } from '../../src/core/workspace/workspace';

const ranks = (r: Uint32Array): number[] => Array.from(r);

export function canonicalWorkspace(ws: Workspace): unknown {
  const n = ws.keyCount;
  const lengths = [ws.keyTeam, ws.keyUser, ws.keyProduct, ws.keyAccess, ws.keyHasAssignment, ws.keyAssigned, ws.keyUnassigned];
  const more = [ws.keyMethod, ws.keyGroup, ws.keyOffering, ws.keySeat, ws.keyTokenBase, ws.keyNaturalRank, ws.keyByNaturalRank];
  for (const column of [...lengths, ...more, ws.keyVersions]) if (column.length !== n) throw new Error('a key column is not keyCount long');
  if (ws.eventStart.length !== n + 1 || ws.eventStart[n] !== ws.eventCount || ws.eventDay.length !== ws.eventCount)
    throw new Error('eventStart, eventDay and eventCount disagree');

  const identity = (k: number) =>
    `${ws.teams[ws.keyTeam[k]!]}\u0000${ws.users[ws.keyUser[k]!]!.key}\u0000${ws.products[ws.keyProduct[k]!]}`;
  const ids = Array.from({ length: n }, (_, k) => identity(k));
  const sorted = Array.from({ length: n }, (_, k) => k).sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0));
  for (let i = 1; i < n; i++) if (ids[sorted[i]!] === ids[sorted[i - 1]!]) throw new Error(`two keys are ${ids[sorted[i]!]}`);

  const seatName = new Map<number, string>();
  for (const k of sorted) if (!seatName.has(ws.keySeat[k]!)) seatName.set(ws.keySeat[k]!, ids[k]!);
  if (seatName.size !== ws.seatCount) throw new Error(`seatCount ${ws.seatCount} but ${seatName.size} seats are used`);

  const keys = sorted.map((k) => {
    const s = ws.eventStart[k]!,
      e = ws.eventStart[k + 1]!;
    const tokens: number[] = [];
    for (let i = s; i < e; i++) tokens.push(tokensAt(ws, k, i));
    return {
      key: ids[k],
      access: ws.keyAccess[k],
      hasAssignment: ws.keyHasAssignment[k],
      assigned: ws.keyAssigned[k],
      unassigned: ws.keyUnassigned[k],
      method: ws.keyMethod[k],
      group: ws.keyGroup[k]! < 0 ? null : ws.groups[ws.keyGroup[k]!],
      versions: ws.keyVersions[k],
      offering: ws.offerings[ws.keyOffering[k]!],
      seat: seatName.get(ws.keySeat[k]!),
      days: Array.from(ws.eventDay.subarray(s, e)),
      tokens,
      hasTokens: ws.keyTokenBase[k]! >= 0,
    };
  });

  // The natural order, checked against the ranks; keys it ties (same team, name and product ranks) are
  // ordered by key number, which is the merge's own, so ties are listed by identity instead.
  const natural = Array.from(ws.keyByNaturalRank);
  natural.forEach((k, i) => {
    if (ws.keyNaturalRank[k] !== i) throw new Error('keyNaturalRank is not the inverse of keyByNaturalRank');
  });
  const sortKey = (k: number) => {
    const u = ws.keyUser[k]!;
    return [ws.teamRank[ws.keyTeam[k]!]!, ws.lastNameRank[u]!, ws.firstNameRank[u]!, ws.emailRank[u]!, ws.productRank[ws.keyProduct[k]!]!];
  };
  const compare = (a: number[], b: number[]) => a.reduce((c, x, i) => c || x - b[i]!, 0);
  const naturalOrder: string[] = [];
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && compare(sortKey(natural[i]!), sortKey(natural[j]!)) === 0) j++;
    if (j < n && compare(sortKey(natural[j - 1]!), sortKey(natural[j]!)) > 0) throw new Error(`natural order breaks at ${j}`);
    naturalOrder.push(
      ...natural
        .slice(i, j)
        .map((k) => ids[k]!)
        .sort(),
    );
    i = j;
  }

  return {
    teams: ws.teams,
    products: ws.products,
    groups: ws.groups,
    users: ws.users,
    keyCount: n,
    keys,
    offerings: [...ws.offerings].sort(),
    collectionProducts: Object.entries(ws.collectionProducts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    seatCount: ws.seatCount,
    eventCount: ws.eventCount,
    flexTokenCount: ws.eventTokens.length,
    firstEventDay: ws.firstEventDay,
    lastEventDay: ws.lastEventDay,
    subscriptions: ws.subscriptions,
    snapshot: ws.snapshot.map((r) => ({ ...r, team: ws.teams[r.team], user: ws.users[r.user]!.key, product: ws.products[r.product] })),
    teamRank: ranks(ws.teamRank),
    productRank: ranks(ws.productRank),
    groupRank: ranks(ws.groupRank),
    firstNameRank: ranks(ws.firstNameRank),
    lastNameRank: ranks(ws.lastNameRank),
    emailRank: ranks(ws.emailRank),
    naturalOrder,
  };
}
