/** The "Workspace as Parquet" zip, unpacked into a temporary folder, and `report.sql` run there in DuckDB (Node). */
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Workspace } from '../../src/core/workspace/workspace';
import type { NameMask } from '../../src/core/report/report';
import type { TokenPurchase } from '../../src/core/flex/flex-usage';
import { workspaceParquetExport } from '../../src/core/export/parquet/parquet-export';

const HERE = join(import.meta.dirname, '../../src/core/export/parquet');
export const REPORT_SQL = readFileSync(join(HERE, 'report.sql'), 'utf8');
export const README_TXT = readFileSync(join(HERE, 'README.txt'), 'utf8');

/** The zip's bytes, as the Export page's button gets them. */
export function parquetZip(ws: Workspace, purchases: readonly TokenPurchase[] = [], mask: NameMask | null = null): Uint8Array {
  return workspaceParquetExport(ws, purchases, mask, { reportSql: REPORT_SQL, readme: README_TXT }, new Date('2026-11-23T12:00:00Z')).bytes;
}

/** Unzips into a new temporary folder; returns the folder holding the files. */
export function unzipToFolder(zip: Uint8Array): string {
  const root = mkdtempSync(join(tmpdir(), 'seatwise-parquet-'));
  let folder = root;
  for (const [name, bytes] of Object.entries(unzipSync(zip))) {
    const path = join(root, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
    if (name.endsWith('report.sql')) folder = dirname(path);
  }
  return folder;
}

/** A DuckDB connection that finds the folder's files by their bare names, as `duckdb` run in that folder does. */
export async function duckdbIn(folder: string): Promise<DuckDBConnection> {
  const db = await DuckDBInstance.create(':memory:', { threads: '1' });
  const c = await db.connect();
  await c.run(`SET file_search_path = '${folder.replaceAll("'", "''")}'`);
  return c;
}

export type SqlRow = Record<string, string | number | boolean | null>;

/** report.sql, unchanged, for a range set as the README says. */
export async function runReportSql(c: DuckDBConnection, from: string, to: string): Promise<{ columns: string[]; rows: SqlRow[] }> {
  await c.run(`SET VARIABLE from_day = DATE '${from}'`);
  await c.run(`SET VARIABLE to_day = DATE '${to}'`);
  const result = await c.runAndReadAll(REPORT_SQL);
  return { columns: result.columnNames(), rows: result.getRowObjectsJson() as SqlRow[] };
}
