/**
 * `npm run bench`: the engine on the reference workload of docs/budgets.md (20,000
 * users, 40 products, 25 teams, a year of daily usage ≈ 1,000,000 events),
 * in Node. Prints one line per budget (median of several runs) and writes the
 * same figures as JSON lines to bench/results/. `-- --events 10000000` runs the
 * 10M stretch.
 */
import { cpus, totalmem } from 'node:os';
import { FigurePrinter } from './budgets';
import { duckdbSideBySide } from './duckdb';
import { nodePieceReader } from './piece-reader';
import { generateSampleFiles } from '../src/core/sample/generate-sample';
import { readFile } from '../src/core/import/read-file';
import { buildWorkspace, type LoadedBatch } from '../src/core/workspace/workspace';
import { extendWorkspace } from '../src/core/workspace/extend-workspace';
import { computeReport, reportRow } from '../src/core/report/report';
import { keyFigureArrays, newKeyFigures } from '../src/core/report/scope-figures';
import { sortRowKeys } from '../src/core/report/report-sort';
import { reportTrend } from '../src/core/report/report-trend';
import { presetRange } from '../src/core/vocabulary/date-range';
import type { ReportQuery } from '../src/core/vocabulary/report-query';
import { reportXlsx } from '../src/core/export/report-export';
import { dayFromYmd, todayUtc } from '../src/core/vocabulary/days';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const targetEvents = arg('events', 1_000_000);
const users = arg('users', targetEvents > 2_000_000 ? 200_000 : 20_000);
const runs = arg('runs', 15);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const time = (fn: () => void, n = runs) => {
  const out: number[] = [];
  fn();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return median(out);
};
const endDay = dayFromYmd(2026, 10, 31);
const out = new FigurePrinter(targetEvents);
console.log(
  `Seatwise engine benchmark — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB`,
);
console.log(
  `Workload: ${users.toLocaleString('en')} users, 40 products, 25 teams, a year ending ${'2026-10-31'}, target ${targetEvents.toLocaleString('en')} events\n`,
);

let t = performance.now();
const parts = Math.max(1, Math.round(targetEvents / 1_000_000));
const files = generateSampleFiles({ seed: 42, users, teams: 25, products: 40, endDay, targetEvents, usageParts: parts });

let loaded: LoadedBatch[] = [];
for (const [name, text] of [
  ['Users.csv', files.users],
  ['Subscriptions.csv', files.subscriptions],
] as const) {
  const o = await readFile({ name, size: text.length, lastModified: 0, source: text });
  if (!o.ok) throw new Error(o.reason);
  loaded.push({ batch: o.sheets[0]!.result.batch, chunks: o.sheets[0]!.result.chunks });
}
// The usage comes as one file per million rows (as monthly exports would); each is parsed and dropped.
let csvRows = 0,
  csvBytes = 0,
  parseMs = 0;
const importTimes: number[] = [];
let part = 0;
// A second core reads the second half of each file, as the import worker's helper does in the browser.
const pieces = cpus().length > 1 ? nodePieceReader() : null;
for (const text of files.usage()) {
  const rounds = parts === 1 ? 3 : 1;
  let batch: LoadedBatch | null = null;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const o = await readFile(
      { name: `Usage-${part}.csv`, size: text.length, lastModified: 0, source: text },
      { pieceReader: pieces?.read },
    );
    importTimes.push(performance.now() - t0);
    if (!o.ok) throw new Error(o.reason);
    batch = { batch: o.sheets[0]!.result.batch, chunks: o.sheets[0]!.result.chunks };
  }
  parseMs += parts === 1 ? median(importTimes) : importTimes.at(-1)!;
  csvRows += batch!.batch.eventCount;
  csvBytes += text.length;
  loaded.push(batch!);
  part++;
}
await pieces?.close();
console.log(
  `usage CSV: ${csvRows.toLocaleString('en')} rows in ${parts} file${parts === 1 ? '' : 's'}, ${(csvBytes / 1024 ** 2).toFixed(0)} MB (generated and parsed in ${((performance.now() - t) / 1000).toFixed(1)} s)`,
);
out.add(
  'parse',
  `parse + normalise ${(csvRows / 1e6).toFixed(1)}M-row usage CSV (Node, no storage)`,
  parseMs / 1000,
  's',
  `${(csvBytes / 1024 ** 2 / (parseMs / 1000)).toFixed(0)} MB/s${parts > 1 ? `, ${parts} files one after the other` : ', median of 3'}`,
);

