/**
 * Next month's usage export dropped on a loaded workspace (docs/workspace.md, "Adding an import"):
 * the engine adds it to the workspace it holds instead of merging every import again, and the
 * report exported as CSV equals, row for row, the report of every file merged in Node; opened
 * again, the app starts from the cache written in the background, with the same report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadExport, openPage } from '../support/admin-page';
import { launchBrowser } from '../support/browser';
import { serveStatic, type StaticSite } from '../support/static-server';
import { batchesFromCsv, reportQuery } from '../support/workspace-from-csv';
import { generateSampleFiles } from '../../src/core/sample/generate-sample';
import { addMonths, dayFromYmd, formatDay } from '../../src/core/vocabulary/days';
import { buildWorkspace } from '../../src/core/workspace/workspace';
import { computeReport, reportRow } from '../../src/core/report/report';
import { reportCsv } from '../../src/core/export/report-export';

let site: StaticSite;
const dir = mkdtempSync(join(tmpdir(), 'seatwise-add-'));
beforeAll(async () => {
  site = await serveStatic();
});
afterAll(async () => {
  await site.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("next month's usage export, dropped on a loaded workspace", () => {
  it('is added to the workspace, the report equals the merge of every file, and reopening starts from the cache', async () => {
    const endDay = dayFromYmd(2026, 9, 30);
    const options = { seed: 5, users: 600, teams: 4, products: 15, targetEvents: 30_000 };
    const files = generateSampleFiles({ ...options, endDay });
    // The same organisation's usage export a month later: eleven of its twelve months overlap.
    const later = generateSampleFiles({ ...options, endDay: endDay + 31 });
    const texts: [string, string][] = [
      ['Users.csv', files.users],
      ['Subscriptions.csv', files.subscriptions],
      ['Usage.csv', [...files.usage()][0]!],
      ['Usage-next-month.csv', [...later.usage()][0]!],
    ];
    for (const [name, text] of texts) writeFileSync(join(dir, name), text);

    const to = formatDay(endDay + 31),
      from = formatDay(addMonths(endDay + 31, -12));
    const ws = buildWorkspace(await batchesFromCsv(texts));
    const report = computeReport(ws, reportQuery(from, to));
    const expected = reportCsv([...report.rows].map((k) => reportRow(ws, report, k)));

    const browser = await launchBrowser();
    try {
      const page = await openPage(browser.context, site.url, '#/import');
      /** Every row of the report shown, and the engine saying how it took the workspace; its worker, for what follows. */
      const expectReportTakenBy = async (way: { way: string; prepared?: true }) => {
        await expect
          .poll(() => page.getByTestId('row-count').textContent(), { timeout: 30_000 })
          .toBe(`${report.rows.length.toLocaleString('en')} rows`);
        const engine = page.workers().find((w) => w.url().includes('engine'));
        expect(await engine?.evaluate(() => (self as unknown as { seatwiseLastLoad: () => unknown }).seatwiseLastLoad())).toEqual(way);
        return engine;
      };
      await page.locator('input[type=file]').setInputFiles(texts.slice(0, 3).map(([name]) => join(dir, name)));
      await expect.poll(() => page.getByTestId('import-status').textContent(), { timeout: 60_000 }).toContain('Import complete: 3 files');
      await page.goto(`${site.url}#/report?from=${from}&to=${to}`);
      await expect.poll(() => page.getByTestId('row-count').textContent(), { timeout: 30_000 }).toMatch(/rows$/);

      await page.goto(`${site.url}#/import`);
      await page.locator('input[type=file]').setInputFiles(join(dir, 'Usage-next-month.csv'));
      await expect.poll(() => page.getByTestId('import-status').textContent(), { timeout: 60_000 }).toContain('Import complete');
      await page.goto(`${site.url}#/report?from=${from}&to=${to}`);
      // Dropped alone: sent to the engine while it was stored, and added to the workspace meanwhile.
      const engine = await expectReportTakenBy({ way: 'added', prepared: true });
      const csv = (await downloadExport(page, 'CSV')).toString('utf8');
      expect(report.rows.length).toBeGreaterThan(500);
      expect(csv).toBe(expected);

      // The cache is written in the background, by a worker of its own; opening the app again starts from it.
      await engine?.evaluate(() => (self as unknown as { seatwiseCacheSettled: () => Promise<void> }).seatwiseCacheSettled());
      await page.reload();
      await expectReportTakenBy({ way: 'cache' });
      expect((await downloadExport(page, 'CSV')).toString('utf8')).toBe(expected);
      expect(page.errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 180_000);
});
