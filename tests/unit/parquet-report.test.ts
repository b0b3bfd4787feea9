/**
 * report.sql (docs/parquet.md) proven equal to the engine: each workspace is exported as the
 * "Workspace as Parquet" zip, DuckDB runs the unchanged report.sql over the unpacked files for
 * several ranges, and every row and every one of the sixteen columns must equal the engine's
 * report of the same range (All Teams, no filters) — the same values, not close ones.
 */
import { describe, expect, it } from 'vitest';
import { computeReport, reportRow, type NameMask } from '../../src/core/report/report';
import { REPORT_COLUMNS } from '../../src/core/vocabulary/report-columns';
import { addMonths, dayFromYmd, formatDay, parseIsoDay, todayUtc, type Day } from '../../src/core/vocabulary/days';
import { buildWorkspace, type Workspace } from '../../src/core/workspace/workspace';
import { collationRanks } from '../../src/core/workspace/collation';
import { generateSampleFiles } from '../../src/core/sample/generate-sample';
import { pseudonymsFor } from '../../src/core/privacy/pseudonyms';
import { batchesFromCsv, csv, reportQuery } from '../support/workspace-from-csv';
import { sampleBatches } from '../support/sample-workspace';
import { duckdbIn, parquetZip, runReportSql, unzipToFolder, type SqlRow } from '../support/parquet-folder';
import { csvEraSets, eraBatches, eraExpected } from '../support/era-fixtures';

const DATE_COLUMNS = new Set(['assigned_date', 'unassigned_date', 'last_accessed']);

/** The engine's report rows as exported: the sixteen columns, in order. */
function engineRows(ws: Workspace, from: string, to: string, mask: NameMask | null, today: Day): unknown[][] {
  const r = computeReport(ws, reportQuery(from, to), undefined, mask, today);
  return [...r.rows].map((k) => {
    const row = reportRow(ws, r, k);
    return REPORT_COLUMNS.map((c) => row[c]);
  });
}

/** DuckDB's rows in the same shape: a DATE is its ISO day, and an empty date the export's empty text. */
function sqlRows(rows: SqlRow[]): unknown[][] {
  return rows.map((r) => REPORT_COLUMNS.map((c) => (DATE_COLUMNS.has(c) && r[c] === null ? '' : r[c])));
}

/** Rows compared as a whole multiset: the SQL sorts by plain text, the app by collation. */
const sorted = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r)).sort();

async function expectSameReport(ws: Workspace, ranges: [string, string][], mask: NameMask | null = null) {
  const folder = unzipToFolder(parquetZip(ws, [], mask));
  const c = await duckdbIn(folder);
  const today = todayUtc();
  let compared = 0;
  for (const [from, to] of ranges) {
    const sql = await runReportSql(c, from, to);
    expect(sql.columns).toEqual([...REPORT_COLUMNS]);
    const engine = engineRows(ws, from, to, mask, today);
    const duck = sqlRows(sql.rows);
    expect(duck.length, `${from}..${to}`).toBe(engine.length);
    expect(sorted(duck), `${from}..${to}`).toEqual(sorted(engine));
    compared += engine.length;
  }
  c.closeSync();
  return compared;
}

const iso = formatDay;
const rangeEnding = (to: Day, months: number): [string, string] => [iso(addMonths(to, -months)), iso(to)];

