/**
 * A deterministic, realistic Autodesk-like account: teams of uneven size,
 * collections and single products, Subscription and Flex users, direct, group
 * and default assignments, and a year of daily usage ending on `endDay`.
 * Emitted as the portal's CSV exports, so the sample and the benchmark go
 * through the very import path an admin's files take.
 */
import { formatDay, type Day } from '../vocabulary/days';
import { csvLine } from '../export/spreadsheet-cells';
import type { TokenPurchase } from '../flex/flex-usage';

export interface SampleOptions {
  seed: number;
  users: number;
  teams: number;
  /** Last day of usage (inclusive); a year of usage ends on it. */
  endDay: Day;
  /** Aim for about this many usage events; the activity rates scale to it. */
  targetEvents?: number;
  /** How many distinct products to draw from (at most the catalogue's 40). */
  products?: number;
  /** Split the usage into this many files (by assignment), for workloads too big for one string. */
  usageParts?: number;
}

export interface SampleFiles {
  subscriptions: string;
  users: string;
  /** The usage export(s), produced one at a time so that only one is in memory. */
  usage: () => Generator<string>;
}

/** mulberry32: small, fast, and the same on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Real product names with their Flex tokens per day (vendor list rates). */
export const CATALOGUE: [name: string, tokensPerDay: number][] = [
  ['AutoCAD', 7],
  ['Revit', 10],
  ['Civil 3D', 10],
  ['Navisworks Manage', 9],
  ['3ds Max', 6],
  ['Maya', 6],
  ['Inventor Professional', 9],
  ['AutoCAD LT', 3],
  ['Fusion', 5],
  ['Vault Professional', 4],
  ['AutoCAD Architecture', 7],
  ['AutoCAD Mechanical', 7],
  ['AutoCAD Electrical', 7],
  ['AutoCAD MEP', 7],
  ['AutoCAD Map 3D', 7],
  ['AutoCAD Plant 3D', 7],
  ['ReCap Pro', 4],
  ['InfraWorks', 6],
  ['Advance Steel', 8],
  ['Robot Structural Analysis Professional', 8],
  ['Arnold', 3],
  ['MotionBuilder', 6],
  ['Mudbox', 2],
  ['Navisworks Simulate', 5],
  ['Factory Design Utilities', 5],
  ['Inventor Nastran', 6],
  ['Inventor CAM', 6],
  ['Vehicle Tracking', 5],
  ['FormIt Pro', 2],
  ['Insight', 3],
  ['Structural Bridge Design', 6],
  ['Revit LT', 4],
  ['Moldflow Adviser', 8],
  ['Nastran In-CAD', 6],
  ['Alias AutoStudio', 10],
  ['VRED Professional', 9],
  ['Showcase', 3],
  ['HSM', 5],
  ['Point Layout', 2],
  ['Dynamo Studio', 2],
];

const COLLECTIONS: Record<string, string[]> = {
  'AEC Collection': ['AutoCAD', 'Revit', 'Civil 3D', 'Navisworks Manage', '3ds Max', 'InfraWorks'],
  'PD&M Collection': ['AutoCAD', 'Inventor Professional', 'Vault Professional', 'Factory Design Utilities'],
  'M&E Collection': ['Maya', '3ds Max', 'Arnold', 'MotionBuilder'],
};

const TEAM_NAMES = [
  'Head Office',
  'Structures',
  'MEP',
  'Infrastructure',
  'Visualisation',
  'Manufacturing',
  'Interiors',
  'Landscape',
  'Bridges',
  'Rail',
  'Water',
  'Energy',
  'Geotechnics',
  'Digital Delivery',
  'Survey',
  'Tunnels',
  'Airports',
  'Healthcare',
  'Education',
  'Residential',
  'Retail',
  'Workplace',
  'Highways',
  'Ports',
  'Research',
];
const SAMPLE_TEAMS = TEAM_NAMES;
const FIRST = [
  'Ada',
  'Ben',
  'Chloe',
  'Dev',
  'Elena',
  'Farid',
  'Grace',
  'Hiro',
  'Ines',
  'Jonas',
  'Kemi',
  'Liam',
  'Maya',
  'Noor',
  'Oscar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sven',
  'Tara',
  'Umar',
  'Vera',
  'Wei',
  'Xena',
  'Yusuf',
  'Zoe',
  'Aoife',
  'Bruno',
  'Chiara',
  'Dmitri',
  'Émile',
  'Freya',
  'Günter',
  'Hana',
  'Isak',
  'José',
  'Katja',
  'Luca',
  'Malik',
  'Nina',
];
const LAST = [
  'Andersen',
  'Baptiste',
  'Chen',
  'Dubois',
  'Eriksen',
  'Fischer',
  'García',
  'Haddad',
  'Ivanova',
  'Jensen',
  'Kowalski',
  'Larsen',
  'Müller',
  'Nakamura',
  "O'Brien",
  'Patel',
  'Quispe',
  'Rossi',
  'Schmidt',
  'Tanaka',
  'Usman',
  'Varga',
  'Weber',
  'Xu',
  'Yilmaz',
  'Zhang',
  'Novak',
  'Moreau',
  'Lindqvist',
  'Costa',
];
const GROUPS = ['Design team', 'BIM coordinators', 'Visualisation artists'];

