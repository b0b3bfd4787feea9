/**
 * Adding one newer import to a workspace (`extendWorkspace`) gives the workspace the full merge
 * gives, whenever it does not decline (and the caller merges every import again). Random
 * imports (tests/support/random-batches.ts) are compared through a form that ignores how keys,
 * offerings and seats are numbered (tests/support/workspace-canonical.ts).
 */
import { describe, expect, it } from 'vitest';
import { extendWorkspace as extend } from '../../src/core/workspace/extend-workspace';
import { buildWorkspace, type LoadedBatch, type Workspace } from '../../src/core/workspace/workspace';
import { randomBase, randomLater } from '../support/random-batches';
import { canonicalWorkspace } from '../support/workspace-canonical';
import { batchesFromCsv, csv } from '../support/workspace-from-csv';
import { csvEraSets, eraBatches } from '../support/era-fixtures';
import { tokensAt } from '../../src/core/workspace/workspace';
import { parseIsoDay } from '../../src/core/vocabulary/days';

/** Why the fast path declined, with how often: printed when too few imports were extended. */
const declined = new Map<string, number>();
function extendWorkspace(ws: Workspace, added: LoadedBatch): Workspace | null {
  const out = extend(ws, added);
  if (out.ok) return out.ws;
  declined.set(out.why, (declined.get(out.why) ?? 0) + 1);
  return null;
}
const why = () => JSON.stringify([...declined].sort((a, b) => b[1] - a[1]));

const SEEDS = 300;
const CHAIN_SEEDS = 100;

describe('extendWorkspace', () => {
  for (const kind of ['same-people', 'anything'] as const) {
    it(`${kind}: a newer usage import extends to the full merge's workspace, also from a cached workspace`, () => {
      let extended = 0;
      declined.clear();
      for (let seed = 1; seed <= SEEDS; seed++) {
        const base = randomBase(seed);
        const later = randomLater(seed, base, kind);
        const full = canonicalWorkspace(buildWorkspace([...base, later]));
        const built = buildWorkspace(base);
        // The workspace as the session's cache (IndexedDB) gives it back.
        const cached = structuredClone(built);
        const inc = extendWorkspace(built, later);
        const fromCache = extendWorkspace(cached, later);
        expect(fromCache === null, `seed ${seed}: the cached workspace extends as the built one does`).toBe(inc === null);
        if (inc) {
          extended++;
          expect(canonicalWorkspace(inc), `seed ${seed}`).toEqual(full);
        }
        if (fromCache) expect(canonicalWorkspace(fromCache), `seed ${seed}, from the cache`).toEqual(full);
      }
      if (kind === 'same-people')
        expect(extended, `next month of the same people: extended, not merged again; declined: ${why()}`).toBeGreaterThanOrEqual(
          0.7 * SEEDS,
        );
      else expect(extended, 'some surprises need the full merge').toBeLessThan(SEEDS);
    }, 60_000);
  }

  it('leaves the workspace it extends as it was', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const base = randomBase(seed);
      for (const kind of ['same-people', 'anything'] as const) {
        const ws = buildWorkspace(base);
        const before = canonicalWorkspace(ws);
        extendWorkspace(ws, randomLater(seed, base, kind));
        expect(canonicalWorkspace(ws), `seed ${seed}, ${kind}`).toEqual(before);
      }
    }
  }, 60_000);

  for (const kind of ['same-people', 'anything'] as const) {
    it(`${kind}: two newer imports in a row, each added to the (cached) workspace of the one before, give the full merge`, () => {
      let second = 0,
        both = 0;
      declined.clear();
      for (let seed = 1; seed <= CHAIN_SEEDS; seed++) {
        const base = randomBase(seed);
        const first = randomLater(seed, base, kind);
        const next = randomLater(seed + 10_000, [...base, first], kind);
        const full = canonicalWorkspace(buildWorkspace([...base, first, next]));
        const step = extendWorkspace(buildWorkspace(base), first);
        const after = extendWorkspace(structuredClone(step ?? buildWorkspace([...base, first])), next);
        if (!after) continue;
        second++;
        if (step) both++;
        expect(canonicalWorkspace(after), `seed ${seed}`).toEqual(full);
      }
      if (kind === 'same-people') {
        // A workspace that was itself extended extends again: monthly imports stay on the fast path.
        expect(second, `the second import extended; declined: ${why()}`).toBeGreaterThanOrEqual(0.7 * CHAIN_SEEDS);
        expect(both, 'both imports extended').toBeGreaterThan(0);
      }
    }, 60_000);
  }

  it("an import without tokens for a day keeps the earlier import's figure for it (its rows' sum), merged or added", async () => {
    const [users, tokens, usage] = await batchesFromCsv([
      ['users.csv', csv('team,email,product_name,access_option', 'T,a@x.com,Maya,Flex')],
      // Two rows of one day (two versions): 3 + 4 tokens.
      [
        'tokens.csv',
        csv(
          'team,email,product_name,version,access_option,day_used,tokens_used',
          'T,a@x.com,Maya,2025,Flex,2026-01-05,3',
          'T,a@x.com,Maya,2026,Flex,2026-01-05,4',
          'T,a@x.com,Maya,2026,Flex,2026-01-06,2',
        ),
      ],
      // Usage of the same days, later, without tokens.
      [
        'usage.csv',
        csv('team,email,product_name,access_option,day_used', 'T,a@x.com,Maya,Flex,2026-01-05', 'T,a@x.com,Maya,Flex,2026-01-07'),
      ],
    ]);
    const dayTokens = (ws: Workspace) => {
      const k = 0;
      const out: Record<number, number> = {};
      for (let i = ws.eventStart[k]!; i < ws.eventStart[k + 1]!; i++) out[ws.eventDay[i]!] = tokensAt(ws, k, i);
      return out;
    };
    const d = (iso: string) => parseIsoDay(iso)!;
    const full = buildWorkspace([users!, tokens!, usage!]);
    expect(full.keyCount).toBe(1);
    expect(dayTokens(full)).toEqual({ [d('2026-01-05')]: 7, [d('2026-01-06')]: 2, [d('2026-01-07')]: 0 });
    const added = extend(buildWorkspace([users!, tokens!]), usage!);
    expect(added.ok).toBe(true);
    if (added.ok) expect(dayTokens(added.ws)).toEqual(dayTokens(full));
  });

  it("the vendor's exports of every era: each usage or token-usage file added last equals the merge of every file", async () => {
    let added = 0;
    for (const [name, set] of csvEraSets) {
      const batches = await eraBatches(set.files);
      for (let i = 0; i < batches.length; i++) {
        const others = batches.filter((_, j) => j !== i);
        const out = extend(buildWorkspace(others), batches[i]!);
        if (!out.ok) continue;
        added++;
        expect(canonicalWorkspace(out.ws), `${name}: ${set.files[i]}`).toEqual(
          canonicalWorkspace(buildWorkspace([...others, batches[i]!])),
        );
      }
    }
    // The usage and token-usage exports of each era are added, not merged again.
    expect(added).toBeGreaterThanOrEqual(csvEraSets.length);
  });
});
