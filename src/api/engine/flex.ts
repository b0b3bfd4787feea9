/** Flex handlers: the Flex page, the report's balance tile, and token purchases. */
import type { BalanceTile, FlexView } from '../../core/session/flex';
import type { TokenPurchase } from '../../core/flex/flex-usage';
import { parsePurchasesCsv, type PurchasesParse } from '../../core/flex/purchases-csv';
import type { ReportViewState } from '../../core/vocabulary/view-state';
import { estimateBytes, guardWrite } from '../../storage/storage-errors';
import type { EngineContext } from './context';
import { flexBalanceTile, flexView } from '../../core/session/flex';

export function flexHandlers(ctx: EngineContext) {
  const { db, session } = ctx;
  return {
    async flex(view: ReportViewState, today: number): Promise<FlexView> {
      return flexView(session, view, await db.tokenPurchases.orderBy('date').toArray(), today);
    },
    async flexBalanceTile(view: ReportViewState, today: number): Promise<BalanceTile> {
      return flexBalanceTile(session, view, await db.tokenPurchases.toArray(), today);
    },
    purchases(): Promise<TokenPurchase[]> {
      return db.tokenPurchases.orderBy('date').toArray();
    },
    async savePurchase(p: TokenPurchase): Promise<number> {
      return guardWrite('The purchase was not saved', () => db.tokenPurchases.put(p));
    },
    async deletePurchase(id: number): Promise<void> {
      await guardWrite('The purchase was not removed', () => db.tokenPurchases.delete(id));
    },
    /** Reads a purchases CSV; stores the readable rows only when there is no bad row, else reports them. */
    async importPurchases(text: string, defaultTeam: string): Promise<{ saved: number; errors: PurchasesParse['errors']; error?: string }> {
      const r = parsePurchasesCsv(text, defaultTeam);
      if ('error' in r) return { saved: 0, errors: [], error: r.error };
      if (r.errors.length > 0) return { saved: 0, errors: r.errors };
      // One transaction: all the file's purchases or none (docs/reliability.md).
      await guardWrite(
        'No purchase was imported',
        () => db.transaction('rw', db.tokenPurchases, () => db.tokenPurchases.bulkAdd(r.purchases)),
        () => estimateBytes(r.purchases),
      );
      return { saved: r.purchases.length, errors: [] };
    },
  };
}
