/**
 * The import API as the page calls it (src/api/import/index.ts), in Node: what
 * the column-mapping form receives, and the ways out of a workspace that will
 * not open (docs/reliability.md, "A workspace that will not open").
 */
import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { WorkspaceDb, clearWorkspace } from '../../src/storage/workspace-db';
import { createImportApi } from '../../src/api/import';
import { csv } from '../support/workspace-from-csv';

const USAGE = csv('team,email,product_name,day_used', 'T,kept@corp.test,Revit,2026-01-05', 'T,kept@corp.test,Revit,2026-01-06');

async function freshApi(name: string) {
  const db = new WorkspaceDb(name);
  await clearWorkspace(db);
  return { db, api: createImportApi(db) };
}

describe('the column-mapping request', () => {
  it('carries, for every kind of export, its fields, its needs and the columns the header already gives', async () => {
    const { api } = await freshApi('import-api-mapping');
    const [report] = await api.importFiles([new File([csv('Email,Application,When', 'a@x.com,Revit,2026-01-05')], 'odd.csv')], () => {});
    expect(report!.status).toBe('needs-mapping');
    const usage = report!.mapping!.sections.usage;
    expect(usage.columns).toEqual({ email: 0 });
    expect(usage.needs).toContainEqual(['day_used']);
    expect(usage.fields.slice(0, usage.needs.flat().length)).toEqual([...new Set(usage.needs.flat())]);
    // Only the fields a kind reads: a Subscriptions export has no email column.
    expect(report!.mapping!.sections.subscriptions.columns).toEqual({});
  });
});

describe('the ways out of a workspace that will not open', () => {
  it('saves what can still be read, leaving out and naming a damaged import', async () => {
    const { db, api } = await freshApi('import-api-salvage');
    await api.importFiles([new File([USAGE], 'usage.csv')], () => {});
    const [stored] = await db.imports.toArray();
    await db.imports.put({ ...stored!, batch: { ...stored!.batch, eventKeys: null as never } });
    const r = await api.salvage();
    expect(r.kept.imports).toBe(0);
    expect(r.leftOut.join('\n')).toMatch(/table imports, row 1 \(id \d+, usage\.csv\): batch\.eventKeys is missing/);
    expect(JSON.parse(gunzipSync(r.bytes).toString('utf8')).tables.imports).toEqual([]);
  });

  it('deletes the database whole, and it opens afresh on next use', async () => {
    const { db, api } = await freshApi('import-api-delete');
    await api.importFiles([new File([USAGE], 'usage.csv')], () => {});
    const other = new WorkspaceDb('import-api-delete');
    expect(await other.imports.count()).toBe(1);
    await api.deleteDatabase();
    expect(await api.listImports()).toEqual([]);
    expect(await other.imports.count()).toBe(0);
    const [again] = await api.importFiles([new File([USAGE], 'usage.csv')], () => {});
    expect(again!.status).toBe('imported');
    expect(await db.imports.count()).toBe(1);
    other.close();
  });
});
