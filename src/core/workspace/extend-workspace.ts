/**
 * Adds one newer import to a merged workspace without merging every import again
 * (docs/workspace.md, "Adding an import"). It takes the common case — more usage of
 * the products and offerings already known, a month later — and gives exactly the
 * workspace `buildWorkspace` gives for every import, up to how keys, offerings and
 * seats are numbered. Anything it cannot place exactly (assignments, subscriptions,
 * groups, a Usage Report; two known people linked; a key whose access option or named
 * offering changes; a product newly seen under a collection; usage that would move
 * along a chain of rows) makes it answer null, and the caller merges every import.
 */
import { NO_DAY } from '../vocabulary/days';
import { ACCESS_FLEX, ACCESS_SUBSCRIPTION, ACCESS_UNKNOWN, type AccessCode, type UserRecord } from './batch';
import { Interner } from './interner';
import {
  KEY_ASSIGNMENT_ACCESS,
  KEY_OWN_VERSIONS,
  KEY_SOURCE,
  addHolding,
  aliasesOf,
  assignSeats,
  collationRanks,
  identifiersOf,
  mergeIdentifiers,
  newHoldings,
  rankKeys,
  rankUsers,
  usageRow,
  userKey,
  type LoadedBatch,
  type MergeBasis,
  type Workspace,
} from './workspace';

/** One (team, user, product) the new import's usage names. */
interface Source {
  team: number;
  user: number;
  product: number;
  /** The access option and named offering the new rows gave (last known), unknown / -1 when none. */
  access: AccessCode;
  named: number;
  versions: Set<string>;
  /** Index of the key it is in the workspace, or -1. */
  alive: number;
  /** Index among the basis's moved keys, or -1. */
  moved: number;
  /** The key its usage goes to (after new keys are numbered). */
  target: number;
  /** Whether that key is its own (team, user, product): its usage does not move. */
  onOwnKey: boolean;
}

/** The extended workspace, or why the merge of every import is needed instead. */
export type Extension = { ok: true; ws: Workspace } | { ok: false; why: string };

const refused = (why: string): Extension => ({ ok: false, why });

const pairOf = (team: number, product: number, user: number) => (team * 16_384 + product) * 67_108_864 + user;

