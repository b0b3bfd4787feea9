/**
 * Sort keys agree with the collator (src/core/workspace/collation.ts): for strings of ASCII letters,
 * digits, spaces and punctuation, comparing keys gives the collator's answer, equal included; other
 * strings have no key and go to the collator (docs/report.md, "Filters, search and sorting").
 */
import { describe, expect, it } from 'vitest';
import { collationKey, collationRanks, collator } from '../../src/core/workspace/collation';

const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);
const keyCompare = (a: string, b: string) => {
  const ka = collationKey(a)!,
    kb = collationKey(b)!;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

/** A seeded generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

const PUNCTUATION = ' !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

describe('collation keys', () => {
  it('order every pair of random strings as the collator does', () => {
    const next = random(7);
    // Few distinct characters, many digits and zeros: ties, prefixes and numbers meet often.
    const alphabets = ['aAbB0012 .-@_', 'abcxyzXYZ', `0123456789${PUNCTUATION}`, `aZ09${PUNCTUATION}`];
    const strings: string[] = ['', ' ', '0', '00', '000', '007', '7', 'a0', 'a00', 'a01', 'a1', 'a1b', 'a01c', 'a10', 'a9'];
    for (let i = 0; i < 1_500; i++) {
      const alphabet = alphabets[i % alphabets.length]!;
      const length = Math.floor(next() * 9);
      let s = '';
      for (let j = 0; j < length; j++) s += alphabet[Math.floor(next() * alphabet.length)];
      strings.push(s);
    }
    strings.push(`x${'9'.repeat(30)}`, `x1${'0'.repeat(30)}`, 'user2@example.com', 'user10@example.com', 'Mary Ann', 'Mary-Ann', "O'Brien");
    let disagreements = 0;
    const shown: string[] = [];
    for (const a of strings) {
      expect(collationKey(a)).not.toBeNull();
      for (const b of strings) {
        if (keyCompare(a, b) !== sign(collator.compare(a, b))) {
          disagreements++;
          if (shown.length < 5) shown.push(`${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
        }
      }
    }
    expect(shown).toEqual([]);
    expect(disagreements).toBe(0);
  });

  it('leaves accents, other scripts and control characters to the collator', () => {
    for (const s of ['Zoë', 'Ørsted', 'Łukasz', '山田', 'tab\there', `x${'1'.repeat(201)}`]) expect(collationKey(s)).toBeNull();
  });
});

describe('collation ranks', () => {
  it('rank keyed and unkeyed values together in the collator order, equal values sharing a rank', () => {
    const values = ['Zoë', 'zoe', 'Zoe', 'émile', 'Emile', 'user10', 'user2', 'Ørsted', 'Orsted', 'b', 'B', 'a-b', 'ab', 'a b', '', 'Zoe'];
    const rank = collationRanks(values);
    for (let i = 0; i < values.length; i++)
      for (let j = 0; j < values.length; j++) {
        expect(sign(rank[i]! - rank[j]!), `${values[i]} vs ${values[j]}`).toBe(sign(collator.compare(values[i]!, values[j]!)));
      }
    // The rank is the position of the first of equal values.
    expect(rank[values.indexOf('')]).toBe(0);
    expect(rank[values.indexOf('B')]).toBe(rank[values.indexOf('b')]);
  });
});
