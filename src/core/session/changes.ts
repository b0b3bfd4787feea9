/** The change queue's questions to the engine: drafts for assign and unassign, people to pick, the seat check, the queue as shown (docs/changes.md). */
import type { EngineSession } from './engine-session';
import type { Day } from '../vocabulary/days';
import { accessOf, isOutstanding, type Change, type ChangeDraft, type ChangeSource } from '../vocabulary/change';
import { ACCESS_FLEX } from '../workspace/batch';
import { assignedOn, shownPerson, userSearchText } from '../workspace/workspace';
import { keyFromHex, pseudonymsFor, viewIsPseudonymised } from '../privacy/pseudonyms';
import { seatCheck, type SeatCheck } from '../seats/seat-check';

/** Drafts for unassigning the given rows; rows that cannot be are refused with the reason. */
export function unassignDrafts(
  session: EngineSession,
  rowIds: readonly number[],
  source: ChangeSource,
  asOf?: Day,
): { drafts: ChangeDraft[]; refused: { label: string; reason: string }[] } {
  const drafts: ChangeDraft[] = [];
  const refused: { label: string; reason: string }[] = [];
  const ws = session.workspace;
  for (const k of rowIds) {
    if (k < 0 || k >= ws.keyCount) {
      refused.push({ label: `row ${k}`, reason: 'is not in the workspace any more' });
      continue;
    }
    const u = ws.users[ws.keyUser[k]!]!;
    const product = ws.products[ws.keyProduct[k]!]!;
    const lock = session.lockOf(k, asOf);
    if (lock) {
      refused.push({
        label: `${session.lastResult?.mask?.pseudonyms[ws.keyUser[k]!] ?? (u.email || u.hashedId)} · ${product}`,
        reason: lock,
      });
      continue;
    }
    drafts.push({
      action: 'unassign',
      team: ws.teams[ws.keyTeam[k]!]!,
      userKey: u.key,
      email: u.email,
      firstName: u.firstName,
      lastName: u.lastName,
      product,
      source,
      // A Flex row's unassign takes Flex access away, not a seat (docs/changes.md).
      ...(ws.keyAccess[k] === ACCESS_FLEX ? { access: 'Flex' as const } : {}),
    });
  }
  return { drafts, refused };
}

/**
 * Drafts for assigning people to a product in a team: known users by reference,
 * or new people by email (Import to Assign). Anyone holding it already is refused.
 */
export function assignDrafts(
  session: EngineSession,
  team: string,
  product: string,
  people: readonly ({ userRef: string } | { email: string; firstName: string; lastName: string })[],
  source: ChangeSource,
  today: Day,
): { drafts: ChangeDraft[]; refused: { label: string; reason: string }[] } {
  const ws = session.workspace;
  const t = ws.teams.indexOf(team),
    p = ws.products.indexOf(product);
  const drafts: ChangeDraft[] = [];
  const refused: { label: string; reason: string }[] = [];
  for (const person of people) {
    const id = 'userRef' in person ? session.resolveUser(person.userRef) : session.resolveUser(`e:${person.email.trim().toLowerCase()}`);
    const label = 'userRef' in person ? person.userRef : person.email;
    if (id < 0 && 'userRef' in person) {
      refused.push({ label, reason: 'is not in this workspace' });
      continue;
    }
    if (id >= 0 && t >= 0 && p >= 0) {
      let holds = false;
      for (let k = 0; k < ws.keyCount && !holds; k++) {
        if (ws.keyUser[k] !== id || ws.keyTeam[k] !== t || ws.keyProduct[k] !== p) continue;
        holds = assignedOn(ws, k, today);
      }
      if (holds) {
        refused.push({ label: session.nameMask?.pseudonyms[id] ?? label, reason: `already has ${product} in ${team}` });
        continue;
      }
    }
    const u = id >= 0 ? ws.users[id]! : null;
    drafts.push({
      action: 'assign',
      team,
      product,
      source,
      userKey: u?.key ?? `e:${(person as { email: string }).email.trim().toLowerCase()}`,
      email: u ? u.email : (person as { email: string }).email.trim().toLowerCase(),
      firstName: u ? u.firstName : (person as { firstName: string }).firstName,
      lastName: u ? u.lastName : (person as { lastName: string }).lastName,
    });
  }
  return { drafts, refused };
}

/** Members of a group (users with an assignment made through it), for "assign by group". */
export function groupMembers(session: EngineSession, group: string): string[] {
  const ws = session.workspace;
  const g = ws.groups.indexOf(group);
  const users = new Set<number>();
  for (let k = 0; k < ws.keyCount; k++) if (ws.keyGroup[k] === g && g >= 0) users.add(ws.keyUser[k]!);
  return [...users].map((u) => ws.users[u]!.key);
}

export function seatCheckView(session: EngineSession, team: string, product: string, adding: number, today: Day): SeatCheck {
  const pending = session.changeList.filter(
    // Only seats count against the seats: a pending Flex assign takes none.
    (c) => isOutstanding(c) && c.action === 'assign' && accessOf(c) === 'Subscription' && c.team === team && c.product === product,
  ).length;
  return seatCheck(session.workspace, team, product, adding, session.pendingIncluded ? 0 : pending, today);
}

/** People matching a search, for the assign pickers; pseudonymised when the team's data is off. */
export function findPeople(session: EngineSession, q: string, team: string | null, limit = 50): { userRef: string; label: string }[] {
  const mask = session.maskForView(team);
  const needle = q.trim().toLowerCase();
  const out: { userRef: string; label: string }[] = [];
  const ws = session.workspace;
  const texts = needle && !mask ? userSearchText(ws) : null;
  for (let u = 0; u < ws.users.length && out.length < limit; u++) {
    const shown = shownPerson(ws, u, mask);
    const label = mask ? shown.name : `${shown.name} <${shown.email}>`;
    if (needle && !(texts ? texts[u]! : label).includes(needle)) continue;
    out.push({ userRef: shown.userRef, label });
  }
  return out;
}

/**
 * The queue as it may be shown or exported: every change's person as a
 * pseudonym when any team's personal data is off (the queue is an all-teams view).
 */
export async function presentableChanges(session: EngineSession): Promise<Change[]> {
  if (!viewIsPseudonymised(null, session.privacySettings.personalDataOff)) return [...session.changeList];
  const pseudonyms = await pseudonymsFor(
    keyFromHex(session.privacySettings.key),
    session.changeList.map((c) => c.userKey),
  );
  return session.changeList.map((c, i) => ({ ...c, email: pseudonyms[i]!, firstName: 'user', lastName: pseudonyms[i]!.slice(5) }));
}
