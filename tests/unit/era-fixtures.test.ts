/**
 * The fixture exports of every era (tests/fixtures/eras, shaped after the portal's
 * public field references) read through the real import path, in both import
 * orders, against the figures computed by hand in expected.json.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFile } from '../../src/core/import/read-file';
import { buildWorkspace, type LoadedBatch, type Workspace } from '../../src/core/workspace/workspace';
import { computeReport, reportRow } from '../../src/core/report/report';
import { querySnapshot, snapshotRows } from '../../src/core/report/snapshot-report';
import { parseIsoDay } from '../../src/core/vocabulary/days';
import type { ReportQuery } from '../../src/core/vocabulary/report-query';
import type { ReportRow } from '../../src/core/vocabulary/report-columns';

const DIR = join(import.meta.dirname, '../fixtures/eras');
interface ExpectedRow extends Record<string, unknown> {
  key: string;
  email: string | null;
  hashed_autodesk_id: string | null;
}
interface Overview {
  rows: number;
  subscriptions: number;
  seats: number;
  assigned_seats: number;
  active_users: number;
  inactive_users: number | null;
  flex_tokens_used: number;
  flex_users: number;
}
interface ExpectedSet {
  files: string[];
  rows: ExpectedRow[];
  overview: Record<string, Overview>;
}
const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as {
  range: { from: string; to: string };
  sets: Record<string, ExpectedSet>;
};

const COLUMNS = [
  'team',
  'first_name',
  'last_name',
  'product_name',
  'access_option',
  'group',
  'assigned_date',
  'unassigned_date',
  'seat_assignment',
  'user_activity',
  'days_used',
  'monthly_average',
  'last_accessed',
  'days_inactive',
  'tokens_used',
] as const;

async function load(files: string[]): Promise<Workspace> {
  const loaded: LoadedBatch[] = [];
  for (const f of files) {
    const bytes = readFileSync(join(DIR, f));
    const out = await readFile({ name: f, size: bytes.length, lastModified: 0, source: new Blob([bytes]) });
    if (!out.ok) throw new Error(out.reason);
    for (const s of out.sheets) {
      expect(s.result.errors, f).toEqual([]);
      loaded.push({ batch: s.result.batch, chunks: s.result.chunks });
    }
  }
  return buildWorkspace(loaded);
}

const query = (team: string | null): ReportQuery => ({
  from: parseIsoDay(expected.range.from)!,
  to: parseIsoDay(expected.range.to)!,
  team,
  access: null,
  activity: null,
  assignment: null,
  product: null,
  group: null,
  q: '',
  sort: null,
});

function report(ws: Workspace, team: string | null): { rows: ReportRow[]; tiles: ReturnType<typeof computeReport>['tiles'] } {
  if (ws.eventCount === 0 && ws.snapshot.length > 0) return querySnapshot(snapshotRows(ws, null), ws, query(team));
  const r = computeReport(ws, query(team));
  return { rows: [...r.rows].map((k) => reportRow(ws, r, k)), tiles: r.tiles };
}

const pick = (r: object) => Object.fromEntries(COLUMNS.map((c) => [c, (r as Record<string, unknown>)[c] ?? null]));

for (const [name, set] of Object.entries(expected.sets)) {
  describe(`the ${name} exports`, () => {
    const orders: [string, string[]][] = [
      ['as listed', set.files],
      ['in reverse order', [...set.files].reverse()],
    ];
    for (const [order, files] of orders) {
      it(`give the hand-computed rows and tiles, imported ${order}`, async () => {
        const ws = await load(files);
        const { rows, tiles } = report(ws, null);
        const got = new Map(rows.map((r) => [`${r.team}|${r.email}|${r.product_name}`, r]));
        for (const e of set.rows) {
          const key = `${e.team}|${e.email ?? e.hashed_autodesk_id}|${e.product_name}`;
          expect(got.has(key), `row ${key}`).toBe(true);
          expect(pick(got.get(key)!), key).toEqual(pick(e));
        }
        expect(rows.length).toBe(set.rows.length);
        for (const [team, o] of Object.entries(set.overview)) {
          const t = team === 'all_teams' ? tiles : report(ws, team).tiles;
          expect(
            {
              rows: t.rows,
              subscriptions: t.subscriptions,
              seats: t.seats,
              assigned_seats: t.assignedSeats,
              active_users: t.activeUsers,
              inactive_users: t.inactiveUsers,
              flex_tokens_used: t.flexTokens,
              flex_users: t.flexUsers,
            },
            `${name} ${team}`,
          ).toEqual({
            rows: o.rows,
            subscriptions: o.subscriptions,
            seats: o.seats,
            assigned_seats: o.assigned_seats,
            active_users: o.active_users,
            inactive_users: o.inactive_users,
            flex_tokens_used: o.flex_tokens_used,
            flex_users: o.flex_users,
          });
        }
      });
    }
  });
}

describe('every era mixed in one workspace', () => {
  const all = ['era-2022', 'era-2025', 'era-2026'].flatMap((s) => expected.sets[s]!.files);
  for (const [order, files] of [
    ['oldest first', all],
    ['newest first', [...all].reverse()],
  ] as [string, string[]][]) {
    it(`counts each person, offering and day once, ${order}`, async () => {
      const ws = await load(files);
      const { rows } = report(ws, null);
      const want = expected.sets['era-2025']!.rows; // the same facts; this era also names the groups
      expect(rows.map((r) => `${r.team}|${r.email}|${r.product_name}`).sort()).toEqual(
        want.map((e) => `${e.team}|${e.email ?? e.hashed_autodesk_id}|${e.product_name}`).sort(),
      );
      for (const e of want) {
        const r = rows.find(
          (x) => x.team === e.team && x.email === (e.email ?? e.hashed_autodesk_id) && x.product_name === e.product_name,
        )!;
        expect(pick(r), e.key).toEqual(pick(e));
      }
    });
  }
});

describe('the Usage Report as XLSX (filter block on sheet 1, rows with real dates on sheet 2)', () => {
  it('gives the same rows as its CSV and shows the filters on the summary', async () => {
    const bytes = readFileSync(join(DIR, 'usage-report-19/usage-report.xlsx'));
    const out = await readFile({ name: 'usage-report.xlsx', size: bytes.length, lastModified: 0, source: new Blob([bytes]) });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.notes.join(' ')).toMatch(/Report filters \(sheet "Filters"\): .*Team/);
    expect(out.notes.join(' ')).not.toMatch(/Skipped/);
    const ws = buildWorkspace(out.sheets.map((s) => ({ batch: s.result.batch, chunks: s.result.chunks })));
    const { rows } = report(ws, null);
    const want = expected.sets['usage-report-19']!.rows;
    expect(rows).toHaveLength(want.length);
    for (const e of want) {
      const r = rows.find((x) => x.team === e.team && x.email === (e.email ?? e.hashed_autodesk_id) && x.product_name === e.product_name)!;
      expect(pick(r), e.key).toEqual(pick(e));
    }
  });
});
