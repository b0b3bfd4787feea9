/**
 * A corpus of hostile CSV inputs read through the real import path (docs/import.md):
 * each case asserts what the admin is told and what would be stored.
 */
import { describe, expect, it } from 'vitest';
import { readFile, type FileOutcome } from '../../src/core/import/read-file';
import { parseIsoDay } from '../../src/core/vocabulary/days';
import { detectSection } from '../../src/core/import/headers';

const d = (s: string) => parseIsoDay(s)!;
const fromBytes = (name: string, bytes: Uint8Array<ArrayBuffer>): Promise<FileOutcome> =>
  readFile({ name, size: bytes.length, lastModified: 0, source: new Blob([bytes]) });
const utf8 = (text: string) => new TextEncoder().encode(text);
const latin1 = (text: string) => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
const utf16le = (text: string, bom = true) => {
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  if (bom) {
    out[0] = 0xff;
    out[1] = 0xfe;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[(bom ? 2 : 0) + 2 * i] = c & 0xff;
    out[(bom ? 2 : 0) + 2 * i + 1] = c >> 8;
  }
  return out;
};
const users = (o: FileOutcome) => (o.ok ? o.sheets[0]!.result.batch.users : []);
const HEADER = 'team,email,first_name,last_name,product_name,day_used\n';

describe('decoding (one stream, never a silent U+FFFD)', () => {
  it('keeps a character whole where it straddles the 4 MiB read boundary', async () => {
    const pad = 'Alpha,pad@x.com,Pad,Row,Revit,2026-01-05\n';
    let body = HEADER + pad.repeat(Math.floor((4 * 1024 * 1024 - 200 - HEADER.length) / pad.length));
    // Place "ë" (two bytes in UTF-8) across byte 4 MiB exactly.
    const prefix = `Alpha,zoe@x.com,`;
    const need = 4 * 1024 * 1024 - 1 - utf8(`${body + prefix}Zo`).length;
    body += `Alpha,fill@x.com,${'F'.repeat(need - 'Alpha,fill@x.com,,Row,Revit,2026-01-05\n'.length)},Row,Revit,2026-01-05\n`;
    body += `${prefix}Zoë,Müller,Revit,2026-01-06\n`;
    const bytes = utf8(body);
    expect(bytes[4 * 1024 * 1024 - 1]).toBe(0xc3); // the boundary splits ë
    const out = await fromBytes('big.csv', bytes);
    expect(out.ok).toBe(true);
    const zoe = users(out).find((u) => u.email === 'zoe@x.com')!;
    expect([zoe.firstName, zoe.lastName]).toEqual(['Zoë', 'Müller']);
    expect(JSON.stringify(users(out))).not.toContain('\ufffd');
  });

  it('reads a file that is not valid UTF-8 as Windows-1252 and says so', async () => {
    const out = await fromBytes('legacy.csv', latin1(`${HEADER}Alpha,jm@x.com,J\u00fcrgen,M\u00fcller,Revit,2026-01-05\n`));
    expect(out.ok).toBe(true);
    expect(users(out)[0]).toMatchObject({ firstName: 'Jürgen', lastName: 'Müller' });
    expect(out.ok && out.notes.join(' ')).toMatch(/not valid UTF-8, so it was read as Windows-1252/);
  });

  it('falls back to Windows-1252 when the invalid byte comes after the first megabyte too', async () => {
    const body = HEADER + 'Alpha,pad@x.com,Pad,Row,Revit,2026-01-05\n'.repeat(31_000);
    const out = await fromBytes('late.csv', latin1(`${body}Alpha,jm@x.com,J\u00fcrgen,M\u00fcller,Revit,2026-01-05\n`));
    expect(users(out).find((u) => u.email === 'jm@x.com')?.firstName).toBe('Jürgen');
    expect(out.ok && out.notes.join(' ')).toMatch(/Windows-1252/);
  });

  it('reads UTF-16LE with a BOM (Excel "Unicode Text", tab-delimited) and without one', async () => {
    const text = 'team\temail\tfirst_name\tproduct_name\tday_used\r\nAlpha\tzoe@x.com\tZoë\tRevit\t2026-01-05\r\n';
    for (const bom of [true, false]) {
      const out = await fromBytes('unicode.txt', utf16le(text, bom));
      expect(out.ok).toBe(true);
      expect(users(out)[0]?.firstName).toBe('Zoë');
      expect(out.ok && out.notes.join(' ')).toMatch(/read as UTF-16/);
    }
  });

  it('calls a file holding only a BOM empty', async () => {
    const out = await fromBytes('bom.csv', Uint8Array.from([0xef, 0xbb, 0xbf]));
    expect(!out.ok && out.reason).toMatch(/bom\.csv is empty/);
  });
});

