/**
 * Hand-built edge cases for `extendWorkspace`: each newer usage import is either declined or
 * gives, through `canonicalWorkspace`, exactly what `buildWorkspace` of every import gives; the
 * workspace extended (and a copy of it as the cache gives it back) is left as it was.
 * The random imports of extend-workspace.test.ts cover the common ground; these name the rules
 * one by one (people linking, team '', collections, Flex, access, versions, tokens, chains).
 */
import { describe, expect, it } from 'vitest';
import { ACCESS_FLEX, ACCESS_SUBSCRIPTION, ACCESS_UNKNOWN, type AccessCode, type UserRecord } from '../../src/core/workspace/batch';
import { extendWorkspace } from '../../src/core/workspace/extend-workspace';
import { buildWorkspace, type LoadedBatch, type Workspace } from '../../src/core/workspace/workspace';
import { parseIsoDay } from '../../src/core/vocabulary/days';
import { canonicalWorkspace } from '../support/workspace-canonical';
import { batchesFromCsv, csv } from '../support/workspace-from-csv';

/** One batch read from one CSV text. */
async function one(name: string, ...lines: string[]): Promise<LoadedBatch> {
  const [b, ...more] = await batchesFromCsv([[name, csv(...lines)]]);
  if (!b || more.length) throw new Error(`${name}: expected one batch`);
  return b;
}

const d = (iso: string) => parseIsoDay(iso)!;

interface KeySpec {
  team: string;
  user: number;
  product: string;
  access?: AccessCode;
  offering?: string;
  versions?: string[];
}

/** A usage batch built directly (what CSV cannot say: legacy records, keys without events). */
function usageBatch(users: UserRecord[], keys: KeySpec[], events: [key: number, day: string, tokens: number][]): LoadedBatch {
  const teams: string[] = [],
    products: string[] = [];
  const id = (xs: string[], v: string) => (xs.includes(v) ? xs.indexOf(v) : xs.push(v) - 1);
  const team = keys.map((k) => id(teams, k.team));
  const product = keys.map((k) => id(products, k.product));
  const offering = keys.map((k) => (k.offering ? id(products, k.offering) : -1));
  return {
    batch: {
      source: {
        fileName: 'usage.csv',
        sheet: null,
        section: 'usage',
        fileSize: 0,
        lastModified: 0,
        rowsRead: events.length,
        rowsSkipped: 0,
        importedAt: '2026-01-01T00:00:00.000Z',
        notes: [],
      },
      teams,
      products,
      users,
      assignments: [],
      subscriptions: [],
      groups: [],
      snapshot: [],
      eventKeys: {
        team: Int32Array.from(team),
        user: Int32Array.from(keys, (k) => k.user),
        product: Int32Array.from(product),
        access: Uint8Array.from(keys, (k) => k.access ?? ACCESS_UNKNOWN),
        offering: Int32Array.from(offering),
        versions: keys.map((k) => (k.versions ?? []).join('\n')),
      },
      eventCount: events.length,
    },
    chunks: [
      {
        seq: 0,
        key: Uint32Array.from(events, ([k]) => k),
        day: Uint16Array.from(events, ([, day]) => d(day)),
        tokens: Float32Array.from(events, ([, , t]) => t),
      },
    ],
  };
}

const person = (email: string, more: Partial<UserRecord> = {}): UserRecord => ({
  key: email ? `e:${email.toLowerCase()}` : more.hashedId ? `h:${more.hashedId}` : `a:${more.autodeskId}`,
  email,
  hashedId: '',
  autodeskId: '',
  firstName: '',
  lastName: '',
  role: '',
  ...more,
});

/**
 * Adds `later` one by one, each to the workspace of the step before (extended, or merged again when
 * declined), and checks each step: declined, or the full merge's workspace, also from a cached copy;
 * the workspace given is not modified. The outcome of each step: 'ok' or why it declined.
 */
