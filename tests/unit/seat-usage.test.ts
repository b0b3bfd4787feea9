import { describe, expect, it } from 'vitest';
import { buildWorkspace } from '../../src/core/workspace/workspace';
import { productDetail, seatUsage } from '../../src/core/seats/seat-usage';
import { formatDay, parseIsoDay } from '../../src/core/vocabulary/days';
import { batchesFromCsv, csv } from '../support/workspace-from-csv';

const d = (s: string) => parseIsoDay(s)!;

describe('seat usage (docs/figures.md)', async () => {
  const ws = buildWorkspace(
    await batchesFromCsv([
      [
        'users.csv',
        csv(
          'team,email,product_name,offering_name,access_option,assigned_date',
          'T,a@x.com,Revit,AEC Collection,Subscription,2025-01-01',
          'T,a@x.com,AutoCAD,AEC Collection,Subscription,2025-01-01',
          'T,b@x.com,Revit,AEC Collection,Subscription,2025-01-01',
          'T,c@x.com,Maya,Maya,Subscription,2025-01-01',
          'T,e@x.com,AutoCAD Mechanical,AutoCAD Mechanical,Subscription,2025-01-01',
          'U,a@x.com,Maya,Maya,Subscription,2025-01-01',
          'T,f@x.com,Revit,Revit,Flex,2025-01-01',
        ),
      ],
      ['subs.csv', csv('subscription_id,offering_name,seat_quantity,team', '1,AEC Collection,4,T', '2,Maya,2,T', '3,Maya,1,U')],
      [
        'usage.csv',
        csv(
          'team,email,product_name,day_used',
          'T,a@x.com,Revit,2026-01-05',
          'T,a@x.com,AutoCAD,2026-01-05',
          'T,a@x.com,Revit,2026-01-06',
          'T,b@x.com,Revit,2026-01-05',
          'U,a@x.com,Maya,2026-01-07',
          'T,c@x.com,Maya,2026-01-07',
          'T,f@x.com,Revit,2026-01-05',
        ),
      ],
    ]),
  );
  const scope = { from: d('2026-01-01'), to: d('2026-01-31'), team: 'T' };

  it('sums up users, products used, seats and utilisation for a team', () => {
    const s = seatUsage(ws, scope);
    expect(s).toMatchObject({ totalUsers: 3, totalProducts: 2, totalSeats: 6 }); // AEC (one seat per holder) and Maya; f is Flex, e unused
    expect(s.utilisation).toBeCloseTo(3 / 6);
  });

  it('counts a collection as one seat and rolls the AutoCAD family up, with peak and average daily users', () => {
    const rows = seatUsage(ws, scope).products;
    const aec = rows.find((r) => r.name === 'AEC Collection')!;
    expect(aec).toMatchObject({ seats: 4, assigned: 2, active: 2, inactive: 0, peakDaily: 2 });
    expect(aec.averageDaily).toBe(Math.round((3 / 31) * 10) / 10); // Jan 5: a, b; Jan 6: a
    expect(aec.children).toEqual([]); // its products' use counts on the collection's seat (docs/collections.md)
    expect(rows.find((r) => r.name === 'Maya')).toMatchObject({ seats: 2, active: 1, utilisation: 0.5 });
    const family = rows.find((r) => r.name === 'AutoCAD (with toolsets)')!;
    expect(family).toMatchObject({ active: 0, inactive: 1 });
  });

  it('counts a user once a day across teams, and gives daily, weekly and monthly series', () => {
    const all = { ...scope, team: null };
    const maya = productDetail(ws, all, 'Maya', 'day');
    expect(maya.users[d('2026-01-07') - d('2026-01-01')]).toBe(2); // a in U and c in T
    const weekly = productDetail(ws, all, 'AEC Collection', 'week');
    expect(formatDay(weekly.starts[0]!)).toBe('2025-12-29');
    expect(weekly.users[1]).toBe(2); // week of Jan 5: a and b, each once
    const monthly = productDetail(ws, all, 'AEC Collection', 'month');
    expect(monthly.users).toEqual([2]);
    expect(productDetail(ws, { ...scope, to: d('2026-02-28') }, 'AEC Collection', 'month').users).toEqual([2, 0]); // a month with no usage
    expect(productDetail(ws, all, 'Revit', 'month').users).toEqual([0]); // Revit used under AEC counts there, not as Revit
  });
});
