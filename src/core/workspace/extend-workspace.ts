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
  mergeUserRecord,
  eachIdentifier,
  visitIdentifier,
  newHoldings,
  rankKeys,
  rankUsers,
  packBasis,
  unpackBasis,
  usageRow,
  userKey,
  type LoadedBatch,
  type BasisView,
  type Workspace,
} from './workspace';
import { collationRanks } from './collation';

/** One (team, user, product) the new import's usage names. */
interface Source {
  team: number;
  user: number;
  product: number;
  /** The access option and named offering the new rows gave (last known), unknown / -1 when none. */
  access: AccessCode;
  named: number;
  /** Versions its new rows named (repeats possible). */
  versions: string[];
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
  if (!ws.basis.extendable)
    return refused('the workspace was merged with outstanding changes, or a version text of it holds ", " or is empty');
  if (batch.assignments.length || batch.subscriptions.length || batch.groups.length || batch.snapshot.length)
    return refused('the import holds assignments, subscriptions, groups or a Usage Report');

  const basis = unpackBasis(ws.basis);
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
  // By (team, product) then user: small-integer map keys, as the merge looks keys up.
  const sourceIds = new Map<number, Map<number, number>>();
  const sourceAt = (t: number, u: number, p: number): number | undefined => sourceIds.get(t * 16_384 + p)?.get(u);
  const ek = batch.eventKeys;
  // Keys repeat a few version texts ("2025\n2026"): each is split once.
  const splitVersions = new Map<string, string[] | null>();
  const versionsOf = (v: string): string[] | null => {
    let list = splitVersions.get(v);
    if (list === undefined) {
      list = v.split('\n');
      if (list.some((one) => one === '' || one.includes(', '))) list = null;
      splitVersions.set(v, list);
    }
    return list;
  };
  const localSource = new Int32Array(ek.team.length);
  for (let i = 0; i < ek.team.length; i++) {
    const t = teamMap[ek.team[i]!]!,
      u = userMap[ek.user[i]!]!,
      p = productMap[ek.product[i]!]!;
    let byUser = sourceIds.get(t * 16_384 + p);
    if (!byUser) sourceIds.set(t * 16_384 + p, (byUser = new Map()));
    let j = byUser.get(u);
    if (j === undefined) {
      j = sources.length;
      byUser.set(u, j);
      sources.push({
        team: t,
        user: u,
        product: p,
        access: ACCESS_UNKNOWN,
        named: -1,
        versions: [],
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
    if (v) {
      const list = versionsOf(v);
      if (!list) return refused('a version text holds ", " or is empty');
      for (const one of list) s.versions.push(one);
    }
  }

  // Which of them the workspace knows, as a key or as a key whose usage moved away.
  const touchedUser = new Uint8Array(users.length);
  for (const s of sources) touchedUser[s.user] = 1;
  for (let k = 0; k < ws.keyCount; k++) {
    const u = ws.keyUser[k]!;
    if (!touchedUser[u]) continue;
    const j = sourceAt(ws.keyTeam[k]!, u, ws.keyProduct[k]!);
    if (j !== undefined) sources[j]!.alive = k;
  }
  for (let m = 0; m < basis.movedTeam.length; m++) {
    const u = basis.movedUser[m]!;
    if (!touchedUser[u]) continue;
    const j = sourceAt(basis.movedTeam[m]!, u, basis.movedProduct[m]!);
    if (j !== undefined) sources[j]!.moved = m;
  }
  const own = basis.keyOwnAccess,
    named = basis.keyNamedOffering,
    flags = basis.keyFlags,
    movedTo = basis.keyMovedTo;
  // Where usage goes is worked out again only where the new rows could change it: new (team, user,
  // product), or an access option or named offering they change. Holdings are gathered for those users.
  const ownBefore = (s: Source) => (s.alive >= 0 ? own[s.alive]! : s.moved >= 0 ? basis.movedOwnAccess[s.moved]! : ACCESS_UNKNOWN);
  const namedBefore = (s: Source) => (s.alive >= 0 ? named[s.alive]! : s.moved >= 0 ? basis.movedNamedOffering[s.moved]! : -1);
  const needsRow = (s: Source): boolean => {
    if (s.alive < 0 && s.moved < 0) return true;
    if (s.alive >= 0 && ws.keyHasAssignment[s.alive]) return false; // an assignment's row is where its usage counts
    return (s.access !== ACCESS_UNKNOWN && s.access !== ownBefore(s)) || (s.named >= 0 && s.named !== namedBefore(s));
  };
  touchedUser.fill(0);
  let anyRow = false;
  for (const s of sources)
    if (needsRow(s)) {
      touchedUser[s.user] = 1;
      anyRow = true;
    }
  const holdings = newHoldings(teams.values.indexOf(''), contents);
  if (anyRow)
    for (let k = 0; k < ws.keyCount; k++)
      if (ws.keyHasAssignment[k] && touchedUser[ws.keyUser[k]!]) addHolding(holdings, ws.keyTeam[k]!, ws.keyUser[k]!, ws.keyProduct[k]!);
  const keyIndex = new Map<number, number>(); // (team, user, product) → key, filled for the targets asked about
  const keyAt = (t: number, u: number, p: number): number | undefined => {
    const j = sourceAt(t, u, p);
    if (j !== undefined && sources[j]!.alive >= 0) return sources[j]!.alive;
    return keyIndex.get(pairOf(t, p, u));
  };
  const wanted = new Set<number>(); // targets of new rows that are not among the sources

  // Where each source's usage goes; new keys are numbered after the workspace's.
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
        if (needsRow(s)) {
          const to = usageRow(holdings, s.team, s.user, s.product, ownAccess, namedNow);
          if (to.team !== s.team || to.row !== s.product) return refused("a key's usage would move");
        }
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
      if (needsRow(s)) {
        const row = usageRow(holdings, s.team, s.user, s.product, ownAccess, namedNow);
        if (row.team !== ws.keyTeam[to] || row.row !== ws.keyProduct[to]) return refused("a key's usage would move");
        movedChanged.set(m, { own: ownAccess, named: namedNow });
      }
      // A folded key without versions shows its product's name on the row; versions now would replace it.
      if (s.versions.length && ws.keyProduct[to] !== s.product && (basis.movedFlags[m]! & KEY_OWN_VERSIONS) === 0)
        return refused('versions for a key that had none, under a collection');
      s.target = to;
    } else {
      const to = usageRow(holdings, s.team, s.user, s.product, s.access, s.named);
      if (to.team === s.team && to.row === s.product) {
        s.target = newKey(s.team, s.user, s.product);
        s.onOwnKey = true;
        const rec = newKeys[s.target - ws.keyCount]!;
        rec.own = s.access;
        rec.named = s.named;
        rec.flags = KEY_SOURCE | (s.versions.length ? KEY_OWN_VERSIONS : 0);
      } else {
        pendingTargets.push({ s, team: to.team, row: to.row });
        wanted.add(pairOf(to.team, to.row, s.user));
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
      const j = sourceAt(team, s.user, row);
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
  const withVersions = versionLists();
  // "AutoCAD 2025": a product's version as a collection row lists it, made once.
  const productVersion = new Map<number, Map<string, string>>();
  const asFolded = (product: number, v: string): string => {
    let byVersion = productVersion.get(product);
    if (!byVersion) productVersion.set(product, (byVersion = new Map()));
    let out = byVersion.get(v);
    if (out === undefined) byVersion.set(v, (out = `${products.values[product]!} ${v}`));
    return out;
  };

  // What the new rows add to their keys: access (first source in order, when the key has none), versions.
  for (const s of sources) {
    const t = s.target;
    if (s.onOwnKey) {
      // Usage on its own key.
      keyFlags[t]! |= KEY_SOURCE;
      if (s.access !== ACCESS_UNKNOWN) {
        keyOwnAccess[t] = s.access;
        keyUsageAccess[t] = s.access;
      }
      if (s.versions.length) {
        keyFlags[t]! |= KEY_OWN_VERSIONS;
        keyVersions[t] = withVersions(keyVersions[t]!, s.versions);
      }
      continue;
    }
    if (keyUsageAccess[t] === ACCESS_UNKNOWN && s.access !== ACCESS_UNKNOWN) {
      if (t < oldCount && (flags[t]! & KEY_ASSIGNMENT_ACCESS) === 0 && s.access !== ACCESS_SUBSCRIPTION)
        return refused("usage would change a row's access option");
      keyUsageAccess[t] = s.access;
    }
    const folded = s.product !== (t < oldCount ? ws.keyProduct[t]! : newKeys[t - oldCount]!.product);
    const added = folded
      ? s.versions.length === 0
        ? s.moved < 0
          ? [products.values[s.product]!]
          : []
        : s.versions.map((v) => asFolded(s.product, v))
      : s.versions;
    // A product name holding ", " could not be told apart in the joined list (as a version text could not).
    if (folded && added.some((v) => v === '' || v.includes(', '))) return refused('a version text holds ", " or is empty');
    if (added.length) keyVersions[t] = withVersions(keyVersions[t]!, added);
  }

  const keyAccess = grow8(ws.keyAccess, (i) => {
    const a = keyUsageAccess[oldCount + i]!;
    return a === ACCESS_UNKNOWN ? ACCESS_SUBSCRIPTION : a;
  });
  const targetOfLocal = new Int32Array(localSource.length);
  for (let i = 0; i < localSource.length; i++) targetOfLocal[i] = sources[localSource[i]!]!.target;
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
    seatCount: ws.seatCount,
    ...merged,
    basis: packBasis(
      extendedBasis(basis, sources, {
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
    ),
  };
  const offerings = new Interner(ws.offerings);
  out.keyOffering.set(ws.keyOffering);
  for (let k = oldCount; k < keyCount; k++) out.keyOffering[k] = offerings.id(out.products[out.keyProduct[k]!]!);
  out.offerings = offerings.values;
  if (newKeys.length) assignSeats(out);
  else out.keySeat = ws.keySeat;
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
  // Who holds each identifier the new records name (the last known holder, as a map of every
  // identifier would say): the new records' identifiers are gathered first, so the known people are
  // only looked up, not all put in a map on every import.
  const owner = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>(), new Map<string, number>()];
  for (const r of records)
    eachIdentifier(r, (kind, value) => {
      owner[kind]!.set(value, -1);
      return true;
    });
  let holder = -1;
  const held = (kind: number, value: string) => {
    const o = owner[kind]!;
    if (o.has(value)) o.set(value, holder);
    return true;
  };
  for (let i = 0; i < ws.users.length; i++) {
    holder = i;
    eachIdentifier(ws.users[i]!, held);
  }
  for (let i = 0; i < ws.basis.aliasIds.length; i++) {
    holder = ws.basis.aliasUsers[i]!;
    visitIdentifier(ws.basis.aliasIds[i]!, held);
  }

  const parent = records.map((_, r) => r);
  const known = new Int32Array(records.length).fill(-1);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const local = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>(), new Map<string, number>()];
  for (let r = 0; r < records.length; r++) {
    const linked = eachIdentifier(records[r]!, (kind, id) => {
      const o = owner[kind]!.get(id)!;
      const root = find(r);
      if (o >= 0) {
        if (known[root]! >= 0 && known[root] !== o) return false;
        known[root] = o;
        return true;
      }
      const l = local[kind]!.get(id);
      if (l === undefined) {
        local[kind]!.set(id, r);
        return true;
      }
      const a = find(l);
      if (a === root) return true;
      if (known[a]! >= 0 && known[root]! >= 0 && known[a] !== known[root]) return false;
      const lo = Math.min(a, root),
        hi = Math.max(a, root);
      parent[hi] = lo;
      if (known[lo]! < 0) known[lo] = known[hi]!;
      return true;
    });
    if (!linked) return null;
  }

  let users = ws.users;
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
        if (users === ws.users) users = ws.users.slice();
        id = users.length;
        newUserOf.set(root, id);
        users.push({ ...u, autodeskId: u.autodeskId ?? '' });
        usersChanged = true;
        userMap[r] = id;
        continue;
      }
      id = fresh;
    }
    userMap[r] = id;
    let g = users[id]!;
    const shown =
      (u.firstName && u.firstName !== g.firstName) ||
      (u.lastName && u.lastName !== g.lastName) ||
      (u.email && u.email !== g.email) ||
      (u.hashedId && u.hashedId !== g.hashedId);
    if (!shown && !(u.role && u.role !== g.role) && !(u.autodeskId && u.autodeskId !== g.autodeskId)) continue;
    if (shown) usersChanged = true;
    // A known user is copied before it changes: the workspace extended stays as it was.
    if (id < ws.users.length && !copied.has(id)) {
      if (users === ws.users) users = ws.users.slice();
      copied.add(id);
      users[id] = g = { ...g };
    }
    mergeUserRecord(g, u, id, replaced);
  }
  for (const id of copied) users[id]!.key = userKey(users[id]!);
  for (const id of newUserOf.values()) users[id]!.key = userKey(users[id]!);
  const aliases = replaced.length
    ? aliasesOf(users, [...ws.basis.aliasIds.map((id, i): [string, number] => [id, ws.basis.aliasUsers[i]!]), ...replaced])
    : ws.basis.aliasIds.map((id, i): [string, number] => [id, ws.basis.aliasUsers[i]!]);
  return {
    users,
    userMap,
    usersChanged,
    aliasIds: aliases.map(([id]) => id),
    aliasUsers: Int32Array.from(aliases, ([, u]) => u),
  };
}

