/** The report's trend by month and the one scope kept across pages, in Chromium on the sample workspace. */
import { describe, expect, it } from 'vitest';
import { openPage, useSiteAndBrowser } from '../support/admin-page';

const env = useSiteAndBrowser(async (url, context) => {
  const page = await openPage(context, url);
  await page.getByRole('button', { name: 'Load sample workspace' }).first().click();
  await page.getByTestId('row-count').waitFor({ timeout: 60_000 });
  await page.close();
});
const open = (path: string) => openPage(env.browser().context, env.site().url, path);

const paintedPixels = (c: HTMLCanvasElement) => {
  const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
  return n;
};
const query = (url: string) => new URLSearchParams(url.split('?')[1] ?? '');

describe('the trend and the scope in Chromium', () => {
  it('draws the trend by month above the table, and a click on a month narrows the range to it', async () => {
    const page = await open('#/report?team=Structures&range=6m');
    const trend = page.getByTestId('report-trend');
    const people = trend.getByRole('img', { name: /People by month/ });
    await people.locator('canvas').waitFor({ timeout: 20_000 });
    await expect.poll(() => people.locator('canvas').evaluate(paintedPixels)).toBeGreaterThan(500);
    // Six months back from any day spans seven calendar months, each whole but the last.
    await trend.getByText(/pick one here/).click();
    expect(await trend.locator('.trend__table tbody tr').count()).toBe(7);
    // The trend sits above the table.
    const trendBox = (await trend.boundingBox())!;
    const countBox = (await page.getByTestId('row-count').boundingBox())!;
    expect(trendBox.y).toBeLessThan(countBox.y);

    const over = people.locator('.u-over');
    const box = (await over.boundingBox())!;
    await over.hover({ position: { x: box.width / 2, y: box.height / 2 } });
    await over.click({ position: { x: box.width / 2, y: box.height / 2 } });
    await expect.poll(() => query(page.url()).get('from')).not.toBeNull();
    const q = query(page.url());
    expect(q.get('range')).toBeNull();
    expect(q.get('team')).toBe('Structures');
    const from = q.get('from')!,
      to = q.get('to')!;
    expect(from.slice(0, 7)).toBe(to.slice(0, 7)); // one calendar month
    expect(await page.getByTestId('range-label').textContent()).toMatch(/^Custom \(/);
    // Back returns to the range the month was picked from.
    await page.goBack();
    await expect.poll(() => query(page.url()).get('range')).toBe('6m');
    expect(query(page.url()).get('from')).toBeNull();
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('follows a filter change: the month table and the range labels are those a fresh page shows', async () => {
    const monthRows = async (page: Awaited<ReturnType<typeof open>>) => {
      const trend = page.getByTestId('report-trend');
      const summary = trend.getByText(/pick one here/);
      await summary.waitFor({ timeout: 20_000 });
      if (!(await trend.locator('.trend__table').evaluate((d) => (d as HTMLDetailsElement).open))) await summary.click();
      return () => trend.locator('.trend__table tbody tr').allTextContents();
    };
    const page = await open('#/report?team=Structures&range=6m');
    const rows = await monthRows(page);
    const before = await rows();
    // The figures of another team, as a page opened on it shows them: they differ, so following them is seen.
    const other = (await page.locator('#f-team option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).find(
      (v) => v !== '' && v !== 'Structures',
    )!;
    const fresh = await open(`#/report?team=${encodeURIComponent(other)}&range=6m`);
    const expected = await (await monthRows(fresh))();
    expect(expected).toHaveLength(7);
    expect(expected).not.toEqual(before);
    // Changed as an admin does; until the new team's trend arrives, the old figures are marked busy, then not.
    const busyAtOnce = await page.evaluate(async (team) => {
      const select = document.querySelector<HTMLSelectElement>('#f-team')!;
      select.value = team;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      await new Promise((r) => setTimeout(r, 0));
      return document.querySelector('[data-testid=report-trend]')?.getAttribute('aria-busy');
    }, other);
    expect(busyAtOnce).toBe('true');
    await expect.poll(rows, { timeout: 20_000 }).toEqual(expected);
    await expect.poll(() => page.getByTestId('report-trend').getAttribute('aria-busy')).toBe('false');

    // The range presets are labelled with their dates: ending on a past day, then today, as a fresh page labels them.
    const labels = (p: typeof page) => p.locator('#f-range option').allTextContents();
    const todayLabels = await labels(fresh);
    await page.goto(page.url().replace(/#.*/, '#/report?team=Structures&range=6m&asof=2025-01-15'));
    await expect.poll(() => labels(page), { timeout: 20_000 }).not.toEqual(todayLabels);
    await page.locator('#f-asof').selectOption({ label: 'Today' });
    await expect.poll(() => labels(page), { timeout: 20_000 }).toEqual(todayLabels);
    expect(page.errors).toEqual([]);
    expect(fresh.errors).toEqual([]);
    await page.close();
    await fresh.close();
  });

  it('keeps the team and range chosen on the report when moving to Seats and back', async () => {
    const page = await open('#/report?team=Structures&range=12m&activity=inactive');
    await page.getByTestId('row-count').waitFor({ timeout: 20_000 });
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Seats' }).click();
    await page.getByTestId('seat-products').waitFor({ timeout: 20_000 });
    const seats = query(page.url());
    expect(page.url()).toContain('#/seats?');
    expect(seats.get('team')).toBe('Structures');
    expect(seats.get('range')).toBe('12m');
    expect(seats.get('activity')).toBeNull(); // the row filters stay with the report
    expect(await page.locator('.page-head__range').textContent()).toMatch(/^Past 12 months/);
    // A product's chart opens in view, not below the fold.
    await page.getByTestId('seat-products').locator('.cell-link').last().click();
    const chart = page.getByTestId('product-detail').locator('canvas').first();
    await chart.waitFor();
    await expect
      .poll(async () => {
        const box = (await chart.boundingBox())!;
        return box.y >= 0 && box.y + box.height <= page.viewportSize()!.height;
      })
      .toBe(true);
    // A page without a scope keeps it for the next one.
    await nav.getByRole('link', { name: 'Changes' }).click();
    await expect.poll(() => page.url()).toContain('#/changes');
    await nav.getByRole('link', { name: 'Usage Report' }).click();
    await page.getByTestId('row-count').waitFor();
    const back = query(page.url());
    expect(back.get('team')).toBe('Structures');
    expect(back.get('range')).toBe('12m');
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
