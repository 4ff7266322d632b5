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

/** 32-bit finaliser (murmur3 fmix32), as an int32 (the same 32 bits as {@link mix}). */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** 32-bit finaliser (murmur3 fmix32), as a uint32. */
function mix(h: number): number {
  return mix32(h) >>> 0;
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
 * Bins of a signature being built, as int32: each bin holds its value XOR 0x80000000, so that the signed order of
 * the bins is the unsigned order of the values, and {@link FREE} is an empty bin (EMPTY). Every value is then a
 * small integer to V8: reading a uint32 above 2^31 makes a heap number in code that is not optimised yet, and
 * these loops run over every character of a dump, mostly before they are optimised.
 */
const FREE = 0x7fffffff;
const BIAS = -0x80000000;

/**
 * One-permutation MinHash signature of a set of shingle hashes (the first `length` of `hashes`).
 * @returns BINS values; all EMPTY (0xffffffff) when there is no shingle
 */
export function signature(hashes: Uint32Array, length = hashes.length): Uint32Array {
  const bins = new Int32Array(BINS).fill(FREE);
  const hs = new Int32Array(hashes.buffer, hashes.byteOffset, hashes.length);
  for (let i = 0; i < length; i++) {
    // the hash's low bits pick the bin (`h & (BINS - 1)` is `h % BINS` for a 32-bit hash, BINS being a power of
    // two); the bin keeps its smallest second hash
    const h = hs[i];
    const v = mix32(h ^ 0x5bd1e995) ^ BIAS;
    if (v < bins[h & (BINS - 1)]) bins[h & (BINS - 1)] = v;
  }
  return densify(bins);
}

/**
 * The signature of built bins, made in place: the bias taken off, and rotation densification (an empty bin takes
 * the next non-empty bin's value, offset by the distance; no bin filled: all EMPTY). The bins are walked downwards
 * from a filled one, all the way round, so that the next filled bin is always known.
 */
function densify(bins: Int32Array): Uint32Array {
  let first = 0;
  while (first < BINS && bins[first] === FREE) first++;
  if (first === BINS) return new Uint32Array(bins.buffer).fill(0xffffffff);
  let next = first + BINS, value = bins[first] ^ BIAS; // position (unwrapped) and value of the next filled bin
  for (let p = first + BINS - 1; p >= first; p--) {
    const b = p & (BINS - 1);
    if (bins[b] !== FREE) {
      value = bins[b] ^ BIAS;
      bins[b] = value;
      next = p;
    } else {
      // mix(value + d * 0x9e3779b1) with d = next - p: mix reads its argument modulo 2^32
      bins[b] = mix32((value + Math.imul(next - p, 0x9e3779b1)) | 0);
    }
  }
  return new Uint32Array(bins.buffer);
}

/** Fraction of bins where two signatures agree: an estimate of the Jaccard index. */
export function estimate(a: Uint32Array, b: Uint32Array): number {
  return estimate32(asInt32(a), asInt32(b));
}

/** The same 32-bit values read as int32 (no heap number per read; see {@link FREE}). */
const asInt32 = (a: Uint32Array): Int32Array => new Int32Array(a.buffer, a.byteOffset, a.length);

/** {@link estimate} of signatures read as int32. */
function estimate32(a: Int32Array, b: Int32Array): number {
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
  const views = sigs.map((s, i) => {
    if (!s) return null;
    ids.push(i);
    return asInt32(s);
  });
  const out: Array<[number, number]> = [];
  if (ids.length <= EXHAUSTIVE_MAX) {
    for (let x = 0; x < ids.length; x++) {
      for (let y = x + 1; y < ids.length; y++) if (estimate32(views[ids[x]]!, views[ids[y]]!) >= minEstimate) out.push([ids[x], ids[y]]);
    }
    return out;
  }
  const seen = new Set<number>();
  const consider = (a: number, b: number) => {
    const key = a * sigs.length + b;
    if (seen.has(key)) return;
    seen.add(key);
    if (estimate32(views[a]!, views[b]!) >= minEstimate) out.push([a, b]);
  };
  // Buckets of one band: an open-addressing table keyed by the band hash `h` (32 bits) and the band's first value's
  // low 21 bits `l` (both must be equal: a bucket is one key h * 2^21 + l). `head` is a bucket's latest member (an
  // index into ids, -1: free slot), `next` chains each member to the one before it in its bucket.
  let size = 1024;
  while (size < 2 * ids.length) size *= 2;
  const mask = size - 1;
  const slotH = new Int32Array(size), slotL = new Int32Array(size), head = new Int32Array(size);
  const next = new Int32Array(ids.length);
  // bucket keys of every page and band, made page by page: BANDS hashes per page
  const bandHashes = new Int32Array(ids.length * BANDS);
  for (let x = 0; x < ids.length; x++) bandKeys(views[ids[x]]!, bandHashes, x * BANDS);
  for (let band = 0; band < BANDS; band++) {
    head.fill(-1);
    for (let x = 0; x < ids.length; x++) {
      const i = ids[x];
      const h = bandHashes[x * BANDS + band], l = views[i]![band * ROWS] & 0x1fffff;
      let slot = h & mask;
      while (head[slot] !== -1 && (slotH[slot] !== h || slotL[slot] !== l)) slot = (slot + 1) & mask;
      // every earlier member of the bucket pairs with this page (ids ascend: they are below i)
      for (let y = head[slot]; y !== -1; y = next[y]) consider(ids[y], i);
      slotH[slot] = h;
      slotL[slot] = l;
      next[x] = head[slot];
      head[slot] = x;
    }
  }
  return out.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
}

/**
 * The LSH bucket hashes of signature `s` (read as int32), one per band, written as int32 to `out` from `at`: band b's hash is its
 * ROWS values hashed to one number (`mix(imul(h, FNV prime) ^ value)` over the rows, from h = b), and its bucket
 * is that hash with the low 21 bits of the band's first value (a rare collision of the hash only adds a candidate,
 * which the estimate filter and the exact test then judge). {@link mix} is written out here: this runs for every
 * band of every page.
 */
function bandKeys(s: Int32Array, out: Int32Array, at: number): void {
  for (let band = 0; band < BANDS; band++) {
    let h = band;
    for (let r = 0; r < ROWS; r++) {
      h = Math.imul(h, 0x01000193) ^ s[band * ROWS + r];
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
    }
    out[at + band] = h;
  }
}

/**
 * Writes the hashes of the shingles of `text` (whitespace removed), in page order, to `out` (at least `text.length`
 * long) and returns how many there are; 0 when `text` has fewer than {@link SHINGLE} non-space code points.
 */
function shingleHashesInto(text: string, out: Uint32Array): number {
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
    // (no whitespace between U+0021 and U+009F, nor above U+3000 but U+FEFF)
    if (c <= 0x20 || (c >= 0xa0 && c <= 0x3000 && isGap(c)) || c === 0xfeff) continue;
    seen++;
    if (seen >= SHINGLE) {
      // shingleHash of (c0, c1, c), mix written out
      let h = Math.imul(Math.imul(Math.imul(0x9747b28c ^ c0, 0x01000193) ^ c1, 0x01000193) ^ c, 0x01000193);
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
      out[count++] = h;
    }
    c0 = c1;
    c1 = c;
  }
  return count;
}

