/**
 * "Workspace as Parquet" (docs/parquet.md): each table of parquet-tables.ts as
 * one Parquet file with typed columns, zipped with `report.sql` (the Usage
 * Report in DuckDB's SQL) and a README that says how to run it. Runs in the
 * engine worker; nothing here touches the DOM.
 */
import { zipSync, type Zippable } from 'fflate';
import { ByteWriter, ParquetWriter, type SchemaElement } from 'hyparquet-writer';
import type { ColumnValues, ParquetTable } from './parquet-tables';
import type { ColumnDef } from '../../workspace/parquet-schema';

/** The app that wrote the files, in each file's metadata. */
const CREATED_BY = 'Seatwise';

function schemaElement(c: ColumnDef): SchemaElement {
  const repetition_type = c.nullable ? 'OPTIONAL' : 'REQUIRED';
  switch (c.type) {
    case 'STRING':
      return { name: c.name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type };
    case 'DATE':
      return { name: c.name, type: 'INT32', converted_type: 'DATE', logical_type: { type: 'DATE' }, repetition_type };
    case 'INT32':
      return { name: c.name, type: 'INT32', repetition_type };
    case 'FLOAT':
      return { name: c.name, type: 'FLOAT', repetition_type };
    case 'DOUBLE':
      return { name: c.name, type: 'DOUBLE', repetition_type };
  }
}

/** An INT32 column holds whole numbers only: a fraction would be cut silently by the encoder, so it is refused. */
function checkIntegers(table: string, c: ColumnDef, values: ColumnValues): void {
  if (c.type !== 'INT32' || values instanceof Int32Array) return;
  for (const v of values) {
    if (v !== null && !(typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 2 ** 31))
      throw new Error(`${table}.${c.name} holds ${String(v)}, which is not a whole number; the Parquet export needs whole numbers there.`);
  }
}

/** One table as the bytes of a Parquet file: one row group per chunk. */
export function tableParquet(table: ParquetTable): Uint8Array {
  const writer = new ByteWriter();
  const schema: SchemaElement[] = [{ name: 'root', num_children: table.columns.length }, ...table.columns.map(schemaElement)];
  const file = new ParquetWriter({ writer, schema, createdBy: CREATED_BY });
  for (const chunk of table.chunks()) {
    table.columns.forEach((c, i) => {
      checkIntegers(table.name, c, chunk[i]!);
    });
    const rows = chunk[0]?.length ?? 0;
    file.write({ columnData: table.columns.map((c, i) => ({ name: c.name, data: chunk[i]! })), rowGroupSize: Math.max(1, rows) });
  }
  void file.finish();
  return writer.getBytes();
}

export interface ParquetExportTexts {
  /** The Usage Report in DuckDB's SQL (src/core/export/parquet/report.sql). */
  reportSql: string;
  /** How to run it (src/core/export/parquet/README.txt), after a header naming what this export holds. */
  readme: string;
}

/** The zip: a folder of one Parquet file per table, `report.sql`, `README.txt` and any other text files given. */
export function workspaceParquetZip(
  tables: readonly ParquetTable[],
  texts: ParquetExportTexts,
  folder: string,
  extra: Record<string, string> = {},
): Uint8Array {
  const enc = new TextEncoder();
  const files: Zippable = {};
  for (const [name, text] of Object.entries(extra)) files[`${folder}/${name}`] = enc.encode(text);
  for (const t of tables) files[`${folder}/${t.name}.parquet`] = [tableParquet(t), { level: 0 }];
  files[`${folder}/report.sql`] = enc.encode(texts.reportSql);
  files[`${folder}/README.txt`] = enc.encode(texts.readme);
  return zipSync(files);
}
