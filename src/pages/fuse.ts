/**
 * `--fuse`: fuses the passes of one printed page. The kept pass is the base; each other pass is aligned with it
 * page by page (banded edit-distance alignment over code points: O(n x band), never a whole document), and at each
 * spot where they disagree (a short run of differing characters between agreeing ones) the variant with fewer
 * anomalies in its neighbourhood wins (the same evidence that chooses the kept pass: rule findings, OCR symptoms,
 * lookalike characters). A tie keeps the base. Every fused spot is an edit on the base page.
 * Units: edits are UTF-16 offsets into the base page text.
 */
import type { Edit } from '../types.js';

/** Half-width of the alignment band, in code points, beyond the length difference of the two texts. */
export const BAND = 64;
/** Longest disagreement (code points on either side) that fusion considers. */
export const MAX_SPOT = 8;
/** Context (code points) on each side used to score a variant. */
export const CONTEXT = 12;

const HAN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/** The character classes of a string, whitespace ignored: C (CJK), L (Latin letter or digit), P (anything else). */
export function shape(text: string): string {
  let out = '';
  for (const ch of text.replace(/\s+/gu, '')) out += HAN.test(ch) ? 'C' : /[A-Za-z0-9]/u.test(ch) ? 'L' : 'P';
  return out;
}

/** One aligned step: both sides' code point index ranges. */
type Op = 'eq' | 'sub' | 'del' | 'ins';

/**
 * Banded alignment of code point arrays `a` and `b`.
 * @returns the operations from start to end (`del` consumes a, `ins` consumes b)
 */
export function align(a: readonly string[], b: readonly string[], band = BAND): Op[] {
  const n = a.length, m = b.length;
  const w = band + Math.abs(n - m);
  const width = 2 * w + 1;
  const INF = 1 << 29;
  const cost = new Int32Array((n + 1) * width).fill(INF);
  const back = new Uint8Array((n + 1) * width);
  const idx = (i: number, j: number) => i * width + (j - i + w);
  const inBand = (i: number, j: number) => j >= 0 && j <= m && Math.abs(j - i) <= w;
  cost[idx(0, 0)] = 0;
  for (let j = 1; j <= Math.min(m, w); j++) {
    cost[idx(0, j)] = j;
    back[idx(0, j)] = 3;
  }
  for (let i = 1; i <= n; i++) {
    for (let j = Math.max(0, i - w); j <= Math.min(m, i + w); j++) {
      let best = INF, op = 0;
      if (j > 0 && inBand(i - 1, j - 1)) {
        const c = cost[idx(i - 1, j - 1)] + (a[i - 1] === b[j - 1] ? 0 : 1);
        if (c < best) (best = c), (op = a[i - 1] === b[j - 1] ? 0 : 1);
      }
      if (inBand(i - 1, j)) {
        const c = cost[idx(i - 1, j)] + 1;
        if (c < best) (best = c), (op = 2);
      }
      if (j > 0 && inBand(i, j - 1)) {
        const c = cost[idx(i, j - 1)] + 1;
        if (c < best) (best = c), (op = 3);
      }
      cost[idx(i, j)] = best;
      back[idx(i, j)] = op;
    }
  }
  const ops: Op[] = [];
  let i = n, j = m;
  while (i > 0 || j > 0) {
    const op = back[idx(i, j)];
    if (i === 0 || op === 3) {
      ops.push('ins');
      j--;
    } else if (op === 2 || j === 0) {
      ops.push('del');
      i--;
    } else {
      ops.push(op === 0 ? 'eq' : 'sub');
      i--;
      j--;
    }
  }
  return ops.reverse();
}

/** A spot where two passes disagree: code point ranges [aFrom, aTo) of the base and [bFrom, bTo) of the other. */
export interface Spot {
  aFrom: number;
  aTo: number;
  bFrom: number;
  bTo: number;
}

/** The disagreement spots of an alignment. */
export function spots(ops: readonly Op[]): Spot[] {
  const out: Spot[] = [];
  let i = 0, j = 0;
  let cur: Spot | null = null;
  for (const op of ops) {
    if (op === 'eq') {
      if (cur) out.push(cur), (cur = null);
      i++;
      j++;
      continue;
    }
    cur ??= { aFrom: i, aTo: i, bFrom: j, bTo: j };
    if (op !== 'ins') i++;
    if (op !== 'del') j++;
    cur.aTo = i;
    cur.bTo = j;
  }
  if (cur) out.push(cur);
  return out;
}

/**
 * Fuses `base` with the `others` passes.
 * @param anomalies number of anomalies in a short text (lower is better); called on both variants of each spot
 * @returns edits on `base` (UTF-16 offsets), sorted and non-overlapping, each naming the pass it came from
 */
export function fuse(base: string, others: ReadonlyArray<{ text: string; name: string }>, anomalies: (text: string) => number): Edit[] {
  const a = Array.from(base);
  const offs: number[] = [];
  let o = 0;
  for (const ch of a) offs.push(o), (o += ch.length);
  offs.push(o);
  const taken: Edit[] = [];
  const claimed = new Uint8Array(a.length + 1);
  for (const other of others) {
    const b = Array.from(other.text);
    for (const s of spots(align(a, b))) {
      if (s.aTo - s.aFrom > MAX_SPOT || s.bTo - s.bFrom > MAX_SPOT) continue;
      const mine = a.slice(s.aFrom, s.aTo).join(''), theirs = b.slice(s.bFrom, s.bTo).join('');
      // whitespace-only differences are layout, not reading: leave them to the spacing rules
      if (mine.replace(/\s+/gu, '') === theirs.replace(/\s+/gu, '')) continue;
      // a reading is replaced only by one of the same shape (CJK for CJK, Latin for Latin, marks for marks):
      // a CJK word swapped for Latin letters is a misread in one pass, not a better reading
      if (shape(mine) !== shape(theirs)) continue;
      let busy = false;
      for (let k = s.aFrom; k <= s.aTo; k++) if (claimed[k]) busy = true;
      if (busy) continue;
      const left = a.slice(Math.max(0, s.aFrom - CONTEXT), s.aFrom).join('');
      const right = a.slice(s.aTo, s.aTo + CONTEXT).join('');
      const before = anomalies(left + mine + right), after = anomalies(left + theirs + right);
      if (after >= before) continue;
      for (let k = s.aFrom; k <= s.aTo; k++) claimed[k] = 1;
      taken.push({
        start: offs[s.aFrom], end: offs[s.aTo], text: theirs, rule: 'pages/duplicate-pass', level: 'fix',
        message: `fused: ${JSON.stringify(mine)} -> ${JSON.stringify(theirs)} from ${other.name} (anomalies ${before} -> ${after})`,
      });
    }
  }
  return taken.sort((x, y) => x.start - y.start);
}

