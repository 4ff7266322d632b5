/**
 * `pages/duplicate-pass`: finds pages that are passes of the same printed page (anywhere in a dump, in any order)
 * and picks the pass to keep.
 *
 * Grouping (order independent: the same set of pages gives the same groups in any order, but for a tie in
 * similarity between two pairs that step 5 cannot both join):
 * 1. shingles: character 3-grams with all whitespace removed (minhash.ts);
 * 2. candidates: one-permutation MinHash + LSH banding (near-linear: 50,000 pages group in seconds), or every pair
 *    for small dumps;
 * 3. confirmation, exact: the Jaccard index of the two shingle sets must reach the threshold
 *    (`--dedupe-threshold`, default {@link DEFAULT_THRESHOLD}) AND the shared shingles must be spread over the
 *    whole of both pages: every third of each page must have at least {@link PART_MIN} of its shingles in the
 *    other page. Pages that only share a running head or an opening sentence fail the second test unless they
 *    are so short that the head reaches into every third (step 4 is the guard there when they carry folios);
 * 4. page numbers (folio.ts): two OCR passes of one printed page carry the same folio, so a pair whose folios both
 *    read as numbers and none agree (equal, or one with a digit lost at an end: `foliosMatch`) is confirmed only
 *    when its bodies (the pages without their short first and last lines, where running heads and folios live)
 *    are long (≥ {@link OVERRULE_CHARS} non-space code points each) and alike (Jaccard ≥ {@link OVERRULE_JACCARD}
 *    and the spread test). A misread folio on a real page (`72` read `12`) is overruled by the page's text; two
 *    short pages that share a running head and differ in their folios stay apart, however alike the head makes
 *    them look;
 * 5. groups: connected components of the confirmed pairs (union-find), joined strongest pair first, where two
 *    members whose folios disagree may only share a group when their own pair was confirmed (so a pass without a
 *    folio cannot chain two numbered pages into one group).
 * Measured on our corpora: OCR passes of one page score 0.50-0.98 (every third ≥ 0.51), different pages ≤ 0.15;
 * 5 of the 71 true pairs have a misread folio, 3 of which disagree (`17` read `2`, `72` read `12`, `75` read `15`:
 * their bodies score 0.68-0.92, all overruled).
 */
import { foliosDisagree, pageBody, pageFolios } from './folio.js';
import { candidatePairs, squeezedLength, textShingleHashes, textSignature, SHINGLE } from './minhash.js';

export { SHINGLE };

/** Default minimum Jaccard similarity (0..1) of two pages' shingle sets. */
export const DEFAULT_THRESHOLD = 0.35;
/** Minimum share of each third of a page found in the other page. */
export const PART_MIN = 0.2;
/** Pages with fewer non-space characters than this are never grouped (too little evidence). */
export const MIN_CHARS = 12;
/** Folios that disagree are overruled only by bodies of at least this many non-space code points each (~3 printed lines). */
export const OVERRULE_CHARS = 100;
/** ... and only when the bodies' Jaccard index reaches this (or the threshold, when higher). */
export const OVERRULE_JACCARD = 0.5;

/** One member of a group, for the report. */
export interface GroupMember {
  /** Index of the page in its document (0-based, as split). */
  page: number;
  /** File of the page (set when grouping across files). */
  file?: string;
  /** 1-based line of the page's first character in its file. */
  line?: number;
  /** Similarity (Jaccard, 0..1) to the kept pass (1 for the kept pass itself). */
  similarity: number;
  /** Quality score, higher is better. */
  quality: number;
  /** Anomalies found in the pass, by kind. */
  findings?: Record<string, number>;
  kept: boolean;
}

/** A group of passes of one printed page. Page indexes are 0-based indexes into the split document. */
export interface PassGroup {
  members: number[];
  kept: number;
  /** Lowest similarity between the kept page and the others (0..1). */
  similarity: number;
  /** Why the kept pass was chosen. */
  reason: string;
  /** Per-member detail (file, page, line, similarity, quality). */
  detail?: GroupMember[];
}

/** A confirmed set of passes before a pass is chosen. */
export interface RawGroup {
  /** Item indexes, ascending. */
  members: number[];
  /** Exact similarity of every confirmed pair inside the group, keyed `i,j` with i < j. */
  pairs: Map<string, number>;
}

/**
 * Exact comparison of two pages: the Jaccard index of their shingle sets and the spread of what they share (the
 * lowest share, over the three thirds of each page, of shingles found in the other page). Shingles are compared by
 * their 32-bit hashes (a collision among a page's ~1,000 shingles moves the index by about 0.001).
 */
export function compare(a: string, b: string): { jaccard: number; spread: number } {
  return compareShingles(textShingleHashes(a), textShingleHashes(b));
}

/** Scratch table of {@link compareShingles}: slot keys and marks (0: free; bit 1: in page a, bit 2: in page b). */
let tableKeys = new Int32Array(0);
let tableMarks = new Uint8Array(0);