/**
 * Shingle hashes of `text` (whitespace removed), in page order: the same values as
 * `shingleHashes(squeeze(text))` for n = {@link SHINGLE}, computed in one pass without intermediate arrays.
 */
export function textShingleHashes(text: string): Uint32Array {
  const out = new Uint32Array(Math.max(1, text.length));
  const count = shingleHashesInto(text, out);
  // fewer than SHINGLE code points: one shingle of the whole, or none
  if (count === 0) return shingleHashes(squeeze(text));
  return out.subarray(0, count);
}

/** Scratch space of {@link textSignature}: one page's shingle hashes, grown to the longest page seen. */
let scratch = new Uint32Array(4096);

/**
 * The MinHash signature of `text`'s shingles, `signature(textShingleHashes(text))`, with the hashes written to
 * reused scratch space (no array per page); null when `text` has fewer than `minChars` non-space code points (as
 * {@link squeezedLength} counts them).
 */
export function textSignature(text: string, minChars: number): Uint32Array | null {
  if (scratch.length < text.length) scratch = new Uint32Array(text.length);
  const count = shingleHashesInto(text, scratch);
  // no full shingle: the short-text rule of shingleHashes (one shingle of the whole, or none)
  const hashes = count === 0 ? textShingleHashes(text) : scratch;
  const n = count === 0 ? hashes.length : count;
  return n + SHINGLE - 1 >= minChars ? signature(hashes, n) : null;
}

/** Number of non-space code points of `text` (as {@link squeeze} counts them). */
export function squeezedLength(text: string): number {
  const h = textShingleHashes(text);
  return h.length === 0 ? 0 : h.length + SHINGLE - 1;
}
