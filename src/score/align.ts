/**
 * Edit distance and alignment over sequences of symbol ids (Int32Array; what a symbol is, a grapheme cluster, a
 * code point or a word, is decided by the caller, see units.ts).
 *
 * - {@link distance}: Levenshtein distance only, bit-parallel (Myers 1999 in Hyyrö's 2003 block form, as in
 *   rapidfuzz and edlib): O(⌈m/32⌉·n) word operations, O(m) memory.
 * - {@link align}: the edit script (matches, substitutions, deletions, insertions): a full matrix for small
 *   blocks; for larger ones Ukkonen's band around the diagonal (O(n·d), d from the bit-parallel distance); when
 *   even the band is large, Hirschberg's divide and conquer over linear-space DP rows (O(n·m) time, O(n + m)
 *   memory). Callers keep n and m to a page (score.ts aligns page by page or line by line).
 *
 * Costs are unit: insertion, deletion and substitution cost 1 each.
 */

/** Edit counts of an alignment. `distance = substitutions + deletions + insertions`. */
export interface EditCounts {
  substitutions: number;
  deletions: number;
  insertions: number;
}

/** One operation of an edit script, in order. `a` positions index the gold side, `b` the candidate side. */
export type Op =
  | { op: 'match' | 'sub'; a: number; b: number }
  | { op: 'del'; a: number }
  | { op: 'ins'; b: number };

/**
 * Levenshtein distance of `a` and `b`.
 * @param a symbol ids (any 32-bit integers)
 * @param b symbol ids
 * @returns the minimal number of insertions, deletions and substitutions turning `a` into `b`
 */
export function distance(a: Int32Array, b: Int32Array): number {
  // trim the common prefix and suffix: cheap and frequent (mostly-correct OCR)
  let s = 0;
  let ea = a.length, eb = b.length;
  while (s < ea && s < eb && a[s] === b[s]) s++;
  while (ea > s && eb > s && a[ea - 1] === b[eb - 1]) { ea--; eb--; }
  let p = a.subarray(s, ea), t = b.subarray(s, eb);
  if (p.length > t.length) [p, t] = [t, p]; // the shorter one is the bit-vector side
  const m = p.length, n = t.length;
  if (m === 0) return n;
  const words = (m + 31) >>> 5;
  // Peq: for each symbol, the bit mask of its positions in p
  const peq = new Map<number, Int32Array>();
  for (let i = 0; i < m; i++) {
    let v = peq.get(p[i]);
    if (!v) peq.set(p[i], (v = new Int32Array(words)));
    v[i >>> 5] |= 1 << (i & 31);
  }
  const zero = new Int32Array(words);
  const VP = new Int32Array(words).fill(-1);
  const VN = new Int32Array(words);
  const last = 1 << ((m - 1) & 31);
  let dist = m;
  for (let j = 0; j < n; j++) {
    const pm = peq.get(t[j]) ?? zero;
    let hpCarry = 1, hnCarry = 0;
    for (let w = 0; w < words; w++) {
      const vp = VP[w], vn = VN[w];
      const x = pm[w] | hnCarry;
      const d0 = ((((x & vp) + vp) ^ vp) | x | vn);
      let hp = vn | ~(d0 | vp);
      let hn = d0 & vp;
      const hpIn = hpCarry, hnIn = hnCarry;
      if (w < words - 1) {
        hpCarry = hp >>> 31;
        hnCarry = hn >>> 31;
      } else {
        hpCarry = (hp & last) !== 0 ? 1 : 0;
        hnCarry = (hn & last) !== 0 ? 1 : 0;
      }
      hp = (hp << 1) | hpIn;
      hn = (hn << 1) | hnIn;
      VP[w] = hn | ~(d0 | hp);
      VN[w] = hp & d0;
    }
    dist += hpCarry - hnCarry;
  }
  return dist;
}

/** Blocks with at most this many DP cells are solved with a full matrix and a traceback. */
const FULL_MATRIX_CELLS = 1 << 20;

/**
 * An optimal edit script turning `a` into `b` (ties: match or substitution first, then deletion, then insertion).
 * @param onOp called once per operation, in order (so callers can count without keeping the script)
 * @returns the edit counts
 */
