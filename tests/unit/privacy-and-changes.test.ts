import { beforeEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { unzipSync } from 'fflate';
import { EngineSession } from '../../src/core/session/engine-session';
import { parseIsoDay } from '../../src/core/vocabulary/days';
import { EMPTY_VIEW, type ReportViewState } from '../../src/core/vocabulary/view-state';
import { keyToHex, newWorkspaceKey, pseudonymsFor } from '../../src/core/privacy/pseudonyms';
import { reportCsv, reportXlsx } from '../../src/core/export/report-export';
import { parseImportToAssign } from '../../src/core/changes/import-to-assign';
import { WorkspaceDb, clearWorkspace } from '../../src/storage/workspace-db';
import { listChanges, queueChanges, setChangeState } from '../../src/storage/change-queue';
import { bundle, changeLogXlsx, importToAssignFiles } from '../../src/core/changes/change-export';
import { batchesFromCsv, csv } from '../support/workspace-from-csv';
import { assignDrafts, presentableChanges, seatCheckView, unassignDrafts } from '../../src/core/session/changes';
import { exportContext } from '../../src/core/session/exports';

const TODAY = parseIsoDay('2026-03-31')!;
const VIEW: ReportViewState = { ...EMPTY_VIEW, from: '2026-01-01', to: '2026-03-31' };
const FILES: [string, string][] = [
  [
    'users.csv',
    csv(
      'team,email,first_name,last_name,product_name,access_option,assigned_date,group,group_type',
      'Alpha,ann@corp.test,Ann,Archer,AutoCAD,Subscription,2025-01-01,,',
      'Alpha,bob@corp.test,Bob,Baker,AutoCAD,Subscription,2025-01-01,Design,Group',
      'Alpha,cat@corp.test,Cat,Cole,AutoCAD,Subscription,2025-01-01,Everyone,Default',
      'Beta,dan@corp.test,Dan,Dent,Revit,Subscription,2025-01-01,,',
    ),
  ],
  ['subs.csv', csv('subscription_id,offering_name,seat_quantity,team,start_date,end_date', '1,AutoCAD,3,Alpha,2025-01-01,2027-01-01')],
  ['usage.csv', csv('team,email,product_name,day_used', 'Alpha,ann@corp.test,AutoCAD,2026-02-01')],
];
const REAL = ['ann@corp.test', 'bob@corp.test', 'cat@corp.test', 'dan@corp.test', 'Archer', 'Baker', 'Dent'];

async function session(personalDataOff: string[] = [], key = keyToHex(newWorkspaceKey())) {
  const s = new EngineSession();
  await s.load(await batchesFromCsv(FILES), { key, personalDataOff });
  return s;
}

describe('pseudonyms (docs/report.md, "Personal data")', () => {
  it('are HMAC-based: stable under one key, different under another, never a plain hash', async () => {
    const k1 = newWorkspaceKey(),
      k2 = newWorkspaceKey();
    const [a1] = await pseudonymsFor(k1, ['e:ann@corp.test']);
    const [a2] = await pseudonymsFor(k1, ['e:ann@corp.test']);
    const [b1] = await pseudonymsFor(k2, ['e:ann@corp.test']);
    expect(a1).toMatch(/^user-[0-9a-f]{10}$/);
    expect(a1).toBe(a2);
    expect(b1).not.toBe(a1);
    const plain = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode('ann@corp.test'))).toString('hex');
    expect(a1!.slice(5)).not.toBe(plain.slice(0, 10));
  });

  it('a team with personal data off shows and exports no plaintext name or email', async () => {
    const s = await session(['Alpha']);
    const o = s.query({ ...VIEW, team: 'Alpha' }, TODAY);
    expect(o.pseudonymised).toBe(true);
    const rows = s.rows(0, 100);
    expect(rows.every((r) => /^user-[0-9a-f]{10}$/.test(r.email))).toBe(true);
    const csvText = reportCsv(rows);
    const xlsx = Buffer.from(reportXlsx(rows, exportContext(s)));
    const xml = XLSX.read(xlsx, { type: 'buffer' });
    const dump =
      csvText +
      JSON.stringify(XLSX.utils.sheet_to_json(xml.Sheets['Usage Report']!)) +
      JSON.stringify(XLSX.utils.sheet_to_json(xml.Sheets.Filters!));
    for (const real of REAL) expect(dump).not.toContain(real);
    // searching by a real name finds nothing; by pseudonym it does
    expect(s.query({ ...VIEW, team: 'Alpha', q: 'archer' }, TODAY).rowCount).toBe(0);
    expect(s.query({ ...VIEW, team: 'Alpha', q: rows[0]!.email }, TODAY).rowCount).toBeGreaterThan(0);
  });

  it('under All Teams, any team off pseudonymises everyone; a team that is on shows names', async () => {
    const s = await session(['Alpha']);
    s.query(VIEW, TODAY);
    expect(
      s
        .rows(0, 100)
        .map((r) => r.email)
        .filter((e) => REAL.includes(e)),
    ).toEqual([]);
    s.query({ ...VIEW, team: 'Beta' }, TODAY);
    expect(s.rows(0, 10)[0]!.email).toBe('dan@corp.test');
  });

  it('the same person keeps the same pseudonym across reloads of one workspace', async () => {
    const key = keyToHex(newWorkspaceKey());
    const a = await session(['Alpha'], key),
      b = await session(['Alpha'], key);
    a.query({ ...VIEW, team: 'Alpha' }, TODAY);
    b.query({ ...VIEW, team: 'Alpha' }, TODAY);
    expect(a.rows(0, 10).map((r) => r.email)).toEqual(b.rows(0, 10).map((r) => r.email));
  });
});

