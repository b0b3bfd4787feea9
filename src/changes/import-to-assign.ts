/**
 * The portal's Import-to-Assign CSV: First Name, Last Name, Email (SPEC §2.1);
 * the product is chosen in the UI. Bad rows are named with their row and reason.
 */
import Papa from 'papaparse';
import { foldHeader } from '../import/headers';

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
  const email = col(['email', 'email_address', 'e_mail']);
  const first = col(['first_name', 'firstname']);
  const last = col(['last_name', 'lastname', 'surname']);
  if (email < 0) return { error: 'No Email column: the Import to Assign layout is First Name, Last Name, Email.' };
  const people: AssignPerson[] = [];
  const errors: ImportToAssignResult['errors'] = [];
  const seen = new Set<string>();
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i]!;
    const e = (r[email] ?? '').trim().toLowerCase();
    if (!e) { errors.push({ row: i + 1, reason: 'no email' }); continue; }
    if (!EMAIL.test(e)) { errors.push({ row: i + 1, reason: `"${e.slice(0, 60)}" is not an email address` }); continue; }
    if (seen.has(e)) { errors.push({ row: i + 1, reason: `${e} is listed twice` }); continue; }
    seen.add(e);
    people.push({ email: e, firstName: first >= 0 ? (r[first] ?? '').trim() : '', lastName: last >= 0 ? (r[last] ?? '').trim() : '' });
  }
  return { people, errors };
}
