/**
 * Getting data in, for a first-time admin (docs/import.md, "Where the exports are";
 * docs/formats.md): the empty page says where each export is and which are
 * enough, a file with unknown headers opens the mapping step with its columns
 * guessed and named in words, the status says it waits, and confirming imports it.
 */
import { describe, expect, it } from 'vitest';
import { openPage, useSiteAndBrowser } from '../support/admin-page';
import { seriousViolations } from '../support/axe';

const env = useSiteAndBrowser();

const UNKNOWN = [
  'Member,Mail address,Application,Usage date',
  'Ann Lee,ann.lee@example.com,Revit,2026-10-01',
  'Bo Chan,bo.chan@example.com,AutoCAD,2026-10-02',
].join('\n');

describe('getting data in, in Chromium', () => {
  it('shows where to get the exports on the empty page, before anything else asks for attention', async () => {
    const page = await openPage(env.browser().context, env.site().url);
    await page.getByRole('heading', { name: 'Who keeps a seat?' }).waitFor({ timeout: 30_000 });
    const guide = page.getByTestId('export-guide');
    expect(await guide.isVisible()).toBe(true);
    const text = (await guide.textContent()) ?? '';
    expect(text).toContain('Where to get your exports');
    expect(text).toContain('Who is inactive: Users + Usage');
    expect(text).toContain('Seats used against seats bought: Users + Usage + Subscriptions');
    expect(text).toContain('Flex tokens: Token usage');
    expect(text).toContain('Reporting → Usage Report');
    // Once the app is cached for offline use, a first visit still opens on the welcome, not on that news.
    await page.evaluate(() => Promise.race([navigator.serviceWorker?.ready, new Promise((r) => setTimeout(r, 10_000))]));
    await page.waitForTimeout(500);
    expect(await page.getByText('Seatwise now works offline').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('guesses the columns of a file it does not know, names them in words, waits for the admin, then imports', async () => {
    const page = await openPage(env.browser().context, env.site().url);
    const zone = page.getByTestId('drop-zone').first();
    await zone.waitFor({ timeout: 30_000 });
    // A real drop on the drop zone, as from the file manager.
    await zone.evaluate((el, text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'weird-export.csv', { type: 'text/csv' }));
      el.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, UNKNOWN);
    const form = page.getByRole('form', { name: 'Map the columns of weird-export.csv' });
    await form.waitFor({ timeout: 30_000 });
    const status = (await page.getByTestId('import-status').textContent()) ?? '';
    expect(status).toContain('Waiting for you: map the columns of weird-export.csv below to import it.');
    expect(status).not.toContain('Import complete');
    // The reason agrees with the form: the kind the guesses point to.
    expect(await page.getByRole('list', { name: 'Import results' }).textContent()).toContain('it looks like Usage (daily)');

    expect(await form.getByLabel('This file is').inputValue()).toBe('usage');
    const chosen = (label: string) =>
      form.getByLabel(label, { exact: true }).evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent ?? '');
    expect(await chosen('Email')).toBe('Mail address');
    expect(await chosen('Product')).toBe('Application');
    expect(await chosen('Day used')).toBe('Usage date');
    expect(await chosen('Hashed user ID')).toBe('—');
    expect(await chosen('Team')).toBe('—');

    const needed = (await form.getByTestId('mapping-needed').textContent()) ?? '';
    expect(needed).toContain('Needed');
    expect(needed).toContain('Email or Hashed user ID or Autodesk ID: at least one');
    expect(needed).toContain('Product or Offering (collection): at least one');
    expect(needed).toContain('guessed from its name');
    const optional = (await form.getByTestId('mapping-optional').textContent()) ?? '';
    expect(optional).toContain('Optional');
    expect(optional).toContain('Tokens used');
    const labels = await form.locator('label, legend').allTextContents();
    for (const l of labels) expect(l).not.toMatch(/_|\*/);
    expect(await seriousViolations(page)).toEqual([]);

    await form.getByRole('button', { name: 'Save mapping and import' }).click();
    // Imported from the empty page, the workspace has data and the report takes the page's place.
    await expect.poll(() => page.getByTestId('workspace-facts').textContent(), { timeout: 30_000 }).toContain('2 people');
    await page.goto(`${env.site().url}#/report?from=2026-10-01&to=2026-10-31`);
    await expect.poll(() => page.getByTestId('report-table').textContent(), { timeout: 20_000 }).toContain('ann.lee@example.com');
    expect(await page.getByTestId('report-table').textContent()).toContain('Revit');
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('keeps the guide folded on the Import page, one click away', async () => {
    const page = await openPage(env.browser().context, env.site().url, '#/import');
    const guide = page.getByTestId('export-guide');
    await guide.waitFor({ timeout: 30_000 });
    expect(await guide.evaluate((d: HTMLDetailsElement) => d.open)).toBe(false);
    expect(await page.getByText('Reporting → Token Usage').isVisible()).toBe(false);
    await guide.getByText('Where to get your exports').click();
    expect(await guide.evaluate((d: HTMLDetailsElement) => d.open)).toBe(true);
    expect(await page.getByText('Reporting → Token Usage').isVisible()).toBe(true);
    await page.close();
  });
});
