import { describe, expect, it, vi } from 'vitest';
import { computeReport, reportRow } from '../../src/core/report/report';
import { monthsOf, reportTrend } from '../../src/core/report/report-trend';
import { formatDay, parseIsoDay } from '../../src/core/vocabulary/days';
import type { ReportQuery } from '../../src/core/vocabulary/report-query';
import type { Workspace } from '../../src/core/workspace/workspace';
import { csv, reportQuery, workspaceFromCsv } from '../support/workspace-from-csv';
import { createEngineApi } from '../../src/api/engine';
import { TREND_RESUME_MS, yieldToMessages } from '../../src/api/engine/report';
import { createImportApi } from '../../src/api/import';
import { EngineSession } from '../../src/core/session/engine-session';
import { EMPTY_VIEW } from '../../src/core/vocabulary/view-state';
import { WorkspaceDb, clearWorkspace } from '../../src/storage/workspace-db';

const d = (s: string) => parseIsoDay(s)!;

const USERS = csv(
  'team,email,first_name,last_name,product_name,access_option,assigned_date,unassigned_date,group,group_type',
  'Alpha,ann@x.com,Ann,Archer,AutoCAD,Subscription,2025-01-01,,,',
  'Beta,ann@x.com,Ann,Archer,AutoCAD,Subscription,2025-01-01,,,',
  'Alpha,bob@x.com,Bob,Baker,Revit,Subscription,2026-02-15,,,',
  'Alpha,cat@x.com,Cat,Cole,Revit,Subscription,2025-06-01,2026-02-20,,',
  'Alpha,dan@x.com,Dan,Dent,Revit,Flex,2025-06-01,,,',
  'Alpha,eve@x.com,Eve,Egan,AutoCAD,Subscription,2025-06-01,,Designers,',
  'Alpha,eve@x.com,Eve,Egan,Revit,Subscription,2025-06-01,,Designers,',
);
const USAGE = csv(
  'team,email,product_name,access_option,day_used,tokens_used',
  'Beta,ann@x.com,AutoCAD,Subscription,2026-02-10,0',
  'Alpha,eve@x.com,AutoCAD,Subscription,2026-01-01,0',
  'Alpha,eve@x.com,Revit,Subscription,2026-01-05,0',
  'Alpha,eve@x.com,AutoCAD,Subscription,2026-03-31,0',
  'Alpha,gus@x.com,Maya,Subscription,2026-03-01,0',
  'Alpha,dan@x.com,Revit,Flex,2026-01-01,10',
  'Alpha,dan@x.com,Revit,Flex,2026-03-31,12.5',
);

/** People per activity in the report of one range, counted from its rows. */
function people(ws: Workspace, q: ReportQuery) {
  const r = computeReport(ws, q);
  const rows = [...r.rows].map((k) => reportRow(ws, r, k));
  const distinct = (activity: string) => new Set(rows.filter((x) => x.user_activity === activity).map((x) => x.email)).size;
  return {
    active: distinct('Active'),
    inactive: distinct('Inactive'),
    notYetActive: distinct('Not yet active'),
    flexTokens: rows.filter((x) => x.access_option === 'Flex').reduce((s, x) => s + (x.tokens_used ?? 0), 0),
  };
}