describe('report.sql equals the engine on the exported files (DuckDB)', () => {
  it('the reference workload (docs/budgets.md: 20,000 people, about 1M events): ranges of 12, 3 and 1 months, 16 months, a day, past the data', async () => {
    const endDay = dayFromYmd(2026, 10, 31);
    const files = generateSampleFiles({ seed: 42, users: 20_000, teams: 25, products: 40, endDay, targetEvents: 1_000_000 });
    const ws = buildWorkspace(
      await batchesFromCsv([
        ['Users.csv', files.users],
        ['Subscriptions.csv', files.subscriptions],
        ...[...files.usage()].map((t, i): [string, string] => [`Usage-${i}.csv`, t]),
      ]),
    );
    expect(ws.eventCount).toBeGreaterThan(950_000);
    const compared = await expectSameReport(ws, [
      rangeEnding(endDay, 12),
      rangeEnding(endDay, 3),
      [iso(endDay - 30), iso(endDay)],
      // 487 days is 16 months of 30.4375 days exactly: monthly averages land on halves, rounded up.
      [iso(endDay - 486), iso(endDay)],
      [iso(endDay - 100), iso(endDay - 100)],
      // Running past the data: judged up to the newest usage day only.
      [iso(endDay - 20), iso(endDay + 40)],
      // Before any usage: nobody active or inactive.
      [iso(endDay - 800), iso(endDay - 500)],
    ]);
    expect(compared).toBeGreaterThan(100_000);
  }, 180_000);

  it('the sample workspace, pseudonymised as a view with personal data off', async () => {
    const endDay = dayFromYmd(2026, 10, 31);
    const ws = buildWorkspace(await sampleBatches(endDay));
    const pseudonyms = await pseudonymsFor(
      new Uint8Array(32).fill(7),
      ws.users.map((u) => u.key),
    );
    const mask: NameMask = { pseudonyms, rank: collationRanks(pseudonyms) };
    await expectSameReport(ws, [rangeEnding(endDay, 12), rangeEnding(endDay, 6), [iso(endDay - 9), iso(endDay)]], mask);
    await expectSameReport(ws, [rangeEnding(endDay, 3)]);
  }, 60_000);

  describe('the fixture exports of every era', () => {
    const expected = eraExpected;
    it.each(csvEraSets)('%s', async (_name, set) => {
      const ws = buildWorkspace(await eraBatches(set.files));
      const from = parseIsoDay(expected.range.from)!;
      const to = parseIsoDay(expected.range.to)!;
      await expectSameReport(ws, [
        [expected.range.from, expected.range.to],
        [iso(from - 400), iso(to + 400)],
        [iso(to - 10), iso(to + 10)],
        [iso(from + 20), iso(from + 20)],
      ]);
    });
  });

  it('a workspace built to reach every branch: collections, Flex with fractional tokens, usage-only, no team, future days', async () => {
    const future = iso(todayUtc() + 40);
    const ws = buildWorkspace(
      await batchesFromCsv([
        [
          'users.csv',
          csv(
            'team,email,first_name,last_name,offering_name,product_name,access_option,assigned_date,unassigned_date,group,group_type',
            'Alpha,ann@x.com,Ann,Archer,AEC Collection,Revit,Subscription,2025-01-01,,,',
            'Alpha,ann@x.com,Ann,Archer,AEC Collection,AutoCAD,Subscription,2025-01-01,,,',
            'Beta,ann@x.com,Ann,Archer,,AutoCAD,Subscription,2025-01-01,,,',
            'Alpha,bob@x.com,Bob,Baker,,Revit,Subscription,2026-02-15,,,',
            'Alpha,cat@x.com,Cat,Cole,,Revit,Subscription,2025-06-01,2026-02-20,,',
            'Alpha,dan@x.com,Dan,Dent,,Revit,Flex,2025-06-01,,,',
            'Alpha,eve@x.com,Eve,Egan,,AutoCAD,Subscription,,,Designers,',
            'Alpha,fay@x.com,Fay,Fox,,AutoCAD,Subscription,2025-06-01,2026-03-31,All users,Default',
            'Gamma,gil@x.com,Gil,Gray,,Maya,Subscription,2026-03-31,,,',
          ),
        ],
        [
          'usage.csv',
          csv(
            'team,email,offering_name,product_name,version,access_option,day_used,tokens_used',
            'Alpha,ann@x.com,AEC Collection,Revit,2026,Subscription,2026-01-05,0',
            'Alpha,ann@x.com,AEC Collection,AutoCAD,2025,Subscription,2026-01-05,0',
            'Alpha,ann@x.com,AEC Collection,AutoCAD,2025,Subscription,2026-03-02,0',
            'Alpha,eve@x.com,,AutoCAD,2025,Subscription,2026-01-01,0',
            'Alpha,eve@x.com,,AutoCAD,2025,Subscription,2026-03-31,0',
            'Alpha,dan@x.com,,Revit,2026,Flex,2025-12-31,10.35',
            'Alpha,dan@x.com,,Revit,2026,Flex,2026-01-01,7.125',
            'Alpha,dan@x.com,,Revit,2026,Flex,2026-03-31,0.1',
            'Alpha,dan@x.com,,Maya,2026,Flex,2026-03-31,2.675',
            'Alpha,hal@x.com,,Maya,2026,Subscription,2026-03-01,0',
            `Alpha,hal@x.com,,Maya,2026,Subscription,${future},0`,
          ),
        ],
        ['usage-no-team.csv', csv('email,product_name,day_used', 'bob@x.com,Revit,2026-04-02', 'ivy@x.com,Inventor,2026-04-03')],
      ]),
    );
    expect(ws.teams).toContain('');
    await expectSameReport(ws, [
      ['2026-01-01', '2026-03-31'],
      ['2026-02-01', '2026-02-28'],
      ['2026-03-31', '2026-03-31'],
      ['2026-04-01', '2026-06-30'],
      ['2024-01-01', iso(todayUtc() + 90)],
      ['2026-05-01', '2026-12-31'],
    ]);
  });
});
