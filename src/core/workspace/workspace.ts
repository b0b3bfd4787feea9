/**
 * The in-memory workspace the engine queries: every import merged, in import
 * order, into global dictionaries, one "key" per team × user × product, and the
 * usage events grouped by key (CSR: `eventStart[k]..eventStart[k+1]`, days
 * ascending, one event per key and day). 2 bytes per event, 4 more for a Flex event's
 * tokens, plus a few per key.
 */
import { NO_DAY, type Day } from '../vocabulary/days';
import {
  ACCESS_FLEX,
  ACCESS_SUBSCRIPTION,
  ACCESS_UNKNOWN,
  METHOD_DEFAULT,
  METHOD_DIRECT,
  METHOD_GROUP,
  METHOD_UNKNOWN,
  type AccessCode,
  type EventChunk,
  type ImportBatch,
  type MethodCode,
  type SnapshotRow,
  type SubscriptionRecord,
  type UserRecord,
} from './batch';
import { Interner } from './interner';
import { collationRanks } from './collation';

export interface LoadedBatch {
  batch: ImportBatch;
  chunks: EventChunk[];
}

export interface Workspace {
  teams: string[];
  products: string[];
  groups: string[];
  users: UserRecord[];

  keyCount: number;
  keyTeam: Int32Array;
  keyUser: Int32Array;
  keyProduct: Int32Array;
  /** Effective access option (assignment first, then usage rows); never unknown. */
  keyAccess: Uint8Array;
  keyHasAssignment: Uint8Array;
  keyAssigned: Int32Array;
  keyUnassigned: Int32Array;
  keyMethod: Uint8Array;
  /** Index into `groups`, -1 when none. */
  keyGroup: Int32Array;
  keyVersions: string[];
  /** Index into `offerings` of the assignment's offering (a collection, or the product itself). */
  keyOffering: Int32Array;
  offerings: string[];
  /** Products seen under each collection, learnt from the imports (docs/collections.md). */
  collectionProducts: Record<string, string[]>;
  /** Seat of each key: one id per (team, offering, user), since a collection is one seat. */
  keySeat: Int32Array;
  seatCount: number;

  eventStart: Uint32Array;
  eventDay: Uint16Array;
  /**
   * Tokens of the events of Flex keys only (subscription use charges none), key by key:
   * key k's run starts at `keyTokenBase[k]` (-1 for a key without tokens). Read with `tokensAt`.
   */
  eventTokens: Float32Array;
  keyTokenBase: Int32Array;
  eventCount: number;
  /** First and last event day, NO_DAY when there are no events. */
  firstEventDay: Day;
  lastEventDay: Day;

  subscriptions: SubscriptionRecord[];
  /** Pre-aggregated report rows, indexes into the global dictionaries. */
  snapshot: SnapshotRow[];

  /** Collation ranks, so sorting by text is a numeric sort (computed once here). */
  teamRank: Uint32Array;
  productRank: Uint32Array;
  groupRank: Uint32Array;
  firstNameRank: Uint32Array;
  lastNameRank: Uint32Array;
  emailRank: Uint32Array;
  /** Position of each key in the natural order (team, last, first, email, product); breaks sort ties. */
  keyNaturalRank: Uint32Array;
  /** Inverse of keyNaturalRank. */
  keyByNaturalRank: Uint32Array;

  /** What the merge knew beyond the above, so that a newer import can be added without merging every import again. */
  basis: MergeBasis;
}

/** `MergeBasis.keyFlags`: the key had usage rows of its own. */
export const KEY_SOURCE = 1;
/** `MergeBasis.keyFlags`: its own usage rows named versions. */
export const KEY_OWN_VERSIONS = 2;
/** `MergeBasis.keyFlags`: its assignment said the access option. */
export const KEY_ASSIGNMENT_ACCESS = 4;

/**
 * The merge's bookkeeping, kept with the workspace (and its cache) for `extendWorkspace`
 * (docs/workspace.md, "Adding an import"), packed: three bytes per key. `unpackBasis` reads it.
 */
export interface MergeBasis {
  /** False when the workspace cannot be extended: it includes the change overlay, or a version text could not be split again. */
  extendable: boolean;
  /** Identifiers (`e:`, `h:`, `a:`) earlier records gave that are no longer their user's own, with that user: they still link. */
  aliasIds: string[];
  aliasUsers: Int32Array;
  /** Per key: its own usage rows' access option (bits 0–1), its usage access once usage moved onto it (bits 2–3), KEY_* flags (bits 4–6). */
  keyFacts: Uint8Array;
  /** Per key: the offering its own usage rows named (product id), -1 when none. */
  keyNamedOffering: Int16Array;
  /** The keys whose own usage moved to another key while they stay (others' usage is on them): rare. */
  movedOnKeys: Int32Array;
  movedOnTo: Int32Array;
  /** Keys whose usage all moved to another key and that are not in the workspace: the same facts, and where it went. */
  movedTeam: Int32Array;
  movedUser: Int32Array;
  movedProduct: Int16Array;
  movedFacts: Uint8Array;
  movedNamedOffering: Int16Array;
  movedTo: Int32Array;
}

/** The basis unpacked, one plain array per fact, as the merge and `extendWorkspace` work on it. */
export interface BasisView {
  extendable: boolean;
  aliasIds: string[];
  aliasUsers: Int32Array;
  /** Per key: the access option its own usage rows gave (unknown when none). */
  keyOwnAccess: Uint8Array;
  /** Per key: the usage rows' access once usage moved onto it (before an assignment's). */
  keyUsageAccess: Uint8Array;
  /** Per key: the offering its own usage rows named (product id), -1 when none. */
  keyNamedOffering: Int32Array;
  keyFlags: Uint8Array;
  /** Per key: the key its own usage moved to, -1 when it stays, -2 when it went to a key that is not kept. */
  keyMovedTo: Int32Array;
  movedTeam: Int32Array;
  movedUser: Int32Array;
  movedProduct: Int32Array;
  movedOwnAccess: Uint8Array;
  movedNamedOffering: Int32Array;
  movedFlags: Uint8Array;
  movedTo: Int32Array;
}

