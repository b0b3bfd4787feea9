/**
 * Every export an admin has, from every era, read right (docs/formats.md,
 * docs/identity.md, docs/collections.md): one test per recognition and merge rule.
 */
import { describe, expect, it } from 'vitest';
import { computeReport } from '../../src/core/report/report';
import { parseIsoDay } from '../../src/core/vocabulary/days';
import { userDetail } from '../../src/core/report/user-detail';
import { detectSection, mapColumns } from '../../src/core/import/headers';
import { parseImportToAssign } from '../../src/core/changes/import-to-assign';
import { csv, readCsv, workspaceFromCsv } from '../support/workspace-from-csv';
import { reportQuery, reportRows } from '../support/workspace-from-csv';

const d = (s: string) => parseIsoDay(s)!;
const query = reportQuery;
const rows = reportRows;
const sectionOf = (header: string[]) => {
  const r = detectSection(header);
  return r.ok ? r.section : `mapping:${r.guess?.section ?? '-'}`;
};

describe('recognition of each era (docs/formats.md)', () => {
  it('up to 2022: snake_case usage with hashed_user_id, team_alias, usage_type and access_method is usage', () => {
    const header = [
      'day_used',
      'hashed_user_id',
      'team_alias',
      'offering_name',
      'product_name',
      'version',
      'tokens_used',
      'usage_type',
      'access_method',
      'plan',
      'account_status',
      'contract_manager_email',
    ];
    expect(sectionOf(header)).toBe('usage');
    const c = mapColumns(header);
    expect(c.hashed_autodesk_id).toBe(1);
    expect(c.team).toBe(2);
  });

  it('the seat-usage "by user" view is usage, never a Users export; User ID is the hashed id', () => {
    const header = [
      'User ID',
      'First name',
      'Last name',
      'User email',
      'Autodesk ID',
      'Offering name',
      'Product name',
      'Version',
      'Day used (MM/DD/YYYY)',
      'Last accessed date',
    ];
    expect(sectionOf(header)).toBe('usage');
    const c = mapColumns(header);
    expect([c.hashed_autodesk_id, c.email, c.autodesk_id, c.day_used, c.last_accessed]).toEqual([0, 3, 4, 8, 9]);
  });

  it("the header's own date format decides the day/month order", async () => {
    const text = csv(
      'User ID,First name,Last name,User email,Autodesk ID,Offering name,Product name,Version,Day used (DD/MM/YYYY),Last accessed date',
      'H1,Ann,Archer,ann@x.com,AUTODESK1,Revit,Revit,2025,03/04/2026,03/04/2026',
    );
    const out = await readCsv('by-user.csv', text);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.sheets[0]!.result.chunks[0]!.day[0]).toBe(d('2026-04-03'));
    expect(out.notes.join(' ')).toMatch(/day\/month\/year, as its header states/);
  });

  it('after 2026: Users with no product column import people and roles only', async () => {
    const header = ['Autodesk ID', 'Email', 'First name', 'Last name', 'Role', 'Team'];
    expect(sectionOf(header)).toBe('users');
    const ws = await workspaceFromCsv([
      'users.csv',
      csv(header.join(','), 'AD1,ann@x.com,Ann,Archer,Primary admin,Alpha', 'AD2,bob@x.com,Bob,Baker,User,Alpha'),
    ]);
    expect(ws.users.map((u) => [u.email, u.role, u.autodeskId])).toEqual([
      ['ann@x.com', 'Primary admin', 'AD1'],
      ['bob@x.com', 'User', 'AD2'],
    ]);
    expect(ws.keyCount).toBe(0);
  });

  it('Groups in every spelling: Group type, Group_type', () => {
    expect(sectionOf(['Group', 'Group type', 'Role', 'Email'])).toBe('groups');
    expect(sectionOf(['Team', 'Group', 'Group_type', 'Email'])).toBe('groups');
  });

  it('Token Usage with Feature is token usage; the split PII-off and PII-on usage files are usage', () => {
    expect(sectionOf(['Team', 'Email', 'First name', 'Last name', 'Product', 'Feature', 'Day used', 'Tokens used'])).toBe('token_usage');
    expect(sectionOf(['Day used', 'Access option', 'Team', 'hashed_autodesk_id', 'offering_name', 'product_name'])).toBe('usage');
    expect(
      sectionOf([
        'Day used',
        'Access option',
        'Team',
        'hashed_autodesk_id',
        'autodesk_id',
        'Email',
        'First name',
        'Last name',
        'offering_name',
        'product_name',
      ]),
    ).toBe('usage');
  });

  it('the 19-column Usage Report is a Usage Report', () => {
    expect(
      sectionOf([
        'hashed_autodesk_id',
        'first_name',
        'last_name',
        'email',
        'autodesk_id',
        'team_alias',
        'group',
        'offering_name',
        'version',
        'seat_assignment',
        'assigned_date',
        'unassigned_date',
        'user_activity',
        'days_inactive',
        'access_option',
        'days_used',
        'monthly_average',
        'tokens_used',
        'last_accessed',
      ]),
    ).toBe('usage_report');
  });

  it('a file whose best guess would leave telling columns unread opens the mapping step with the guess', () => {
    const r = detectSection(['email', 'product_name', 'day_used', 'days_used']);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.guess).toBeDefined();
    expect(r.reason).toMatch(/days?_used column would not be read/);
  });

  it('a list of people alone (an Import to Assign file) is not taken for a Users export', () => {
    expect(sectionOf(['First Name', 'Last Name', 'Email Address'])).toMatch(/^mapping:/);
  });

  it('two columns of one name are never resolved silently', () => {
    const r = detectSection(['team', 'email', 'email', 'product_name', 'day_used']);
    expect(!r.ok && r.reason).toMatch(/two columns named "email"/);
  });

  it('lists the columns that were not used on the summary', async () => {
    const out = await readCsv(
      'old.csv',
      csv(
        'day_used,hashed_user_id,team_alias,offering_name,product_name,version,tokens_used,usage_type,access_method,plan,account_status,contract_manager_email',
        '2021-03-04,H1,Alpha,Revit,Revit,2021,,Subscription,Single-user,Standard,Active,cm@x.com',
      ),
    );
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.notes.join(' ')).toMatch(/columns not used: access_method, plan, account_status, contract_manager_email/);
    expect(out.sheets[0]!.result.errorCount).toBe(0);
  });

  it('masks such as ***** identify nobody: a row with only masks is named as an error', async () => {
    const out = await readCsv(
      'masked.csv',
      csv('team,email,hashed_autodesk_id,product_name,day_used', 'A,*****,H1,Revit,2026-01-02', 'A,*****,*****,Revit,2026-01-03'),
    );
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const r = out.sheets[0]!.result;
    expect(r.batch.users.map((u) => u.key)).toEqual(['h:H1']);
    expect(r.errors.map((e) => [e.row, e.reason])).toEqual([[3, 'no email or user id']]);
  });
});

