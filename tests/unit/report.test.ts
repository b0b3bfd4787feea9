import { describe, expect, it } from 'vitest';
import { computeReport } from '../../src/core/report/report';
import { parseIsoDay } from '../../src/core/vocabulary/days';
import type { ReportQuery } from '../../src/core/vocabulary/report-query';
import type { Workspace } from '../../src/core/workspace/workspace';
import { csv, workspaceFromCsv } from '../support/workspace-from-csv';
import { reportQuery, reportRows } from '../support/workspace-from-csv';

const d = (s: string) => parseIsoDay(s)!;
const query = reportQuery;
const rows = reportRows;
const find = (ws: Workspace, q: ReportQuery, email: string, product: string, team?: string) =>
  rows(ws, q).find((r) => r.email === email && r.product_name === product && (team === undefined || r.team === team));

const USERS = csv(
  'team,email,first_name,last_name,product_name,access_option,assigned_date,unassigned_date,group,group_type',
  'Alpha,ann@x.com,Ann,Archer,AutoCAD,Subscription,2025-01-01,,,',
  'Beta,ann@x.com,Ann,Archer,AutoCAD,Subscription,2025-01-01,,,',
  'Alpha,bob@x.com,Bob,Baker,Revit,Subscription,2026-02-15,,,',
  'Alpha,cat@x.com,Cat,Cole,Revit,Subscription,2025-06-01,2026-02-20,,',
  'Alpha,dan@x.com,Dan,Dent,Revit,Flex,2025-06-01,,,',
  'Alpha,eve@x.com,Eve,Egan,AutoCAD,Subscription,2025-06-01,,Designers,',
  'Alpha,fay@x.com,Fay,Fox,AutoCAD,Subscription,2025-06-01,,All users,Default',
);
const USAGE = csv(
  'team,email,product_name,access_option,day_used,tokens_used',
  'Beta,ann@x.com,AutoCAD,Subscription,2026-02-10,0',
  'Alpha,eve@x.com,AutoCAD,Subscription,2026-01-01,0',
  'Alpha,eve@x.com,AutoCAD,Subscription,2026-03-31,0',
  'Alpha,eve@x.com,AutoCAD,Subscription,2026-04-01,0',
  'Alpha,gus@x.com,Maya,Subscription,2026-03-01,0',
  'Alpha,dan@x.com,Revit,Flex,2025-12-31,10',
  'Alpha,dan@x.com,Revit,Flex,2026-01-01,10',
  'Alpha,dan@x.com,Revit,Flex,2026-03-31,10',
);

