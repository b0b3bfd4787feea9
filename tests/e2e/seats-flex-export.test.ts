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
  let n = 0;
  for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
  return n;
};

describe('seat usage, Flex and exports in Chromium', () => {
  it("drills from seat usage by product into the AutoCAD family, and draws a collection's chart", async () => {
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
    await detail
      .getByRole('img', { name: /Distinct users of AEC Collection per day/ })
      .locator('canvas')
      .waitFor();
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
    // Dates for people read "Nov 23, 2026" (docs/architecture.md).
    const shown = new Date(`${today}T00:00:00Z`).toLocaleDateString(undefined, {
      month: 'short',
      day: 'numeric',
      year: 'numeric',
      timeZone: 'UTC',
    });
    expect(await page.getByTestId('flex-packs').textContent()).toContain(shown);
    expect(await page.getByTestId('flex-runs-out').textContent()).toMatch(/runs out on [A-Z][a-z]{2} \d{1,2}, \d{4}|lasts beyond/);
    await expect.poll(() => page.getByTestId('flex-forecast').locator('canvas').first().evaluate(nonEmptyCanvas)).toBeGreaterThan(500);
    // Purchases can be imported from a file too.
    await page.getByLabel('Import token purchases from a CSV file').setInputFiles({
      name: 'purchases.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`purchase_date,quantity,team,note\n${today},1000,MEP,PO-77\n`),
    });
    await expect.poll(() => page.getByTestId('flex-message').textContent()).toBe('1 purchase imported from purchases.csv.');
    await expect.poll(async () => Number((await remaining.textContent())!.replace(/[^\d]/g, ''))).toBe(before + 51_000);
    expect(await page.getByTestId('flex-packs').textContent()).toContain('PO-77');
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('recommends one net plan with its arithmetic, and queues only what the admin reviewed, with their reason', async () => {
    const page = await open('#/recommendations?team=Head+Office');
    const summary = page.getByTestId('rec-summary');
    await summary.waitFor({ timeout: 20_000 });
    const money = (text: string | null) => {
      const n = Number(text!.replace(/[^\d]/g, ''));
      return /costs|−/.test(text!) ? -n : n;
    };
    const net = async () => money(await page.getByTestId('rec-net').locator('.tile__value').textContent());
    const before = await net();
    expect(before).toBeGreaterThan(0);
    // The summary: one row per recommendation (one card each), no team × offering twice, its total the headline.
    const rows = summary.locator('tbody tr');
    const count = await rows.count();
    // A group shows its first cards; "Show all" brings the rest.
    for (const more of await page.getByRole('button', { name: /^Show all \d+/ }).all()) await more.click();
    expect(count).toBe(await page.getByTestId('recommendation').count());
    const slots = await rows.evaluateAll((trs) =>
      trs.map((tr) =>
        [...tr.children]
          .slice(1, 3)
          .map((c) => c.textContent)
          .join('|'),
      ),
    );
    expect(new Set(slots).size).toBe(count);
    expect(money(await page.getByTestId('rec-summary-total').textContent())).toBe(before);
    const amounts = await rows.evaluateAll((trs) => trs.map((tr) => tr.lastElementChild!.textContent!));
    expect(amounts.reduce((t, a) => t + money(a), 0)).toBe(before);

    // Cards are grouped by type, with a filter; each amount shows its arithmetic on demand.
    await page.getByLabel('Type').selectOption('move-to-flex');
    expect(await page.getByTestId('rec-group-reduce-seats').count()).toBe(0);
    const group = page.getByTestId('rec-group-move-to-flex');
    const card = group
      .getByTestId('recommendation')
      .filter({ has: page.getByRole('button', { name: 'Queue…' }) })
      .first();
    const cardId = (await card.getAttribute('id'))!;
    const sameCard = page.locator(`[id="${cardId}"]`);
    await card.getByText('How this is worked out').click();
    expect(await card.locator('.rec__how').textContent()).toMatch(/\d+ seats? × US\$[\d,]+ a seat a year = US\$[\d,]+/);
    await card.locator('summary', { hasText: /people|person/ }).click();
    expect(await card.locator('.rec__users').textContent()).toMatch(/\d+ days a year × \d+ tokens a day × US\$3 a token = US\$[\d,]+/);

    // Acting is reviewed: everyone listed and ticked unless locked; untick one, change the reason, confirm.
    await card.getByRole('button', { name: 'Queue…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Queue changes' });
    await dialog.waitFor();
    const people = await dialog.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        name: tr.querySelector('th')!.textContent!,
        enabled: !(tr.querySelector('input') as HTMLInputElement).disabled,
        checked: (tr.querySelector('input') as HTMLInputElement).checked,
        change: tr.children[2]!.textContent!,
        why: tr.children[3]!.textContent!,
      })),
    );
    expect(people.length).toBeGreaterThan(1);
    for (const p of people) expect(p.checked).toBe(p.enabled);
    for (const p of people.filter((x) => !x.enabled)) expect(p.why).toMatch(/^Locked: /);
    const unlocked = people.filter((p) => p.enabled);
    expect(unlocked.length).toBeGreaterThan(1);
    expect(await dialog.getByLabel('Reason').inputValue()).toBe((await card.getByRole('heading').textContent())!);
    const left = unlocked[0]!;
    await dialog.getByRole('checkbox', { name: `Include ${left.name}` }).uncheck();
    const ticked = unlocked.slice(1);
    const flex = ticked.filter((p) => /on Flex/.test(p.change));
    const seat = ticked.filter((p) => /^Assign a /.test(p.change));
    expect(flex.length).toBeGreaterThan(0);
    const unassigns = ticked.length - seat.length;
    const total = unassigns + flex.length + seat.length;
    await dialog.getByLabel('Reason').fill('Reviewed: light users to Flex');
    expect(await page.getByTestId('changes-table').count()).toBe(0);
    await dialog.getByRole('button', { name: `Queue ${total} changes` }).click();
    await expect.poll(() => page.getByTestId('rec-message').textContent()).toMatch(new RegExp(`: ${total} changes queued\\.$`));
    expect(await dialog.count()).toBe(0);

    // The card says what was queued, and the plan recomputes without those people: the headline changes.
    const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
    const queued = [
      `Queued: ${[plural(unassigns, 'unassign'), plural(flex.length, 'Flex assign'), ...(seat.length ? [plural(seat.length, 'seat assign')] : [])].join(', ')}`,
      '— see Changes',
    ].join(' ');
    await expect.poll(() => sameCard.getByTestId('rec-queued').textContent()).toBe(queued);
    await expect.poll(net).not.toBe(before);
    await sameCard.getByRole('button', { name: 'Queue…' }).click();
    const still = await dialog.locator('tbody th').allTextContents();
    expect(still).toContain(left.name);
    for (const p of ticked) expect(still).not.toContain(p.name);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // The Changes page holds exactly the ticked people's changes, with that reason.
    await sameCard.getByRole('link', { name: 'see Changes' }).click();
    const table = page.getByTestId('changes-table');
    await table.waitFor();
    const changes = await table.locator('tbody tr').evaluateAll((trs) =>
      trs
        .map((tr) => ({
          action: tr.children[0]!.textContent!.trim(),
          person: tr.children[1]!.textContent!,
          reason: tr.children[4]!.textContent!,
        }))
        .filter((c) => c.reason === 'Reviewed: light users to Flex'),
    );
    expect(changes.filter((c) => c.action === 'unassign').length).toBe(unassigns);
    expect(changes.filter((c) => c.action === 'assign Flex').length).toBe(flex.length);
    expect(changes.length).toBe(total);
    const named = (n: string) => changes.filter((c) => c.person.startsWith(`${n} `) || c.person === n);
    for (const p of ticked) expect(named(p.name).length).toBe(/on Flex/.test(p.change) ? 2 : 1);
    expect(named(left.name)).toEqual([]);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('follows edited prices', async () => {
    const page = await open('#/recommendations?team=Head+Office');
    const value = page.getByTestId('rec-net').locator('.tile__value');
    await value.waitFor({ timeout: 20_000 });
    const before = await value.textContent();
    // Raise the token price: moving people to Flex saves less, heavy Flex users' tokens cost more.
    await page.getByText('Prices', { exact: true }).click();
    await page.getByLabel(/US\$ per token/).fill('30');
    await page.getByLabel(/US\$ per token/).dispatchEvent('change');
    await page.getByRole('button', { name: 'Save prices' }).click();
    await expect.poll(() => value.textContent()).not.toBe(before);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('exports a multi-section workbook whose sheets read back', async () => {
    const page = await open('#/export?team=Structures&from=2026-01-01&to=2026-03-31');
    await page.getByRole('button', { name: 'Export' }).last().waitFor();
    const file = await download(page, () => page.getByRole('main').getByRole('button', { name: 'Export', exact: true }).click());
    expect(file.name).toBe('seatwise-export-Structures-2026-01-01-to-2026-03-31.xlsx');
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
