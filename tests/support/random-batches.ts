/**
 * Seeded imports built directly as batches (not through CSV), realistic and tricky: collections,
 * group memberships, subscriptions, snapshots, usage without a team or access column, named
 * offerings, PII-off users linked (or not) to their emails, re-exports overlapping earlier months.
 * `randomBase` makes a workspace's imports; `randomLater` one newer usage import on top of them.
 */
import { rng } from '../../src/core/sample/generate-sample';
import { completeBatchUser } from '../../src/core/import/batch-builder';
import { type Day, dayFromYmd, NO_DAY } from '../../src/core/vocabulary/days';
import type { Section } from '../../src/core/vocabulary/sections';
import {
  ACCESS_FLEX,
  ACCESS_SUBSCRIPTION,
  ACCESS_UNKNOWN,
  type AccessCode,
  type AssignmentRecord,
  EVENTS_PER_CHUNK,
  type EventChunk,
  type GroupMembership,
  METHOD_DEFAULT,
  METHOD_DIRECT,
  METHOD_GROUP,
  METHOD_UNKNOWN,
  type MethodCode,
  type SnapshotRow,
  type SubscriptionRecord,
  type UserRecord,
} from '../../src/core/workspace/batch';
import { Interner } from '../../src/core/workspace/interner';
import { type LoadedBatch, linkPeople } from '../../src/core/workspace/workspace';

const TEAMS = ['Design', 'Engineering', 'Site Ops', 'Visualisation', 'design'];
const NEW_TEAMS = ['Marketing', 'site ops', 'Research'];
const COLLECTIONS: Record<string, string[]> = {
  'AEC Collection': ['AutoCAD', 'Revit', 'Civil 3D', 'Navisworks Manage'],
  'M&E Collection': ['3ds Max', 'Maya'],
  'PD&M Collection': ['AutoCAD', 'Inventor', 'Fusion'],
};
const COLLECTION_NAMES = Object.keys(COLLECTIONS);
const PRODUCTS = ['AutoCAD', 'Revit', 'Civil 3D', 'Navisworks Manage', '3ds Max', 'Maya', 'Inventor', 'Fusion'];
const NEW_PRODUCTS = ['Vault', 'Twinmotion', 'ReCap Pro'];
const FLEX_TOKENS = [7, 10, 2.5, 0.3, 12];
const FIRST = ['Ana', 'Ben', 'Chloé', 'Dev', 'Ela', 'Finn', 'Gus', 'Hana', 'Ivo', 'Jo', 'ana'];
const LAST = ['Ng', 'Okafor', 'Smith', 'Müller', 'Østergaard', 'Lee', 'van Dijk', 'smith'];
const GROUPS = ['Architects', 'Contractors', 'BIM team', 'Interns'];
const VERSION_STYLES = [[], ['2025'], ['2024', '2025'], ['2026'], ['2025.1', '2025.2'], ['Flex token feature']];

class Random {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = rng(seed);
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [xs[i], xs[j]] = [xs[j]!, xs[i]!];
    }
    return xs;
  }
  /** At least `min` of `xs`, in random order. */
  some<T>(xs: readonly T[], min = 1): T[] {
    return this.shuffle([...xs]).slice(0, Math.min(xs.length, min + this.int(xs.length - min + 1)));
  }
}

type Style = 'email' | 'both' | 'hash' | 'caps' | 'adsk';

interface Person {
  first: string;
  last: string;
  email: string;
  hashedId: string;
  autodeskId: string;
  role: string;
  home: Style;
}

/** One offering a person holds in a team: a collection (several products) or one product. */
interface Holding {
  team: string;
  person: number;
  offering: string;
  products: string[];
  access: AccessCode;
}

interface World {
  people: Person[];
  holdings: Holding[];
  subscriptions: SubscriptionRecord[];
  start: Day;
}

/** One usage key as a file's rows say it. */
interface Use {
  team: string;
  user: UserRecord;
  product: string;
  access: AccessCode;
  /** The offering the rows name, '' when none. */
  offering: string;
  versions: string[];
  rate: number;
}

