import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildWorkspace, type Workspace } from '../../src/core/workspace/workspace';
import { recommendations, type Recommendation } from '../../src/core/recommendations/recommendations';
import { scanScope } from '../../src/core/report/scope-figures';
import { computeReport } from '../../src/core/report/report';
import { EngineSession } from '../../src/core/session/engine-session';
import { dayFromYmd, formatDay, parseIsoDay, type Day } from '../../src/core/vocabulary/days';
import { DEFAULT_PRICES } from '../../src/core/vocabulary/prices';
import { planSummary, queuedText } from '../../src/ui/recommendations/plan-summary';
import { EMPTY_VIEW, type ReportViewState } from '../../src/core/vocabulary/view-state';
import { WorkspaceDb, clearWorkspace } from '../../src/storage/workspace-db';
import { listChanges, queueChanges } from '../../src/storage/change-queue';
import { importToAssignFiles, changeLogTable } from '../../src/core/changes/change-export';
import type { Change, ChangeState } from '../../src/core/vocabulary/change';
import { batchesFromCsv, csv, reportQuery, reportRows } from '../support/workspace-from-csv';
import { sampleBatches } from '../support/sample-workspace';
import { recommendationDrafts, recommendationsView } from '../../src/core/session/recommendations';

const from = dayFromYmd(2025, 4, 1),
  to = dayFromYmd(2026, 3, 31); // 365 days
const days = (n: number, start = from) => Array.from({ length: n }, (_, i) => formatDay(start + i * 3));

const FILES: [string, string][] = [
  [
    'users.csv',
    csv(
      'team,email,first_name,last_name,role,product_name,access_option,assigned_date,group,group_type',
      'T,ann@x.com,Ann,Archer,Primary admin,AutoCAD,Subscription,2025-01-01,,',
      'T,bob@x.com,Bob,Baker,User,AutoCAD,Subscription,2025-01-01,,',
      'T,cat@x.com,Cat,Cole,User,AutoCAD,Subscription,2025-01-01,,',
      'T,hal@x.com,Hal,Hill,User,AutoCAD,Subscription,2025-01-01,Designers,Group',
      'T,ivy@x.com,Ivy,Irons,User,AutoCAD,Subscription,2025-01-01,,',
      'T,ivy@x.com,Ivy,Irons,User,Revit,Subscription,2025-01-01,,',
      'T,dan@x.com,Dan,Dent,User,Revit,Subscription,2025-01-01,,',
      'T,eve@x.com,Eve,East,User,Revit,Subscription,2025-01-01,,',
      'T,fay@x.com,Fay,Fox,User,Maya,Flex,2025-01-01,,',
      'T,gus@x.com,Gus,Gray,User,Maya,Flex,2025-01-01,,',
      'T,jon@x.com,Jon,Jay,User,Civil 3D,Subscription,2025-01-01,,',
      'T,kim@x.com,Kim,Kay,User,Civil 3D,Subscription,2025-01-01,,',
    ),
  ],
  [
    'subs.csv',
    csv(
      'subscription_id,offering_name,seat_quantity,team,start_date,end_date',
      '1,AutoCAD,3,T,2025-01-01,2027-01-01',
      '2,Revit,2,T,2025-01-01,2027-01-01',
      '3,3ds Max,2,T,2025-01-01,2027-01-01',
      '4,Civil 3D,1,T,2025-01-01,2027-01-01',
    ),
  ],
  [
    'usage.csv',
    csv(
      'team,email,product_name,access_option,day_used,tokens_used',
      ...[...days(100), formatDay(to)].map((d) => `T,ann@x.com,AutoCAD,Subscription,${d},0`), // 101 days: the data covers the whole range
      ...days(5).map((d) => `T,bob@x.com,AutoCAD,Subscription,${d},0`),
      ...days(50).map((d) => `T,dan@x.com,Revit,Subscription,${d},0`),
      ...days(50).map((d) => `T,eve@x.com,Revit,Subscription,${d},0`),
      ...days(10).map((d) => `T,ivy@x.com,Revit,Subscription,${d},0`),
      ...days(20).map((d) => `T,fay@x.com,Maya,Flex,${d},100`),
      ...days(2).map((d) => `T,gus@x.com,Maya,Flex,${d},6`),
      ...days(120).map((d) => `T,jon@x.com,Civil 3D,Subscription,${d},0`),
      ...days(120).map((d) => `T,kim@x.com,Civil 3D,Subscription,${d},0`),
    ),
  ],
];

