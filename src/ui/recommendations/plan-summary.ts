/**
 * What the Recommendations page shows of the plan besides the cards: the
 * headline (the sum of the nets, docs/recommendations.md), the labels, and what
 * was queued. Kept apart from the engine so the page does not load it.
 */
import type { PersonStep, QueuedCounts, Recommendation, RecommendationKind } from '../../core/recommendations/recommendations';

export const KIND_LABELS: Record<RecommendationKind, string> = {
  'reduce-seats': 'Reduce seats',
  'buy-seats': 'Buy seats',
  'move-to-flex': 'Move light users to Flex',
  'move-to-subscription': 'Give heavy Flex users a seat',
  'single-admin': 'Admins',
};

export const STEP_LABELS: Record<PersonStep, string> = {
  'unassign-inactive': 'Unassign (no use)',
  'move-to-flex': 'Unassign, then give Flex access',
  'give-seat': 'Give a seat',
};

/** The order the page groups cards in. */
export const KIND_ORDER: RecommendationKind[] = ['reduce-seats', 'move-to-flex', 'move-to-subscription', 'buy-seats', 'single-admin'];

export interface PlanSummary {
  /** The headline: the sum of the recommendations' net amounts (positive saves). */
  net: number;
  /** Sum of the amounts of the recommendations that save. */
  saves: number;
  /** Sum of the amounts of those that cost, as a positive number. */
  costs: number;
  people: number;
  count: number;
}

/** The whole plan's figures: each recommendation counted once, with its net. */
export function planSummary(items: readonly Recommendation[]): PlanSummary {
  let net = 0,
    saves = 0,
    costs = 0,
    people = 0;
  for (const r of items) {
    net += r.amount;
    if (r.amount > 0) saves += r.amount;
    else costs -= r.amount;
    people += r.users.length;
  }
  return { net, saves, costs, people, count: items.length };
}

const count = (n: number, one: string) => `${n.toLocaleString('en')} ${n === 1 ? one : `${one}s`}`;

/** "Queued: 12 unassigns, 12 Flex assigns" — what was queued from recommendations and is still outstanding. */
export function queuedText(q: QueuedCounts): string {
  const parts = [
    q.unassigns ? count(q.unassigns, 'unassign') : '',
    q.flexAssigns ? count(q.flexAssigns, 'Flex assign') : '',
    q.assigns ? count(q.assigns, 'seat assign') : '',
  ].filter(Boolean);
  return parts.length ? `Queued: ${parts.join(', ')}` : '';
}

/** "saves US$6,090" / "costs US$1,975" / "no money" — the sign in words. */
export function moneyText(amount: number): string {
  if (amount === 0) return 'no money';
  return `${amount > 0 ? 'saves' : 'costs'} US$${Math.abs(Math.round(amount)).toLocaleString('en')}`;
}
