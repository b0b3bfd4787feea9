/**
 * Recognises an export by its header row (docs/formats.md). Spellings are compared after
 * folding case and treating spaces, underscores and hyphens alike, so `Days used`,
 * `days_used` and `days-used` are one column.
 */

import { SECTION_LABELS, unmetNeeds, type ColumnMap, type Field, type Section } from '../vocabulary/sections';

/**
 * Accepted spellings per field, already folded; the earlier spelling wins when a
 * file has two (`access_option` over the older `usage_type`). Three generations of
 * the portal's names are here (docs/formats.md): snake_case up to 2022 (`team_alias`,
 * `hashed_user_id`), the mixed files until 2026 and the Title Case after it.
 */
const ALIASES: Record<Field, string[]> = {
  team: ['team', 'team_alias', 'team_name', 'teamalias'],
  email: ['email', 'email_address', 'user_email', 'e_mail'],
  // `User ID` in the seat-usage "by user" view is the hashed id, not the Autodesk ID.
  hashed_autodesk_id: ['hashed_autodesk_id', 'hashed_id', 'hashed_user_id', 'user_id'],
  first_name: ['first_name', 'firstname', 'given_name'],
  last_name: ['last_name', 'lastname', 'surname', 'family_name'],
  autodesk_id: ['autodesk_id', 'adsk_id'],
  role: ['role', 'user_role'],
  product_name: ['product_name', 'product'],
  offering_name: ['offering_name', 'offering', 'subscription_name'],
  version: ['version', 'product_version', 'release'],
  feature: ['feature', 'feature_name'],
  access_option: ['access_option', 'access_type', 'access', 'usage_type'],
  assigned_date: ['assigned_date', 'date_assigned', 'assignment_date'],
  unassigned_date: ['unassigned_date', 'date_unassigned'],
  group: ['group', 'group_name'],
  group_type: ['group_type'],
  day_used: ['day_used', 'usage_date', 'date_used'],
  tokens_used: ['tokens_used', 'tokens', 'tokens_consumed', 'token_usage'],
  subscription_id: ['subscription_id', 'subscription_number', 'serial_number'],
  seat_quantity: ['seat_quantity', 'seats', 'quantity', 'seat_count'],
  start_date: ['start_date', 'subscription_start_date'],
  end_date: ['end_date', 'subscription_end_date', 'expiration_date'],
  autorenew_date: ['autorenew_date', 'auto_renew_date', 'renewal_date'],
  term: ['term', 'billing_term'],
  contract_number: ['contract_number', 'contract'],
  subscription_status: ['subscription_status', 'status'],
  plan: ['plan', 'plan_name'],
  seat_assignment: ['seat_assignment'],
  user_activity: ['user_activity'],
  days_used: ['days_used'],
  monthly_average: ['monthly_average', 'monthly_avg'],
  last_accessed: ['last_accessed', 'last_used', 'last_access_date', 'last_accessed_date'],
  days_inactive: ['days_inactive'],
};

/** Folds a header cell: BOM, case, surrounding space; spaces/underscores/hyphens alike. */
export function foldHeader(cell: string): string {
  return cell
    .replace(/^\ufeff/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '_')
    .replace(/[^a-z0-9_]/g, '')
    .replace(/^_+|_+$/g, '');
}

/** Spelling → field, with the spelling's rank among the field's aliases. */
const BY_SPELLING: Map<string, { field: Field; rank: number }> = (() => {
  const map = new Map<string, { field: Field; rank: number }>();
  for (const [field, spellings] of Object.entries(ALIASES) as [Field, string[]][]) {
    spellings.forEach((s, rank) => {
      map.set(s, { field, rank });
    });
  }
  return map;
})();

/** Day/month order a header may declare, as in `Day used (MM/DD/YYYY)`. */
export type DeclaredOrder = 'mdy' | 'dmy' | 'ymd';

/** A date format in brackets at the end of a header cell, as in `Day used (MM/DD/YYYY)`. */
const FORMAT_SUFFIX = /\s*[([]\s*([dmy]{1,4})[./\- ][dmy]{1,4}[./\- ][dmy]{1,4}\s*[)\]]\s*$/i;

function stripFormat(cell: string): string {
  return cell.replace(FORMAT_SUFFIX, '');
}

/** Maps fields to column indexes; of two spellings of one field, the preferred spelling wins, then the first column. */
export function mapColumns(header: readonly string[]): ColumnMap {
  const map: ColumnMap = {};
  const rankOf: Partial<Record<Field, number>> = {};
  header.forEach((cell, index) => {
    const hit = BY_SPELLING.get(foldHeader(stripFormat(String(cell ?? ''))));
    if (!hit) return;
    if (map[hit.field] === undefined || hit.rank < rankOf[hit.field]!) {
      map[hit.field] = index;
      rankOf[hit.field] = hit.rank;
    }
  });
  return map;
}