function steps(base: LoadedBatch[], ...later: LoadedBatch[]): string[] {
  const outcomes: string[] = [];
  let ws: Workspace = buildWorkspace(base);
  const so = [...base];
  for (const [i, added] of later.entries()) {
    const before = canonicalWorkspace(ws);
    const cached = structuredClone(ws);
    const out = extendWorkspace(ws, added);
    expect(canonicalWorkspace(ws), `step ${i + 1}: the workspace extended is left as it was`).toEqual(before);
    so.push(added);
    const full = buildWorkspace(so);
    const fromCache = extendWorkspace(cached, added);
    expect(fromCache.ok, `step ${i + 1}: the cached copy extends as the workspace does`).toBe(out.ok);
    if (out.ok) {
      expect(canonicalWorkspace(out.ws), `step ${i + 1}`).toEqual(canonicalWorkspace(full));
      if (fromCache.ok) expect(canonicalWorkspace(fromCache.ws), `step ${i + 1}, from the cache`).toEqual(canonicalWorkspace(full));
      ws = out.ws;
      outcomes.push('ok');
    } else {
      ws = full;
      outcomes.push(out.why);
    }
  }
  return outcomes;
}

const USERS_HEAD = 'team,email,product_name,offering_name,access_option,assigned_date';
const USAGE_HEAD = 'team,email,product_name,offering_name,version,access_option,day_used,tokens_used';

/** a@x.com holds the AEC Collection (Revit, AutoCAD) in team T, and Maya (Flex) in T; b@x.com Revit in U. */
const holdings = () =>
  one(
    'users.csv',
    USERS_HEAD,
    'T,a@x.com,Revit,AEC Collection,Subscription,2025-01-01',
    'T,a@x.com,AutoCAD,AEC Collection,Subscription,2025-01-01',
    'T,a@x.com,Maya,,Flex,2025-01-01',
    'U,b@x.com,Revit,,Subscription,2025-01-01',
  );

