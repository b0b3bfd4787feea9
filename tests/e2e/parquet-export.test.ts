/**
 * "Workspace as Parquet" in Chromium (docs/parquet.md): the admin clicks it on the Export page and
 * gets the zip the engine worker wrote; DuckDB's report.sql over those files gives the rows of the
 * app's own CSV export for the same range; and the zip dropped on another site's Import page (a
 * browser with no data) gives the same report.
 */
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { unzipSync } from 'fflate';
import { download, downloadExport, importThroughInput, openPage, useSiteAndBrowser } from '../support/admin-page';
import { serveStatic } from '../support/static-server';
import { duckdbIn, runReportSql, unzipToFolder } from '../support/parquet-folder';
import { REPORT_COLUMNS } from '../../src/core/vocabulary/report-columns';

const env = useSiteAndBrowser(async (url, context) => {
  const page = await openPage(context, url);
  await page.getByRole('button', { name: 'Load sample workspace' }).first().click();
  await page.getByTestId('row-count').waitFor({ timeout: 60_000 });
  await page.close();
});

/** The report's CSV export for a range, as rows of text keyed by its header. */
async function reportCsv(siteUrl: string, from: string, to: string): Promise<string[][]> {
  const page = await openPage(env.browser().context, siteUrl, `#/report?from=${from}&to=${to}`);
  await page.getByTestId('row-count').waitFor({ timeout: 30_000 });
  const text = (await downloadExport(page, 'CSV')).toString('utf8').replace(/^\ufeff/, '');
  expect(page.errors).toEqual([]);
  await page.close();
  const rows = Papa.parse<string[]>(text.trim(), { newline: '\r\n' }).data;
  expect(rows[0]).toEqual([...REPORT_COLUMNS]);
  return rows.slice(1);
}

const sorted = (rows: string[][]) => rows.map((r) => JSON.stringify(r)).sort();

describe('the workspace as Parquet in Chromium', () => {
  let zip: Uint8Array = new Uint8Array();
  let range: [string, string] = ['', ''];

  it("downloads the zip from the Export page; report.sql in DuckDB gives the rows of the app's CSV export", async () => {
    const page = await openPage(env.browser().context, env.site().url, '#/export');
    const button = page.getByRole('button', { name: 'Workspace as Parquet' });
    await button.waitFor();
    const file = await download(page, () => button.click());
    expect(file.name).toMatch(/^seatwise-workspace-All-Teams-exported-\d{4}-\d{2}-\d{2}\.zip$/);
    await expect.poll(() => page.getByTestId('export-message').textContent()).toBe(`Saved ${file.name}.`);
    expect(page.errors).toEqual([]);
    await page.close();
    zip = new Uint8Array(file.bytes);

    // The README's own command names the data's last 12 months.
    const readme = new TextDecoder().decode(Object.entries(unzipSync(zip)).find(([n]) => n.endsWith('README.txt'))![1]);
    const m = /from_day = DATE '(\d{4}-\d{2}-\d{2})'.*to_day = DATE '(\d{4}-\d{2}-\d{2})'/.exec(readme)!;
    range = [m[1]!, m[2]!];
    const c = await duckdbIn(unzipToFolder(zip));
    const sql = await runReportSql(c, ...range);
    c.closeSync();
    // As the CSV writes them: numbers as text, empty cells empty.
    const duck = sql.rows.map((r) => REPORT_COLUMNS.map((k) => (r[k] === null ? '' : String(r[k]))));
    const app = await reportCsv(env.site().url, ...range);
    expect(app.length).toBeGreaterThan(1000);
    expect(sorted(duck)).toEqual(sorted(app));
  });

  it('dropped on the Import page of a browser with no data, the zip gives the same report', async () => {
    expect(zip.length).toBeGreaterThan(0);
    const other = await serveStatic();
    try {
      const page = await openPage(env.browser().context, other.url);
      await importThroughInput(page, other.url, [{ name: 'workspace.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) }]);
      expect(await page.getByTestId('import-status').textContent()).toMatch(/Import complete: 1 file imported/);
      expect(page.errors).toEqual([]);
      await page.close();
      expect(await reportCsv(other.url, ...range)).toEqual(await reportCsv(env.site().url, ...range));
    } finally {
      await other.close();
    }
  });
});