describe("the report's definitions (docs/report.md)", async () => {
  const ws = await workspaceFromCsv(['users.csv', USERS], ['usage.csv', USAGE]);
  const Q1 = query('2026-01-01', '2026-03-31');

  it('active in one team and inactive in another', () => {
    expect(find(ws, Q1, 'ann@x.com', 'AutoCAD', 'Beta')!.user_activity).toBe('Active');
    expect(find(ws, Q1, 'ann@x.com', 'AutoCAD', 'Alpha')!.user_activity).toBe('Inactive');
    expect(find(ws, Q1, 'ann@x.com', 'AutoCAD', 'Alpha')!.days_inactive).toBe(d('2026-03-31') - d('2025-01-01'));
  });

  it('assigned after from and unused is Not yet active', () => {
    const r = find(ws, Q1, 'bob@x.com', 'Revit')!;
    expect(r.user_activity).toBe('Not yet active');
    expect(r.seat_assignment).toBe('Assigned');
    expect(r.days_inactive).toBe(d('2026-03-31') - d('2026-02-15'));
  });

  it('unassigned during the range is neither Inactive nor Not yet active, and Unassigned at to', () => {
    const r = find(ws, Q1, 'cat@x.com', 'Revit')!;
    expect(r.user_activity).toBe('');
    expect(r.seat_assignment).toBe('Unassigned');
    expect(r.unassigned_date).toBe('2026-02-20');
  });

  it('an assignment that ended before the range is not a row', () => {
    expect(find(ws, query('2026-03-01', '2026-03-31'), 'cat@x.com', 'Revit')).toBeUndefined();
  });

  it('Flex rows are never Inactive; unused Flex has empty activity and no days_inactive', () => {
    const unused = find(ws, query('2026-02-01', '2026-02-28'), 'dan@x.com', 'Revit')!;
    expect(unused.user_activity).toBe('');
    expect(unused.days_inactive).toBeNull();
    expect(unused.tokens_used).toBe(0);
    expect(rows(ws, query('2026-02-01', '2026-02-28', { activity: 'inactive' })).some((r) => r.access_option === 'Flex')).toBe(false);
    const used = find(ws, Q1, 'dan@x.com', 'Revit')!;
    expect(used.user_activity).toBe('Active');
    expect(used.tokens_used).toBe(20); // 2025-12-31 is outside the range
    expect(used.days_used).toBe(2);
  });

  it('usage without an assignment row is a row, Unassigned', () => {
    const r = find(ws, Q1, 'gus@x.com', 'Maya')!;
    expect(r.user_activity).toBe('Active');
    expect(r.seat_assignment).toBe('Unassigned');
    expect(r.assigned_date).toBe('');
  });

  it('range boundaries are inclusive and events after to are ignored', () => {
    const r = find(ws, Q1, 'eve@x.com', 'AutoCAD')!;
    expect(r.days_used).toBe(2); // Jan 1 and Mar 31, not Apr 1
    expect(r.last_accessed).toBe('2026-03-31');
    expect(r.days_inactive).toBe(0);
    const r2 = find(ws, query('2026-01-02', '2026-03-30'), 'eve@x.com', 'AutoCAD')!;
    expect(r2.days_used).toBe(0);
    expect(r2.last_accessed).toBe('2026-01-01'); // any time before the range counts
    expect(r2.user_activity).toBe('Inactive');
  });

  it('monthly_average is days over range months of 30.4375 days, one decimal', () => {
    const r = find(ws, Q1, 'eve@x.com', 'AutoCAD')!;
    expect(r.monthly_average).toBe(Math.round((2 / (90 / 30.4375)) * 10) / 10);
    const short = find(ws, query('2026-03-31', '2026-03-31'), 'eve@x.com', 'AutoCAD')!;
    expect(short.monthly_average).toBe(1); // divisor never below 1
  });

  it('reads the assignment method: direct, group, default', () => {
    expect(find(ws, Q1, 'eve@x.com', 'AutoCAD')!.method).toBe('group');
    expect(find(ws, Q1, 'eve@x.com', 'AutoCAD')!.group).toBe('Designers');
    expect(find(ws, Q1, 'fay@x.com', 'AutoCAD')!.method).toBe('default');
    expect(find(ws, Q1, 'bob@x.com', 'Revit')!.method).toBe('direct');
  });

  it('filters by team, access, activity, assignment, product, group and text', () => {
    expect(rows(ws, query('2026-01-01', '2026-03-31', { team: 'Beta' })).map((r) => r.email)).toEqual(['ann@x.com']);
    expect(rows(ws, query('2026-01-01', '2026-03-31', { access: 'flex' })).map((r) => r.email)).toEqual(['dan@x.com']);
    expect(rows(ws, query('2026-01-01', '2026-03-31', { activity: 'not-yet-active' })).map((r) => r.email)).toEqual(['bob@x.com']);
    expect(
      rows(ws, query('2026-01-01', '2026-03-31', { assignment: 'unassigned' }))
        .map((r) => r.email)
        .sort(),
    ).toEqual(['cat@x.com', 'gus@x.com']);
    expect(rows(ws, query('2026-01-01', '2026-03-31', { product: 'Maya' })).map((r) => r.email)).toEqual(['gus@x.com']);
    expect(rows(ws, query('2026-01-01', '2026-03-31', { group: 'Designers' })).map((r) => r.email)).toEqual(['eve@x.com']);
    expect(rows(ws, query('2026-01-01', '2026-03-31', { q: 'ARCH' })).map((r) => r.team)).toEqual(['Alpha', 'Beta']);
    expect(rows(ws, query('2026-01-01', '2026-03-31', { team: 'Nobody' }))).toEqual([]);
  });

  it('tiles: no Inactive figure under All Teams; counts distinct users per team', () => {
    const all = computeReport(ws, Q1).tiles;
    expect(all.inactiveUsers).toBeNull();
    const alpha = computeReport(ws, { ...Q1, team: 'Alpha' }).tiles;
    expect(alpha.inactiveUsers).toBe(2); // ann (Alpha) and fay
    expect(alpha.activeUsers).toBe(2); // eve and gus
    expect(alpha.flexUsers).toBe(1);
    expect(alpha.flexTokens).toBe(20);
    expect(alpha.assignedSeats).toBe(4); // ann, bob, eve, fay; cat unassigned; gus has no assignment
    // Tiles count the scope (team, range, product): the row filters narrow the rows only.
    const filtered = computeReport(ws, { ...Q1, team: 'Alpha', activity: 'active', q: 'eve' }).tiles;
    expect(filtered).toEqual({ ...alpha, rows: 1 });
    expect(filtered.assignedSeats).toBe(4);
    expect(filtered.activeUsers).toBe(2);
  });
});

describe('sorting', async () => {
  const ws = await workspaceFromCsv(['users.csv', USERS], ['usage.csv', USAGE]);
  const Q1 = query('2026-01-01', '2026-03-31');
  it('sorts by days used descending with empties last for dates', () => {
    const byDays = rows(ws, { ...Q1, sort: { column: 'days_used', direction: 'desc' } }).map((r) => r.days_used);
    expect(byDays).toEqual([...byDays].sort((a, b) => b! - a!));
    const byLast = rows(ws, { ...Q1, sort: { column: 'last_accessed', direction: 'asc' } }).map((r) => r.last_accessed);
    const filled = byLast.filter(Boolean);
    expect(filled).toEqual([...filled].sort());
    expect(byLast.slice(filled.length).every((v) => v === '')).toBe(true);
    const byLastDesc = rows(ws, { ...Q1, sort: { column: 'last_accessed', direction: 'desc' } }).map((r) => r.last_accessed);
    expect(byLastDesc[0]).toBe('2026-03-31');
    expect(byLastDesc.at(-1)).toBe('');
  });
  it('sorts text by collation, case-insensitively', () => {
    const names = rows(ws, { ...Q1, sort: { column: 'last_name', direction: 'asc' } }).map((r) => r.last_name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    const desc = rows(ws, { ...Q1, sort: { column: 'product_name', direction: 'desc' } }).map((r) => r.product_name);
    expect(desc[0]).toBe('Revit');
  });
});
