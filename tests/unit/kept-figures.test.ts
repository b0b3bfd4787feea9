import { describe, expect, it } from 'vitest';
import { computeReport, matchUsers } from '../../src/core/report/report';
import { newKeyFigures, scanKeys, scanScope, type KeyFigures, type Scope, type ScopeScan } from '../../src/core/report/scope-figures';
import { presetRange } from '../../src/core/vocabulary/date-range';
import { parseIsoDay, type Day } from '../../src/core/vocabulary/days';
import type { ReportQuery } from '../../src/core/vocabulary/report-query';
import { buildWorkspace, type Workspace } from '../../src/core/workspace/workspace';
import { sampleBatches } from '../support/sample-workspace';

const END = parseIsoDay('2026-10-31')!;

/** What a scan says of every key it returns: the figures a page reads. */
function seen(ws: Workspace, scan: ScopeScan) {
  const f = scan.figures;
  return {
    keys: [...scan.keys],
    figures: [...scan.keys].map((k) => [
      f.daysUsed[k],
      f.lastAccessed[k],
      f.tokens[k],
      f.activity[k],
      f.assignedAtTo[k],
      f.daysInactive[k],
    ]),
    totals: scan.totals,
    offerings: scan.offerings,
    keyCount: ws.keyCount,
  };
}

describe('figures kept while the range stays', async () => {
  const ws = buildWorkspace(await sampleBatches(END));
  let x = 5;
  const next = (n: number) => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return Math.floor((x / 2_147_483_648) * n);
  };
  const ranges = [presetRange('12m', END), presetRange('3m', END), presetRange('30d', END), presetRange('3m', END - 200)];
  const teams = [null, ...ws.teams.slice(0, 4), 'No such team'];
  const products = [null, ws.products[0]!, ws.products[1]!];
  // `today` before the data's end moves the last covered day, and with it who is inactive.
  const todays: Day[] = [Number.MAX_SAFE_INTEGER, END - 10];

  it('give, scope after scope, what a fresh scan gives', () => {
    expect(ws.teams.length).toBeGreaterThan(3);
    const kept = newKeyFigures(ws.keyCount);
    let sameRange = 0;
    let last: string | null = null;
    for (let step = 0; step < 120; step++) {
      // Mostly the team or product changes under the same range, as an admin clicks through teams.
      const range = step % 5 === 0 ? ranges[next(ranges.length)]! : (ranges.find((r) => `${r.from}-${r.to}` === last) ?? ranges[0]!);
      const scope: Scope = { team: teams[next(teams.length)]!, product: products[next(products.length)]!, from: range.from, to: range.to };
      const today = todays[next(4) === 0 ? 1 : 0]!;
      if (last === `${range.from}-${range.to}`) sameRange++;
      last = `${range.from}-${range.to}`;
      const fresh = scanScope(ws, scope, today, newKeyFigures(ws.keyCount));
      expect(seen(ws, scanScope(ws, scope, today, kept)), `step ${step}: ${JSON.stringify(scope)}, today ${today}`).toEqual(
        seen(ws, fresh),
      );
    }
    expect(sameRange).toBeGreaterThan(60);
  });

  it('computed a slice of keys at a time, give what one scan gives', () => {
    const kept = newKeyFigures(ws.keyCount);
    const scope: Scope = { team: ws.teams[1]!, product: null, ...presetRange('3m', END) };
    const third = Math.ceil(ws.keyCount / 3);
    const slices = [0, third, 2 * third].map((k) => [...scanKeys(ws, scope, END, kept, k, Math.min(ws.keyCount, k + third))]);
    const whole = scanScope(ws, scope, END, kept);
    expect(slices.flat()).toEqual([...whole.keys]);
    expect(slices.every((keys) => keys.length > 0)).toBe(true);
    expect(seen(ws, whole)).toEqual(seen(ws, scanScope(ws, scope, END, newKeyFigures(ws.keyCount))));
  });

  it('start anew for another workspace', async () => {
    // Another sample (ending a month later), scanned for the same range and the same last covered day:
    // `today` is before the end of both.
    const other = buildWorkspace(await sampleBatches(END + 30));
    const today = END - 100;
    const kept: KeyFigures = newKeyFigures(Math.max(ws.keyCount, other.keyCount));
    const scope: Scope = { team: null, product: null, ...presetRange('3m', today) };
    const first = seen(ws, scanScope(ws, scope, today, kept));
    const fresh = seen(other, scanScope(other, scope, today, newKeyFigures(other.keyCount)));
    expect(fresh.figures).not.toEqual(first.figures);
    expect(seen(other, scanScope(other, scope, today, kept))).toEqual(fresh);
  });

  it('leave the report of a team, then All Teams, then the team again, as fresh reports are', () => {
    const kept = newKeyFigures(ws.keyCount);
    const query = (team: string | null): ReportQuery => ({
      ...presetRange('3m', END),
      team,
      access: null,
      activity: 'inactive',
      assignment: null,
      product: null,
      group: null,
      q: 'a',
      sort: { column: 'days_inactive', direction: 'desc' },
    });
    for (const team of [ws.teams[1]!, null, ws.teams[1]!, ws.teams[2]!, null]) {
      const a = computeReport(ws, query(team), kept);
      const b = computeReport(ws, query(team), newKeyFigures(ws.keyCount));
      expect([...a.rows]).toEqual([...b.rows]);
      expect(a.tiles).toEqual(b.tiles);
      expect(a.rows.length).toBeGreaterThan(0);
    }
  });
});

describe('the free-text filter', async () => {
  const ws = buildWorkspace(await sampleBatches(END));
  it('matches each search anew, and the same search the same people', () => {
    const kept = newKeyFigures(ws.keyCount);
    const an = [...matchUsers(ws, 'an', null, kept)!];
    expect([...matchUsers(ws, 'an', null, kept)!]).toEqual(an);
    const e = [...matchUsers(ws, ' E ', null, kept)!];
    expect(e).not.toEqual(an);
    expect([...matchUsers(ws, 'AN', null, kept)!]).toEqual(an);
    const direct = ws.users.map((u) => (`${u.firstName} ${u.lastName} ${u.email} ${u.hashedId}`.toLowerCase().includes('an') ? 1 : 0));
    expect(an).toEqual(direct);
    expect(an.filter(Boolean).length).toBeGreaterThan(0);
    expect(matchUsers(ws, '  ')).toBeNull();
  });
});