t = performance.now();
const ws = buildWorkspace(loaded);
const buildMs = performance.now() - t;
loaded = [];
console.log(
  `workspace built (merge + group by key): ${buildMs.toFixed(0)} ms, ${ws.keyCount.toLocaleString('en')} keys, ${ws.eventCount.toLocaleString('en')} events`,
);

// One more import arriving later, added to the merged workspace (docs/workspace.md, "Adding an import"):
// the same organisation's usage a month later (its 12 months overlap all but one of the workspace's), and
// usage of people the workspace has never seen.
for (const [what, later] of [
  [
    'the same people, a month later',
    generateSampleFiles({ seed: 42, users, teams: 25, products: 40, endDay: endDay + 30, targetEvents: 1_000_000 }),
  ],
  ['people never seen', generateSampleFiles({ seed: 43, users, teams: 25, products: 40, endDay, targetEvents: 1_000_000 })],
] as const) {
  const text = later.usage().next().value as string;
  const o = await readFile({ name: 'Usage-later.csv', size: text.length, lastModified: 0, source: text });
  if (!o.ok) throw new Error(o.reason);
  const added: LoadedBatch = { batch: o.sheets[0]!.result.batch, chunks: o.sheets[0]!.result.chunks };
  let outcome = extendWorkspace(ws, added);
  const ms = time(() => {
    outcome = extendWorkspace(ws, added);
  }, 3);
  out.add(
    null,
    `add one ${(added.batch.eventCount / 1e6).toFixed(1)}M-row import (${what}) to the merged workspace (Node)`,
    ms,
    'ms',
    outcome.ok
      ? `${outcome.ws.eventCount.toLocaleString('en')} events after; every import merged again: ${buildMs.toFixed(0)} ms`
      : `declined (${outcome.why}): every import is merged again, ${buildMs.toFixed(0)} ms`,
  );
}

const figures = newKeyFigures(ws.keyCount);
const q = (preset: '30d' | '3m' | '12m', over: Partial<ReportQuery> = {}): ReportQuery => ({
  ...presetRange(preset, endDay),
  team: null,
  access: null,
  activity: null,
  assignment: null,
  product: null,
  group: null,
  q: '',
  sort: null,
  ...over,
});
const queries: [string, ReportQuery][] = [
  ['12 months, all', q('12m')],
  ['3 months, all, by days used', q('3m', { sort: { column: 'days_used', direction: 'desc' } })],
  ['3 months, one team, Subscription', q('3m', { team: ws.teams[3]!, access: 'subscription' })],
  ['30 days, Flex', q('30d', { access: 'flex' })],
  ['12 months, inactive, search "an"', q('12m', { activity: 'inactive', q: 'an' })],
];
const recompute: number[] = [];
for (const [name, query] of queries) {
  let rows = 0;
  const ms = time(() => {
    // Computed anew: no figure and no search kept from the run before.
    figures.range = null;
    figures.lastSearch = null;
    rows = computeReport(ws, query, figures).rows.length;
  });
  recompute.push(ms);
  console.log(`  recompute ${name.padEnd(36)} ${ms.toFixed(2).padStart(7)} ms  ${rows.toLocaleString('en')} rows`);
}
const scale = ws.eventCount / 1e6;
out.add(
  'recompute',
  `engine recompute of the report, ${scale.toFixed(1)}M events (worst query)`,
  Math.max(...recompute),
  'ms',
  `median of each of ${queries.length} queries, ${runs} runs`,
);

// A team chosen under a range already shown: the keys' figures of the range are kept, each team's keys
// computed when first asked for (docs/figures.md, "Kept while the range stays"). Each team once, then All Teams.
const worstChange: number[] = [];
for (let run = 0; run < 5; run++) {
  figures.range = null;
  computeReport(ws, q('12m'), figures);
  let worst = 0;
  for (const team of [...ws.teams, null]) {
    const t0 = performance.now();
    computeReport(ws, q('12m', { team }), figures);
    worst = Math.max(worst, performance.now() - t0);
  }
  worstChange.push(worst);
}
out.add(
  null,
  `team changed under the same range, ${scale.toFixed(1)}M events (12 months; each team once, then All Teams), worst`,
  median(worstChange),
  'ms',
  `median of ${worstChange.length} runs; the range's figures kept, each team's keys computed when first asked for`,
);