export function align(a: Int32Array, b: Int32Array, onOp?: (op: Op) => void): EditCounts {
  const counts: EditCounts = { substitutions: 0, deletions: 0, insertions: 0 };
  const emit = (op: Op) => {
    if (op.op === 'sub') counts.substitutions++;
    else if (op.op === 'del') counts.deletions++;
    else if (op.op === 'ins') counts.insertions++;
    onOp?.(op);
  };
  // rows for the linear-space passes, sized once
  const fwd = new Int32Array(b.length + 1);
  const bwd = new Int32Array(b.length + 1);

  const solve = (a0: number, a1: number, b0: number, b1: number): void => {
    // common prefix and suffix are matches
    while (a0 < a1 && b0 < b1 && a[a0] === b[b0]) emit({ op: 'match', a: a0++, b: b0++ });
    let sa = a1, sb = b1;
    while (sa > a0 && sb > b0 && a[sa - 1] === b[sb - 1]) { sa--; sb--; }
    const tail = () => { for (let k = 0; k < a1 - sa; k++) emit({ op: 'match', a: sa + k, b: sb + k }); };
    const n = sa - a0, m = sb - b0;
    if (n === 0 || m === 0) {
      for (let i = a0; i < sa; i++) emit({ op: 'del', a: i });
      for (let j = b0; j < sb; j++) emit({ op: 'ins', b: j });
    } else if ((n + 1) * (m + 1) <= FULL_MATRIX_CELLS || n === 1) {
      fullMatrix(a, b, a0, sa, b0, sb, emit);
    } else if (!banded(a, b, a0, sa, b0, sb, emit)) {
      const mid = a0 + (n >> 1);
      forwardRow(a, b, a0, mid, b0, sb, fwd);
      backwardRow(a, b, mid, sa, b0, sb, bwd);
      // fwd[k] = cost(a[a0:mid], b[b0:b0+k]); bwd[k] = cost(a[mid:sa], b[b0+k:sb])
      let best = 0, bestCost = Infinity;
      for (let k = 0; k <= m; k++) {
        const c = fwd[k] + bwd[k];
        if (c < bestCost) { bestCost = c; best = k; }
      }
      solve(a0, mid, b0, b0 + best);
      solve(mid, sa, b0 + best, sb);
    }
    tail();
  };
  solve(0, a.length, 0, b.length);
  return counts;
}

/** Banded blocks with at most this many cells are solved in one piece (16 MB of Int32). */
const BAND_CELLS = 1 << 22;

/**
 * Ukkonen's band: with d = distance(a[a0:a1], b[b0:b1]) known (bit-parallel, cheap), an optimal path only visits
 * diagonals k = j - i with |k| + |k - (m - n)| <= d, so the matrix is filled in that band only: O(n·d) time and
 * memory instead of O(n·m). For a page of OCR against its truth d is small and this is fast.
 * @returns false (and emits nothing) when the band would exceed {@link BAND_CELLS}
 */
function banded(
  a: Int32Array, b: Int32Array, a0: number, a1: number, b0: number, b1: number, emit: (op: Op) => void,
): boolean {
  const n = a1 - a0, m = b1 - b0;
  const d = distance(a.subarray(a0, a1), b.subarray(b0, b1));
  const lo = Math.ceil((m - n - d) / 2), hi = Math.floor((m - n + d) / 2);
  const w = hi - lo + 1;
  if ((n + 1) * w > BAND_CELLS) return false;
  const INF = 0x3fffffff;
  const D = new Int32Array((n + 1) * w).fill(INF);
  // cell (i, j) lives at i*w + (j - i - lo) when lo <= j - i <= hi
  const at = (i: number, j: number) => (j - i < lo || j - i > hi || j < 0 || j > m ? -1 : i * w + (j - i - lo));
  for (let j = Math.max(0, lo); j <= Math.min(m, hi); j++) D[at(0, j)] = j;
  for (let i = 1; i <= n; i++) {
    const ai = a[a0 + i - 1];
    const jFrom = Math.max(0, i + lo), jTo = Math.min(m, i + hi);
    for (let j = jFrom; j <= jTo; j++) {
      const x = i * w + (j - i - lo);
      if (j === 0) { D[x] = i; continue; }
      // diagonal (i-1, j-1) sits at the same band offset one row up; up (i-1, j) one further right; left (i, j-1) one to the left
      const diag = D[x - w] + (ai === b[b0 + j - 1] ? 0 : 1);
      const up = j - i + 1 <= hi ? D[x - w + 1] + 1 : INF;
      const left = j - 1 - i >= lo ? D[x - 1] + 1 : INF;
      D[x] = diag < up ? (diag < left ? diag : left) : up < left ? up : left;
    }
  }
  const ops: Op[] = [];
  let i = n, j = m;
  while (i > 0 || j > 0) {
    const here = D[at(i, j)];
    if (i > 0 && j > 0) {
      const same = a[a0 + i - 1] === b[b0 + j - 1];
      const p = at(i - 1, j - 1);
      if (p >= 0 && here === D[p] + (same ? 0 : 1)) {
        ops.push({ op: same ? 'match' : 'sub', a: a0 + i - 1, b: b0 + j - 1 });
        i--; j--;
        continue;
      }
    }
    const u = i > 0 ? at(i - 1, j) : -1;
    if (u >= 0 && here === D[u] + 1) {
      ops.push({ op: 'del', a: a0 + i - 1 });
      i--;
    } else {
      ops.push({ op: 'ins', b: b0 + j - 1 });
      j--;
    }
  }
  for (let x = ops.length - 1; x >= 0; x--) emit(ops[x]);
  return true;
}