const refs = (r: Recommendation | undefined) => (r?.users ?? []).map((u) => u.userRef).sort();

/** Reads "a × b × c = d" as shown and checks that the product of the factors, rounded, is d. */
function shownProduct(text: string): number {
  const [lhs, rhs] = text.split(' = ');
  const value = (s: string) => Number(s.trim().replace(/^US\$/, '').split(' ')[0]!.replace(/,/g, ''));
  const product = Math.round(lhs!.split(' × ').reduce((p, f) => p * value(f), 1));
  expect(product).toBe(value(rhs!));
  return product;
}

function change(userKey: string, state: ChangeState, over: Partial<Change> = {}): Change {
  return {
    action: 'unassign',
    team: 'T',
    userKey,
    email: userKey.slice(2),
    firstName: '',
    lastName: '',
    product: 'AutoCAD',
    source: 'report',
    reason: '',
    queuedAt: '2026-03-31T10:00:00.000Z',
    state,
    stateAt: '2026-03-31T10:00:00.000Z',
    ...over,
  };
}

/**
 * What holds for any plan: one recommendation per team × offering, each person
 * once, every amount equal to its arithmetic, the headline the sum of the nets,
 * and seats and holders the shared figures of the scope.
 */
function checkPlan(ws: Workspace, items: Recommendation[], team: string | null, rangeFrom: Day, rangeTo: Day, today: Day): void {
  const plans = items.filter((r) => r.kind !== 'single-admin');
  const slots = plans.map((r) => `${r.team}|${r.product}`);
  expect(new Set(slots).size).toBe(slots.length);
  const seen = new Set<string>();
  for (const r of plans) {
    // Never buy and reduce the same one: one signed seat change, at most one seat line.
    const seatLines = r.lines.filter((l) => l.arithmetic);
    expect(seatLines.length).toBe(r.seatChange === 0 ? 0 : 1);
    if (r.seatChange > 0) expect(seatLines[0]!.label).toMatch(/reduce/);
    if (r.seatChange < 0) expect(seatLines[0]!.label).toMatch(/buy/);
    for (const u of r.users) {
      expect(seen.has(u.userRef), `${u.userRef} in two recommendations`).toBe(false);
      seen.add(u.userRef);
    }
    expect(r.users.length > 0 || r.seatChange !== 0).toBe(true); // nothing to do: not emitted
    // The money is the arithmetic shown.
    expect(r.amount).toBe(r.lines.reduce((t, l) => t + l.amount, 0));
    for (const l of seatLines) expect(Math.abs(l.amount)).toBe(shownProduct(l.text));
    expect(r.seatChange).toBe(r.seatBasis - (r.holders - r.freed + r.movedIn));
    if (r.seatChange !== 0) expect(Math.abs(seatLines[0]!.amount)).toBe(Math.abs(r.seatChange) * r.seatPrice);
    const light = r.users.filter((u) => u.step === 'move-to-flex'),
      heavy = r.users.filter((u) => u.step === 'give-seat');
    expect(r.freed).toBe(r.users.length - heavy.length);
    expect(r.movedIn).toBe(heavy.length);
    for (const [list, sign] of [
      [light, -1],
      [heavy, 1],
    ] as const) {
      const line = r.lines.find((l) => !l.arithmetic && (sign < 0 ? /moved to Flex/ : /given a seat/).test(l.label));
      if (list.length === 0) {
        expect(line).toBeUndefined();
        continue;
      }
      expect(line!.amount).toBe(list.reduce((t, u) => t + u.amount, 0));
      for (const u of list) {
        expect(Math.sign(u.amount)).toBe(sign);
        expect(Math.abs(u.amount)).toBe(shownProduct(u.arithmetic!.text));
        expect(Math.abs(u.amount)).toBe(u.arithmetic!.result);
      }
    }
    for (const u of r.users.filter((x) => x.step === 'unassign-inactive')) expect(u.amount).toBe(0);
  }
  // The headline is the sum of the nets: each recommendation counted once.
  const summary = planSummary(items);
  expect(summary.net).toBe(items.reduce((t, r) => t + r.amount, 0));
  expect(summary.net).toBe(summary.saves - summary.costs);
  expect(summary.people).toBe(seen.size);

  // Seats and holders are the shared figures, the same as the report's.
  const scan = scanScope(ws, { team, product: null, from: rangeFrom, to: rangeTo }, today);
  const report = computeReport(ws, reportQuery(formatDay(rangeFrom), formatDay(rangeTo), { team }), undefined, null, today);
  expect(report.offerings).toEqual(scan.offerings);
  for (const r of plans) {
    const o = scan.offerings.find((x) => x.team === r.team && x.offering === r.product);
    expect(r.seats).toBe(o?.seats ?? 0);
    expect(r.holders).toBe(o?.assigned ?? 0);
    expect(r.seatBasis).toBe(r.seats > 0 ? r.seats : r.holders);
    for (const u of r.users) {
      if (u.step === 'unassign-inactive') expect(scan.figures.activity[u.key]).toBe(2); // Inactive, as the report says
      if (u.step !== 'give-seat') expect(scan.figures.assignedAtTo[u.key]).toBe(1);
    }
  }
}

