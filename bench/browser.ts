/**
 * `npm run bench:browser`: the production build in Debian's Chromium with the
 * reference workload of docs/budgets.md (a ~1M-row usage CSV), measured as an admin feels
 * it. Prints one JSON object per figure and writes them to bench/results/.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSampleFiles } from '../src/core/sample/generate-sample';
import { dayFromYmd } from '../src/core/vocabulary/days';
import { launchBrowser } from '../tests/support/browser';
import { serveStatic } from '../tests/support/static-server';
import { FigurePrinter } from './budgets';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const targetEvents = arg('events', 1_000_000);
const users = arg('users', Math.round(20_000 * Math.max(1, targetEvents / 1_000_000)));
const dir = await mkdtemp(join(tmpdir(), 'seatwise-bench-'));
const endDay = dayFromYmd(2026, 10, 31);
const parts = Math.max(1, Math.round(targetEvents / 1_000_000));
const files = generateSampleFiles({ seed: 42, users, teams: 25, products: 40, endDay, targetEvents, usageParts: parts });
// One file per million rows, as monthly exports would come; all dropped at once.
const usagePaths: string[] = [];
let usageRows = 0,
  usageBytes = 0;
for (const text of files.usage()) {
  const path = join(dir, `Usage-${usagePaths.length + 1}.csv`);
  await writeFile(path, text);
  usagePaths.push(path);
  usageRows += text.split('\n').length - 2;
  usageBytes += text.length;
}
// One more month of exports arriving later: the same organisation's usage export a month on (its 12 months
// overlap all but one of the workspace's), a further 1M-row file imported into the loaded workspace.
const later = generateSampleFiles({
  seed: 42,
  users,
  teams: 25,
  products: 40,
  endDay: endDay + 30,
  targetEvents: 1_000_000,
  usageParts: 1,
});
const laterPath = join(dir, 'Usage-later.csv');
let laterRows = 0;
for (const text of later.usage()) {
  await writeFile(laterPath, text);
  laterRows = text.split('\n').length - 2;
}
await writeFile(join(dir, 'Users.csv'), files.users);
await writeFile(join(dir, 'Subscriptions.csv'), files.subscriptions);
console.error(
  `workload: ${users.toLocaleString('en')} users, ${usageRows.toLocaleString('en')} usage rows in ${parts} file(s), ${(usageBytes / 1024 ** 2).toFixed(0)} MB`,
);
const scale = `${(usageRows / 1e6).toFixed(1)}M`;
const out = new FigurePrinter(usageRows);

// Cross-origin isolation lets the page measure its workers' memory (performance.measureUserAgentSpecificMemory).
const site = await serveStatic(undefined, undefined, {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
});
const browser = await launchBrowser(['--enable-blink-features=ForceEagerMeasureMemory', '--js-flags=--expose-gc']);

interface MemoryBreakdown {
  bytes: number;
  attribution?: { url: string; scope: string }[];
}
async function workerMemory(page: import('playwright-core').Page, name: string): Promise<number> {
  // A worker may end meanwhile (the cache writer lives for one write): it has nothing left to collect.
  for (const w of page.workers()) await w.evaluate('typeof gc === "function" && gc()').catch(() => undefined);
  return page.evaluate(async (n) => {
    const m = await (
      performance as unknown as { measureUserAgentSpecificMemory: () => Promise<{ breakdown: MemoryBreakdown[] }> }
    ).measureUserAgentSpecificMemory();
    return m.breakdown
      .filter((b) => b.attribution?.some((a) => a.scope === 'DedicatedWorkerGlobalScope' && a.url.includes(n)))
      .reduce((s, b) => s + b.bytes, 0);
  }, name);
}
/**
 * Waits until an element (holding `text`, when given) is on the page, checked every frame: a locator's
 * wait polls up to half a second apart, which would round the figures to it.
 */
const appears = async (page: import('playwright-core').Page, selector: string, text = '') => {
  await page.waitForFunction(
    ([sel, t]) => [...document.querySelectorAll(sel)].some((e) => (e.textContent ?? '').includes(t)),
    [selector, text] as const,
    { polling: 'raf', timeout: 1_800_000 },
  );
};
const firstRow = (page: import('playwright-core').Page) => appears(page, '.report-table__row .report-table__td');
const importComplete = (page: import('playwright-core').Page) => appears(page, '[role=status]', 'Import complete');