/** Date orders the header declares, per field (`Day used (MM/DD/YYYY)`): the first part names the order. */
export function declaredOrders(header: readonly string[]): Partial<Record<Field, DeclaredOrder>> {
  const out: Partial<Record<Field, DeclaredOrder>> = {};
  for (const cell of header) {
    const text = String(cell ?? '');
    const m = FORMAT_SUFFIX.exec(text);
    const hit = m && BY_SPELLING.get(foldHeader(stripFormat(text)));
    if (m && hit) out[hit.field] = m[1]![0]!.toLowerCase() === 'm' ? 'mdy' : m[1]![0]!.toLowerCase() === 'd' ? 'dmy' : 'ymd';
  }
  return out;
}

/**
 * Columns that name one field twice with the same spelling (two `email` columns):
 * which one is meant cannot be guessed, so the mapping step asks (docs/import.md).
 */
export function duplicateColumns(header: readonly string[]): string[] {
  const seen = new Map<string, number>();
  const dup = new Set<string>();
  for (const cell of header) {
    const f = foldHeader(stripFormat(String(cell ?? '')));
    if (!f) continue;
    if (!BY_SPELLING.has(f)) continue;
    if (seen.has(f)) dup.add(String(cell).trim());
    seen.set(f, 1);
  }
  return [...dup];
}

/**
 * What each kind of export needs, what tells it apart, and what it reads
 * (docs/formats.md). `required`: each inner list is one need met by any of its
 * fields. `telling`: columns that point to this kind. `uses`: every field it reads.
 */
interface KindRule {
  required: Field[][];
  telling: Field[];
  uses: Field[];
}

const WHO: Field[] = ['email', 'hashed_autodesk_id', 'autodesk_id'];
const PERSON: Field[] = [...WHO, 'first_name', 'last_name'];

const KINDS: Record<Section, KindRule> = {
  usage: {
    required: [WHO, ['product_name', 'offering_name'], ['day_used']],
    telling: ['day_used', 'version', 'access_option'],
    uses: [...PERSON, 'team', 'product_name', 'offering_name', 'version', 'access_option', 'day_used', 'tokens_used', 'last_accessed'],
  },
  token_usage: {
    required: [WHO, ['product_name', 'offering_name'], ['day_used'], ['tokens_used']],
    telling: ['feature', 'tokens_used', 'day_used'],
    uses: [...PERSON, 'team', 'product_name', 'offering_name', 'feature', 'day_used', 'tokens_used'],
  },
  usage_report: {
    required: [WHO, ['product_name', 'offering_name']],
    telling: ['days_used', 'user_activity', 'seat_assignment', 'monthly_average', 'days_inactive'],
    uses: [
      ...PERSON,
      'team',
      'product_name',
      'offering_name',
      'version',
      'access_option',
      'group',
      'assigned_date',
      'unassigned_date',
      'seat_assignment',
      'user_activity',
      'days_used',
      'monthly_average',
      'last_accessed',
      'days_inactive',
      'tokens_used',
    ],
  },
  users: {
    // A list of people alone (an Import to Assign file) is not a Users export: it needs a role or an assignment.
    required: [WHO, ['role', 'autodesk_id', 'product_name', 'offering_name', 'access_option', 'assigned_date', 'unassigned_date']],
    telling: ['role', 'assigned_date', 'unassigned_date'],
    uses: [
      ...PERSON,
      'team',
      'role',
      'product_name',
      'offering_name',
      'access_option',
      'assigned_date',
      'unassigned_date',
      'group',
      'group_type',
    ],
  },
  groups: {
    required: [WHO, ['group']],
    telling: ['group', 'group_type'],
    uses: [...PERSON, 'team', 'role', 'group', 'group_type', 'product_name', 'offering_name'],
  },
  subscriptions: {
    required: [['subscription_id']],
    telling: [
      'subscription_id',
      'seat_quantity',
      'contract_number',
      'term',
      'autorenew_date',
      'start_date',
      'end_date',
      'subscription_status',
    ],
    uses: [
      'subscription_id',
      'offering_name',
      'product_name',
      'seat_quantity',
      'team',
      'plan',
      'term',
      'start_date',
      'end_date',
      'autorenew_date',
      'contract_number',
      'subscription_status',
    ],
  },
};

const SECTIONS = Object.keys(KINDS) as Section[];
const TELLING: ReadonlySet<Field> = new Set(SECTIONS.flatMap((s) => KINDS[s].telling));

/** Columns mapped for a section: only the fields that kind reads. */
export function columnsFor(section: Section, all: ColumnMap): ColumnMap {
  const out: ColumnMap = {};
  for (const f of KINDS[section].uses) if (all[f] !== undefined) out[f] = all[f];
  return out;
}

export type Detection =
  | { ok: true; section: Section; columns: ColumnMap }
  | { ok: false; reason: string; guess?: { section: Section; columns: ColumnMap } };

/**
 * Decides what a file is from its header (docs/formats.md). Every kind is weighed: its
 * telling columns present count for it, telling columns of other kinds that it
 * would leave unread count against it, and a missing requirement weighs most. A
 * file is only taken as the best kind when that kind reads every telling column
 * and has all it needs; otherwise the mapping step opens with the guess filled in,
 * so no file is silently read as another kind.
 */