/**
 * A key's version list ("2025, 2026") with more versions: sorted, each once, as the merge joins them.
 * Keys share a few lists, so each list is split once and each result made once.
 */
function versionLists(): (list: string, added: readonly string[]) => string {
  const parsed = new Map<string, { set: Set<string>; made: Map<string, string> }>();
  return (list, added) => {
    let known = parsed.get(list);
    if (!known) parsed.set(list, (known = { set: new Set(list ? list.split(', ') : []), made: new Map() }));
    const { set, made } = known;
    if (added.every((v) => set.has(v))) return list;
    const id = added.length === 1 ? added[0]! : added.join('\u0000');
    let out = made.get(id);
    if (out === undefined) made.set(id, (out = [...new Set([...set, ...added])].sort().join(', ')));
    return out;
  };
}

/** The basis after the new rows: per-key facts grown, and the new sources whose usage moved to another key. */
function extendedBasis(
  basis: BasisView,
  sources: readonly Source[],
  changes: Pick<
    BasisView,
    'keyOwnAccess' | 'keyUsageAccess' | 'keyFlags' | 'keyNamedOffering' | 'keyMovedTo' | 'aliasIds' | 'aliasUsers'
  > & {
    namedChanged: ReadonlyMap<number, number>;
    movedChanged: ReadonlyMap<number, { own: AccessCode; named: number }>;
  },
): BasisView {
  const { namedChanged, movedChanged, ...grown } = changes;
  for (const [k, named] of namedChanged) grown.keyNamedOffering[k] = named;
  const moved = sources.filter((s) => s.alive < 0 && s.moved < 0 && !s.onOwnKey);
  /** The array with a fact of each moved source after it. */
  const more = <A extends Int32Array | Uint8Array>(a: A, fact: (s: Source) => number): A => {
    const out = new (a.constructor as new (n: number) => A)(a.length + moved.length);
    out.set(a);
    out.set(moved.map(fact), a.length);
    return out;
  };
  const out: BasisView = {
    ...basis,
    ...grown,
    movedTeam: more(basis.movedTeam, (s) => s.team),
    movedUser: more(basis.movedUser, (s) => s.user),
    movedProduct: more(basis.movedProduct, (s) => s.product),
    movedOwnAccess: more(basis.movedOwnAccess, (s) => s.access),
    movedNamedOffering: more(basis.movedNamedOffering, (s) => s.named),
    movedFlags: more(basis.movedFlags, (s) => KEY_SOURCE | (s.versions.length ? KEY_OWN_VERSIONS : 0)),
    movedTo: more(basis.movedTo, (s) => s.target),
  };
  for (const [m, c] of movedChanged) {
    out.movedOwnAccess[m] = c.own;
    out.movedNamedOffering[m] = c.named;
  }
  return out;
}

