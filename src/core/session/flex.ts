/** The Flex page's questions to the engine, and the report's balance tile (docs/flex.md). */
import type { EngineSession, ScopeInfo } from './engine-session';
import type { Day } from '../vocabulary/days';
import type { ReportViewState } from '../vocabulary/view-state';
import { scanScope } from '../report/scope-figures';
import {
  dailyTokens,
  flexBalance,
  flexChart,
  flexForecast,
  flexUsage,
  type FlexBalance,
  type FlexChart,
  type FlexForecast,
  type FlexUsage,
  type TokenPurchase,
} from '../flex/flex-usage';

export interface FlexView extends ScopeInfo {
  /** The scope's Flex totals: the same figures as the report's Flex tiles. */
  totals: { tokens: number; users: number; peopleWithAccess: number; monthlyAverage: number };
  usage: Omit<FlexUsage, 'byUser' | 'multiProductDays'> & {
    byUser: (Omit<FlexUsage['byUser'][number], 'userKey'> & { userRef: string; name: string })[];
    multiProductDays: (Omit<FlexUsage['multiProductDays'][number], 'userKey'> & { userRef: string; name: string })[];
  };
  balance: FlexBalance;
  forecast: FlexForecast;
  chart: FlexChart;
}

export interface BalanceTile {
  /** Tokens left on `on`; null when no purchase is entered (then `reason` says so). */
  remaining: number | null;
  on: string;
  low: boolean;
  reason: string;
}

export function flexView(session: EngineSession, view: ReportViewState, purchases: readonly TokenPurchase[], today: Day): FlexView {
  const s = session.scope(view, today);
  const mine = purchases.filter((p) => view.team === null || p.team === view.team);
  const usage = flexUsage(session.workspace, { from: s.from, to: s.to, team: view.team });
  const t = scanScope(session.workspace, { team: view.team, product: null, from: s.from, to: s.to }, today).totals;
  const daily = dailyTokens(session.workspace, view.team);
  const forecast = flexForecast(daily, mine, s.asOf);
  const balance = flexBalance(mine, daily, s.asOf, forecast);
  return {
    ...s.info,
    totals: {
      tokens: t.flexTokens,
      users: t.flexUsers,
      peopleWithAccess: t.flexPeopleWithAccess,
      monthlyAverage: t.flexMonthlyAverageTokens,
    },
    usage: {
      ...usage,
      byUser: usage.byUser.map(({ userKey, ...rest }) => ({ ...rest, ...session.person(userKey, s.mask) })),
      multiProductDays: usage.multiProductDays.map(({ userKey, ...rest }) => ({ ...rest, ...session.person(userKey, s.mask) })),
    },
    balance,
    forecast,
    chart: flexChart(daily, s.asOf, forecast, mine.length > 0 ? balance.remaining : null),
  };
}

/**
 * The Flex balance on the view's last day for its team: the report's tile, the
 * same figure as the Flex page's "Remaining" (one function, flexBalance).
 */
export function flexBalanceTile(
  session: EngineSession,
  view: ReportViewState,
  purchases: readonly TokenPurchase[],
  today: Day,
): BalanceTile {
  const s = session.scope(view, today);
  const mine = purchases.filter((p) => view.team === null || p.team === view.team);
  if (mine.length === 0)
    return { remaining: null, on: s.info.asOf, low: false, reason: `No token purchases entered${view.team ? ` for ${view.team}` : ''}` };
  const b = flexBalance(mine, dailyTokens(session.workspace, view.team), s.asOf);
  return { remaining: b.remaining, on: s.info.asOf, low: b.low, reason: '' };
}
