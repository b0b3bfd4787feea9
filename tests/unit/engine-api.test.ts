/**
 * The engine API as the page calls it (src/api/engine), in Node with the real
 * store: queue an unassign with its reason, see it in the queue and on the rows,
 * include it in the report, export the portal's file and the report — no worker.
 */
import { describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { createEngineApi } from '../../src/api/engine';
import { createImportApi } from '../../src/api/import';
import { EngineSession } from '../../src/core/session/engine-session';
import { parseIsoDay } from '../../src/core/vocabulary/days';
import { EMPTY_VIEW } from '../../src/core/vocabulary/view-state';
import { WorkspaceDb, clearWorkspace } from '../../src/storage/workspace-db';
import { csv } from '../support/workspace-from-csv';

const USERS = csv(
  'team,email,first_name,last_name,product_name,access_option,assigned_date',
  'T,ann@x.com,Ann,Archer,Revit,Subscription,2025-01-01',
  'T,bob@x.com,Bob,Baker,Revit,Subscription,2025-01-01',
);
const USAGE = csv('team,email,product_name,day_used', 'T,ann@x.com,Revit,2026-01-05', 'T,ann@x.com,Revit,2026-01-30');
const view = { ...EMPTY_VIEW, team: 'T', from: '2026-01-01', to: '2026-01-31' };
const today = parseIsoDay('2026-01-31')!;

describe('the engine API, handler by handler', () => {
  it('queues an unassign, shows it, overlays it when asked, and exports it in the portal layout', async () => {
    const db = new WorkspaceDb('engine-api');
    await clearWorkspace(db);
    await createImportApi(db).importFiles([new File([USERS], 'users.csv'), new File([USAGE], 'usage.csv')], () => {});
    const api = createEngineApi(db, new EngineSession());
    await api.reload();
    const q = api.query(view, today);
    expect(q.tiles).toMatchObject({ assignedSeats: 2, activeUsers: 1, inactiveUsers: 1 });
    const bob = api.rows(0, 10).find((r) => r.email === 'bob@x.com')!;
    expect(bob.user_activity).toBe('Inactive');

    const queued = await api.unassign([bob.id], 'no use all month', 'report');
    expect(queued).toMatchObject({ refused: [] });
    const [change] = await api.changes();
    expect(change).toMatchObject({
      action: 'unassign',
      email: 'bob@x.com',
      product: 'Revit',
      reason: 'no use all month',
      state: 'pending',
    });
    api.query(view, today);
    expect(api.rows(0, 10).find((r) => r.email === 'bob@x.com')!.pending).toBe('unassign');

    // With pending changes included, the seat is freed on the day the change was queued (today here, after the range).
    await api.setIncludePending(true);
    expect(
      api.query({ ...view, from: null, to: null, range: '30d', asof: 'today' }, parseIsoDay(change!.queuedAt.slice(0, 10))!).tiles
        .assignedSeats,
    ).toBe(1);
    await api.setIncludePending(false);

    // One product: one CSV, not a zip.
    const file = (await api.exportChanges('unassign'))!;
    expect(file.fileName).toMatch(/Revit.*\.csv$/);
    expect(() => unzipSync(file.bytes)).toThrow();
    expect(
      new TextDecoder()
        .decode(file.bytes)
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/),
    ).toEqual(['First Name,Last Name,Email Address', 'Bob,Baker,bob@x.com']);
    expect((await api.changes())[0]!.state).toBe('exported');

    api.query(view, today);
    const report = await api.exportReport('csv');
    const lines = new TextDecoder()
      .decode(report.bytes)
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines).toHaveLength(3);
    expect(lines[0]!.split(',').slice(0, 5)).toEqual(['team', 'first_name', 'last_name', 'email', 'product_name']);
  });
});
