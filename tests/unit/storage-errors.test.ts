/**
 * Fault injection: every write of every storing operation is made to fail in
 * turn (write 1, 2, … up to the number the operation does), as a full disk or
 * a browser error would; each time the admin's message says what was not
 * saved, and a dump of every table equals the dump before (docs/reliability.md).
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ImportService, type ImportInput } from '../../src/api/import/import-service';
import { clearWorkspace, deleteImport, type WorkspaceDb } from '../../src/storage/workspace-db';
import { backupWorkspace, restoreWorkspace } from '../../src/storage/workspace-backup';
import { queueChanges, setChangeState } from '../../src/storage/change-queue';
import type { ChangeDraft } from '../../src/core/vocabulary/change';
import { dumpWorkspace, faultyWorkspace, type FaultKind, type FaultPlan } from '../support/fault-injection';
import { csv } from '../support/workspace-from-csv';

const file = (name: string, text: string, lastModified = 1): ImportInput => ({ name, size: text.length, lastModified, source: text });
const USAGE = csv(
  'team,email,product_name,day_used,tokens_used,access_option',
  ...Array.from({ length: 40 }, (_, i) => `T,u${i % 7}@x.com,Revit,2026-01-${String((i % 28) + 1).padStart(2, '0')},${i},Flex`),
);
const USERS = csv(
  'team,email,product_name,access_option,assigned_date',
  'T,u1@x.com,AutoCAD,Subscription,2025-06-01',
  'T,u2@x.com,Revit,Flex,2025-06-01',
);
const FEB = csv('team,email,product_name,day_used', 'T,new@x.com,Maya,2026-02-03', 'T,new@x.com,Maya,2026-02-04');
const draft = (email: string): ChangeDraft => ({
  action: 'unassign',
  team: 'T',
  userKey: `e:${email}`,
  email,
  firstName: '',
  lastName: '',
  product: 'Revit',
  source: 'report',
});

let counter = 0;

/** A workspace with two imports, a queued change, a token purchase and a setting. */
async function seeded(): Promise<{ db: WorkspaceDb; plan: FaultPlan }> {
  const w = faultyWorkspace(`faults-${++counter}`);
  const reports = await new ImportService(w.db).importFiles([file('jan.csv', USAGE), file('users.csv', USERS)]);
  expect(reports.map((r) => r.status)).toEqual(['imported', 'imported']);
  await queueChanges(w.db, [draft('u1@x.com')], 'left the company');
  await w.db.tokenPurchases.add({ team: 'T', date: '2026-01-01', quantity: 100, expiry: '', note: '' });
  await w.db.settings.put({ key: 'prices', value: { tokenPrice: 3, seatPrice: {}, tokensPerDay: {}, defaultSeatPrice: 2000 } });
  await w.db.cache.put({ key: 'workspace', basis: 'test', value: { any: 'thing' } });
  w.plan.reset();
  return w;
}

let backupBytes: Uint8Array;
beforeAll(async () => {
  const other = faultyWorkspace(`faults-backup-${++counter}`);
  await new ImportService(other.db).importFiles([file('feb.csv', FEB)]);
  await queueChanges(other.db, [draft('new@x.com'), draft('u5@x.com')], 'from the backup');
  backupBytes = await backupWorkspace(other.db);
});