interface Assignment {
  team: number;
  user: number;
  product: string;
  offering: string;
  flex: boolean;
  assigned: Day;
  unassigned: Day | null;
  group: string;
  groupType: string;
  rate: number;
}

export function generateSampleFiles(options: SampleOptions): SampleFiles {
  const random = rng(options.seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const productCount = Math.min(CATALOGUE.length, options.products ?? CATALOGUE.length);
  const catalogue = CATALOGUE.slice(0, productCount);
  const tokenRate = new Map(catalogue);
  const teamCount = Math.min(TEAM_NAMES.length, options.teams);
  const teams = TEAM_NAMES.slice(0, teamCount);
  const end = options.endDay;
  const start = end - 364;

  // Uneven team sizes: weights 1/(i+1).
  const weights = teams.map((_, i) => 1 / (i + 1));
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const teamOf = () => {
    let x = random() * weightSum;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i]!;
      if (x <= 0) return i;
    }
    return weights.length - 1;
  };

  const people = Array.from({ length: options.users }, (_, i) => {
    const first = pick(FIRST),
      last = pick(LAST);
    const local = `${first}.${last}`
      .normalize('NFD')
      .replace(/[^A-Za-z.]/g, '')
      .toLowerCase();
    return { first, last, email: `${local}${i + 1}@example.com`, team: teamOf() };
  });

  const assignments: Assignment[] = [];
  const collectionNames = Object.keys(COLLECTIONS);
  for (let u = 0; u < people.length; u++) {
    const p = people[u]!;
    const flexUser = random() < 0.25;
    const r = random();
    const count = r < 0.3 ? 1 : r < 0.6 ? 2 : r < 0.85 ? 3 : 4;
    const useCollection = !flexUser && random() < 0.45;
    const offering = useCollection ? pick(collectionNames) : '';
    const pool = useCollection ? COLLECTIONS[offering]!.filter((x) => tokenRate.has(x)) : catalogue.map(([n]) => n);
    const chosen = new Set<string>();
    while (chosen.size < Math.min(count, pool.length)) chosen.add(pool[Math.floor(random() ** 1.6 * pool.length)]!);
    const groupRoll = random();
    const group = groupRoll < 0.12 ? pick(GROUPS) : groupRoll < 0.17 ? 'All users' : '';
    const groupType = group === 'All users' ? 'Default' : group ? 'Group' : '';
    for (const product of chosen) {
      const assigned = random() < 0.7 ? start - 1 - Math.floor(random() * 700) : start + Math.floor(random() * 365);
      const unassigned = random() < 0.08 ? Math.min(end, assigned + 30 + Math.floor(random() * 300)) : null;
      const a = random();
      const rate = a < 0.15 ? 0 : a < 0.75 ? 0.005 + random() * 0.03 : a < 0.94 ? 0.15 + random() * 0.3 : 0.8 + random() * 0.19;
      assignments.push({
        team: p.team,
        user: u,
        product,
        offering: offering || product,
        flex: flexUser,
        assigned,
        unassigned,
        group,
        groupType,
        rate,
      });
    }
  }

  // Scale rates so the expected count meets the target (weekends at 8 % of weekdays).
  let scale = 1;
  if (options.targetEvents) {
    let expected = 0;
    for (const a of assignments) {
      const from = Math.max(start, a.assigned),
        to = Math.min(end, a.unassigned ?? end);
      if (to >= from) expected += (a.rate * (to - from + 1) * (5 + 2 * 0.08)) / 7;
    }
    if (expected > 0) scale = options.targetEvents / expected;
  }

  const header = csvLine([
    'team',
    'email',
    'first_name',
    'last_name',
    'product_name',
    'offering_name',
    'version',
    'access_option',
    'day_used',
    'tokens_used',
  ]);
  const dayText = new Map<number, string>();
  const dayString = (d: Day) => {
    let s = dayText.get(d);
    if (!s) dayText.set(d, (s = formatDay(d)));
    return s;
  };
  const parts = Math.max(1, options.usageParts ?? 1);
  const usageRandom = rng(options.seed + 1);
  function* usage(): Generator<string> {
    for (let part = 0; part < parts; part++) {
      const lines: string[] = [header];
      for (let i = part; i < assignments.length; i += parts) {
        const a = assignments[i]!;
        const p = people[a.user]!;
        const from = Math.max(start, a.assigned),
          to = Math.min(end, a.unassigned ?? end);
        const version = String(2024 + Math.floor(usageRandom() * 3));
        const prefix = `${csvLine([teams[a.team]!, p.email, p.first, p.last, a.product, a.offering, version, a.flex ? 'Flex' : 'Subscription'])},`;
        const tokens = a.flex ? tokenRate.get(a.product)! : 0;
        for (let d = from; d <= to; d++) {
          const weekday = (d + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
          const rate = Math.min(1, a.rate * scale * (weekday === 0 || weekday === 6 ? 0.08 : 1));
          if (usageRandom() < rate) lines.push(`${prefix}${dayString(d)},${tokens}`);
        }
      }
      yield `${lines.join('\n')}\n`;
    }
  }

  const users: string[] = [
    csvLine([
      'team',
      'email',
      'first_name',
      'last_name',
      'role',
      'product_name',
      'offering_name',
      'access_option',
      'assigned_date',
      'unassigned_date',
      'group',
      'group_type',
    ]),
  ];
  const admins = new Set<number>();
  for (const a of assignments) {
    const p = people[a.user]!;
    const role = a.user % 997 === 0 ? 'Primary admin' : a.user % 499 === 0 ? 'Secondary admin' : 'User';
    if (role !== 'User') admins.add(a.user);
    users.push(
      csvLine([
        teams[a.team]!,
        p.email,
        p.first,
        p.last,
        role,
        a.product,
        a.offering,
        a.flex ? 'Flex' : 'Subscription',
        formatDay(a.assigned),
        a.unassigned === null ? '' : formatDay(a.unassigned),
        a.group,
        a.groupType,
      ]),
    );
  }

  // One subscription per team and offering, sized near its assignments: some spare, some short.
  const seatsNeeded = new Map<string, number>();
  const seatHolders = new Set<string>();
  for (const a of assignments) {
    if (a.flex || (a.unassigned !== null && a.unassigned <= end)) continue;
    const id = `${a.team}|${a.offering}`;
    if (seatHolders.has(`${id}|${a.user}`)) continue; // a collection is one seat, however many products
    seatHolders.add(`${id}|${a.user}`);
    seatsNeeded.set(id, (seatsNeeded.get(id) ?? 0) + 1);
  }
  const subscriptions: string[] = [
    csvLine([
      'subscription_id',
      'offering_name',
      'seat_quantity',
      'plan',
      'term',
      'start_date',
      'end_date',
      'autorenew_date',
      'contract_number',
      'subscription_status',
      'team',
    ]),
  ];
  let n = 0;
  for (const [id, needed] of seatsNeeded) {
    const [team, offering] = id.split('|') as [string, string];
    const seats = Math.max(1, Math.round(needed * (0.85 + random() * 0.4)));
    const subStart = end - 200 - Math.floor(random() * 150);
    subscriptions.push(
      csvLine([
        String(110_000_000 + ++n * 37),
        offering,
        seats,
        random() < 0.3 ? 'Premium' : 'Standard',
        'Annual',
        formatDay(subStart),
        formatDay(subStart + 365),
        formatDay(subStart + 365),
        `C-${4000 + Number(team)}`,
        'Active',
        teams[Number(team)]!,
      ]),
    );
  }

  return { subscriptions: `${subscriptions.join('\n')}\n`, users: `${users.join('\n')}\n`, usage };
}

/** The workspace behind "Load sample workspace": small enough to load in a moment. */
export function sampleWorkspaceFiles(endDay: Day): SampleFiles {
  return generateSampleFiles({ seed: 42, users: 2_400, teams: 6, endDay, targetEvents: 150_000 });
}

/** Token packs for the sample's teams: an older pack about to end and a recent top-up. */
export function sampleTokenPurchases(endDay: Day): TokenPurchase[] {
  return SAMPLE_TEAMS.slice(0, 6).flatMap((team, i) => [
    // Teams are sized 1/(i+1); so is their use of roughly 100,000 tokens a year.
    { team, date: formatDay(endDay - 320 - i * 5), quantity: Math.round(95_000 / (i + 1) / 500) * 500, expiry: '', note: 'Annual pack' },
    { team, date: formatDay(endDay - 75), quantity: Math.round(35_000 / (i + 1) / 500) * 500, expiry: '', note: 'Top-up' },
  ]);
}
