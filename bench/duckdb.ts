/**
 * The same report on the same data in DuckDB, beside the engine (docs/budgets.md): the
 * workspace is written as the Parquet export, loaded into in-memory tables of
 * native DuckDB (one thread) and of DuckDB-WASM (through CSV: see below), and `report.sql` is run for the range.
 * The rows must equal the engine's, column for column — an independent check of the
 * definitions — or the run stops. Only the query is timed.
 */
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Workspace } from '../src/core/workspace/workspace';
import { computeReport, reportRow } from '../src/core/report/report';
import { REPORT_COLUMNS } from '../src/core/vocabulary/report-columns';
import { formatDay, type Day } from '../src/core/vocabulary/days';
import type { ReportQuery } from '../src/core/vocabulary/report-query';
import { parquetZip, REPORT_SQL, unzipToFolder } from '../tests/support/parquet-folder';

type Value = string | number | boolean | null;

export interface SideBySide {
  wasmMs: number;
  nativeMs: number;
  rows: number;
}

const DATE_COLUMNS = new Set<string>(['assigned_date', 'unassigned_date', 'last_accessed']);

/** report.sql over in-memory tables: each `'name.parquet'` it reads becomes the table `name`. */
function overTables(sql: string): { sql: string; tables: string[] } {
  const tables = [...new Set([...sql.matchAll(/'([a-z_]+)\.parquet'/g)].map((m) => m[1]!))];
  return { sql: sql.replace(/'([a-z_]+)\.parquet'/g, '$1'), tables };
}

/** One row as text, values normalised the same way whichever engine gave them. */
function rowKey(values: readonly unknown[]): string {
  return JSON.stringify(
    values.map((v, i): Value => {
      const column = REPORT_COLUMNS[i]!;
      if (v === null || v === undefined) return DATE_COLUMNS.has(column) ? '' : null;
      if (typeof v === 'bigint') return Number(v);
      if (v instanceof Date) return v.toISOString().slice(0, 10);
      if (DATE_COLUMNS.has(column) && typeof v === 'number') return new Date(v).toISOString().slice(0, 10);
      return v as Value;
    }),
  );
}

function sameRows(label: string, engine: string[], other: string[]): void {
  const a = [...engine].sort(),
    b = [...other].sort();
  if (a.length !== b.length) throw new Error(`${label}: ${b.length} rows, the engine ${a.length}`);
  for (let i = 0; i < a.length; i++)
    if (a[i] !== b[i]) throw new Error(`${label}: rows differ from the engine's\n  engine: ${a[i]}\n  ${label}: ${b[i]}`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function duckdbSideBySide(ws: Workspace, query: ReportQuery, today: Day, runs = 5): Promise<SideBySide> {
  const report = computeReport(ws, query, undefined, null, today);
  const engine = [...report.rows].map((k) => {
    const row = reportRow(ws, report, k);
    return rowKey(REPORT_COLUMNS.map((c) => row[c]));
  });
  // Today as a literal: DuckDB-WASM's current_date needs the ICU extension, which it would fetch from the network.
  const { sql, tables } = overTables(REPORT_SQL.replace(/\bcurrent_date\b/g, `DATE '${formatDay(today)}'`));
  const range = [`SET VARIABLE from_day = DATE '${formatDay(query.from)}'`, `SET VARIABLE to_day = DATE '${formatDay(query.to)}'`];

  // Native DuckDB, one thread.
  const native = await (await DuckDBInstance.create(':memory:', { threads: '1' })).connect();
  const folder = unzipToFolder(parquetZip(ws));
  // DuckDB-WASM reads Parquet through an extension it would fetch from the network: it gets the same
  // tables as CSV text written by native DuckDB, read back with the same column types.
  const csv = new Map<string, { bytes: Uint8Array; columns: string }>();
  for (const t of tables) {
    await native.run(`CREATE TABLE ${t} AS SELECT * FROM read_parquet('${join(folder, `${t}.parquet`)}')`);
    const types = (await native.runAndReadAll(`DESCRIBE ${t}`)).getRowObjectsJson() as { column_name: string; column_type: string }[];
    await native.run(`COPY ${t} TO '${join(folder, `${t}.csv`)}' (FORMAT csv, HEADER, NULLSTR '\\N')`);
    csv.set(t, {
      bytes: readFileSync(join(folder, `${t}.csv`)),
      columns: types.map((c) => `'${c.column_name}': '${c.column_type}'`).join(', '),
    });
  }
  rmSync(dirname(folder), { recursive: true, force: true });
  for (const s of range) await native.run(s);
  let nativeRows: string[] = [];
  const nativeTimes: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const t = performance.now();
    const r = await native.runAndReadAll(sql);
    if (i > 0) nativeTimes.push(performance.now() - t);
    nativeRows = r.getRowsJson().map((row) => rowKey(row));
  }
  native.closeSync();
  sameRows('native DuckDB', engine, nativeRows);

  // DuckDB-WASM, its Node build (blocking: no worker round trip in the timing).
  const require = createRequire(import.meta.url);
  const duckdb = require('@duckdb/duckdb-wasm/blocking') as typeof import('@duckdb/duckdb-wasm/blocking');
  const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
  const db = await duckdb.createDuckDB(
    {
      mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs') },
      eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: join(dist, 'duckdb-node-eh.worker.cjs') },
    },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME,
  );
  await db.instantiate();
  const wasm = db.connect();
  for (const [t, { bytes, columns }] of csv) {
    db.registerFileBuffer(`${t}.csv`, bytes);
    wasm.query(`CREATE TABLE ${t} AS SELECT * FROM read_csv('${t}.csv', header = true, nullstr = '\\N', columns = {${columns}})`);
  }
  for (const s of range) wasm.query(s);
  let wasmRows: string[] = [];
  const wasmTimes: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const t = performance.now();
    const r = wasm.query(sql);
    if (i > 0) wasmTimes.push(performance.now() - t);
    wasmRows = r.toArray().map((row) => {
      const o = row.toJSON() as Record<string, unknown>;
      return rowKey(REPORT_COLUMNS.map((c) => o[c]));
    });
  }
  wasm.close();
  sameRows('DuckDB-WASM', engine, wasmRows);
  return { wasmMs: median(wasmTimes), nativeMs: median(nativeTimes), rows: engine.length };
}