/** Index of the `x`-th new event of a key, in day order. */
const eventAt = (ascending: boolean, start: number, order: Float64Array, x: number): number =>
  ascending ? start + x : start + (order[x]! % 16_777_216);

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
    // The new events of this key by day (import order kept within a day).
    const len = bE - bS;
    if (order.length < len) order = new Float64Array(len * 2);
    const o = order.subarray(0, len);
    // Rows usually come in day order: then the days are read in place, else through a sorted order.
    let ascending = true;
    for (let i = bS + 1; i < bE; i++)
      if (nDay[i]! < nDay[i - 1]!) {
        ascending = false;
        break;
      }
    if (!ascending) {
      for (let i = 0; i < len; i++) o[i] = nDay[bS + i]! * 16_777_216 + i;
      o.sort();
    }
    // The key's events before its first new day stay as they are (all of them when the new rows
    // come later, as a month's usage does): they are copied with the untouched keys before it.
    const firstNew = nDay[eventAt(ascending, bS, o, 0)]!;
    let i = oS;
    if (oE > oS && oldDay[oE - 1]! < firstNew) i = oE;
    else while (i < oE && oldDay[i]! < firstNew) i++;
    if (i > copyFrom) outDay.set(oldDay.subarray(copyFrom, i), copyFrom + shift);
    copyFrom = oE;
    const flex = keyAccess[k] === ACCESS_FLEX;
    const tokAt = oBase >= 0 ? oBase : old ? -1 : oldTok.length;
    const kept = oBase >= 0 ? i - oS : 0;
    if (flex && tokAt >= 0) {
      if (tokAt + kept > tCopyFrom) outTok.set(oldTok.subarray(tCopyFrom, tokAt + kept), tCopyFrom + tShift);
      tCopyFrom = tokAt + (oBase >= 0 ? oE - oS : 0);
    }
    outStart[k] = oS + shift;
    let w = i + shift;
    const tw0 = tokAt + tShift;
    let tw = tw0 + kept;
    let x = 0;
    // Past its last event, a side reads as day 65,536: after every day (a whole number, as days are).
    while (x < len || i < oE) {
      const nd = x < len ? nDay[eventAt(ascending, bS, o, x)]! : 65_536;
      const od = i < oE ? oldDay[i]! : 65_536;
      if (od < nd) {
        outDay[w++] = od;
        if (flex) outTok[tw++] = oldTok[oBase + i - oS]!;
        i++;
        continue;
      }
      let sum = 0,
        known = false;
      while (x < len && nDay[eventAt(ascending, bS, o, x)] === nd) {
        const t = nTok[eventAt(ascending, bS, o, x)]!;
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
    // Copied to their length only when days were shared (a new row on a day already known).
    eventDay: total === outDay.length ? outDay : outDay.slice(0, total),
    eventTokens: tokens === outTok.length ? outTok : outTok.slice(0, tokens),
    keyTokenBase: tokBase,
    eventCount: total,
    firstEventDay: total > 0 ? first : NO_DAY,
    lastEventDay: total > 0 ? last : NO_DAY,
  };
}
