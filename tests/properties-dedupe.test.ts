/**
 * Property tests of the fast paths of duplicate-pass grouping and pass scoring: each must give exactly what the
 * plain version it replaces gives (kept here as the oracle), on noisy mixed text.
 * - minhash.ts: textSignature is signature(textShingleHashes); candidatePairs (typed-array buckets) equals the
 *   banding with a Map of buckets; compare (one open-addressing table) equals the Jaccard and spread of two Sets;
 * - quality.ts: symptomCounts equals the symptom patterns' match counts; squeezedUnits the length after removing
 *   `\s`; BigramTable answers as a Map; ChosenBigrams counts what countLookalikeBigrams counts; lookalikeOddities
 *   and the spot / evidence split that passes.ts uses equal the Array.from and String.includes version; WordCounter
 *   and unattestedAmong equal the unattestedLatin of a Map of all words.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compare, pageSignature, MIN_CHARS } from '../src/pages/dedupe.js';
import { BANDS, candidatePairs, estimate, EXHAUSTIVE_MAX, ROWS, SHINGLE, signature, textShingleHashes, textSignature } from '../src/pages/minhash.js';
import {
  BigramTable, bigramKey, bigramKeyOf, ChosenBigrams, CJK_LOOKALIKES, countLookalikeBigrams, judgeSpots, latinWords, lookalikeOddities,
  lookalikeSpots, sameWithoutSpaces, spotBigrams, squeezedUnits, symptomCounts, SYMPTOMS, unattestedAmong, unattestedLatin, unsharedWords, WordCounter,
} from '../src/pages/quality.js';

/** Pieces of noisy OCR text: CJK (lookalikes among them), Latin, digits, punctuation, fullwidth forms, brackets, every kind of space, astral and lone surrogates. */
const LOOKALIKES = Array.from(CJK_LOOKALIKES.join(''));
const pieces = [
  ...LOOKALIKES, '文', '数', '写', '好', '的', '〇', 'か', 'ー', '한', '𠀀', '𠀁', '𐀀', '𪚥', '\uD800', '\uD840', '\uDC00',
  ' ', '  ', '\t', '\n', '\u3000', '\u00a0', '\u200b', '\u2003', '\u202f', '\ufeff', '\u2028',
  'a', 'Z', 'ab', 'Kafka', 'kafka', 'QRX', 'x1', '0', '7', '42', '.', ',', ':', '|', '*', '_', '<', '>', '~', '^', '"', "'", '`',
  '，', '。', '、', '（', '）', '(', ')', '[', ']', '【', '】', '《', '》', '〈', '〉', '{', '}', '©', '¢', '»', '─', '\ufffd', '\ue000', '％', 'ｆ', '１',
];
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 60, size: 'max' }).map((p) => p.join(''));

/** A second pass of `t`: some lookalikes read as another member of their group, some characters misread, some spaces added or lost. */
function damaged(t: string, picks: number[]): string {
  let k = 0;
  const pick = () => picks[k++ % picks.length];
  return Array.from(t).map((c) => {
    const g = CJK_LOOKALIKES.find((x) => x.includes(c));
    const r = pick();
    if (g && r % 3 === 0) return Array.from(g)[r % g.length];
    if (r % 5 === 1) return pieces[(r * 7 + k) % pieces.length];
    if (c === ' ' && r % 4 === 0) return '';
    return r % 7 === 0 ? `${c} ` : c;
  }).join('');
}
/** A group of passes of one page: a text and one or two damaged copies. */
const group = fc.tuple(text, fc.array(fc.nat(40), { minLength: 1, maxLength: 30 }), fc.array(fc.nat(40), { minLength: 1, maxLength: 30 }), fc.boolean())
  .map(([t, p1, p2, three]) => (three ? [t, damaged(t, p1), damaged(t, p2)] : [t, damaged(t, p1)]));

// ---------------------------------------------------------------------------------------------------------------
// oracles: the plain versions, as they were before their fast paths

