/**
 * Recognises an export by its header row (SPEC §2.1). Spellings are compared after
 * folding case and treating spaces, underscores and hyphens alike, so `Days used`,
 * `days_used` and `days-used` are one column.
 */

export type Field =
  | 'team' | 'email' | 'hashed_autodesk_id' | 'first_name' | 'last_name' | 'autodesk_id' | 'role'
  | 'product_name' | 'offering_name' | 'version' | 'feature' | 'access_option'
  | 'assigned_date' | 'unassigned_date' | 'group' | 'group_type'
  | 'day_used' | 'tokens_used'
  | 'subscription_id' | 'seat_quantity' | 'start_date' | 'end_date' | 'autorenew_date' | 'term'
  | 'contract_number' | 'subscription_status' | 'plan'
  | 'seat_assignment' | 'user_activity' | 'days_used' | 'monthly_average' | 'last_accessed' | 'days_inactive';

export type Section = 'subscriptions' | 'users' | 'groups' | 'usage' | 'token_usage' | 'usage_report';

export const SECTION_LABELS: Record<Section, string> = {
  subscriptions: 'Subscriptions',
  users: 'Users (assignments)',
  groups: 'Groups',
  usage: 'Usage (daily)',
  token_usage: 'Token usage',
  usage_report: 'Usage Report (snapshot)',
};

/** Accepted spellings per field, already folded. The first is the canonical one. */
const ALIASES: Record<Field, string[]> = {
  team: ['team', 'team_alias', 'team_name', 'teamalias'],
  email: ['email', 'email_address', 'user_email', 'e_mail'],
  hashed_autodesk_id: ['hashed_autodesk_id', 'hashed_id', 'hashed_user_id'],
  first_name: ['first_name', 'firstname', 'given_name'],
  last_name: ['last_name', 'lastname', 'surname', 'family_name'],
  autodesk_id: ['autodesk_id', 'user_id'],
  role: ['role', 'user_role'],
  product_name: ['product_name', 'product'],
  offering_name: ['offering_name', 'offering', 'subscription_name'],
  version: ['version', 'product_version', 'release'],
  feature: ['feature', 'feature_name'],
  access_option: ['access_option', 'access_type', 'access'],
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
  last_accessed: ['last_accessed', 'last_used', 'last_access_date'],
  days_inactive: ['days_inactive'],
};

/** Folds a header cell: BOM, case, surrounding space; spaces/underscores/hyphens alike. */
export function foldHeader(cell: string): string {
  return cell
    .replace(/^\ufeff/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_\-]+/g, '_')
    .replace(/[^a-z0-9_]/g, '')
    .replace(/^_+|_+$/g, '');
}

const BY_SPELLING: Map<string, Field> = (() => {
  const map = new Map<string, Field>();
  for (const [field, spellings] of Object.entries(ALIASES) as [Field, string[]][]) {
    for (const s of spellings) map.set(s, field);
  }
  return map;
})();

export type ColumnMap = Partial<Record<Field, number>>;

/** Maps fields to column indexes; the first column of a given field wins. */
export function mapColumns(header: readonly string[]): ColumnMap {
  const map: ColumnMap = {};
  header.forEach((cell, index) => {
    const field = BY_SPELLING.get(foldHeader(String(cell ?? '')));
    if (field && map[field] === undefined) map[field] = index;
  });
  return map;
}

export type Detection =
  | { ok: true; section: Section; columns: ColumnMap }
  | { ok: false; reason: string };

const has = (c: ColumnMap, f: Field) => c[f] !== undefined;

/**
 * Decides the section from the columns present. Order matters: the pre-aggregated
 * report also has assignment columns, and the Users export also has group columns.
 */