const packFacts = (own: Uint8Array, usage: Uint8Array | null, flags: Uint8Array): Uint8Array => {
  const out = new Uint8Array(own.length);
  for (let i = 0; i < out.length; i++) out[i] = own[i]! | ((usage ? usage[i]! : 0) << 2) | (flags[i]! << 4);
  return out;
};

export function packBasis(v: BasisView): MergeBasis {
  const movedOn: number[] = [];
  for (let k = 0; k < v.keyMovedTo.length; k++) if (v.keyMovedTo[k] !== -1) movedOn.push(k);
  return {
    // Product ids are below 16,384 as the merge numbers keys; beyond, the basis could not hold them.
    extendable: v.extendable && v.keyNamedOffering.every((p) => p < 16_384) && v.movedProduct.every((p) => p < 16_384),
    aliasIds: v.aliasIds,
    aliasUsers: v.aliasUsers,
    keyFacts: packFacts(v.keyOwnAccess, v.keyUsageAccess, v.keyFlags),
    keyNamedOffering: Int16Array.from(v.keyNamedOffering),
    movedOnKeys: Int32Array.from(movedOn),
    movedOnTo: Int32Array.from(movedOn, (k) => v.keyMovedTo[k]!),
    movedTeam: v.movedTeam,
    movedUser: v.movedUser,
    movedProduct: Int16Array.from(v.movedProduct),
    movedFacts: packFacts(v.movedOwnAccess, null, v.movedFlags),
    movedNamedOffering: Int16Array.from(v.movedNamedOffering),
    movedTo: v.movedTo,
  };
}

export function unpackBasis(b: MergeBasis): BasisView {
  const keys = b.keyFacts.length;
  const keyMovedTo = new Int32Array(keys).fill(-1);
  b.movedOnKeys.forEach((k, i) => {
    keyMovedTo[k] = b.movedOnTo[i]!;
  });
  return {
    extendable: b.extendable,
    aliasIds: b.aliasIds,
    aliasUsers: b.aliasUsers,
    keyOwnAccess: b.keyFacts.map((f) => f & 3),
    keyUsageAccess: b.keyFacts.map((f) => (f >> 2) & 3),
    keyNamedOffering: Int32Array.from(b.keyNamedOffering),
    keyFlags: b.keyFacts.map((f) => f >> 4),
    keyMovedTo,
    movedTeam: b.movedTeam,
    movedUser: b.movedUser,
    movedProduct: Int32Array.from(b.movedProduct),
    movedOwnAccess: b.movedFacts.map((f) => f & 3),
    movedNamedOffering: Int32Array.from(b.movedNamedOffering),
    movedFlags: b.movedFacts.map((f) => f >> 4),
    movedTo: b.movedTo,
  };
}

interface MergedAssignment {
  offering: string;
  access: AccessCode;
  assigned: Day;
  unassigned: Day;
  group: string;
  method: MethodCode;
}

const composite = (team: number, product: number, user: number) => (team * 16_384 + product) * 67_108_864 + user;

