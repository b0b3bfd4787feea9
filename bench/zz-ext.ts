import { generateSampleFiles } from '/work/main/src/core/sample/generate-sample';
import { readFile } from '/work/main/src/core/import/read-file';
import { buildWorkspace, type LoadedBatch } from '/work/main/src/core/workspace/workspace';
import { extendWorkspace } from '/work/main/src/core/workspace/extend-workspace';
import { dayFromYmd } from '/work/main/src/core/vocabulary/days';
import { canonicalWorkspace } from '/work/main/tests/support/workspace-canonical';
import { isDeepStrictEqual } from 'node:util';
const events = Number(process.argv[2] ?? 1_000_000);
const users = events > 2e6 ? 200_000 : 20_000;
const endDay = dayFromYmd(2026, 10, 31);
const parts = Math.max(1, Math.round(events / 1e6));
const files = generateSampleFiles({ seed: 42, users, teams: 25, products: 40, endDay, targetEvents: events, usageParts: parts });
const read = async (name: string, text: string): Promise<LoadedBatch> => {
  const o = await readFile({ name, size: text.length, lastModified: 0, source: text });
  if (!o.ok) throw new Error(o.reason);
  return { batch: o.sheets[0]!.result.batch, chunks: o.sheets[0]!.result.chunks };
};
const loaded: LoadedBatch[] = [await read('Users.csv', files.users), await read('Subscriptions.csv', files.subscriptions)];
let i = 0;
for (const t of files.usage()) loaded.push(await read(`U${i++}.csv`, t));
let t0 = performance.now();
const ws = buildWorkspace(loaded);
console.log('build', (performance.now() - t0).toFixed(0), 'ms', ws.eventCount);
for (const [what, seed, end] of [
  ['same people, month later', 42, endDay + 30],
  ['new people', 43, endDay],
] as const) {
  const later = generateSampleFiles({ seed, users, teams: 25, products: 40, endDay: end, targetEvents: 1_000_000 });
  const added = await read('later.csv', later.usage().next().value as string);
  for (let r = 0; r < 3; r++) {
    t0 = performance.now();
    const o = extendWorkspace(ws, added);
    console.log(what, 'extend', (performance.now() - t0).toFixed(0), 'ms', o.ok ? o.ws.eventCount : o.why);
  }
  if (process.argv[3] === 'check') {
    const o = extendWorkspace(ws, added);
    t0 = performance.now();
    const full = buildWorkspace([...loaded, added]);
    console.log('full', (performance.now() - t0).toFixed(0), 'ms');
    if (o.ok) console.log('equal:', isDeepStrictEqual(canonicalWorkspace(o.ws), canonicalWorkspace(full)));
  }
}
