/**
 * A big usage CSV read in two pieces at once (docs/import.md, "Big files") gives
 * exactly what reading it as one gives: the same batch, events, keys, people,
 * row errors with the same line numbers, and the same notes — also when a quote
 * is open where the halves meet, or the second half decides the date order.
 */
import { describe, expect, it } from 'vitest';
import { readFile, type FileOutcome, type ReadOptions } from '../../src/core/import/read-file';
import { readCsvPiece, type CsvPieceReader } from '../../src/core/import/csv-pieces';
import { generateSampleFiles } from '../../src/core/sample/generate-sample';
import { dayFromYmd } from '../../src/core/vocabulary/days';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const HEADER = 'team,email,first_name,last_name,product_name,offering_name,version,access_option,day_used,tokens_used';

/** The outcome without the moment it was read. */
function comparable(o: FileOutcome) {
  if (!o.ok) return o;
  return {
    ...o,
    sheets: o.sheets.map((s) => ({
      ...s,
      result: { ...s.result, batch: { ...s.result.batch, source: { ...s.result.batch.source, importedAt: '' } } },
    })),
  };
}

async function bothWays(name: string, source: string | Blob, size: number) {
  let pieces = 0;
  const reader: CsvPieceReader = (task) => {
    pieces++;
    return readCsvPiece(task);
  };
  const whole = await readFile({ name, size, lastModified: 0, source });
  const split = await readFile({ name, size, lastModified: 0, source }, { pieceReader: reader, pieceMinBytes: 0 } satisfies ReadOptions);
  return { whole, split, pieces };
}

/** A usage export of 400 people over a year, about 30,000 rows. */
const sampleUsage = () =>
  [
    ...generateSampleFiles({ seed: 7, users: 400, teams: 5, products: 12, endDay: dayFromYmd(2026, 10, 31), targetEvents: 30_000 }).usage(),
  ][0]!;

