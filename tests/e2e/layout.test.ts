/**
 * The report at a glance, on any screen (docs/report.md, "On screen"): the default columns in
 * view at common widths, no sideways page scroll on a phone or at 200 % zoom, focus kept after
 * what held it goes away, a visible focus ring, and axe-core in light and dark.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage, useSiteAndBrowser, type WatchedPage } from '../support/admin-page';
import { seriousViolations } from '../support/axe';

const env = useSiteAndBrowser(async (url, context) => {
  const page = await openPage(context, url);
  await page.getByRole('button', { name: 'Load sample workspace' }).first().click();
  await page.getByTestId('row-count').waitFor({ timeout: 60_000 });
  await page.close();
});

const REPORT = '#/report?team=Structures';
const DEFAULT_HEADERS = ['Name', 'Email', 'Product', 'Access option', 'User activity', 'Days used', 'Last accessed', 'Days inactive'];

/** The report at a window size, its first rows drawn. 640×360 is what a 1280×720 window shows at 200 % zoom. */
async function report(width: number, height: number, path = REPORT): Promise<WatchedPage> {
  const page = await openPage(env.browser().context, env.site().url);
  await page.setViewportSize({ width, height });
  await page.goto(`${env.site().url}${path}`);
  await page.locator('.report-table__row .cell-link').first().waitFor({ timeout: 20_000 });
  return page;
}

const pageOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const focusedId = (page: Page) =>
  page.evaluate(() => document.activeElement?.id || document.activeElement?.getAttribute('data-testid') || document.activeElement?.tagName);

