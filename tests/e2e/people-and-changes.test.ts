/**
 * Acting on the report in Chromium: user detail, personal data off, unassign
 * with the group rule, the change queue and its exports read back.
 */
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { csvFile, download, downloadExport, importForSetup, openPage, useSiteAndBrowser } from '../support/admin-page';

const env = useSiteAndBrowser(async (url, context) => {
  await importForSetup(context, url, [csvFile('users.csv', USERS), csvFile('usage.csv', USAGE), csvFile('subs.csv', SUBS)]);
});
const open = (path: string) => openPage(env.browser().context, env.site().url, path);

const USERS = [
  'team,email,first_name,last_name,product_name,access_option,assigned_date,group,group_type',
  'Alpha,ann@corp.test,Ann,Archer,AutoCAD,Subscription,2025-01-01,,',
  'Alpha,bob@corp.test,Bob,Baker,AutoCAD,Subscription,2025-01-01,Design,Group',
  'Alpha,cat@corp.test,Cat,Cole,AutoCAD,Subscription,2025-01-01,,',
  'Alpha,cat@corp.test,Cat,Cole,Revit,Subscription,2025-01-01,,',
  'Beta,dan@corp.test,Dan,Dent,Revit,Subscription,2025-01-01,,',
].join('\n');
const USAGE = [
  'team,email,product_name,version,day_used',
  'Alpha,cat@corp.test,Revit,2026,2026-03-02',
  'Alpha,cat@corp.test,Revit,2026,2026-03-05',
  'Beta,dan@corp.test,Revit,2025,2026-03-03',
].join('\n');
const SUBS = [
  'subscription_id,offering_name,seat_quantity,team,start_date,end_date',
  '100,AutoCAD,3,Alpha,2025-01-01,2030-01-01',
  '200,Maya,1,Alpha,2025-01-01,2030-01-01',
].join('\n');
const RANGE = 'from=2026-01-01&to=2026-03-31';
const REAL = ['ann@corp.test', 'bob@corp.test', 'cat@corp.test', 'dan@corp.test', 'Archer', 'Baker'];

