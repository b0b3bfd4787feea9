/** Recommendation handlers: the price table, the plan, and queueing what the admin kept ticked (docs/recommendations.md). */
import type { ScopeInfo } from '../../core/session/engine-session';
import type { Recommendation } from '../../core/recommendations/recommendations';
import type { ReportViewState } from '../../core/vocabulary/view-state';
import { DEFAULT_PRICES, type PriceTable } from '../../core/vocabulary/prices';
import type { WorkspaceDb } from '../../storage/workspace-db';
import { guardWrite } from '../../storage/storage-errors';
import type { EngineContext, QueueResult } from './context';
import { recommendationDrafts, recommendationsView } from '../../core/session/recommendations';

async function loadPrices(db: WorkspaceDb): Promise<PriceTable> {
  return ((await db.settings.get('prices'))?.value as PriceTable | undefined) ?? DEFAULT_PRICES;
}

export function recommendationHandlers(ctx: EngineContext) {
  return {
    prices(): Promise<PriceTable> {
      return loadPrices(ctx.db);
    },
    async setPrices(p: PriceTable): Promise<void> {
      await guardWrite('The prices were not saved', () => ctx.db.settings.put({ key: 'prices', value: p }));
    },
    async recommendations(view: ReportViewState, today: number): Promise<ScopeInfo & { items: Recommendation[] }> {
      return recommendationsView(ctx.session, view, await loadPrices(ctx.db), today);
    },
    /** Queues a recommendation's changes for the people the admin kept ticked, with the reason given; nothing else. */
    async queueRecommendation(id: string, view: ReportViewState, userRefs: string[], reason: string, today: number): Promise<QueueResult> {
      const { drafts, refused } = recommendationDrafts(ctx.session, id, view, await loadPrices(ctx.db), today, userRefs);
      return ctx.queue(drafts, refused, reason);
    },
  };
}
