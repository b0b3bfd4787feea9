/**
 * Guesses for the column-mapping step (docs/formats.md, "When a layout is not
 * recognised"): names the portal never used but people do ("Mail address",
 * "Application", "Date"), then what the values look like (emails, dates,
 * decimal numbers). A guess only fills the form: the admin confirms it, and a
 * file is never recognised by a guess. A column a known name already claims
 * is never guessed for another field, and no column is guessed for two fields.
 */
import { SECTION_FIELDS, columnsFor, detectSection, foldHeader, mapColumns } from './headers';
import type { ColumnMap, Field, Section } from '../vocabulary/sections';
import { parseDate, parseNumber } from './parse-values';

/** Spellings beyond the known names of headers.ts, already folded. */
const SYNONYMS: Partial<Record<Field, string[]>> = {
  team: ['team_id', 'department', 'business_unit', 'account', 'account_name', 'organisation', 'organization', 'site'],
  email: [
    'mail',
    'mail_address',
    'e_mail_address',
    'email_id',
    'emailaddress',
    'user_mail',
    'login',
    'login_name',
    'user_login',
    'user_name',
    'username',
    'work_email',
  ],
  hashed_autodesk_id: ['hashed_autodesk_user_id', 'hash', 'hashed_email', 'anonymised_id', 'anonymized_id'],
  first_name: ['first', 'forename', 'given'],
  last_name: ['last', 'family', 'name_last'],
  autodesk_id: ['autodesk_user_id', 'adsk_user_id', 'oxygen_id'],
  role: ['user_type', 'permission', 'admin_role'],
  product_name: ['application', 'app', 'software', 'program', 'programme', 'product_used', 'product_description', 'tool'],
  offering_name: ['collection', 'subscription_offering', 'offering_used'],
  version: ['product_release', 'release_year', 'year_version'],
  feature: ['service', 'feature_used', 'cloud_service'],
  access_option: ['license_type', 'licence_type', 'access_model', 'access_mode'],
  assigned_date: ['assigned', 'assigned_on', 'date_of_assignment'],
  unassigned_date: ['unassigned', 'unassigned_on', 'removed_on'],
  group: ['user_group', 'groups'],
  day_used: ['date', 'day', 'usage_day', 'used_on', 'date_of_use', 'use_date', 'event_date', 'session_date', 'activity_date'],
  tokens_used: ['token_count', 'tokens_spent', 'token_consumption', 'tokens_charged', 'flex_tokens'],
  subscription_id: ['subscription', 'subscription_no', 'sub_id', 'agreement_number'],
  seat_quantity: ['licenses', 'licences', 'number_of_seats', 'seats_purchased', 'qty'],
  start_date: ['starts', 'start', 'valid_from'],
  end_date: ['ends', 'end', 'valid_until', 'expiry_date', 'expires'],
  last_accessed: ['last_login', 'last_seen', 'last_activity', 'last_use'],
};

const BY_SYNONYM: Map<string, Field> = new Map(
  (Object.entries(SYNONYMS) as [Field, string[]][]).flatMap(([field, spellings]) => spellings.map((s) => [s, field] as const)),
);

/** Words that make a "…email" column someone else's address (a contract manager's, a reseller's). */
const NOT_THE_USER = new Set(['manager', 'reseller', 'contract', 'partner', 'billing']);

/** The field a header cell suggests by a name the exports do not use; undefined when none. */
export function synonymField(cell: string): Field | undefined {
  const folded = foldHeader(cell);
  const hit = BY_SYNONYM.get(folded);
  if (hit) return hit;
  const words = folded.split('_');
  if (words.some((w) => NOT_THE_USER.has(w))) return undefined;
  if (words.includes('email') || words.includes('mail')) return 'email';
  if (words.includes('tokens')) return 'tokens_used';
  return undefined;
}

/** What the values of a column look like. */
export type ValueKind = 'email' | 'date' | 'decimal' | 'number' | 'text' | 'empty';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
/** The share of a column's filled cells that must agree for it to count as that kind. */
const AGREE = 0.8;