describe('recommendations: one net plan per team × offering', async () => {
  const ws = buildWorkspace(await batchesFromCsv(FILES));
  const recs = recommendations(ws, DEFAULT_PRICES, { team: 'T', from, to }, to);
  const of = (product: string) => recs.find((r) => r.product === product);

  it('frees inactive seats and moves light users to Flex, then reduces the seats left over', () => {
    const r = of('AutoCAD')!;
    // 3 seats, 5 holders; cat and hal unused, bob 5 days × 7 tokens × US$3 = US$105 < US$2,030.
    // ivy is unused here but a light Revit user: she is in the Revit recommendation only.
    expect(refs(r)).toEqual(['e:bob@x.com', 'e:cat@x.com', 'e:hal@x.com']);
    expect(r).toMatchObject({ kind: 'reduce-seats', seats: 3, holders: 5, freed: 3, movedIn: 0, seatChange: 1, amount: 2_030 - 105 });
    expect(r.title).toBe('AutoCAD in T: unassign 2 inactive holders, move 1 light user to Flex, reduce by 1 seat at renewal');
    expect(r.lines.map((l) => [l.label, l.text, l.amount])).toEqual([
      ['Seats to reduce at renewal', '1 seat × US$2,030 a seat a year = US$2,030', 2_030],
      ['Flex tokens for the 1 person moved to Flex', 'US$105 = US$105', -105],
    ]);
    expect(r.users.find((u) => u.userRef === 'e:bob@x.com')!.arithmetic!.text).toBe(
      '5 days a year × 7 tokens a day × US$3 a token = US$105',
    );
    expect(r.seatPlan).toBe('3 seats; 5 held − 3 freed + 0 moved in = 2 seats needed; 3 − 2 = 1 seat to reduce at renewal.');
    // ann: 101 days × 7 × US$3 = US$2,121, more than the seat: she keeps it.
    expect(refs(r)).not.toContain('e:ann@x.com');
  });

  it('locks a group assignment with its reason, and still counts its seat', () => {
    const hal = of('AutoCAD')!.users.find((u) => u.userRef === 'e:hal@x.com')!;
    expect(hal.lock).toMatch(/group "Designers"/);
    expect(of('AutoCAD')!.users.filter((u) => u.lock)).toHaveLength(1);
  });

  it('moves light users of an over-held product to Flex: the seats saved less their tokens', () => {
    const r = of('Revit')!;
    expect(refs(r)).toEqual(['e:dan@x.com', 'e:eve@x.com', 'e:ivy@x.com']);
    // 2 seats, 3 holders, all three moved: 2 seats × US$3,035 − (50 × 10 × 3) × 2 − 10 × 10 × 3.
    expect(r).toMatchObject({
      kind: 'move-to-flex',
      seats: 2,
      holders: 3,
      freed: 3,
      seatChange: 2,
      amount: 2 * 3_035 - 1_500 - 1_500 - 300,
    });
  });

  it('gives a heavy Flex user a seat: the seat bought less the tokens no longer spent', () => {
    const r = of('Maya')!;
    expect(refs(r)).toEqual(['e:fay@x.com']); // gus: 12 tokens × US$3 = US$36, far below a seat
    expect(r).toMatchObject({
      kind: 'move-to-subscription',
      seats: 0,
      holders: 0,
      movedIn: 1,
      seatChange: -1,
      amount: 20 * 100 * 3 - 1_975,
    });
    expect(r.users[0]!.arithmetic!.text).toBe('2,000 tokens a year × US$3 a token = US$6,000');
    expect(r.lines.map((l) => l.amount)).toEqual([-1_975, 6_000]);
  });

  it('reduces spare seats, buys missing ones, flags a lone admin, and skips what has nothing to do', () => {
    expect(of('3ds Max')).toMatchObject({ kind: 'reduce-seats', seatChange: 2, amount: 2 * 1_975, users: [] });
    expect(of('Civil 3D')).toMatchObject({
      kind: 'buy-seats',
      title: 'Civil 3D in T: buy 1 seat',
      seatChange: -1,
      amount: -2_810,
      users: [],
    });
    expect(recs.find((r) => r.kind === 'single-admin')!.explanation).toMatch(/ann@x\.com is the only admin/);
    expect(
      recs
        .filter((r) => r.kind !== 'single-admin')
        .map((r) => r.product)
        .sort(),
    ).toEqual(['3ds Max', 'AutoCAD', 'Civil 3D', 'Maya', 'Revit']);
    expect(recs[0]!.amount).toBeGreaterThanOrEqual(recs.at(-1)!.amount); // largest first
  });

  it('adds up: the headline is the sum of the nets, and every amount is its arithmetic', () => {
    expect(planSummary(recs)).toEqual({
      net: 1_925 + 2_770 + 4_025 + 3_950 - 2_810,
      saves: 1_925 + 2_770 + 4_025 + 3_950,
      costs: 2_810,
      people: 7,
      count: 6,
    });
    checkPlan(ws, recs, 'T', from, to, to);
  });

  it('leaves out people with a change outstanding (pending or exported), not those applied or undone', () => {
    const after = recommendations(ws, DEFAULT_PRICES, { team: 'T', from, to }, to, {
      changes: [
        change('e:bob@x.com', 'pending'),
        change('e:fay@x.com', 'exported', { action: 'assign', product: 'Maya' }),
        change('e:cat@x.com', 'applied'),
        change('e:dan@x.com', 'undone'),
      ],
    });
    const people = after.flatMap((r) => r.users.map((u) => u.userRef));
    expect(people).not.toContain('e:bob@x.com');
    expect(people).not.toContain('e:fay@x.com');
    expect(people).toContain('e:cat@x.com');
    expect(people).toContain('e:dan@x.com');
    // AutoCAD: bob still holds his seat until the change takes effect: 3 − (5 − 2) = 0 seats to reduce.
    expect(after.find((r) => r.product === 'AutoCAD')).toMatchObject({ seatChange: 0, amount: 0 });
    expect(after.find((r) => r.product === 'Maya')).toBeUndefined();
    expect(planSummary(after).net).toBe(planSummary(recs).net - 1_925 - 4_025);
    checkPlan(ws, after, 'T', from, to, to);
  });

  it('follows the admin’s prices', () => {
    const cheapTokens = { ...DEFAULT_PRICES, tokenPrice: 0.5, edited: ['token'] };
    const r = recommendations(ws, cheapTokens, { team: 'T', from, to }, to);
    expect(refs(r.find((x) => x.product === 'AutoCAD'))).toEqual(['e:ann@x.com', 'e:bob@x.com', 'e:cat@x.com', 'e:hal@x.com']);
    expect(r.find((x) => x.product === 'AutoCAD')!.users.find((u) => u.userRef === 'e:ann@x.com')!.arithmetic!.text).toBe(
      '101 days a year × 7 tokens a day × US$0.5 a token = US$354',
    );
    expect(r.find((x) => x.product === 'Maya')).toBeUndefined(); // 2,000 tokens × US$0.5 < a seat
    checkPlan(ws, r, 'T', from, to, to);
  });
});

