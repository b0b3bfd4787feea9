/**
 * One truth on every page (docs/figures.md): each shared figure computed through
 * every page's engine entry point — report tiles and rows, Seats (headline, rows,
 * chart, export), Flex (tiles, breakdowns, balance), the reminder digest — agrees,
 * on the sample workspace and on the fixture exports of every era.
 */
import { describe, expect, it } from 'vitest';
import { EngineSession } from '../../src/core/session/engine-session';
import { dayFromYmd, parseIsoDay, type Day } from '../../src/core/vocabulary/days';
import { sampleTokenPurchases } from '../../src/core/sample/generate-sample';
import { EMPTY_VIEW, type ReportViewState } from '../../src/core/vocabulary/view-state';
import type { TokenPurchase } from '../../src/core/flex/flex-usage';
import type { RangePreset } from '../../src/core/vocabulary/date-range';
import { sampleBatches } from '../support/sample-workspace';
import { inactiveDigest } from '../../src/core/session/digest';
import { exportTables } from '../../src/core/session/exports';
import { flexBalanceTile, flexView } from '../../src/core/session/flex';
import { productDetailView, seatUsageView } from '../../src/core/session/seats';
import { csvEraSets, eraBatches, eraExpected } from '../support/era-fixtures';

const rows = (s: EngineSession) => s.rows(0, s.rowCount());
const distinct = <T>(xs: T[]) => new Set(xs).size;
const close = (a: number, b: number) => expect(a).toBeCloseTo(b, 6);

/** Every agreement one view must show; returns the figures for the caller's own checks. */
function checkAgreement(s: EngineSession, view: ReportViewState, today: Day, purchases: readonly TokenPurchase[]) {
  const q = s.query(view, today);
  const t = q.tiles;
  const all = rows(s);
  const label = `${view.team ?? 'All Teams'} ${q.from}..${q.to}`;

  // Report tiles against the report's own rows.
  const sub = all.filter((r) => r.access_option === 'Subscription');
  const flexRows = all.filter((r) => r.access_option === 'Flex');
  expect(t.activeUsers, label).toBe(distinct(sub.filter((r) => r.user_activity === 'Active').map((r) => r.userRef)));
  expect(t.assignedSeats, label).toBe(
    distinct(sub.filter((r) => r.seat_assignment === 'Assigned').map((r) => `${r.team}|${r.userRef}|${r.product_name}`)),
  );
  if (t.inactiveUsers !== null)
    expect(t.inactiveUsers, label).toBe(distinct(sub.filter((r) => r.user_activity === 'Inactive').map((r) => r.userRef)));
  close(
    t.flexTokens,
    flexRows.reduce((x, r) => x + (r.tokens_used ?? 0), 0),
  );
  expect(t.flexUsers, label).toBe(distinct(flexRows.filter((r) => (r.days_used ?? 0) > 0).map((r) => r.userRef)));
  expect(t.flexPeopleWithAccess, label).toBe(distinct(flexRows.map((r) => r.userRef)));

  // The row filters narrow the rows, never the tiles.
  for (const filter of [
    { activity: 'inactive' },
    { access: 'flex' },
    { assignment: 'unassigned' },
    { q: 'a' },
  ] as Partial<ReportViewState>[]) {
    const f = s.query({ ...view, ...filter }, today);
    expect({ ...f.tiles, rows: 0 }, `${label} ${JSON.stringify(filter)}`).toEqual({ ...t, rows: 0 });
  }
  s.query(view, today);
  // A workspace holding only the portal's Usage Report has no daily usage: the other pages say so instead.
  if (q.snapshotMode) return { tiles: t, seats: null, flex: null };

  // Seats page: headline, rows, chart and export read the same seats.
  const seats = seatUsageView(s, view, today).summary;
  expect(seats.totalSeats, label).toBe(t.seats);
  expect(seats.totalUsers, label).toBe(t.activeUsers);
  expect(seats.seatsInUse, label).toBe(t.seatsInUse);
  expect(seats.utilisation, label).toBe(t.utilisation);
  expect(seats.overAssignedSeats, label).toBe(t.overAssignedSeats);
  const sum = (f: (r: (typeof seats.products)[number]) => number) => seats.products.reduce((x, r) => x + f(r), 0);
  expect(
    sum((r) => r.seats),
    label,
  ).toBe(seats.totalSeats);
  expect(
    sum((r) => r.inUse),
    label,
  ).toBe(seats.seatsInUse);
  expect(
    sum((r) => r.assigned),
    label,
  ).toBe(t.assignedSeats);
  expect(
    sum((r) => r.over),
    label,
  ).toBe(t.overAssignedSeats);
  expect(
    sum((r) => r.spare),
    label,
  ).toBe(t.unassignedSeats);
  if (seats.totalSeats > 0) close(seats.utilisation!, seats.seatsInUse / seats.totalSeats);
  for (const r of seats.products) {
    if (r.seats > 0) close(r.utilisation!, r.inUse / r.seats);
    else expect(r.utilisation).toBeNull();
    if (r.children.length) expect(r.over, r.name).toBe(r.children.reduce((x, c) => x + c.over, 0));
    else if (view.team !== null && r.seats > 0) {
      // One team, one offering: "34 assigned on 32 seats: 2 over", never clipped to 0.
      expect(r.over, r.name).toBe(Math.max(0, r.assigned - r.seats));
      expect(r.spare, r.name).toBe(Math.max(0, r.seats - r.assigned));
    }
    const chart = productDetailView(s, view, r.name, 'day', today);
    expect(chart.seats, `${label} ${r.name} chart seats`).toBe(r.seats);
    expect(chart.peak, `${label} ${r.name} chart peak`).toBe(r.peakDaily);
    close(chart.average, r.averageDaily);
  }
  const exported = exportTables(s, view, ['seat-usage'], today).tables[0]!;
  const col = (name: string) => exported.header.indexOf(name);
  const top = exported.rows.filter((r) => r[col('part_of')] === '' || r[col('part_of')] === 'group');
  expect(
    top.reduce((x, r) => x + (r[col('seats')] as number), 0),
    label,
  ).toBe(seats.totalSeats);
  expect(
    top.reduce((x, r) => x + (r[col('seats_in_use')] as number), 0),
    label,
  ).toBe(seats.seatsInUse);

  // Flex page: tiles, breakdowns and balance.
  const flex = flexView(s, view, purchases, today);
  close(flex.totals.tokens, t.flexTokens);
  expect(flex.totals.users, label).toBe(t.flexUsers);
  expect(flex.totals.peopleWithAccess, label).toBe(t.flexPeopleWithAccess);
  close(flex.totals.monthlyAverage, t.flexMonthlyAverageTokens);
  close(
    flex.usage.byProduct.reduce((x, p) => x + p.tokens, 0),
    t.flexTokens,
  );
  close(
    flex.usage.byMonth.reduce((x, m) => x + m.tokens, 0),
    t.flexTokens,
  );
  expect(flex.usage.byUser.length, label).toBe(t.flexUsers);
  const balance = flexBalanceTile(s, view, purchases, today);
  expect(balance.on).toBe(flex.asOf);
  if (flex.balance.packs.length > 0) close(balance.remaining!, flex.balance.remaining);
  else expect(balance.remaining).toBeNull();
  return { tiles: t, seats, flex };
}

