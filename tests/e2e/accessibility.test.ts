/** Every page checked with axe-core in Chromium: no serious or critical accessibility violations. */
import { describe, expect, it } from 'vitest';
import { openPage, useSiteAndBrowser } from '../support/admin-page';
import { seriousViolations } from '../support/axe';

const env = useSiteAndBrowser(async (url, context) => {
  const page = await openPage(context, url);
  await page.getByRole('button', { name: 'Load sample workspace' }).first().click();
  await page.getByTestId('row-count').waitFor({ timeout: 60_000 });
  await page.close();
});

const PAGES: [string, string][] = [
  ['#/report?team=Structures', 'row-count'],
  ['#/import', 'drop-zone'],
  ['#/seats?team=Structures', 'seat-products'],
  ['#/flex?team=Structures', 'flex-forecast'],
  ['#/recommendations?team=Structures', 'rec-savings'],
  ['#/changes', 'changes-message'],
  ['#/export', 'export-message'],
  ['#/settings', 'storage-use'],
];

describe('accessibility (axe-core)', () => {
  it('the user detail dialog has no serious or critical violations', async () => {
    const page = await openPage(env.browser().context, env.site().url, '#/report?team=Structures');
    await page.locator('.cell-link').first().click();
    await page.getByTestId('user-detail').locator('canvas').first().waitFor({ timeout: 20_000 });
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  for (const [path, ready] of PAGES) {
    it(`${path.split('?')[0]} has no serious or critical violations`, async () => {
      const page = await openPage(env.browser().context, env.site().url, path);
      await page.getByTestId(ready).waitFor({ state: 'attached', timeout: 20_000 });
      expect(await seriousViolations(page)).toEqual([]);
      await page.close();
    });
  }

  // The dark palette (a dark system setting) keeps every contrast too.
  for (const [path, ready] of PAGES) {
    it(`${path.split('?')[0]} in dark mode has no serious or critical violations`, async () => {
      const page = await openPage(env.browser().context, env.site().url);
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.goto(`${env.site().url}${path}`);
      await page.getByTestId(ready).waitFor({ state: 'attached', timeout: 20_000 });
      expect(await seriousViolations(page)).toEqual([]);
      await page.close();
    });
  }
});