describe('acting on a recommendation queues what the admin kept ticked', () => {
  let db: WorkspaceDb;
  let n = 0;
  beforeEach(async () => {
    db = new WorkspaceDb(`rec-changes-${++n}`);
    await clearWorkspace(db);
  });
  const VIEW: ReportViewState = { ...EMPTY_VIEW, team: 'T', from: formatDay(from), to: formatDay(to) };

  it('unassigns, and for a light user also assigns Flex; a heavy Flex user gets a seat; locked people are refused', async () => {
    const s = new EngineSession();
    await s.load(await batchesFromCsv(FILES));
    const items = recommendationsView(s, VIEW, DEFAULT_PRICES, to).items;
    const autocad = items.find((r) => r.product === 'AutoCAD')!;
    const { drafts, refused } = recommendationDrafts(s, autocad.id, VIEW, DEFAULT_PRICES, to, [
      'e:bob@x.com',
      'e:cat@x.com',
      'e:hal@x.com',
    ]);
    expect(drafts.map((d) => `${d.action}:${d.email}:${d.product}:${d.access ?? ''}`)).toEqual([
      'unassign:cat@x.com:AutoCAD:',
      'unassign:bob@x.com:AutoCAD:',
      'assign:bob@x.com:AutoCAD:Flex',
    ]);
    expect(refused).toEqual([{ label: 'Hal Hill', reason: expect.stringMatching(/group "Designers"/) }]);
    // Unticked people are not queued; nor is anyone the recommendation does not name.
    expect(recommendationDrafts(s, autocad.id, VIEW, DEFAULT_PRICES, to, ['e:cat@x.com', 'e:ann@x.com'])).toEqual({
      drafts: [expect.objectContaining({ action: 'unassign', email: 'cat@x.com' })],
      refused: [{ label: 'e:ann@x.com', reason: 'is no longer in this recommendation' }],
    });
    const maya = items.find((r) => r.product === 'Maya')!;
    expect(recommendationDrafts(s, maya.id, VIEW, DEFAULT_PRICES, to).drafts).toEqual([
      expect.objectContaining({ action: 'assign', email: 'fay@x.com', product: 'Maya', access: 'Subscription' }),
    ]);

    // The seat's unassign and the Flex assign are two changes, queued together with one reason.
    const outcome = await queueChanges(db, drafts, 'AutoCAD in T: reviewed');
    expect(outcome).toEqual({ queued: 3, skipped: [] });
    const queued = await listChanges(db);
    expect(queued.map((c) => `${c.action}:${c.email}:${c.access ?? ''}:${c.reason}`)).toEqual([
      'unassign:cat@x.com::AutoCAD in T: reviewed',
      'unassign:bob@x.com::AutoCAD in T: reviewed',
      'assign:bob@x.com:Flex:AutoCAD in T: reviewed',
    ]);
    expect((await queueChanges(db, drafts.slice(2), 'again')).skipped[0]!.reason).toBe('already queued to assign Flex');

    // Exports: Flex assigns in a file of their own; the log says the access.
    expect(importToAssignFiles(queued, 'assign').map((f) => f.fileName)).toEqual(['assign-AutoCAD-Flex-T.csv']);
    expect(importToAssignFiles(queued, 'unassign').map((f) => f.fileName)).toEqual(['unassign-AutoCAD-T.csv']);
    const log = changeLogTable(queued);
    const access = log.header.indexOf('access_option');
    expect(log.rows.map((r) => r[access])).toEqual(['Subscription', 'Subscription', 'Flex']);

    // The plan recomputes without them, and says what was queued.
    s.setChanges(queued);
    const after = recommendationsView(s, VIEW, DEFAULT_PRICES, to).items;
    const again = after.find((r) => r.product === 'AutoCAD')!;
    expect(refs(again)).toEqual(['e:hal@x.com']);
    expect(queuedText(again.queued)).toBe('Queued: 2 unassigns, 1 Flex assign');
    expect(planSummary(after).net).not.toBe(planSummary(items).net);

    // With pending changes included, bob's row is a Flex row and cat's seat is free.
    const overlaid = new EngineSession();
    await overlaid.load(await batchesFromCsv(FILES), undefined, queued, true);
    const today = new Date().toISOString().slice(0, 10);
    const rows = reportRows(overlaid.workspace, reportQuery(today, today, { team: 'T' }));
    expect(rows.find((r) => r.email === 'bob@x.com')).toMatchObject({
      product_name: 'AutoCAD',
      access_option: 'Flex',
      seat_assignment: 'Assigned',
    });
    expect(rows.find((r) => r.email === 'cat@x.com')).toMatchObject({ access_option: 'Subscription', seat_assignment: 'Unassigned' });
  });
});

