import { describe, expect, it } from 'vitest';
import { scanScope } from '../../src/core/report/scope-figures';
import { buildWorkspace } from '../../src/core/workspace/workspace';
import { dailyTokens, flexBalance, flexChart, flexForecast, flexUsage, packEnd, type TokenPurchase } from '../../src/core/flex/flex-usage';
import { dayFromYmd, formatDay, parseIsoDay } from '../../src/core/vocabulary/days';
import { batchesFromCsv, csv } from '../support/workspace-from-csv';

const d = (s: string) => parseIsoDay(s)!;

describe('Flex usage, packs and forecast (docs/flex.md)', async () => {
  const ws = buildWorkspace(
    await batchesFromCsv([
      [
        'tokens.csv',
        csv(
          'team,email,product,feature,day_used,tokens_used',
          'T,a@x.com,Revit,Core,2026-01-05,10',
          'T,a@x.com,AutoCAD,Core,2026-01-05,7',
          'T,b@x.com,Revit,Core,2026-02-10,10',
          'T,b@x.com,Revit,Core,2026-02-11,10',
        ),
      ],
      ['subs-only.csv', csv('team,email,product_name,access_option,day_used', 'NoFlex,z@x.com,Maya,Subscription,2026-01-05')],
    ]),
  );
  it('sums tokens by product, user and month, and finds multi-product days', () => {
    const f = flexUsage(ws, { from: d('2026-01-01'), to: d('2026-03-31'), team: 'T' });
    const totals = scanScope(ws, { team: 'T', product: null, from: d('2026-01-01'), to: d('2026-03-31') }, d('2026-03-31')).totals;
    expect(totals.flexTokens).toBe(37);
    expect(totals.flexUsers).toBe(2);
    expect(f.byProduct.reduce((s, p) => s + p.tokens, 0)).toBe(totals.flexTokens);
    expect(f.byProduct.map((p) => [p.product, p.tokens])).toEqual([
      ['Revit', 30],
      ['AutoCAD', 7],
    ]);
    expect(f.byMonth).toEqual([
      { month: '2026-01', tokens: 17 },
      { month: '2026-02', tokens: 20 },
      { month: '2026-03', tokens: 0 },
    ]);
    expect(f.multiProductDays).toEqual([{ userKey: 'e:a@x.com', day: '2026-01-05', products: ['AutoCAD', 'Revit'], tokens: 17 }]);
    expect(flexUsage(ws, { from: d('2026-01-01'), to: d('2026-03-31'), team: 'NoFlex' }).byProduct).toEqual([]);
    expect(
      scanScope(ws, { team: 'NoFlex', product: null, from: d('2026-01-01'), to: d('2026-03-31') }, d('2026-03-31')).totals.flexTokens,
    ).toBe(0);
  });

  it('draws from the pack ending first, then the smallest, and expires packs after 12 months', () => {
    const purchases: TokenPurchase[] = [
      { team: 'T', date: '2025-01-01', quantity: 100, expiry: '', note: 'old' },
      { team: 'T', date: '2025-06-01', quantity: 50, expiry: '2026-05-31', note: 'small' },
      { team: 'T', date: '2025-06-01', quantity: 500, expiry: '2026-05-31', note: 'big' },
    ];
    expect(formatDay(packEnd(purchases[0]!))).toBe('2025-12-31');
    const b = flexBalance(purchases, dailyTokens(ws, 'T'), d('2026-03-31'));
    expect(b.packs.map((p) => [p.purchase.note, p.consumed, p.remaining, p.expired])).toEqual([
      ['old', 0, 0, 100],
      ['small', 37, 13, 0],
      ['big', 0, 500, 0],
    ]);
    expect(b).toMatchObject({ purchased: 650, consumed: 37, expired: 100, remaining: 513, low: false });
    expect(b.packs[1]!.expiresSoon).toBe(true); // ends 2026-05-31, within 90 days of 2026-03-31
  });

  it('turns to a warning at 20 % or less remaining, and counts what no pack covered', () => {
    const b = flexBalance([{ team: 'T', date: '2026-01-01', quantity: 40, expiry: '', note: '' }], dailyTokens(ws, 'T'), d('2026-03-31'));
    expect(b).toMatchObject({ remaining: 3, low: true, uncovered: 0 });
    const none = flexBalance(
      [{ team: 'T', date: '2026-01-01', quantity: 20, expiry: '', note: '' }],
      dailyTokens(ws, 'T'),
      d('2026-03-31'),
    );
    expect(none).toMatchObject({ remaining: 0, uncovered: 17 });
  });

  it('forecasts from a weighted average, with a seasonal factor once a year of data exists', () => {
    const daily = new Map<number, number>();
    // 2025: 100 tokens a month, December 300; 2026 Jan–Mar 200 a month.
    for (let m = 1; m <= 12; m++) daily.set(dayFromYmd(2025, m, 10), m === 12 ? 300 : 100);
    for (let m = 1; m <= 3; m++) daily.set(dayFromYmd(2026, m, 10), 200);
    const asOf = dayFromYmd(2026, 4, 15);
    const f = flexForecast(daily, [{ team: 'T', date: '2026-04-01', quantity: 1000, expiry: '', note: '' }], asOf);
    expect(f.monthlyBurn).toBe(200);
    expect(f.method).toMatch(/seasonal/);
    const mean = (100 * 8 + 300 + 600) / 12; // Apr–Dec 2025 (9 months, Dec 300) and Jan–Mar 2026 (200 each)
    const expectedDec = Math.round(200 * (300 / mean));
    expect(f.next12Months[7]).toEqual({ month: '2026-12', tokens: expectedDec });
    expect(f.tokensNeeded12Months).toBe(f.next12Months.reduce((s, m) => s + m.tokens, 0));
    expect(f.runsOutOn).not.toBeNull();
    expect(f.runsOutOn! > '2026-04-15').toBe(true);
    const chart = flexChart(daily, asOf, f, 1000);
    expect(chart.months).toHaveLength(25);
    expect(chart.months[0]).toBe('2025-04');
    expect(chart.months[12]).toBe('2026-04');
    expect(chart.actual.slice(9, 12)).toEqual([200, 200, 200]); // Jan–Mar 2026
    expect(chart.balance[12]).toBe(1000);
    expect(chart.balance[13]).toBe(Math.max(0, 1000 - f.next12Months[0]!.tokens));
    expect(flexChart(daily, asOf, f, null).balance.every((b) => b === null)).toBe(true);
    const young = flexForecast(new Map([[dayFromYmd(2026, 3, 10), 90]]), [], dayFromYmd(2026, 4, 15));
    expect(young.method).toMatch(/last 1 full month/);
    expect(young.monthlyBurn).toBe(90);
    expect(young.runsOutOn).toBe('');
    // Use only in the as-of month: nothing to forecast from, and the forecast says so and is zero.
    const fresh = flexForecast(
      new Map([
        [dayFromYmd(2026, 4, 2), 500],
        [dayFromYmd(2026, 4, 12), 500],
      ]),
      [],
      dayFromYmd(2026, 4, 15),
    );
    expect(fresh.method).toMatch(/forecast is zero/);
    expect(fresh.monthlyBurn).toBe(0);
    expect(fresh.tokensNeeded12Months).toBe(0);
    // Ten days of use at the end of the month before: that month is what the forecast uses, and it says so.
    const late = flexForecast(new Map([[dayFromYmd(2026, 3, 25), 500]]), [], dayFromYmd(2026, 4, 5));
    expect(late.method).toMatch(/last 1 full month/);
    expect(late.monthlyBurn).toBe(500);
  });
});
