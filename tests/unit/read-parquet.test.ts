/**
 * Back in (docs/parquet.md): the "Workspace as Parquet" zip, imported again through the import's
 * own entry point, merges into the identical workspace — every dictionary, key, event, assignment,
 * person, subscription and collection — and its token purchases read back the same. Files rebuilt
 * elsewhere (here by DuckDB) with the same names and columns come back too.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { readFile } from '../../src/core/import/read-file';
import { readParquetWorkspace } from '../../src/core/import/read-parquet';
import { buildWorkspace, type LoadedBatch, type Workspace } from '../../src/core/workspace/workspace';
import { collationRanks } from '../../src/core/workspace/collation';
import { computeReport, reportRow, type NameMask } from '../../src/core/report/report';
import { REPORT_COLUMNS } from '../../src/core/vocabulary/report-columns';
import { dayFromYmd, formatDay } from '../../src/core/vocabulary/days';
import { pseudonymsFor } from '../../src/core/privacy/pseudonyms';
import { sampleTokenPurchases } from '../../src/core/sample/generate-sample';
import { parsePurchasesCsv } from '../../src/core/flex/purchases-csv';
import type { FileOutcome } from '../../src/core/import/read-file';
import { batchesFromCsv, csv, reportQuery } from '../support/workspace-from-csv';
import { sampleBatches } from '../support/sample-workspace';
import { duckdbIn, parquetZip, unzipToFolder } from '../support/parquet-folder';
import { csvEraSets, eraBatches, eraExpected } from '../support/era-fixtures';
import { TABLE_NAMES } from '../../src/core/workspace/parquet-schema';

const END = dayFromYmd(2026, 10, 31);

/** The zip dropped on the Import page: a Blob through readFile, as the import worker reads it. */
async function dropped(zip: Uint8Array, name = 'seatwise-workspace.zip'): Promise<FileOutcome> {
  return readFile({ name, size: zip.length, lastModified: 0, source: new Blob([new Uint8Array(zip)]) });
}

function loaded(outcome: FileOutcome): LoadedBatch[] {
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome.sheets.map((s) => ({ batch: s.result.batch, chunks: s.result.chunks }));
}

/** The workspace without the merge's bookkeeping, which follows the imports it was merged from. */
function merged(ws: Workspace): Omit<Workspace, 'basis'> {
  const { basis: _, ...rest } = ws;
  return rest;
}

async function roundTrip(ws: Workspace): Promise<Omit<Workspace, 'basis'>> {
  return merged(buildWorkspace(loaded(await dropped(parquetZip(ws)))));
}

const exportRows = (ws: Workspace, from: string, to: string, mask: NameMask | null = null) => {
  const r = computeReport(ws, reportQuery(from, to), undefined, mask);
  return [...r.rows].map((k) => JSON.stringify(REPORT_COLUMNS.map((c) => reportRow(ws, r, k)[c]))).sort();
};

