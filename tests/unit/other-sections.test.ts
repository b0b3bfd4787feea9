import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { readFile } from '../../src/core/import/read-file';
import { EngineSession } from '../../src/core/session/engine-session';
import { buildWorkspace } from '../../src/core/workspace/workspace';
import { computeReport, reportRow } from '../../src/core/report/report';
import { dayFromYmd, parseIsoDay } from '../../src/core/vocabulary/days';
import { EMPTY_VIEW } from '../../src/core/vocabulary/view-state';
import { batchesFromCsv, csv } from '../support/workspace-from-csv';
import { exportContext } from '../../src/core/session/exports';

const Q = (from: string, to: string) => ({
  from: parseIsoDay(from)!,
  to: parseIsoDay(to)!,
  team: null,
  access: null,
  activity: null,
  assignment: null,
  product: null,
  group: null,
  q: '',
  sort: null,
});

describe('Groups and Token usage exports', () => {
  it('a Groups export marks assignments as group or default', async () => {
    const ws = buildWorkspace(
      await batchesFromCsv([
        [
          'users.csv',
          csv(
            'team,email,product_name,assigned_date',
            'T,a@x.com,Revit,2025-01-01',
            'T,b@x.com,Revit,2025-01-01',
            'T,c@x.com,Revit,2025-01-01',
          ),
        ],
        ['groups.csv', csv('Group,Group Type,Email,Product Name', 'BIM,Group,a@x.com,Revit', 'Everyone,Default,b@x.com,')],
      ]),
    );
    const r = computeReport(ws, Q('2026-01-01', '2026-01-31'));
    const byEmail = new Map([...r.rows].map((k) => [reportRow(ws, r, k).email, reportRow(ws, r, k)]));
    expect(byEmail.get('a@x.com')).toMatchObject({ method: 'group', group: 'BIM' });
    expect(byEmail.get('b@x.com')).toMatchObject({ method: 'default', group: 'Everyone' });
    expect(byEmail.get('c@x.com')).toMatchObject({ method: 'direct', group: '' });
  });

  it('Token usage rows are Flex and add up the features of one day', async () => {
    const ws = buildWorkspace(
      await batchesFromCsv([
        [
          'tokens.csv',
          csv(
            'Team,Email,Product,Feature,Day Used,Tokens Used',
            'T,a@x.com,Revit,Core,2026-01-05,10',
            'T,a@x.com,Revit,Cloud,2026-01-05,2',
            'T,a@x.com,Revit,Core,2026-01-06,10',
          ),
        ],
      ]),
    );
    const r = computeReport(ws, Q('2026-01-01', '2026-01-31'));
    const row = reportRow(ws, r, r.rows[0]!);
    expect(row).toMatchObject({ access_option: 'Flex', days_used: 2, tokens_used: 22, user_activity: 'Active' });
  });

  it('pseudonymised usage (hashed_autodesk_id, masked names) identifies users by the hashed id', async () => {
    const ws = buildWorkspace(
      await batchesFromCsv([
        [
          'usage.csv',
          csv(
            'team,email,hashed_autodesk_id,first_name,last_name,product_name,day_used',
            'T,*****,9f8e7d,*****,*****,Revit,2026-01-05',
            'T,*****,9f8e7d,*****,*****,Revit,2026-01-06',
            'T,,1a2b3c,*****,*****,Revit,2026-01-06',
          ),
        ],
      ]),
    );
    const r = computeReport(ws, Q('2026-01-01', '2026-01-31'));
    const rows = [...r.rows].map((k) => reportRow(ws, r, k));
    expect(rows.map((x) => [x.email, x.days_used, x.first_name])).toEqual(
      expect.arrayContaining([
        ['9f8e7d', 2, ''],
        ['1a2b3c', 1, ''],
      ]),
    );
  });
});

describe('a workspace with only the portal Usage Report', () => {
  const REPORT = csv(
    'Team,First Name,Last Name,Email,Product,Access Option,Group,Assigned Date,Unassigned Date,Seat Assignment,User Activity,Days Used,Monthly Average,Last Accessed,Days Inactive,Tokens Used',
    'T,Ann,Archer,ann@x.com,Revit,Subscription,,2025-01-01,,Assigned,Active,12,4.0,2026-03-30,1,0',
    'T,Bob,Baker,bob@x.com,Revit,Subscription,,2025-01-01,,Assigned,Inactive,0,0.0,,89,0',
    'U,Cy,Cole,cy@x.com,Maya,Flex,,2025-01-01,,Assigned,Active,3,1.0,2026-03-01,,21',
  );
  it('shows the rows as exported, with filters, and says it is a snapshot', async () => {
    const s = new EngineSession();
    const summary = await s.load(await batchesFromCsv([['Usage Report.csv', REPORT]]));
    expect(summary.snapshotMode).toBe(true);
    const o = s.query({ ...EMPTY_VIEW, team: 'T', activity: 'inactive' }, dayFromYmd(2026, 3, 31));
    expect(o.snapshotMode).toBe(true);
    expect(s.rows(0, 10).map((r) => [r.email, r.days_used, r.days_inactive])).toEqual([['bob@x.com', 0, 89]]);
    expect(o.tiles.inactiveUsers).toBe(1);
    expect(exportContext(s).find(([k]) => k === 'Date range')![1]).toMatch(/As in the imported Usage Report/);
  });
  it('its assignments complete a workspace whose daily usage comes from elsewhere', async () => {
    const s = new EngineSession();
    const summary = await s.load(
      await batchesFromCsv([
        ['Usage Report.csv', REPORT],
        ['usage.csv', csv('team,email,product_name,day_used', 'T,ann@x.com,Revit,2026-03-30')],
      ]),
    );
    expect(summary.snapshotMode).toBe(false);
    s.query({ ...EMPTY_VIEW, from: '2026-01-01', to: '2026-03-31', team: 'T' }, dayFromYmd(2026, 3, 31));
    expect(s.rows(0, 10).map((r) => [r.email, r.user_activity])).toEqual([
      ['ann@x.com', 'Active'],
      ['bob@x.com', 'Inactive'],
    ]);
  });
});