describe('the report trend (docs/report.md, "Trend")', async () => {
  const ws = await workspaceFromCsv(['users.csv', USERS], ['usage.csv', USAGE]);

  it('splits the range into whole calendar months, none past its end', () => {
    expect(monthsOf(d('2025-11-23'), d('2026-02-10')).map((m) => [formatDay(m.from), formatDay(m.to)])).toEqual([
      ['2025-11-01', '2025-11-30'],
      ['2025-12-01', '2025-12-31'],
      ['2026-01-01', '2026-01-31'],
      ['2026-02-01', '2026-02-10'],
    ]);
    expect(monthsOf(d('2026-02-01'), d('2026-01-01'))).toEqual([]);
  });

  const views: [string, Partial<ReportQuery>][] = [
    ['All Teams', {}],
    ['a team', { team: 'Alpha' }],
    ['a product', { product: 'Revit' }],
    ['Flex only', { access: 'flex' }],
    ['an activity filter', { activity: 'inactive' }],
    ['a group and search', { group: 'Designers', q: 'eve' }],
  ];
  for (const [name, over] of views) {
    it(`each month is the report over that month's range, under ${name}`, () => {
      const trend = reportTrend(ws, reportQuery('2025-12-15', '2026-03-31', over), null, d('2026-04-01'));
      expect(trend.months.map((m) => m.month)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03']);
      for (const m of trend.months) {
        const { month: _, from, to, ...counts } = m;
        expect(counts, m.month).toEqual(people(ws, reportQuery(from, to, over)));
      }
    });
  }

  it('counts people, not rows, and says when Flex is in the trend', () => {
    const trend = reportTrend(ws, reportQuery('2026-01-01', '2026-03-31'), null, d('2026-04-01'));
    const jan = trend.months[0]!;
    expect(jan.active).toBe(2); // Eve on two products counts once; Dan's Flex use counts
    expect(jan.flexTokens).toBe(10);
    expect(trend.months[2]!.flexTokens).toBe(12.5);
    expect(trend.flex).toBe(true);
    expect(reportTrend(ws, reportQuery('2026-01-01', '2026-03-31', { access: 'subscription' }), null, d('2026-04-01')).flex).toBe(false);
  });
});

describe('the trend through the engine API (src/api/engine/report.ts)', () => {
  /** An engine over USERS and USAGE, imported into a workspace of its own. */
  async function engineWithUsersAndUsage(name: string) {
    const db = new WorkspaceDb(name);
    await clearWorkspace(db);
    await createImportApi(db).importFiles([new File([USERS], 'users.csv'), new File([USAGE], 'usage.csv')], () => {});
    const api = createEngineApi(db, new EngineSession());
    await api.reload();
    return api;
  }

  it("follows the view's filters and range, and not its sort", async () => {
    const api = await engineWithUsersAndUsage('report-trend');
    const view = { ...EMPTY_VIEW, team: 'Alpha', from: '2026-01-01', to: '2026-03-31' };
    const today = d('2026-04-01');
    const trend = (await api.reportTrend(view, today))!;
    expect(trend.months.map((m) => [m.month, m.from, m.to])).toEqual([
      ['2026-01', '2026-01-01', '2026-01-31'],
      ['2026-02', '2026-02-01', '2026-02-28'],
      ['2026-03', '2026-03-01', '2026-03-31'],
    ]);
    const ws = await workspaceFromCsv(['users.csv', USERS], ['usage.csv', USAGE]);
    for (const m of trend.months) {
      const { month: _, from, to, ...counts } = m;
      expect(counts).toEqual(people(ws, reportQuery(from, to, { team: 'Alpha' })));
    }
    expect(await api.reportTrend({ ...view, sort: { column: 'days_used', direction: 'desc' } }, today)).toEqual(trend);
    expect((await api.reportTrend({ ...view, access: 'subscription' }, today))!.flex).toBe(false);
  });

  it('answers a query asked while it is computed, and drops a trend asked again before it is done', async () => {
    const api = await engineWithUsersAndUsage('report-trend-steps');
    const ws = await workspaceFromCsv(['users.csv', USERS], ['usage.csv', USAGE]);
    const today = d('2026-04-01');
    const all = { ...EMPTY_VIEW, from: '2026-01-01', to: '2026-03-31' };
    const alpha = { ...all, team: 'Alpha' };
    const expected = (team: string | null) => reportTrend(ws, reportQuery('2026-01-01', '2026-03-31', team ? { team } : {}), null, today);

    // A query in between the trend's months gets its own answer and leaves the trend's alone.
    const first = api.reportTrend(all, today);
    const rowsOfAlpha = api.query({ ...alpha, from: '2026-02-01', to: '2026-02-28' }, today).rowCount;
    expect(rowsOfAlpha).toBe(computeReport(ws, reportQuery('2026-02-01', '2026-02-28', { team: 'Alpha' })).rows.length);
    expect(await first).toEqual(expected(null));

    // Asked again for another team before the first is done: the first is dropped, the second is whole.
    const dropped = api.reportTrend({ ...all, to: '2026-03-30' }, today);
    const second = api.reportTrend(alpha, today);
    expect(await dropped).toBeNull();
    expect(await second).toEqual(expected('Alpha'));

    // The page that asked for it left: the trend stops at its next month, and the next one is whole.
    const left = api.reportTrend(all, today);
    api.dropTrend();
    expect(await left).toBeNull();
    expect(await api.reportTrend(all, today)).toEqual(expected(null));
  });

  it('after a query, goes on only once queries have rested, and is then whole', async () => {
    const api = await engineWithUsersAndUsage('report-trend-rest');
    const ws = await workspaceFromCsv(['users.csv', USERS], ['usage.csv', USAGE]);
    const today = d('2026-04-01');
    const all = { ...EMPTY_VIEW, from: '2026-01-01', to: '2026-03-31' };
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let done = false;
      const trend = api.reportTrend(all, today).then((t) => {
        done = true;
        return t;
      });
      api.query({ ...all, team: 'Alpha' }, today);
      // Many turns of the worker's message loop: without the rest, three months would be done by now.
      for (let i = 0; i < 50; i++) await yieldToMessages();
      expect(done).toBe(false);
      await vi.advanceTimersByTimeAsync(TREND_RESUME_MS);
      for (let i = 0; i < 50; i++) await yieldToMessages();
      expect(done).toBe(true);
      expect(await trend).toEqual(reportTrend(ws, reportQuery('2026-01-01', '2026-03-31'), null, today));
    } finally {
      vi.useRealTimers();
    }
  });
});
