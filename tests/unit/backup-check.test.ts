/**
 * A backup is checked whole before it replaces anything: a malformed row is
 * refused naming its table and row, and the workspace stays as it was; what a
 * damaged workspace still holds can be saved (docs/reliability.md, "Restore").
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ImportService, type ImportInput } from '../../src/api/import/import-service';
import { WorkspaceDb, loadBatches } from '../../src/storage/workspace-db';
import { backupWorkspace, restoreWorkspace, salvageWorkspace } from '../../src/storage/workspace-backup';
import { looksLikeWorkspace, whyNotOpened } from '../../src/storage/open-check';
import { queueChanges } from '../../src/storage/change-queue';
import { buildWorkspace } from '../../src/core/workspace/workspace';
import type { ChangeDraft } from '../../src/core/vocabulary/change';
import { dumpWorkspace } from '../support/fault-injection';
import { csv } from '../support/workspace-from-csv';

const file = (name: string, text: string): ImportInput => ({ name, size: text.length, lastModified: 1, source: text });
const JAN = csv(
  'team,email,product_name,day_used,tokens_used,access_option',
  'T,a@x.com,Revit,2026-01-05,10,Flex',
  'T,b@x.com,Revit,2026-01-06,2.5,Flex',
);
const USERS = csv('team,email,product_name,access_option,assigned_date', 'T,a@x.com,AutoCAD,Subscription,2025-06-01');
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
async function seeded(): Promise<WorkspaceDb> {
  const db = new WorkspaceDb(`check-${++counter}`);
  await new ImportService(db).importFiles([file('jan.csv', JAN), file('users.csv', USERS)]);
  await queueChanges(db, [draft('a@x.com'), draft('b@x.com')], 'r');
  await db.tokenPurchases.add({ team: 'T', date: '2026-01-01', quantity: 100, expiry: '', note: '' });
  await db.settings.put({ key: 'privacy', value: { key: 'ab12', personalDataOff: [] } });
  return db;
}

// biome-ignore lint/suspicious/noExplicitAny: test data is damaged freely, field by field
type Json = Record<string, any>;
let good: Json;
beforeAll(async () => {
  const db = await seeded();
  good = JSON.parse(gunzipSync(await backupWorkspace(db)).toString('utf8'));
});
const encode = (json: unknown) => new Uint8Array(gzipSync(Buffer.from(JSON.stringify(json))));
const typed = (name: string, values: number[]) => {
  const Ctor = { Uint32Array, Int32Array, Uint16Array, Float32Array }[name]!;
  return { $typed: name, b64: Buffer.from(new Ctor(values).buffer).toString('base64') };
};

/** Each case damages a copy of a good backup; the message names where. */
const CASES: { name: string; damage: (b: Json) => unknown; message: RegExp }[] = [
  {
    name: 'a typed array stored as a plain list',
    damage: (b) => {
      b.tables.imports[0].batch.eventKeys.team = [0, 0];
    },
    message: /table imports, row 1 \(id 1, jan\.csv\): batch\.eventKeys\.team is not an Int32Array/,
  },
  {
    name: 'an import without its batch',
    damage: (b) => {
      delete b.tables.imports[1].batch;
    },
    message: /table imports, row 2 \(id 2\): batch is missing/,
  },
  {
    name: 'an assignment pointing at no user',
    damage: (b) => {
      b.tables.imports[1].batch.assignments[0].user = 999;
    },
    message: /table imports, row 2 \(id 2, users\.csv\): batch\.assignments\[0\]\.user points at no user/,
  },
  {
    name: "a list of the people's emails shorter than the others",
    damage: (b) => {
      b.tables.imports[1].batch.users.email.pop();
    },
    message: /table imports, row 2 \(id 2, users\.csv\): batch\.users\.email is not a list of 1 values, one a person/,
  },
  {
    name: "a person's name that is not text",
    damage: (b) => {
      b.tables.imports[1].batch.users.lastName[0] = 7;
    },
    message: /table imports, row 2 \(id 2, users\.csv\): batch\.users\.lastName\[0\] is not text/,
  },
  {
    name: 'people stored as records (as batches were before), one of them damaged',
    damage: (b) => {
      const u = b.tables.imports[1].batch.users;
      b.tables.imports[1].batch.users = u.key.map((key: string, i: number) => ({
        key,
        email: u.email[i],
        hashedId: u.hashedId[i],
        firstName: 7,
        lastName: u.lastName[i],
        role: u.role[i],
      }));
    },
    message: /table imports, row 2 \(id 2, users\.csv\): batch\.users\[0\]\.firstName is not text/,
  },
  {
    name: 'an unknown kind of export',
    damage: (b) => {
      b.tables.imports[0].batch.source.section = 'weather';
    },
    message: /row 1 \(id 1, jan\.csv\): batch\.source\.section is not a known kind of export/,
  },
  {
    name: 'a chunk of no import',
    damage: (b) => {
      b.tables.eventChunks[0].importId = 99;
    },
    message: /table eventChunks, row 1 \(import 99, chunk 0\): importId points at no import/,
  },
  {
    name: 'a chunk with an event key out of range',
    damage: (b) => {
      b.tables.eventChunks[0].key = typed('Uint32Array', [0, 7]);
    },
    message: /table eventChunks, row 1 \(import 1, chunk 0\): key\[1\] points at no event key of its import/,
  },
  {
    name: 'a chunk whose columns differ in length',
    damage: (b) => {
      b.tables.eventChunks[0].day = typed('Uint16Array', [1]);
    },
    message: /table eventChunks, row 1 .*: day holds 1 values, not 2/,
  },
  {
    name: 'a typed array of an unknown type',
    damage: (b) => {
      b.tables.eventChunks[0].tokens = { $typed: 'BigInt64Array', b64: 'AAAA' };
    },
    message: /table eventChunks, row 1 .*: tokens is not a Float32Array/,
  },
  {
    name: 'a typed array whose bytes are not base64',
    damage: (b) => {
      b.tables.eventChunks[0].key = { $typed: 'Uint32Array', b64: '%%%' };
    },
    message: /table eventChunks, row 1 .*: key is not a Uint32Array/,
  },
  {
    name: 'events missing from an import',
    damage: (b) => {
      b.tables.imports[0].batch.eventCount = 5;
    },
    message: /table imports, row 1 \(id 1, jan\.csv\): its event chunks hold 2 events, not the 5 it lists/,
  },
  {
    name: 'a change in an unknown state',
    damage: (b) => {
      b.tables.changes[1].state = 'maybe';
    },
    message: /table changes, row 2 \(id 2\): state is not pending, exported, applied or undone/,
  },
  {
    name: 'a token purchase without a number',
    damage: (b) => {
      b.tables.tokenPurchases[0].quantity = 'lots';
    },
    message: /table tokenPurchases, row 1 \(id 1\): quantity is not a number/,
  },
  {
    name: 'a privacy setting without its key',
    damage: (b) => {
      b.tables.settings[0].value = { personalDataOff: [] };
    },
    message: /table settings, row 1 \(key privacy\): value\.key is not a hex key/,
  },
  {
    name: 'a row that is not a record',
    damage: (b) => {
      b.tables.changes.push(42);
    },
    message: /table changes, row 3: the row is not a record/,
  },
  {
    name: 'two changes with one id',
    damage: (b) => {
      b.tables.changes[1].id = 1;
    },
    message: /table changes, row 2 \(id 1\): the key 1 appears twice/,
  },
  {
    name: 'a table that is not a list',
    damage: (b) => {
      b.tables.changes = { 1: 'x' };
    },
    message: /table changes is not a list of rows/,
  },
  {
    name: 'a table Seatwise does not know',
    damage: (b) => {
      b.tables.extra = [];
    },
    message: /table extra is not a table Seatwise knows/,
  },
  {
    name: 'no format version',
    damage: (b) => {
      delete b.version;
    },
    message: /This backup has no valid format version \(none\)/,
  },
  {
    name: 'a format version from the future',
    damage: (b) => {
      b.version = 7;
    },
    message: /This backup comes from a newer Seatwise \(format 7; this one reads 2\): update the app first/,
  },
  {
    name: 'another format',
    damage: (b) => {
      b.format = 'something-else';
    },
    message: /This is not a Seatwise backup file\./,
  },
  {
    name: 'no tables',
    damage: (b) => {
      delete b.tables;
    },
    message: /This backup holds no tables/,
  },
];

