/**
 * Character shingles, MinHash signatures and LSH banding for duplicate-pass grouping (DESIGN.md step 3).
 *
 * Shapes and units:
 * - A page's shingles are its character n-grams ({@link SHINGLE} code points) after all whitespace is removed
 *   (Chinese has no word spaces, and OCR adds or drops spaces freely).
 * - A signature is {@link BINS} 32-bit values made by one-permutation MinHash (Li, Owen & Zhang 2012): every shingle
 *   is hashed once, the hash picks a bin and the bin keeps its smallest second hash; empty bins borrow from the next
 *   non-empty bin (rotation densification, Shrivastava 2017). Cost per page: O(shingles + BINS), not O(shingles x
 *   hashes). Two pages agree in a bin with probability ≈ the Jaccard index of their shingle sets.
 * - LSH: the signature is cut into {@link BANDS} bands of {@link ROWS} bins; pages that agree on every bin of at
 *   least one band become a candidate pair. A pair with Jaccard s is found with probability 1 - (1 - s^ROWS)^BANDS:
 *   0.62 at s = 0.35, 0.81 at 0.40, 0.93 at 0.45, 0.98 at 0.50, > 0.999 at 0.60 (OCR passes of one page score
 *   0.5-0.98 in our corpora, different pages below 0.15). Dumps of at most {@link EXHAUSTIVE_MAX} pages compare
 *   every pair's signatures instead, so nothing is missed where it is cheap.
 * Candidates are only candidates: dedupe.ts confirms each with the exact similarity of the shingle sets.
 */

/** Shingle length in code points. */
export const SHINGLE = 3;
/** Bins of a signature. */
export const BINS = 256;
/** Bins per LSH band. */
export const ROWS = 4;
/** LSH bands (BINS / ROWS). */
export const BANDS = BINS / ROWS;
/** Up to this many pages, every pair's signatures are compared (no banding). */
export const EXHAUSTIVE_MAX = 400;

const EMPTY = 0xffffffff;

/** Whitespace for shingling: ASCII controls/space, NBSP, U+2000-200B, ideographic space, line/paragraph separators, BOM. */
const isGap = (c: number): boolean =>
  c <= 0x20 || c === 0xa0 || (c >= 0x2000 && c <= 0x200b) || c === 0x3000 || c === 0x2028 || c === 0x2029 || c === 0xfeff;

/** The code points of `text` with all whitespace removed. */
export function squeeze(text: string): number[] {
  const out: number[] = [];
  // for…of walks code points (a lone surrogate as itself), like the hot loop of textShingleHashes
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (!isGap(c)) out.push(c);
  }
  return out;
}

/** 32-bit finaliser (murmur3 fmix32). */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 32-bit hash of the shingle starting at `i` of `cps`. */
function shingleHash(cps: readonly number[], i: number, n: number): number {
  let h = 0x9747b28c;
  for (let k = 0; k < n; k++) h = Math.imul(h ^ cps[i + k], 0x01000193);
  return mix(h);
}

/** Hashes of all shingles of `cps` (with repeats). Fewer than n code points give one shingle of the whole. */
export function shingleHashes(cps: readonly number[], n = SHINGLE): Uint32Array {
  if (cps.length === 0) return new Uint32Array(0);
  if (cps.length < n) return Uint32Array.of(shingleHash(cps, 0, cps.length));
  const out = new Uint32Array(cps.length - n + 1);
  for (let i = 0; i + n <= cps.length; i++) out[i] = shingleHash(cps, i, n);
  return out;
}

/**
 * One-permutation MinHash signature of a set of shingle hashes.
 * @returns BINS values; all EMPTY when there is no shingle
 */
export function signature(hashes: Uint32Array): Uint32Array {
  const sig = new Uint32Array(BINS).fill(EMPTY);
  for (let i = 0; i < hashes.length; i++) {
    const h = hashes[i];
    const bin = h % BINS;
    const v = mix(h ^ 0x5bd1e995);
    if (v < sig[bin]) sig[bin] = v;
  }
  // rotation densification: an empty bin takes the next non-empty bin's value, offset by the distance
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

/** Fraction of bins where two signatures agree: an estimate of the Jaccard index. */
export function estimate(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < BINS; i++) if (a[i] === b[i]) same++;
  return same / BINS;
}

/**
 * Candidate pairs among `sigs` (null = page not eligible): LSH banding, or every pair for small inputs. A pair is
 * kept only when its signature estimate reaches `minEstimate` (a cheap filter before exact confirmation).
 * @returns pairs [i, j] with i < j, each once, sorted
 */
export function candidatePairs(sigs: ReadonlyArray<Uint32Array | null>, minEstimate: number): Array<[number, number]> {
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
      // bucket key: the band's ROWS values hashed to one number (a rare collision only adds a candidate, which
      // the estimate filter and the exact test then judge)
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

/**
 * Shingle hashes of `text` (whitespace removed), in page order: the same values as
 * `shingleHashes(squeeze(text))` for n = {@link SHINGLE}, computed in one pass without intermediate arrays.
 */
export function textShingleHashes(text: string): Uint32Array {
  const out = new Uint32Array(Math.max(1, text.length));
  let count = 0, c0 = 0, c1 = 0, seen = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (isGap(c)) continue;
    seen++;
    if (seen >= SHINGLE) {
      let h = 0x9747b28c;
      h = Math.imul(h ^ c0, 0x01000193);
      h = Math.imul(h ^ c1, 0x01000193);
      h = Math.imul(h ^ c, 0x01000193);
      out[count++] = mix(h);
    }
    c0 = c1;
    c1 = c;
  }
  if (seen > 0 && seen < SHINGLE) return shingleHashes(squeeze(text));
  return out.subarray(0, count);
}

/** Number of non-space code points of `text` (as {@link squeeze} counts them). */
export function squeezedLength(text: string): number {
  const h = textShingleHashes(text);
  return h.length === 0 ? 0 : h.length + SHINGLE - 1;
}