export function detectSection(header: readonly string[]): Detection {
  const all = mapColumns(header);
  const present = Object.keys(all) as Field[];
  if (present.length === 0 || (present.length === 1 && !TELLING.has(present[0]!))) {
    return {
      ok: false,
      reason:
        'Its header row matches none of the known exports (Subscriptions, Users, Groups, Usage, Token usage, Usage Report). ' +
        'Expected columns such as Email, Product, Day used or Subscription ID.',
    };
  }
  let best: Section = 'usage',
    bestScore = -Infinity;
  for (const s of SECTIONS) {
    const k = KINDS[s];
    const uses = new Set(k.uses);
    const missing = k.required.filter((any) => !any.some((f) => all[f] !== undefined)).length;
    const telling = k.telling.filter((f) => all[f] !== undefined).length;
    const read = present.filter((f) => uses.has(f)).length;
    const foreign = present.filter((f) => TELLING.has(f) && !uses.has(f)).length;
    const score = 3 * telling + read - 3 * foreign - 10 * missing;
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  const columns = columnsFor(best, all);
  const guess = { section: best, columns };
  const label = SECTION_LABELS[best];
  const missing = missingRequirements(best, columns);
  if (missing.length)
    return { ok: false, reason: `It looks like ${article(label)} export, but it has no ${missing.join(' and no ')} column.`, guess };
  const uses = new Set(KINDS[best].uses);
  const unread = present.filter((f) => TELLING.has(f) && !uses.has(f));
  if (unread.length) {
    return {
      ok: false,
      reason: `It looks like ${article(label)} export, but its ${unread.map((f) => header[all[f]!]).join(', ')} column${unread.length > 1 ? 's' : ''} would not be read: check what the file is.`,
      guess,
    };
  }
  const dups = duplicateColumns(header);
  if (dups.length)
    return { ok: false, reason: `It has two columns named ${dups.map((d) => `"${d}"`).join(', ')}: choose which one to read.`, guess };
  return { ok: true, section: best, columns };
}

function article(label: string): string {
  return /^[AEIOU]/i.test(label) ? `an ${label}` : `a ${label}`;
}

/** Header cells that no field of the chosen kind reads, for the import summary. */
export function unusedColumns(header: readonly string[], columns: ColumnMap): string[] {
  const used = new Set(Object.values(columns));
  return header
    .map((h, i) => ({ h: String(h ?? '').trim(), i }))
    .filter(({ h, i }) => h && !used.has(i))
    .map(({ h }) => h);
}

/** Which row of the first few is the header: exports sometimes start with a title line. */
export function findHeaderRow(rows: readonly (readonly string[])[], maxScan = 10): number {
  let best = -1,
    bestScore = 1;
  for (let i = 0; i < Math.min(rows.length, maxScan); i++) {
    const score = Object.keys(mapColumns(rows[i]!)).length;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  return best;
}

/** What a section needs, for the column-mapping step (docs/formats.md): only what that kind truly needs. */
export const SECTION_REQUIREMENTS: Record<Section, Field[][]> = Object.fromEntries(SECTIONS.map((s) => [s, KINDS[s].required])) as Record<
  Section,
  Field[][]
>;

/** The fields the mapping step offers per section, required ones first. */
export const SECTION_FIELDS: Record<Section, Field[]> = Object.fromEntries(
  SECTIONS.map((s) => {
    const required = [...new Set(KINDS[s].required.flat())];
    return [s, [...required, ...KINDS[s].uses.filter((f) => !required.includes(f))]];
  }),
) as Record<Section, Field[]>;

/** What a mapping still lacks, in words; [] when the section's needs are met. */
export function missingRequirements(section: Section, columns: ColumnMap): string[] {
  return unmetNeeds(SECTION_REQUIREMENTS[section], columns);
}

/** One kind of export as the mapping form offers it for a given header. */
export interface SectionChoice {
  /** The fields offered, required ones first. */
  fields: Field[];
  /** What the kind needs: each inner list is one need met by any of its fields. */
  needs: Field[][];
  /** The columns the header's names already give for those fields. */
  columns: ColumnMap;
  /** Further columns guessed from other names or from the values (src/core/import/mapping-guess.ts), and from which. */
  guessed?: Partial<Record<Field, { column: number; from: 'name' | 'values' }>>;
}

/** Every kind of export as the mapping form offers it for this header: the form needs no recognition rules of its own. */
export function sectionChoices(header: readonly string[]): Record<Section, SectionChoice> {
  const all = mapColumns(header);
  return Object.fromEntries(
    SECTIONS.map((s) => [s, { fields: SECTION_FIELDS[s], needs: SECTION_REQUIREMENTS[s], columns: columnsFor(s, all) }]),
  ) as Record<Section, SectionChoice>;
}

/** A saved column mapping, applied again to any file with the same header row. */
export interface ColumnPreset {
  signature: string;
  section: Section;
  columns: ColumnMap;
  savedAt: string;
}

/** Identifies a header layout: its folded cells in order. */
export function headerSignature(header: readonly string[]): string {
  return header.map((c) => foldHeader(String(c ?? ''))).join('|');
}
