/**
 * Scoring a candidate text against a gold (true) text: character error rate (CER) and word error rate (WER) with
 * edit counts and the most frequent confusions, in the manner of dinglehopper (units: grapheme clusters after
 * NFC), but aligned piece by piece so that memory stays bounded on long documents.
 *
 * Alignment plan: both texts are cut into pieces (pages at form feeds when either text has one, else lines), each
 * piece keeping its terminator, so the pieces concatenate to the whole text. With as many pieces on both sides,
 * piece i is aligned with piece i. Otherwise the pieces are first matched by a line diff (identical pieces are
 * anchors, cost 0) and each run of differing pieces between anchors is aligned as one block. Within a piece or
 * block the alignment is exact (align.ts: O(n·m) time, O(n + m) memory). The total is therefore the exact
 * Levenshtein distance when pieces correspond (the usual case: a page or a line of OCR against its truth) and an
 * upper bound of it otherwise; `segment: 'whole'` aligns the texts whole (exact, quadratic time).
 *
 * Rates: errors / units in the gold text (a rate can exceed 100% when the candidate is much longer).
 */
import { lazyRequire } from '../io/lazy.js';
import { align, distance } from './align.js';
import { normalizeForScore } from './normalize.js';
import { encode, isSpace, SymbolTable, units, words, type CharUnit } from './units.js';

/** The diff library (CommonJS build), loaded when pieces are first matched. */
const diffLib = lazyRequire<typeof import('diff')>('diff');

/** An error rate with its parts. `rate = errors / total` (0 when total is 0 and errors is 0). */
export interface Measure {
  errors: number;
  /** Units (characters or words) in the gold text. */
  total: number;
  substitutions?: number;
  deletions?: number;
  insertions?: number;
}

/** One confusion: gold unit(s) `gold` became `candidate` (`''` on one side: deleted or inserted). */
export interface Confusion {
  gold: string;
  candidate: string;
  count: number;
}

/** The score of one candidate. */
export interface Score {
  /** Character error rate over grapheme clusters (or code points). */
  cer: Measure;
  /** CER with every whitespace unit removed from both texts; set when the gold text contains Han characters. */
  cerNoSpace?: Measure;
  /** Word error rate (Intl.Segmenter words; whitespace is no word, punctuation is). */
  wer: Measure;
  /** Counts of every confusion, keyed `gold\u0000candidate`; see {@link topConfusions}. */
  confusions: Map<string, number>;
  /** How the texts were cut: pieces on each side and whether they were paired one to one. */
  pieces: { gold: number; candidate: number; paired: boolean };
}

export interface ScoreOptions {
  /** What a character is. Default `grapheme`. */
  unit?: CharUnit;
  /** How to cut the texts for alignment. Default `auto` (form feeds if present, else lines). */
  segment?: 'auto' | 'formfeed' | 'line' | 'whole';
  /** Normalizers (scoring.json names) applied to both texts. */
  normalize?: readonly string[];
  /** Compute the CER with whitespace ignored: `auto` (default) when the gold text contains Han characters. */
  noSpace?: boolean | 'auto';
}

export const rate = (m: Measure): number => (m.total === 0 ? (m.errors === 0 ? 0 : 1) : m.errors / m.total);
/** `2.91%`: a rate as a percentage with two decimals. */
export const percent = (m: Measure): string => `${(100 * rate(m)).toFixed(2)}%`;

/** Cuts `text` into pieces that keep their terminator (`\n` or `\f`). */
export function pieces(text: string, sep: '\n' | '\f' | null): string[] {
  if (sep === null || text.length === 0) return [text];
  const out: string[] = [];
  let pos = 0;
  for (let i = text.indexOf(sep); i >= 0; i = text.indexOf(sep, pos)) {
    out.push(text.slice(pos, i + 1));
    pos = i + 1;
  }
  if (pos < text.length || out.length === 0) out.push(text.slice(pos));
  return out;
}

/** Pairs of gold/candidate blocks to align: one-to-one pieces, or anchored runs of a piece diff. */
function blocks(g: string[], c: string[]): { pairs: Array<[string, string]>; paired: boolean } {
  if (g.length === c.length) return { pairs: g.map((x, i) => [x, c[i]]), paired: true };
  const diff = diffLib().diffArrays(g, c, { maxEditLength: 20_000 });
  if (!diff) return { pairs: [[g.join(''), c.join('')]], paired: false };
  const pairs: Array<[string, string]> = [];
  let gold = '', cand = '';
  for (const part of diff) {
    if (part.removed) gold += part.value.join('');
    else if (part.added) cand += part.value.join('');
    else {
      if (gold || cand) pairs.push([gold, cand]);
      gold = cand = '';
      for (const v of part.value) pairs.push([v, v]);
    }
  }
  if (gold || cand) pairs.push([gold, cand]);
  return { pairs, paired: false };
}

