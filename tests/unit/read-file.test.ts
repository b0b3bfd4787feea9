import { describe, expect, it } from 'vitest';
import { readFile } from '../../src/core/import/read-file';
import { rng } from '../../src/core/sample/generate-sample';

/** Whatever the bytes, reading answers (a refusal or rows with named errors) and never throws. */
describe('import robustness (docs/import.md)', () => {
  const random = rng(7);
  const alphabet = 'abc,;\t"\n\r\u0000é€😀 0123456789-/.:@email,product_name,day_used,team,';
  const garbage = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');

  it('survives 300 random inputs, with and without a valid header first', async () => {
    for (let i = 0; i < 300; i++) {
      const body = garbage(Math.floor(random() * 400));
      const text = i % 2 ? `team,email,product_name,day_used\n${body}` : body;
      const out = await readFile({ name: `fuzz-${i}.csv`, size: text.length, lastModified: 0, source: text });
      if (out.ok) {
        for (const s of out.sheets) for (const e of s.result.errors) expect(e.row).toBeGreaterThan(1);
      } else {
        expect(out.reason).toContain(`fuzz-${i}.csv`);
      }
    }
  });

  it('reads a header-only file as an empty import, not an error', async () => {
    const text = 'team,email,product_name,day_used\n';
    const out = await readFile({ name: 'header.csv', size: text.length, lastModified: 0, source: text });
    expect(out.ok && out.sheets[0]!.result.batch.eventCount).toBe(0);
  });
});