const isDate = (v: string) => parseDate(v, 'mdy').ok || parseDate(v, 'dmy').ok;

export function valueKind(values: readonly string[]): ValueKind {
  const filled = values.map((v) => v.trim()).filter((v) => v !== '');
  if (filled.length === 0) return 'empty';
  const share = (test: (v: string) => boolean) => filled.filter(test).length / filled.length;
  if (share((v) => EMAIL.test(v)) >= AGREE) return 'email';
  // A date needs a separator or a month name: a bare 46000 is as much a number as an Excel day.
  if (share((v) => /[-/.\s]/.test(v) && !/^\d+[.,]\d+$/.test(v) && isDate(v)) >= AGREE) return 'date';
  if (share((v) => parseNumber(v).ok) >= AGREE)
    return filled.some((v) => /^\d+[.,]\d{1,2}$/.test(v.replace(/[\s\u00a0']/g, ''))) ? 'decimal' : 'number';
  return 'text';
}

/** Where a guess came from, for the form to say so. */
export type GuessSource = 'name' | 'values';

export interface ColumnGuess {
  columns: ColumnMap;
  /** The fields filled by a guess (not by a known name), and from what. */
  guessed: Partial<Record<Field, GuessSource>>;
}

/** Which field a column's values suggest in a file of this kind. */
function fieldForValues(kind: ValueKind, section: Section): Field | undefined {
  if (kind === 'email') return 'email';
  if (kind === 'date' && (section === 'usage' || section === 'token_usage')) return 'day_used';
  if (kind === 'decimal' && (section === 'usage' || section === 'token_usage')) return 'tokens_used';
  return undefined;
}

/**
 * Completes `known` (the columns the header's known names give) for a kind of
 * export: first by names, then by values, each column at most once, never
 * touching a field already mapped nor a column a known name claims.
 */
export function guessColumns(
  section: Section,
  header: readonly string[],
  rows: readonly (readonly string[])[],
  known: ColumnMap,
): ColumnGuess {
  const offered = new Set(SECTION_FIELDS[section]);
  const columns: ColumnMap = { ...known };
  const guessed: ColumnGuess['guessed'] = {};
  const taken = new Set<number>(Object.values(known));
  header.forEach((cell, i) => {
    if (Object.keys(mapColumns([String(cell ?? '')])).length > 0) taken.add(i);
  });
  const take = (field: Field | undefined, i: number, source: GuessSource) => {
    if (!field || !offered.has(field) || columns[field] !== undefined || taken.has(i)) return;
    columns[field] = i;
    guessed[field] = source;
    taken.add(i);
  };
  header.forEach((cell, i) => {
    take(synonymField(String(cell ?? '')), i, 'name');
  });
  header.forEach((_, i) => {
    if (taken.has(i)) return;
    take(fieldForValues(valueKind(rows.map((r) => String(r[i] ?? ''))), section), i, 'values');
  });
  return { columns, guessed };
}

/**
 * The kind of export the header most likely is once the guesses count, and its
 * columns. Each guessed column stands in under its field's own name, so the
 * rules of headers.ts choose the kind; `detected` (what the known names alone
 * suggested) is kept only when even that finds nothing.
 */
export function guessMapping(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  detected?: { section: Section; columns: ColumnMap },
): { section: Section } & ColumnGuess {
  const stand = header.map((raw, i) => {
    const cell = String(raw ?? '');
    if (Object.keys(mapColumns([cell])).length > 0) return cell;
    const byName = synonymField(cell);
    if (byName) return byName;
    const kind = valueKind(rows.map((r) => String(r[i] ?? '')));
    return kind === 'email' ? 'email' : kind === 'date' ? 'day_used' : cell;
  });
  const d = detectSection(stand);
  const section = d.ok ? d.section : (d.guess?.section ?? detected?.section ?? 'usage');
  return { section, ...guessColumns(section, header, rows, columnsFor(section, mapColumns(header))) };
}