// The floor: one pass over the event-day array of the 12-month query, counting the days in range.
const { from, to } = q('12m');
let inRange = 0;
const bareMs = time(() => {
  const d = ws.eventDay;
  let n = 0;
  for (let i = 0; i < d.length; i++) {
    const x = d[i]!;
    if (x >= from && x <= to) n++;
  }
  inRange = n;
});
out.add(
  'bare-scan-ratio',
  'engine ÷ a bare scan of the event-day array (12 months, All Teams)',
  recompute[0]! / bareMs,
  '×',
  `engine ${recompute[0]!.toFixed(2)} ms, scan ${bareMs.toFixed(2)} ms over ${inRange.toLocaleString('en')} days in range`,
);

// The trend above the report: the report once per calendar month of the range (docs/report.md, "Trend").
const trendMs = time(() => reportTrend(ws, q('12m'), null, endDay, figures));
out.add(
  null,
  `report trend by month, 12 months, ${scale.toFixed(1)}M events`,
  trendMs,
  'ms',
  `${reportTrend(ws, q('12m'), null, endDay, figures).months.length} months, All Teams; aim ≤ 50 ms at 1M`,
);

const full = computeReport(ws, q('12m'), figures);
const fifty = new Uint32Array(50_000);
for (let i = 0; i < fifty.length; i++) fifty[i] = full.rows[i % full.rows.length]!;
const sortMs = Math.max(
  time(() => sortRowKeys(ws, { rows: fifty, figures }, { column: 'days_used', direction: 'desc' })),
  time(() => sortRowKeys(ws, { rows: fifty, figures }, { column: 'last_name', direction: 'asc' })),
  time(() => sortRowKeys(ws, { rows: fifty, figures }, { column: 'last_accessed', direction: 'asc' })),
);
out.add('sort', 'sort 50,000 rows (slowest of days used, name, last accessed)', sortMs, 'ms');

const exportRows = Array.from(fifty, (k) => reportRow(ws, full, k));
const xlsxMs = time(() => reportXlsx(exportRows, [['Rows', '50000']]), 3);
out.add('xlsx', 'XLSX export of 50,000 rows', xlsxMs / 1000, 's', 'median of 3');

// The same report on the same data in DuckDB, rows checked equal (docs/budgets.md); last, so that
// DuckDB's memory does not weigh on the figures above.
const side = await duckdbSideBySide(ws, q('12m'), todayUtc());
out.add(
  'duckdb-wasm-ratio',
  'DuckDB-WASM ÷ the engine, same report (12 months, All Teams), same run',
  side.wasmMs / recompute[0]!,
  '×',
  `DuckDB-WASM ${side.wasmMs.toFixed(1)} ms, engine ${recompute[0]!.toFixed(2)} ms; ${side.rows.toLocaleString('en')} rows identical`,
);
out.add(
  'duckdb-native-ratio',
  'native DuckDB (one thread) ÷ the engine, same report, same run',
  side.nativeMs / recompute[0]!,
  '×',
  `native DuckDB ${side.nativeMs.toFixed(1)} ms; rows identical`,
);

let bytes = ws.eventDay.byteLength + ws.eventTokens.byteLength + ws.eventStart.byteLength + ws.keyTokenBase.byteLength;
for (const a of [
  ws.keyTeam,
  ws.keyUser,
  ws.keyProduct,
  ws.keyAccess,
  ws.keyHasAssignment,
  ws.keyAssigned,
  ws.keyUnassigned,
  ws.keyMethod,
  ws.keyGroup,
  ws.keyOffering,
  ws.keySeat,
  ws.keyNaturalRank,
  ws.keyByNaturalRank,
])
  bytes += a.byteLength;
for (const f of keyFigureArrays(figures)) bytes += f.byteLength;
out.add(
  null,
  'typed arrays per stored event',
  bytes / ws.eventCount,
  'B',
  'events, key columns and per-query figures; the whole engine heap is measured in Chromium (bench:browser)',
);
console.log(
  "\nMeasured in the browser (npm run bench:browser), not here: import to stored and first report, the longest main-thread task, one more import, reopen, report visible after a filter change, the engine worker's whole heap per event.",
);
const file = out.write('engine', { events: ws.eventCount, node: process.version });
console.log(`figures written to ${file}`);