export function buildWorkspace(loaded: readonly LoadedBatch[]): Workspace {
  const teams = new Interner();
  const products = new Interner();
  const groups = new Interner();
  const offerings = new Interner();
  const { users, userMaps, aliasIds, aliasUsers } = linkPeople(loaded);

  // Keys by (team, product) then user: small-integer map keys, no number boxed per lookup.
  const keyIds = new Map<number, Map<number, number>>();
  let keyTeam: number[] = [],
    keyUser: number[] = [],
    keyProduct: number[] = [];
  let keyUsageAccess: AccessCode[] = [];
  let keyVersions: Set<string>[] = [];
  let assignmentOf: (MergedAssignment | undefined)[] = [];
  /** Offering the usage rows named for a usage key (global product id), -1 when none. */
  const keyNamedOffering: number[] = [];
  /** KEY_SOURCE and KEY_OWN_VERSIONS per key. */
  const keyFlags: number[] = [];
  const keyOf = (t: number, u: number, p: number): number => {
    const pair = t * 16_384 + p;
    let byUser = keyIds.get(pair);
    if (byUser === undefined) keyIds.set(pair, (byUser = new Map()));
    let k = byUser.get(u);
    if (k === undefined) {
      k = keyTeam.length;
      byUser.set(u, k);
      keyTeam.push(t);
      keyUser.push(u);
      keyProduct.push(p);
      keyUsageAccess.push(ACCESS_UNKNOWN);
      keyVersions.push(new Set());
      assignmentOf.push(undefined);
      keyNamedOffering.push(-1);
      keyFlags.push(0);
    }
    return k;
  };
  /** Products seen under each offering (a collection's contents), learnt from the imports. */
  const contents = new Map<number, Set<number>>();
  const learn = (offering: number, product: number) => {
    if (offering === product) return;
    let set = contents.get(offering);
    if (!set) contents.set(offering, (set = new Set()));
    set.add(product);
  };

  const subscriptions = new Map<string, SubscriptionRecord>();
  const snapshot = new Map<number, SnapshotRow>();
  const memberships: { team: number; user: number; product: number; group: string; isDefault: boolean }[] = [];

  // Per batch: local → global id maps, and each event's global key.
  let totalEvents = 0;
  for (const { batch } of loaded) totalEvents += batch.eventCount;
  const evKey = new Uint32Array(totalEvents);
  const evDay = new Uint16Array(totalEvents);
  const evTokens = new Float32Array(totalEvents);
  const evBatch = new Uint16Array(totalEvents);
  let evN = 0;

  for (let batchOrder = 0; batchOrder < loaded.length; batchOrder++) {
    const { batch, chunks } = loaded[batchOrder]!;
    const teamMap = batch.teams.map((t) => teams.id(t));
    const productMap = batch.products.map((p) => products.id(p));
    const userMap = userMaps[batchOrder]!;

    for (const a of batch.assignments) {
      // An assignment's row is its offering: a collection is one seat (docs/collections.md).
      const product = productMap[a.product]!;
      const row = a.offering ? products.id(a.offering) : product;
      learn(row, product);
      const k = keyOf(teamMap[a.team]!, userMap[a.user]!, row);
      const old = assignmentOf[k];
      if (!old) {
        assignmentOf[k] = {
          offering: a.offering,
          access: a.access,
          assigned: a.assigned,
          unassigned: a.unassigned,
          group: a.group,
          method: a.method,
        };
        continue;
      }
      // A later file completes an earlier one (docs/import.md, "Atomic and idempotent"): known values win, and a
      // re-assignment after an earlier unassignment clears it.
      const assigned = a.assigned !== NO_DAY ? a.assigned : old.assigned;
      let unassigned = a.unassigned !== NO_DAY ? a.unassigned : old.unassigned;
      if (a.unassigned === NO_DAY && a.assigned !== NO_DAY && old.unassigned !== NO_DAY && a.assigned > old.unassigned) unassigned = NO_DAY;
      assignmentOf[k] = {
        offering: a.offering || old.offering,
        access: a.access !== ACCESS_UNKNOWN ? a.access : old.access,
        assigned,
        unassigned,
        group: a.method === METHOD_UNKNOWN ? old.group : a.group,
        method: a.method === METHOD_UNKNOWN ? old.method : a.method,
      };
    }

    const ek = batch.eventKeys;
    const localToGlobal = new Uint32Array(ek.team.length);
    for (let i = 0; i < ek.team.length; i++) {
      const product = productMap[ek.product[i]!]!;
      const k = keyOf(teamMap[ek.team[i]!]!, userMap[ek.user[i]!]!, product);
      localToGlobal[i] = k;
      keyFlags[k]! |= KEY_SOURCE;
      const acc = ek.access[i] as AccessCode;
      if (acc !== ACCESS_UNKNOWN) keyUsageAccess[k] = acc;
      const o = ek.offering?.[i] ?? -1;
      if (o >= 0) {
        keyNamedOffering[k] = productMap[o]!;
        learn(productMap[o]!, product);
      }
      const v = ek.versions[i];
      if (v) {
        keyFlags[k]! |= KEY_OWN_VERSIONS;
        for (const one of v.split('\n')) keyVersions[k]!.add(one);
      }
    }
    for (const chunk of chunks) {
      const n = chunk.key.length;
      const ck = chunk.key;
      for (let i = 0; i < n; i++) evKey[evN + i] = localToGlobal[ck[i]!]!;
      evDay.set(chunk.day, evN);
      evTokens.set(chunk.tokens, evN);
      evBatch.fill(batchOrder, evN, evN + n);
      evN += n;
    }

    for (const s of batch.subscriptions) {
      const id = `${s.team}|${s.id}`;
      const old = subscriptions.get(id);
      subscriptions.set(id, old ? completeSubscription(old, s) : { ...s });
    }
    for (const g of batch.groups) {
      memberships.push({
        team: g.team < 0 ? -1 : teamMap[g.team]!,
        user: userMap[g.user]!,
        product: g.product < 0 ? -1 : productMap[g.product]!,
        group: g.group,
        isDefault: g.isDefault,
      });
    }
    for (const r of batch.snapshot) {
      const row = { ...r, team: teamMap[r.team]!, user: userMap[r.user]!, product: productMap[r.product]! };
      snapshot.set(composite(row.team, row.product, row.user), row);
    }
  }

  // Usage moves to the row it belongs to: the user's only team, then the offering it was used under.
  const target = usageRowTargets(
    teams.values,
    keyTeam,
    keyUser,
    keyProduct,
    assignmentOf,
    keyUsageAccess,
    keyNamedOffering,
    contents,
    keyOf,
  );
  const keyOwnAccess = Uint8Array.from(keyUsageAccess);
  for (let k = 0; k < target.length; k++) {
    const t = target[k]!;
    if (t === k) continue;
    if (keyUsageAccess[t] === ACCESS_UNKNOWN) keyUsageAccess[t] = keyUsageAccess[k]!;
    // A collection row lists the products behind it, with their versions (docs/collections.md).
    const folded = keyProduct[t] !== keyProduct[k];
    const name = products.values[keyProduct[k]!]!;
    if (folded && keyVersions[k]!.size === 0) keyVersions[t]!.add(name);
    for (const v of keyVersions[k]!) keyVersions[t]!.add(folded ? `${name} ${v}` : v);
  }
  for (let i = 0; i < evN; i++) evKey[i] = target[evKey[i]!]!;

  // Keys left with neither an assignment nor usage (moved elsewhere) are dropped.
  const alive = new Uint8Array(keyTeam.length);
  for (let k = 0; k < keyTeam.length; k++) if (assignmentOf[k]) alive[k] = 1;
  for (let i = 0; i < evN; i++) alive[evKey[i]!] = 1;
  let live = 0;
  for (let k = 0; k < alive.length; k++) live += alive[k]!;
  const renumber = new Int32Array(keyTeam.length);
  for (let k = 0; k < renumber.length; k++) renumber[k] = k;
  if (live < keyTeam.length) {
    renumber.fill(-1);
    let w = 0;
    for (let k = 0; k < alive.length; k++) if (alive[k]) renumber[k] = w++;
    for (let i = 0; i < evN; i++) evKey[i] = renumber[evKey[i]!]!;
  }
  const basis = mergeBasis(
    alive,
    live,
    renumber,
    target,
    keyTeam,
    keyUser,
    keyProduct,
    keyOwnAccess,
    keyUsageAccess,
    keyNamedOffering,
    keyFlags,
    assignmentOf,
    keyVersions,
  );
  basis.aliasIds = aliasIds;
  basis.aliasUsers = aliasUsers;
  if (live < keyTeam.length) {
    const keep = <T>(xs: T[]) => xs.filter((_, k) => alive[k] === 1);
    keyTeam = keep(keyTeam);
    keyUser = keep(keyUser);
    keyProduct = keep(keyProduct);
    keyUsageAccess = keep(keyUsageAccess);
    keyVersions = keep(keyVersions);
    assignmentOf = keep(assignmentOf);
  }

  // Group memberships name how an assignment was made (docs/report.md, "How an assignment was made"): group or default.
  if (memberships.length > 0) {
    const byUser = new Map<number, number[]>();
    keyUser.forEach((u, k) => {
      if (assignmentOf[k]) {
        let l = byUser.get(u);
        if (!l) byUser.set(u, (l = []));
        l.push(k);
      }
    });
    for (const m of memberships) {
      for (const k of byUser.get(m.user) ?? []) {
        if (m.team >= 0 && keyTeam[k] !== m.team) continue;
        if (m.product >= 0 && keyProduct[k] !== m.product && !contents.get(keyProduct[k]!)?.has(m.product)) continue;
        const a = assignmentOf[k]!;
        if (a.method === METHOD_GROUP || a.method === METHOD_DEFAULT) continue;
        a.method = m.isDefault ? METHOD_DEFAULT : METHOD_GROUP;
        a.group = m.group;
      }
    }
  }

  const keyCount = keyTeam.length;
  const csr = groupEventsByKey(
    keyCount,
    evKey.subarray(0, evN),
    evDay.subarray(0, evN),
    evTokens.subarray(0, evN),
    evBatch.subarray(0, evN),
  );

  const ws: Workspace = {
    teams: teams.values,
    products: products.values,
    groups: groups.values,
    users,
    keyCount,
    keyTeam: Int32Array.from(keyTeam),
    keyUser: Int32Array.from(keyUser),
    keyProduct: Int32Array.from(keyProduct),
    keyAccess: new Uint8Array(keyCount),
    keyHasAssignment: new Uint8Array(keyCount),
    keyAssigned: new Int32Array(keyCount).fill(NO_DAY),
    keyUnassigned: new Int32Array(keyCount).fill(NO_DAY),
    keyMethod: new Uint8Array(keyCount),
    keyGroup: new Int32Array(keyCount).fill(-1),
    keyVersions: keyVersions.map((s) => [...s].sort().join(', ')),
    keyOffering: new Int32Array(keyCount),
    offerings: [],
    collectionProducts: Object.fromEntries(
      [...contents].map(([o, ps]) => [products.values[o]!, [...ps].map((p) => products.values[p]!).sort()]),
    ),
    keySeat: new Int32Array(keyCount),
    seatCount: 0,
    ...csr,
    keyTokenBase: new Int32Array(keyCount).fill(-1),
    subscriptions: [...subscriptions.values()],
    snapshot: [...snapshot.values()],
    teamRank: new Uint32Array(0),
    productRank: new Uint32Array(0),
    groupRank: new Uint32Array(0),
    firstNameRank: new Uint32Array(0),
    lastNameRank: new Uint32Array(0),
    emailRank: new Uint32Array(0),
    keyNaturalRank: new Uint32Array(0),
    keyByNaturalRank: new Uint32Array(0),
    basis: packBasis(basis),
  };

  for (let k = 0; k < keyCount; k++) {
    const a = assignmentOf[k];
    let access: AccessCode = keyUsageAccess[k]!;
    if (a) {
      ws.keyHasAssignment[k] = 1;
      ws.keyAssigned[k] = a.assigned;
      ws.keyUnassigned[k] = a.unassigned;
      ws.keyMethod[k] = a.method === METHOD_UNKNOWN ? METHOD_DIRECT : a.method;
      ws.keyGroup[k] = a.group ? groups.id(a.group) : -1;
      if (a.access !== ACCESS_UNKNOWN) access = a.access;
    }
    ws.keyAccess[k] = access === ACCESS_UNKNOWN ? ACCESS_SUBSCRIPTION : access;
    ws.keyOffering[k] = offerings.id(ws.products[keyProduct[k]!]!);
  }
  ws.offerings = offerings.values;
  keepFlexTokens(ws);
  assignSeats(ws);
  for (const r of ws.snapshot) if (r.group) groups.id(r.group);
  ws.groups = groups.values;
  ws.teamRank = collationRanks(ws.teams);
  ws.productRank = collationRanks(ws.products);
  ws.groupRank = collationRanks(ws.groups);
  rankUsers(ws);
  rankKeys(ws);
  return ws;
}

