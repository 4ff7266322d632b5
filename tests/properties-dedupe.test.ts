/**
 * Property tests of the fast paths of duplicate-pass grouping: each must give exactly what the plain version it
 * replaces gives (kept here as the oracle), on noisy mixed text.
 * - minhash.ts: textSignature is signature(textShingleHashes); candidatePairs (typed-array buckets) equals the
 *   banding with a Map of buckets; compare (one open-addressing table) equals the Jaccard and spread of two Sets.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compare, pageSignature, MIN_CHARS } from '../src/pages/dedupe.js';
import { BANDS, candidatePairs, estimate, EXHAUSTIVE_MAX, ROWS, SHINGLE, signature, textShingleHashes, textSignature } from '../src/pages/minhash.js';
import { CJK_LOOKALIKES } from '../src/pages/quality.js';

/** Pieces of noisy OCR text: CJK (lookalikes among them), Latin, digits, punctuation, fullwidth forms, brackets, every kind of space, astral and lone surrogates. */
const LOOKALIKES = Array.from(CJK_LOOKALIKES.join(''));
const pieces = [
  ...LOOKALIKES, '文', '数', '写', '好', '的', '〇', 'か', 'ー', '한', '𠀀', '𠀁', '𐀀', '𪚥', '\uD800', '\uD840', '\uDC00',
  ' ', '  ', '\t', '\n', '\u3000', '\u00a0', '\u200b', '\u2003', '\u202f', '\ufeff',
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