type Tokens = 'numbers' | 'nan' | 'mixed';

function newPerson(r: Random, i: number): Person {
  const first = r.pick(FIRST),
    last = r.pick(LAST);
  const hex = Array.from({ length: 12 }, () => '0123456789ABCDEF'[r.int(16)]).join('');
  const style = r.int(20);
  return {
    first,
    last,
    email: `${`${first}.${last}`.normalize('NFD').replace(/[^A-Za-z.]/g, '')}${i}@firm.example`.toLowerCase(),
    hashedId: `H${hex}`,
    autodeskId: r.chance(0.3) ? `ADSK${10_000_000 + i * 7919}` : '',
    role: r.pick(['User', 'User', 'Admin', '']),
    home: style < 9 ? 'email' : style < 15 ? 'both' : style < 17 ? 'adsk' : style < 18 ? 'caps' : 'hash',
  };
}

/** The email with its parts capitalised: the same person to the merge, which compares emails lower-cased. */
const capitalised = (email: string) => email.replace(/(^|[.@])([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase());

function recordOf(p: Person, style: Style, legacy: boolean): UserRecord {
  const u: UserRecord = { key: '', email: p.email, hashedId: '', firstName: p.first, lastName: p.last, role: p.role };
  if (!legacy) u.autodeskId = '';
  if (style === 'hash') Object.assign(u, { email: '', hashedId: p.hashedId, firstName: '', lastName: '', role: '' });
  if (style === 'both') u.hashedId = p.hashedId;
  if (style === 'caps') u.email = capitalised(p.email);
  if (style === 'adsk' && !legacy && p.autodeskId) u.autodeskId = p.autodeskId;
  u.key = u.email ? `e:${u.email.toLowerCase()}` : `h:${u.hashedId}`;
  return u;
}

/** One batch being written, as the import's batch builder writes it. */
class Draft {
  readonly teams = new Interner();
  readonly products = new Interner();
  readonly users: UserRecord[] = [];
  private readonly userIds = new Map<string, number>();
  readonly assignments: AssignmentRecord[] = [];
  readonly subscriptions: SubscriptionRecord[] = [];
  readonly groups: GroupMembership[] = [];
  readonly snapshot: SnapshotRow[] = [];
  private readonly keyIds = new Map<string, number>();
  private readonly keys: { team: number; user: number; product: number; access: AccessCode; offering: number; versions: Set<string> }[] =
    [];
  readonly events: { key: number; day: Day; tokens: number }[] = [];

  user(record: UserRecord): number {
    let id = this.userIds.get(record.key);
    if (id === undefined) {
      this.userIds.set(record.key, (id = this.users.length));
      this.users.push({ ...record });
      return id;
    }
    // As the importer keeps a person seen twice in one file.
    completeBatchUser(this.users[id]!, record);
    return id;
  }

  key(use: Use): number {
    const team = this.teams.id(use.team),
      user = this.user(use.user),
      product = this.products.id(use.product);
    const id = `${team}|${user}|${product}`;
    let k = this.keyIds.get(id);
    if (k === undefined) {
      this.keyIds.set(id, (k = this.keys.length));
      this.keys.push({ team, user, product, access: use.access, offering: -1, versions: new Set() });
    } else if (use.access !== ACCESS_UNKNOWN) this.keys[k]!.access = use.access;
    if (use.offering) this.keys[k]!.offering = this.products.id(use.offering);
    for (const v of use.versions) this.keys[k]!.versions.add(v);
    return k;
  }

  /** Events of `uses` on random days of `from..to`, one row or a few (versions, features) per day. */
  use(r: Random, uses: readonly Use[], from: Day, to: Day, tokens: Tokens): void {
    for (const use of uses) {
      const days: Day[] = [];
      for (let d = from; d <= to; d++) if (r.chance(use.rate)) days.push(d);
      if (days.length === 0) days.push(from + r.int(to - from + 1));
      const k = this.key(use);
      const rate = r.pick(FLEX_TOKENS);
      for (const day of days)
        for (let rows = r.chance(0.15) ? 2 + r.int(2) : 1; rows > 0; rows--) {
          const nan = tokens === 'nan' || (tokens === 'mixed' && r.chance(0.3));
          this.events.push({ key: k, day, tokens: nan ? Number.NaN : use.access === ACCESS_FLEX ? rate * (1 + r.int(3)) : 0 });
        }
    }
    if (r.chance(0.5)) r.shuffle(this.events);
  }

  finish(r: Random, section: Section, fileName: string, legacy: boolean, start: Day): LoadedBatch {
    const chunks: EventChunk[] = [];
    const n = this.events.length;
    for (let s = 0; s < n; ) {
      const e = Math.min(n, s + (r.chance(0.3) ? 1 + r.int(n) : EVENTS_PER_CHUNK));
      const part = this.events.slice(s, e);
      chunks.push({
        seq: chunks.length,
        key: Uint32Array.from(part, (x) => x.key),
        day: Uint16Array.from(part, (x) => x.day),
        tokens: Float32Array.from(part, (x) => x.tokens),
      });
      s = e;
    }
    const keys = this.keys;
    const rows = n + this.assignments.length + this.subscriptions.length + this.groups.length + this.snapshot.length;
    return {
      batch: {
        source: {
          fileName,
          sheet: r.chance(0.1) ? 'Sheet1' : null,
          section,
          fileSize: 200 + rows * 90,
          lastModified: (start + 120) * 86_400_000,
          rowsRead: rows,
          rowsSkipped: 0,
          importedAt: new Date((start + 125) * 86_400_000).toISOString(),
          notes: [],
        },
        teams: this.teams.values,
        products: this.products.values,
        users: this.users,
        assignments: this.assignments,
        subscriptions: this.subscriptions,
        groups: this.groups,
        snapshot: this.snapshot,
        eventKeys: {
          team: Int32Array.from(keys, (k) => k.team),
          user: Int32Array.from(keys, (k) => k.user),
          product: Int32Array.from(keys, (k) => k.product),
          access: Uint8Array.from(keys, (k) => k.access),
          ...(legacy ? {} : { offering: Int32Array.from(keys, (k) => k.offering) }),
          versions: keys.map((k) => [...k.versions].join('\n')),
        },
        eventCount: n,
      },
      chunks,
    };
  }
}

function makeWorld(r: Random): World {
  const teams = r.some(TEAMS.slice(0, r.chance(0.2) ? 5 : 4), 2);
  const people = Array.from({ length: 6 + r.int(13) }, (_, i) => newPerson(r, i));
  const start = dayFromYmd(2025, 1, 1) + r.int(200);
  const holdings: Holding[] = [];
  people.forEach((_, person) => {
    if (r.chance(0.1)) return; // listed, holds nothing
    for (const team of r.some(teams, 1).slice(0, r.chance(0.8) ? 1 : 2)) {
      const held = new Set<string>();
      for (let n = 1 + r.int(3); n > 0; n--) {
        const offering = r.chance(0.5) ? r.pick(COLLECTION_NAMES) : '';
        const products = offering ? r.some(COLLECTIONS[offering]!) : [r.pick(PRODUCTS)];
        if (held.has(offering || products[0]!)) continue;
        held.add(offering || products[0]!);
        const access = r.chance(0.7) ? ACCESS_SUBSCRIPTION : r.chance(0.7) ? ACCESS_FLEX : ACCESS_UNKNOWN;
        holdings.push({ team, person, offering, products, access });
      }
    }
  });
  const subscriptions = Array.from({ length: 2 + r.int(4) }, (_, i): SubscriptionRecord => {
    const s = start - 300 + r.int(200);
    return {
      id: `SUB-${1000 + i}`,
      team: r.pick(teams),
      offering: r.pick([...COLLECTION_NAMES, ...PRODUCTS]),
      seats: 1 + r.int(20),
      start: s,
      end: s + 365,
      autorenew: r.chance(0.5) ? s + 365 : NO_DAY,
      term: r.pick(['Annual', '3-Year', '']),
      contract: `C-${7000 + r.int(999)}`,
      status: r.pick(['Active', 'Expired']),
      plan: r.pick(['Standard', 'Premium']),
    };
  });
  return { people, holdings, subscriptions, start };
}

function methodOf(r: Random): { group: string; method: MethodCode } {
  const x = r.int(10);
  if (x < 6) return { group: '', method: METHOD_DIRECT };
  if (x < 8) return { group: r.pick(GROUPS), method: METHOD_GROUP };
  if (x < 9) return { group: 'Default', method: METHOD_DEFAULT };
  return { group: '', method: METHOD_UNKNOWN };
}

function assignedDays(r: Random, start: Day): { assigned: Day; unassigned: Day } {
  const assigned = r.chance(0.1) ? NO_DAY : start - 300 + r.int(380);
  const unassigned = r.chance(0.15) ? (assigned === NO_DAY ? start + r.int(90) : assigned + r.int(120)) : NO_DAY;
  return { assigned, unassigned };
}

function usersBatch(r: Random, w: World, d: Draft, style: (p: Person) => Style, legacy: boolean): void {
  const listed = new Set<number>();
  for (const h of w.holdings) {
    if (r.chance(0.15)) continue;
    listed.add(h.person);
    const user = d.user(recordOf(w.people[h.person]!, style(w.people[h.person]!), legacy));
    const team = d.teams.id(h.team);
    const how = methodOf(r);
    const days = assignedDays(r, w.start);
    const rows = h.offering
      ? r.some(h.products).map((p) => [p, h.offering] as const)
      : [[h.products[0]!, r.chance(0.1) ? h.products[0]! : '']];
    for (const [product, offering] of rows) {
      const access = r.chance(0.1) ? ACCESS_UNKNOWN : h.access;
      d.assignments.push({ team, user, product: d.products.id(product), offering, access, ...days, ...how });
    }
  }
  // Users listed without a product: names and role only.
  w.people.forEach((p, i) => {
    if (!listed.has(i) && r.chance(0.5)) d.user(recordOf(p, style(p), legacy));
  });
}

function groupsBatch(r: Random, w: World, d: Draft, style: (p: Person) => Style, legacy: boolean): void {
  for (const h of w.holdings) {
    if (r.chance(0.6)) continue;
    const product = r.chance(0.5) ? -1 : d.products.id(r.chance(0.7) ? h.offering || h.products[0]! : r.pick(PRODUCTS));
    d.groups.push({
      team: r.chance(0.3) ? -1 : d.teams.id(h.team),
      user: d.user(recordOf(w.people[h.person]!, style(w.people[h.person]!), legacy)),
      product,
      group: r.pick(GROUPS),
      isDefault: r.chance(0.2),
    });
  }
}

function subscriptionsBatch(r: Random, w: World, d: Draft): void {
  for (const s of w.subscriptions) {
    if (r.chance(0.25)) continue;
    const blank = r.chance(0.3);
    d.subscriptions.push({
      ...s,
      offering: blank && r.chance(0.5) ? '' : s.offering,
      seats: blank && r.chance(0.5) ? 0 : s.seats + (r.chance(0.2) ? 1 : 0),
      start: blank && r.chance(0.5) ? NO_DAY : s.start,
      term: blank ? '' : s.term,
      status: r.chance(0.2) ? r.pick(['Active', 'Expired', 'Pending']) : s.status,
    });
  }
}

function snapshotBatch(r: Random, w: World, d: Draft, style: (p: Person) => Style, legacy: boolean): void {
  const seen = new Set<string>();
  for (const h of w.holdings) {
    if (r.chance(0.4)) continue;
    const offering = h.offering || h.products[0]!;
    const team = d.teams.id(h.team),
      user = d.user(recordOf(w.people[h.person]!, style(w.people[h.person]!), legacy)),
      product = d.products.id(offering);
    if (seen.has(`${team}|${user}|${product}`)) continue;
    seen.add(`${team}|${user}|${product}`);
    const { assigned, unassigned } = assignedDays(r, w.start);
    const group = r.chance(0.3) ? r.pick(GROUPS) : '';
    if (assigned !== NO_DAY)
      d.assignments.push({
        team,
        user,
        product,
        offering: '',
        access: h.access,
        assigned,
        unassigned,
        group,
        method: group ? METHOD_GROUP : METHOD_DIRECT,
      });
    const used = r.chance(0.7) ? r.int(60) : null;
    d.snapshot.push({
      team,
      user,
      product,
      access: h.access,
      group,
      assigned,
      unassigned,
      seatAssignment: r.pick(['Assigned', 'Not yet active', '']),
      userActivity: r.pick(['Active', 'Inactive', '']),
      daysUsed: used,
      monthlyAverage: used === null ? null : Math.round(used / 3),
      lastAccessed: r.chance(0.7) ? w.start + r.int(90) : NO_DAY,
      daysInactive: r.chance(0.7) ? r.int(40) : null,
      tokensUsed: h.access === ACCESS_FLEX ? r.int(500) : r.chance(0.5) ? 0 : null,
    });
  }
}

function usageBatch(
  r: Random,
  w: World,
  d: Draft,
  style: (p: Person) => Style,
  legacy: boolean,
  flexOnly: boolean,
  from: Day,
  to: Day,
): void {
  const noTeam = r.chance(0.2),
    accessColumn = flexOnly || r.chance(0.85),
    offeringColumn = !legacy && r.chance(0.6);
  const uses: Use[] = [];
  const add = (person: number, team: string, product: string, access: AccessCode, offering: string) =>
    uses.push({
      team: noTeam ? '' : team,
      user: recordOf(w.people[person]!, style(w.people[person]!), legacy),
      product,
      access: flexOnly ? ACCESS_FLEX : accessColumn ? access : ACCESS_UNKNOWN,
      offering: offeringColumn ? offering : '',
      versions: r.pick(VERSION_STYLES),
      rate: 0.1 + r.int(5) / 10,
    });
  const team = () => (w.holdings.length > 0 ? r.pick(w.holdings).team : 'Design');
  for (const h of w.holdings) {
    if (r.chance(0.2) || (flexOnly && h.access !== ACCESS_FLEX)) continue;
    for (const p of r.some(h.products)) {
      const named = h.offering && r.chance(0.7) ? h.offering : !h.offering && r.chance(0.1) ? p : '';
      // Mostly the access option assigned; now and then the other one (a switch, or the export's mistake).
      const access = h.access === ACCESS_UNKNOWN ? ACCESS_SUBSCRIPTION : h.access;
      add(h.person, h.team, p, r.chance(0.05) ? (access === ACCESS_FLEX ? ACCESS_SUBSCRIPTION : ACCESS_FLEX) : access, named);
    }
  }
  // Flex use without an assignment, and rows that name only the offering (a collection) as the product.
  for (let n = r.int(4); n > 0; n--) add(r.int(w.people.length), team(), r.pick(PRODUCTS), ACCESS_FLEX, '');
  if (r.chance(0.15)) add(r.int(w.people.length), team(), r.pick(COLLECTION_NAMES), ACCESS_SUBSCRIPTION, '');
  d.use(r, uses, from, to, flexOnly ? 'numbers' : r.pick<Tokens>(['numbers', 'numbers', 'nan', 'mixed']));
}

type Kind = 'users' | 'groups' | 'subscriptions' | 'usage_report' | 'usage' | 'token_usage';

export function randomBase(seed: number): LoadedBatch[] {
  const r = new Random(seed * 7919 + 17);
  const w = makeWorld(r);
  const count = 2 + r.int(4);
  const kinds: Kind[] = [r.chance(0.7) ? 'users' : 'usage'];
  while (kinds.length < count)
    kinds.push(r.pick<Kind>(['usage', 'usage', 'usage', 'token_usage', 'users', 'groups', 'subscriptions', 'usage_report']));
  if (!kinds.includes('usage') && !kinds.includes('token_usage')) kinds[count - 1] = 'usage';
  return kinds.map((kind, b) => {
    const d = new Draft();
    const legacy = r.chance(0.15);
    const piiOff = r.chance(0.15);
    const style = (p: Person): Style => (piiOff ? 'hash' : r.chance(0.02) ? 'caps' : r.chance(0.03) ? 'hash' : p.home);
    if (kind === 'users') usersBatch(r, w, d, style, legacy);
    if (kind === 'groups') groupsBatch(r, w, d, style, legacy);
    if (kind === 'subscriptions') subscriptionsBatch(r, w, d);
    if (kind === 'usage_report') snapshotBatch(r, w, d, style, legacy);
    if (kind === 'usage' || kind === 'token_usage') {
      // A month of the window, all of it, or a re-export of a month already imported.
      const month = r.int(3);
      const [from, to] = r.chance(0.25) ? [w.start, w.start + 89] : [w.start + month * 30, w.start + month * 30 + 29];
      usageBatch(r, w, d, style, legacy, kind === 'token_usage', from, to);
    }
    return d.finish(r, kind, `${kind}-${b + 1}.csv`, legacy, w.start);
  });
}

/** One usage key of the imports so far, or of the newer one, with its merged user (-1: a new person). */
interface KnownUse extends Use {
  userId: number;
}

/** What the imports so far say of each usage key, and the latest record of each user. */
function usesOf(
  base: readonly LoadedBatch[],
  userMaps: readonly Int32Array[],
): { uses: Map<string, KnownUse>; latest: Map<number, UserRecord> } {
  const latest = new Map<number, UserRecord>();
  const uses = new Map<string, KnownUse>();
  base.forEach(({ batch, chunks }, b) => {
    batch.users.forEach((u, i) => {
      latest.set(userMaps[b]![i]!, u);
    });
    const ek = batch.eventKeys;
    const used = new Set<number>();
    for (const c of chunks) for (const k of c.key) used.add(k);
    for (const k of used) {
      const team = batch.teams[ek.team[k]!]!,
        userId = userMaps[b]![ek.user[k]!]!,
        product = batch.products[ek.product[k]!]!;
      const id = `${team}\u0000${userId}\u0000${product}`;
      const old = uses.get(id);
      const o = ek.offering?.[k] ?? -1;
      const v = ek.versions[k];
      uses.set(id, {
        team,
        userId,
        user: batch.users[ek.user[k]!]!,
        product,
        access: ek.access[k] !== ACCESS_UNKNOWN ? (ek.access[k] as AccessCode) : (old?.access ?? ACCESS_UNKNOWN),
        offering: o >= 0 ? batch.products[o]! : (old?.offering ?? ''),
        versions: [...new Set([...(old?.versions ?? []), ...(v ? v.split('\n') : [])])],
        rate: 0.1 + (id.length % 5) / 10,
      });
    }
  });
  return { uses, latest };
}

/**
 * One newer usage import. 'same-people': next month's export of the same people, keys, access
 * options, offerings and versions, its days overlapping and extending the imports so far;
 * 'anything': the same with a few surprises (new people, teams, products, access, offerings,
 * names, linked ids, no tokens, no team column...).
 */
export function randomLater(seed: number, base: readonly LoadedBatch[], kind: 'same-people' | 'anything'): LoadedBatch {
  const r = new Random(seed * 104_729 + (kind === 'anything' ? 2 : 1));
  const { userMaps } = linkPeople(base);
  const { uses, latest } = usesOf(base, userMaps);
  let last = -1;
  for (const { chunks } of base) for (const c of chunks) for (const day of c.day) last = Math.max(last, day);
  if (last < 0) last = dayFromYmd(2025, 6, 1);
  const from = last - r.int(31),
    to = last + 10 + r.int(30);

  // Each key goes on with the latest record of its user, which says nothing new of the person.
  const record = new Map(latest);
  const later: KnownUse[] = [...uses.values()]
    .filter(() => r.chance(0.85))
    .map((u) => ({ ...u, versions: r.chance(0.1) ? [...u.versions, '2027'] : u.versions }));
  // People starting on a product their assignment holds.
  const held: KnownUse[] = [];
  base.forEach(({ batch }, b) => {
    for (const a of batch.assignments) {
      const team = batch.teams[a.team]!,
        userId = userMaps[b]![a.user]!,
        product = batch.products[a.product]!;
      if (uses.has(`${team}\u0000${userId}\u0000${product}`)) continue;
      const access = a.access === ACCESS_FLEX ? ACCESS_FLEX : ACCESS_SUBSCRIPTION;
      const offering = a.offering && r.chance(0.5) ? a.offering : '';
      held.push({ team, userId, user: batch.users[a.user]!, product, access, offering, versions: ['2025'], rate: 0.3 });
    }
  });
  if (held.length > 0 && r.chance(0.5)) for (let n = 1 + r.int(3); n > 0; n--) later.push(r.pick(held));

  let tokens: Tokens = r.pick<Tokens>(['numbers', 'numbers', 'numbers', 'nan']);
  let empty = false;
  if (kind === 'anything') {
    const userIds = [...record.keys()];
    const teams = [...new Set([...later.map((u) => u.team), 'Design'])];
    const products = [...new Set([...later.map((u) => u.product), 'Revit'])];
    for (let n = 1 + r.int(4); n > 0; n--) {
      const x = r.int(13);
      const some = later.length > 0 ? r.pick(later) : undefined;
      const userId = userIds.length > 0 ? r.pick(userIds) : -1;
      const rec = record.get(userId);
      if (x === 0) {
        const user = { ...recordOf(newPerson(r, 900 + n), 'email', false), firstName: 'Newcomer' };
        later.push({
          team: r.pick(teams),
          userId: -1,
          user,
          product: r.pick(products),
          access: ACCESS_SUBSCRIPTION,
          offering: '',
          versions: [],
          rate: 0.3,
        });
      }
      if (x === 1 && some) later.push({ ...some, team: r.pick(NEW_TEAMS) });
      if (x === 2 && some) later.push({ ...some, product: r.pick(NEW_PRODUCTS), offering: '' });
      if (x === 3 && some) some.access = some.access === ACCESS_FLEX ? ACCESS_SUBSCRIPTION : ACCESS_FLEX;
      if (x === 4 && some) some.offering = r.chance(0.7) ? r.pick(COLLECTION_NAMES) : some.product;
      if (x === 5 && rec?.email) record.set(userId, { ...rec, firstName: r.pick(FIRST), lastName: `${rec.lastName}-${r.pick(LAST)}` });
      if (x === 6 && rec?.email) {
        // A hashed id for an email: another user's (which links the two users) or a new one.
        const hashOnly = userIds.filter((u) => !record.get(u)!.email && record.get(u)!.hashedId);
        const other = hashOnly.length > 0 && r.chance(0.7) ? r.pick(hashOnly) : -1;
        record.set(userId, { ...rec, hashedId: other >= 0 ? record.get(other)!.hashedId : `HNEW${seed}` });
        if (other >= 0 && some) later.push({ ...some, userId: other });
      }
      if (x === 7) for (const u of later) u.team = '';
      if (x === 8) tokens = r.pick<Tokens>(['nan', 'mixed']);
      if (x === 9 && rec?.email) record.set(userId, { ...rec, email: capitalised(rec.email) });
      if (x === 10 && rec?.email) record.set(userId, { ...rec, autodeskId: `ADSK-${seed}` });
      if (x === 11 && some) later.push({ ...some, access: ACCESS_FLEX, product: r.pick(PRODUCTS), offering: '' });
      if (x === 12 && r.chance(0.2)) empty = true;
      // A changed person shows in the file.
      if (x >= 5 && x <= 10 && x !== 7 && x !== 8 && rec?.email && some) later.push({ ...some, userId });
    }
  }
  const d = new Draft();
  const final = later.map((u) => ({ ...u, user: u.userId >= 0 ? record.get(u.userId)! : u.user }));
  if (!empty) d.use(r, final, from, to, tokens);
  const flexOnly = final.length > 0 && final.every((u) => u.access === ACCESS_FLEX) && tokens === 'numbers';
  return d.finish(r, flexOnly ? 'token_usage' : 'usage', `Usage-later-${seed}.csv`, r.chance(0.1), from - 100);
}
