import { beforeEach, describe, expect, it } from 'vitest';
import { ImportService, saveColumnPreset, type ImportInput } from '../../src/api/import/import-service';
import { WorkspaceDb, loadBatches, clearWorkspace } from '../../src/storage/workspace-db';
import { EngineSession } from '../../src/core/session/engine-session';
import { parseIsoDay } from '../../src/core/vocabulary/days';
import { EMPTY_VIEW } from '../../src/core/vocabulary/view-state';
import { csv } from '../support/workspace-from-csv';

let counter = 0;
const file = (name: string, text: string, lastModified = 1): ImportInput => ({ name, size: text.length, lastModified, source: text });

async function report(db: WorkspaceDb, from = '2026-01-01', to = '2026-01-31') {
  const s = new EngineSession();
  await s.load(await loadBatches(db));
  s.query({ ...EMPTY_VIEW, from, to }, parseIsoDay(to)!);
  return { session: s, rows: s.rows(0, 1000) };
}

describe('atomic, idempotent import (docs/import.md)', () => {
  let db: WorkspaceDb;
  beforeEach(async () => {
    db = new WorkspaceDb(`test-${++counter}`);
    await clearWorkspace(db);
  });

  const JAN_A = csv(
    'team,email,product_name,day_used,tokens_used,access_option',
    'T,a@x.com,Revit,2026-01-01,10,Flex',
    'T,a@x.com,Revit,2026-01-02,10,Flex',
    'T,a@x.com,Revit,2026-01-03,10,Flex',
  );
  const JAN_B = csv(
    'Team,Email,Product Name,Day Used,Tokens Used,Access Option',
    'T,A@X.com,Revit,2026-01-03,10,Flex',
    'T,a@x.com,Revit,2026-01-04,10,Flex',
  );

  it('importing the same file twice counts every event once', async () => {
    const svc = new ImportService(db);
    await svc.importFiles([file('jan.csv', JAN_A)]);
    await svc.importFiles([file('jan.csv', JAN_A)]);
    const { rows } = await report(db);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.days_used).toBe(3);
    expect(rows[0]!.tokens_used).toBe(30);
  });

  it('the same data under another file name is still counted once', async () => {
    const svc = new ImportService(db);
    await svc.importFiles([file('jan.csv', JAN_A), file('copy of jan.csv', JAN_A, 2)]);
    expect((await report(db)).rows[0]!.tokens_used).toBe(30);
  });

  it('overlapping files count each (team, user, product, day) once', async () => {
    const svc = new ImportService(db);
    await svc.importFiles([file('a.csv', JAN_A), file('b.csv', JAN_B)]);
    const r = (await report(db)).rows[0]!;
    expect(r.days_used).toBe(4);
    expect(r.tokens_used).toBe(40);
  });

  it('a later Users export completes an assignment with its unassigned_date', async () => {
    const svc = new ImportService(db);
    await svc.importFiles([
      file('users-1.csv', csv('team,email,product_name,access_option,assigned_date', 'T,a@x.com,AutoCAD,Subscription,2025-06-01')),
    ]);
    await svc.importFiles([
      file('users-2.csv', csv('team,email,product_name,assigned_date,unassigned_date', 'T,a@x.com,AutoCAD,2025-06-01,2026-01-15')),
    ]);
    const r = (await report(db)).rows[0]!;
    expect(r.unassigned_date).toBe('2026-01-15');
    expect(r.access_option).toBe('Subscription');
    expect(r.seat_assignment).toBe('Unassigned');
  });

  it('holds a file with unreadable rows until the admin decides, then stores only the good rows', async () => {
    const svc = new ImportService(db);
    const bad = csv('team,email,product_name,day_used', 'T,a@x.com,Revit,2026-01-01', 'T,a@x.com,Revit,not a date');
    const [rep] = await svc.importFiles([file('bad.csv', bad)]);
    expect(rep!.status).toBe('needs-decision');
    expect(rep!.errors[0]).toMatchObject({ row: 3, column: 'day_used' });
    expect(svc.errorsCsv(rep!.pendingId!)).toContain('bad.csv,,3,day_used,not a date');
    expect(await db.imports.count()).toBe(0); // nothing stored yet
    const accepted = await svc.acceptPending(rep!.pendingId!);
    expect(accepted.status).toBe('imported');
    expect((await report(db)).rows[0]!.days_used).toBe(1);
  });

  it('skipping a held file stores nothing', async () => {
    const svc = new ImportService(db);
    const [rep] = await svc.importFiles([file('bad.csv', csv('team,email,product_name,day_used', 'T,a@x.com,Revit,never'))]);
    svc.discardPending(rep!.pendingId!);
    expect(await db.imports.count()).toBe(0);
  });

  it('an unrecognised layout waits for a column mapping and leaves the workspace as it was', async () => {
    const svc = new ImportService(db);
    await svc.importFiles([file('a.csv', JAN_A)]);
    const [rep] = await svc.importFiles([file('junk.csv', 'just,some\nwords,here\n')]);
    expect(rep!.status).toBe('needs-mapping');
    expect(rep!.message).toMatch(/junk\.csv/);
    expect(rep!.mapping).toMatchObject({ header: ['just', 'some'], preview: [['words', 'here']] });
    expect((await report(db)).rows[0]!.tokens_used).toBe(30);
  });

  it('a saved column mapping imports that layout, now and next time', async () => {
    const svc = new ImportService(db);
    const odd = csv('Login,Application,When,Where', 'a@x.com,Revit,2026-01-10,T', 'a@x.com,Revit,2026-01-11,T');
    const [rep] = await svc.importFiles([file('odd.csv', odd)]);
    expect(rep!.status).toBe('needs-mapping');
    await expect(
      saveColumnPreset(db, {
        signature: rep!.mapping!.signature,
        section: 'usage',
        columns: { email: 0 },
        savedAt: '2026-11-22T00:00:00Z',
      }),
    ).rejects.toThrow(/needs a column for Product or Offering \(collection\), Day used/);
    await saveColumnPreset(db, {
      signature: rep!.mapping!.signature,
      section: 'usage',
      columns: { email: 0, product_name: 1, day_used: 2, team: 3 },
      savedAt: '2026-11-22T00:00:00Z',
    });
    const [again] = await svc.importFiles([file('odd.csv', odd)]);
    expect(again!.status).toBe('imported');
    expect(again!.notes.join(' ')).toMatch(/column mapping saved on 2026-11-22/);
    const [later] = await svc.importFiles([file('odd-february.csv', csv('Login,Application,When,Where', 'a@x.com,Revit,2026-01-12,T'))]);
    expect(later!.status).toBe('imported');
    const rows = (await report(db)).rows;
    expect(rows.find((r) => r.team === 'T' && r.product_name === 'Revit' && r.days_used === 3)).toBeTruthy();
  });

  it('a cancelled import stores nothing', async () => {
    const svc = new ImportService(db);
    const big = csv('team,email,product_name,day_used', ...Array.from({ length: 50_000 }, (_, i) => `T,u${i}@x.com,Revit,2026-01-01`));
    const pending = svc.importFiles([file('big.csv', big)], () => svc.cancel());
    svc.cancel();
    const [rep] = await pending;
    expect(rep!.status).toBe('cancelled');
    expect(await db.imports.count()).toBe(0);
    expect(await db.eventChunks.count()).toBe(0);
  });
});
