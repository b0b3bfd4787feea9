/**
 * Decoding in the browser's own TextDecoder (docs/import.md, "Decoding"): a Windows-1252
 * file and a UTF-16 file dropped on #/import read right, with the encoding named;
 * two columns of one name open the mapping step, told apart by their place.
 */
import { describe, expect, it } from 'vitest';
import { openPage, useSiteAndBrowser } from '../support/admin-page';

const env = useSiteAndBrowser();
const HEADER = 'team,email,first_name,last_name,product_name,day_used';

describe('decoding and odd headers in Chromium', () => {
  it('reads Windows-1252 (with a euro sign) and UTF-16, and says which encoding it used', async () => {
    const page = await openPage(env.browser().context, env.site().url, '#/import');
    const cp1252 = Buffer.from(`${HEADER}\nEuro,jm@corp.test,J\u00fcrgen,M\u00fcller \u20ac,Revit,2026-01-05\n`, 'latin1');
    cp1252[cp1252.indexOf(0xac, cp1252.indexOf(Buffer.from('ller')))] = 0x80; // "€" is 0x80 in Windows-1252
    const text16 = `${HEADER.replaceAll(',', '\t')}\r\nEuro\tzoe@corp.test\tZo\u00eb\t\u00c5berg\tRevit\t2026-01-06\r\n`;
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text16, 'utf16le')]);
    await page.locator('input[type=file]').setInputFiles([
      { name: 'legacy.csv', mimeType: 'text/csv', buffer: cp1252 },
      { name: 'unicode.txt', mimeType: 'text/plain', buffer: utf16 },
    ]);
    await expect
      .poll(() => page.getByTestId('import-status').textContent(), { timeout: 60_000 })
      .toContain('Import complete: 2 files imported');
    const results = await page.getByRole('list', { name: 'Import results' }).textContent();
    expect(results).toContain('not valid UTF-8, so it was read as Windows-1252');
    expect(results).toContain('read as UTF-16 (little-endian)');
    await page.goto(`${env.site().url}#/report?team=Euro&from=2026-01-01&to=2026-01-31&cols=first_name,last_name,email`);
    await expect.poll(() => page.getByTestId('row-count').textContent(), { timeout: 20_000 }).toBe('2 rows');
    const table = await page.getByTestId('report-table').textContent();
    expect(table).toContain('Jürgen');
    expect(table).toContain('Müller €');
    expect(table).toContain('Åberg');
    expect(table).not.toContain('\ufffd');
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('asks which of two email columns to read', async () => {
    const page = await openPage(env.browser().context, env.site().url, '#/import');
    await page.locator('input[type=file]').setInputFiles([
      {
        name: 'two-emails.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('team,email,email,product_name,day_used\nDup,old@corp.test,new@corp.test,Revit,2026-01-05\n'),
      },
    ]);
    const form = page.getByRole('form', { name: 'Map the columns of two-emails.csv' });
    await form.waitFor({ timeout: 30_000 });
    expect(await page.getByRole('list', { name: 'Import results' }).textContent()).toContain('two columns named "email"');
    await form.getByLabel('Email', { exact: true }).selectOption({ label: 'email (column 3)' });
    await form.getByRole('button', { name: 'Save mapping and import' }).click();
    await expect.poll(() => page.getByTestId('import-status').textContent(), { timeout: 30_000 }).toContain('1 file imported');
    await page.goto(`${env.site().url}#/report?team=Dup&from=2026-01-01&to=2026-01-31`);
    await expect.poll(() => page.getByTestId('report-table').textContent(), { timeout: 20_000 }).toContain('new@corp.test');
    await page.close();
  });
});
