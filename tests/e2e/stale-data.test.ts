/**
 * Stale data in Chromium: the browser's clock set 60 days after the newest
 * usage. Every page names the data's age, the default range ends on the last
 * data day (so the people who used their seats are active), and one click ends
 * the range today instead — where nobody is counted inactive for days without data.
 */
import { describe, expect, it } from 'vitest';
import { csvFile, importForSetup, openPage, useSiteAndBrowser } from '../support/admin-page';

const NEWEST = '2026-01-20';
const TODAY = new Date(Date.UTC(2026, 0, 20 + 60, 12)); // 2026-03-21, 60 days after the newest usage

const USERS = [
  'team,email,first_name,last_name,product_name,access_option,assigned_date',
  'Alpha,ann@corp.test,Ann,Archer,AutoCAD,Subscription,2025-01-01',
  'Alpha,bob@corp.test,Bob,Baker,AutoCAD,Subscription,2025-01-01',
  'Alpha,cat@corp.test,Cat,Cole,AutoCAD,Subscription,2025-01-01',
  'Alpha,dan@corp.test,Dan,Dent,Revit,Flex,2025-01-01',
].join('\n');
const USAGE = [
  'team,email,product_name,access_option,day_used,tokens_used',
  'Alpha,ann@corp.test,AutoCAD,Subscription,2026-01-05,',
  `Alpha,ann@corp.test,AutoCAD,Subscription,${NEWEST},`,
  'Alpha,bob@corp.test,AutoCAD,Subscription,2026-01-12,',
  'Alpha,dan@corp.test,Revit,Flex,2026-01-14,10',
].join('\n');
const SUBS = ['subscription_id,offering_name,seat_quantity,team,start_date,end_date', '100,AutoCAD,3,Alpha,2025-01-01,2030-01-01'].join(
  '\n',
);

const env = useSiteAndBrowser(async (url, context) => {
  await context.clock.setFixedTime(TODAY);
  await importForSetup(context, url, [csvFile('users.csv', USERS), csvFile('usage.csv', USAGE), csvFile('subs.csv', SUBS)]);
});
const open = (path: string) => openPage(env.browser().context, env.site().url, path);
const AGE = 'Newest usage: Jan 20, 2026 — 60 days ago';

describe('stale usage data, 60 days old', () => {
  it('the report names it, ends on the last data day by default, and counts the active users', async () => {
    const page = await open('#/report?team=Alpha&range=30d');
    const banner = page.getByTestId('stale-data');
    await expect.poll(() => banner.textContent(), { timeout: 20_000 }).toContain(AGE);
    expect(await page.getByTestId('range-label').textContent()).toBe('Past 30 days (Dec 21, 2025 – Jan 20, 2026)');
    await expect.poll(() => page.getByTestId('tile-active-users').textContent()).toBe('2Active users');
    expect(await page.getByTestId('tile-inactive-users').textContent()).toMatch(/^1Inactive users/); // Cat
    expect(await page.getByTestId('tile-flex-tokens').textContent()).toBe('10Tokens used');

    // One click ends the range today: no usage in it, and nobody inactive for days the data does not cover.
    await banner.getByRole('button', { name: 'End today instead' }).click();
    await expect.poll(() => page.getByTestId('range-label').textContent()).toBe('Past 30 days (Feb 19 – Mar 21, 2026)');
    expect(page.url()).toContain('asof=today');
    await expect.poll(() => page.getByTestId('tile-active-users').textContent()).toBe('0Active users');
    expect(await page.getByTestId('tile-inactive-users').textContent()).toMatch(/^0Inactive users/);
    const past = page.getByTestId('stale-data');
    expect(await past.textContent()).toContain('This range runs past the data');
    await past.getByRole('button', { name: 'End on the last data day' }).click();
    await expect.poll(() => page.getByTestId('tile-active-users').textContent()).toBe('2Active users');
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('Seats, Flex and Recommendations name it too, on the same range', async () => {
    for (const [path, figure, value] of [
      ['#/seats?team=Alpha&range=30d', 'seat-total-users', '2'],
      ['#/flex?team=Alpha&range=30d', 'flex-tokens', '10'],
      ['#/recommendations?team=Alpha', null, null],
    ] as const) {
      const page = await open(path);
      await expect.poll(() => page.getByTestId('stale-data').textContent(), { timeout: 20_000 }).toContain(AGE);
      expect(await page.locator('.page-head__range').textContent()).toContain('Jan 20, 2026');
      if (figure) await expect.poll(() => page.getByTestId(figure).textContent()).toMatch(new RegExp(`^${value}\\D`));
      expect(page.errors).toEqual([]);
      await page.close();
    }
  });
});
