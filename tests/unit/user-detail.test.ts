import { describe, expect, it } from 'vitest';
import { userDetail } from '../../src/core/report/user-detail';
import { parseIsoDay } from '../../src/core/vocabulary/days';
import { csv, workspaceFromCsv } from '../support/workspace-from-csv';

const d = (s: string) => parseIsoDay(s)!;

const USERS = csv(
  'team,email,first_name,last_name,product_name,access_option,assigned_date,unassigned_date,group,group_type',
  'Alpha,ann@x.com,Ann,Archer,AutoCAD,Subscription,2025-01-01,,,',
  'Alpha,ann@x.com,Ann,Archer,Revit,Subscription,2025-01-01,,,',
  'Alpha,dan@x.com,Dan,Dent,Revit,Flex,2025-06-01,,,',
  'Alpha,eve@x.com,Eve,Egan,Maya,Subscription,2025-06-01,,,',
);
const USAGE = csv(
  'team,email,product_name,access_option,day_used,tokens_used',
  'Alpha,ann@x.com,AutoCAD,Subscription,2026-01-02,0',
  'Alpha,ann@x.com,AutoCAD,Subscription,2026-01-04,0',
  'Alpha,ann@x.com,Revit,Subscription,2026-01-04,0',
  'Alpha,dan@x.com,Revit,Flex,2026-01-02,7',
  'Alpha,dan@x.com,Revit,Flex,2026-01-03,5.5',
);

describe('the user detail chart (docs/report.md, "User detail")', async () => {
  const ws = await workspaceFromCsv(['users.csv', USERS], ['usage.csv', USAGE]);
  const user = (email: string) => ws.users.findIndex((u) => u.email === email);
  const detail = (email: string, inView: (product: string) => boolean = () => true) =>
    userDetail(
      ws,
      user(email),
      d('2026-01-01'),
      d('2026-01-05'),
      d('2026-01-05'),
      null,
      (k) => inView(ws.products[ws.keyProduct[k]!]!),
      () => '',
    );

  it('gives each product its own days, in the range', () => {
    const daily = detail('ann@x.com').daily;
    expect(daily.days).toEqual([d('2026-01-01'), d('2026-01-02'), d('2026-01-03'), d('2026-01-04'), d('2026-01-05')]);
    const by = Object.fromEntries(daily.products.map((p) => [p.product, p]));
    expect(by.AutoCAD!.values).toEqual([0, 1, 0, 1, 0]);
    expect(by.AutoCAD!.total).toBe(2);
    expect(by.Revit!.values).toEqual([0, 0, 0, 1, 0]);
  });

  it("shows only the report's products when some are in it", () => {
    expect(detail('ann@x.com', (p) => p === 'Revit').daily.products.map((p) => p.product)).toEqual(['Revit']);
    // None in the report (opened from another page): everything the person holds.
    expect(
      detail('ann@x.com', () => false)
        .daily.products.map((p) => p.product)
        .sort(),
    ).toEqual(['AutoCAD', 'Revit']);
  });

  it('gives a Flex user tokens per day', () => {
    const [revit] = detail('dan@x.com').daily.products;
    expect(revit!.access).toBe('Flex');
    expect(revit!.values).toEqual([0, 7, 5.5, 0, 0]);
    expect(revit!.total).toBe(12.5);
  });

  it('has nothing to draw for a person without use in the range', () => {
    expect(detail('eve@x.com').daily.products.every((p) => p.total === 0)).toBe(true);
  });
});