/**
 * {@link compare} of two pages given their shingle hashes in page order ({@link textShingleHashes}, repeats
 * included). The two sets live in one open-addressing table keyed by the hash (hashes are well mixed: their low
 * bits pick the slot), each slot marked with the page(s) that hold its hash.
 */
export function compareShingles(hashesA: Uint32Array, hashesB: Uint32Array): { jaccard: number; spread: number } {
  // the hashes read as int32 (the same bits; no heap number per read in code not optimised yet)
  const la = new Int32Array(hashesA.buffer, hashesA.byteOffset, hashesA.length);
  const lb = new Int32Array(hashesB.buffer, hashesB.byteOffset, hashesB.length);
  let size = 1024;
  while (size < 2 * (la.length + lb.length)) size *= 2;
  if (tableKeys.length < size) {
    tableKeys = new Int32Array(size);
    tableMarks = new Uint8Array(size);
  }
  const keys = tableKeys, marks = tableMarks, mask = size - 1;
  marks.fill(0, 0, size);
  // page b's hashes first (mark 2), counting its distinct ones
  let sb = 0;
  for (let i = 0; i < lb.length; i++) {
    const h = lb[i];
    let s = h & mask;
    while (marks[s] !== 0 && keys[s] !== h) s = (s + 1) & mask;
    if (marks[s] === 0) {
      keys[s] = h;
      marks[s] = 2;
      sb++;
    }
  }
  // then page a's (mark 1): as each is added it is known to be in b or not, per third of a, and new to the set or not
  let sa = 0, inter = 0;
  const hitA = [0, 0, 0];
  const cutA = [Math.floor(la.length / 3), Math.floor((2 * la.length) / 3)];
  for (let i = 0; i < la.length; i++) {
    const h = la[i];
    let s = h & mask;
    while (marks[s] !== 0 && keys[s] !== h) s = (s + 1) & mask;
    const m = marks[s];
    if (m & 2) hitA[i < cutA[0] ? 0 : i < cutA[1] ? 1 : 2]++;
    if ((m & 1) === 0) {
      sa++;
      if (m === 2) inter++;
      keys[s] = h;
      marks[s] = m | 1;
    }
  }
  let spread = 1;
  for (let k = 0; k < 3; k++) {
    const from = Math.floor((k * la.length) / 3), to = Math.floor(((k + 1) * la.length) / 3);
    if (to > from) spread = Math.min(spread, hitA[k] / (to - from));
  }
  // the thirds of b: which of its hashes a holds
  for (let k = 0; k < 3; k++) {
    const from = Math.floor((k * lb.length) / 3), to = Math.floor(((k + 1) * lb.length) / 3);
    if (to <= from) continue;
    let hit = 0;
    for (let i = from; i < to; i++) {
      const h = lb[i];
      let s = h & mask;
      while (keys[s] !== h) s = (s + 1) & mask; // every hash of b is in the table
      if (marks[s] & 1) hit++;
    }
    spread = Math.min(spread, hit / (to - from));
  }
  // a table made for two very long pages is not kept for the next pair
  if (size > 1 << 20) {
    tableKeys = new Int32Array(0);
    tableMarks = new Uint8Array(0);
  }
  const union = sa + sb - inter;
  return { jaccard: union === 0 ? 1 : inter / union, spread };
}

/** A page's MinHash signature, or null when the page is too short to be grouped (fewer than {@link MIN_CHARS}). */
export function pageSignature(text: string): Uint32Array | null {
  return textSignature(text, MIN_CHARS);
}

/** True when two pages are passes of the same printed page by the rules above. */
export function samePage(a: string, b: string, threshold = DEFAULT_THRESHOLD): { same: boolean; similarity: number } {
  const r = judge(compare(a, b), threshold);
  if (r.same && folioVeto(pageFolios(a), pageFolios(b), a, b, threshold)) return { same: false, similarity: r.similarity };
  return r;
}

/**
 * Step 4 for a pair the text tests confirmed: true when its folios (`fa`, `fb`, from {@link pageFolios}) disagree
 * and its bodies do not overrule them ({@link overrulesFolios}), so the pages are not one page.
 */
function folioVeto(fa: readonly number[], fb: readonly number[], a: string, b: string, threshold: number): boolean {
  return foliosDisagree(fa, fb) && !overrulesFolios(a, b, threshold);
}

/**
 * True when the bodies of two pages ({@link pageBody}) are evidence enough that they are one page although their
 * folios disagree: both at least {@link OVERRULE_CHARS} non-space code points, Jaccard ≥ max(threshold,
 * {@link OVERRULE_JACCARD}), and the spread test.
 */
export function overrulesFolios(a: string, b: string, threshold = DEFAULT_THRESHOLD): boolean {
  const ba = pageBody(a), bb = pageBody(b);
  if (squeezedLength(ba) < OVERRULE_CHARS || squeezedLength(bb) < OVERRULE_CHARS) return false;
  const c = compare(ba, bb);
  return c.jaccard >= Math.max(threshold, OVERRULE_JACCARD) && c.spread >= PART_MIN;
}

