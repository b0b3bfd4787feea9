/** The Recommendations page's questions to the engine: the plan and the drafts it implies (docs/recommendations.md). */
import type { EngineSession, ScopeInfo } from './engine-session';
import type { Day } from '../vocabulary/days';
import type { ReportViewState } from '../vocabulary/view-state';
import type { ChangeDraft } from '../vocabulary/change';
import type { PriceTable } from '../vocabulary/prices';
import { recommendations, type Recommendation } from '../recommendations/recommendations';

/**
 * The net plan per team × offering for the view's team and range, over the
 * shared figures of that scope; people with a change outstanding are left out
 * (docs/recommendations.md).
 */
export function recommendationsView(
  session: EngineSession,
  view: ReportViewState,
  prices: PriceTable,
  today: Day,
): ScopeInfo & { items: Recommendation[] } {
  const s = session.scope(view, today);
  return {
    ...s.info,
    items: recommendations(session.workspace, prices, { team: view.team, from: s.from, to: s.to }, today, {
      mask: s.mask,
      changes: session.changeList,
    }),
  };
}

/**
 * The changes one recommendation implies for the people the admin kept ticked
 * (all of them when `userRefs` is omitted): an unassign for an inactive holder,
 * an unassign and a Flex assign for a light user, a seat assign for a heavy
 * Flex user. Refusals say why (a group assignment, or someone no longer in it).
 */
export function recommendationDrafts(
  session: EngineSession,
  id: string,
  view: ReportViewState,
  prices: PriceTable,
  today: Day,
  userRefs?: readonly string[],
): { drafts: ChangeDraft[]; refused: { label: string; reason: string }[] } {
  const r = recommendationsView(session, view, prices, today).items.find((x) => x.id === id);
  if (!r || r.users.length === 0) return { drafts: [], refused: [{ label: r?.title ?? id, reason: 'no longer applies' }] };
  const wanted = userRefs ? new Set(userRefs) : null;
  const drafts: ChangeDraft[] = [];
  const refused: { label: string; reason: string }[] = [];
  if (wanted) {
    const listed = new Set(r.users.map((u) => u.userRef));
    for (const ref of wanted) if (!listed.has(ref)) refused.push({ label: ref, reason: 'is no longer in this recommendation' });
  }
  const ws = session.workspace;
  for (const u of r.users) {
    if (wanted && !wanted.has(u.userRef)) continue;
    const lock = u.lock || (u.step !== 'give-seat' && session.pendingOf(u.key) === 'unassign' ? 'Unassign already queued' : '');
    if (lock) {
      refused.push({ label: u.name, reason: lock });
      continue;
    }
    const user = ws.users[ws.keyUser[u.key]!]!;
    const person = {
      team: r.team,
      userKey: user.key,
      email: user.email,
      firstName: user.firstName,
      lastName: user.lastName,
      product: ws.products[ws.keyProduct[u.key]!]!,
      source: 'recommendation' as const,
    };
    if (u.step === 'give-seat') {
      drafts.push({ ...person, action: 'assign', access: 'Subscription' });
      continue;
    }
    drafts.push({ ...person, action: 'unassign' });
    if (u.step === 'move-to-flex') drafts.push({ ...person, action: 'assign', access: 'Flex' });
  }
  return { drafts, refused };
}
