/**
 * The decoded text as the parser receives it (src/core/import/text-stream.ts): in pieces cut just after
 * a line break, every character handed over once and in order, line breaks counted per piece
 * (docs/import.md, "Big files").
 */
import { describe, expect, it } from 'vitest';
import { DecodedTextSource } from '../../src/core/import/text-stream';

/** Every piece the source hands over, with the line breaks and characters counted when each arrived. */
async function pieces(source: Blob | string, chunkSize: number, pieceChars: number, lineBreak = '\n') {
  const text = new DecodedTextSource(source, 'utf-8', chunkSize, 0, undefined, pieceChars);
  text.lineBreak = lineBreak;
  const got: { piece: string; lineBreaks: number; charsHanded: number }[] = [];
  text.on('data', (piece) => got.push({ piece: piece as string, lineBreaks: text.lineBreaks, charsHanded: text.charsHanded }));
  await text.pump();
  return got;
}

const breaks = (s: string, lineBreak = '\n') => s.split(lineBreak).length - 1;

describe('pieces of text', () => {
  const lines = Array.from({ length: 500 }, (_, i) => `Alpha,user${i}@x.com,Zoë ${'é'.repeat(i % 7)},Revit,2026-01-05\r\n`).join('');

  for (const source of ['a string', 'a file'] as const) {
    it(`cuts ${source} read at once into pieces, each but the last ending on a line break`, async () => {
      const got = await pieces(source === 'a string' ? lines : new Blob([lines]), 1 << 20, 300);
      expect(got.map((g) => g.piece).join('')).toBe(lines);
      expect(got.length).toBeGreaterThan(lines.length / 400);
      for (const g of got.slice(0, -1)) expect(g.piece.endsWith('\r\n')).toBe(true);
    });

    it(`hands ${source} read in chunks over whole and in order, counting as it goes`, async () => {
      const got = await pieces(source === 'a string' ? lines : new Blob([lines]), 4096, 300);
      expect(got.map((g) => g.piece).join('')).toBe(lines);
      // A chunk's end is where it is read up to; a carriage return there waits for the next chunk.
      for (const g of got) expect(g.piece.endsWith('\r')).toBe(false);
      let seen = '';
      for (const g of got) {
        seen += g.piece;
        expect(g.lineBreaks).toBe(breaks(seen));
        expect(g.charsHanded).toBe(seen.length);
      }
    });
  }

  it('hands a line longer than a piece over whole', async () => {
    const long = `Alpha,a@x.com,"${'x'.repeat(5000)}",Revit,2026-01-05\nAlpha,b@x.com,Bob,Revit,2026-01-06\n`;
    const got = await pieces(long, 1 << 20, 256);
    expect(got.map((g) => g.piece)).toEqual([long.slice(0, long.indexOf('\n') + 1), long.slice(long.indexOf('\n') + 1)]);
  });

  it('cuts old Mac files after their carriage returns', async () => {
    const mac = Array.from({ length: 100 }, (_, i) => `row ${i},${'y'.repeat(i)}\r`).join('');
    const got = await pieces(mac, 1 << 20, 200, '\r');
    expect(got.map((g) => g.piece).join('')).toBe(mac);
    for (const g of got.slice(0, -1)) expect(g.piece.endsWith('\r')).toBe(true);
    expect(got.at(-1)!.lineBreaks).toBe(100);
  });
});
