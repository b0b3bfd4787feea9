// temporary: measure hand-written zip vs fflate zipSync (removed after measuring)
import { zip } from '../../../tmp/zip-handwritten';
import { zipSync } from 'fflate';
function csv(seed: number): Uint8Array {
  const lines = ['team,email,first_name,last_name,product_name,access_option,day_used'];
  let n = 0, i = seed;
  const teams = ['Alpha', 'Beta', 'Gamma', 'Delta'], prods = ['AutoCAD', 'Revit', 'Maya', 'Civil 3D', 'Inventor'];
  while (n < 1024 * 1024) {
    i = (i * 1103515245 + 12345) >>> 0;
    const l = `${teams[i % 4]},user${i % 5000}@corp.test,First${i % 300},Last${i % 700},${prods[i % 5]},${i % 7 ? 'Subscription' : 'Flex'},2026-0${1 + (i % 9)}-${10 + (i % 18)}`;
    lines.push(l); n += l.length + 2;
  }
  return new TextEncoder().encode(lines.join('\r\n').slice(0, 1024 * 1024));
}
const files = Array.from({ length: 20 }, (_, k) => ({ name: `section-${k}.csv`, bytes: csv(k + 1) }));
const total = files.reduce((s, f) => s + f.bytes.length, 0);
function time(label: string, f: () => Uint8Array) {
  f(); // warm
  const runs: number[] = []; let size = 0;
  for (let r = 0; r < 5; r++) { const t = performance.now(); size = f().length; runs.push(performance.now() - t); }
  runs.sort((a, b) => a - b);
  console.log(`${label}: median ${runs[2]!.toFixed(1)} ms (min ${runs[0]!.toFixed(1)}), ${(size / 1024 / 1024).toFixed(2)} MB out of ${(total / 1024 / 1024).toFixed(2)} MB`);
}
time('hand-written (stored)', () => zip(files));
time('fflate zipSync level 0 (stored)', () => zipSync(Object.fromEntries(files.map((f) => [f.name, [f.bytes, { level: 0 }]]))));
for (const level of [1, 6] as const) time(`fflate zipSync level ${level} (deflate)`, () => zipSync(Object.fromEntries(files.map((f) => [f.name, [f.bytes, { level }]]))));
