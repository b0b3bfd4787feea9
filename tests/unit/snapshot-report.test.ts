/**
 * The portal's pre-aggregated Usage Report ("snapshot", docs/formats.md): every spelling
 * of it is read, its values are stored and shown canonical, and the tiles (docs/figures.md)
 * are counted right from it.
 */
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { EngineSession } from '../../src/core/session/engine-session';
import { buildWorkspace } from '../../src/core/workspace/workspace';
import { querySnapshot, snapshotRows } from '../../src/core/report/snapshot-report';
import type { ReportQuery } from '../../src/core/vocabulary/report-query';
import type { ReportRow } from '../../src/core/vocabulary/report-columns';
import { dayFromYmd, formatDay } from '../../src/core/vocabulary/days';
import { parseDate } from '../../src/core/import/parse-values';
import { filterBlockNote, readFile } from '../../src/core/import/read-file';
import { canonicalSeatAssignment, canonicalUserActivity } from '../../src/core/import/report-values';
import { EMPTY_VIEW, type ReportViewState } from '../../src/core/vocabulary/view-state';
import { ACCESS_FLEX } from '../../src/core/workspace/batch';
import { batchesFromCsv, csv } from '../support/workspace-from-csv';

const AS_OF = dayFromYmd(2024, 5, 31);

/** The 19-column order, lower-case values, ISO UTC timestamps, empty tokens on subscription rows. */
const NINETEEN = csv(
  'hashed_autodesk_id,first_name,last_name,email,autodesk_id,team_alias,group,offering_name,version,seat_assignment,assigned_date,unassigned_date,user_activity,days_inactive,access_option,days_used,monthly_average,tokens_used,last_accessed',
  /* 1 */ 'h1,Ann,Archer,ann@x.com,A1,Structures,,AEC Collection,2025,assigned,2024-05-10T21:20:32Z,,active,3,subscription,20,6.7,,2024-05-28T10:00:00Z',
  /* 2 */ 'h2,Bob,Baker,bob@x.com,A2,Structures,BIM,AEC Collection,2025,ASSIGNED,2023-01-15T08:00:00Z,,inactive,91,subscription,0,0.0,,',
  /* 3 */ 'h3,Cy,Cole,cy@x.com,A3,Structures,,Revit,2024,unassigned,2023-02-01T00:00:00Z,2024-04-01T12:00:00Z,inactive,60,subscription,0,0,,2024-04-01T09:00:00Z',
  /* 4 */ 'h4,Di,Dunn,di@x.com,A4,Structures,,Revit,,assigned,2024-05-20T09:00:00Z,,not_yet_active,11,subscription,0,0,,',
  /* 5 */ 'h5,Ed,Eve,ed@x.com,A5,Structures,,Maya,,assigned,2024-03-01T00:00:00Z,,active,,flex,5,1.7,120,2024-05-30T00:00:00Z',
  /* 6 */ 'h1,Ann,Archer,ann@x.com,A1,Civil,,AEC Collection,2025,assigned,2024-01-02T00:00:00Z,,inactive,150,subscription,0,0,,',
  /* 7 */ 'h6,Fay,Fox,fay@x.com,A6,Civil,,Civil 3D,2025,assigned,2024-02-01T00:00:00Z,,Active,0,Subscription,40,13.3,,2024-05-31T00:00:00Z',
  /* 8 */ 'h2,Bob,Baker,bob@x.com,A2,Civil,,Maya,,assigned,2024-03-01T00:00:00Z,,active,,flex,2,0.7,30,2024-05-15T00:00:00Z',
  /* 9 */ 'h7,Gus,Gray,gus@x.com,A7,Structures,,AutoCAD,,assigned,2024-05-25T00:00:00Z,,not-yet-active,6,subscription,0,0,,',
  /* 10 */ 'h8,Hal,Hill,hal@x.com,A8,Structures,,3ds Max,,assigned,2024-04-01T00:00:00Z,,,,flex,0,0,,',
);

async function session(files: [string, string][]): Promise<EngineSession> {
  const s = new EngineSession();
  const summary = await s.load(await batchesFromCsv(files));
  expect(summary.snapshotMode).toBe(true);
  return s;
}