/** The seat of each key: one per (team, offering, user), since a collection is one seat. */
export function assignSeats(ws: Workspace): void {
  const seatIds = new Map<number, number>();
  for (let k = 0; k < ws.keyCount; k++) {
    const c = (ws.keyTeam[k]! * 65_536 + ws.keyOffering[k]!) * 67_108_864 + ws.keyUser[k]!;
    let id = seatIds.get(c);
    if (id === undefined) {
      id = seatIds.size;
      seatIds.set(c, id);
    }
    ws.keySeat[k] = id;
  }
  ws.seatCount = seatIds.size;
}

/** The merge's bookkeeping of each key (alive) or of each key whose usage moved away and that is gone (moved). */
function mergeBasis(
  alive: Uint8Array,
  live: number,
  renumber: Int32Array,
  target: Int32Array,
  keyTeam: number[],
  keyUser: number[],
  keyProduct: number[],
  ownAccess: Uint8Array,
  usageAccess: AccessCode[],
  named: number[],
  flags: number[],
  assignmentOf: (MergedAssignment | undefined)[],
  versions: Set<string>[],
): BasisView {
  const n = keyTeam.length,
    dead = n - live;
  const b: BasisView = {
    extendable: true,
    aliasIds: [],
    aliasUsers: new Int32Array(0),
    keyOwnAccess: new Uint8Array(live),
    keyUsageAccess: new Uint8Array(live),
    keyNamedOffering: new Int32Array(live),
    keyFlags: new Uint8Array(live),
    keyMovedTo: new Int32Array(live),
    movedTeam: new Int32Array(dead),
    movedUser: new Int32Array(dead),
    movedProduct: new Int32Array(dead),
    movedOwnAccess: new Uint8Array(dead),
    movedNamedOffering: new Int32Array(dead),
    movedFlags: new Uint8Array(dead),
    movedTo: new Int32Array(dead),
  };
  let w = 0,
    m = 0;
  for (let k = 0; k < n; k++) {
    // -1: stays; -2: went to a key that is not kept (it had no events).
    // Keys made as targets (past the end of `target`) are no source: nothing of theirs moves.
    const t = k < target.length ? target[k]! : k;
    const to = t === k ? -1 : renumber[t]! >= 0 ? renumber[t]! : -2;
    const a = assignmentOf[k];
    const f = flags[k]! | (a && a.access !== ACCESS_UNKNOWN ? KEY_ASSIGNMENT_ACCESS : 0);
    if (alive[k]) {
      b.keyOwnAccess[w] = ownAccess[k]!;
      b.keyUsageAccess[w] = usageAccess[k]!;
      b.keyNamedOffering[w] = named[k]!;
      b.keyFlags[w] = f;
      b.keyMovedTo[w] = to;
      w++;
    } else {
      b.movedTeam[m] = keyTeam[k]!;
      b.movedUser[m] = keyUser[k]!;
      b.movedProduct[m] = keyProduct[k]!;
      b.movedOwnAccess[m] = ownAccess[k]!;
      b.movedNamedOffering[m] = named[k]!;
      b.movedFlags[m] = f;
      b.movedTo[m] = to;
      m++;
    }
    // Version lists are kept joined by ", ": a text that holds one, or is empty, could not be split again.
    for (const v of versions[k]!) if (v === '' || v.includes(', ')) b.extendable = false;
  }
  return b;
}