describe('unassign rules (docs/report.md, "Unassigning from the report")', () => {
  it('group and default assignments cannot be unassigned; a direct one can', async () => {
    const s = await session();
    s.query({ ...VIEW, team: 'Alpha' }, TODAY);
    const rows = s.rows(0, 10);
    const by = (e: string) => rows.find((r) => r.email === e)!;
    expect(by('ann@corp.test').lockReason).toBe('');
    expect(by('bob@corp.test').lockReason).toMatch(/group "Design"/);
    expect(by('cat@corp.test').lockReason).toMatch(/default assignment/);
    expect(s.selectableRowIds()).toEqual([by('ann@corp.test').id]);
    const { drafts, refused } = unassignDrafts(
      s,
      rows.map((r) => r.id),
      'report',
    );
    expect(drafts.map((d) => d.email)).toEqual(['ann@corp.test']);
    expect(refused).toHaveLength(2);
  });
});

describe('the change queue (docs/changes.md)', () => {
  let db: WorkspaceDb;
  let n = 0;
  beforeEach(async () => {
    db = new WorkspaceDb(`changes-${++n}`);
    await clearWorkspace(db);
  });

  it('queues once, undoes, exports and applies, and the overlay shows the effect on tiles', async () => {
    const s = await session();
    s.query({ ...VIEW, team: 'Alpha' }, TODAY);
    const ann = s.rows(0, 10).find((r) => r.email === 'ann@corp.test')!;
    const { drafts } = unassignDrafts(s, [ann.id], 'report');
    expect((await queueChanges(db, drafts, 'left the company')).queued).toBe(1);
    expect((await queueChanges(db, drafts, 'again')).skipped[0]!.reason).toMatch(/already queued/);
    const changes = await listChanges(db);
    expect(changes[0]).toMatchObject({
      action: 'unassign',
      state: 'pending',
      reason: 'left the company',
      team: 'Alpha',
      product: 'AutoCAD',
    });

    const selectableBefore = s.query({ ...VIEW, team: 'Alpha' }, TODAY).selectableCount;
    expect(selectableBefore).toBe(s.selectableRowIds().length);
    expect(s.selectableRowIds()).toContain(ann.id);
    s.setChanges(changes);
    // The count sent with each answer ("select all" selects that many) leaves out the row whose unassign is queued.
    expect(s.query({ ...VIEW, team: 'Alpha' }, TODAY).selectableCount).toBe(selectableBefore - 1);
    expect(s.selectableRowIds()).not.toContain(ann.id);
    expect(s.selectableRowIds()).toHaveLength(selectableBefore - 1);
    expect(s.rows(0, 10).find((r) => r.email === 'ann@corp.test')!.pending).toBe('unassign');
    const before = s.query({ ...VIEW, team: 'Alpha', to: '2026-03-31' }, TODAY).tiles.assignedSeats;
    // include pending: the unassign frees a seat (as of the day it was queued)
    const withPending = new EngineSession();
    await withPending.load(await batchesFromCsv(FILES), undefined, changes, true);
    const today = new Date().toISOString().slice(0, 10);
    const after = withPending.query({ ...VIEW, team: 'Alpha', from: today, to: today }, parseIsoDay(today)!).tiles;
    const baseline = s.query({ ...VIEW, team: 'Alpha', from: today, to: today }, parseIsoDay(today)!).tiles;
    expect(before).toBe(3);
    expect(after.assignedSeats).toBe(baseline.assignedSeats - 1);
    expect(after.unassignedSeats).toBe(baseline.unassignedSeats + 1);

    expect(await setChangeState(db, [changes[0]!.id!], 'applied')).toBe(0); // pending cannot jump to applied
    expect(await setChangeState(db, [changes[0]!.id!], 'exported')).toBe(1);
    expect(await setChangeState(db, [changes[0]!.id!], 'applied')).toBe(1);
    expect((await listChanges(db))[0]!.state).toBe('applied');

    const cat = assignDrafts(s, 'Beta', 'Revit', [{ userRef: 'e:ann@corp.test' }], 'by-user', TODAY).drafts;
    await queueChanges(db, cat, 'cover');
    const second = (await listChanges(db))[1]!;
    expect(await setChangeState(db, [second.id!], 'undone')).toBe(1);
    expect((await listChanges(db))[1]!.state).toBe('undone');
    expect((await queueChanges(db, cat, 'cover again')).queued).toBe(1); // an undone change does not block a new one
  });

  it('assign drafts refuse people who hold the product, warn past the seats, and accept new people', async () => {
    const s = await session();
    const { drafts, refused } = assignDrafts(
      s,
      'Alpha',
      'AutoCAD',
      [{ userRef: 'e:ann@corp.test' }, { userRef: 'e:dan@corp.test' }, { email: 'New@Corp.test', firstName: 'Nia', lastName: 'New' }],
      'by-product',
      TODAY,
    );
    expect(refused).toEqual([{ label: 'e:ann@corp.test', reason: 'already has AutoCAD in Alpha' }]);
    expect(drafts.map((d) => d.email)).toEqual(['dan@corp.test', 'new@corp.test']);
    const check = seatCheckView(s, 'Alpha', 'AutoCAD', drafts.length, TODAY);
    expect(check).toMatchObject({ seats: 3, assigned: 3, adding: 2, over: true });
    expect(seatCheckView(s, 'Beta', 'Revit', 1, TODAY).seats).toBe(0);
  });

  it('a Flex row unassigns Flex access, and a pending Flex assign takes no seat', async () => {
    const s = new EngineSession();
    await s.load(
      await batchesFromCsv([
        ...FILES,
        ['flex.csv', csv('team,email,product_name,access_option,assigned_date', 'Alpha,eve@corp.test,AutoCAD,Flex,2025-01-01')],
      ]),
    );
    s.query({ ...VIEW, team: 'Alpha' }, TODAY);
    const eve = s.rows(0, 10).find((r) => r.email === 'eve@corp.test')!;
    expect(eve.access_option).toBe('Flex');
    expect(unassignDrafts(s, [eve.id], 'report').drafts).toMatchObject([{ action: 'unassign', access: 'Flex', product: 'AutoCAD' }]);
    const ann = s.rows(0, 10).find((r) => r.email === 'ann@corp.test')!;
    expect(unassignDrafts(s, [ann.id], 'report').drafts[0]!.access).toBeUndefined();

    const flexAssign = {
      ...assignDrafts(s, 'Alpha', 'AutoCAD', [{ userRef: 'e:dan@corp.test' }], 'by-product', TODAY).drafts[0]!,
      access: 'Flex' as const,
    };
    const seatAssign = assignDrafts(s, 'Alpha', 'AutoCAD', [{ userRef: 'e:dan@corp.test' }], 'by-product', TODAY).drafts[0]!;
    const pending = (d: typeof seatAssign, id: number) => ({
      ...d,
      id,
      reason: 'x',
      queuedAt: '2026-03-31T00:00:00Z',
      state: 'pending' as const,
      stateAt: '2026-03-31T00:00:00Z',
    });
    s.setChanges([pending(flexAssign, 1)]);
    expect(seatCheckView(s, 'Alpha', 'AutoCAD', 0, TODAY).pendingAssigns).toBe(0);
    s.setChanges([pending(seatAssign, 2)]);
    expect(seatCheckView(s, 'Alpha', 'AutoCAD', 0, TODAY).pendingAssigns).toBe(1);
  });

  it('exports pending changes as Import-to-Assign CSVs per product, zipped, and a log', async () => {
    const s = await session();
    const a = assignDrafts(s, 'Alpha', 'AutoCAD', [{ userRef: 'e:dan@corp.test' }], 'by-product', TODAY).drafts;
    const b = assignDrafts(
      s,
      'Beta',
      'Maya',
      [{ email: 'x@corp.test', firstName: 'X', lastName: '=cmd' }],
      'import-to-assign',
      TODAY,
    ).drafts;
    await queueChanges(db, [...a, ...b], 'new starters');
    const changes = await listChanges(db);
    const files = importToAssignFiles(changes, 'assign');
    expect(files.map((f) => f.fileName)).toEqual(['assign-AutoCAD-Alpha.csv', 'assign-Maya-Beta.csv']);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(files[1]!.bytes);
    expect(text).toBe("\ufeffFirst Name,Last Name,Email Address\r\nX,'=cmd,x@corp.test\r\n");
    const zipped = bundle(files, 'all.zip')!;
    expect(zipped.mimeType).toBe('application/zip');
    const cfb = XLSX.CFB.read(Buffer.from(zipped.bytes), { type: 'buffer' });
    const names = cfb.FullPaths.filter((p: string) => p.endsWith('.csv')).map((p: string) => p.split('/').pop());
    expect(names.sort()).toEqual(['assign-AutoCAD-Alpha.csv', 'assign-Maya-Beta.csv']);
    expect(bundle([files[0]!], 'x.zip')).toBe(files[0]);
    const log = XLSX.read(changeLogXlsx(changes), { type: 'array' });
    const rows = XLSX.utils.sheet_to_json<Record<string, string>>(log.Sheets.Changes!);
    expect(rows.map((r) => [r.action, r.email, r.state, r.reason])).toEqual([
      ['assign', 'dan@corp.test', 'Pending', 'new starters'],
      ['assign', 'x@corp.test', 'Pending', 'new starters'],
    ]);
  });

  it('the queue as presented pseudonymises everyone when any team is off', async () => {
    const s = await session(['Beta']);
    await queueChanges(db, assignDrafts(s, 'Alpha', 'Maya', [{ userRef: 'e:ann@corp.test' }], 'by-user', TODAY).drafts, '');
    s.setChanges(await listChanges(db));
    const shown = await presentableChanges(s);
    expect(shown[0]!.email).toMatch(/^user-/);
    const bytes = importToAssignFiles(shown, 'assign')[0]!.bytes;
    expect(new TextDecoder().decode(bytes)).not.toContain('ann@corp.test');
  });
});