function plainCompare(a: string, b: string): { jaccard: number; spread: number } {
  const la = textShingleHashes(a), lb = textShingleHashes(b);
  const sa = new Set(la), sb = new Set(lb);
  let spread = 1;
  for (const [list, other] of [[la, sb], [lb, sa]] as const) {
    for (let k = 0; k < 3; k++) {
      const from = Math.floor((k * list.length) / 3), to = Math.floor(((k + 1) * list.length) / 3);
      if (to <= from) continue;
      let hit = 0;
      for (let i = from; i < to; i++) if (other.has(list[i])) hit++;
      spread = Math.min(spread, hit / (to - from));
    }
  }
  let inter = 0;
  const [small, big] = sa.size < sb.size ? [sa, sb] : [sb, sa];
  for (const x of small) if (big.has(x)) inter++;
  const union = sa.size + sb.size - inter;
  return { jaccard: union === 0 ? 1 : inter / union, spread };
}

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function plainSignature(hashes: Uint32Array): Uint32Array {
  const BINS = 256, EMPTY = 0xffffffff;
  const sig = new Uint32Array(BINS).fill(EMPTY);
  for (let i = 0; i < hashes.length; i++) {
    const h = hashes[i];
    const bin = h % BINS;
    const v = mix(h ^ 0x5bd1e995);
    if (v < sig[bin]) sig[bin] = v;
  }
  let any = false;
  for (let b = 0; b < BINS; b++) if (sig[b] !== EMPTY) any = true;
  if (!any) return sig;
  const out = new Uint32Array(BINS);
  for (let b = 0; b < BINS; b++) {
    let d = 0;
    while (sig[(b + d) % BINS] === EMPTY) d++;
    out[b] = d === 0 ? sig[b] : mix(sig[(b + d) % BINS] + d * 0x9e3779b1);
  }
  return out;
}

function plainCandidatePairs(sigs: ReadonlyArray<Uint32Array | null>, minEstimate: number): Array<[number, number]> {
  const ids: number[] = [];
  sigs.forEach((s, i) => {
    if (s) ids.push(i);
  });
  const seen = new Set<number>();
  const out: Array<[number, number]> = [];
  const consider = (i: number, j: number) => {
    const [a, b] = i < j ? [i, j] : [j, i];
    const key = a * sigs.length + b;
    if (seen.has(key)) return;
    seen.add(key);
    if (estimate(sigs[a]!, sigs[b]!) >= minEstimate) out.push([a, b]);
  };
  if (ids.length <= EXHAUSTIVE_MAX) {
    for (let x = 0; x < ids.length; x++) for (let y = x + 1; y < ids.length; y++) consider(ids[x], ids[y]);
  } else {
    for (let band = 0; band < BANDS; band++) {
      const buckets = new Map<number, number[]>();
      for (const i of ids) {
        const s = sigs[i]!;
        let h = band;
        for (let r = 0; r < ROWS; r++) h = mix(Math.imul(h, 0x01000193) ^ s[band * ROWS + r]);
        const key = h * 0x200000 + (s[band * ROWS] & 0x1fffff);
        const list = buckets.get(key);
        if (list) list.push(i);
        else buckets.set(key, [i]);
      }
      for (const list of buckets.values()) {
        if (list.length < 2) continue;
        for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) consider(list[x], list[y]);
      }
    }
  }
  return out.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
}

const LOOK = new Map<string, { group: string; rank: number }>();
for (const g of CJK_LOOKALIKES) Array.from(g).forEach((c, rank) => LOOK.set(c, { group: g, rank }));

