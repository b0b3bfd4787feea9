import { describe, expect, it } from 'vitest';
import { sortRowKeys } from '../../src/core/report/report-sort';
import { newKeyFigures } from '../../src/core/report/scope-figures';
import { parseIsoDay } from '../../src/core/vocabulary/days';
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
