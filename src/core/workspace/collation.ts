/**
 * The order names, emails, teams and products sort in (docs/report.md, "Filters, search and sorting"): English
 * collation, case and accents ignored, numbers by value ("user2" before "user10").
 *
 * Sorting 200,000 emails with the collator's compare takes seconds, so a string made only of
 * ASCII letters, digits, spaces and punctuation gets a sort key instead: a string whose plain
 * code-unit order is the collator's order, compared natively. The key's alphabet is learnt from
 * the collator itself when the module loads, and the fast way is used only if the collator orders
 * that alphabet as the key assumes (punctuation, then numbers, then letters, each class in one
 * order); otherwise, and for any string with another character, the collator decides.
 * `tests/unit/collation.test.ts` checks the keys against the collator on many random strings.
 */

export const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

const PUNCTUATION = ' !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
// Key units stay below 256, so a key is a one-byte string: punctuation from PUNCT_BASE in the
// collator's order, then a run of digits as NUMBER_BASE plus its count of significant digits,
// followed by those digits, then letters from LETTER_BASE, case folded.
const PUNCT_BASE = 0x20;
const NUMBER_BASE = 0x41;
/** Runs with more significant digits than this go to the collator. */
const MAX_DIGITS = 60;
const LETTER_BASE = 0x80;
/** Longer values go to the collator. */
const MAX_KEYED_CHARS = 1024;

const UNITS: Int32Array | null = (() => {
  const units = new Int32Array(128).fill(-1);
  const sorted = [...PUNCTUATION].sort(collator.compare);
  for (let i = 1; i < sorted.length; i++) if (collator.compare(sorted[i - 1]!, sorted[i]!) >= 0) return null;
  if (collator.compare(sorted.at(-1)!, '0') >= 0 || collator.compare('9', 'a') >= 0) return null;
  for (let i = 0; i < 26; i++) {
    const lower = String.fromCharCode(97 + i);
    if (collator.compare(lower, lower.toUpperCase()) !== 0) return null;
    if (i > 0 && collator.compare(String.fromCharCode(96 + i), lower) >= 0) return null;
    units[97 + i] = units[65 + i] = LETTER_BASE + i;
  }
  sorted.forEach((c, i) => {
    units[c.charCodeAt(0)] = PUNCT_BASE + i;
  });
  return units;
})();

const isDigit = (c: number) => c >= 48 && c <= 57;

const buffer = new Uint8Array(MAX_KEYED_CHARS * 2);

/** The sort key of a value, or null when the collator must compare it. */
export function collationKey(value: string): string | null {
  if (!UNITS || value.length > MAX_KEYED_CHARS) return null;
  let n = 0;
  for (let i = 0; i < value.length; ) {
    const c = value.charCodeAt(i);
    if (isDigit(c)) {
      // A number compares by value: leading zeros dropped, then fewer digits first, then digit by digit.
      let start = i;
      while (i < value.length && isDigit(value.charCodeAt(i))) i++;
      while (start < i - 1 && value.charCodeAt(start) === 48) start++;
      const significant = value.charCodeAt(start) === 48 ? 0 : i - start;
      if (significant > MAX_DIGITS) return null;
      buffer[n++] = NUMBER_BASE + significant;
      for (let j = i - significant; j < i; j++) buffer[n++] = value.charCodeAt(j);
      continue;
    }
    const unit = c < 128 ? UNITS[c]! : -1;
    if (unit < 0) return null;
    buffer[n++] = unit;
    i++;
  }
  return String.fromCharCode.apply(null, buffer.subarray(0, n) as unknown as number[]);
}

/**
 * Rank of each value in collation order; equal-by-collation values share a rank
 * (the position of the first of them). Only distinct values are sorted: names repeat.
 */
export function collationRanks(values: readonly string[]): Uint32Array {
  const index = new Map<string, number>();
  const distinct: string[] = [];
  const counts: number[] = [];
  const of = new Uint32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    let d = index.get(v);
    if (d === undefined) {
      index.set(v, (d = distinct.length));
      distinct.push(v);
      counts.push(0);
    }
    counts[d]!++;
    of[i] = d;
  }
  const keys = distinct.map(collationKey);
  const compare = (a: number, b: number): number => {
    const ka = keys[a],
      kb = keys[b];
    if (ka != null && kb != null) return ka < kb ? -1 : ka > kb ? 1 : 0;
    return collator.compare(distinct[a]!, distinct[b]!);
  };
  let order: number[];
  if (keys.every((k) => k !== null)) {
    // Every value keyed: the keys sort natively, each followed by a unit below any key unit and its index.
    const tagged = keys.map((k, i) => `${k}\u0000${i}`).sort();
    order = tagged.map((t) => Number(t.slice(t.lastIndexOf('\u0000') + 1)));
  } else order = Array.from(distinct, (_, i) => i).sort(compare);
  const rankOfDistinct = new Uint32Array(distinct.length);
  let before = 0,
    r = 0;
  for (let i = 0; i < order.length; i++) {
    const d = order[i]!;
    if (i > 0 && compare(order[i - 1]!, d) !== 0) r = before;
    rankOfDistinct[d] = r;
    before += counts[d]!;
  }
  const rank = new Uint32Array(values.length);
  for (let i = 0; i < values.length; i++) rank[i] = rankOfDistinct[of[i]!]!;
  return rank;
}