describe('recommendations on the sample workspace', () => {
  const end = dayFromYmd(2026, 10, 31);
  const session = new EngineSession();
  beforeAll(async () => {
    await session.load(await sampleBatches(end));
  }, 60_000);
  const view = (team: string | null): ReportViewState => ({ ...EMPTY_VIEW, team, range: '12m' });

  it('one plan for All Teams and for every team: no slot twice, no person twice, sums that add up, the shared seat figures', () => {
    const ws = session.workspace;
    for (const team of [null, ...ws.teams]) {
      const r = recommendationsView(session, view(team), DEFAULT_PRICES, end);
      expect(r.items.length).toBeGreaterThan(1);
      checkPlan(ws, r.items, team, parseIsoDay(r.from)!, parseIsoDay(r.to)!, end);
    }
    const all = recommendationsView(session, view(null), DEFAULT_PRICES, end).items;
    // Each team's plan is its part of the All Teams plan.
    const byTeam = ws.teams.reduce(
      (t, team) =>
        t + planSummary(recommendationsView(session, view(team), DEFAULT_PRICES, end).items.filter((x) => x.kind !== 'single-admin')).net,
      0,
    );
    expect(byTeam).toBe(planSummary(all).net);
    expect(planSummary(all).net).toBeGreaterThan(0);
    expect(new Set(all.map((x) => x.kind))).toEqual(new Set(['reduce-seats', 'move-to-flex', 'move-to-subscription', 'buy-seats']));
  });

  it('leaves out the people whose change is outstanding, and the totals change', () => {
    const before = recommendationsView(session, view('Head Office'), DEFAULT_PRICES, end).items;
    const ws = session.workspace;
    const acted = before
      .filter((r) => r.users.length > 0)
      .slice(0, 3)
      .map((r) => r.users[0]!);
    const changes = acted.map((u, i) =>
      change(ws.users[ws.keyUser[u.key]!]!.key, i === 1 ? 'exported' : 'pending', {
        team: 'Head Office',
        product: ws.products[ws.keyProduct[u.key]!]!,
      }),
    );
    session.setChanges(changes);
    try {
      const after = recommendationsView(session, view('Head Office'), DEFAULT_PRICES, end);
      const people = new Set(after.items.flatMap((r) => r.users.map((u) => u.userRef)));
      for (const u of acted) expect(people.has(u.userRef)).toBe(false);
      expect(planSummary(after.items).net).not.toBe(planSummary(before).net);
      checkPlan(ws, after.items, 'Head Office', parseIsoDay(after.from)!, parseIsoDay(after.to)!, end);
    } finally {
      session.setChanges([]);
    }
  });
});