try {
  const page = await browser.context.newPage();
  // tsx (esbuild) wraps named functions in __name(); functions sent to the page need it defined there.
  await page.addInitScript('window.__name = (f) => f');
  await page.addInitScript(() => {
    const w = window as unknown as { __longtasks: number[] };
    w.__longtasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longtasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`${site.url}#/import`);
  await page.locator('input[type=file]').setInputFiles([join(dir, 'Users.csv'), join(dir, 'Subscriptions.csv')]);
  await importComplete(page);

  // Import: the 1M-row file through the file input, to stored and shown.
  await page.goto(`${site.url}#/import`);
  await page.evaluate(() => {
    (window as unknown as { __longtasks: number[] }).__longtasks.length = 0;
  });
  const t0 = Date.now();
  await page.locator('input[type=file]').setInputFiles(usagePaths);
  await importComplete(page);
  const storedMs = Date.now() - t0;
  // The import's own tasks: read before the report page is opened, whose first paint is not the import's.
  const longest = await page.evaluate(() => Math.max(0, ...(window as unknown as { __longtasks: number[] }).__longtasks));
  await page.goto(`${site.url}#/report?range=12m&asof=data`);
  await firstRow(page);
  const importMs = Date.now() - t0;
  const longtaskSupported = await page.evaluate(() => PerformanceObserver.supportedEntryTypes.includes('longtask'));
  out.add(
    'import',
    `import ${scale}-row usage CSV (${(usageBytes / 1024 ** 2).toFixed(0)} MB in ${parts} file(s)), drop to stored and first report`,
    importMs / 1000,
    's',
    `stored and merged after ${(storedMs / 1000).toFixed(2)} s`,
  );
  out.add(
    'longtask',
    'longest main-thread task during that import',
    longest,
    'ms',
    longtaskSupported ? 'PerformanceObserver longtask (tasks over 50 ms); 0 means none' : 'longtask entries not supported',
  );

  // Reopen: reload to the first report rows on screen, once the workspace is in its cache (an admin opening
  // the app again later; the engine writes the cache in the background once it is quiet).
  const cacheSettled = () =>
    page
      .workers()
      .find((w) => w.url().includes('engine'))
      ?.evaluate(() => (self as unknown as { seatwiseCacheSettled: () => Promise<void> }).seatwiseCacheSettled());
  await cacheSettled();
  const reopen: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = Date.now();
    await page.reload();
    await firstRow(page);
    reopen.push(Date.now() - t);
  }
  out.add('reopen', `reopen the app with ${scale} events stored to first report rows`, median(reopen), 'ms', `median of ${reopen.length}`);

  // A filter change as the UI shows it: from the change event to the new count and rows painted.
  const teams = await page.locator('#f-team option').evaluateAll((os) =>
    os
      .map((o) => (o as HTMLOptionElement).value)
      .filter(Boolean)
      .slice(0, 6),
  );
  const filterTimes: number[] = [];
  for (const team of [...teams, '']) {
    filterTimes.push(
      await page.evaluate(async (value) => {
        const select = document.querySelector<HTMLSelectElement>('#f-team')!;
        const count = document.querySelector('[data-testid=row-count]')!;
        const before = count.textContent;
        const start = performance.now();
        select.value = value;
        select.dispatchEvent(new Event('change', { bubbles: true }));
        await new Promise<void>((resolve) => {
          const check = () =>
            count.textContent !== before && document.querySelector('.report-table__row .report-table__td')
              ? resolve()
              : requestAnimationFrame(check);
          requestAnimationFrame(check);
        });
        await new Promise((r) => requestAnimationFrame(() => r(null)));
        return performance.now() - start;
      }, team),
    );
  }
  out.add(
    'filter-change',
    `report visible after a filter change (team), ${scale} events, worst`,
    Math.max(...filterTimes),
    'ms',
    `worst of ${filterTimes.length} (six teams and All Teams); median ${median(filterTimes).toFixed(0)} ms; each ${filterTimes.map((t) => t.toFixed(0)).join(', ')} ms`,
  );

  // Sort all rows by a header click, to the first re-sorted row painted.
  const rowsText = await page.getByTestId('row-count').textContent();
  const sortTimes: number[] = [];
  const engineSort: number[] = [];
  for (const column of ['days_used', 'name', 'last_accessed', 'days_used', 'email']) {
    sortTimes.push(
      await page.evaluate(async (col) => {
        const first = () => document.querySelector('.report-table__row')?.textContent ?? '';
        const before = first();
        const start = performance.now();
        document.querySelector<HTMLButtonElement>(`button[data-column="${col}"]`)!.click();
        await new Promise<void>((resolve) => {
          const check = () => (first() !== before && !first().includes('Loading') ? resolve() : requestAnimationFrame(check));
          requestAnimationFrame(check);
        });
        return performance.now() - start;
      }, column),
    );
    engineSort.push(Number(await page.getByTestId('row-count').getAttribute('data-compute-ms')));
  }
  out.add(
    null,
    `sort ${rowsText}: engine time in the worker`,
    median(engineSort),
    'ms',
    `median of ${engineSort.length}; the 50,000-row budget is measured by npm run bench`,
  );
  out.add(
    null,
    `sort ${rowsText} by a header click, as seen in the UI`,
    median(sortTimes),
    'ms',
    'header click to re-sorted rows painted: worker round trip, router and paint included',
  );

  // Scrolling: frames painted while the table scrolls for two seconds.
  const fps = await page.evaluate(async () => {
    const table = document.querySelector<HTMLElement>('[data-testid=report-table]')!;
    let frames = 0;
    const start = performance.now();
    await new Promise<void>((resolve) => {
      const step = () => {
        frames++;
        table.scrollTop += 340;
        if (performance.now() - start < 2000) requestAnimationFrame(step);
        else resolve();
      };
      requestAnimationFrame(step);
    });
    return frames / ((performance.now() - start) / 1000);
  });
  out.add(null, `table scrolling through ${rowsText}`, fps, 'fps', 'aim: 60');

  // XLSX export of all rows (All Teams, 12 months).
  const t1 = Date.now();
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByRole('menuitem', { name: 'Excel (.xlsx)' }).click()]);
  out.add(
    null,
    `XLSX export of ${rowsText}`,
    (Date.now() - t1) / 1000,
    's',
    'every row; the 50,000-row budget is measured by npm run bench',
  );

  // A cancelled import: the workspace stays as it was and the import worker gives its memory back.
  await page.goto(`${site.url}#/import`);
  const facts = await page.getByTestId('workspace-facts').textContent();
  const idle = await workerMemory(page, 'import');
  await page.locator('input[type=file]').setInputFiles(usagePaths[0]!);
  await page.waitForFunction(() => Number(document.querySelector('progress')?.getAttribute('value') ?? 0) > 0.5, undefined, {
    timeout: 60_000,
  });
  const during = await workerMemory(page, 'import');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('status').filter({ hasText: 'cancelled' }).waitFor({ timeout: 60_000 });
  const after = await workerMemory(page, 'import');
  const unchanged = (await page.getByTestId('workspace-facts').textContent()) === facts;
  out.add(
    null,
    'import worker memory: idle, half-way through a 1M-row file, after Cancel',
    after / 1024 ** 2,
    'MB',
    `idle ${(idle / 1024 ** 2).toFixed(1)} MB, during ${(during / 1024 ** 2).toFixed(1)} MB, after ${(after / 1024 ** 2).toFixed(1)} MB; workspace ${unchanged ? 'unchanged' : 'CHANGED'}`,
  );
  if (!unchanged) throw new Error('A cancelled import changed the workspace');

  const storage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
  out.add(null, 'IndexedDB and cache storage used', storage / 1024 ** 2, 'MB', `${(storage / usageRows).toFixed(1)} bytes per event`);
  const engineHeap = await workerMemory(page, 'engine');
  out.add(
    'heap-per-event',
    `engine worker heap per stored event (everything, measured by Chromium), ${scale} events`,
    engineHeap / usageRows,
    'B',
    `${(engineHeap / 1024 ** 2).toFixed(0)} MB`,
  );
  // The free-text filter keeps lower-cased names once a search has been made: measured apart.
  await page.goto(`${site.url}#/report?range=12m&asof=data&q=an`);
  await firstRow(page);
  const searchedHeap = await workerMemory(page, 'engine');
  out.add(null, 'the same, after a search by name', searchedHeap / usageRows, 'B', `${(searchedHeap / 1024 ** 2).toFixed(0)} MB`);
  const engineWorker = page.workers().find((w) => w.url().includes('engine'));
  if (engineWorker) {
    await engineWorker.evaluate('self.__name = (f) => f');
    const m = await engineWorker.evaluate(() =>
      (self as unknown as { seatwiseMemory: () => { events: number; bytes: number; bytesPerEvent: number } }).seatwiseMemory(),
    );
    out.add(
      null,
      'engine worker typed arrays per stored event',
      m.bytesPerEvent,
      'B',
      `${(m.bytes / 1024 ** 2).toFixed(1)} MB for ${m.events.toLocaleString('en')} events`,
    );
  }

  // One more 1M-row import into the loaded workspace, to its first report.
  await page.goto(`${site.url}#/import`);
  const t2 = Date.now();
  await page.locator('input[type=file]').setInputFiles(laterPath);
  await importComplete(page);
  await page.goto(`${site.url}#/report?range=12m&asof=data`);
  await firstRow(page);
  const laterMs = Date.now() - t2;
  const engine = page.workers().find((w) => w.url().includes('engine'));
  const load = engine
    ? await engine.evaluate(() =>
        (self as unknown as { seatwiseLastLoad: () => { way: string; why?: string; prepared?: true } }).seatwiseLastLoad(),
      )
    : null;
  out.add(
    'one-more-import',
    `first report after one more ${(laterRows / 1e6).toFixed(1)}M-row import into ${scale} events`,
    laterMs / 1000,
    's',
    load
      ? `the workspace ${load.way === 'added' ? `had the import added${load.prepared ? ' while it was stored' : ''}` : `was ${load.way}${load.why ? ` (${load.why})` : ''}`}`
      : undefined,
  );
} finally {
  await browser.close();
  await site.close();
  await rm(dir, { recursive: true, force: true });
}
const written = out.write('browser', { events: usageRows });
console.error(`figures written to ${written}`);