/**
 * The same list with equal strings shared: keys repeat a few version lists ("2025, 2026"),
 * and a string per key would cost memory per key (a workspace read back from its cache too).
 */
export function sharedStrings(values: readonly string[]): string[] {
  const one = new Map<string, string>();
  return values.map((v) => {
    const kept = one.get(v);
    if (kept !== undefined) return kept;
    one.set(v, v);
    return v;
  });
}

const searchTexts = new WeakMap<Workspace, string[]>();

/**
 * Lower-cased "first last email hashed-id" per user, for the free-text filter: made on the
 * first search of a workspace and kept with it, so a workspace nobody searches does not carry it.
 */
export function userSearchText(ws: Workspace): string[] {
  let texts = searchTexts.get(ws);
  if (!texts) {
    texts = ws.users.map((u) => `${u.firstName} ${u.lastName} ${u.email} ${u.hashedId}`.toLowerCase());
    searchTexts.set(ws, texts);
  }
  return texts;
}

/** Tokens of event `i` of key `k`: 0 for a key whose use charges none. */
export function tokensAt(ws: Workspace, k: number, i: number): number {
  const base = ws.keyTokenBase[k]!;
  return base < 0 ? 0 : ws.eventTokens[base + i - ws.eventStart[k]!]!;
}

/** Keeps the tokens of Flex keys' events only, in key order (docs/workspace.md, "Memory"). */
export function keepFlexTokens(ws: Workspace): void {
  const all = ws.eventTokens;
  let n = 0;
  for (let k = 0; k < ws.keyCount; k++) if (ws.keyAccess[k] === ACCESS_FLEX) n += ws.eventStart[k + 1]! - ws.eventStart[k]!;
  const kept = new Float32Array(n);
  let w = 0;
  for (let k = 0; k < ws.keyCount; k++) {
    if (ws.keyAccess[k] !== ACCESS_FLEX) continue;
    const s = ws.eventStart[k]!,
      e = ws.eventStart[k + 1]!;
    ws.keyTokenBase[k] = w;
    kept.set(all.subarray(s, e), w);
    w += e - s;
  }
  ws.eventTokens = kept;
}

/**
 * One person, one user (docs/identity.md): any record carrying an email together
 * with a hashed id or Autodesk ID links them, in any file and any import order, so
 * a person's PII-off and PII-on rows become one user. Names and role: the latest
 * import that says them wins.
 */