/** The verdict of {@link samePage} on a comparison. */
function judge(c: { jaccard: number; spread: number }, threshold: number): { same: boolean; similarity: number } {
  return { same: c.jaccard >= threshold && c.spread >= PART_MIN, similarity: c.jaccard };
}

/**
 * Groups the passes among `texts`.
 * @param texts page texts (any order; indexes are kept)
 * @param threshold minimum Jaccard index (0..1)
 * @param given the pages' signatures ({@link pageSignature}), when they were computed elsewhere (worker threads)
 * @returns groups of two or more members, members ascending, groups ordered by their first member
 * @throws RangeError when threshold is outside 0..1, or `given` does not have one signature per page
 */
export function findGroups(texts: readonly string[], threshold = DEFAULT_THRESHOLD, given?: ReadonlyArray<Uint32Array | null>): RawGroup[] {
  if (!(threshold >= 0 && threshold <= 1)) throw new RangeError(`dedupe threshold must be within 0..1, got ${threshold}`);
  const sigs = given ?? texts.map(pageSignature);
  if (sigs.length !== texts.length) throw new RangeError(`${sigs.length} signatures for ${texts.length} pages`);
  // signature estimates have a standard error of about 0.03 at 256 bins: keep a wide margin before the exact test
  const cands = candidatePairs(sigs, Math.max(0, threshold - 0.15));
  const parent = texts.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  // each page's shingles are made once, however many candidate pairs it is in
  const made = new Map<number, Uint32Array>();
  const shinglesOf = (i: number): Uint32Array => {
    let s = made.get(i);
    if (!s) made.set(i, (s = textShingleHashes(texts[i])));
    return s;
  };
  // each page's folios are read once, when it is first in a confirmed pair
  const folios = new Map<number, number[]>();
  const foliosOf = (i: number): number[] => {
    let f = folios.get(i);
    if (!f) folios.set(i, (f = pageFolios(texts[i])));
    return f;
  };
  const confirmed = new Map<string, number>();
  for (const [i, j] of cands) {
    const r = judge(compareShingles(shinglesOf(i), shinglesOf(j)), threshold);
    if (!r.same) continue;
    if (folioVeto(foliosOf(i), foliosOf(j), texts[i], texts[j], threshold)) continue;
    confirmed.set(`${i},${j}`, r.similarity);
  }
  // strongest pair first (ties by index); two components are joined only when no member of one has folios that
  // disagree with a member of the other, unless that very pair was confirmed (it passed the folio test above)
  const order = [...confirmed].map(([key, sim]) => [...key.split(',').map(Number), sim] as [number, number, number]);
  order.sort((p, q) => q[2] - p[2] || p[0] - q[0] || p[1] - q[1]);
  // the members of each component that carry folios (by root; a page not in the map is alone, or has none)
  const numbered = new Map<number, number[]>();
  const numberedOf = (root: number): number[] => numbered.get(root) ?? (foliosOf(root).length ? [root] : []);
  for (const [i, j] of order) {
    const a = find(i), b = find(j);
    if (a === b) continue;
    const na = numberedOf(a), nb = numberedOf(b);
    const clash = na.some((x) => nb.some((y) => foliosDisagree(foliosOf(x), foliosOf(y)) && !confirmed.has(x < y ? `${x},${y}` : `${y},${x}`)));
    if (clash) continue;
    const [root, other] = a < b ? [a, b] : [b, a];
    parent[other] = root;
    // the shorter list joins the longer one (each list is the component's own, or a new one for a lone page)
    const [long, short] = na.length >= nb.length ? [na, nb] : [nb, na];
    for (const x of short) long.push(x);
    numbered.delete(other);
    numbered.set(root, long);
  }
  const byRoot = new Map<number, RawGroup>();
  for (const [key, sim] of confirmed) {
    const [i, j] = key.split(',').map(Number);
    const r = find(i);
    if (find(j) !== r) continue; // a pair whose join was refused
    let g = byRoot.get(r);
    if (!g) byRoot.set(r, (g = { members: [], pairs: new Map() }));
    g.pairs.set(key, sim);
    for (const x of [i, j]) if (!g.members.includes(x)) g.members.push(x);
  }
  const groups = [...byRoot.values()];
  for (const g of groups) g.members.sort((a, b) => a - b);
  return groups.sort((a, b) => a.members[0] - b.members[0]);
}

/** Similarity of two members of a raw group: the confirmed value, else computed exactly. */
export function pairSimilarity(g: RawGroup, texts: readonly string[], i: number, j: number): number {
  const [a, b] = i < j ? [i, j] : [j, i];
  return g.pairs.get(`${a},${b}`) ?? compare(texts[a], texts[b]).jaccard;
}