function query(s: EngineSession, view: Partial<ReportViewState> = {}) {
  const o = s.query({ ...EMPTY_VIEW, ...view }, AS_OF);
  return { tiles: o.tiles, rows: s.rows(0, 1_000) };
}

const byKey = (rows: readonly ReportRow[]) => new Map(rows.map((r) => [`${r.team}|${r.email}|${r.product_name}`, r]));

describe('the 19-column Usage Report with lower-case values', () => {
  it('stores and shows canonical values, UTC days and 0 tokens for empty cells', async () => {
    const { rows } = query(await session([['usage_report.csv', NINETEEN]]));
    expect(rows).toHaveLength(10);
    const r = byKey(rows);
    expect(r.get('Structures|ann@x.com|AEC Collection')).toMatchObject({
      seat_assignment: 'Assigned',
      user_activity: 'Active',
      access_option: 'Subscription',
      assigned_date: '2024-05-10',
      last_accessed: '2024-05-28',
      days_used: 20,
      monthly_average: 6.7,
      days_inactive: 3,
      tokens_used: 0,
    });
    expect(r.get('Structures|bob@x.com|AEC Collection')).toMatchObject({
      seat_assignment: 'Assigned',
      user_activity: 'Inactive',
      group: 'BIM',
      tokens_used: 0,
    });
    expect(r.get('Structures|cy@x.com|Revit')).toMatchObject({
      seat_assignment: 'Unassigned',
      unassigned_date: '2024-04-01',
      last_accessed: '2024-04-01',
    });
    expect(r.get('Structures|di@x.com|Revit')).toMatchObject({ user_activity: 'Not yet active' });
    expect(r.get('Structures|gus@x.com|AutoCAD')).toMatchObject({ user_activity: 'Not yet active' });
    expect(r.get('Structures|ed@x.com|Maya')).toMatchObject({ access_option: 'Flex', tokens_used: 120, days_inactive: null });
    // A Flex row with an empty tokens cell used none; an unused Flex row has no activity.
    expect(r.get('Structures|hal@x.com|3ds Max')).toMatchObject({ access_option: 'Flex', tokens_used: 0, user_activity: '' });
    // The offering is the row's product; the version column is not.
    expect([...new Set(rows.map((x) => x.product_name))].sort()).toEqual([
      '3ds Max',
      'AEC Collection',
      'AutoCAD',
      'Civil 3D',
      'Maya',
      'Revit',
    ]);
  });

  it('counts the tiles as by hand', async () => {
    const s = await session([['usage_report.csv', NINETEEN]]);
    // All teams. Assigned seats: non-Flex `assigned` rows 1, 2, 4, 6, 7, 9 = 6 (3 is unassigned; 5, 8, 10 are Flex).
    // Active users: non-Flex active rows 1 (Ann), 7 (Fay) = 2; Ed and Bob are active on Flex only.
    // Flex tokens 120 + 30 + 0 = 150; Flex users who used tokens Ed, Bob = 2; people with Flex access Ed, Bob, Hal = 3.
    // Inactive is not shown for All Teams.
    expect(query(s).tiles).toMatchObject({
      assignedSeats: 6,
      activeUsers: 2,
      inactiveUsers: null,
      flexTokens: 150,
      flexUsers: 2,
      flexPeopleWithAccess: 3,
      rows: 10,
    });
    // Structures: seats rows 1, 2, 4, 9 = 4; active Ann = 1; inactive Bob (2), Cy (3) = 2; tokens Ed 120 + Hal 0; Flex users Ed; access Ed, Hal.
    expect(query(s, { team: 'Structures' }).tiles).toMatchObject({
      assignedSeats: 4,
      activeUsers: 1,
      inactiveUsers: 2,
      flexTokens: 120,
      flexUsers: 1,
      flexPeopleWithAccess: 2,
      rows: 7,
    });
    // Civil: seats rows 6, 7 = 2; active Fay; inactive Ann (active in Structures, inactive here); tokens Bob 30.
    expect(query(s, { team: 'Civil' }).tiles).toMatchObject({
      assignedSeats: 2,
      activeUsers: 1,
      inactiveUsers: 1,
      flexTokens: 30,
      flexUsers: 1,
      flexPeopleWithAccess: 1,
      rows: 3,
    });
  });

  it('filters in any spelling, and the tiles follow the team, not the row filters', async () => {
    const s = await session([['usage_report.csv', NINETEEN]]);
    const inactive = query(s, { team: 'Structures', activity: 'inactive' });
    expect(inactive.rows.map((r) => r.email).sort()).toEqual(['bob@x.com', 'cy@x.com']);
    // Every tile but the row count is the team's, whatever the activity filter.
    const { rows: _rows, ...teamTiles } = query(s, { team: 'Structures' }).tiles;
    expect(inactive.tiles).toEqual({ ...teamTiles, rows: 2 });
    expect(inactive.tiles).toMatchObject({ assignedSeats: 4, inactiveUsers: 2, activeUsers: 1 });
    expect(
      query(s, { activity: 'not-yet-active' })
        .rows.map((r) => r.email)
        .sort(),
    ).toEqual(['di@x.com', 'gus@x.com']);
    expect(query(s, { assignment: 'unassigned' }).rows.map((r) => r.email)).toEqual(['cy@x.com']);
    expect(
      query(s, { access: 'flex' })
        .rows.map((r) => r.email)
        .sort(),
    ).toEqual(['bob@x.com', 'ed@x.com', 'hal@x.com']);
  });
});

