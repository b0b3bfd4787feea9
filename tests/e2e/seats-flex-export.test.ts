/** Seat usage, Flex tokens and the Export page in Chromium, on the sample workspace. */
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { download, openPage, useSiteAndBrowser } from '../support/admin-page';

const env = useSiteAndBrowser(async (url, context) => {
  const page = await openPage(context, url);
  await page.getByRole('button', { name: 'Load sample workspace' }).first().click();
  await page.getByTestId('row-count').waitFor({ timeout: 60_000 });
  await page.close();
});
const open = (path: string) => openPage(env.browser().context, env.site().url, path);

const nonEmptyCanvas = (c: HTMLCanvasElement) => {
  const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
  let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++; return n;
};

describe('seat usage, Flex and exports in Chromium', () => {
  it('drills from seat usage by product into the AutoCAD family, and draws a collection\'s chart', async () => {
    const page = await open('#/seats?team=Head+Office&range=6m');
    const table = page.getByTestId('seat-products');
    await table.waitFor({ timeout: 20_000 });
    const seats = Number((await page.getByTestId('seat-total-seats').textContent())!.replace(/\D/g, ''));
    expect(seats).toBeGreaterThan(0);
    expect(await page.getByTestId('seat-utilisation').textContent()).toMatch(/\d+ %/);
    // A collection is one seat (its products' use counts on it); the AutoCAD family expands into its toolsets.
    expect(await page.getByRole('button', { name: 'Expand AEC Collection' }).count()).toBe(0);
    const expand = page.getByRole('button', { name: 'Expand AutoCAD (with toolsets)' });
    await expand.click();
    expect(await page.getByRole('button', { name: 'Collapse AutoCAD (with toolsets)' }).getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => table.locator('tr.is-child').count()).toBeGreaterThan(1);
    await table.getByRole('button', { name: 'AEC Collection', exact: true }).click();
    const detail = page.getByTestId('product-detail');
    await detail.getByRole('img', { name: /Distinct users of AEC Collection per day/ }).locator('canvas').waitFor();
    await expect.poll(() => detail.locator('canvas').first().evaluate(nonEmptyCanvas)).toBeGreaterThan(500);
    await detail.getByText('Monthly').click();
    await detail.getByRole('img', { name: /per month/ }).waitFor();
    expect(await detail.textContent()).toMatch(/Peak \d+ · average [\d.]+ · seats \d+/);
    await page.getByRole('tab', { name: 'By user' }).click();
    await expect.poll(() => page.getByTestId('seat-users').locator('tbody tr').count()).toBeGreaterThan(10);
    // A user's detail opens from here too, and an unassign can be queued from it.
    // (Group and default assignments cannot be unassigned: take the first person holding a direct one.)
    const detail2 = page.getByTestId('user-detail');
    const unassign = detail2.locator('button:not([disabled])', { hasText: 'Unassign…' }).first();
    for (let i = 0; i < 10; i++) {
      await page.getByTestId('seat-users').locator('.cell-link').nth(i).click();
      await detail2.getByRole('table').first().waitFor();
      if (await unassign.count()) break;
      await page.keyboard.press('Escape');
      await detail2.waitFor({ state: 'detached' });
    }
    await unassign.click();
    await page.getByRole('dialog', { name: 'Unassign' }).getByRole('button', { name: 'Queue unassign' }).click();
    await expect.poll(() => page.getByTestId('action-message').textContent()).toBe('1 unassign queued.');
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('shows the Flex balance and forecast, and both follow a purchase the admin enters', async () => {
    const page = await open('#/flex?team=MEP&range=12m');
    const remaining = page.getByTestId('flex-remaining').locator('.tile__value');
    await remaining.waitFor({ timeout: 20_000 });
    const before = Number((await remaining.textContent())!.replace(/[^\d]/g, ''));
    expect(await page.getByTestId('flex-forecast').textContent()).toMatch(/Weighted average of the last 3 full months/);
    expect(await page.getByTestId('flex-needed').textContent()).toMatch(/^[\d,]+$/);
    const today = new Date().toISOString().slice(0, 10);
    await page.getByLabel('Team', { exact: true }).last().selectOption('MEP');
    await page.getByLabel('Purchased on').fill(today);
    await page.getByLabel('Tokens', { exact: true }).fill('50,000');
    await page.getByRole('button', { name: 'Add purchase' }).click();
    await expect.poll(() => page.getByTestId('flex-message').textContent()).toContain('Purchase of 50,000 tokens for MEP');
    await expect.poll(async () => Number((await remaining.textContent())!.replace(/[^\d]/g, ''))).toBe(before + 50_000);
    expect(await page.getByTestId('flex-packs').textContent()).toContain(today);
    expect(await page.getByTestId('flex-runs-out').textContent()).toMatch(/runs out on \d{4}-\d{2}-\d{2}|lasts beyond/);
    await expect.poll(() => page.getByTestId('flex-forecast').locator('canvas').first().evaluate(nonEmptyCanvas)).toBeGreaterThan(500);
    // Purchases can be imported from a file too.
    await page.getByLabel('Import token purchases from a CSV file').setInputFiles({ name: 'purchases.csv', mimeType: 'text/csv', buffer: Buffer.from(`purchase_date,quantity,team,note\n${today},1000,MEP,PO-77\n`) });
    await expect.poll(() => page.getByTestId('flex-message').textContent()).toBe('1 purchase imported from purchases.csv.');
    await expect.poll(async () => Number((await remaining.textContent())!.replace(/[^\d]/g, ''))).toBe(before + 51_000);
    expect(await page.getByTestId('flex-packs').textContent()).toContain('PO-77');
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('recommends savings with money, follows edited prices, and queues a recommendation in one click', async () => {
    const page = await open('#/recommendations?team=Head+Office');
    const cards = page.getByTestId('recommendation');
    await cards.first().waitFor({ timeout: 20_000 });
    const savings = async () => Number((await page.getByTestId('rec-savings').locator('.tile__value').textContent())!.replace(/\D/g, ''));
    const before = await savings();
    expect(before).toBeGreaterThan(0);
    expect(await page.getByRole('heading', { name: /Reduce .* seats in Head Office/ }).count()).toBeGreaterThan(0);
    // Raise the token price: moving people to Flex saves less.
    await page.getByText('Prices', { exact: true }).click();
    await page.getByLabel(/US\$ per token/).fill('30');
    await page.getByLabel(/US\$ per token/).dispatchEvent('change');
    await page.getByRole('button', { name: 'Save prices' }).click();
    await expect.poll(savings).not.toBe(before);
    const reduce = cards.filter({ has: page.getByRole('heading', { name: /^Reduce / }) }).filter({ has: page.getByRole('button', { name: /^Queue \d+ unassign/ }) }).first();
    const title = await reduce.getByRole('heading').textContent();
    await reduce.getByRole('button', { name: /^Queue \d+ unassign/ }).click();
    await expect.poll(() => page.getByTestId('rec-message').textContent()).toMatch(/unassigns? queued/);
    await page.goto(`${env.site().url}#/changes`);
    await expect.poll(() => page.getByTestId('changes-table').textContent()).toContain(`Recommendation: ${title}`);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('exports a multi-section workbook whose sheets read back', async () => {
    const page = await open('#/export?team=Structures&from=2026-01-01&to=2026-03-31');
    await page.getByRole('button', { name: 'Export' }).last().waitFor();
    const file = await download(page, () => page.getByRole('main').getByRole('button', { name: 'Export', exact: true }).click());
    expect(file.name).toBe('seatwise-structures-2026-01-01-to-2026-03-31.xlsx');
    const wb = XLSX.read(file.bytes, { type: 'buffer', cellDates: true });
    expect(wb.SheetNames).toEqual(['Subscriptions', 'Users', 'Usage', 'Seat usage by product', 'Flex tokens by month']);
    const usage = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets.Usage!);
    expect(usage.length).toBeGreaterThan(100);
    expect(usage.every((r) => r.team === 'Structures')).toBe(true);
    const days = usage.map((r) => (r.day_used as Date).toISOString().slice(0, 10));
    expect(days.every((d) => d >= '2026-01-01' && d <= '2026-03-31')).toBe(true);
    const months = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets['Flex tokens by month']!);
    expect(months.map((m) => m.month)).toEqual(['2026-01', '2026-02', '2026-03']);
    const subs = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets.Subscriptions!);
    expect(subs.length).toBeGreaterThan(0);
    expect(subs[0]!.start_date).toBeInstanceOf(Date);
    await page.close();
  });
});