describe('one person across PII on and off (docs/identity.md)', () => {
  const PII_OFF = csv(
    'Day used,Access option,Team,hashed_autodesk_id,offering_name,product_name',
    '2026-01-05,Subscription,Alpha,HASH-ANN,Revit,Revit',
    '2026-01-06,Subscription,Alpha,HASH-ANN,Revit,Revit',
    '2026-01-07,Subscription,Alpha,*****,Revit,Revit',
  );
  const PII_ON = csv(
    'Day used,Access option,Team,hashed_autodesk_id,autodesk_id,Email,First name,Last name,offering_name,product_name',
    '2026-01-06,Subscription,Alpha,HASH-ANN,AD-ANN,ann@x.com,Ann,Archer,Revit,Revit',
    '2026-01-08,Subscription,Alpha,HASH-ANN,AD-ANN,ann@x.com,Ann,Archer,Revit,Revit',
  );
  const USERS = csv('Autodesk ID,Email,First name,Last name,Role,Team', 'AD-ANN,ann@x.com,Ann,Archer,User,Alpha');
  const q = query('2026-01-01', '2026-01-31');

  for (const [name, files] of [
    [
      'PII off first',
      [
        ['off.csv', PII_OFF],
        ['on.csv', PII_ON],
      ],
    ],
    [
      'PII on first',
      [
        ['on.csv', PII_ON],
        ['off.csv', PII_OFF],
      ],
    ],
  ] as [string, [string, string][]][]) {
    it(`combines the days of one person, ${name}, counting none twice`, async () => {
      // The masked row identifies nobody: it is an error, so the helper would throw; leave it out here.
      const ws = await workspaceFromCsv(
        ...files.map(([n, t]): [string, string] => [
          n,
          t
            .split('\n')
            .filter((l) => !l.includes(',*****,'))
            .join('\n'),
        ]),
      );
      const r = rows(ws, q);
      expect(r).toHaveLength(1);
      expect(r[0]).toMatchObject({
        email: 'ann@x.com',
        first_name: 'Ann',
        product_name: 'Revit',
        days_used: 3,
        last_accessed: '2026-01-08',
      });
    });
  }

  it('an Autodesk ID seen with an email links a PII-off person through the PII-on file', async () => {
    const ws = await workspaceFromCsv(
      ['users.csv', USERS],
      [
        'off.csv',
        PII_OFF.split('\n')
          .filter((l) => !l.includes('*****'))
          .join('\n'),
      ],
      ['on.csv', PII_ON],
    );
    expect(ws.users).toHaveLength(1);
    expect(ws.users[0]).toMatchObject({ email: 'ann@x.com', hashedId: 'HASH-ANN', autodeskId: 'AD-ANN', key: 'e:ann@x.com' });
  });
});