export function extendWorkspace(ws: Workspace, added: LoadedBatch): Extension {
  const { batch, chunks } = added;
  const basis = ws.basis;
  if (!basis.extendable)
    return refused('the workspace was merged with outstanding changes, or a version text of it holds ", " or is empty');
  if (batch.assignments.length || batch.subscriptions.length || batch.groups.length || batch.snapshot.length)
    return refused('the import holds assignments, subscriptions, groups or a Usage Report');

  const teams = new Interner(ws.teams);
  const products = new Interner(ws.products);
  const teamMap = batch.teams.map((t) => teams.id(t));
  const productMap = batch.products.map((p) => products.id(p));

  const people = linkNewRecords(ws, batch.users);
  if (!people) return refused('the import links two known people');
  const { users, userMap, usersChanged, aliasIds, aliasUsers } = people;

  // Collection contents as ids: the new rows must not teach a new one (it would move earlier usage).
  const contents = new Map<number, Set<number>>();
  for (const [offering, ps] of Object.entries(ws.collectionProducts))
    contents.set(products.id(offering), new Set(ps.map((p) => products.id(p))));

  // The new rows, by (team, user, product).
  const sources: Source[] = [];
  const sourceOf = new Map<number, number>();
  const ek = batch.eventKeys;
  const localSource = new Int32Array(ek.team.length);
  for (let i = 0; i < ek.team.length; i++) {
    const t = teamMap[ek.team[i]!]!,
      u = userMap[ek.user[i]!]!,
      p = productMap[ek.product[i]!]!;
    const c = pairOf(t, p, u);
    let j = sourceOf.get(c);
    if (j === undefined) {
      j = sources.length;
      sourceOf.set(c, j);
      sources.push({
        team: t,
        user: u,
        product: p,
        access: ACCESS_UNKNOWN,
        named: -1,
        versions: new Set(),
        alive: -1,
        moved: -1,
        target: -1,
        onOwnKey: false,
      });
    }
    localSource[i] = j;
    const s = sources[j]!;
    const acc = ek.access[i] as AccessCode;
    if (acc !== ACCESS_UNKNOWN) s.access = acc;
    const o = ek.offering?.[i] ?? -1;
    if (o >= 0) {
      const named = productMap[o]!;
      if (named !== p && !contents.get(named)?.has(p)) return refused('the import names a product under a collection for the first time');
      s.named = named;
    }
    const v = ek.versions[i];
    if (v)
      for (const one of v.split('\n')) {
        if (one === '' || one.includes(', ')) return refused('a version text holds ", " or is empty');
        s.versions.add(one);
      }
  }

  // Which of them the workspace knows, as a key or as a key whose usage moved away.
  const touchedUser = new Uint8Array(users.length);
  for (const s of sources) touchedUser[s.user] = 1;
  const holdings = newHoldings(teams.values.indexOf(''), contents);
  for (let k = 0; k < ws.keyCount; k++) {
    const u = ws.keyUser[k]!;
    if (!touchedUser[u]) continue;
    const j = sourceOf.get(pairOf(ws.keyTeam[k]!, ws.keyProduct[k]!, u));
    if (j !== undefined) sources[j]!.alive = k;
    if (ws.keyHasAssignment[k]) addHolding(holdings, ws.keyTeam[k]!, u, ws.keyProduct[k]!);
  }
  for (let m = 0; m < basis.movedTeam.length; m++) {
    const u = basis.movedUser[m]!;
    if (!touchedUser[u]) continue;
    const j = sourceOf.get(pairOf(basis.movedTeam[m]!, basis.movedProduct[m]!, u));
    if (j !== undefined) sources[j]!.moved = m;
  }
  const keyIndex = new Map<number, number>(); // (team, user, product) → key, filled for the targets asked about
  const keyAt = (t: number, u: number, p: number): number | undefined => {
    const c = pairOf(t, p, u);
    const j = sourceOf.get(c);
    if (j !== undefined && sources[j]!.alive >= 0) return sources[j]!.alive;
    return keyIndex.get(c);
  };
  const wanted = new Map<number, number>(); // targets of new rows that are not among the sources: key or -1

  // Where each source's usage goes; new keys are numbered after the workspace's.
  const own = basis.keyOwnAccess,
    named = basis.keyNamedOffering,
    flags = basis.keyFlags,
    movedTo = basis.keyMovedTo;
  const newKeys: { team: number; user: number; product: number; own: AccessCode; named: number; flags: number }[] = [];
  const newKeyOf = new Map<number, number>();
  const newKey = (t: number, u: number, p: number): number => {
    const c = pairOf(t, p, u);
    let k = newKeyOf.get(c);
    if (k === undefined) {
      k = ws.keyCount + newKeys.length;
      newKeyOf.set(c, k);
      newKeys.push({ team: t, user: u, product: p, own: ACCESS_UNKNOWN, named: -1, flags: 0 });
    }
    return k;
  };
  const pendingTargets: { s: Source; team: number; row: number }[] = [];
  /** Named offerings and own access options the new rows changed, of keys and of moved keys. */
  const namedChanged = new Map<number, number>();
  const movedChanged = new Map<number, { own: AccessCode; named: number }>();
  for (const s of sources) {
    if (s.alive >= 0) {
      const k = s.alive;
      // Its own access option wins over what moved onto it; the row's access must stay what it was.
      const ownAccess = s.access !== ACCESS_UNKNOWN ? s.access : (own[k] as AccessCode);
      const usage = ownAccess !== ACCESS_UNKNOWN ? ownAccess : basis.keyUsageAccess[k]!;
      if ((flags[k]! & KEY_ASSIGNMENT_ACCESS) === 0 && (usage === ACCESS_UNKNOWN ? ACCESS_SUBSCRIPTION : usage) !== ws.keyAccess[k])
        return refused("usage would change a row's access option");
      const namedNow = s.named >= 0 ? s.named : named[k]!;
      if (!ws.keyHasAssignment[k]) {
        // Its own usage stays on it, and still would with what the new rows say.
        if ((flags[k]! & KEY_SOURCE) === 0 || movedTo[k] !== -1) return refused("usage on a row that had only others' usage");
        const to = usageRow(holdings, s.team, s.user, s.product, ownAccess, namedNow);
        if (to.team !== s.team || to.row !== s.product) return refused("a key's usage would move");
      }
      if (namedNow !== named[k]) namedChanged.set(k, namedNow);
      s.target = k;
      s.onOwnKey = true;
    } else if (s.moved >= 0) {
      const m = s.moved;
      const to = basis.movedTo[m]!;
      if (to < 0 || movedTo[to] !== -1) return refused('usage of a key whose row moved on');
      const oldOwn = basis.movedOwnAccess[m] as AccessCode;
      const ownAccess = s.access !== ACCESS_UNKNOWN ? s.access : oldOwn;
      if (ownAccess !== oldOwn) {
        // Said for the first time: it counts on the row only when nothing said the row's access before.
        if (oldOwn !== ACCESS_UNKNOWN) return refused("a key's own access option changed");
        if (own[to] === ACCESS_UNKNOWN && basis.keyUsageAccess[to] !== ACCESS_UNKNOWN)
          return refused("a key's own access option is said for the first time");
      }
      const namedNow = s.named >= 0 ? s.named : basis.movedNamedOffering[m]!;
      const row = usageRow(holdings, s.team, s.user, s.product, ownAccess, namedNow);
      if (row.team !== ws.keyTeam[to] || row.row !== ws.keyProduct[to]) return refused("a key's usage would move");
      // A folded key without versions shows its product's name on the row; versions now would replace it.
      if (s.versions.size && ws.keyProduct[to] !== s.product && (basis.movedFlags[m]! & KEY_OWN_VERSIONS) === 0)
        return refused('versions for a key that had none, under a collection');
      movedChanged.set(m, { own: ownAccess, named: namedNow });
      s.target = to;
    } else {
      const to = usageRow(holdings, s.team, s.user, s.product, s.access, s.named);
      if (to.team === s.team && to.row === s.product) {
        s.target = newKey(s.team, s.user, s.product);
        s.onOwnKey = true;
        const rec = newKeys[s.target - ws.keyCount]!;
        rec.own = s.access;
        rec.named = s.named;
        rec.flags = KEY_SOURCE | (s.versions.size ? KEY_OWN_VERSIONS : 0);
      } else {
        pendingTargets.push({ s, team: to.team, row: to.row });
        wanted.set(pairOf(to.team, to.row, s.user), -1);
      }
    }
  }
  if (wanted.size) {
    for (let k = 0; k < ws.keyCount; k++) {
      const c = pairOf(ws.keyTeam[k]!, ws.keyProduct[k]!, ws.keyUser[k]!);
      if (wanted.has(c)) keyIndex.set(c, k);
    }
    const movedPairs = new Set<number>();
    for (let m = 0; m < basis.movedTeam.length; m++)
      movedPairs.add(pairOf(basis.movedTeam[m]!, basis.movedProduct[m]!, basis.movedUser[m]!));
    for (const { s, team, row } of pendingTargets) {
      const c = pairOf(team, row, s.user);
      if (movedPairs.has(c)) return refused('usage moves to a row whose own usage moved');
      // A target that is itself a new source whose usage moves on: a chain, which the merge of every import settles.
      const j = sourceOf.get(c);
      if (j !== undefined && sources[j]!.alive < 0 && !sources[j]!.onOwnKey)
        return refused('usage moves to a row whose own usage moves on');
      const known = keyAt(team, s.user, row);
      if (known !== undefined) {
        if (movedTo[known] !== -1) return refused('usage moves to a row whose own usage moves elsewhere');
        s.target = known;
      } else s.target = newKey(team, s.user, row);
    }
  }
  // Keys: the workspace's, then the new ones.
  const oldCount = ws.keyCount;
  const keyCount = oldCount + newKeys.length;
  const grow32 = (a: Int32Array, fill: (i: number) => number) => {
    const out = new Int32Array(keyCount);
    out.set(a);
    for (let i = 0; i < newKeys.length; i++) out[oldCount + i] = fill(i);
    return out;
  };
  const grow8 = (a: Uint8Array, fill: (i: number) => number) => {
    const out = new Uint8Array(keyCount);
    out.set(a);
    for (let i = 0; i < newKeys.length; i++) out[oldCount + i] = fill(i);
    return out;
  };
  const keyOwnAccess = grow8(own, (i) => newKeys[i]!.own);
  const keyUsageAccess = grow8(basis.keyUsageAccess, (i) => newKeys[i]!.own);
  const keyFlags = grow8(flags, (i) => newKeys[i]!.flags);
  const keyVersions = [...ws.keyVersions, ...newKeys.map(() => '')];
  const versionSets = new Map<number, Set<string>>();
  const versionsOf = (k: number): Set<string> => {
    let set = versionSets.get(k);
    if (!set) versionSets.set(k, (set = new Set(keyVersions[k] ? keyVersions[k]!.split(', ') : [])));
    return set;
  };

  // What the new rows add to their keys: access (first source in order, when the key has none), versions.
  for (const s of sources) {
    const t = s.target;
    if (s.onOwnKey) {
      // Usage on its own key.
      if (s.access !== ACCESS_UNKNOWN) {
        keyOwnAccess[t] = s.access;
        keyUsageAccess[t] = s.access;
      }
      if (s.versions.size) {
        keyFlags[t]! |= KEY_OWN_VERSIONS;
        const set = versionsOf(t);
        for (const v of s.versions) set.add(v);
      }
      continue;
    }
    if (keyUsageAccess[t] === ACCESS_UNKNOWN && s.access !== ACCESS_UNKNOWN) {
      if (t < oldCount && (flags[t]! & KEY_ASSIGNMENT_ACCESS) === 0 && s.access !== ACCESS_SUBSCRIPTION)
        return refused("usage would change a row's access option");
      keyUsageAccess[t] = s.access;
    }
    const folded = s.product !== (t < oldCount ? ws.keyProduct[t]! : newKeys[t - oldCount]!.product);
    const name = products.values[s.product]!;
    const set = versionsOf(t);
    if (folded && s.versions.size === 0) {
      if (s.moved < 0) set.add(name);
    } else for (const v of s.versions) set.add(folded ? `${name} ${v}` : v);
  }
  for (const [k, set] of versionSets) keyVersions[k] = [...set].sort().join(', ');

  const keyAccess = grow8(ws.keyAccess, (i) => {
    const a = keyUsageAccess[oldCount + i]!;
    return a === ACCESS_UNKNOWN ? ACCESS_SUBSCRIPTION : a;
  });
  const targetOfLocal = Int32Array.from(localSource, (j) => sources[j]!.target);
  const merged = mergeEvents(ws, keyAccess, targetOfLocal, chunks, batch.eventCount);
  if (!merged) return refused('a new row would have no events');

  const out: Workspace = {
    ...ws,
    teams: teams.values,
    products: products.values,
    users,
    keyCount,
    keyTeam: grow32(ws.keyTeam, (i) => newKeys[i]!.team),
    keyUser: grow32(ws.keyUser, (i) => newKeys[i]!.user),
    keyProduct: grow32(ws.keyProduct, (i) => newKeys[i]!.product),
    keyAccess,
    keyHasAssignment: grow8(ws.keyHasAssignment, () => 0),
    keyAssigned: grow32(ws.keyAssigned, () => NO_DAY),
    keyUnassigned: grow32(ws.keyUnassigned, () => NO_DAY),
    keyMethod: grow8(ws.keyMethod, () => 0),
    keyGroup: grow32(ws.keyGroup, () => -1),
    keyVersions,
    keyOffering: new Int32Array(keyCount),
    keySeat: new Int32Array(keyCount),
    ...merged,
    basis: extendedBasis(basis, sources, {
      keyOwnAccess,
      keyUsageAccess,
      keyFlags,
      keyNamedOffering: grow32(named, (i) => newKeys[i]!.named),
      namedChanged,
      movedChanged,
      keyMovedTo: grow32(movedTo, () => -1),
      aliasIds,
      aliasUsers,
    }),
  };
  const offerings = new Interner(ws.offerings);
  out.keyOffering.set(ws.keyOffering);
  for (let k = oldCount; k < keyCount; k++) out.keyOffering[k] = offerings.id(out.products[out.keyProduct[k]!]!);
  out.offerings = offerings.values;
  assignSeats(out);
  if (teams.values.length !== ws.teams.length) out.teamRank = collationRanks(out.teams);
  if (products.values.length !== ws.products.length) out.productRank = collationRanks(out.products);
  if (usersChanged) rankUsers(out);
  if (usersChanged || newKeys.length || teams.values.length !== ws.teams.length || products.values.length !== ws.products.length)
    rankKeys(out);
  return { ok: true, ws: out };
}