/**
 * Scores `candidate` against `gold`.
 * @param gold the true text
 * @param candidate the text to judge
 * @throws Error for an unknown normalizer name
 */
export function score(gold: string, candidate: string, opts: ScoreOptions = {}): Score {
  const unit = opts.unit ?? 'grapheme';
  const g = normalizeForScore(gold, opts.normalize);
  const c = normalizeForScore(candidate, opts.normalize);
  const mode = opts.segment ?? 'auto';
  const sep = mode === 'whole' ? null : mode === 'formfeed' || (mode === 'auto' && (g.includes('\f') || c.includes('\f'))) ? '\f' : '\n';
  const gp = pieces(g, sep), cp = pieces(c, sep);
  const { pairs, paired } = blocks(gp, cp);
  const noSpace = opts.noSpace === 'auto' || opts.noSpace === undefined ? /\p{Script=Han}/u.test(g) : opts.noSpace;

  const cer: Measure = { errors: 0, total: 0, substitutions: 0, deletions: 0, insertions: 0 };
  const cerNs: Measure = { errors: 0, total: 0 };
  const wer: Measure = { errors: 0, total: 0 };
  const confusions = new Map<string, number>();
  const bump = (k: string) => confusions.set(k, (confusions.get(k) ?? 0) + 1);
  for (const [gt, ct] of pairs) {
    const gu = units(gt, unit), cu = units(ct, unit);
    cer.total += gu.length;
    if (gt === ct) {
      if (noSpace) cerNs.total += gu.filter((u) => !isSpace(u)).length;
      wer.total += words(gt).length;
      continue;
    }
    const table = new SymbolTable();
    const ga = encode(gu, table), ca = encode(cu, table);
    const counts = align(ga, ca, (op) => {
      if (op.op === 'sub') bump(`${gu[op.a]}\u0000${cu[op.b]}`);
      else if (op.op === 'del') bump(`${gu[op.a]}\u0000`);
      else if (op.op === 'ins') bump(`\u0000${cu[op.b]}`);
    });
    cer.substitutions! += counts.substitutions;
    cer.deletions! += counts.deletions;
    cer.insertions! += counts.insertions;
    cer.errors += counts.substitutions + counts.deletions + counts.insertions;
    if (noSpace) {
      const gn = gu.filter((u) => !isSpace(u)), cn = cu.filter((u) => !isSpace(u));
      cerNs.total += gn.length;
      cerNs.errors += distance(encode(gn, table), encode(cn, table));
    }
    const wt = new SymbolTable();
    const gw = words(gt);
    wer.total += gw.length;
    wer.errors += distance(encode(gw, wt), encode(words(ct), wt));
  }
  return {
    cer, wer, confusions,
    ...(noSpace ? { cerNoSpace: cerNs } : {}),
    pieces: { gold: gp.length, candidate: cp.length, paired },
  };
}

/** Adds `s` into `into` (for totals over files). */
export function addScore(into: Score, s: Score): void {
  const add = (a: Measure, b: Measure) => {
    a.errors += b.errors;
    a.total += b.total;
    for (const k of ['substitutions', 'deletions', 'insertions'] as const) if (b[k] !== undefined) a[k] = (a[k] ?? 0) + b[k]!;
  };
  add(into.cer, s.cer);
  add(into.wer, s.wer);
  if (s.cerNoSpace) add((into.cerNoSpace ??= { errors: 0, total: 0 }), s.cerNoSpace);
  for (const [k, v] of s.confusions) into.confusions.set(k, (into.confusions.get(k) ?? 0) + v);
  into.pieces.gold += s.pieces.gold;
  into.pieces.candidate += s.pieces.candidate;
  into.pieces.paired &&= s.pieces.paired;
}

/** An empty score to sum into. */
export const emptyScore = (): Score => ({
  cer: { errors: 0, total: 0, substitutions: 0, deletions: 0, insertions: 0 },
  wer: { errors: 0, total: 0 },
  confusions: new Map(),
  pieces: { gold: 0, candidate: 0, paired: true },
});

/** The `n` most frequent confusions, most frequent first (ties in code point order of gold, then candidate). */
export function topConfusions(s: Score, n = 10): Confusion[] {
  return [...s.confusions.entries()]
    .map(([k, count]) => {
      const [gold, candidate] = k.split('\u0000');
      return { gold, candidate, count };
    })
    .sort((a, b) => b.count - a.count || (a.gold < b.gold ? -1 : a.gold > b.gold ? 1 : a.candidate < b.candidate ? -1 : a.candidate > b.candidate ? 1 : 0))
    .slice(0, n);
}