/** Runs an operation and returns what the admin is told when it fails (null when it succeeded). */
type Operation = (db: WorkspaceDb) => Promise<string | null>;
const thrown = async (work: () => Promise<unknown>): Promise<string | null> => {
  try {
    await work();
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
};

const OPERATIONS: { name: string; run: Operation; notSaved: RegExp }[] = [
  {
    name: 'storing a new import',
    run: async (db) => {
      const [r] = await new ImportService(db).importFiles([file('feb.csv', FEB)]);
      return r!.status === 'imported' ? null : r!.message;
    },
    notSaved: /^feb\.csv was not imported: /,
  },
  {
    name: 'storing an import that replaces the same file',
    run: async (db) => {
      const [r] = await new ImportService(db).importFiles([file('jan.csv', USAGE)]);
      return r!.status === 'imported' ? null : r!.message;
    },
    notSaved: /^jan\.csv was not imported: /,
  },
  {
    name: 'storing a held file the admin accepts',
    run: async (db) => {
      const svc = new ImportService(db);
      const [held] = await svc.importFiles([
        file('bad.csv', csv('team,email,product_name,day_used', 'T,b@x.com,Revit,2026-01-02', 'T,b@x.com,Revit,never')),
      ]);
      expect(held!.status).toBe('needs-decision');
      const r = await svc.acceptPending(held!.pendingId!);
      return r.status === 'imported' ? null : r.message;
    },
    notSaved: /^bad\.csv was not imported: /,
  },
  { name: 'removing an import', run: (db) => thrown(() => deleteImport(db, 1)), notSaved: /^jan\.csv was not removed: / },
  { name: 'restoring a backup', run: (db) => thrown(() => restoreWorkspace(db, backupBytes)), notSaved: /^The backup was not restored: / },
  {
    name: 'queueing changes',
    run: (db) => thrown(() => queueChanges(db, [draft('u2@x.com'), draft('u3@x.com')], 'inactive')),
    notSaved: /^The 2 changes were not queued: /,
  },
  {
    name: 'marking changes exported',
    run: (db) => thrown(() => setChangeState(db, [1], 'exported')),
    notSaved: /^No change was marked exported: /,
  },
  { name: 'deleting all data', run: (db) => thrown(() => clearWorkspace(db)), notSaved: /^The workspace was not deleted: / },
];

const KINDS: FaultKind[] = ['quota', 'quota-in-abort', 'quota-in-bulk', 'unknown'];
const MB = 1024 * 1024;

describe('a failed write changes nothing and says why', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  for (const op of OPERATIONS) {
    it(`${op.name}: fails at every write in turn, for every kind of fault`, async () => {
      vi.stubGlobal('navigator', { storage: { estimate: async () => ({ usage: 290 * MB, quota: 300 * MB }) } });
      // A clean run counts the writes the operation does (and shows that it changes something).
      const probe = await seeded();
      const before = await dumpWorkspace(probe.db);
      expect(await op.run(probe.db)).toBeNull();
      const writes = probe.plan.writes;
      expect(writes, probe.plan.log.join(', ')).toBeGreaterThan(0);
      probe.plan.reset();
      expect(await dumpWorkspace(probe.db)).not.toBe(before);

      for (const kind of KINDS) {
        for (let n = 1; n <= writes; n++) {
          const { db, plan } = await seeded();
          const dump = await dumpWorkspace(db);
          plan.reset(n, kind);
          const message = await op.run(db);
          const step = `${kind} at write ${n} of ${writes} (${plan.log[n - 1]})`;
          expect(message, step).toMatch(op.notSaved);
          if (kind === 'unknown') {
            expect(message, step).toMatch(
              /the browser could not write it \(UnknownError: Internal error writing to the backing store\.\)\. Nothing was changed/,
            );
          } else {
            // Writes that add data name their size; a delete cannot say how much more it needed.
            expect(message, step).toMatch(
              /browser storage is full\. It needs (about [\d,.]+ (KB|MB)|more space than is left); 10\.0 MB is free \(290\.0 MB of the 300\.0 MB this browser allows the site is used\)\. Nothing was changed\./,
            );
            expect(message, step).toMatch(/remove imports you no longer need.*download a backup/);
          }
          plan.reset();
          expect(await dumpWorkspace(db), step).toBe(dump);
          db.close();
        }
      }
      probe.db.close();
    });
  }

  it('says so when the browser gives no storage figures', async () => {
    vi.stubGlobal('navigator', undefined);
    const { db, plan } = await seeded();
    plan.reset(1, 'quota');
    const [r] = await new ImportService(db).importFiles([file('feb.csv', FEB)]);
    expect(r!.status).toBe('refused');
    expect(r!.message).toMatch(
      /^feb\.csv was not imported: browser storage is full\. It needs about \d+ KB; the browser does not say how much space is free\. Nothing was changed\./,
    );
  });

  it('names the size of a large import', async () => {
    vi.stubGlobal('navigator', { storage: { estimate: async () => ({ usage: 1000, quota: 5000 }) } });
    const { db, plan } = await seeded();
    const big = csv('team,email,product_name,day_used', ...Array.from({ length: 100_000 }, (_, i) => `T,p${i}@x.com,Revit,2026-01-05`));
    plan.reset(1, 'quota-in-abort');
    const [r] = await new ImportService(db).importFiles([file('big.csv', big)]);
    // 100,000 people and events: a few MB of records and typed arrays.
    const needed = Number(/It needs about ([\d.]+) MB/.exec(r!.message)?.[1]);
    expect(needed).toBeGreaterThan(1);
    expect(needed).toBeLessThan(50);
    expect(r!.message).toContain('4 KB is free (1 KB of the 5 KB');
  });
});