export function detectSection(header: readonly string[]): Detection {
  const c = mapColumns(header);
  const who = has(c, 'email') || has(c, 'hashed_autodesk_id');
  const product = has(c, 'product_name') || has(c, 'offering_name');
  const missing = (fields: string[]) => `it has no ${fields.join(' or ')} column`;

  if (has(c, 'days_used') || has(c, 'user_activity') || has(c, 'seat_assignment')) {
    if (!who) return { ok: false, reason: `It looks like a Usage Report, but ${missing(['email'])}.` };
    if (!product) return { ok: false, reason: `It looks like a Usage Report, but ${missing(['product'])}.` };
    return { ok: true, section: 'usage_report', columns: c };
  }
  if (has(c, 'day_used')) {
    if (!who) return { ok: false, reason: `It looks like a usage export, but ${missing(['email', 'hashed_autodesk_id'])}.` };
    if (!product) return { ok: false, reason: `It looks like a usage export, but ${missing(['product_name'])}.` };
    const tokenFile = has(c, 'feature') || (has(c, 'tokens_used') && !has(c, 'access_option') && !has(c, 'version'));
    return { ok: true, section: tokenFile ? 'token_usage' : 'usage', columns: c };
  }
  if (has(c, 'subscription_id')) {
    if (!has(c, 'offering_name') && !has(c, 'seat_quantity') && !has(c, 'product_name')) {
      return { ok: false, reason: `It looks like a Subscriptions export, but ${missing(['offering_name', 'seat_quantity'])}.` };
    }
    return { ok: true, section: 'subscriptions', columns: c };
  }
  if (who && product && (has(c, 'access_option') || has(c, 'assigned_date') || has(c, 'unassigned_date') || has(c, 'role'))) {
    return { ok: true, section: 'users', columns: c };
  }
  if (who && has(c, 'group')) {
    return { ok: true, section: 'groups', columns: c };
  }
  if (who && product) return { ok: true, section: 'users', columns: c };
  return {
    ok: false,
    reason:
      'Its header row matches none of the known exports (Subscriptions, Users, Groups, Usage, Token usage, Usage Report). ' +
      'Expected columns such as email, product_name, day_used or subscription_id.',
  };
}

/** Which row of the first few is the header: exports sometimes start with a title line. */
export function findHeaderRow(rows: readonly (readonly string[])[], maxScan = 10): number {
  let best = -1, bestScore = 1;
  for (let i = 0; i < Math.min(rows.length, maxScan); i++) {
    const score = Object.keys(mapColumns(rows[i]!)).length;
    if (score > bestScore) { best = i; bestScore = score; }
  }
  return best;
}

/**
 * What a section needs, for the column-mapping step (SPEC §2.1): each inner list
 * is one requirement met by any of its fields.
 */
export const SECTION_REQUIREMENTS: Record<Section, Field[][]> = {
  usage: [['email', 'hashed_autodesk_id'], ['product_name', 'offering_name'], ['day_used']],
  token_usage: [['email', 'hashed_autodesk_id'], ['product_name', 'offering_name'], ['day_used'], ['tokens_used']],
  users: [['email', 'hashed_autodesk_id'], ['product_name', 'offering_name']],
  groups: [['email', 'hashed_autodesk_id'], ['group']],
  subscriptions: [['subscription_id']],
  usage_report: [['email', 'hashed_autodesk_id'], ['product_name', 'offering_name']],
};

/** The fields the mapping step offers per section, required ones first. */
export const SECTION_FIELDS: Record<Section, Field[]> = {
  usage: ['email', 'hashed_autodesk_id', 'product_name', 'offering_name', 'day_used', 'team', 'first_name', 'last_name', 'version', 'access_option', 'tokens_used'],
  token_usage: ['email', 'hashed_autodesk_id', 'product_name', 'day_used', 'tokens_used', 'team', 'feature'],
  users: ['email', 'hashed_autodesk_id', 'product_name', 'offering_name', 'team', 'first_name', 'last_name', 'role', 'access_option', 'assigned_date', 'unassigned_date', 'group', 'group_type'],
  groups: ['email', 'hashed_autodesk_id', 'group', 'group_type', 'product_name', 'team'],
  subscriptions: ['subscription_id', 'offering_name', 'seat_quantity', 'team', 'plan', 'term', 'start_date', 'end_date', 'autorenew_date', 'contract_number', 'subscription_status'],
  usage_report: ['email', 'hashed_autodesk_id', 'product_name', 'team', 'first_name', 'last_name', 'access_option', 'group', 'assigned_date', 'unassigned_date', 'seat_assignment', 'user_activity', 'days_used', 'monthly_average', 'last_accessed', 'days_inactive', 'tokens_used'],
};

/** What a mapping still lacks, in words; [] when the section's needs are met. */
export function missingRequirements(section: Section, columns: ColumnMap): string[] {
  return SECTION_REQUIREMENTS[section].filter((any) => !any.some((f) => columns[f] !== undefined)).map((any) => any.join(' or '));
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
