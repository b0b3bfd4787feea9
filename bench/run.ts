/**
 * `npm run bench`: the engine on the reference workload of docs/budgets.md (20,000
 * users, 40 products, 25 teams, a year of daily usage ≈ 1,000,000 events),
 * in Node. Prints one line per budget (median of several runs) and writes the
 * same figures as JSON lines to bench/results/. `-- --events 10000000` runs the
 * 10M stretch.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { generateSampleFiles } from '../src/core/sample/generate-sample';
import { readFile } from '../src/core/import/read-file';
import { buildWorkspace, type LoadedBatch } from '../src/core/workspace/workspace';
import { computeReport, reportRow } from '../src/core/report/report';
import { newKeyFigures } from '../src/core/report/scope-figures';
import { sortRowKeys } from '../src/core/report/report-sort';
import { reportTrend } from '../src/core/report/report-trend';
import { presetRange } from '../src/core/vocabulary/date-range';
import type { ReportQuery } from '../src/core/vocabulary/report-query';
import { reportXlsx } from '../src/core/export/report-export';
import { dayFromYmd } from '../src/core/vocabulary/days';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const targetEvents = arg('events', 1_000_000);
const users = arg('users', targetEvents > 2_000_000 ? 200_000 : 20_000);
const runs = arg('runs', 15);

interface Line {
  budget: string;
  measured: number;
  unit: string;
  limit: number;
  detail?: string;
}
const lines: Line[] = [];
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
const report = (l: Line) => {
  lines.push(l);
  const ratio = l.measured / l.limit;
  console.log(
    `${l.budget.padEnd(52)} ${`${l.measured.toFixed(l.unit === 'ms' ? 1 : 2)} ${l.unit}`.padStart(12)}  budget ${`${l.limit} ${l.unit}`.padStart(9)}  ${(ratio * 100).toFixed(0).padStart(4)} %  ${ratio <= 1 ? 'ok' : 'OVER'}${l.detail ? `  (${l.detail})` : ''}`,
  );
};

const endDay = dayFromYmd(2026, 10, 31);
console.log(
  `Seatwise engine benchmark — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB`,
);
console.log(
  `Workload: ${users.toLocaleString('en')} users, 40 products, 25 teams, a year ending ${'2026-10-31'}, target ${targetEvents.toLocaleString('en')} events\n`,
);

let t = performance.now();
const parts = Math.max(1, Math.round(targetEvents / 1_000_000));
const files = generateSampleFiles({ seed: 42, users, teams: 25, products: 40, endDay, targetEvents, usageParts: parts });

const loaded: LoadedBatch[] = [];
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
for (const text of files.usage()) {
  const rounds = parts === 1 ? 3 : 1;
  let batch: LoadedBatch | null = null;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const o = await readFile({ name: `Usage-${part}.csv`, size: text.length, lastModified: 0, source: text });
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
console.log(
  `usage CSV: ${csvRows.toLocaleString('en')} rows in ${parts} file${parts === 1 ? '' : 's'}, ${(csvBytes / 1024 ** 2).toFixed(0)} MB (generated and parsed in ${((performance.now() - t) / 1000).toFixed(1)} s)`,
);
report({
  budget: `parse + normalise ${(csvRows / 1e6).toFixed(1)}M-row usage CSV (Node, no storage)`,
  measured: parseMs / 1000,
  unit: 's',
  limit: Math.round(5 * Math.max(1, csvRows / 1e6) * 10) / 10,
  detail: `${(csvBytes / 1024 ** 2 / (parseMs / 1000)).toFixed(0)} MB/s`,
});

t = performance.now();
const ws = buildWorkspace(loaded);
const buildMs = performance.now() - t;
console.log(
  `workspace built (merge + group by key): ${buildMs.toFixed(0)} ms, ${ws.keyCount.toLocaleString('en')} keys, ${ws.eventCount.toLocaleString('en')} events`,
);

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
    rows = computeReport(ws, query, figures).rows.length;
  });
  recompute.push(ms);
  console.log(`  recompute ${name.padEnd(36)} ${ms.toFixed(2).padStart(7)} ms  ${rows.toLocaleString('en')} rows`);
}
const scale = ws.eventCount / 1e6;
report({
  budget: `engine recompute of the report, ${scale.toFixed(1)}M events (worst query)`,
  measured: Math.max(...recompute),
  unit: 'ms',
  limit: targetEvents > 2_000_000 ? 500 : 15,
  detail: `median of each of ${queries.length} queries, ${runs} runs`,
});

// The trend above the report: the report once per calendar month of the range (docs/report.md, "Trend").
const trendMs = time(() => reportTrend(ws, q('12m'), null, endDay, figures));
report({
  budget: `report trend by month, 12 months, ${scale.toFixed(1)}M events`,
  measured: trendMs,
  unit: 'ms',
  limit: targetEvents > 2_000_000 ? 2000 : 50,
  detail: `${reportTrend(ws, q('12m'), null, endDay, figures).months.length} months, All Teams`,
});

const full = computeReport(ws, q('12m'), figures);
const fifty = new Uint32Array(50_000);
for (let i = 0; i < fifty.length; i++) fifty[i] = full.rows[i % full.rows.length]!;
const sortMs = Math.max(
  time(() => sortRowKeys(ws, { rows: fifty, figures }, { column: 'days_used', direction: 'desc' })),
  time(() => sortRowKeys(ws, { rows: fifty, figures }, { column: 'last_name', direction: 'asc' })),
  time(() => sortRowKeys(ws, { rows: fifty, figures }, { column: 'last_accessed', direction: 'asc' })),
);
report({ budget: 'sort 50,000 rows (slowest of days used, name, last accessed)', measured: sortMs, unit: 'ms', limit: 15 });

const exportRows = Array.from(fifty, (k) => reportRow(ws, full, k));
const xlsxMs = time(() => reportXlsx(exportRows, [['Rows', '50000']]), 3);
report({ budget: 'XLSX export of 50,000 rows', measured: xlsxMs / 1000, unit: 's', limit: 4 });

let bytes = ws.eventDay.byteLength + ws.eventTokens.byteLength + ws.eventStart.byteLength;
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
for (const f of Object.values(figures)) bytes += (f as ArrayBufferView).byteLength;
report({
  budget: 'worker memory per stored event (typed arrays)',
  measured: bytes / ws.eventCount,
  unit: 'B',
  limit: 16,
  detail: 'events, key columns and per-query figures',
});

console.log('');
for (const l of lines) console.log(JSON.stringify({ ...l, verdict: l.measured <= l.limit ? 'ok' : 'OVER' }));
console.log(
  '\nMeasured in the browser (npm run bench:browser), not here: "report visible after a filter change", "import to stored, main thread never blocked", "reopen to first report".',
);
mkdirSync('bench/results', { recursive: true });
const file = `bench/results/engine-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`;
writeFileSync(
  file,
  `${lines.map((l) => JSON.stringify({ ...l, events: ws.eventCount, node: process.version, at: new Date().toISOString() })).join('\n')}\n`,
);
console.log(`figures written to ${file}`);