function plainOddities(texts: readonly string[], outside: Map<number, number> | ((bigram: string) => number)): Array<{ n: number; examples: string[] }> {
  const squeezed = texts.map((t) => Array.from(t.replace(/\s+/gu, '')));
  const joined = squeezed.map((cs) => cs.join(''));
  const ev = typeof outside === 'function' ? (a: string, b: string) => outside(a + b) : (a: string, b: string) => outside.get(bigramKeyOf(a + b)) ?? 0;
  return squeezed.map((cs, m) => {
    let n = 0;
    const examples: string[] = [];
    for (let i = 0; i < cs.length; i++) {
      const look = LOOK.get(cs[i]);
      if (!look) continue;
      const prev = cs[i - 1] ?? '', next = cs[i + 1] ?? '';
      const own = prev + cs[i] + next;
      if (joined.every((j, k) => k === m || j.includes(own))) continue;
      const mine = (prev ? ev(prev, cs[i]) : 0) + (next ? ev(cs[i], next) : 0);
      for (const alt of look.group) {
        if (alt === cs[i]) continue;
        if (!joined.some((j, k) => k !== m && j.includes(prev + alt + next))) continue;
        const theirs = (prev ? ev(prev, alt) : 0) + (next ? ev(alt, next) : 0);
        const rankAlt = LOOK.get(alt)!.rank;
        if (theirs > mine || (theirs === mine && rankAlt < look.rank)) {
          n++;
          if (examples.length < 3) examples.push(`${own}→${prev + alt + next}`);
          break;
        }
      }
    }
    return { n, examples };
  });
}

function plainUnattestedLatin(texts: readonly string[], outside: (word: string) => number): Array<{ n: number; examples: string[] }> {
  const sets = texts.map((t) => new Set(latinWords(t)));
  return texts.map((t, m) => {
    let n = 0;
    const examples: string[] = [];
    for (const w of latinWords(t)) {
      if (sets.some((s, k) => k !== m && s.has(w)) || outside(w) > 0) continue;
      n++;
      if (examples.length < 3) examples.push(w);
    }
    return { n, examples };
  });
}

const countMatches = (t: string, re: RegExp) => (t.match(re) ?? []).length;

// ---------------------------------------------------------------------------------------------------------------

describe('minhash and exact comparison fast paths', () => {
  it('textSignature is the signature of the shingle hashes (null below the minimum), and signature is the plain one', () => {
    fc.assert(fc.property(text, fc.integer({ min: 0, max: 20 }), (t, min) => {
      const hashes = textShingleHashes(t);
      const expected = hashes.length + SHINGLE - 1 >= min ? plainSignature(hashes) : null;
      expect(textSignature(t, min)).toEqual(expected);
      expect(signature(hashes)).toEqual(plainSignature(hashes));
      expect(pageSignature(t)).toEqual(hashes.length + SHINGLE - 1 >= MIN_CHARS ? plainSignature(hashes) : null);
    }), { numRuns: 500 });
  });
  it('densifies sparse signatures as the plain loop does', () => {
    fc.assert(fc.property(fc.array(fc.nat({ max: 0xffffffff }), { maxLength: 40 }), (xs) => {
      const h = Uint32Array.from(xs);
      expect(signature(h)).toEqual(plainSignature(h));
    }), { numRuns: 500 });
  });
  it('compare equals the Jaccard index and spread of two Sets of shingle hashes', () => {
    fc.assert(fc.property(group, ([a, b]) => {
      expect(compare(a, b)).toEqual(plainCompare(a, b));
      expect(compare(a, a + b)).toEqual(plainCompare(a, a + b));
    }), { numRuns: 500 });
  });
  it('candidatePairs equals the Map-bucket banding, exhaustive and banded', () => {
    // signatures of pages that share a varying part of their shingles: some pairs above the estimate, most below
    // (more than EXHAUSTIVE_MAX signatures besides the nulls, for the banded path)
    const pages = fc.array(fc.tuple(fc.nat(12), fc.nat(5), fc.integer({ min: 0, max: 1 })), { minLength: EXHAUSTIVE_MAX + 60, maxLength: EXHAUSTIVE_MAX + 90 });
    fc.assert(fc.property(pages, fc.boolean(), (spec, small) => {
      const sigs = spec.map(([base, variant, nul], idx) => {
        if (nul === 0 && idx % 10 === 0) return null; // at most a tenth: the rest is above EXHAUSTIVE_MAX
        const hashes = new Uint32Array(300);
        for (let i = 0; i < hashes.length; i++) hashes[i] = mix(i < 150 + variant * 30 ? base * 1000 + i : base * 7919 + variant * 1000 + i + 1);
        return signature(hashes);
      });
      const input = small ? sigs.slice(0, 60) : sigs;
      expect(candidatePairs(input, 0.2)).toEqual(plainCandidatePairs(input, 0.2));
    }), { numRuns: 12 });
  });
});