describe('restore checks the whole backup first', () => {
  it('a good backup restores', async () => {
    const db = await seeded();
    await expect(restoreWorkspace(db, encode(good))).resolves.toMatchObject({ imports: 2, changes: 2, purchases: 1 });
  });

  for (const c of CASES) {
    it(`refuses ${c.name}, naming it, and changes nothing`, async () => {
      const db = await seeded();
      await db.cache.put({ key: 'workspace', basis: 'b', value: 1 });
      const before = await dumpWorkspace(db);
      const copy = structuredClone(good);
      c.damage(copy);
      await expect(restoreWorkspace(db, encode(copy))).rejects.toThrow(c.message);
      await expect(restoreWorkspace(db, encode(copy))).rejects.toThrow(/The workspace was not changed\.$/);
      expect(await dumpWorkspace(db)).toBe(before);
    });
  }

  it('lists the first problems and counts the rest', async () => {
    const copy = structuredClone(good);
    for (const c of copy.tables.changes) c.state = 'x';
    copy.tables.tokenPurchases[0].date = 'soon';
    copy.tables.imports[0].batch.teams = 'T';
    const db = await seeded();
    await expect(restoreWorkspace(db, encode(copy))).rejects.toThrow(
      /^This backup cannot be restored: table imports, row 1 \(id 1, jan\.csv\): batch\.teams is not a list of text; table changes, row 1 \(id 1\): state is not .*; table changes, row 2 \(id 2\): state is not .*; and 1 more problem\. The workspace was not changed\.$/,
    );
  });

  it('refuses bytes that are not gzip, or not text', async () => {
    const db = await seeded();
    await expect(restoreWorkspace(db, new Uint8Array([1, 2, 3]))).rejects.toThrow(
      /not a Seatwise backup file \(it could not be read\)\. The workspace was not changed\./,
    );
    await expect(restoreWorkspace(db, new Uint8Array(gzipSync(Buffer.from([0xff, 0xfe, 0x00]))))).rejects.toThrow(/could not be read/);
  });
});

