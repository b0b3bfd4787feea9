/**
 * "Workspace as Parquet" through the engine's handler, as the Export page calls it (docs/parquet.md):
 * the zip it hands over holds every table, report.sql and the README, follows the All Teams
 * personal-data rule, and dropped on another machine's Import page gives the same workspace, its
 * token purchases included (once, however often the zip is dropped).
 */
import { describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { createEngineApi } from '../../src/api/engine';
import { createImportApi } from '../../src/api/import';
import { EngineSession } from '../../src/core/session/engine-session';
import { EMPTY_VIEW } from '../../src/core/vocabulary/view-state';
import { parseIsoDay } from '../../src/core/vocabulary/days';
import { TABLE_NAMES } from '../../src/core/workspace/parquet-schema';
import { WorkspaceDb, clearWorkspace } from '../../src/storage/workspace-db';
import { setPersonalData } from '../../src/storage/privacy-store';
import { csv } from '../support/workspace-from-csv';
import { REPORT_SQL } from '../support/parquet-folder';

const USERS = csv(
  'team,email,first_name,last_name,product_name,access_option,assigned_date',
  'T,ann@x.com,Ann,Archer,Revit,Subscription,2025-01-01',
  'T,bob@x.com,Bob,Baker,Revit,Flex,2025-01-01',
  'U,cy@x.com,Cy,Cole,Maya,Subscription,2025-01-01',
);
const USAGE = csv(
  'team,email,product_name,day_used,tokens_used',
  'T,ann@x.com,Revit,2026-01-05,0',
  'T,bob@x.com,Revit,2026-01-30,10',
  'U,cy@x.com,Maya,2026-01-06,0',
);
const view = { ...EMPTY_VIEW, from: '2026-01-01', to: '2026-01-31' };
const today = parseIsoDay('2026-01-31')!;
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('the Parquet export handler', () => {
  it('hands over the zip; imported on another machine it is the same workspace, purchases included', async () => {
    const db = new WorkspaceDb('parquet-export-a');
    await clearWorkspace(db);
    await createImportApi(db).importFiles([new File([USERS], 'users.csv'), new File([USAGE], 'usage.csv')], () => {});
    const api = createEngineApi(db, new EngineSession());
    await api.reload();
    await api.savePurchase({ team: 'T', date: '2025-12-01', quantity: 5000, expiry: '', note: 'Annual pack' });

    const file = await api.exportParquet();
    expect(file.fileName).toMatch(/^seatwise-workspace-All-Teams-exported-\d{4}-\d{2}-\d{2}\.zip$/);
    const entries = unzipSync(file.bytes);
    const folder = file.fileName.replace(/\.zip$/, '');
    for (const t of TABLE_NAMES) expect(entries[`${folder}/${t}.parquet`], t).toBeDefined();
    expect(text(entries[`${folder}/report.sql`]!)).toBe(REPORT_SQL);
    const readme = text(entries[`${folder}/README.txt`]!);
    expect(readme).toMatch(/names and emails as imported/);
    expect(readme).toMatch(
      /SET VARIABLE from_day = DATE '2025-01-30';"; echo "SET VARIABLE to_day = DATE '2026-01-30';"; cat report\.sql\) \| duckdb/,
    );

    const other = new WorkspaceDb('parquet-export-b');
    await clearWorkspace(other);
    const [report] = await createImportApi(other).importFiles(
      [new File([new Uint8Array(file.bytes)], file.fileName, { lastModified: 1_700_000_000_000 })],
      () => {},
    );
    expect(report).toMatchObject({ status: 'imported' });
    expect(report!.notes.join(' ')).toMatch(/its 1 token purchase comes in with it/);
    const moved = createEngineApi(other, new EngineSession());
    await moved.reload();
    moved.query(view, today);
    api.query(view, today);
    expect(moved.rows(0, 100).map(({ id: _, ...r }) => r)).toEqual(api.rows(0, 100).map(({ id: _, ...r }) => r));
    const withoutId = async (a: typeof api) => (await a.purchases()).map(({ id: _, ...p }) => p);
    expect(await withoutId(moved)).toEqual(await withoutId(api));
    // The same zip again: the same workspace, the purchase not entered twice.
    const importsBefore = await other.imports.count();
    const [again] = await createImportApi(other).importFiles(
      [new File([new Uint8Array(file.bytes)], file.fileName, { lastModified: 1_700_000_000_000 })],
      () => {},
    );
    expect(again).toMatchObject({ status: 'imported' });
    expect(await withoutId(moved)).toEqual(await withoutId(api));
    expect(await other.imports.count()).toBe(importsBefore);
    // The purchases CSV in the zip is the Flex page's own format: a workspace without them takes it too.
    const third = new WorkspaceDb('parquet-export-d');
    await clearWorkspace(third);
    const bare = createEngineApi(third, new EngineSession());
    expect(await bare.importPurchases(text(entries[`${folder}/token_purchases.csv`]!), '')).toEqual({ saved: 1, errors: [] });
    expect(await withoutId(bare)).toEqual(await withoutId(api));
  });

  it('one team with personal data off: the whole export is pseudonymised, as All Teams is', async () => {
    const db = new WorkspaceDb('parquet-export-c');
    await clearWorkspace(db);
    await createImportApi(db).importFiles([new File([USERS], 'users.csv'), new File([USAGE], 'usage.csv')], () => {});
    await setPersonalData(db, 'U', false);
    const api = createEngineApi(db, new EngineSession());
    await api.reload();
    const file = await api.exportParquet();
    const all = Object.values(unzipSync(file.bytes)).map(text).join('\n');
    for (const secret of ['ann@x.com', 'Archer', 'bob@x.com', 'Baker', 'cy@x.com', 'Cole'])
      expect(all.includes(secret), secret).toBe(false);
    expect(all).toMatch(/People: pseudonymised/);
    expect(all).toMatch(/user-[0-9a-f]{10}/);
  });
});
