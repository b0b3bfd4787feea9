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

describe('usage rows that repeat who, what and how', () => {
  /** Every event of the batch as the row it came from: team, email, product, access, day, tokens. */
  function eventsAsRows(o: Awaited<ReturnType<typeof readFile>>): string[] {
    if (!o.ok) throw new Error(o.reason);
    const { batch, chunks } = o.sheets[0]!.result;
    const k = batch.eventKeys;
    const out: string[] = [];
    for (const c of chunks)
      for (let i = 0; i < c.key.length; i++) {
        const key = c.key[i]!;
        const user = batch.users[k.user[key]!]!;
        out.push([batch.teams[k.team[key]!], user.email, batch.products[k.product[key]!], k.access[key], c.day[i], c.tokens[i]].join('|'));
      }
    return out;
  }

  it('reads each row to its own person, product and day, whether or not earlier rows repeat it', async () => {
    // 30,000 rows that differ, then 40,000 that repeat them on other days: reading stops remembering
    // rows part-way (most of the first rows were new), and every row must still land where it says.
    const rows = ['team,email,product_name,access_option,day_used,tokens_used'];
    const expected: string[] = [];
    for (let i = 0; i < 70_000; i++) {
      const who = i % 30_000;
      const flex = who % 7 === 0;
      const day = 10 + Math.floor(i / 30_000);
      const tokens = flex ? (who % 5) + 0.5 : 0;
      rows.push(`T${who % 9},person${who}@example.com,Product ${who % 13},${flex ? 'Flex' : 'Subscription'},2026-03-${day},${tokens}`);
      expected.push([`T${who % 9}`, `person${who}@example.com`, `Product ${who % 13}`, flex ? 2 : 1, 0, tokens].join('|'));
    }
    const text = rows.join('\n');
    const got = eventsAsRows(await readFile({ name: 'usage.csv', size: text.length, lastModified: 0, source: text }));
    expect(got).toHaveLength(70_000);
    // The day is compared apart: the batch holds day numbers.
    expect(
      got.map((r) =>
        r
          .split('|')
          .filter((_, j) => j !== 4)
          .join('|'),
      ),
    ).toEqual(
      expected.map((r) =>
        r
          .split('|')
          .filter((_, j) => j !== 4)
          .join('|'),
      ),
    );
    const days = new Set(got.map((r) => r.split('|')[4]));
    expect(days.size).toBe(3);
  });

  it('keeps apart the many rows of one shared account, and a person whose names change from row to row', async () => {
    const rows = ['team,email,first_name,last_name,product_name,version,access_option,day_used,tokens_used'];
    const expected: string[] = [];
    // One account used on 25 teams × 3 products (more keys than one person usually has), in an order that jumps about.
    for (let i = 0; i < 600; i++) {
      const team = (i * 7) % 25;
      const product = (i * 11) % 3;
      rows.push(
        `Team ${team},shared@example.com,Shared,Account,Product ${product},${2024 + (Math.floor(i / 75) % 3)},Subscription,2026-03-${10 + (i % 9)},0`,
      );
      expected.push([`Team ${team}`, 'shared@example.com', `Product ${product}`, 1, 0, 0].join('|'));
    }
    // Ann's rows follow one another, her first name given differently on each; Bob's row comes between two of hers.
    for (const [first, email] of [
      ['Ann', 'ann@example.com'],
      ['Anne', 'ann@example.com'],
      ['Bob', 'bob@example.com'],
      ['Anna', 'ann@example.com'],
      ['Anna', 'ann@example.com'],
    ]) {
      rows.push(`Alpha,${email},${first},Archer,AutoCAD,2025,Subscription,2026-03-20,0`);
      expected.push(['Alpha', email, 'AutoCAD', 1, 0, 0].join('|'));
    }
    const text = rows.join('\n');
    const out = await readFile({ name: 'usage.csv', size: text.length, lastModified: 0, source: text });
    const dropDay = (r: string) =>
      r
        .split('|')
        .filter((_, j) => j !== 4)
        .join('|');
    expect(eventsAsRows(out).map(dropDay)).toEqual(expected.map(dropDay));
    if (!out.ok) throw new Error(out.reason);
    const { batch } = out.sheets[0]!.result;
    const shared = batch.users.findIndex((u) => u.email === 'shared@example.com');
    expect(batch.eventKeys.user.filter((u) => u === shared)).toHaveLength(75);
    // Each key's versions, in the order first read.
    for (let k = 0; k < batch.eventKeys.user.length; k++)
      if (batch.eventKeys.user[k] === shared) expect(batch.eventKeys.versions[k]!.split('\n')).toEqual(['2024', '2025', '2026']);
    expect(batch.users.find((u) => u.email === 'ann@example.com')?.firstName).toBe('Anna');
    expect(batch.users.find((u) => u.email === 'bob@example.com')?.firstName).toBe('Bob');
  });
});