export function linkPeople(loaded: readonly LoadedBatch[]): {
  users: UserRecord[];
  userMaps: Int32Array[];
  aliasIds: string[];
  aliasUsers: Int32Array;
} {
  const parent: number[] = [];
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const owner = new Map<string, number>();
  const records: UserRecord[] = [];
  const firstRecord: number[] = [];
  for (const { batch } of loaded) {
    firstRecord.push(records.length);
    for (const u of batch.users) {
      const r = records.length;
      records.push(u);
      parent.push(r);
      for (const id of identifiersOf(u)) {
        const o = owner.get(id);
        if (o === undefined) owner.set(id, r);
        else {
          const a = find(o),
            b = find(r);
          if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
        }
      }
    }
  }
  const userOfRoot = new Map<number, number>();
  const users: UserRecord[] = [];
  const global = new Int32Array(records.length);
  // Identifiers a later record replaced: the ones that end up no one's own still link (MergeBasis.aliasIds).
  const replaced: [string, number][] = [];
  for (let r = 0; r < records.length; r++) {
    const root = find(r);
    let id = userOfRoot.get(root);
    const u = records[r]!;
    if (id === undefined) {
      id = users.length;
      userOfRoot.set(root, id);
      users.push({ ...u, autodeskId: u.autodeskId ?? '' });
    } else {
      mergeUserRecord(users[id]!, u, id, replaced);
    }
    global[r] = id;
  }
  for (const g of users) g.key = userKey(g);
  const aliases = aliasesOf(users, replaced);
  return {
    users,
    userMaps: loaded.map(({ batch }, b) => global.subarray(firstRecord[b]!, firstRecord[b]! + batch.users.length)),
    aliasIds: aliases.map(([id]) => id),
    aliasUsers: Int32Array.from(aliases, ([, u]) => u),
  };
}

/**
 * A later record of user `id` completes `g`: its names, role, email, hashed id and Autodesk ID win where
 * it says them; the identifiers they replace are noted in `replaced`.
 */
export function mergeUserRecord(g: UserRecord, u: UserRecord, id: number, replaced: [string, number][]): void {
  if (u.firstName) g.firstName = u.firstName;
  if (u.lastName) g.lastName = u.lastName;
  if (u.role) g.role = u.role;
  if (u.email) {
    if (g.email && g.email.toLowerCase() !== u.email.toLowerCase()) replaced.push([`e:${g.email.toLowerCase()}`, id]);
    g.email = u.email;
  }
  if (u.hashedId) {
    if (g.hashedId && g.hashedId !== u.hashedId) replaced.push([`h:${g.hashedId}`, id]);
    g.hashedId = u.hashedId;
  }
  if (u.autodeskId) {
    if (g.autodeskId && g.autodeskId !== u.autodeskId) replaced.push([`a:${g.autodeskId}`, id]);
    g.autodeskId = u.autodeskId;
  }
}

export function userKey(g: UserRecord): string {
  return g.email ? `e:${g.email}` : g.hashedId ? `h:${g.hashedId}` : g.autodeskId ? `a:${g.autodeskId}` : g.key;
}

/** The replaced identifiers that are not their user's own in the end, once each. */
export function aliasesOf(users: readonly UserRecord[], replaced: readonly [string, number][]): [string, number][] {
  const seen = new Set<string>();
  const out: [string, number][] = [];
  for (const [id, u] of replaced) {
    if (seen.has(id) || identifiersOf(users[u]!).includes(id)) continue;
    seen.add(id);
    out.push([id, u]);
  }
  return out;
}

export function identifiersOf(u: UserRecord): string[] {
  const ids: string[] = [];
  eachIdentifier(u, (kind, value) => {
    ids.push(`${ID_PREFIXES[kind]}${value}`);
    return true;
  });
  return ids;
}

const ID_PREFIXES = ['e:', 'h:', 'a:', ''] as const;

/**
 * Calls `visit` with each identifier of a record, stopping when it answers false: kind 0 the e-mail
 * lower-cased, 1 the hashed id, 2 the Autodesk ID; a record of a batch stored before those fields were
 * kept gives its key (`e:…`, `h:…`, `a:…` read as those kinds, else kind 3). No string is made per
 * record (`identifiersOf` makes them). False when `visit` stopped.
 */
export function eachIdentifier(u: UserRecord, visit: (kind: number, value: string) => boolean): boolean {
  if (u.email || u.hashedId || u.autodeskId) {
    if (u.email && !visit(0, u.email.toLowerCase())) return false;
    if (u.hashedId && !visit(1, u.hashedId)) return false;
    if (u.autodeskId && !visit(2, u.autodeskId)) return false;
    return true;
  }
  return u.key ? visitIdentifier(u.key, visit) : true;
}

/** Visits one identifier string (`e:…`, `h:…`, `a:…`, or another key) as its kind and value. */
export function visitIdentifier(id: string, visit: (kind: number, value: string) => boolean): boolean {
  const kind = id.startsWith('e:') ? 0 : id.startsWith('h:') ? 1 : id.startsWith('a:') ? 2 : 3;
  return visit(kind, kind === 3 ? id : id.slice(2));
}

/** Who holds what, from the assignments: what `usageRow` needs to place a key's usage. */
export interface Holdings {
  /** Id of team '' (usage from a file without a team column), -1 when none. */
  noTeam: number;
  /** Teams (other than '') where each user holds an assignment. */
  teamsOfUser: Map<number, Set<number>>;
  /** (team, user) → offerings held. */
  heldBy: Map<number, number[]>;
  /** Products seen under each offering. */
  contents: ReadonlyMap<number, ReadonlySet<number>>;
}

export function newHoldings(noTeam: number, contents: ReadonlyMap<number, ReadonlySet<number>>): Holdings {
  return { noTeam, teamsOfUser: new Map(), heldBy: new Map(), contents };
}