describe('a collection is one seat (docs/collections.md)', () => {
  const USERS_2025 = csv(
    'team,email,first_name,last_name,offering_name,product_name,access_option,assigned_date',
    'Alpha,ann@x.com,Ann,Archer,AEC Collection,Revit,Subscription,2025-01-01',
    'Alpha,ann@x.com,Ann,Archer,AEC Collection,AutoCAD,Subscription,2025-01-01',
    'Alpha,bob@x.com,Bob,Baker,AEC Collection,Revit,Subscription,2025-01-01',
    'Alpha,bob@x.com,Bob,Baker,AEC Collection,AutoCAD,Subscription,2025-01-01',
  );
  const q = query('2026-01-01', '2026-01-31');

  it('usage named under the collection counts on its row: Assigned, Active, distinct days of any product', async () => {
    const ws = await workspaceFromCsv(
      ['users.csv', USERS_2025],
      [
        'usage.csv',
        csv(
          'team,email,offering_name,product_name,version,day_used',
          'Alpha,ann@x.com,AEC Collection,Revit,2026,2026-01-05',
          'Alpha,ann@x.com,AEC Collection,AutoCAD,2025,2026-01-05',
          'Alpha,ann@x.com,AEC Collection,AutoCAD,2025,2026-01-06',
        ),
      ],
    );
    const r = rows(ws, q);
    expect(r.map((x) => [x.email, x.product_name, x.seat_assignment, x.user_activity, x.days_used])).toEqual([
      ['ann@x.com', 'AEC Collection', 'Assigned', 'Active', 2],
      ['bob@x.com', 'AEC Collection', 'Assigned', 'Inactive', 0],
    ]);
    const detail = userDetail(
      ws,
      0,
      q.from,
      q.to,
      q.to,
      null,
      () => true,
      () => '',
    );
    expect(detail.products).toHaveLength(1);
    expect(detail.products[0]!.versions).toBe('AutoCAD 2025, Revit 2026'); // the products and versions behind the row
    const report = computeReport(ws, q);
    expect(report.tiles.assignedSeats).toBe(2); // one seat per holder, not one per product
  });

  it('usage without offering_name is tied to the one offering the user holds that contains it', async () => {
    const ws = await workspaceFromCsv(
      ['users.csv', USERS_2025],
      ['usage.csv', csv('team,email,product_name,day_used', 'Alpha,bob@x.com,Revit,2026-01-09', 'Alpha,cy@x.com,Revit,2026-01-09')],
    );
    const r = rows(ws, q).sort((a, b) => a.email.localeCompare(b.email));
    expect(r.map((x) => [x.email, x.product_name, x.user_activity, x.days_used])).toEqual([
      ['ann@x.com', 'AEC Collection', 'Inactive', 0],
      ['bob@x.com', 'AEC Collection', 'Active', 1],
      ['cy@x.com', 'Revit', 'Active', 1], // holds nothing: stands as its own row
    ]);
  });

  it("a product two of the user's offerings contain stands as its own row", async () => {
    const ws = await workspaceFromCsv(
      [
        'users.csv',
        csv(
          'team,email,offering_name,product_name,assigned_date',
          'Alpha,ann@x.com,AEC Collection,Revit,2025-01-01',
          'Alpha,ann@x.com,Revit Bundle,Revit,2025-01-01',
        ),
      ],
      ['usage.csv', csv('team,email,product_name,day_used', 'Alpha,ann@x.com,Revit,2026-01-09')],
    );
    expect(
      rows(ws, q)
        .map((x) => x.product_name)
        .sort(),
    ).toEqual(['AEC Collection', 'Revit', 'Revit Bundle']);
  });

  it('Flex usage stays per product', async () => {
    const ws = await workspaceFromCsv(
      ['users.csv', USERS_2025],
      ['tokens.csv', csv('Team,Email,Product,Feature,Day used,Tokens used', 'Alpha,ann@x.com,Revit,Core,2026-01-12,10')],
    );
    const flex = rows(ws, q).filter((x) => x.access_option === 'Flex');
    expect(flex.map((x) => [x.product_name, x.tokens_used, x.user_activity])).toEqual([['Revit', 10, 'Active']]);
  });
});

describe('Import to Assign, both ways (docs/changes.md)', () => {
  for (const header of [
    'First Name,Last Name,Email Address',
    'First Name,Last Name,Email',
    'first_name;last_name;email_address',
    'FIRST-NAME,LAST-NAME,E-mail',
  ]) {
    it(`reads "${header}"`, () => {
      const sep = header.includes(';') ? ';' : ',';
      const r = parseImportToAssign(`${header}\nAnn${sep}Archer${sep}ann@x.com\n`);
      expect('people' in r && r.people).toEqual([{ firstName: 'Ann', lastName: 'Archer', email: 'ann@x.com' }]);
    });
  }
});