describe('people, privacy and the change queue in Chromium', () => {
  it('opens a user detail from the report: products, method, versions, a drawn chart; Escape and Back close it', async () => {
    const page = await open(`#/report?team=Alpha&${RANGE}`);
    await expect.poll(() => page.getByTestId('row-count').textContent(), { timeout: 20_000 }).toBe('4 rows');
    await page.getByRole('button', { name: 'cat@corp.test' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Cat Cole' });
    await dialog.waitFor();
    expect(page.url()).toContain('user=e%3Acat%40corp.test');
    const text = await dialog.textContent();
    expect(text).toContain('Teams: Alpha');
    expect(text).toMatch(/Revit.*Subscription.*direct.*2026.*2.*Mar 5, 2026/);
    const canvas = dialog.locator('canvas').first();
    await canvas.waitFor();
    const painted = await canvas.evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
      return n;
    });
    expect(painted).toBeGreaterThan(100);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(page.url()).not.toContain('user=');
    await page.getByRole('button', { name: 'cat@corp.test' }).first().click();
    await dialog.waitFor();
    await page.goBack();
    await expect.poll(() => dialog.count()).toBe(0);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('with personal data off, the table, search and the exported XLSX hold no real name or email', async () => {
    const page = await open('#/settings');
    await page.getByRole('switch', { name: 'Personal data of Alpha' }).uncheck();
    await expect.poll(() => page.getByTestId('settings-message').textContent()).toContain('Alpha is now replaced by pseudonyms');
    await page.goto(`${env.site().url}#/report?team=Alpha&${RANGE}`);
    await expect.poll(() => page.getByTestId('row-count').textContent(), { timeout: 20_000 }).toBe('4 rows');
    const table = (await page.getByTestId('report-table').textContent())!;
    for (const real of REAL) expect(table).not.toContain(real);
    expect(table).toMatch(/user-[0-9a-f]{10}/);
    const xlsx = await downloadExport(page, 'Excel (.xlsx)');
    const wb = XLSX.read(xlsx, { type: 'buffer' });
    const dump = wb.SheetNames.map((n) => XLSX.utils.sheet_to_csv(wb.Sheets[n]!)).join('\n');
    for (const real of REAL) expect(dump).not.toContain(real);
    // All Teams with one team off: everyone is pseudonymised
    await page.goto(`${env.site().url}#/report?${RANGE}`);
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe('5 rows');
    expect(await page.getByTestId('report-table').textContent()).not.toContain('dan@corp.test');
    await page.goto(`${env.site().url}#/settings`);
    await page.getByRole('switch', { name: 'Personal data of Alpha' }).check();
    await expect.poll(() => page.getByTestId('settings-message').textContent()).toContain('Alpha is now shown');
    await page.close();
  });

  it('unassigns selected rows, but never a group-assigned one, then exports the unassign file', async () => {
    const page = await open(`#/report?team=Alpha&${RANGE}&product=AutoCAD`);
    await expect.poll(() => page.getByTestId('row-count').textContent(), { timeout: 20_000 }).toBe('3 rows');
    const bob = page.getByRole('checkbox', { name: 'Select bob@corp.test · AutoCAD' });
    expect(await bob.isDisabled()).toBe(true);
    expect(await bob.getAttribute('title')).toContain('group "Design"');
    await page.getByRole('checkbox', { name: 'Select all rows that can be unassigned' }).check();
    await expect.poll(() => page.getByTestId('selection-count').textContent()).toBe('2 users selected');
    expect(await bob.isChecked()).toBe(false);
    await page.getByRole('button', { name: 'Unassign…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Unassign' });
    await confirm.getByLabel('Reason').fill('inactive all quarter');
    await confirm.getByRole('button', { name: 'Queue unassign' }).click();
    await expect.poll(() => page.getByTestId('report-notice').textContent()).toBe('2 unassigns queued.');
    await expect.poll(() => page.getByTestId('report-table').textContent()).toContain('pending unassign');
    // include pending, for a range ending today (the changes take effect the day they were queued): seats are freed
    await page.goto(`${env.site().url}#/report?team=Alpha&range=30d&asof=today&product=AutoCAD`);
    await expect.poll(() => page.getByTestId('tile-assigned-seats').textContent()).toBe('3Assigned seats');
    const before = await page.getByTestId('tile-assigned-seats').textContent();
    await page.getByRole('checkbox', { name: /Include pending changes/ }).check();
    await expect.poll(() => page.getByTestId('tile-assigned-seats').textContent()).toBe('1Assigned seats');
    expect(before).toBe('3Assigned seats');
    await page.getByRole('checkbox', { name: /Include pending changes/ }).uncheck();

    await page.goto(`${env.site().url}#/changes`);
    const table = page.getByTestId('changes-table');
    await expect.poll(() => table.textContent()).toContain('inactive all quarter');
    const file = await download(page, () => page.getByRole('button', { name: /Unassign files/ }).click());
    expect(file.name).toBe('unassign-AutoCAD-Alpha.csv');
    const text = file.bytes.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff); // Excel reads the UTF-8 names right
    const rows = XLSX.utils.sheet_to_json<Record<string, string>>(XLSX.read(text.slice(1), { type: 'string' }).Sheets.Sheet1!);
    expect(rows.map((r) => r['Email Address']).sort()).toEqual(['ann@corp.test', 'cat@corp.test']);
    expect(Object.keys(rows[0]!)).toEqual(['First Name', 'Last Name', 'Email Address']);
    await expect.poll(() => table.textContent()).toContain('Exported');
    await page.getByRole('button', { name: /Mark all exported as applied/ }).click();
    await expect.poll(() => page.getByTestId('changes-message').textContent()).toBe('2 changes marked applied.');
    await page.close();
  });

  it('assigns from an Import-to-Assign CSV, warns past the seats, and exports the assign file', async () => {
    const page = await open('#/changes');
    await page.getByText('From an Import to Assign CSV').click();
    await page.getByLabel('Team').selectOption('Alpha');
    await page.getByLabel('Product', { exact: true }).selectOption('Maya');
    await page
      .getByLabel('Import to Assign CSV (First Name, Last Name, Email Address)')
      .setInputFiles(
        csvFile('assign.csv', 'First Name,Last Name,Email\nNia,New,nia@corp.test\nOla,Old,ola@corp.test\nBad,Row,not-an-email\n'),
      );
    await expect.poll(() => page.locator('.assign-form').textContent()).toContain('2 people read from the file.');
    expect(await page.getByRole('list', { name: 'Rows that could not be read' }).textContent()).toContain(
      'assign.csv, row 4: "not-an-email" is not an email address',
    );
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: 'Maya in Alpha' }).textContent())
      .toContain('1 seats (Maya), 0 assigned, 0 pending, 2 to add — 1 more than the seats.');
    await page.getByLabel('Reason').fill('new starters');
    await page.getByRole('button', { name: 'Queue 2 assigns' }).click();
    await expect.poll(() => page.getByTestId('assign-message').textContent()).toBe('Maya: 2 assigns queued.');
    const file = await download(page, () => page.getByRole('button', { name: /Assign files \(2 pending\)/ }).click());
    expect(file.name).toBe('assign-Maya-Alpha.csv');
    expect(file.bytes.toString('utf8')).toBe(
      '\ufeffFirst Name,Last Name,Email Address\r\nNia,New,nia@corp.test\r\nOla,Old,ola@corp.test\r\n',
    );
    const log = await download(page, () => page.getByRole('button', { name: 'Change log (.xlsx)' }).click());
    const entries = XLSX.utils.sheet_to_json<Record<string, string>>(XLSX.read(log.bytes, { type: 'buffer' }).Sheets.Changes!);
    expect(entries.map((e) => `${e.action}:${e.email}:${e.state}`).sort()).toEqual([
      'assign:nia@corp.test:Exported',
      'assign:ola@corp.test:Exported',
      'unassign:ann@corp.test:Applied',
      'unassign:cat@corp.test:Applied',
    ]);
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