describe('extendWorkspace, edge cases', () => {
  it('an empty import, and one into an empty workspace', async () => {
    const usage = await one('usage.csv', USAGE_HEAD, 'T,a@x.com,Revit,,2025,Subscription,2026-01-05,0');
    expect(steps([await holdings(), usage], usageBatch([], [], []))).toEqual(['ok']);
    expect(steps([], usage)).toEqual(['ok']);
  });

  it('keys named without events: on a known key its versions and access count; a new row without events declines', async () => {
    const base = [await holdings(), await one('usage.csv', USAGE_HEAD, 'T,a@x.com,Revit,,2025,,2026-01-05,')];
    const a = person('a@x.com');
    expect(
      steps(base, usageBatch([a], [{ team: 'T', user: 0, product: 'Revit', access: ACCESS_SUBSCRIPTION, versions: ['2026'] }], [])),
    ).toEqual(['ok']);
    // A new product under the held collection without events: it folds its name into the collection row.
    expect(steps(base, usageBatch([a], [{ team: 'T', user: 0, product: 'AutoCAD' }], []))).toEqual(['ok']);
    expect(steps(base, usageBatch([a], [{ team: 'V', user: 0, product: 'Inventor' }], []))).toEqual(['a new row would have no events']);
  });

  it('an email differing in case is the same person; the latest spelling is shown', async () => {
    const base = [await holdings(), await one('usage.csv', USAGE_HEAD, 'T,a@x.com,Revit,,,,2026-01-05,')];
    const later = await one('usage.csv', 'team,email,first_name,product_name,day_used', 'T,A@X.com,Ann,Revit,2026-02-05');
    expect(steps(base, later)).toEqual(['ok']);
  });

  it('a PII-off user (hashed id only) who later shows an email, then an Autodesk ID', async () => {
    const base = [
      await one('usage.csv', 'team,hashed_autodesk_id,product_name,day_used', 'T,HASH1,Revit,2026-01-05', 'T,HASH2,Maya,2026-01-05'),
    ];
    const withEmail = await one(
      'usage.csv',
      'team,email,hashed_autodesk_id,first_name,last_name,product_name,day_used',
      'T,zed@x.com,HASH1,Zed,Alpha,Revit,2026-02-05',
    );
    const withAdsk = await one('usage.csv', 'team,email,autodesk_id,product_name,day_used', 'T,zed@x.com,ADSK9,Revit,2026-03-05');
    const byAdsk = await one('usage.csv', 'team,autodesk_id,product_name,day_used', 'T,ADSK9,Inventor,2026-04-05');
    expect(steps(base, withEmail, withAdsk, byAdsk)).toEqual(['ok', 'ok', 'ok']);
  });

  it('a legacy record with only its key links to the person, both ways', async () => {
    const legacy = (key: string): UserRecord => ({ key, email: '', hashedId: '', firstName: 'Old', lastName: 'Record', role: '' });
    const base = [
      usageBatch(
        [legacy('e:a@x.com'), legacy('h:HL')],
        [
          { team: 'T', user: 0, product: 'Revit' },
          { team: 'T', user: 1, product: 'Maya' },
        ],
        [
          [0, '2026-01-05', Number.NaN],
          [1, '2026-01-05', Number.NaN],
        ],
      ),
    ];
    const modern = usageBatch(
      [person('A@x.com', { firstName: 'Ann' }), person('h@x.com', { hashedId: 'HL' })],
      [
        { team: 'T', user: 0, product: 'Revit' },
        { team: 'T', user: 1, product: 'Maya' },
      ],
      [
        [0, '2026-02-05', Number.NaN],
        [1, '2026-02-05', Number.NaN],
      ],
    );
    const legacyAgain = usageBatch(
      [legacy('e:a@x.com'), legacy('h:HL')],
      [{ team: 'T', user: 1, product: 'Revit' }],
      [[0, '2026-03-05', 1]],
    );
    expect(steps(base, modern, legacyAgain)).toEqual(['ok', 'ok']);
  });

  it('an email given up still links (an alias); the person taking it back drops the alias', async () => {
    const base = [
      await one('usage.csv', 'team,email,hashed_autodesk_id,product_name,day_used', 'T,old@x.com,H1,Revit,2026-01-05'),
      await one('usage.csv', 'team,email,hashed_autodesk_id,product_name,day_used', 'T,new@x.com,H1,Revit,2026-01-06'),
    ];
    const byOld = await one('usage.csv', 'team,email,product_name,day_used', 'T,old@x.com,Maya,2026-02-05');
    const byHash = await one('usage.csv', 'team,email,hashed_autodesk_id,product_name,day_used', 'T,third@x.com,H1,Revit,2026-03-05');
    const byNewAgain = await one('usage.csv', 'team,email,product_name,day_used', 'T,new@x.com,Revit,2026-04-05');
    expect(steps(base, byOld, byHash, byNewAgain)).toEqual(['ok', 'ok', 'ok']);
  });

  it('a new person linked through records of the new import only; linking two known people declines', async () => {
    const base = [await holdings(), await one('usage.csv', USAGE_HEAD, 'U,b@x.com,Revit,,,,2026-01-05,')];
    const three = usageBatch(
      [person('n@x.com', { firstName: 'New' }), person('', { hashedId: 'HN', lastName: 'Comer' }), person('N@x.com', { hashedId: 'HN' })],
      [
        { team: 'V', user: 1, product: 'Revit' },
        { team: 'V', user: 0, product: 'Revit' },
        { team: 'V', user: 2, product: 'Maya', access: ACCESS_FLEX },
      ],
      [
        [0, '2026-02-05', Number.NaN],
        [1, '2026-02-05', Number.NaN],
        [2, '2026-02-06', 4],
      ],
    );
    expect(steps(base, three)).toEqual(['ok']);
    const both = usageBatch(
      [person('a@x.com', { hashedId: 'HB' }), person('b@x.com', { hashedId: 'HB' })],
      [{ team: 'T', user: 0, product: 'Revit' }],
      [[0, '2026-02-05', 0]],
    );
    expect(steps(base, both)).toEqual(['the import links two known people']);
  });

  it("usage on team '' moves to the user's only team: onto the collection row, and Flex onto its own product's row", async () => {
    const base = [await holdings(), await one('usage.csv', USAGE_HEAD, 'T,a@x.com,Revit,,2025,,2026-01-05,')];
    const noTeam = await one(
      'usage.csv',
      'email,product_name,version,access_option,day_used,tokens_used',
      'a@x.com,AutoCAD,,Subscription,2026-02-05,0',
      'a@x.com,Revit,2026,Subscription,2026-02-05,0',
      'a@x.com,Maya,,Flex,2026-02-06,3',
      'a@x.com,3ds Max,,Flex,2026-02-06,5',
      'b@x.com,Revit,,Subscription,2026-02-07,',
    );
    expect(steps(base, noTeam, noTeam)).toEqual(['ok', 'ok']);
  });

  it('new keys whose usage moves to another new key of the same import, and to a known row with only moved usage', async () => {
    const base = [await one('users.csv', USERS_HEAD, 'T,c@x.com,Revit,,Subscription,2025-01-01')];
    // c@x.com's only team is T: Flex Maya of team '' lands on (T, Maya), a new key the file also names.
    const later = usageBatch(
      [person('c@x.com')],
      [
        { team: '', user: 0, product: 'Maya', access: ACCESS_FLEX },
        { team: 'T', user: 0, product: 'Maya', access: ACCESS_FLEX, versions: ['2026'] },
      ],
      [
        [0, '2026-02-05', 2],
        [1, '2026-02-05', 3],
        [0, '2026-02-06', 4],
      ],
    );
    // Only team '' again: onto the key that until now had only others' usage.
    const again = usageBatch(
      [person('c@x.com')],
      [{ team: '', user: 0, product: 'Inventor', access: ACCESS_FLEX }],
      [[0, '2026-03-01', 1]],
    );
    expect(steps(base, later, again)).toEqual(['ok', 'ok']);
    // Own usage on (T, Maya) when it only had moved usage.
    const onlyMoved = usageBatch(
      [person('c@x.com')],
      [{ team: '', user: 0, product: 'Maya', access: ACCESS_FLEX }],
      [[0, '2026-02-05', 2]],
    );
    const own = usageBatch([person('c@x.com')], [{ team: 'T', user: 0, product: 'Maya', access: ACCESS_FLEX }], [[0, '2026-03-05', 2]]);
    expect(steps(base, onlyMoved, own)).toEqual(['ok', "usage on a row that had only others' usage"]);
  });

  it('collection rows: offering named on usage rows, products without versions show their name, with versions "Product v"', async () => {
    const base = [await holdings()];
    const first = await one(
      'usage.csv',
      USAGE_HEAD,
      'T,a@x.com,AutoCAD,,,Subscription,2026-01-05,',
      'T,a@x.com,Revit,AEC Collection,2025,Subscription,2026-01-05,',
      'T,a@x.com,AEC Collection,,,Subscription,2026-01-06,',
    );
    const second = await one(
      'usage.csv',
      USAGE_HEAD,
      'T,a@x.com,AutoCAD,AEC Collection,,Subscription,2026-02-05,',
      'T,a@x.com,Revit,,2026,Subscription,2026-02-05,',
      'T,a@x.com,AEC Collection,,2026,,2026-02-06,',
    );
    expect(steps(base, first, second)).toEqual(['ok', 'ok']);
  });

  it('a product named under a collection for the first time declines; a product named as its own offering moves usage and declines', async () => {
    const base = [await holdings(), await one('usage.csv', USAGE_HEAD, 'T,a@x.com,AutoCAD,,,,2026-01-05,')];
    const newContent = await one('usage.csv', USAGE_HEAD, 'T,a@x.com,Civil 3D,AEC Collection,,Subscription,2026-02-05,');
    expect(steps(base, newContent)).toEqual(['the import names a product under a collection for the first time']);
    const ownOffering = await one('usage.csv', USAGE_HEAD, 'T,a@x.com,AutoCAD,AutoCAD,,Subscription,2026-02-05,');
    expect(steps(base, ownOffering)).toEqual(["a key's usage would move"]);
  });

  it('a versionless collection product that later names versions declines (its bare name would go)', async () => {
    const base = [await holdings(), await one('usage.csv', USAGE_HEAD, 'T,a@x.com,AutoCAD,,,,2026-01-05,')];
    const versions = await one('usage.csv', USAGE_HEAD, 'T,a@x.com,AutoCAD,,2026,,2026-02-05,');
    expect(steps(base, versions)).toEqual(['versions for a key that had none, under a collection']);
  });

  it('the access option said for the first time: Subscription on a folded key extends, Flex moves the usage and declines', async () => {
    const base = [await holdings(), await one('usage.csv', 'team,email,product_name,day_used', 'T,a@x.com,AutoCAD,2026-01-05')];
    const sub = await one('usage.csv', USAGE_HEAD, 'T,a@x.com,AutoCAD,,,Subscription,2026-02-05,');
    const flex = await one('usage.csv', USAGE_HEAD, 'T,a@x.com,AutoCAD,,,Flex,2026-02-05,3');
    expect(steps(base, sub)).toEqual(['ok']);
    expect(steps(base, flex)).toEqual(["a key's usage would move"]);
    // On a key of its own without an assignment: Flex said now would make the row Flex.
    const alone = [await one('usage.csv', 'team,email,product_name,day_used', 'V,z@x.com,Inventor,2026-01-05')];
    const aloneFlex = await one('usage.csv', USAGE_HEAD, 'V,z@x.com,Inventor,,,Flex,2026-02-05,3');
    const aloneSub = await one('usage.csv', USAGE_HEAD, 'V,z@x.com,Inventor,,,Subscription,2026-02-05,');
    expect(steps(alone, aloneFlex)).toEqual(["usage would change a row's access option"]);
    expect(steps(alone, aloneSub)).toEqual(['ok']);
  });

  it('Flex usage stays per product and keeps its tokens; subscription usage keeps none', async () => {
    const base = [
      await holdings(),
      await one('usage.csv', USAGE_HEAD, 'T,a@x.com,Maya,,,Flex,2026-01-05,3', 'T,a@x.com,Revit,,,,2026-01-05,0'),
    ];
    const later = await one(
      'usage.csv',
      USAGE_HEAD,
      'T,a@x.com,Maya,,,Flex,2026-01-05,4',
      'T,a@x.com,Maya,,,Flex,2026-01-06,1.5',
      'T,a@x.com,Revit,,,Flex,2026-02-05,2',
      'T,a@x.com,Revit,,,Subscription,2026-02-06,9',
      'T,a@x.com,Inventor,,,Flex,2026-02-05,7',
    );
    expect(steps(base, later)).toEqual(['ok']);
  });

  it('tokens: an import without tokens keeps the earlier figure of a day, with tokens replaces it, within one import rows add up', async () => {
    const base = [
      await one('users.csv', USERS_HEAD, 'T,f@x.com,Maya,,Flex,2025-01-01'),
      await one(
        'tokens.csv',
        'team,email,product_name,access_option,day_used,tokens_used',
        'T,f@x.com,Maya,Flex,2026-01-05,3',
        'T,f@x.com,Maya,Flex,2026-01-05,4',
        'T,f@x.com,Maya,Flex,2026-01-06,2',
      ),
    ];
    const noTokens = await one(
      'usage.csv',
      'team,email,product_name,access_option,day_used',
      'T,f@x.com,Maya,Flex,2026-01-05',
      'T,f@x.com,Maya,Flex,2026-01-07',
    );
    const f = person('f@x.com');
    const mixed = usageBatch(
      [f],
      [{ team: 'T', user: 0, product: 'Maya', access: ACCESS_FLEX }],
      [
        [0, '2026-01-06', Number.NaN],
        [0, '2026-01-06', 5],
        [0, '2026-01-05', Number.NaN],
        [0, '2026-01-04', 1],
      ],
    );
    expect(steps(base, noTokens, mixed, noTokens)).toEqual(['ok', 'ok', 'ok']);
  });

  it('new teams and products re-rank; first and last event day move both ways', async () => {
    const base = [await holdings(), await one('usage.csv', USAGE_HEAD, 'T,a@x.com,Revit,,,,2026-01-05,')];
    const later = await one(
      'usage.csv',
      'team,email,first_name,last_name,product_name,day_used',
      'Aardvarks,aa@x.com,Aa,Aa,3ds Max,2025-06-01',
      'zeta,zz@x.com,Zz,Zz,Zbrush,2026-12-31',
      'T,a@x.com,,,Revit,2026-01-04',
    );
    expect(steps(base, later)).toEqual(['ok']);
  });

  it('chained: four monthly imports, each added to the one before', async () => {
    const base = [await holdings()];
    const month = (m: string) =>
      one(
        'usage.csv',
        USAGE_HEAD,
        `T,a@x.com,Revit,,2025,Subscription,2026-${m}-05,`,
        `T,a@x.com,AutoCAD,AEC Collection,,Subscription,2026-${m}-06,`,
        `T,a@x.com,Maya,,,Flex,2026-${m}-05,2`,
        `,a@x.com,Fusion,,,Flex,2026-${m}-07,3`,
        `U,b@x.com,Revit,,2026,Subscription,2026-${m}-05,`,
      );
    expect(steps(base, await month('01'), await month('02'), await month('03'), await month('04'))).toEqual(['ok', 'ok', 'ok', 'ok']);
  });

  it('the workspace given is reused: two different imports added to it each give their own full merge', async () => {
    const base = [
      await holdings(),
      await one('usage.csv', USAGE_HEAD, 'T,a@x.com,Revit,,2025,,2026-01-05,', 'T,a@x.com,Maya,,,Flex,2026-01-05,2'),
    ];
    const ws = buildWorkspace(base);
    const before = canonicalWorkspace(ws);
    const one1 = await one(
      'usage.csv',
      'team,email,first_name,product_name,version,day_used',
      'T,A@x.com,Renamed,Revit,2026,2026-02-05',
      'V,new@x.com,,Revit,,2026-02-05',
    );
    const one2 = await one('usage.csv', USAGE_HEAD, 'T,a@x.com,Maya,,,Flex,2026-01-05,9', ',a@x.com,AutoCAD,,,,2026-02-05,');
    for (const added of [one1, one2, one1]) {
      const out = extendWorkspace(ws, added);
      expect(out.ok).toBe(true);
      if (out.ok) expect(canonicalWorkspace(out.ws)).toEqual(canonicalWorkspace(buildWorkspace([...base, added])));
      expect(canonicalWorkspace(ws)).toEqual(before);
    }
  });

  it('a version text that could not be split again declines', async () => {
    const base = [await holdings()];
    const a = person('a@x.com');
    expect(
      steps(base, usageBatch([a], [{ team: 'T', user: 0, product: 'Revit', versions: ['2025, SP1'] }], [[0, '2026-01-05', 0]])),
    ).toEqual(['a version text holds ", " or is empty']);
  });

  // Product names may hold ", " (a quoted CSV cell). Version lists are kept joined by ", ": a product's bare
  // name (or "Name version") folded into a collection row that holds one could not be split again, so the
  // extension declines, as the merge marks such a workspace not extendable.
  const commaCollection = () =>
    one('users.csv', USERS_HEAD, 'T,a@x.com,"Foo, Bar",Coll,Subscription,2025-01-01', 'T,a@x.com,Maya,Coll,Subscription,2025-01-01');

  it('a product named "Foo, Bar" folded into a collection row, then a version of another product on it: declined', async () => {
    const later = await one(
      'usage.csv',
      'team,email,product_name,version,day_used',
      'T,a@x.com,"Foo, Bar",,2026-01-05',
      'T,a@x.com,Maya,2026,2026-01-06',
    );
    // The merge's list is "Foo, Bar, Maya 2026": split again, it would read "Bar, Foo, Maya 2026".
    expect(steps([await commaCollection()], later)).toEqual(['a version text holds ", " or is empty']);
  });

  it('the same over two imports: the first is declined already', async () => {
    const first = await one('usage.csv', 'team,email,product_name,version,day_used', 'T,a@x.com,"Foo, Bar",,2026-01-05');
    const second = await one('usage.csv', 'team,email,product_name,version,day_used', 'T,a@x.com,Maya,2026,2026-02-05');
    expect(steps([await commaCollection()], first, second)).toEqual([
      'a version text holds ", " or is empty',
      // Merged instead, the workspace now holds the list, so nothing is added to it.
      'the workspace was merged with outstanding changes, or a version text of it holds ", " or is empty',
    ]);
  });
});