describe('the post-2026 Title Case Usage Report', () => {
  const TITLE_CASE = csv(
    'Team,Email,First name,Last name,Group,Product,Access option,Seat assignment,Assigned date,Unassigned date,User activity,Days inactive,Days used,Monthly average,Tokens used,Last accessed',
    'Structures,ann@x.com,Ann,Archer,,AEC Collection,Subscription,assigned,2024-05-10T21:20:32Z,,active,3,20,6.7,,2024-05-28',
    'Structures,bob@x.com,Bob,Baker,BIM,AEC Collection,Subscription,Assigned,2023-01-15,,Inactive,91,0,0,,',
    'Structures,cy@x.com,Cy,Cole,,Revit,Subscription,UNASSIGNED,2023-02-01,2024-04-01,INACTIVE,60,0,0,,2024-04-01',
    'Structures,di@x.com,Di,Dunn,,Revit,Subscription,assigned,2024-05-20,,Not Yet Active,11,0,0,,',
    'Structures,ed@x.com,Ed,Eve,,Maya,Flex,assigned,2024-03-01,,active,,5,1.7,120,2024-05-30',
  );
  it('reads the Product column as the offering, canonical values, and counts the tiles', async () => {
    const s = await session([['Usage Report.csv', TITLE_CASE]]);
    const { rows, tiles } = query(s, { team: 'Structures' });
    expect(rows.map((r) => [r.email, r.product_name, r.seat_assignment, r.user_activity, r.tokens_used])).toEqual([
      ['ann@x.com', 'AEC Collection', 'Assigned', 'Active', 0],
      ['bob@x.com', 'AEC Collection', 'Assigned', 'Inactive', 0],
      ['cy@x.com', 'Revit', 'Unassigned', 'Inactive', 0],
      ['di@x.com', 'Revit', 'Assigned', 'Not yet active', 0],
      ['ed@x.com', 'Maya', 'Assigned', 'Active', 120],
    ]);
    expect(rows[0]!.assigned_date).toBe('2024-05-10');
    // Seats: Ann, Bob, Di = 3 (Cy unassigned, Ed Flex). Active: Ann. Inactive: Bob, Cy. Flex: Ed, 120 tokens.
    expect(tiles).toMatchObject({ assignedSeats: 3, activeUsers: 1, inactiveUsers: 2, flexTokens: 120, flexUsers: 1 });
  });
});