describe('a workspace that will not open', () => {
  async function damaged(): Promise<WorkspaceDb> {
    const db = await seeded();
    const first = (await db.imports.get(1))!;
    await db.imports.put({ ...first, batch: { ...first.batch, eventKeys: null as never } });
    return db;
  }

  it('names the damaged record', async () => {
    const db = await damaged();
    const err = await loadBatches(db)
      .then((b) => buildWorkspace(b))
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(Error);
    expect(await whyNotOpened(db, err)).toBe(
      'a stored record is damaged: table imports, row 1 (id 1, jan.csv): batch.eventKeys is missing',
    );
  });

  it('saves what can be read, whole imports only, and that backup restores cleanly', async () => {
    const db = await damaged();
    const before = await dumpWorkspace(db);
    const r = await salvageWorkspace(db);
    expect(await dumpWorkspace(db)).toBe(before); // reading changes nothing
    expect(r.kept).toEqual({ imports: 1, changes: 2, purchases: 1, settings: 1 });
    expect(r.leftOut[0]).toMatch(/^table imports, row 1 \(id 1, jan\.csv\): batch\.eventKeys is missing$/);
    const fresh = new WorkspaceDb(`check-fresh-${++counter}`);
    await expect(restoreWorkspace(fresh, r.bytes)).resolves.toMatchObject({ imports: 1, changes: 2, purchases: 1 });
    expect((await fresh.imports.toArray()).map((i) => i.batch.source.fileName)).toEqual(['users.csv']);
    expect(await fresh.eventChunks.count()).toBe(0);
  });

  it('leaves out a whole import when one of its chunks is damaged', async () => {
    const db = await seeded();
    const [chunk] = await db.eventChunks.toArray();
    await db.eventChunks.put({ ...chunk!, day: new Uint16Array(0) });
    const r = await salvageWorkspace(db);
    expect(r.kept.imports).toBe(1);
    expect(r.leftOut).toEqual([
      'table eventChunks, row 1 (import 1, chunk 0): day holds 0 values, not 2',
      'table imports, row 1 (id 1, jan.csv): its event chunks hold 0 events, not the 2 it lists',
    ]);
    await expect(restoreWorkspace(new WorkspaceDb(`check-fresh-${++counter}`), r.bytes)).resolves.toMatchObject({ imports: 1 });
  });

  it('a cached workspace of another shape is not adopted', async () => {
    const db = await seeded();
    const ws = buildWorkspace(await loadBatches(db));
    expect(looksLikeWorkspace(ws)).toBe(true);
    expect(looksLikeWorkspace(structuredClone(ws))).toBe(true); // as IndexedDB gives it back
    expect(looksLikeWorkspace({})).toBe(false);
    expect(looksLikeWorkspace({ ...ws, keyTeam: [1, 2] })).toBe(false);
    expect(looksLikeWorkspace(null)).toBe(false);
  });
});
