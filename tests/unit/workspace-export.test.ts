import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { buildWorkspace } from '../../src/core/workspace/workspace';
import { collationRanks } from '../../src/core/workspace/collation';
import { parseIsoDay } from '../../src/core/vocabulary/days';
import { sectionTable } from '../../src/core/export/workspace-export';
import { EXPORT_SECTIONS } from '../../src/core/vocabulary/export-sections';
import { tableCsv, tablesWorkbook } from '../../src/core/export/table';
import { newWorkspaceKey, pseudonymsFor } from '../../src/core/privacy/pseudonyms';
import { batchesFromCsv, csv } from '../support/workspace-from-csv';

describe('the Export page sections (docs/report.md, "The Export page")', async () => {
  const ws = buildWorkspace(
    await batchesFromCsv([
      [
        'users.csv',
        csv(
          'team,email,first_name,last_name,product_name,access_option,assigned_date,group,group_type',
          'T,ann@corp.test,Ann,=Archer,Revit,Subscription,2025-01-01,BIM,Group',
          'U,bob@corp.test,Bob,Baker,Revit,Flex,2025-01-01,,',
        ),
      ],
      ['subs.csv', csv('subscription_id,offering_name,seat_quantity,team,start_date,end_date', '1,Revit,2,T,2025-01-01,2026-12-31')],
      [
        'usage.csv',
        csv(
          'team,email,product_name,day_used,tokens_used',
          'T,ann@corp.test,Revit,2026-01-05,0',
          'T,ann@corp.test,Revit,2026-04-05,0',
          'U,bob@corp.test,Revit,2026-01-06,10',
        ),
      ],
    ]),
  );
  const scope = { team: 'T', from: parseIsoDay('2026-01-01')!, to: parseIsoDay('2026-03-31')!, mask: null };

  it('writes each section for the team and range, with real dates and formula-safe CSV', () => {
    const tables = EXPORT_SECTIONS.map((s) => sectionTable(ws, s, scope));
    expect(tables.map((t) => t.rows.length)).toEqual([1, 1, 1, 1, 3]);
    expect(tables[1]!.rows[0]).toEqual([
      'T',
      'Ann',
      '=Archer',
      'ann@corp.test',
      '',
      'Revit',
      'Revit',
      'Subscription',
      '2025-01-01',
      '',
      'BIM',
      'Group',
    ]);
    expect(tableCsv(tables[1]!)).toContain(",'=Archer,");
    const wb = XLSX.read(tablesWorkbook(tables), { type: 'array', cellDates: true });
    expect(wb.SheetNames).toHaveLength(5);
    const usage = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets.Usage!);
    expect((usage[0]!.day_used as Date).toISOString().slice(0, 10)).toBe('2026-01-05');
  });

  it('pseudonymises people when the view is masked', async () => {
    const pseudonyms = await pseudonymsFor(
      newWorkspaceKey(),
      ws.users.map((u) => u.key),
    );
    const mask = { pseudonyms, rank: collationRanks(pseudonyms) };
    const text = EXPORT_SECTIONS.map((s) => tableCsv(sectionTable(ws, s, { ...scope, team: null, mask }))).join('\n');
    for (const real of ['ann@corp.test', 'bob@corp.test', 'Archer', 'Baker']) expect(text).not.toContain(real);
    expect(text).toContain(pseudonyms[0]);
  });
});
