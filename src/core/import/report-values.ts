/**
 * The portal's Usage Report writes its values in more than one spelling
 * (`Assigned`, `assigned`, `not_yet_active`, …). They are read in any case and
 * shown and exported in one canonical spelling (docs/formats.md, docs/report.md). Used both when
 * importing and when showing rows stored by older versions, so it lives here once.
 */

/** Case, surrounding space and `_`/`-`/space runs folded, for comparing values. */
export function foldValue(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
}

const SEAT_ASSIGNMENT: ReadonlyMap<string, string> = new Map([
  ['assigned', 'Assigned'],
  ['unassigned', 'Unassigned'],
]);

const USER_ACTIVITY: ReadonlyMap<string, string> = new Map([
  ['active', 'Active'],
  ['inactive', 'Inactive'],
  ['not yet active', 'Not yet active'],
]);

/** `assigned` → `Assigned`; an unknown value is kept as given (trimmed): it is the portal's word, not an error. */
export function canonicalSeatAssignment(text: string): string {
  return SEAT_ASSIGNMENT.get(foldValue(text)) ?? text.trim();
}

/** `not_yet_active` → `Not yet active`; an unknown value is kept as given (trimmed). */
export function canonicalUserActivity(text: string): string {
  return USER_ACTIVITY.get(foldValue(text)) ?? text.trim();
}

/** Whether two values are the same word in any case or spelling (`Not yet active` = `not-yet-active`). */
export function sameValue(a: string, b: string): boolean {
  return foldValue(a) === foldValue(b);
}