/** Notes that user `u` holds offering `row` in team `t`. */
export function addHolding(h: Holdings, t: number, u: number, row: number): void {
  if (t !== h.noTeam) {
    let set = h.teamsOfUser.get(u);
    if (!set) h.teamsOfUser.set(u, (set = new Set()));
    set.add(t);
  }
  const tu = t * 67_108_864 + u;
  let held = h.heldBy.get(tu);
  if (!held) h.heldBy.set(tu, (held = []));
  held.push(row);
}

/**
 * Where usage of (team `t`, user `u`, product `p`) without an assignment of its own counts
 * (docs/collections.md). First the team: usage from a file without a team column lands in
 * team ''; when the user holds assignments in exactly one team, that is where the use
 * happened. Then the row: usage of a product under an offering counts on the offering's row —
 * the one the file named, else the one offering the user holds in that team that contains the
 * product (learnt from the imports). Flex usage stays per product: each is charged apart.
 */
export function usageRow(h: Holdings, t: number, u: number, p: number, access: AccessCode, named: number): { team: number; row: number } {
  let team = t;
  if (team === h.noTeam) {
    const only = h.teamsOfUser.get(u);
    if (only && only.size === 1) team = [...only][0]!;
  }
  let row = p;
  if (access !== ACCESS_FLEX) {
    if (named >= 0) row = named;
    else {
      const held = h.heldBy.get(team * 67_108_864 + u) ?? [];
      if (!held.includes(p)) {
        const holding = held.filter((o) => h.contents.get(o)?.has(p));
        if (holding.length === 1) row = holding[0]!;
      }
    }
  }
  return { team, row };
}

/** The target key of every key (itself when nothing moves), by `usageRow`. */
function usageRowTargets(
  teams: readonly string[],
  keyTeam: number[],
  keyUser: number[],
  keyProduct: number[],
  assignmentOf: (MergedAssignment | undefined)[],
  keyUsageAccess: AccessCode[],
  keyNamedOffering: number[],
  contents: ReadonlyMap<number, ReadonlySet<number>>,
  keyOf: (t: number, u: number, p: number) => number,
): Int32Array {
  const count = keyTeam.length;
  const target = new Int32Array(count);
  for (let k = 0; k < count; k++) target[k] = k;
  const h = newHoldings(teams.indexOf(''), contents);
  for (let k = 0; k < count; k++) if (assignmentOf[k]) addHolding(h, keyTeam[k]!, keyUser[k]!, keyProduct[k]!);
  for (let k = 0; k < count; k++) {
    if (assignmentOf[k]) continue;
    const p = keyProduct[k]!;
    const { team, row } = usageRow(h, keyTeam[k]!, keyUser[k]!, p, keyUsageAccess[k]!, keyNamedOffering[k]!);
    if (team !== keyTeam[k] || row !== p) target[k] = keyOf(team, keyUser[k]!, row);
  }
  return target;
}

/**
 * How user `u` is shown: their pseudonym when the view is masked (docs/report.md, "Personal data"),
 * else "First Last" (or the email) and the email (or hashed id).
 */
export function shownPerson(
  ws: Workspace,
  u: number,
  mask: { pseudonyms: readonly string[] } | null,
): { userRef: string; name: string; email: string } {
  const user = ws.users[u]!;
  if (mask) {
    const p = mask.pseudonyms[u]!;
    return { userRef: p, name: p, email: p };
  }
  const email = user.email || user.hashedId;
  return { userRef: user.key, name: [user.firstName, user.lastName].filter(Boolean).join(' ') || email, email };
}

/** Whether key `k` holds an assignment current on `day`: assigned by then (or when unknown), not yet unassigned. */
export function assignedOn(ws: Workspace, k: number, day: Day): boolean {
  if (!ws.keyHasAssignment[k]) return false;
  const a = ws.keyAssigned[k]!,
    u = ws.keyUnassigned[k]!;
  return (a === NO_DAY || a <= day) && (u === NO_DAY || u > day);
}

/** Whether a subscription runs on `day`; unknown start or end dates count as running. */
export function subscriptionRunsOn(s: SubscriptionRecord, day: Day): boolean {
  return (s.start === NO_DAY || s.start <= day) && (s.end === NO_DAY || s.end >= day);
}

function completeSubscription(old: SubscriptionRecord, s: SubscriptionRecord): SubscriptionRecord {
  return {
    id: s.id,
    team: s.team,
    offering: s.offering || old.offering,
    seats: s.seats || old.seats,
    start: s.start !== NO_DAY ? s.start : old.start,
    end: s.end !== NO_DAY ? s.end : old.end,
    autorenew: s.autorenew !== NO_DAY ? s.autorenew : old.autorenew,
    term: s.term || old.term,
    contract: s.contract || old.contract,
    status: s.status || old.status,
    plan: s.plan || old.plan,
  };
}

/**
 * Counting sort of events by key (stable, so import order survives), then per key
 * by day, keeping one event per key and day: the latest import's. Within an
 * import, rows of the same day (versions, features) add up their tokens; an import
 * without tokens for the day (NaN) keeps the figure the imports before it gave.
 */
