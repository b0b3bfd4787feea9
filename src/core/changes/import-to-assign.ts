/**
 * The portal's Import-to-Assign CSV: First Name, Last Name, Email Address (docs/changes.md;
 * `Email` and any spelling that folds alike are read too);
 * the product is chosen in the UI. Bad rows are named with their row and reason.
 */
import Papa from 'papaparse';
import { foldHeader } from '../import/headers';

/** The portal's Import-to-Assign template header, exactly as the portal writes it. */
export const IMPORT_TO_ASSIGN_HEADER = ['First Name', 'Last Name', 'Email Address'];

export interface AssignPerson {
  firstName: string;
  lastName: string;
  email: string;
}

export interface ImportToAssignResult {
  people: AssignPerson[];
  errors: { row: number; reason: string }[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function parseImportToAssign(text: string): ImportToAssignResult | { error: string } {
  const parsed = Papa.parse<string[]>(text.replace(/^\ufeff/, ''), { skipEmptyLines: 'greedy', delimitersToGuess: [',', ';', '\t'] });
  const rows = parsed.data;
  if (rows.length === 0) return { error: 'The file is empty.' };
  const header = rows[0]!.map(foldHeader);
  const col = (names: string[]) => header.findIndex((h) => names.includes(h));
  const email = col(['email_address', 'email', 'e_mail', 'e_mail_address', 'user_email']);
  const first = col(['first_name', 'firstname']);
  const last = col(['last_name', 'lastname', 'surname']);
  if (email < 0) return { error: 'No Email Address column: the Import to Assign layout is First Name, Last Name, Email Address.' };
  const people: AssignPerson[] = [];
  const errors: ImportToAssignResult['errors'] = [];
  const seen = new Set<string>();
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i]!;
    const e = (r[email] ?? '').trim().toLowerCase();
    if (!e) {
      errors.push({ row: i + 1, reason: 'no email' });
      continue;
    }
    if (!EMAIL.test(e)) {
      errors.push({ row: i + 1, reason: `"${e.slice(0, 60)}" is not an email address` });
      continue;
    }
    if (seen.has(e)) {
      errors.push({ row: i + 1, reason: `${e} is listed twice` });
      continue;
    }
    seen.add(e);
    people.push({ email: e, firstName: first >= 0 ? (r[first] ?? '').trim() : '', lastName: last >= 0 ? (r[last] ?? '').trim() : '' });
  }
  return { people, errors };
}