describe('rows stored by older versions, as written', () => {
  it('are shown canonical and counted all the same', async () => {
    const ws = buildWorkspace(await batchesFromCsv([['usage_report.csv', NINETEEN]]));
    // What an older import kept: the text as written, and no tokens where the cell was empty.
    for (const r of ws.snapshot) {
      r.seatAssignment = r.seatAssignment.toLowerCase();
      r.userActivity = r.userActivity.toLowerCase().replace(/ /g, '_');
      if (r.access !== ACCESS_FLEX) r.tokensUsed = null;
    }
    const all = snapshotRows(ws, null);
    expect(new Set(all.map((r) => r.seat_assignment))).toEqual(new Set(['Assigned', 'Unassigned']));
    expect(new Set(all.map((r) => r.user_activity))).toEqual(new Set(['Active', 'Inactive', 'Not yet active', '']));
    expect(all.filter((r) => r.access_option === 'Subscription').every((r) => r.tokens_used === 0)).toBe(true);
    const q: ReportQuery = {
      from: AS_OF,
      to: AS_OF,
      team: 'Structures',
      access: null,
      activity: null,
      assignment: null,
      product: null,
      group: null,
      q: '',
      sort: null,
    };
    expect(querySnapshot(all, ws, q).tiles).toMatchObject({ assignedSeats: 4, activeUsers: 1, inactiveUsers: 2, flexTokens: 120 });
    // Rows whose stored text is lower case still match the filters.
    const raw = all.map((r) => ({ ...r, seat_assignment: r.seat_assignment.toLowerCase(), user_activity: r.user_activity.toUpperCase() }));
    const inactive = querySnapshot(raw, ws, { ...q, activity: 'inactive' });
    expect(inactive.rows.map((r) => r.email).sort()).toEqual(['bob@x.com', 'cy@x.com']);
    expect(inactive.tiles).toMatchObject({ assignedSeats: 4, inactiveUsers: 2 });
  });
});

describe('canonical spellings', () => {
  it('maps every spelling and keeps unknown values as given', () => {
    expect(['assigned', 'ASSIGNED', ' Assigned '].map(canonicalSeatAssignment)).toEqual(['Assigned', 'Assigned', 'Assigned']);
    expect(canonicalSeatAssignment('unassigned')).toBe('Unassigned');
    expect(
      ['active', 'inactive', 'not yet active', 'not_yet_active', 'not-yet-active', 'NOT YET ACTIVE'].map(canonicalUserActivity),
    ).toEqual(['Active', 'Inactive', 'Not yet active', 'Not yet active', 'Not yet active', 'Not yet active']);
    expect(canonicalUserActivity('  Dormant ')).toBe('Dormant');
    expect(canonicalSeatAssignment('')).toBe('');
  });
});

describe('Usage Report dates', () => {
  const day = (raw: string | number) => {
    const r = parseDate(raw, 'mdy');
    return r.ok ? formatDay(r.day) : r.reason;
  };
  it('reads ISO UTC timestamps as their UTC day', () => {
    expect(day('2024-05-10T21:20:32Z')).toBe('2024-05-10');
    expect(day('2024-05-10T00:00:00Z')).toBe('2024-05-10');
  });
  it('reads real XLSX date cells (Excel serials, time of day dropped)', () => {
    expect(day(45422)).toBe('2024-05-10');
    expect(day(45422.889259)).toBe('2024-05-10'); // 21:20:32
  });
});

