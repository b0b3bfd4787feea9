import { describe, expect, it } from 'vitest';
import { buildWorkspace } from '../../src/engine/workspace';
import { recommendations } from '../../src/engine/recommendations';
import { dayFromYmd, formatDay } from '../../src/engine/days';
import { DEFAULT_PRICES } from '../../src/recommendations/prices';
import { batchesFromCsv, csv } from '../support/workspace-from-csv';

const from = dayFromYmd(2025, 4, 1), to = dayFromYmd(2026, 3, 31); // 365 days
const days = (n: number, start = from) => Array.from({ length: n }, (_, i) => formatDay(start + i * 3));

describe('recommendations with money (SPEC §8)', async () => {
  const usage = [
    ...days(100).map((d) => `T,ann@x.com,AutoCAD,Subscription,${d},0`),
    ...days(5).map((d) => `T,bob@x.com,AutoCAD,Subscription,${d},0`),
    ...days(50).map((d) => `T,dan@x.com,Revit,Subscription,${d},0`),
    ...days(50).map((d) => `T,eve@x.com,Revit,Subscription,${d},0`),
    ...days(20).map((d) => `T,fay@x.com,Maya,Flex,${d},100`),
    ...days(2).map((d) => `T,gus@x.com,Maya,Flex,${d},6`),
  ];
  const ws = buildWorkspace(await batchesFromCsv([
    ['users.csv', csv('team,email,role,product_name,access_option,assigned_date,group,group_type',
      'T,ann@x.com,Primary admin,AutoCAD,Subscription,2025-01-01,,', 'T,bob@x.com,User,AutoCAD,Subscription,2025-01-01,,',
      'T,cat@x.com,User,AutoCAD,Subscription,2025-01-01,,', 'T,dan@x.com,User,Revit,Subscription,2025-01-01,,',
      'T,eve@x.com,User,Revit,Subscription,2025-01-01,,', 'T,fay@x.com,User,Maya,Flex,2025-01-01,,', 'T,gus@x.com,User,Maya,Flex,2025-01-01,,')],
    ['subs.csv', csv('subscription_id,offering_name,seat_quantity,team,start_date,end_date', '1,AutoCAD,3,T,2025-01-01,2027-01-01', '2,Revit,1,T,2025-01-01,2027-01-01')],
    ['usage.csv', csv('team,email,product_name,access_option,day_used,tokens_used', ...usage)],
  ]));
  const recs = recommendations(ws, DEFAULT_PRICES, 'T', from, to, null);
  const find = (kind: string) => recs.filter((r) => r.kind === kind);

  it('reduces seats held by people who did not use them, at the seat price', () => {
    const [r] = find('reduce-seats');
    expect(r).toMatchObject({ product: 'AutoCAD', amount: 2_030, action: 'unassign' });
    expect(r!.users.map((u) => u.userRef)).toEqual(['e:cat@x.com']);
  });

  it('moves a light user to Flex when their days priced in tokens cost less than the seat', () => {
    const r = find('move-to-flex').find((x) => x.product === 'AutoCAD');
    expect(r!.users.map((u) => u.userRef)).toEqual(['e:bob@x.com']); // ann: 100 days × 7 × $3 = $2,100 > $2,030
    expect(r!.amount).toBe(2_030 - 5 * 7 * 3);
    const revit = find('move-to-flex').find((x) => x.product === 'Revit'); // 50 days × 10 × $3 = $1,500 < $3,035
    expect(revit!.users).toHaveLength(2);
  });

  it('moves a heavy Flex user to a seat when tokens cost more than the seat', () => {
    const [r] = find('move-to-subscription');
    expect(r!.users.map((u) => u.userRef)).toEqual(['e:fay@x.com']);
    expect(r).toMatchObject({ product: 'Maya', action: 'assign', amount: 20 * 100 * 3 - 1_975 });
  });

  it('buys seats where assignments exceed seats, and flags a lone admin', () => {
    expect(find('buy-seats')[0]).toMatchObject({ product: 'Revit', amount: 3_035, title: 'Buy 1 Revit seat in T' });
    expect(find('single-admin')[0]!.explanation).toMatch(/ann@x\.com is the only admin/);
    expect(recs[0]!.amount).toBeGreaterThanOrEqual(recs.at(-1)!.amount); // largest amounts first
  });

  it('follows the admin’s prices', () => {
    const cheapTokens = { ...DEFAULT_PRICES, tokenPrice: 0.5, edited: ['token'] };
    expect(recommendations(ws, cheapTokens, 'T', from, to, null).find((r) => r.kind === 'move-to-flex' && r.product === 'AutoCAD')!.users.map((u) => u.userRef))
      .toEqual(['e:ann@x.com', 'e:bob@x.com']);
  });
});