describe('a big usage CSV read in two pieces', () => {
  it('gives the same batch as reading it as one, from a string and from a Blob', async () => {
    const text = sampleUsage();
    for (const source of [text, new Blob([text])]) {
      const { whole, split, pieces } = await bothWays('Usage.csv', source, typeof source === 'string' ? source.length : source.size);
      expect(pieces).toBe(1);
      expect(whole.ok && whole.sheets[0]!.result.batch.eventCount).toBeGreaterThan(20_000);
      expect(comparable(split)).toEqual(comparable(whole));
    }
  });

  it("keeps a key's versions as reading as one does, a version with a line break in it too", async () => {
    const row = (i: number, version: string) =>
      `T,a@x.com,Ann,Ames,Revit,,${version},Subscription,2026-01-${String((i % 28) + 1).padStart(2, '0')},0`;
    const lines = Array.from({ length: 400 }, (_, i) => row(i, i % 2 ? '2025' : '2026'));
    // In the second half only: a quoted version holding a line break, and one of its lines alone.
    lines.push(row(1, '"x\ny"'), row(2, 'y'), row(3, '"x\ny"'));
    const text = `${HEADER}\n${lines.join('\n')}\n`;
    const { whole, split, pieces } = await bothWays('Usage.csv', text, text.length);
    expect(pieces).toBe(1);
    expect(whole.ok && whole.sheets[0]!.result.batch.eventKeys.versions).toEqual(['2026\n2025\nx\ny\ny']);
    expect(comparable(split)).toEqual(comparable(whole));
  });

  it('Cancel stops both halves: nothing is read, and the helper is told to drop its half', async () => {
    const text = sampleUsage();
    let stopped = 0;
    const reader: CsvPieceReader = Object.assign((task: Parameters<CsvPieceReader>[0]) => readCsvPiece(task), {
      stop: () => {
        stopped++;
      },
    });
    const o = await readFile(
      { name: 'Usage.csv', size: text.length, lastModified: 0, source: text },
      { pieceReader: reader, pieceMinBytes: 0, isCancelled: () => true },
    );
    expect(o).toMatchObject({ ok: false, cancelled: true });
    expect(stopped).toBe(1);
  });

  it('reads the same with a byte-order mark, lines above the header, CRLF line ends, and Windows-1252 text past the middle', async () => {
    const rows = ['\ufeffUsage export,,,,,,,,,', 'Generated 2026-11-01,,,,,,,,,', HEADER];
    for (let i = 0; i < 20_000; i++)
      rows.push(`T${i % 4},user${i % 70}@x.com,Ann,Lee${i % 70},Revit,,2026,Subscription,2026-0${1 + (i % 9)}-2${i % 8},0`);
    rows.push('T1,zoe@x.com,Zoë,Müller,Revit,,2026,Subscription,2026-03-03,0');
    const crlf = `${rows.join('\r\n')}\r\n`;
    const a = await bothWays('Crlf.csv', crlf, crlf.length);
    expect(a.pieces).toBe(1);
    expect(a.whole.ok && a.whole.sheets[0]!.result.batch.eventCount).toBeGreaterThan(1_000);
    expect(comparable(a.split)).toEqual(comparable(a.whole));
    // The same text as Windows-1252 bytes (no BOM): the first megabyte says UTF-8, the last row says otherwise.
    const latin = new Uint8Array([...crlf.slice(1)].map((c) => c.charCodeAt(0)));
    const blob = new Blob([latin]);
    expect(blob.size).toBeGreaterThan(1024 * 1024);
    const b = await bothWays('Latin.csv', blob, blob.size);
    expect(b.whole.ok && b.whole.notes.join(' ')).toMatch(/Windows-1252/);
    expect(b.whole.ok && b.whole.sheets[0]!.result.batch.users.some((u) => u.firstName === 'Zoë')).toBe(true);
    expect(comparable(b.split)).toEqual(comparable(b.whole));
  });

  it('names the same lines for unreadable rows in either half', async () => {
    const rows = [HEADER];
    for (let i = 0; i < 4_000; i++) {
      const day = i % 997 === 0 ? 'not a date' : `2026-0${1 + (i % 9)}-1${i % 10}`;
      const tokens = i % 1_501 === 0 ? '-3' : String(i % 4);
      rows.push(`T${i % 3},user${i % 50}@x.com,Ann,Lee${i % 50},Revit,,2026,${i % 5 ? 'Subscription' : 'Flex'},${day},${tokens}`);
    }
    const text = `${rows.join('\n')}\n`;
    const { whole, split, pieces } = await bothWays('Errors.csv', text, text.length);
    expect(pieces).toBe(1);
    expect(whole.ok && whole.sheets[0]!.result.errors.map((e) => e.row)).toEqual([2, 999, 1503, 1996, 2993, 3004, 3990]);
    expect(comparable(split)).toEqual(comparable(whole));
  });

  it('reads the file as one when a quoted cell holds the line break past the middle', async () => {
    const row = (i: number) => `T,user${i}@x.com,Ann,Lee,Revit,,2026,Subscription,2026-01-${10 + (i % 20)},0`;
    const head = [HEADER, ...Array.from({ length: 300 }, (_, i) => row(i))].join('\n');
    const quoted = `\nT,q@x.com,Quinn,Ray,Revit,,"2026\nR2",Subscription,2026-02-01,0`;
    const tail = `\n${Array.from({ length: 100 }, (_, i) => row(i + 300)).join('\n')}\n`;
    // Blank lines at the end (skipped) move the middle into the quoted cell, just before its line break.
    const breakAt = head.length + quoted.indexOf('2026\n') + 4;
    const base = head.length + quoted.length + tail.length;
    const text = `${head}${quoted}${tail}${'\n'.repeat(2 * (breakAt - 2) - base)}`;
    expect(text.indexOf('\n', Math.floor(text.length / 2))).toBe(breakAt);
    const { whole, split } = await bothWays('Quoted.csv', text, text.length);
    expect(whole.ok).toBe(true);
    expect(comparable(split)).toEqual(comparable(whole));
    expect(split.ok && split.sheets[0]!.result.batch.eventKeys.versions.some((v) => v.includes('2026\nR2'))).toBe(true);
  });

  it('reads the file again in the other date order when only its second half shows it', async () => {
    const rows = [HEADER];
    for (let i = 0; i < 2_000; i++)
      rows.push(`T,user${i % 40}@x.com,Ann,Lee,Revit,,2026,Subscription,0${1 + (i % 9)}/0${1 + (i % 9)}/2026,0`);
    for (let i = 0; i < 2_000; i++)
      rows.push(`T,user${i % 40}@x.com,Ann,Lee,Revit,,2026,Subscription,${13 + (i % 15)}/0${1 + (i % 9)}/2026,0`);
    const text = `${rows.join('\n')}\n`;
    const { whole, split } = await bothWays('Dates.csv', text, text.length);
    expect(whole.ok && whole.notes.join(' ')).toMatch(/day\/month\/year/);
    expect(comparable(split)).toEqual(comparable(whole));
  });

  describe("the vendor's exports of every era (tests/fixtures/eras), read in halves", () => {
    const DIR = join(import.meta.dirname, '../fixtures/eras');
    const usage = readdirSync(DIR, { recursive: true, encoding: 'utf8' }).filter(
      (f) => /(usage|token-usage)[^/]*\.csv$/.test(f) && !/report|by-user/.test(f),
    );
    it.each(usage)('%s', async (f) => {
      const text = readFileSync(join(DIR, f), 'utf8');
      const { whole, split, pieces } = await bothWays(f, text, text.length);
      expect(whole.ok, f).toBe(true);
      expect(pieces).toBe(1);
      expect(comparable(split)).toEqual(comparable(whole));
    });

    it('a broken one: a quote that opens in the second half and swallows rows is refused the same, naming the same lines', async () => {
      const lines = readFileSync(join(DIR, 'era-2026/usage-pii-on.csv'), 'utf8').split('\n');
      const at = Math.floor(lines.length * 0.75);
      lines[at] = lines[at]!.replace(',Subscription,', ',"Subscription,');
      const text = lines.join('\n');
      const { whole, split } = await bothWays('broken.csv', text, text.length);
      expect(whole.ok).toBe(false);
      expect(!whole.ok && whole.reason).toMatch(/quote/);
      expect(split).toEqual(whole);
    });
  });
});
