/** What the browser journeys share: a page with its errors collected, files through the input, exports. */
import { afterAll, beforeAll } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, type Browser } from './browser';
import { serveStatic, type StaticSite } from './static-server';
import { readFile } from 'node:fs/promises';

export type WatchedPage = Page & { errors: string[] };

export async function openPage(context: BrowserContext, siteUrl: string, path = ''): Promise<WatchedPage> {
  const page = (await context.newPage()) as WatchedPage;
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') page.errors.push(m.text());
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(siteUrl) && !/^(blob|data):/.test(r.url())) page.errors.push(`request left the origin: ${r.url()}`);
  });
  await page.goto(`${siteUrl}${path}`);
  return page;
}

export const csvFile = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

export async function importThroughInput(
  page: Page,
  siteUrl: string,
  files: { name: string; mimeType: string; buffer: Buffer }[],
): Promise<void> {
  await page.goto(`${siteUrl}#/import`);
  await page.locator('input[type=file]').setInputFiles(files);
  await page
    .getByRole('status')
    .filter({ hasText: /Import complete|Waiting for you/ })
    .waitFor({ timeout: 60_000 });
}

/** Imports the files in a page of its own as test setup; throws unless every one was imported. */
export async function importForSetup(
  context: BrowserContext,
  siteUrl: string,
  files: { name: string; mimeType: string; buffer: Buffer }[],
): Promise<void> {
  const page = await openPage(context, siteUrl);
  await importThroughInput(page, siteUrl, files);
  const status = await page.getByTestId('import-status').textContent();
  if (!status?.includes(`Import complete: ${files.length} files imported`)) throw new Error(`setup import failed: ${status}`);
  await page.close();
}

/** Clicks `trigger`, saves what downloads, returns its bytes and name. */
export async function download(page: Page, trigger: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), trigger()]);
  return { name: d.suggestedFilename(), bytes: await readFile((await d.path())!) };
}

export async function downloadExport(page: Page, item: 'Excel (.xlsx)' | 'CSV'): Promise<Buffer> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  return (await download(page, () => page.getByRole('menuitem', { name: item }).click())).bytes;
}

/**
 * A static site and a fresh Chromium profile for one test file, started before
 * its tests and stopped after them.
 */
export function useSiteAndBrowser(prepare?: (siteUrl: string, context: BrowserContext) => Promise<void>): {
  site: () => StaticSite;
  browser: () => Browser;
} {
  let site: StaticSite | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    site = await serveStatic();
    browser = await launchBrowser();
    await prepare?.(site.url, browser.context);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });
  return { site: () => site!, browser: () => browser! };
}