describe('the sample workspace: every page agrees', async () => {
  const END = dayFromYmd(2026, 6, 30);
  const session = new EngineSession();
  await session.load(await sampleBatches(END));
  const purchases = sampleTokenPurchases(END);
  const today = END + 1;
  const teams = session.summary().teams;

  it.each(['30d', '3m', '12m'] as RangePreset[])('All Teams and each team, past %s', (range) => {
    let overAll = 0;
    for (const team of [null, ...teams]) {
      const { tiles } = checkAgreement(session, { ...EMPTY_VIEW, team, range }, today, purchases);
      if (team !== null) overAll += tiles.overAssignedSeats;
      expect(tiles.activeUsers).toBeGreaterThan(0);
      expect(tiles.flexTokens).toBeGreaterThan(0);
    }
    // Over-assignment is counted team by team: All Teams is the sum, never netted against spare seats elsewhere.
    expect(session.query({ ...EMPTY_VIEW, range }, today).tiles.overAssignedSeats).toBe(overAll);
  });

  it('the reminder digest counts the inactive users the report counts, team by team', () => {
    for (const range of ['30d', '3m'] as RangePreset[]) {
      const digest = inactiveDigest(session, range, today);
      for (const team of teams) {
        const tile = session.query({ ...EMPTY_VIEW, team, range }, today).tiles.inactiveUsers;
        expect(digest.teams.find((x) => x.team === team)?.people.length ?? 0, `${team} ${range}`).toBe(tile);
      }
    }
  });

  it('the data 58 days old: the default view ends on the last data day, and still agrees', () => {
    const late = END + 58;
    const q = session.query({ ...EMPTY_VIEW, range: '30d' }, late);
    expect(q.to).toBe('2026-06-30');
    expect(q.data).toMatchObject({
      endsOnDataByDefault: true,
      runsPastData: false,
      freshness: { stale: true, ageDays: 58, newestUsage: '2026-06-30' },
    });
    expect(q.tiles).toEqual(session.query({ ...EMPTY_VIEW, range: '30d', asof: '2026-06-30' }, today).tiles);
    checkAgreement(session, { ...EMPTY_VIEW, team: teams[0]!, range: '30d' }, late, purchases);
    // Ending today instead: no usage in the range, and nobody is inactive for days the data does not cover.
    const past = session.query({ ...EMPTY_VIEW, team: teams[0]!, range: '30d', asof: 'today' }, late);
    expect(past.data.runsPastData).toBe(true);
    expect(past.tiles).toMatchObject({ activeUsers: 0, inactiveUsers: 0, flexTokens: 0 });
    checkAgreement(session, { ...EMPTY_VIEW, team: teams[0]!, range: '30d', asof: 'today' }, late, purchases);
  });
});

describe('the fixture exports of every era: every page agrees', () => {
  const expected = eraExpected;
  it.each(csvEraSets)('%s', async (_name, set) => {
    const session = new EngineSession();
    await session.load(await eraBatches(set.files));
    const today = parseIsoDay(expected.range.to)! + 1;
    const purchases: TokenPurchase[] = session
      .summary()
      .teams.map((team) => ({ team, date: '2024-01-15', quantity: 5_000, expiry: '', note: '' }));
    for (const team of [null, ...session.summary().teams]) {
      checkAgreement(session, { ...EMPTY_VIEW, team, from: expected.range.from, to: expected.range.to }, today, purchases);
    }
  });
});
