import { describe, expect, it } from 'vitest';
import { detectSection, foldHeader, mapColumns } from '../../src/core/import/headers';
import { readCsv } from '../support/workspace-from-csv';

describe('header recognition (docs/formats.md)', () => {
  it('folds case, spaces, underscores and hyphens alike', () => {
    expect(foldHeader('Days used')).toBe('days_used');
    expect(foldHeader('days-used')).toBe('days_used');
    expect(foldHeader('\ufeffDAYS_USED ')).toBe('days_used');
    expect(mapColumns(['Day used', 'E-mail', 'Team Alias']).day_used).toBe(0);
  });

  const cases: [string, string[], string[]][] = [
    [
      'subscriptions',
      [
        'Subscription ID',
        'Offering Name',
        'Seat Quantity',
        'Start Date',
        'End Date',
        'Autorenew Date',
        'Term',
        'Contract Number',
        'Subscription Status',
        'Team Alias',
        'Plan',
      ],
      [
        'subscription_id',
        'offering_name',
        'seat_quantity',
        'start_date',
        'end_date',
        'autorenew_date',
        'term',
        'contract_number',
        'subscription_status',
        'team_alias',
        'plan',
      ],
    ],
    [
      'users',
      [
        'Team',
        'Email',
        'First Name',
        'Last Name',
        'Autodesk ID',
        'Role',
        'Product Name',
        'Access Option',
        'Assigned Date',
        'Unassigned Date',
        'Group',
        'Group Type',
      ],
      [
        'team',
        'email',
        'first_name',
        'last_name',
        'autodesk_id',
        'role',
        'product_name',
        'access_option',
        'assigned_date',
        'unassigned_date',
        'group',
        'group_type',
      ],
    ],
    ['groups', ['Group', 'Group Type', 'Email', 'Product Name'], ['group', 'group_type', 'email', 'product_name']],
    [
      'usage',
      ['Team', 'Email', 'First Name', 'Last Name', 'Product Name', 'Offering Name', 'Version', 'Access Option', 'Day used', 'Tokens Used'],
      ['team', 'email', 'first_name', 'last_name', 'product_name', 'offering_name', 'version', 'access_option', 'day_used', 'tokens_used'],
    ],
    [
      'token_usage',
      ['Team', 'Email', 'Product', 'Feature', 'Day Used', 'Tokens Used'],
      ['team', 'email', 'product', 'feature', 'day_used', 'tokens_used'],
    ],
    [
      'usage_report',
      [
        'Team',
        'First Name',
        'Last Name',
        'Email',
        'Product',
        'Access Option',
        'Group',
        'Assigned Date',
        'Unassigned Date',
        'Seat Assignment',
        'User Activity',
        'Days Used',
        'Monthly Average',
        'Last Accessed',
        'Days Inactive',
        'Tokens Used',
      ],
      [
        'team',
        'first_name',
        'last_name',
        'email',
        'product',
        'access_option',
        'group',
        'assigned_date',
        'unassigned_date',
        'seat_assignment',
        'user_activity',
        'days_used',
        'monthly_average',
        'last_accessed',
        'days_inactive',
        'tokens_used',
      ],
    ],
  ];
  for (const [section, titleCase, snake] of cases) {
    it(`recognises ${section} in Title Case and snake_case`, () => {
      const a = detectSection(titleCase),
        b = detectSection(snake);
      expect(a.ok && a.section).toBe(section);
      expect(b.ok && b.section).toBe(section);
    });
  }

  it('recognises pseudonymised usage by hashed_autodesk_id', () => {
    const d = detectSection(['team', 'hashed_autodesk_id', 'first_name', 'product_name', 'day_used']);
    expect(d.ok && d.section).toBe('usage');
  });

  it('refuses an unknown layout with a reason that names what is expected', () => {
    const d = detectSection(['foo', 'bar']);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.reason).toMatch(/Email, Product, Day used/);
  });

  it('explains a near miss', () => {
    const d = detectSection(['team', 'email', 'day_used']);
    expect(!d.ok && d.reason).toMatch(/Usage \(daily\) export, but it has no Product or Offering \(collection\) column/);
    expect(!d.ok && d.guess?.section).toBe('usage'); // the mapping step opens with the guess filled in
  });
});