export function groupEventsByKey(
  keyCount: number,
  key: Uint32Array,
  day: Uint16Array,
  tokens: Float32Array,
  batch: Uint16Array,
): Pick<Workspace, 'eventStart' | 'eventDay' | 'eventTokens' | 'eventCount' | 'firstEventDay' | 'lastEventDay'> {
  const n = key.length;
  const start = new Uint32Array(keyCount + 1);
  for (let i = 0; i < n; i++) start[key[i]! + 1]!++;
  for (let k = 0; k < keyCount; k++) start[k + 1]! += start[k]!;
  const fill = start.slice(0, keyCount);
  const sDay = new Uint16Array(n),
    sTok = new Float32Array(n),
    sBatch = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const p = fill[key[i]!]!++;
    sDay[p] = day[i]!;
    sTok[p] = tokens[i]!;
    sBatch[p] = batch[i]!;
  }

  const outStart = new Uint32Array(keyCount + 1);
  const outDay = new Uint16Array(n);
  const outTok = new Float32Array(n);
  let w = 0;
  let first = Infinity,
    last = -Infinity;
  let order = new Float64Array(64);
  for (let k = 0; k < keyCount; k++) {
    outStart[k] = w;
    const s = start[k]!,
      e = start[k + 1]!;
    if (e === s) continue;
    let sorted = true;
    for (let i = s + 1; i < e; i++)
      if (sDay[i]! <= sDay[i - 1]!) {
        sorted = false;
        break;
      }
    if (sorted) {
      for (let i = s; i < e; i++) {
        outDay[w] = sDay[i]!;
        outTok[w] = Number.isNaN(sTok[i]!) ? 0 : sTok[i]!;
        w++;
      }
    } else {
      const len = e - s;
      if (order.length < len) order = new Float64Array(len * 2);
      const o = order.subarray(0, len);
      for (let i = 0; i < len; i++) o[i] = sDay[s + i]! * 16_777_216 + i;
      o.sort();
      let i = 0;
      while (i < len) {
        const d = Math.floor(o[i]! / 16_777_216);
        let j = i;
        while (j + 1 < len && Math.floor(o[j + 1]! / 16_777_216) === d) j++;
        // o[i..j] share day d, in import order; the last one's import wins.
        // Import by import: one that has tokens for the day replaces the figure; one without keeps it.
        let value = 0,
          sum = 0,
          known = false,
          current = sBatch[s + (o[i]! % 16_777_216)]!;
        for (let x = i; x <= j; x++) {
          const p = s + (o[x]! % 16_777_216);
          if (sBatch[p] !== current) {
            if (known) value = sum;
            current = sBatch[p]!;
            sum = 0;
            known = false;
          }
          const t = sTok[p]!;
          if (!Number.isNaN(t)) {
            sum += t;
            known = true;
          }
        }
        outDay[w] = d;
        outTok[w] = known ? sum : value;
        w++;
        i = j + 1;
      }
    }
    if (outDay[outStart[k]!]! < first) first = outDay[outStart[k]!]!;
    if (outDay[w - 1]! > last) last = outDay[w - 1]!;
  }
  outStart[keyCount] = w;
  return {
    eventStart: outStart,
    eventDay: w === n ? outDay : outDay.slice(0, w),
    eventTokens: w === n ? outTok : outTok.slice(0, w),
    eventCount: w,
    firstEventDay: w > 0 ? first : NO_DAY,
    lastEventDay: w > 0 ? last : NO_DAY,
  };
}

export function rankUsers(ws: Workspace): void {
  ws.firstNameRank = collationRanks(ws.users.map((u) => u.firstName));
  ws.lastNameRank = collationRanks(ws.users.map((u) => u.lastName));
  ws.emailRank = collationRanks(ws.users.map((u) => u.email || u.hashedId));
}

/** The natural order of keys (team, last, first, email, product), from the ranks. */
export function rankKeys(ws: Workspace): void {
  // The natural order (team, last, first, email, product, key) as one number per key, sorted natively.
  const users = ws.users.length;
  const byName = Array.from({ length: users }, (_, u) => u).sort(
    (a, b) =>
      ws.lastNameRank[a]! - ws.lastNameRank[b]! || ws.firstNameRank[a]! - ws.firstNameRank[b]! || ws.emailRank[a]! - ws.emailRank[b]!,
  );
  const userRank = new Uint32Array(users);
  for (let i = 1; i < users; i++) {
    const a = byName[i - 1]!,
      b = byName[i]!;
    const tie =
      ws.lastNameRank[a] === ws.lastNameRank[b] && ws.firstNameRank[a] === ws.firstNameRank[b] && ws.emailRank[a] === ws.emailRank[b];
    userRank[b] = tie ? userRank[a]! : i;
  }
  const n = ws.keyCount;
  const span = (ws.teams.length + 1) * (users + 1) * (ws.products.length + 1) * (n + 1);
  let keys: Uint32Array;
  if (span < 2 ** 53) {
    const packed = new Float64Array(n);
    for (let k = 0; k < n; k++)
      packed[k] =
        ((ws.teamRank[ws.keyTeam[k]!]! * (users + 1) + userRank[ws.keyUser[k]!]!) * (ws.products.length + 1) +
          ws.productRank[ws.keyProduct[k]!]!) *
          (n + 1) +
        k;
    packed.sort();
    keys = new Uint32Array(n);
    for (let i = 0; i < n; i++) keys[i] = packed[i]! % (n + 1);
  } else {
    keys = Uint32Array.from({ length: n }, (_, k) => k).sort(
      (a, b) =>
        ws.teamRank[ws.keyTeam[a]!]! - ws.teamRank[ws.keyTeam[b]!]! ||
        userRank[ws.keyUser[a]!]! - userRank[ws.keyUser[b]!]! ||
        ws.productRank[ws.keyProduct[a]!]! - ws.productRank[ws.keyProduct[b]!]! ||
        a - b,
    );
  }
  ws.keyByNaturalRank = keys;
  ws.keyNaturalRank = new Uint32Array(n);
  for (let i = 0; i < n; i++) ws.keyNaturalRank[keys[i]!] = i;
}