describe('a workspace exported as Parquet imports as the identical workspace', () => {
  it('the sample workspace: every field of the merged workspace is equal', async () => {
    const ws = buildWorkspace(await sampleBatches(END));
    const again = await roundTrip(ws);
    expect(again.eventCount).toBe(ws.eventCount);
    expect(again).toEqual(merged(ws));
  });

  it.each(csvEraSets)(
    "the %s fixtures (people linked across PII on and off, groups, collections, the portal's Usage Report)",
    async (_name, set) => {
      const ws = buildWorkspace(await eraBatches(set.files));
      expect(await roundTrip(ws)).toEqual(merged(ws));
    },
  );

  it('usage-only rows stay where they were: a product used outside the collection held, a file with no team, Flex', async () => {
    const ws = buildWorkspace(
      await batchesFromCsv([
        [
          'users.csv',
          csv(
            'team,email,first_name,last_name,offering_name,product_name,access_option,assigned_date',
            'Alpha,ann@x.com,Ann,Archer,AEC Collection,Revit,Subscription,2025-01-01',
            'Alpha,ann@x.com,Ann,Archer,AEC Collection,AutoCAD,Subscription,2025-01-01',
            'Beta,bob@x.com,Bob,Baker,,Maya,Flex,2025-01-01',
            'Alpha,eve@x.com,Eve,Egan,AEC Collection,AutoCAD,Subscription,2025-01-01',
          ),
        ],
        [
          'usage.csv',
          csv(
            'team,email,offering_name,product_name,version,access_option,day_used,tokens_used',
            'Alpha,ann@x.com,AutoCAD,AutoCAD,2025,Subscription,2026-01-05,0',
            'Alpha,eve@x.com,AutoCAD,AutoCAD,2025,Subscription,2026-01-05,0',
            'Alpha,ann@x.com,AEC Collection,Civil 3D,2026,Subscription,2026-01-06,0',
            'Alpha,cat@x.com,Collection X,Inventor,2026,Subscription,2026-01-06,0',
            'Beta,bob@x.com,,Maya,2026,Flex,2026-01-07,6.5',
          ),
        ],
        ['no-team.csv', csv('email,product_name,day_used', 'bob@x.com,Arnold,2026-01-08', 'dee@x.com,Revit,2026-01-09')],
      ]),
    );
    const again = buildWorkspace(loaded(await dropped(parquetZip(ws))));
    expect(merged(again)).toEqual(merged(ws));
    expect(ws.collectionProducts['Collection X']).toEqual(['Inventor']);
    // Used under AutoCAD itself, though the AEC Collection held contains it: its own row, before and after.
    expect(exportRows(again, '2026-01-01', '2026-01-31').filter((r) => r.includes('eve@x.com') && r.includes('"AutoCAD"'))).toHaveLength(1);
  });

  it('token purchases come back from token_purchases.parquet, and as the CSV the Flex page imports', async () => {
    const ws = buildWorkspace(await sampleBatches(END));
    const purchases = [
      ...sampleTokenPurchases(END),
      { team: 'Structures', date: '2026-01-02', quantity: 1250.5, expiry: '2026-12-31', note: 'PO "17", 2026' },
    ];
    const zip = parquetZip(ws, purchases);
    expect((await readParquetWorkspace(zip, { name: 'w.zip', size: zip.length, lastModified: 0 })).purchases).toEqual(purchases);
    const csvText = Object.entries(unzipSync(zip)).find(([n]) => n.endsWith('token_purchases.csv'))![1];
    expect(parsePurchasesCsv(new TextDecoder().decode(csvText), '')).toEqual({ purchases, errors: [] });
  });

  it('a pseudonymised export leaves no name, email, hashed id or role, and imports as the same pseudonymised report', async () => {
    const ws = buildWorkspace(await eraBatches(eraExpected.sets['era-2026']!.files));
    const pseudonyms = await pseudonymsFor(
      new Uint8Array(32).fill(3),
      ws.users.map((u) => u.key),
    );
    const mask: NameMask = { pseudonyms, rank: collationRanks(pseudonyms) };
    const zip = parquetZip(ws, [], mask);
    const text = Object.values(unzipSync(zip))
      .map((b) => new TextDecoder('latin1').decode(b))
      .join('\n');
    for (const u of ws.users)
      for (const v of [u.email, u.hashedId, u.autodeskId, u.firstName, u.lastName].filter((x) => x && x.length > 3))
        expect(text.includes(v!), `${v} left in the export`).toBe(false);
    const again = buildWorkspace(loaded(await dropped(zip)));
    for (const [from, to] of [
      ['2024-03-01', '2024-05-31'],
      ['2023-01-01', '2024-12-31'],
    ])
      expect(exportRows(again, from!, to!)).toEqual(exportRows(ws, from!, to!, mask));
  });

  it('files rebuilt elsewhere (DuckDB writes every table again) import as the same workspace; trimmed events, fewer days', async () => {
    const ws = buildWorkspace(await sampleBatches(END));
    const folder = unzipToFolder(parquetZip(ws));
    const c = await duckdbIn(folder);
    const rebuilt: Record<string, Uint8Array> = {};
    for (const n of TABLE_NAMES) {
      await c.run(`COPY (SELECT * FROM '${n}.parquet') TO '${join(folder, `${n}-duckdb.parquet`)}' (FORMAT parquet)`);
      rebuilt[`elsewhere/${n}.parquet`] = readFileSync(join(folder, `${n}-duckdb.parquet`));
    }
    expect(merged(buildWorkspace(loaded(await dropped(zipSync(rebuilt)))))).toEqual(merged(ws));

    const cut = formatDay(END - 60);
    await c.run(
      `COPY (SELECT * FROM 'events.parquet' WHERE day > DATE '${cut}') TO '${join(folder, 'events-trimmed.parquet')}' (FORMAT parquet)`,
    );
    const kept = Number((await c.runAndReadAll(`SELECT count(*) FROM 'events.parquet' WHERE day > DATE '${cut}'`)).getRows()[0]![0]);
    rebuilt['elsewhere/events.parquet'] = readFileSync(join(folder, 'events-trimmed.parquet'));
    const trimmed = buildWorkspace(loaded(await dropped(zipSync(rebuilt))));
    expect(trimmed.eventCount).toBe(kept);
    expect(formatDay(trimmed.firstEventDay) > cut).toBe(true);
    expect(exportRows(trimmed, formatDay(END - 30), formatDay(END)).length).toBeGreaterThan(0);
    c.closeSync();
  });
});

describe('the import hook', () => {
  it('a lone Parquet file is refused with a word on what to drop instead', async () => {
    const zip = parquetZip(buildWorkspace(await eraBatches(eraExpected.sets['era-2025']!.files)));
    const events = Object.entries(unzipSync(zip)).find(([n]) => n.endsWith('events.parquet'))![1];
    const o = await dropped(events, 'events.parquet');
    expect(o.ok).toBe(false);
    expect(!o.ok && o.reason).toMatch(/one table of a workspace exported as Parquet.*whole zip/);
  });

  it('a zip of Parquet files that is not a workspace says which tables it lacks; a zip without Parquet is not taken for one', async () => {
    const zip = parquetZip(buildWorkspace(await eraBatches(eraExpected.sets['era-2025']!.files)));
    const onlyEvents = Object.fromEntries(Object.entries(unzipSync(zip)).filter(([n]) => n.endsWith('events.parquet')));
    const o = await dropped(zipSync(onlyEvents));
    expect(!o.ok && o.reason).toMatch(/lacks users\.parquet, assignments\.parquet/);
    const other = await dropped(zipSync({ 'notes.txt': new TextEncoder().encode('hello') }), 'notes.zip');
    expect(!other.ok && other.reason).not.toMatch(/Parquet/);
  });
});