describe('the Usage Report workbook: a filter block on sheet 1, rows on sheet 2', () => {
  const HEADER = [
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
  ];
  // Local wall-clock dates: SheetJS stores a Date as the serial of its local time, as Excel shows it.
  const workbook = (filters: unknown[][]) => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(filters, { cellDates: true }), 'Filters');
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet(
        [
          HEADER,
          [
            'h1',
            'Ann',
            'Archer',
            'ann@x.com',
            'A1',
            'Structures',
            '',
            'AEC Collection',
            '2025',
            'assigned',
            new Date(2024, 4, 10, 21, 20, 32),
            '',
            'active',
            3,
            'subscription',
            20,
            6.7,
            '',
            new Date(2024, 4, 28),
          ],
          [
            'h2',
            'Bob',
            'Baker',
            'bob@x.com',
            'A2',
            'Structures',
            '',
            'Revit',
            '2024',
            'unassigned',
            new Date(2023, 0, 15),
            new Date(2024, 3, 1),
            'inactive',
            60,
            'subscription',
            0,
            0,
            '',
            '',
          ],
          [
            'h5',
            'Ed',
            'Eve',
            'ed@x.com',
            'A5',
            'Structures',
            '',
            'Maya',
            '',
            'assigned',
            new Date(2024, 2, 1),
            '',
            'active',
            '',
            'flex',
            5,
            1.7,
            120,
            new Date(2024, 4, 30),
          ],
        ],
        { cellDates: true },
      ),
      'Usage Report',
    );
    const blob = new Blob([XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer]);
    return { name: 'Usage Report.xlsx', size: blob.size, lastModified: 0, source: blob };
  };
  const FILTERS = [['Usage Report'], ['Team', 'Structures'], ['Date range', '2024-03-01 - 2024-05-31'], ['Filters', 'User activity: All']];

  it('reads the rows with real dates and notes the filters instead of skipping the sheet', async () => {
    const out = await readFile(workbook(FILTERS));
    if (!out.ok) throw new Error(out.reason);
    expect(out.sheets.map((s) => [s.sheet, s.section])).toEqual([['Usage Report', 'usage_report']]);
    const note = 'Report filters (sheet "Filters"): Team: Structures; Date range: 2024-03-01 - 2024-05-31; Filters: User activity: All';
    expect(out.notes).toContain(note);
    expect(out.notes.join('\n')).not.toMatch(/Skipped/);
    expect(out.sheets[0]!.result.batch.source.notes).toContain(note); // kept with the stored report
    expect(out.sheets[0]!.result.errorCount).toBe(0);
    const ws = buildWorkspace(out.sheets.map((s) => ({ batch: s.result.batch, chunks: s.result.chunks })));
    expect(
      snapshotRows(ws, null).map((r) => [
        r.email,
        r.product_name,
        r.seat_assignment,
        r.user_activity,
        r.assigned_date,
        r.unassigned_date,
        r.last_accessed,
        r.tokens_used,
      ]),
    ).toEqual([
      ['ann@x.com', 'AEC Collection', 'Assigned', 'Active', '2024-05-10', '', '2024-05-28', 0],
      ['bob@x.com', 'Revit', 'Unassigned', 'Inactive', '2023-01-15', '2024-04-01', '', 0],
      ['ed@x.com', 'Maya', 'Assigned', 'Active', '2024-03-01', '', '2024-05-30', 120],
    ]);
  });

  it('clips long filter values, and still lists a sheet that is a table as skipped', async () => {
    const out = await readFile(
      workbook([
        ['Team', 'Structures'],
        ['Filters', 'x'.repeat(300)],
      ]),
    );
    if (!out.ok) throw new Error(out.reason);
    expect(out.notes[0]).toBe(`Report filters (sheet "Filters"): Team: Structures; Filters: ${'x'.repeat(120)}…`);
    const table = await readFile(
      workbook([
        ['Login', 'Application', 'When'],
        ['a@x.com', 'Revit', '2026-01-05'],
      ]),
    );
    expect(table.ok && table.notes.join('\n')).toMatch(/Skipped — Usage Report\.xlsx, sheet "Filters"/);
  });

  it('tells a filter block from other sheets', () => {
    expect(
      filterBlockNote(
        [
          ['Team:', ' Structures '],
          ['', 'Date range', '2024-03-01'],
        ],
        'S',
      ),
    ).toBe('Report filters (sheet "S"): Team: Structures; Date range: 2024-03-01');
    expect(filterBlockNote([['Notes'], ['exported by hand']], 'S')).toBeNull(); // no label/value pair
    expect(
      filterBlockNote(
        [
          ['email', 'product_name'],
          ['Team', 'T'],
        ],
        'S',
      ),
    ).toBeNull(); // a header row
    expect(
      filterBlockNote(
        [
          ['Team', 'T'],
          ['a@x.com', 'Revit'],
        ],
        'S',
      ),
    ).toBeNull(); // data, not labels
    expect(
      filterBlockNote(
        Array.from({ length: 41 }, (_, i) => [`Label ${i}`, 'v']),
        'S',
      ),
    ).toBeNull(); // too long
  });
});
