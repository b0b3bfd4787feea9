/**
 * An admin drops each era's exports (tests/fixtures/eras) on #/import of the built
 * app, opens the report for the fixtures' range, reads the tiles and exports the
 * CSV: rows and tiles must equal the figures computed by hand in expected.json.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Papa from 'papaparse';
import { downloadExport, openPage } from '../support/admin-page';
import { launchBrowser } from '../support/browser';
import { serveStatic, type StaticSite } from '../support/static-server';

const DIR = join(import.meta.dirname, '../fixtures/eras');
interface ExpectedRow extends Record<string, unknown> {
  key: string;
  team: string;
  product_name: string;
  email: string | null;
  hashed_autodesk_id: string | null;
}
interface Overview {
  assigned_seats: number;
  active_users: number;
  inactive_users: number | null;
  flex_tokens_used: number;
}
const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as {
  range: { from: string; to: string };
  sets: Record<string, { files: string[]; rows: ExpectedRow[]; overview: Record<string, Overview> }>;
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
const asText = (v: unknown) => (v === null || v === undefined ? '' : String(v));

let site: StaticSite;
beforeAll(async () => {
  site = await serveStatic();
});
afterAll(async () => {
  await site.close();
});

const cases: [string, string[]][] = [
  ['era-2022', expected.sets['era-2022']!.files],
  ['era-2025', expected.sets['era-2025']!.files],
  ['era-2026', expected.sets['era-2026']!.files],
  ['usage-report-19', ['usage-report-19/usage-report.xlsx']],
];

describe("every era's exports through #/import, checked against figures computed by hand", () => {
  for (const [name, files] of cases) {
    it(`${name}: rows exported and tiles shown`, async () => {
      const browser = await launchBrowser();
      try {
        const page = await openPage(browser.context, site.url, '#/import');
        await page.locator('input[type=file]').setInputFiles(
          files.map((f) => ({
            name: basename(f),
            mimeType: f.endsWith('.xlsx') ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv',
            buffer: readFileSync(join(DIR, f)),
          })),
        );
        await expect
          .poll(() => page.getByTestId('import-status').textContent(), { timeout: 60_000 })
          .toContain(`Import complete: ${files.length} file`);
        const results = await page.getByRole('list', { name: 'Import results' }).textContent();
        if (name === 'usage-report-19') expect(results).toMatch(/Report filters \(sheet "Filters"\)/);

        const set = expected.sets[name]!;
        const { from, to } = expected.range;
        await page.goto(`${site.url}#/report?from=${from}&to=${to}`);
        await expect.poll(() => page.getByTestId('row-count').textContent(), { timeout: 20_000 }).toBe(`${set.rows.length} rows`);
        const all = set.overview.all_teams!;
        expect(await page.getByTestId('tile-assigned-seats').textContent()).toBe(`${all.assigned_seats}Assigned seats`);
        expect(await page.getByTestId('tile-active-users').textContent()).toBe(`${all.active_users}Active users`);
        const csv = (await downloadExport(page, 'CSV')).toString('utf8').replace(/^\ufeff/, '');
        const rows = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
        expect(rows).toHaveLength(set.rows.length);
        for (const e of set.rows) {
          const r = rows.find(
            (x) => x.team === e.team && x.email === (e.email ?? e.hashed_autodesk_id) && x.product_name === e.product_name,
          );
          expect(r, e.key).toBeDefined();
          expect(Object.fromEntries(COLUMNS.map((c) => [c, r![c]])), e.key).toEqual(
            Object.fromEntries(COLUMNS.map((c) => [c, asText(e[c])])),
          );
        }
        // One team: its Inactive figure is shown (docs/figures.md).
        await page.goto(`${site.url}#/report?team=Structures&from=${from}&to=${to}`);
        const structures = set.overview.Structures!;
        await expect
          .poll(() => page.getByTestId('tile-inactive-users').textContent(), { timeout: 20_000 })
          .toBe(`${structures.inactive_users}Inactive users`);
        expect(await page.getByTestId('tile-assigned-seats').textContent()).toBe(`${structures.assigned_seats}Assigned seats`);
        expect(page.errors).toEqual([]);
      } finally {
        await browser.close();
      }
    });
  }
});