describe('XLSX workbooks, each sheet read as a file', () => {
  it('reads every sheet as a file, with real date cells', async () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet([
        ['Team', 'Email', 'Product Name', 'Access Option', 'Assigned Date'],
        ['T', 'a@x.com', 'Revit', 'Subscription', { t: 'n', v: 45658, z: 'yyyy-mm-dd' }], // 2025-01-01
      ]),
      'Users',
    );
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet([
        ['team', 'email', 'product_name', 'day_used'],
        ['T', 'a@x.com', 'Revit', { t: 'n', v: 46027, z: 'm/d/yyyy' }], // 2026-01-05
        ['T', 'a@x.com', 'Revit', '2026-01-06'],
      ]),
      'Usage',
    );
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Notes'], ['exported by hand']]), 'Notes');
    const bytes = XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer;
    const blob = new Blob([bytes]);
    const out = await readFile({ name: 'export.xlsx', size: blob.size, lastModified: 0, source: blob });
    if (!out.ok) throw new Error(out.reason);
    expect(out.sheets.map((s) => [s.sheet, s.section])).toEqual([
      ['Users', 'users'],
      ['Usage', 'usage'],
    ]);
    expect(out.notes.join(' ')).toMatch(/Skipped — export\.xlsx, sheet "Notes"/);
    const ws = buildWorkspace(out.sheets.map((s) => ({ batch: s.result.batch, chunks: s.result.chunks })));
    const r = computeReport(ws, Q('2026-01-01', '2026-01-31'));
    expect(reportRow(ws, r, r.rows[0]!)).toMatchObject({ assigned_date: '2025-01-01', days_used: 2, last_accessed: '2026-01-06' });
  });

  it('offers the column-mapping step for a workbook with no known sheet, and reads it with the saved mapping', async () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet([
        ['Login', 'Application', 'When'],
        ['a@x.com', 'Revit', '2026-01-05'],
      ]),
      'Data',
    );
    const blob = new Blob([XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer]);
    const file = { name: 'odd.xlsx', size: blob.size, lastModified: 0, source: blob };
    const first = await readFile(file);
    expect(!first.ok && first.mapping).toMatchObject({
      header: ['Login', 'Application', 'When'],
      preview: [['a@x.com', 'Revit', '2026-01-05']],
    });
    const signature = !first.ok ? first.mapping!.signature : '';
    const again = await readFile(file, {
      presets: [{ signature, section: 'usage', columns: { email: 0, product_name: 1, day_used: 2 }, savedAt: '2026-11-22' }],
    });
    expect(again.ok && again.sheets[0]!.result.batch.eventCount).toBe(1);
  });

  it('refuses a damaged workbook with its name', async () => {
    const blob = new Blob([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5])]);
    const out = await readFile({ name: 'broken.xlsx', size: blob.size, lastModified: 0, source: blob });
    expect(!out.ok && out.reason).toMatch(/broken\.xlsx/);
  });
});

describe('usage files without a team column', () => {
  it('count where the user holds their only team, and stay apart when that is unclear', async () => {
    const ws = buildWorkspace(
      await batchesFromCsv([
        [
          'users.csv',
          csv(
            'team,email,product_name,assigned_date',
            'T,a@x.com,Revit,2025-01-01',
            'T,b@x.com,Revit,2025-01-01',
            'U,b@x.com,Revit,2025-01-01',
          ),
        ],
        ['usage.csv', csv('email,product_name,day_used', 'a@x.com,Revit,2026-01-05', 'b@x.com,Revit,2026-01-06')],
      ]),
    );
    const r = computeReport(ws, Q('2026-01-01', '2026-01-31'));
    const rows = [...r.rows]
      .map((k) => reportRow(ws, r, k))
      .map((x) => `${x.team}|${x.email}|${x.days_used}`)
      .sort();
    expect(rows).toEqual(['T|a@x.com|1', 'T|b@x.com|0', 'U|b@x.com|0', '|b@x.com|1'].sort());
  });
});