describe('reading CSV text: delimiters, line ends, quotes, dates (docs/import.md)', () => {
  const usage = (sep: string, eol: string, bom = '') =>
    bom +
    [
      'team,email,product_name,day_used,tokens_used',
      'Alpha,ann@x.com,"AutoCAD, LT",2026-01-05,"1,5"',
      'Alpha,ANN@x.com ,Revit,"03/04/2026",2',
    ]
      .map((l) => l.replace(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/g, sep))
      .join(eol) +
    eol;

  for (const [name, sep] of [
    ['comma', ','],
    ['semicolon', ';'],
    ['tab', '\t'],
  ] as const) {
    for (const [eolName, eol] of [
      ['LF', '\n'],
      ['CRLF', '\r\n'],
    ] as const) {
      it(`reads ${name}-delimited ${eolName} with a BOM`, async () => {
        const out = await readCsv('u.csv', usage(sep, eol, '\ufeff'));
        expect(out.ok).toBe(true);
        if (!out.ok) return;
        const { batch, errorCount } = out.sheets[0]!.result;
        expect(errorCount).toBe(0);
        expect(out.sheets[0]!.section).toBe('token_usage');
        expect(batch.products).toEqual(['AutoCAD, LT', 'Revit']);
        expect(batch.users).toHaveLength(1); // email is case-insensitive and trimmed
        expect(batch.eventCount).toBe(2);
      });
    }
  }

  it('reads quoted fields holding delimiters, quotes and newlines', async () => {
    const text = 'team,email,first_name,product_name,day_used\n"Team ""A""",a@x.com,"Line\none",Revit,2026-01-01\n';
    const out = await readCsv('q.csv', text);
    expect(out.ok && out.sheets[0]!.result.batch.teams).toEqual(['Team "A"']);
    expect(out.ok && out.sheets[0]!.result.batch.users[0]!.firstName).toBe('Line\none');
  });

  it('decides day/month order per file from its values', async () => {
    const dmy = 'team,email,product_name,day_used\nA,a@x.com,Revit,03/04/2026\nA,a@x.com,Revit,25/04/2026\n';
    const out = await readCsv('dmy.csv', dmy);
    if (!out.ok) throw new Error(out.reason);
    const chunk = out.sheets[0]!.result.chunks[0]!;
    const { formatDay } = await import('../../src/core/vocabulary/days');
    expect([...chunk.day].map(formatDay)).toEqual(['2026-04-03', '2026-04-25']);
    expect(out.notes.join(' ')).toMatch(/day\/month\/year/);
  });

  it('names file row and column for unreadable cells and keeps the rest', async () => {
    const text =
      'team,email,product_name,day_used,tokens_used\nA,a@x.com,Revit,2026-01-01,1\nA,a@x.com,Revit,yesterday,1\nA,b@x.com,Revit,2026-01-02,many\n';
    const out = await readCsv('bad.csv', text);
    if (!out.ok) throw new Error(out.reason);
    const r = out.sheets[0]!.result;
    expect(r.errorCount).toBe(2);
    expect(r.errors[0]).toMatchObject({ row: 3, column: 'day_used', value: 'yesterday' });
    expect(r.errors[1]).toMatchObject({ row: 4, column: 'tokens_used' });
    expect(r.batch.eventCount).toBe(1);
  });

  it('refuses empty, binary and unrecognised files with the file name in the message', async () => {
    const empty = await readCsv('empty.csv', '');
    expect(!empty.ok && empty.reason).toMatch(/empty\.csv is empty/);
    const bin = await readCsv('<script>x.csv', 'PK\u0001\u0000\u0000garbage');
    expect(bin.ok).toBe(false);
    const binary = await readCsv('blob.csv', 'abc\u0000\u0001\u0002def');
    expect(!binary.ok && binary.reason).toMatch(/blob\.csv is not a CSV or Excel file/);
    const unknown = await readCsv('notes.csv', 'hello,world\n1,2\n');
    expect(!unknown.ok && unknown.reason).toMatch(/^notes\.csv: Its header row matches none/);
  });

  it('reads placeholders such as - and N/A in date and number cells as empty', async () => {
    const out = await readCsv(
      'p.csv',
      'team,email,product_name,assigned_date,unassigned_date\nA,a@x.com,Revit,2025-01-01,N/A\nA,b@x.com,Revit,2025-01-01,-\n',
    );
    expect(out.ok && out.sheets[0]!.result.errorCount).toBe(0);
    expect(out.ok && out.sheets[0]!.result.batch.assignments.map((a) => a.unassigned)).toEqual([-1, -1]);
  });

  it('survives a 100,000-column row', async () => {
    const wide = `team,email,product_name,day_used\nA,a@x.com,Revit,2026-01-01,${'x,'.repeat(100_000)}\n`;
    const out = await readCsv('wide.csv', wide);
    expect(out.ok && out.sheets[0]!.result.batch.eventCount).toBe(1);
  });

  it('finds the header below a title line', async () => {
    const out = await readCsv(
      't.csv',
      'Usage export generated 2026-01-31\n\nteam,email,product_name,day_used\nA,a@x.com,Revit,2026-01-01\n',
    );
    expect(out.ok && out.sheets[0]!.result.batch.eventCount).toBe(1);
  });
});
