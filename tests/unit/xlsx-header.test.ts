import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import * as XLSX from 'xlsx';
import { writeWorkbook } from '../../src/core/export/table';
import { reportXlsx } from '../../src/core/export/report-export';
import { addBoldFormat, styleHeaderRow } from '../../src/core/export/xlsx-header';

const files = (bytes: Uint8Array) => Object.fromEntries(Object.entries(unzipSync(bytes)).map(([k, v]) => [k, strFromU8(v)]));

/** Whether cell `ref` of the sheet XML is in a format whose font is bold, read from the workbook's styles. */
function isBold(sheet: string, styles: string, ref: string): boolean {
  const s = new RegExp(`<c r="${ref}"[^>]*? s="(\\d+)"`).exec(sheet);
  if (!s) return false;
  const xfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1]!.match(/<xf [^>]*?\/?>/g)!;
  const fontId = Number(/fontId="(\d+)"/.exec(xfs[Number(s[1])]!)![1]);
  const fonts = /<fonts[^>]*>([\s\S]*?)<\/fonts>/.exec(styles)![1]!.match(/<font>[\s\S]*?<\/font>/g)!;
  return fonts[fontId]!.includes('<b/>');
}
const frozen = (sheet: string) =>
  sheet.includes(
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>',
  );

describe('bold, frozen header rows in XLSX exports (docs/report.md, "Exports")', () => {
  const tables = [
    {
      name: 'Users',
      header: ['team', 'email', 'assigned_date'],
      kinds: ['text', 'text', 'date'] as const,
      widths: [10, 20, 12],
      rows: [['Alpha', 'ann@x.com', '2026-01-02']],
    },
    {
      name: 'Usage',
      header: ['email', 'days'],
      kinds: ['text', 'number'] as const,
      widths: [20, 8],
      rows: [
        ['ann@x.com', 3],
        ['bob@x.com', 4],
      ],
    },
  ].map((t) => ({ ...t, kinds: [...t.kinds] }));

  it('makes every header cell bold and freezes the pane below it on each table sheet, not the data cells', () => {
    const f = files(writeWorkbook(tables, [['Team', 'Alpha']]).bytes);
    const styles = f['xl/styles.xml']!;
    const [users, usage, filters] = [f['xl/worksheets/sheet1.xml']!, f['xl/worksheets/sheet2.xml']!, f['xl/worksheets/sheet3.xml']!];
    for (const ref of ['A1', 'B1', 'C1']) expect(isBold(users, styles, ref), ref).toBe(true);
    for (const ref of ['A1', 'B1']) expect(isBold(usage, styles, ref), ref).toBe(true);
    expect(isBold(users, styles, 'A2')).toBe(false);
    expect(isBold(users, styles, 'C2')).toBe(false); // the date keeps its own format
    expect(frozen(users)).toBe(true);
    expect(frozen(usage)).toBe(true);
    // The Filters sheet has a bold header too, but nothing to scroll under it.
    expect(isBold(filters, styles, 'A1')).toBe(true);
    expect(frozen(filters)).toBe(false);
  });

  it('keeps the workbook readable: values, real dates and the autofilter', () => {
    const bytes = reportXlsx([], [['Team', 'Alpha']]);
    const wb = XLSX.read(bytes, { cellDates: true });
    expect(wb.SheetNames).toEqual(['Usage Report', 'Filters']);
    const f = files(bytes);
    expect(isBold(f['xl/worksheets/sheet1.xml']!, f['xl/styles.xml']!, 'A1')).toBe(true);
    expect(frozen(f['xl/worksheets/sheet1.xml']!)).toBe(true);
    const back = XLSX.read(writeWorkbook(tables).bytes, { cellDates: true });
    expect(XLSX.utils.sheet_to_json(back.Sheets.Users!)).toEqual([
      { team: 'Alpha', email: 'ann@x.com', assigned_date: new Date('2026-01-02T00:00:00Z') },
    ]);
    expect(back.Sheets.Usage!['!autofilter']).toEqual({ ref: 'A1:B3' });
  });

  it('adds one bold font and one format, leaving the others where they were', () => {
    const styles =
      '<fonts count="1"><font><sz val="12"/><name val="Calibri"/></font></fonts><cellXfs count="2"><xf numFmtId="0" fontId="0"/><xf numFmtId="60" fontId="0"/></cellXfs>';
    const { styles: out, xf } = addBoldFormat(styles);
    expect(xf).toBe(2);
    expect(out).toContain(
      '<fonts count="2"><font><sz val="12"/><name val="Calibri"/></font><font><b/><sz val="12"/><name val="Calibri"/></font></fonts>',
    );
    expect(out).toContain('<cellXfs count="3"><xf numFmtId="0" fontId="0"/><xf numFmtId="60" fontId="0"/><xf numFmtId="0" fontId="1"');
    expect(() => addBoldFormat('<styleSheet/>')).toThrow();
  });

  it('styles only the first row, replacing a format a header cell had', () => {
    const head = '<dimension ref="A1:B2"/><sheetData><row r="1"><c r="A1" s="1" t="str"><v>a</v></c><c r="AB1" t="str"><v>b</v></c></row>';
    const out = styleHeaderRow(head, 5, true);
    expect(out).toContain('<c r="A1" s="5" t="str">');
    expect(out).toContain('<c r="AB1" s="5" t="str">');
    expect(out).toContain('<dimension ref="A1:B2"/><sheetViews><sheetView workbookViewId="0"><pane ySplit="1"');
  });
});