/**
 * Links the new import's people to the workspace's (docs/identity.md): a record sharing an
 * identifier with a known user is that user, and its names and identifiers win, as the
 * latest import's do; records linked to no one are new users, numbered after the known
 * ones. Null when a record would link two known users (every import is merged then).
 */
function linkNewRecords(
  ws: Workspace,
  records: readonly UserRecord[],
): { users: UserRecord[]; userMap: Int32Array; usersChanged: boolean; aliasIds: string[]; aliasUsers: Int32Array } | null {
  const owner = new Map<string, number>();
  ws.users.forEach((u, i) => {
    for (const id of identifiersOf(u)) owner.set(id, i);
  });
  ws.basis.aliasIds.forEach((id, i) => {
    owner.set(id, ws.basis.aliasUsers[i]!);
  });

  const parent = records.map((_, r) => r);
  const known = new Int32Array(records.length).fill(-1);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const local = new Map<string, number>();
  for (let r = 0; r < records.length; r++) {
    for (const id of identifiersOf(records[r]!)) {
      const o = owner.get(id);
      const root = find(r);
      if (o !== undefined) {
        if (known[root]! >= 0 && known[root] !== o) return null;
        known[root] = o;
        continue;
      }
      const l = local.get(id);
      if (l === undefined) {
        local.set(id, r);
        continue;
      }
      const a = find(l);
      if (a === root) continue;
      if (known[a]! >= 0 && known[root]! >= 0 && known[a] !== known[root]) return null;
      const lo = Math.min(a, root),
        hi = Math.max(a, root);
      parent[hi] = lo;
      if (known[lo]! < 0) known[lo] = known[hi]!;
    }
  }

  const users = ws.users.slice();
  const copied = new Set<number>();
  const replaced: [string, number][] = [];
  const userMap = new Int32Array(records.length);
  const newUserOf = new Map<number, number>();
  let usersChanged = false;
  for (let r = 0; r < records.length; r++) {
    const u = records[r]!;
    const root = find(r);
    let id = known[root]!;
    if (id < 0) {
      const fresh = newUserOf.get(root);
      if (fresh === undefined) {
        id = users.length;
        newUserOf.set(root, id);
        users.push({ ...u, autodeskId: u.autodeskId ?? '' });
        usersChanged = true;
        userMap[r] = id;
        continue;
      }
      id = fresh;
    } else if (!copied.has(id)) {
      copied.add(id);
      users[id] = { ...users[id]! };
    }
    const g = users[id]!;
    const before = `${g.firstName}\u0000${g.lastName}\u0000${g.email}\u0000${g.hashedId}`;
    if (u.firstName) g.firstName = u.firstName;
    if (u.lastName) g.lastName = u.lastName;
    if (u.role) g.role = u.role;
    mergeIdentifiers(g, u, id, replaced);
    if (before !== `${g.firstName}\u0000${g.lastName}\u0000${g.email}\u0000${g.hashedId}`) usersChanged = true;
    userMap[r] = id;
  }
  for (const id of copied) users[id]!.key = userKey(users[id]!);
  for (const id of newUserOf.values()) users[id]!.key = userKey(users[id]!);
  const aliases = aliasesOf(users, [...ws.basis.aliasIds.map((id, i): [string, number] => [id, ws.basis.aliasUsers[i]!]), ...replaced]);
  return {
    users: copied.size || newUserOf.size ? users : ws.users,
    userMap,
    usersChanged,
    aliasIds: aliases.map(([id]) => id),
    aliasUsers: Int32Array.from(aliases, ([, u]) => u),
  };
}

