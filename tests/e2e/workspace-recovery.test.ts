/**
 * Restore checks a backup whole, and a workspace that will not open offers a
 * way out within seconds (docs/reliability.md), in Chromium.
 */
import { describe, expect, it } from 'vitest';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { csvFile, download, importThroughInput, openPage, useSiteAndBrowser } from '../support/admin-page';

const env = useSiteAndBrowser();
const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(await axeSource); // through the driver: the page's CSP refuses inline scripts
  return page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string }[] }> } }
    ).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
  });
}

const USAGE = 'team,email,product_name,day_used\nT,kept@corp.test,Revit,2026-01-05\nT,kept@corp.test,Revit,2026-01-06\n';

/** Damages the first stored import the way a broken record would look, and drops the cache of the merge. */
async function damageFirstImport(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('seatwise');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['imports', 'cache'], 'readwrite');
          const imports = tx.objectStore('imports');
          const cursor = imports.openCursor();
          cursor.onsuccess = () => {
            const c = cursor.result;
            if (c) {
              const rec = c.value;
              rec.batch.eventKeys = null;
              c.update(rec);
            }
          };
          tx.objectStore('cache').clear();
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

async function importCount(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('seatwise');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction('imports').objectStore('imports').count();
          req.onsuccess = () => {
            db.close();
            resolve(req.result);
          };
        };
      }),
  );
}

async function backupFromSettings(page: Page, siteUrl: string): Promise<Buffer> {
  await page.goto(`${siteUrl}#/settings`);
  return (await download(page, () => page.getByRole('button', { name: 'Download backup' }).click())).bytes;
}

describe('backups and a workspace that will not open, in Chromium', () => {
  it('refuses a backup with a malformed row, naming it, and keeps the data', async () => {
    const page = await openPage(env.browser().context, env.site().url, '#/import');
    await importThroughInput(page, env.site().url, [csvFile('usage.csv', USAGE)]);
    const backup = await backupFromSettings(page, env.site().url);
    const json = JSON.parse(gunzipSync(backup).toString('utf8'));
    json.tables.imports[0].batch.users.email[0] = 42;
    const damaged = gzipSync(Buffer.from(JSON.stringify(json)));

    await page
      .getByLabel('Restore from a backup file')
      .setInputFiles({ name: 'damaged.seatwise', mimeType: 'application/gzip', buffer: damaged });
    await page.getByRole('dialog', { name: 'Restore this backup?' }).getByRole('button', { name: 'Replace the workspace' }).click();
    await expect
      .poll(() => page.getByTestId('settings-message').textContent())
      .toBe(
        'damaged.seatwise: This backup cannot be restored: table imports, row 1 (id 1, usage.csv): batch.users.email[0] is not text. The workspace was not changed.',
      );
    expect(await importCount(page)).toBe(1);
    await page.goto(`${env.site().url}#/report?from=2026-01-01&to=2026-01-31`);
    await expect.poll(() => page.getByTestId('report-table').textContent()).toContain('kept@corp.test');
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('shows why within seconds and offers restore, export of what is readable, and delete', async () => {
    const page = await openPage(env.browser().context, env.site().url, '#/report?from=2026-01-01&to=2026-01-31');
    await page.getByTestId('report-table').waitFor();
    const good = await backupFromSettings(page, env.site().url);

    await damageFirstImport(page);
    const started = Date.now();
    await page.goto(`${env.site().url}#/report?from=2026-01-01&to=2026-01-31`);
    await page.reload();
    const panel = page.getByRole('region', { name: 'The workspace could not be opened' });
    await panel.waitFor({ timeout: 10_000 });
    const seconds = (Date.now() - started) / 1000;
    expect(seconds).toBeLessThan(5);
    expect(await page.getByTestId('open-problem').textContent()).toBe(
      'a stored record is damaged: table imports, row 1 (id 1, usage.csv): batch.eventKeys is missing',
    );
    expect(await page.getByRole('status').filter({ hasText: 'Opening your workspace' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    // Export what can be read: a backup without the damaged import, which names it.
    const readable = await download(page, () => panel.getByRole('button', { name: 'Export what can be read' }).click());
    expect(readable.name).toMatch(/^seatwise-readable-\d{4}-\d{2}-\d{2}\.seatwise$/);
    expect(JSON.parse(gunzipSync(readable.bytes).toString('utf8')).tables.imports).toEqual([]);
    await expect
      .poll(() => page.getByTestId('recovery-message').textContent())
      .toMatch(
        /^Saved a backup of what could be read: 0 imports, 0 changes, \d+ token purchases, \d+ settings\. Left out: table imports, row 1 \(id 1, usage\.csv\): batch\.eventKeys is missing/,
      );

    // Restore the good backup from the panel: the workspace opens again.
    await panel
      .getByLabel('Restore from a backup file')
      .setInputFiles({ name: 'good.seatwise', mimeType: 'application/gzip', buffer: good });
    await page.getByRole('dialog', { name: 'Restore this backup?' }).getByRole('button', { name: 'Replace the workspace' }).click();
    await expect.poll(() => page.getByTestId('report-table').textContent(), { timeout: 20_000 }).toContain('kept@corp.test');

    // Damaged again: delete all data from the panel, and the app starts empty.
    await damageFirstImport(page);
    await page.reload();
    await panel.waitFor({ timeout: 10_000 });
    await panel.getByRole('button', { name: 'Delete all data…' }).click();
    await page.getByRole('dialog', { name: 'Delete all data?' }).getByRole('button', { name: 'Delete everything' }).click();
    await page.getByRole('heading', { name: 'Who keeps a seat?' }).waitFor({ timeout: 20_000 });
    expect(await importCount(page)).toBe(0);
    // The failed opens were shown, not thrown.
    expect(page.errors).toEqual([]);
    await page.close();
  });

  it('says so when the engine cannot start or does not answer, instead of waiting', async () => {
    const page = await openPage(env.browser().context, env.site().url, '#/import');
    // The service worker would serve the script from its cache: bypass it, then fail the script.
    const cdp = await env.browser().context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setBypassServiceWorker', { bypass: true });
    await page.route(/engine\.worker.*\.js/, (route) => route.fulfill({ status: 404, body: 'gone' }));
    const started = Date.now();
    await page.reload();
    const panel = page.getByRole('region', { name: 'The workspace could not be opened' });
    await panel.waitFor({ timeout: 10_000 });
    expect((Date.now() - started) / 1000).toBeLessThan(5);
    expect(await page.getByTestId('open-problem').textContent()).toMatch(/^the engine worker stopped/);
    expect(page.errors).toEqual([]);
    await page.unroute(/engine\.worker.*\.js/);

    // An engine that never answers: after the wait, the ways out are offered while it may still open.
    await page.route(/engine\.worker.*\.js/, () => {
      /* never answered */
    });
    const slow = Date.now();
    await page.reload();
    await page.getByRole('region', { name: 'The workspace has not opened yet' }).waitFor({ timeout: 15_000 });
    expect((Date.now() - slow) / 1000).toBeLessThan(12);
    expect(await page.getByTestId('open-problem').textContent()).toMatch(
      /^The workspace has not opened after 8 seconds\. It may still open/,
    );
    await page.unroute(/engine\.worker.*\.js/);
    await cdp.detach();
    await page.close();
  });
});
