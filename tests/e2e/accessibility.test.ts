/** Every page checked with axe-core in Chromium: no serious or critical accessibility violations. */
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { openPage, useSiteAndBrowser } from '../support/admin-page';

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

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

async function seriousViolations(page: import('playwright-core').Page): Promise<string[]> {
  await page.evaluate(await axeSource); // evaluated through the driver: the page's CSP rightly refuses inline scripts
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(' '))
            .join(', ')}`,
      );
  });
}

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
});