/** The basis after the new rows: per-key facts grown, and the new sources whose usage moved to another key. */
function extendedBasis(
  basis: MergeBasis,
  sources: readonly Source[],
  changes: Pick<
    MergeBasis,
    'keyOwnAccess' | 'keyUsageAccess' | 'keyFlags' | 'keyNamedOffering' | 'keyMovedTo' | 'aliasIds' | 'aliasUsers'
  > & {
    namedChanged: ReadonlyMap<number, number>;
    movedChanged: ReadonlyMap<number, { own: AccessCode; named: number }>;
  },
): MergeBasis {
  const { namedChanged, movedChanged, ...grown } = changes;
  for (const [k, named] of namedChanged) grown.keyNamedOffering[k] = named;
  const moved = sources.filter((s) => s.alive < 0 && s.moved < 0 && !s.onOwnKey);
  const join = <A extends Int32Array | Uint8Array>(a: A, more: number[]): A => {
    const out = new (a.constructor as new (n: number) => A)(a.length + more.length);
    out.set(a);
    out.set(more, a.length);
    return out;
  };
  const out: MergeBasis = {
    ...basis,
    ...grown,
    movedTeam: join(
      basis.movedTeam,
      moved.map((s) => s.team),
    ),
    movedUser: join(
      basis.movedUser,
      moved.map((s) => s.user),
    ),
    movedProduct: join(
      basis.movedProduct,
      moved.map((s) => s.product),
    ),
    movedOwnAccess: join(
      basis.movedOwnAccess,
      moved.map((s) => s.access),
    ),
    movedNamedOffering: join(
      basis.movedNamedOffering,
      moved.map((s) => s.named),
    ),
    movedFlags: join(
      basis.movedFlags,
      moved.map((s) => KEY_SOURCE | (s.versions.size ? KEY_OWN_VERSIONS : 0)),
    ),
    movedTo: join(
      basis.movedTo,
      moved.map((s) => s.target),
    ),
  };
  for (const [m, c] of movedChanged) {
    out.movedOwnAccess[m] = c.own;
    out.movedNamedOffering[m] = c.named;
  }
  return out;
}

