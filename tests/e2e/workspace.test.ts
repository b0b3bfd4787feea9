/** The workspace across tabs, its storage, and deleting it (docs/workspace.md), in Chromium. */
import { describe, expect, it } from 'vitest';
import { csvFile, download, importThroughInput, openPage, useSiteAndBrowser } from '../support/admin-page';

const env = useSiteAndBrowser();

describe('the workspace in Chromium', () => {
  it('keeps tabs consistent, shows its storage, and deletes everything when asked', async () => {
    const a = await openPage(env.browser().context, env.site().url, '#/report');
    const b = await openPage(env.browser().context, env.site().url, '#/report?from=2026-01-01&to=2026-01-31');
    await b.getByRole('heading', { name: 'Who keeps a seat?' }).waitFor();
    await importThroughInput(a, env.site().url, [
      csvFile('usage.csv', 'team,email,product_name,day_used\nT,tab@corp.test,Revit,2026-01-05\n'),
    ]);
    // The other tab hears of the import and shows the report without a reload.
    await expect.poll(() => b.getByTestId('row-count').textContent(), { timeout: 20_000 }).toBe('1 row');
    // The import page lists what the workspace holds; removing an import takes its rows away.
    await importThroughInput(a, env.site().url, [
      csvFile('wrong.csv', 'team,email,product_name,day_used\nT,oops@corp.test,Maya,2026-01-09\n'),
    ]);
    await expect.poll(() => b.getByTestId('row-count').textContent(), { timeout: 20_000 }).toBe('2 rows');
    expect(await a.getByTestId('imported-files').textContent()).toMatch(/wrong\.csv.*Usage \(daily\).*usage\.csv/);
    await a.getByRole('button', { name: 'Remove wrong.csv' }).click();
    await a.getByRole('dialog', { name: 'Remove this import?' }).getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => a.getByTestId('imported-files').textContent()).not.toContain('wrong.csv');
    await expect.poll(() => b.getByTestId('row-count').textContent(), { timeout: 20_000 }).toBe('1 row');

    await a.goto(`${env.site().url}#/settings`);
    await expect.poll(() => a.getByTestId('storage-use').textContent()).toMatch(/uses [\d.]+ MB of the [\d.]+ MB/);
    const backup = await download(a, () => a.getByRole('button', { name: 'Download backup' }).click());
    expect(backup.name).toMatch(/^seatwise-backup-\d{4}-\d{2}-\d{2}\.seatwise$/);
    await a.getByRole('button', { name: 'Delete all data…' }).click();
    await a.getByRole('dialog', { name: 'Delete all data?' }).getByRole('button', { name: 'Delete everything' }).click();
    await a.getByRole('heading', { name: 'Who keeps a seat?' }).waitFor();
    await b.getByRole('heading', { name: 'Who keeps a seat?' }).waitFor({ timeout: 20_000 });
    await b.reload();
    await b.getByRole('heading', { name: 'Who keeps a seat?' }).waitFor();

    // The hand-over: restore the backup in the emptied workspace.
    await a.goto(`${env.site().url}#/import`);
    await importThroughInput(a, env.site().url, [
      csvFile('other.csv', 'team,email,product_name,day_used\nT,x@corp.test,Maya,2026-01-07\n'),
    ]);
    await a.goto(`${env.site().url}#/settings`);
    await a
      .getByLabel('Restore from a backup file')
      .setInputFiles({ name: backup.name, mimeType: 'application/gzip', buffer: backup.bytes });
    await a.getByRole('dialog', { name: 'Restore this backup?' }).getByRole('button', { name: 'Replace the workspace' }).click();
    await expect.poll(() => a.getByTestId('settings-message').textContent()).toMatch(/Restored the backup of \d{4}-\d{2}-\d{2}: 1 imports/);
    await expect.poll(() => b.getByTestId('report-table').textContent(), { timeout: 20_000 }).toContain('tab@corp.test');
    expect(await b.getByTestId('report-table').textContent()).not.toContain('x@corp.test');
    expect(a.errors).toEqual([]);
    await a.close();
    await b.close();
  });

  it('reminds of inactive users when due, once, and opens the report filtered to them', async () => {
    const page = await openPage(env.browser().context, env.site().url, '#/import');
    const old = '2025-01-01';
    await importThroughInput(page, env.site().url, [
      csvFile('users.csv', `team,email,product_name,assigned_date\nT,idle@corp.test,Revit,${old}\nT,busy@corp.test,Revit,${old}\n`),
      csvFile('usage.csv', `team,email,product_name,day_used\nT,busy@corp.test,Revit,${new Date().toISOString().slice(0, 10)}\n`),
    ]);
    await page.goto(`${env.site().url}#/settings`);
    await page.getByLabel('How often').selectOption('weekly');
    await page.getByLabel('Inactive over').selectOption('3m');
    await page.getByRole('button', { name: 'Turn on' }).click();
    await expect
      .poll(() => page.getByTestId('notification-message').textContent())
      .toMatch(
        /^Notifications turned on: every week from [A-Z][a-z]{2} \d{1,2}, \d{4}, about people inactive over the past 3 months; next on/,
      );
    // In the background, the service worker answers a periodic sync with a browser notification.
    await env.browser().context.grantPermissions(['notifications'], { origin: new URL(env.site().url).origin });
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    const cdp = await env.browser().context.newCDPSession(page);
    const registration = new Promise<string>((resolve) =>
      cdp.on('ServiceWorker.workerRegistrationUpdated', (e) => {
        const r = e.registrations.find((x) => !x.isDeleted);
        if (r) resolve(r.registrationId);
      }),
    );
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.dispatchPeriodicSyncEvent', {
      origin: new URL(env.site().url).origin,
      registrationId: await registration,
      tag: 'seatwise-reminders',
    });
    await expect
      .poll(() => page.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => n.body)))
      .toEqual(['Your inactive-user reminder is due: open Seatwise to see who holds a seat without using it.']);
    await cdp.detach();

    const eml = await download(page, () => page.getByRole('button', { name: 'Download the digest now (.eml)' }).click());
    expect(eml.bytes.toString('utf8')).toContain('  - idle@corp.test <idle@corp.test>: Revit; last used never');

    await page.reload();
    const reminder = page.getByTestId('inactive-reminder');
    await expect.poll(() => reminder.textContent(), { timeout: 20_000 }).toMatch(/^1 inactive user over the past 3 months/);
    await reminder.getByRole('button', { name: 'View inactive users' }).click();
    await expect.poll(() => page.url()).toMatch(/#\/report\?range=3m&activity=inactive$/);
    await expect.poll(() => page.getByTestId('report-table').textContent()).toContain('idle@corp.test');
    await page.reload();
    await page.getByTestId('row-count').waitFor();
    expect(await reminder.count()).toBe(0); // raised once per scheduled day

    await page.goto(`${env.site().url}#/settings`);
    await page.getByRole('button', { name: 'Turn off' }).click();
    await expect.poll(() => page.getByTestId('notification-message').textContent()).toBe('Notifications turned off.');
    expect(page.errors).toEqual([]);
    await page.close();
  });
});