/** out[k] = distance(a[a0:a1], b[b0:b0+k]) for k in 0..b1-b0. */
function forwardRow(a: Int32Array, b: Int32Array, a0: number, a1: number, b0: number, b1: number, out: Int32Array): void {
  const m = b1 - b0;
  for (let k = 0; k <= m; k++) out[k] = k;
  for (let i = a0; i < a1; i++) {
    let diag = out[0];
    out[0] = i - a0 + 1;
    const ai = a[i];
    for (let k = 1; k <= m; k++) {
      const up = out[k];
      const sub = diag + (ai === b[b0 + k - 1] ? 0 : 1);
      const del = up + 1, ins = out[k - 1] + 1;
      out[k] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
      diag = up;
    }
  }
}

/** out[k] = distance(a[a0:a1], b[b0+k:b1]) for k in 0..b1-b0 (computed from the end). */
function backwardRow(a: Int32Array, b: Int32Array, a0: number, a1: number, b0: number, b1: number, out: Int32Array): void {
  const m = b1 - b0;
  for (let k = m; k >= 0; k--) out[k] = m - k;
  for (let i = a1 - 1; i >= a0; i--) {
    let diag = out[m];
    out[m] = a1 - i;
    const ai = a[i];
    for (let k = m - 1; k >= 0; k--) {
      const down = out[k];
      const sub = diag + (ai === b[b0 + k] ? 0 : 1);
      const del = down + 1, ins = out[k + 1] + 1;
      out[k] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
      diag = down;
    }
  }
}

/** Full DP matrix with traceback for a small block (or a single row). */
function fullMatrix(
  a: Int32Array, b: Int32Array, a0: number, a1: number, b0: number, b1: number, emit: (op: Op) => void,
): void {
  const n = a1 - a0, m = b1 - b0, w = m + 1;
  const d = new Int32Array((n + 1) * w);
  for (let k = 0; k <= m; k++) d[k] = k;
  for (let i = 1; i <= n; i++) {
    const row = i * w, prev = row - w, ai = a[a0 + i - 1];
    d[row] = i;
    for (let k = 1; k <= m; k++) {
      const sub = d[prev + k - 1] + (ai === b[b0 + k - 1] ? 0 : 1);
      const del = d[prev + k] + 1, ins = d[row + k - 1] + 1;
      d[row + k] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
  }
  const ops: Op[] = [];
  let i = n, k = m;
  while (i > 0 || k > 0) {
    const here = d[i * w + k];
    if (i > 0 && k > 0) {
      const same = a[a0 + i - 1] === b[b0 + k - 1];
      if (here === d[(i - 1) * w + k - 1] + (same ? 0 : 1)) {
        ops.push({ op: same ? 'match' : 'sub', a: a0 + i - 1, b: b0 + k - 1 });
        i--; k--;
        continue;
      }
    }
    if (i > 0 && here === d[(i - 1) * w + k] + 1) {
      ops.push({ op: 'del', a: a0 + i - 1 });
      i--;
    } else {
      ops.push({ op: 'ins', b: b0 + k - 1 });
      k--;
    }
  }
  for (let x = ops.length - 1; x >= 0; x--) emit(ops[x]);
}