/** WCAG contrast ratio of two `rgb(…)` colours as getComputedStyle gives them. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = c
      .match(/[\d.]+/g)!
      .slice(0, 3)
      .map((v) => {
        const s = Number(v) / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('the report on any screen', () => {
  for (const [width, height] of [
    [1440, 900],
    [1280, 720],
  ] as const) {
    it(`at ${width}×${height} shows the default columns, all in view, without a sideways page scroll`, async () => {
      const page = await report(width, height);
      const headers = page.locator('.report-table__th');
      expect(await headers.locator('.report-table__label').allTextContents()).toEqual(DEFAULT_HEADERS);
      const boxes = await headers.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
      for (const b of boxes) {
        expect(b.left).toBeGreaterThanOrEqual(0);
        expect(b.right).toBeLessThanOrEqual(width);
      }
      // Header labels never run into each other.
      const labels = await headers
        .locator('.report-table__label')
        .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
      for (let i = 1; i < labels.length; i++) expect(labels[i]!.left).toBeGreaterThan(labels[i - 1]!.right + 8);
      expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
      expect(page.errors).toEqual([]);
      await page.close();
    });
  }

  it('numbers and their headers are right-aligned together; sort marks show the order', async () => {
    const page = await report(1440, 900);
    const header = page.locator('.report-table__th', { has: page.locator('[data-column=days_used]') });
    const labelRight = await header.locator('.report-table__label').evaluate((e) => e.getBoundingClientRect().right);
    const cellRight = await page
      .locator('.report-table__row')
      .first()
      .locator('.report-table__td.is-number')
      .first()
      .evaluate((e) => e.getBoundingClientRect().right - Number.parseFloat(getComputedStyle(e).paddingRight));
    expect(Math.abs(labelRight - cellRight)).toBeLessThanOrEqual(2);
    // The natural order (team, then last name) is marked on the name column until a sort is chosen.
    const name = page.getByRole('columnheader', { name: /^Name/ });
    expect(await name.getAttribute('aria-sort')).toBe('other');
    expect(await name.locator('.sort-mark').textContent()).toBe('▲');
    await page.locator('[data-column=days_used]').click();
    await expect.poll(() => page.getByRole('columnheader', { name: /Days used/ }).getAttribute('aria-sort')).toBe('descending');
    expect(await header.locator('.sort-mark').textContent()).toBe('▼');
    expect(await name.getAttribute('aria-sort')).toBe('none');
    // The name column sorts by last name.
    await page.locator('[data-column=name]').click();
    await expect.poll(() => page.url()).toContain('sort=last_name%3Aasc');
    expect(await name.getAttribute('aria-sort')).toBe('ascending');
    await page.close();
  });

  it('scrolls with the page: the header stays in view, the name column stays pinned, only the rows in view exist', async () => {
    const page = await report(1280, 720);
    const table = page.getByTestId('report-table');
    expect(await table.evaluate((e) => getComputedStyle(e).overflowY)).toBe('visible'); // no box scrolling inside the page
    await page.evaluate(() => window.scrollBy(0, 3000));
    await expect.poll(() => page.locator('.report-table__head').evaluate((e) => Math.round(e.getBoundingClientRect().top))).toBe(0);
    await expect.poll(() => page.locator('.report-table__row .cell-link').count()).toBeGreaterThan(10);
    expect(await page.getByRole('row').count()).toBeLessThan(80);
    // At 390 px the table scrolls sideways inside itself; the name column does not move.
    await page.setViewportSize({ width: 390, height: 844 });
    const name = page.locator('.report-table__row .is-pinned').first();
    const before = await name.evaluate((e) => e.getBoundingClientRect().left);
    await page.locator('.report-table__scroll').evaluate((e) => {
      e.scrollLeft = 400;
    });
    await expect.poll(() => page.locator('.report-table__head').evaluate((e) => e.scrollLeft)).toBe(400);
    expect(await name.evaluate((e) => e.getBoundingClientRect().left)).toBe(before);
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    await page.close();
  });

  it('on a phone (390×844), nothing runs off the page; the filters fold behind a button that counts them', async () => {
    const page = await report(390, 844, `${REPORT}&activity=inactive`);
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    const toggle = page.getByRole('button', { name: /^Filters/ });
    expect(await toggle.textContent()).toBe('Filters (2 set)');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('#f-activity').isVisible()).toBe(false);
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await page.locator('#f-activity').isVisible()).toBe(true);
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    // The toolbar wraps inside the page.
    for (const name of ['Columns', 'Export']) {
      const box = (await page.locator('.table-toolbar').getByText(name, { exact: true }).boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    // So do the Columns panel and the Export menu.
    await page.locator('.column-chooser summary').click();
    const panel = (await page.locator('.column-chooser__panel').boundingBox())!;
    expect(panel.x).toBeGreaterThanOrEqual(0);
    expect(panel.x + panel.width).toBeLessThanOrEqual(390);
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const menu = (await page.getByRole('menu').boundingBox())!;
    expect(menu.x).toBeGreaterThanOrEqual(0);
    expect(menu.x + menu.width).toBeLessThanOrEqual(390);
    await page.keyboard.press('Escape');
    // The user detail: its tables scroll inside the dialog, not the page.
    await page.locator('.report-table__row .cell-link').first().click();
    const dialog = page.getByTestId('user-detail');
    await dialog.locator('.detail-table').first().waitFor({ timeout: 20_000 });
    const d = (await dialog.boundingBox())!;
    expect(d.x).toBeGreaterThanOrEqual(0);
    expect(d.x + d.width).toBeLessThanOrEqual(390);
    expect(await dialog.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('at 200 % zoom (a 1280×720 window: 640×360) nothing runs off the page', async () => {
    const page = await report(640, 360);
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    expect(await page.getByRole('button', { name: /^Filters/ }).isVisible()).toBe(true);
    await page.evaluate(() => window.scrollBy(0, 2000));
    await expect.poll(() => page.locator('.report-table__head').evaluate((e) => Math.round(e.getBoundingClientRect().top))).toBe(0);
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    await page.close();
  });
});

describe('the report from the keyboard', () => {
  it('Clear filters leaves focus on the first filter; Clear selection on the grid', async () => {
    const page = await report(1440, 900, `${REPORT}&activity=inactive`);
    await page.getByRole('button', { name: 'Clear filters' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).not.toContain('activity=');
    expect(await focusedId(page)).toBe('f-team');

    await page.locator('.report-table__row input[type=checkbox]:not([disabled])').first().check();
    await page.getByRole('button', { name: 'Clear selection' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('selection-count').count()).toBe(0);
    expect(await focusedId(page)).toBe('report-table');
    await page.close();
  });

  it('on a phone, Clear filters leaves focus on the Filters button when the filters are folded', async () => {
    const page = await report(390, 844, `${REPORT}&activity=inactive`);
    await page.getByRole('button', { name: 'Clear filters' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).not.toContain('activity=');
    expect(await focusedId(page)).toBe('filters-toggle');
    await page.close();
  });

  it('the Columns panel closes on Escape and on a click outside, focus back on its button; the choice is remembered', async () => {
    const page = await report(1440, 900);
    const chooser = page.locator('details.column-chooser');
    const isOpen = () => chooser.evaluate((e) => (e as HTMLDetailsElement).open);
    await page.locator('.column-chooser summary').focus();
    await page.keyboard.press('Enter');
    expect(await isOpen()).toBe(true);
    await page.getByRole('checkbox', { name: 'Team', exact: true }).focus();
    await page.keyboard.press('Escape');
    expect(await isOpen()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Columns');

    await page.locator('.column-chooser summary').click();
    await page.getByRole('checkbox', { name: 'Team', exact: true }).check();
    await expect.poll(() => page.locator('.report-table__label').first().textContent()).toBe('Name');
    await expect.poll(() => page.locator('.report-table__label').allTextContents()).toContain('Team');
    expect(page.url()).toContain('cols=name%2Cteam%2C');
    await page.getByRole('heading', { name: 'Usage Report' }).click();
    expect(await isOpen()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Columns');

    // Without `cols` in the link, the last choice made in this browser applies; a link's `cols` wins.
    await page.goto(`${env.site().url}#/report?team=Alpha`);
    await page.goto(`${env.site().url}${REPORT}`);
    await expect.poll(() => page.locator('.report-table__label').allTextContents()).toContain('Team');
    await page.goto(`${env.site().url}${REPORT}&cols=email,days_used`);
    await expect.poll(() => page.locator('.report-table__label').allTextContents()).toEqual(['Email', 'Days used']);
    await page.goto(`${env.site().url}${REPORT}`);
    await page.locator('.column-chooser summary').click();
    await page.getByRole('button', { name: 'Show the default columns' }).click();
    await expect.poll(() => page.locator('.report-table__label').allTextContents()).toEqual(DEFAULT_HEADERS);
    await page.close();
  });

  it('focus rings stand out at 3:1 and sit inside the grid rows; nothing looks active before the grid has focus', async () => {
    const page = await report(1440, 900);
    const rowBg = (i: number) =>
      page
        .locator('.report-table__row')
        .nth(i)
        .evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(await rowBg(0)).toBe(await rowBg(2)); // the first row is not painted as active on load
    await page.locator('.column-chooser summary').focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement!);
      return { color: s.outlineColor, width: s.outlineWidth, bg: getComputedStyle(document.body).backgroundColor };
    });
    expect(ring.width).toBe('3px');
    expect(contrast(ring.color, 'rgb(255, 255, 255)')).toBeGreaterThanOrEqual(3);

    await page.getByTestId('report-table').focus();
    await page.keyboard.press('ArrowDown');
    const active = page.locator('.report-table__row.is-active');
    const r = await active.evaluate((e) => {
      const ring = getComputedStyle(e, '::after');
      const pinned = getComputedStyle(e.querySelector('.is-pinned')!);
      return {
        color: ring.borderTopColor,
        width: ring.borderTopWidth,
        inset: [ring.top, ring.right, ring.bottom, ring.left],
        above: Number(ring.zIndex) > Number(pinned.zIndex),
        bg: getComputedStyle(e).backgroundColor,
      };
    });
    expect(r.width).toBe('3px');
    // Drawn inside the row and above its pinned cells: neither the next row, the table's edge nor the name column covers it.
    expect(r.inset).toEqual(['0px', '0px', '0px', '0px']);
    expect(r.above).toBe(true);
    expect(contrast(r.color, r.bg)).toBeGreaterThanOrEqual(3);
    expect(r.bg).not.toBe(await rowBg(0));
    await page.close();
  });
});

describe('the report with axe-core, light and dark', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`has no serious or critical violations in ${scheme}, nor does the user detail`, async () => {
      const page = await report(1440, 900);
      await page.emulateMedia({ colorScheme: scheme });
      const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      expect(contrast(bg, 'rgb(0, 0, 0)') < contrast(bg, 'rgb(255, 255, 255)')).toBe(scheme === 'dark');
      expect(await seriousViolations(page)).toEqual([]);
      await page.locator('.report-table__row .cell-link').first().click();
      await page.getByTestId('user-detail').locator('canvas').first().waitFor({ timeout: 20_000 });
      expect(await seriousViolations(page)).toEqual([]);
      await page.close();
    });
  }
});