describe('Import to Assign CSV', () => {
  it('reads First Name, Last Name, Email and names bad rows', () => {
    const r = parseImportToAssign(
      '\ufeffFirst Name,Last Name,Email\nAnn,Archer,ann@corp.test\nBob,Baker,\nCy,Cole,not-an-email\nAnn,Again,ANN@corp.test\n',
    );
    if ('error' in r) throw new Error(r.error);
    expect(r.people).toEqual([{ firstName: 'Ann', lastName: 'Archer', email: 'ann@corp.test' }]);
    expect(r.errors).toEqual([
      { row: 3, reason: 'no email' },
      { row: 4, reason: '"not-an-email" is not an email address' },
      { row: 5, reason: 'ann@corp.test is listed twice' },
    ]);
  });
  it('refuses a file without an Email column', () => {
    expect(parseImportToAssign('Name\nAnn\n')).toEqual({ error: expect.stringMatching(/No Email Address column/) });
  });
});

describe('zip', () => {
  it('writes entries a zip reader can read back', () => {
    const file = (fileName: string, bytes: Uint8Array) => ({ fileName, mimeType: 'text/csv', bytes });
    const { bytes } = bundle([file('a.csv', new TextEncoder().encode('x,y\n')), file('ü.csv', new Uint8Array([1, 2, 3]))], 'both.zip')!;
    const cfb = XLSX.CFB.read(Buffer.from(bytes), { type: 'buffer' });
    const entry = XLSX.CFB.find(cfb, 'a.csv');
    expect(new TextDecoder().decode(entry!.content as Uint8Array)).toBe('x,y\n');
    // The name is UTF-8 (flagged so); the sheet library's reader ignores the flag, fflate's does not.
    expect(unzipSync(bytes)['ü.csv']).toEqual(new Uint8Array([1, 2, 3]));
  });
});
