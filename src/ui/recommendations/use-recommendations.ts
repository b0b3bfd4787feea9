/** The Recommendations page's data: the plan for the view, the prices, and what the admin narrowed it to (docs/recommendations.md). */
import { createMemo, createResource, createSignal } from 'solid-js';
import { client } from '../common/client';
import { todayUtc } from '../../core/vocabulary/days';
import type { Recommendation, RecommendationKind } from '../../core/recommendations/recommendations';
import { useViewState } from '../report/use-view-state';
import { KIND_ORDER, planSummary } from './plan-summary';
import { cardId } from './RecommendationCards';

/** How many cards of a type show before "Show all": the page stays quick to open. */
const CARDS_AT_FIRST = 12;

export function useRecommendations() {
  const { view, setView } = useViewState('/recommendations');
  const [message, setMessage] = createSignal('');
  const [type, setType] = createSignal<RecommendationKind | ''>('');
  const [team, setTeam] = createSignal('');
  const [reviewing, setReviewing] = createSignal<Recommendation | null>(null);
  const [data] = createResource(
    () => ({ v: view(), w: client.version('workspace', 'changes', 'prices') }),
    ({ v }) => client.engine.recommendations(v, todayUtc()),
  );
  const [prices] = createResource(
    () => client.version('prices'),
    () => client.engine.prices(),
  );
  const items = () => data()?.items ?? [];
  const totals = createMemo(() => planSummary(items()));
  const teams = createMemo(() =>
    [
      ...new Set(
        items()
          .map((r) => r.team)
          .filter(Boolean),
      ),
    ].sort((a, b) => a.localeCompare(b)),
  );
  const kinds = createMemo(() => KIND_ORDER.filter((k) => items().some((r) => r.kind === k)));
  // The card just acted on stays in view even when its type changes with what is left to do.
  const [acted, setActed] = createSignal('');
  const kept = (r: Recommendation) => r.id === acted() || ((!type() || r.kind === type()) && (!team() || r.team === team() || !r.team));
  const shown = (kind: RecommendationKind) => items().filter((r) => r.kind === kind && kept(r));
  /** A group shows its first cards; the rest come on request (the summary table lists them all). */
  const [opened, setOpened] = createSignal(new Set<RecommendationKind>());
  const visible = (kind: RecommendationKind) => (opened().has(kind) ? shown(kind) : shown(kind).slice(0, CARDS_AT_FIRST));
  const openGroup = (kind: RecommendationKind) => setOpened((s) => new Set([...s, kind]));
  /** The dialog closed: after a queue, say what happened and keep that card in view. */
  const done = (id: string, m: string | null) => {
    setReviewing(null);
    if (m) {
      setActed(id);
      setMessage(m);
    }
  };
  const show = (r: Recommendation) => {
    openGroup(r.kind);
    setType('');
    setTeam('');
    setActed('');
    queueMicrotask(() => document.getElementById(cardId(r))?.scrollIntoView({ block: 'start' }));
  };
  /** Narrowing the cards lets go of the one acted on. */
  const chooseType = (k: RecommendationKind | '') => {
    setActed('');
    setType(k);
  };
  const chooseTeam = (t: string) => {
    setActed('');
    setTeam(t);
  };
  const products = () => [...new Set([...(client.summary()?.assignableProducts ?? [])])];
  return {
    setView,
    scoped: view,
    message,
    type,
    chooseType,
    team,
    chooseTeam,
    reviewing,
    setReviewing,
    data,
    prices,
    items,
    totals,
    teams,
    kinds,
    shown,
    visible,
    openGroup,
    done,
    show,
    products,
  };
}