type MergedEvents = Pick<
  Workspace,
  'eventStart' | 'eventDay' | 'eventTokens' | 'keyTokenBase' | 'eventCount' | 'firstEventDay' | 'lastEventDay'
>;

/**
 * The workspace's events with the new import's added: each key's days stay ascending, one event a day,
 * the new import winning a day it has (docs/import.md, "Atomic and idempotent"); its rows of one day add
 * up their tokens, and where it has none the figure before stands. Keys it does not touch are copied in
 * runs. Tokens are kept for Flex keys only, as the merge does. Null when a new key would have no events.
 */
function mergeEvents(
  ws: Workspace,
  keyAccess: Uint8Array,
  targetOfLocal: Int32Array,
  chunks: LoadedBatch['chunks'],
  n: number,
): MergedEvents | null {
  const oldCount = ws.keyCount,
    keyCount = keyAccess.length;
  // The new events by key (counting sort, stable).
  const start = new Uint32Array(keyCount + 1);
  for (const c of chunks) for (let i = 0; i < c.key.length; i++) start[targetOfLocal[c.key[i]!]! + 1]!++;
  for (let k = 0; k < keyCount; k++) start[k + 1]! += start[k]!;
  for (let k = oldCount; k < keyCount; k++) if (start[k] === start[k + 1]) return null;
  const fill = start.slice(0, keyCount);
  const nDay = new Uint16Array(n),
    nTok = new Float32Array(n);
  for (const c of chunks)
    for (let i = 0; i < c.key.length; i++) {
      const p = fill[targetOfLocal[c.key[i]!]!]!++;
      nDay[p] = c.day[i]!;
      nTok[p] = c.tokens[i]!;
    }

  const oldDay = ws.eventDay,
    oldTok = ws.eventTokens,
    oldStart = ws.eventStart;
  const outStart = new Uint32Array(keyCount + 1);
  const outDay = new Uint16Array(ws.eventCount + n);
  const outTok = new Float32Array(oldTok.length + n);
  const tokBase = new Int32Array(keyCount).fill(-1);
  let shift = 0,
    copyFrom = 0,
    tShift = 0,
    tCopyFrom = 0;
  let first = ws.firstEventDay === NO_DAY ? Infinity : ws.firstEventDay,
    last = ws.lastEventDay === NO_DAY ? -Infinity : ws.lastEventDay;
  let order = new Float64Array(64);
  for (let k = 0; k < keyCount; k++) {
    const old = k < oldCount;
    const oS = old ? oldStart[k]! : ws.eventCount,
      oE = old ? oldStart[k + 1]! : ws.eventCount;
    const oBase = old ? ws.keyTokenBase[k]! : -1;
    const bS = start[k]!,
      bE = start[k + 1]!;
    if (bS === bE) {
      outStart[k] = oS + shift;
      if (oBase >= 0) tokBase[k] = oBase + tShift;
      continue;
    }
    // Untouched keys before this one: their days (and Flex tokens) in one copy.
    outDay.set(oldDay.subarray(copyFrom, oS), copyFrom + shift);
    copyFrom = oE;
    const flex = keyAccess[k] === ACCESS_FLEX;
    const tokAt = oBase >= 0 ? oBase : old ? -1 : oldTok.length;
    if (flex && tokAt >= 0) {
      outTok.set(oldTok.subarray(tCopyFrom, tokAt), tCopyFrom + tShift);
      tCopyFrom = tokAt + (oBase >= 0 ? oE - oS : 0);
    }

    // The new events of this key by day (import order kept within a day).
    const len = bE - bS;
    if (order.length < len) order = new Float64Array(len * 2);
    const o = order.subarray(0, len);
    for (let i = 0; i < len; i++) o[i] = nDay[bS + i]! * 16_777_216 + i;
    o.sort();
    let w = oS + shift;
    outStart[k] = w;
    const tw0 = tokAt + tShift;
    let tw = tw0;
    let i = oS,
      x = 0;
    while (x < len || i < oE) {
      const nd = x < len ? Math.floor(o[x]! / 16_777_216) : Infinity;
      const od = i < oE ? oldDay[i]! : Infinity;
      if (od < nd) {
        outDay[w++] = od;
        if (flex) outTok[tw++] = oldTok[oBase + i - oS]!;
        i++;
        continue;
      }
      let sum = 0,
        known = false;
      while (x < len && Math.floor(o[x]! / 16_777_216) === nd) {
        const t = nTok[bS + (o[x]! % 16_777_216)]!;
        if (!Number.isNaN(t)) {
          sum += t;
          known = true;
        }
        x++;
      }
      let before = 0;
      if (od === nd) {
        if (oBase >= 0) before = oldTok[oBase + i - oS]!;
        i++;
      }
      outDay[w++] = nd;
      if (flex) outTok[tw++] = known ? sum : before;
      if (nd < first) first = nd;
      if (nd > last) last = nd;
    }
    shift = w - oE;
    if (flex) {
      tokBase[k] = tw0;
      tShift = tw - tCopyFrom;
    }
  }
  outDay.set(oldDay.subarray(copyFrom, ws.eventCount), copyFrom + shift);
  outTok.set(oldTok.subarray(tCopyFrom), tCopyFrom + tShift);
  const total = ws.eventCount + shift;
  outStart[keyCount] = total;
  const tokens = oldTok.length + tShift;
  return {
    eventStart: outStart,
    eventDay: outDay.slice(0, total),
    eventTokens: outTok.slice(0, tokens),
    keyTokenBase: tokBase,
    eventCount: total,
    firstEventDay: total > 0 ? first : NO_DAY,
    lastEventDay: total > 0 ? last : NO_DAY,
  };
}
