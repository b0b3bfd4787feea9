import { describe, expect, it } from 'vitest';
import { sortRowKeys } from '../../src/core/report/report-sort';
import { newKeyFigures } from '../../src/core/report/scope-figures';
import { NO_DAY, parseIsoDay } from '../../src/core/vocabulary/days';
import { buildWorkspace } from '../../src/core/workspace/workspace';
import { sampleBatches } from '../support/sample-workspace';

/** The natural order as a comparator sort by natural rank: the reference. */
const byRank = (ranks: Uint32Array, rows: Uint32Array) => [...rows].sort((a, b) => ranks[a]! - ranks[b]!);

describe('rows in the natural order', async () => {
  const ws = buildWorkspace(await sampleBatches(parseIsoDay('2026-10-31')!));
  const figures = newKeyFigures(ws.keyCount);
  // A shuffled subset of the keys, of every share: few rows are sorted, many are read off in rank order.
  const subset = (share: number, seed: number) => {
    let x = seed;
    const next = () => {
      x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
      return x / 2_147_483_648;
    };
    const keys = [...Array(ws.keyCount).keys()].filter(() => next() < share);
    for (let i = keys.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [keys[i], keys[j]] = [keys[j]!, keys[i]!];
    }
    return Uint32Array.from(keys);
  };

  it('come out in natural rank order, whatever share of the keys they are', () => {
    expect(ws.keyCount).toBeGreaterThan(1_000);
    for (const [share, seed] of [
      [1, 1],
      [0.9, 2],
      [0.5, 3],
      [0.2, 4],
      [0.01, 5],
      [0.001, 6],
    ] as const) {
      const rows = subset(share, seed);
      expect([...sortRowKeys(ws, { rows, figures }, null)]).toEqual(byRank(ws.keyNaturalRank, rows));
    }
  });

  it('are right again on the next call (nothing is left marked between calls)', () => {
    const all = subset(1, 7);
    const half = subset(0.5, 8);
    expect([...sortRowKeys(ws, { rows: all, figures }, null)]).toEqual(byRank(ws.keyNaturalRank, all));
    expect([...sortRowKeys(ws, { rows: half, figures }, null)]).toEqual(byRank(ws.keyNaturalRank, half));
    expect([...sortRowKeys(ws, { rows: new Uint32Array(0), figures }, null)]).toEqual([]);
    expect([...sortRowKeys(ws, { rows: all, figures }, null)]).toEqual(byRank(ws.keyNaturalRank, all));
  });
});

describe('rows sorted by a column', async () => {
  const ws = buildWorkspace(await sampleBatches(parseIsoDay('2026-10-31')!));
  const figures = newKeyFigures(ws.keyCount);
  let x = 11;
  const next = () => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return x / 2_147_483_648;
  };
  // Few distinct values (counted into place), empties among them, and values too spread to count (tokens).
  for (let k = 0; k < ws.keyCount; k++) {
    figures.daysUsed[k] = Math.floor(next() * 40);
    figures.lastAccessed[k] = next() < 0.3 ? NO_DAY : 20_000 + Math.floor(next() * 400);
    figures.tokens[k] = next() < 0.5 ? 0 : Math.round(next() * 5e7) / 100;
  }
  const all = Uint32Array.from(ws.keyNaturalRank.keys());
  const few = all.filter((_, i) => i % 97 === 3);
  /** The reference: a comparator over the values, empties last either way, ties in the natural order. */
  const reference = (rows: Uint32Array, value: (k: number) => number | null, desc: boolean) =>
    [...rows].sort((a, b) => {
      const va = value(a),
        vb = value(b);
      if (va !== vb) {
        if (va === null) return 1;
        if (vb === null) return -1;
        return desc ? vb - va : va - vb;
      }
      return ws.keyNaturalRank[a]! - ws.keyNaturalRank[b]!;
    });
  const columns = [
    ['days_used', (k: number) => figures.daysUsed[k]!],
    ['last_accessed', (k: number) => (figures.lastAccessed[k] === NO_DAY ? null : figures.lastAccessed[k]!)],
    ['tokens_used', (k: number) => Math.round(figures.tokens[k]! * 100)],
  ] as const;

  it('orders by the value, empties last in either direction, ties in the natural order', () => {
    for (const [column, value] of columns) {
      for (const direction of ['asc', 'desc'] as const) {
        for (const rows of [all, few]) {
          const got = [...sortRowKeys(ws, { rows, figures }, { column, direction })];
          expect(got, `${column} ${direction}, ${rows.length} rows`).toEqual(reference(rows, value, direction === 'desc'));
        }
      }
    }
  });
});
