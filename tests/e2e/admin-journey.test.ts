/**
 * An admin's journey through the production build, served as static files from
 * a sub-folder, in Debian's Chromium: sample workspace, real files through the
 * file input, a report opened by URL, sort, export read back, offline reload.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { csvFile, downloadExport, importThroughInput, openPage, useSiteAndBrowser } from '../support/admin-page';
import { REPORT_COLUMNS } from '../../src/core/vocabulary/report-columns';

const env = useSiteAndBrowser();
const site = {
  get url() {
    return env.site().url;
  },
};
const browser = {
  get context() {
    return env.browser().context;
  },
};

const open = (path = '') => openPage(browser.context, site.url, path);
const importFiles = (page: Page, files: Parameters<typeof importThroughInput>[2]) => importThroughInput(page, site.url, files);

const USERS = [
  'Team,Email,First Name,Last Name,Product Name,Access Option,Assigned Date,Unassigned Date,Group,Group Type',
  'Alpha,ann@corp.test,Ann,Archer,AutoCAD,Subscription,1/15/2025,,,',
  'Alpha,bob@corp.test,Bob,Baker,AutoCAD,Subscription,1/15/2025,,,',
  'Alpha,cy@corp.test,Cy,Cole,Revit,Subscription,2/20/2026,,,',
  'Alpha,dee@corp.test,Dee,Dunn,Revit,Flex,1/15/2025,,,',
  'Beta,ann@corp.test,Ann,Archer,Revit,Subscription,1/15/2025,,Designers,Group',
  'Beta,"eve@corp.test",Eve,"<script>alert(1)</script>",AutoCAD,Subscription,1/15/2025,,,',
].join('\r\n');
const USAGE_1 = [
  'team;email;product_name;access_option;day_used;tokens_used',
  'Alpha;ann@corp.test;AutoCAD;Subscription;2026-01-10;0',
  'Alpha;ann@corp.test;AutoCAD;Subscription;2026-02-11;0',
  'Alpha;dee@corp.test;Revit;Flex;2026-02-12;10',
  'Beta;ann@corp.test;Revit;Subscription;2026-03-01;0',
].join('\n');
// Overlaps USAGE_1 by a day and adds one: each (team, user, product, day) counts once.
const USAGE_2 = [
  '\ufeffTeam,Email,Product Name,Access Option,Day used,Tokens used',
  'Alpha,ann@corp.test,AutoCAD,Subscription,2026-02-11,0',
  'Alpha,ann@corp.test,AutoCAD,Subscription,2026-03-05,0',
  'Alpha,dee@corp.test,Revit,Flex,2026-02-12,10',
  'Alpha,dee@corp.test,Revit,Flex,2026-03-20,"1,5"',
].join('\n');

describe('an admin in Chromium', () => {
  it('starts from a welcoming empty state and loads the sample workspace in one click', async () => {
    const page = await open();
    await expect.poll(() => page.getByRole('heading', { name: 'Who keeps a seat?' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Load sample workspace' }).first().click();
    await page.getByTestId('row-count').waitFor({ timeout: 60_000 });
    const count = Number((await page.getByTestId('row-count').textContent())!.replace(/\D/g, ''));
    expect(count).toBeGreaterThan(1000);
    expect(await page.getByTestId('tile-inactive-users').textContent()).toContain('—');
    expect(await page.getByRole('row').count()).toBeLessThan(120); // virtualised: only rows in view exist
    await page.getByRole('combobox', { name: 'Team', exact: true }).selectOption({ index: 1 });
    await expect.poll(async () => (await page.getByTestId('tile-inactive-users').textContent())!.includes('—')).toBe(false);
    expect(page.url()).toMatch(/#\/report\?team=/);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('imports real files, opens a filtered report by URL, sorts, and exports exactly what is filtered', async () => {
    const page = await open();
    await importFiles(page, [
      csvFile('Users export.csv', USERS),
      csvFile('usage-jan-feb.csv', USAGE_1),
      csvFile('usage feb-mar.csv', USAGE_2),
    ]);
    const status = await page.getByTestId('import-status').textContent();
    expect(status).toContain('Import complete: 3 files imported');

    await page.goto(`${site.url}#/report?team=Alpha&from=2026-01-01&to=2026-03-31`);
    await expect.poll(() => page.getByTestId('row-count').textContent(), { timeout: 20_000 }).toBe('4 rows');
    expect(await page.getByTestId('tile-inactive-users').textContent()).toContain('1'); // bob
    expect(await page.getByTestId('tile-flex-tokens').textContent()).toContain('11.5'); // 10 + 1.5: the overlapping day counts once

    await page.goto(`${site.url}#/report?team=Alpha&from=2026-01-01&to=2026-03-31&activity=inactive`);
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe('1 row');
    expect(await page.getByTestId('report-table').textContent()).toContain('bob@corp.test');

    // Sort by days used (descending on first click), then ascending.
    await page.goto(`${site.url}#/report?team=Alpha&from=2026-01-01&to=2026-03-31`);
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe('4 rows');
    await page
      .getByRole('columnheader', { name: /Days used/ })
      .getByRole('button')
      .click();
    await expect.poll(() => page.url()).toContain('sort=days_used%3Adesc');
    await expect.poll(() => page.locator('.report-table__row').first().textContent()).toContain('ann@corp.test');
    expect(await page.getByRole('columnheader', { name: /Days used/ }).getAttribute('aria-sort')).toBe('descending');

    // Hide a column: the export still has all of them.
    await page.goto(`${site.url}#/report?team=Alpha&from=2026-01-01&to=2026-03-31&sort=days_used:desc&cols=email,days_used`);
    await expect.poll(() => page.getByRole('columnheader').count()).toBe(3); // the selection column and the two chosen
    const xlsx = await downloadExport(page, 'Excel (.xlsx)');
    const wb = XLSX.read(xlsx, { type: 'buffer', cellDates: true });
    const sheet = wb.Sheets[wb.SheetNames[0]!]!;
    const aoa = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: true, defval: null });
    expect(aoa[0]).toEqual([...REPORT_COLUMNS]);
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(sheet, { raw: true });
    expect(rows.map((r) => r.email)).toEqual(['ann@corp.test', 'dee@corp.test', 'bob@corp.test', 'cy@corp.test']);
    const ann = rows[0]!;
    expect(ann).toMatchObject({
      team: 'Alpha',
      product_name: 'AutoCAD',
      user_activity: 'Active',
      seat_assignment: 'Assigned',
      days_used: 3,
    });
    expect((ann.last_accessed as Date).toISOString().slice(0, 10)).toBe('2026-03-05');
    expect((ann.assigned_date as Date).toISOString().slice(0, 10)).toBe('2025-01-15');
    const cy = rows.find((r) => r.email === 'cy@corp.test')!;
    expect(cy.user_activity).toBe('Not yet active');
    const dee = rows.find((r) => r.email === 'dee@corp.test')!;
    expect(dee).toMatchObject({ access_option: 'Flex', tokens_used: 11.5 });
    expect(dee.days_inactive).toBeUndefined();
    expect(wb.SheetNames[1]).toBe('Filters');

    const csv = (await downloadExport(page, 'CSV')).toString('utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split('\r\n')[0]).toBe(REPORT_COLUMNS.join(','));
    expect(csv.trim().split('\r\n')).toHaveLength(5);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('shows a name holding <script> as text', async () => {
    const page = await open('#/report?team=Beta&from=2026-01-01&to=2026-03-31');
    await expect.poll(() => page.getByTestId('report-table').textContent(), { timeout: 20_000 }).toContain('<script>alert(1)</script>');
    await page.close();
  });

  it('asks about unreadable rows, naming file, row and column, and refuses unreadable files', async () => {
    const page = await open();
    const bad = 'team,email,product_name,day_used\nAlpha,zed@corp.test,Maya,2026-03-01\nAlpha,zed@corp.test,Maya,31/31/2026\n';
    await importFiles(page, [
      csvFile('bad rows.csv', bad),
      { name: 'photo.csv', mimeType: 'text/csv', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]) },
      csvFile('empty.csv', ''),
    ]);
    const results = page.getByRole('list', { name: 'Import results' });
    await expect.poll(() => results.textContent()).toContain('photo.csv is not a CSV or Excel file');
    expect(await results.textContent()).toContain('empty.csv is empty');
    expect(await results.textContent()).toContain('1 row of bad rows.csv could not be read');
    const errorRow = page.locator('.error-table tbody tr').first();
    expect(await errorRow.textContent()).toContain('3day_used31/31/2026');
    await page.getByRole('button', { name: 'Import the other rows, skip these' }).click();
    await expect.poll(() => page.getByTestId('import-status').textContent()).toContain('Import complete');
    await page.goto(`${site.url}#/report?q=zed&from=2026-01-01&to=2026-03-31`);
    await expect.poll(() => page.getByTestId('row-count').textContent(), { timeout: 20_000 }).toBe('1 row');
    await page.close();
  });

  it('maps the columns of a layout it does not know, then imports it', async () => {
    const page = await open();
    await importFiles(page, [
      csvFile(
        'from another tool.csv',
        'Login;Application;When;Unit\nmia@corp.test;Maya;2026-02-02;Omega\nmia@corp.test;Maya;2026-02-03;Omega\n',
      ),
    ]);
    expect(await page.getByTestId('import-status').textContent()).toContain(
      'Waiting for you: map the columns of from another tool.csv below to import it.',
    );
    const form = page.getByRole('form', { name: 'Map the columns of from another tool.csv' });
    await form.getByLabel('This file is').selectOption('usage');
    // The guesses are filled in (docs/formats.md); emptied, the form names every need in words.
    const email = form.getByLabel('Email', { exact: true });
    expect(await email.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toBe('Login');
    for (const field of ['Email', 'Product', 'Day used']) await form.getByLabel(field, { exact: true }).selectOption('');
    await form.getByRole('button', { name: 'Save mapping and import' }).click();
    await expect
      .poll(() => form.getByRole('alert').textContent())
      .toContain('Choose a column for Email or Hashed user ID or Autodesk ID, Product or Offering (collection), Day used');
    await form.getByLabel('Email', { exact: true }).selectOption({ label: 'Login' });
    await form.getByLabel('Product', { exact: true }).selectOption({ label: 'Application' });
    await form.getByLabel('Day used', { exact: true }).selectOption({ label: 'When' });
    await form.getByLabel('Team', { exact: true }).selectOption({ label: 'Unit' });
    expect(await form.locator('table').textContent()).toContain('mia@corp.test');
    await form.getByRole('button', { name: 'Save mapping and import' }).click();
    await expect.poll(() => page.getByTestId('import-status').textContent()).toContain('Import complete: 1 file imported');
    await page.goto(`${site.url}#/report?team=Omega&from=2026-02-01&to=2026-02-28`);
    await expect.poll(() => page.getByTestId('report-table').textContent(), { timeout: 20_000 }).toContain('mia@corp.test');
    expect(await page.getByTestId('report-table').textContent()).toContain('Maya');
    await page.close();
  });

  it('imports an Excel workbook, each sheet as a file', async () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet([
        ['Team', 'Email', 'First Name', 'Last Name', 'Product Name', 'Access Option', 'Assigned Date'],
        ['Gamma', 'gil@corp.test', 'Gil', 'Grey', 'Civil 3D', 'Subscription', { t: 'n', v: 45658, z: 'yyyy-mm-dd' }],
      ]),
      'Users',
    );
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet([
        ['Team', 'Email', 'Product Name', 'Day Used'],
        ['Gamma', 'gil@corp.test', 'Civil 3D', { t: 'n', v: 46027, z: 'm/d/yyyy' }],
      ]),
      'Usage',
    );
    const buffer = Buffer.from(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const page = await open();
    await importFiles(page, [
      { name: 'gamma.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer },
    ]);
    expect(await page.getByRole('list', { name: 'Import results' }).textContent()).toMatch(
      /Sheet "Users": Users \(assignments\): 1 rows.*Sheet "Usage": Usage \(daily\): 1 rows/,
    );
    await page.goto(`${site.url}#/report?team=Gamma&from=2026-01-01&to=2026-01-31`);
    await expect.poll(() => page.getByTestId('report-table').textContent(), { timeout: 20_000 }).toContain('Jan 5, 2026');
    await page.close();
  });

  it('shows progress with rows, MB and rate, and Cancel leaves the workspace as it was', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'seatwise-big-'));
    const path = join(dir, 'huge usage.csv');
    const lines = ['team,email,product_name,access_option,day_used,tokens_used'];
    for (let i = 0; i < 1_500_000; i++)
      lines.push(`Delta,person${i % 5000}@corp.test,Product ${i % 40},Flex,2026-0${1 + (i % 9)}-1${i % 10},${i % 9}`);
    await writeFile(path, lines.join('\n'));
    const page = await open('#/import');
    const before = await page.getByTestId('workspace-facts').textContent();
    await page.locator('input[type=file]').setInputFiles(path);
    const progress = page.locator('.progress-panel__figures');
    await expect.poll(() => progress.textContent(), { timeout: 20_000 }).toMatch(/^[\d,]+ rows · [\d.]+ MB · [\d,]+ rows\/s$/);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.getByTestId('import-status').textContent(), { timeout: 30_000 }).toContain('1 cancelled');
    expect(await page.getByRole('list', { name: 'Import results' }).textContent()).toContain(
      'Import of huge usage.csv was cancelled; nothing was changed.',
    );
    await page.reload();
    await expect.poll(() => page.getByTestId('workspace-facts').textContent()).toBe(before);
    await page.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps the workspace across a reload and works offline', async () => {
    const page = await open('#/report?from=2026-01-01&to=2026-03-31');
    await page.getByTestId('row-count').waitFor({ timeout: 20_000 });
    const rows = await page.getByTestId('row-count').textContent();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // Installable as an app: Chromium reports no installability error.
    const cdp = await browser.context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    await page.reload();
    // Reopened from the cached workspace: the same rows.
    await expect.poll(() => page.getByTestId('row-count').textContent(), { timeout: 20_000 }).toBe(rows);
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    await browser.context.setOffline(true);
    try {
      await page.reload();
      await expect.poll(() => page.getByTestId('row-count').textContent(), { timeout: 20_000 }).toBe(rows);
    } finally {
      await browser.context.setOffline(false);
    }
    await page.close();
  });
});