describe('pass scoring fast paths', () => {
  it('symptomCounts equals the number of matches of each symptom pattern; squeezedUnits and sameWithoutSpaces answer as replace(/\\s+/gu)', () => {
    fc.assert(fc.property(text, (t) => {
      expect(symptomCounts(t)).toEqual(SYMPTOMS.map((s) => countMatches(t, s.re)));
      expect(squeezedUnits(t)).toBe(t.replace(/\s+/gu, '').length);
    }), { numRuns: 2000 });
    fc.assert(fc.property(group, ([a, b]) => {
      expect(sameWithoutSpaces(a, b)).toBe(a.replace(/\s+/gu, '') === b.replace(/\s+/gu, ''));
      const spaced = a.replace(/ /g, '\u3000 ').replace(/字/g, '字\t');
      expect(sameWithoutSpaces(a, spaced)).toBe(a.replace(/\s+/gu, '') === spaced.replace(/\s+/gu, ''));
    }), { numRuns: 2000 });
  });

  it('BigramTable answers as a Map keyed by bigramKey, through growth', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(0x10ffff), fc.nat(0x10ffff), fc.integer({ min: -3, max: 3 })), { maxLength: 3000 }), (adds) => {
      const table = new BigramTable();
      const map = new Map<number, number>();
      for (const [a, b, d] of adds) {
        table.add(a, b, d);
        map.set(bigramKey(a, b), (map.get(bigramKey(a, b)) ?? 0) + d);
      }
      expect(table.size).toBe(map.size);
      for (const [k, v] of map) expect(table.get(k)).toBe(v);
      for (const [a, b] of adds.slice(0, 20)) expect(table.get(bigramKey(b, a))).toBe(map.get(bigramKey(b, a)));
      table.clear();
      expect(table.size).toBe(0);
      for (const [a, b] of adds.slice(0, 20)) expect(table.count(a, b)).toBeUndefined();
    }), { numRuns: 100 });
  });

  it('countLookalikeBigrams gives the same counts in a BigramTable as in a Map', () => {
    fc.assert(fc.property(fc.array(text, { maxLength: 5 }), (texts) => {
      const map = new Map<number, number>();
      const table = new BigramTable();
      for (const t of texts) {
        countLookalikeBigrams(t, map);
        countLookalikeBigrams(t, table);
      }
      expect(table.size).toBe(map.size);
      for (const [k, v] of map) expect(table.get(k)).toBe(v);
    }), { numRuns: 500 });
  });

  it('ChosenBigrams counts the chosen bigrams as countLookalikeBigrams does', () => {
    fc.assert(fc.property(fc.array(text, { minLength: 1, maxLength: 5 }), fc.array(fc.nat(), { maxLength: 30 }), (texts, picks) => {
      const all = new Map<number, number>();
      for (const t of texts) countLookalikeBigrams(t, all);
      const known = [...all.keys()].map((k) => [Math.floor(k / 0x110000), k % 0x110000] as [number, number]);
      // chosen: some bigrams that occur, and lookalike bigrams that may not
      const chosen: Array<[number, number]> = picks.map((p, i) => (known.length && i % 2 === 0
        ? known[p % known.length]
        : [LOOKALIKES[p % LOOKALIKES.length].charCodeAt(0), pieces[p % pieces.length].codePointAt(0)!]));
      const counted = new ChosenBigrams(chosen);
      for (const t of texts) counted.addText(t);
      for (const [a, b] of chosen) expect(counted.get(bigramKey(a, b))).toBe(all.get(bigramKey(a, b)) ?? 0);
      if (!chosen.length) expect(() => counted.get(bigramKey(0x5b57, 0x5b57))).toThrow(RangeError);
    }), { numRuns: 1000 });
  });

  it('lookalikeOddities equals the Array.from / includes version, with a Map or a lookup as evidence', () => {
    const evidence = fc.array(fc.tuple(fc.constantFrom(...pieces), fc.constantFrom(...LOOKALIKES), fc.nat(4), fc.boolean()), { maxLength: 40 });
    fc.assert(fc.property(group, evidence, (texts, ev) => {
      const map = new Map<number, number>();
      for (const [x, l, n, after] of ev) map.set(bigramKeyOf(after ? l + x : x + l), n);
      expect(lookalikeOddities(texts, map)).toEqual(plainOddities(texts, map));
      const fn = (bigram: string) => (map.get(bigramKeyOf(bigram)) ?? 0) * 2 - 1;
      expect(lookalikeOddities(texts, fn)).toEqual(plainOddities(texts, fn));
    }), { numRuns: 2000 });
  });

  it('spots judged with chosen bigram counts minus the group\'s own equal the oddities with all counts (as passes.ts scores)', () => {
    fc.assert(fc.property(group, fc.array(text, { maxLength: 4 }), fc.array(group, { maxLength: 2 }), (members, others, more) => {
      const rest = [...others, ...more.flat()];
      const every = [...members, ...rest];
      const all = new Map<number, number>();
      for (const t of every) countLookalikeBigrams(t, all);
      const ownMap = new Map<number, number>();
      for (const t of members) countLookalikeBigrams(t, ownMap);
      const expected = plainOddities(members, (k) => (all.get(bigramKeyOf(k)) ?? 0) - (ownMap.get(bigramKeyOf(k)) ?? 0));
      const spots = lookalikeSpots(members);
      const chosen = new ChosenBigrams(spotBigrams(spots));
      for (const t of every) chosen.addText(t);
      const own = new BigramTable();
      for (const t of members) countLookalikeBigrams(t, own);
      expect(judgeSpots(spots, { get: (key) => chosen.get(key) - (own.get(key) ?? 0) })).toEqual(expected);
    }), { numRuns: 1000 });
  });

  it('unattested words from a WordCounter of the unshared words equal unattestedLatin over all words (as passes.ts scores)', () => {
    const words = ['ab', 'Kafka', 'kafka', 'QRX', 'x', 'URL', 'URLs', 'Shell', 'Shel', 'a1b', 'Zz'];
    const wtext = fc.array(fc.constantFrom(...words, ...pieces), { maxLength: 40 }).map((p) => p.join(''));
    // many chosen words (padding) are looked up word by word, a few are found by a pattern of them
    const padding = Array.from({ length: WordCounter.ALTERNATION_MAX }, (_, i) => `pad${String.fromCharCode(97 + (i % 26))}${'q'.repeat(1 + Math.floor(i / 26))}`);
    fc.assert(fc.property(fc.array(wtext, { minLength: 2, maxLength: 3 }), fc.array(wtext, { maxLength: 5 }), fc.boolean(), (members, rest, many) => {
      const every = [...members, ...rest];
      const counts = new Map<string, number>();
      for (const t of every) for (const w of latinWords(t)) counts.set(w, (counts.get(w) ?? 0) + 1);
      const ownCounts = new Map<string, number>();
      for (const t of members) for (const w of latinWords(t)) ownCounts.set(w, (ownCounts.get(w) ?? 0) + 1);
      const expected = plainUnattestedLatin(members, (w) => (counts.get(w) ?? 0) - (ownCounts.get(w) ?? 0));
      const unshared = unsharedWords(members.map(latinWords));
      const counter = new WordCounter(many ? [...unshared, padding] : unshared);
      for (const t of every) counter.addText(t);
      const own = new Map<string, number>();
      for (const list of unshared) for (const w of list) own.set(w, (own.get(w) ?? 0) + 1);
      expect(unattestedAmong(unshared, (w) => counter.get(w) - own.get(w)!)).toEqual(expected);
      expect(unattestedLatin(members, (w) => (counts.get(w) ?? 0) - (ownCounts.get(w) ?? 0))).toEqual(expected);
      for (const [w, n] of counts) if (unshared.some((l) => l.includes(w))) expect(counter.get(w)).toBe(n);
    }), { numRuns: 1000 });
  });

  it('a WordCounter refuses a word it did not count', () => {
    const counter = new WordCounter([['Kafka']]);
    counter.addText('Kafka 与 Kafka2 和 xKafka');
    expect(counter.get('Kafka')).toBe(2);
    expect(() => counter.get('Kafk')).toThrow(RangeError);
  });
});