describe('quotes', () => {
  it('refuses a file whose unclosed quote swallows rows, naming the lines', async () => {
    const text = `${HEADER}Alpha,a@x.com,"Ann,Archer,Revit,2026-01-05\nAlpha,b@x.com,Bob,Baker,Revit,2026-01-05\nAlpha,c@x.com,Cy",Cole,Revit,2026-01-05\nAlpha,d@x.com,Di,Dee,Revit,2026-01-05\n`;
    const out = await fromBytes('quotes.csv', utf8(text));
    expect(out.ok).toBe(false);
    expect(!out.ok && out.reason).toMatch(/quote that opens on line 2 closes only on line 4, so lines 3–4 were swallowed/);
  });

  it('refuses a file whose quote never closes, naming the line where it opens', async () => {
    const text = `${HEADER}Alpha,a@x.com,Ann,Archer,Revit,2026-01-05\nAlpha,b@x.com,"Bob,Baker,Revit,2026-01-05\nAlpha,c@x.com,Cy,Cole,Revit,2026-01-05\n`;
    const out = await fromBytes('open.csv', utf8(text));
    expect(!out.ok && out.reason).toMatch(/quote that opens on line 3 never closes/);
  });

  it('refuses a quote that stays open for 16 MB of lines, naming the line where it opens', async () => {
    const row = 'Alpha,a@x.com,Ann,Archer,Revit,2026-01-05\n';
    const text = `${HEADER}${row.repeat(10)}Alpha,b@x.com,"Bob,Baker,Revit,2026-01-05\n${row.repeat(Math.ceil((17 * 1024 * 1024) / row.length))}`;
    const out = await fromBytes('open-long.csv', utf8(text));
    expect(!out.ok && out.reason).toMatch(/quote that opens on line 12 does not close within 16 MB/);
  });

  it('reads a quoted cell with line breaks over many pieces of text, and numbers the rows after it by their file line', async () => {
    const note = Array.from({ length: 3000 }, (_, i) => `note line ${i} ${'z'.repeat(400)}`).join('\n'); // 1.2 MB
    const text = `${HEADER}Alpha,a@x.com,"${note}",Archer,Revit,2026-01-05\nAlpha,b@x.com,Bob,Baker,Revit,2026-13-45\n`;
    const out = await fromBytes('long-cell.csv', utf8(text));
    expect(out.ok).toBe(true);
    expect(users(out)[0]?.firstName).toBe(note);
    expect(out.ok && out.sheets[0]!.result.errors.map((e) => e.row)).toEqual([3002]);
  });

  it('names later rows by their file line when a legitimate quoted newline comes first', async () => {
    const text = `${HEADER}Alpha,a@x.com,"Ann\nMarie",Archer,Revit,2026-01-05\nAlpha,b@x.com,Bob,Baker,Revit,2026-13-45\n`;
    const out = await fromBytes('lines.csv', utf8(text));
    expect(out.ok).toBe(true);
    expect(out.ok && out.sheets[0]!.result.errors.map((e) => e.row)).toEqual([4]);
  });
});

describe('day/month order from all values', () => {
  const rows = (n: number, day: (i: number) => string) =>
    Array.from({ length: n }, (_, i) => `Alpha,u${i}@x.com,U,${i},Revit,${day(i)}`).join('\n');

  it('decides D/M from a telling date after row 2,000 and reads every date that way', async () => {
    const text = `${HEADER}${rows(2500, () => '03/04/2026')}\nAlpha,late@x.com,L,Ate,Revit,25/04/2026\n`;
    const out = await fromBytes('dm.csv', utf8(text));
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const r = out.sheets[0]!.result;
    expect(r.errorCount).toBe(0);
    expect(new Set(r.chunks.flatMap((c) => [...c.day]))).toEqual(new Set([d('2026-04-03'), d('2026-04-25')]));
  });

  it('stops a file whose dates contradict each other, naming both rows', async () => {
    const text = `${HEADER}${rows(3, () => '03/04/2026')}\nAlpha,x@x.com,X,X,Revit,04/25/2026\nAlpha,y@x.com,Y,Y,Revit,25/04/2026\n`;
    const out = await fromBytes('mixed.csv', utf8(text));
    expect(!out.ok && out.reason).toMatch(
      /row 5 has 04\/25\/2026 \(only month\/day\/year\), row 6 has 25\/04\/2026 \(only day\/month\/year\)/,
    );
  });
});

describe('headers', () => {
  it('never resolves two columns of one name silently', () => {
    const r = detectSection(['team', 'Email', 'email', 'product_name', 'day_used']);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.guess).toBeDefined();
  });
});

describe('spreadsheets are read by the cells they have', () => {
  it('reads a 2-cell sheet that claims the full A1:XFD1048576 grid quickly, with a narrow mapping form', async () => {
    const XLSX = await import('xlsx');
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet([
        ['Login', 'When'],
        ['mia@corp.test', '2026-02-02'],
      ]),
      'Claims',
    );
    // Patch the written sheet's <dimension> to claim the whole grid, as a hostile file would.
    const zip = XLSX.CFB.read(new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer), { type: 'array' });
    const sheet = zip.FileIndex[zip.FullPaths.findIndex((p: string) => p.endsWith('sheet1.xml'))]!;
    const xml = new TextDecoder()
      .decode(sheet.content as Uint8Array)
      .replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>');
    expect(xml).toContain('A1:XFD1048576');
    sheet.content = new TextEncoder().encode(xml);
    sheet.size = sheet.content.length;
    const bytes = new Uint8Array(XLSX.CFB.write(zip, { fileType: 'zip', type: 'array' }) as ArrayBuffer);
    const out = await fromBytes('claims.xlsx', bytes);
    expect(out.ok).toBe(false);
    expect(!out.ok && out.mapping?.header).toEqual(['Login', 'When']);
    expect(!out.ok && out.mapping?.preview).toEqual([['mia@corp.test', '2026-02-02']]);
  });
});

describe('odd but readable', () => {
  it('keeps rows dated after today and says how many and where they start', async () => {
    const out = await fromBytes(
      'future.csv',
      utf8(`${HEADER}Alpha,a@x.com,A,A,Revit,2026-01-05\nAlpha,a@x.com,A,A,Revit,2149-01-05\nAlpha,a@x.com,A,A,Revit,2149-01-06\n`),
    );
    expect(out.ok && out.notes.join(' ')).toMatch(/2 rows are dated after today \(first: row 3, 2149-01-05\)/);
    expect(out.ok && out.sheets[0]!.result.batch.eventCount).toBe(3);
  });

  it('calls a header-only file "no data rows"', async () => {
    const out = await fromBytes('header.csv', utf8(HEADER));
    expect(out.ok && out.sheets[0]!.result.batch.source.rowsRead).toBe(0);
  });
});
