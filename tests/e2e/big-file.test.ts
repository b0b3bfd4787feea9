/**
 * A usage CSV big enough to be read in two halves at once (docs/import.md, "Big files"):
 * dropped on #/import of the built app, its report exported as CSV must equal, row for
 * row, the report of the same files read as one in Node.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
import { PIECE_MIN_BYTES } from '../../src/core/import/csv-pieces';

let site: StaticSite;
const dir = mkdtempSync(join(tmpdir(), 'seatwise-big-'));
beforeAll(async () => {
  site = await serveStatic();
});
afterAll(async () => {
  await site.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a usage CSV over 32 MB, read in two halves', () => {
  it('gives the report the same files give when read as one', async () => {
    const endDay = dayFromYmd(2026, 10, 31);
    const files = generateSampleFiles({ seed: 11, users: 4_000, teams: 8, products: 20, endDay, targetEvents: 380_000 });
    const usage = [...files.usage()][0]!;
    const paths = { users: join(dir, 'Users.csv'), subscriptions: join(dir, 'Subscriptions.csv'), usage: join(dir, 'Usage.csv') };
    writeFileSync(paths.users, files.users);
    writeFileSync(paths.subscriptions, files.subscriptions);
    writeFileSync(paths.usage, usage);
    expect(statSync(paths.usage).size).toBeGreaterThan(PIECE_MIN_BYTES);

    const from = formatDay(addMonths(endDay, -12)),
      to = formatDay(endDay);
    const ws = buildWorkspace(
      await batchesFromCsv([
        ['Users.csv', files.users],
        ['Subscriptions.csv', files.subscriptions],
        ['Usage.csv', usage],
      ]),
    );
    const report = computeReport(ws, reportQuery(from, to));
    const expected = reportCsv([...report.rows].map((k) => reportRow(ws, report, k)));

    const browser = await launchBrowser();
    try {
      const page = await openPage(browser.context, site.url, '#/import');
      await page.locator('input[type=file]').setInputFiles([paths.users, paths.subscriptions, paths.usage]);
      await expect.poll(() => page.getByTestId('import-status').textContent(), { timeout: 120_000 }).toContain('Import complete: 3 files');
      // The second half was read by the import worker's helper.
      expect(page.workers().map((w) => w.url())).toContainEqual(expect.stringContaining('csv-piece'));
      await page.goto(`${site.url}#/report?from=${from}&to=${to}`);
      await expect
        .poll(() => page.getByTestId('row-count').textContent(), { timeout: 30_000 })
        .toBe(`${report.rows.length.toLocaleString('en')} rows`);
      const csv = (await downloadExport(page, 'CSV')).toString('utf8');
      expect(report.rows.length).toBeGreaterThan(5_000);
      expect(csv.split('\r\n').length).toBe(expected.split('\r\n').length);
      expect(csv).toBe(expected);
      expect(page.errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 240_000);
});
