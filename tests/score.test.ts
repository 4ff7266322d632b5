import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { align, distance, type Op } from '../src/score/align.js';
import { normalizeForScore } from '../src/score/normalize.js';
import { percent, pieces, score, topConfusions } from '../src/score/score.js';
import { graphemes, words } from '../src/score/units.js';

/** Textbook Levenshtein DP, the reference the fast versions are checked against. */
function naive(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) d.push([i]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}
const ids = (s: string) => Int32Array.from(Array.from(s), (c) => c.codePointAt(0)!);

describe('distance (bit-parallel)', () => {
  it('gives hand-computed distances', () => {
    expect(distance(ids('kitten'), ids('sitting'))).toBe(3);
    expect(distance(ids(''), ids('abc'))).toBe(3);
    expect(distance(ids('abc'), ids(''))).toBe(3);
    expect(distance(ids('flaw'), ids('lawn'))).toBe(2);
    expect(distance(ids('语言模型'), ids('语言摸型'))).toBe(1);
  });
  it('agrees with the textbook DP across block boundaries (patterns of 1..200 symbols)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 200 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 200 }),
        (a, b) => distance(Int32Array.from(a), Int32Array.from(b)) === naive(a, b),
      ),
      { numRuns: 300 },
    );
  });
});

describe('align (Hirschberg)', () => {
  /** Replays an edit script and checks it turns a into b. */
  function replay(a: Int32Array, b: Int32Array, ops: Op[]): number[] {
    const out: number[] = [];
    for (const o of ops) {
      if (o.op === 'match') expect(a[o.a]).toBe(b[o.b]);
      if (o.op === 'sub') expect(a[o.a]).not.toBe(b[o.b]);
      if (o.op !== 'del') out.push(b[o.b]);
    }
    return out;
  }
  it('counts substitutions, deletions and insertions (kitten -> sitting: 2 S, 1 I)', () => {
    expect(align(ids('kitten'), ids('sitting'))).toEqual({ substitutions: 2, deletions: 0, insertions: 1 });
    expect(align(ids('abcd'), ids('acd'))).toEqual({ substitutions: 0, deletions: 1, insertions: 0 });
  });
  it('is optimal and yields a valid script, also on blocks larger than the full-matrix limit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 120 }),
        fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 120 }),
        (x, y) => {
          const a = Int32Array.from(x), b = Int32Array.from(y);
          const ops: Op[] = [];
          const c = align(a, b, (o) => ops.push(o));
          expect(c.substitutions + c.deletions + c.insertions).toBe(naive(x, y));
          expect(replay(a, b, ops)).toEqual(y);
        },
      ),
      { numRuns: 200 },
    );
    // 1500 x 1500 > 2^20 cells: the Hirschberg split is taken
    const rnd = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) % 7;
    const r = rnd(42);
    const a = Int32Array.from({ length: 1500 }, r), b = Int32Array.from({ length: 1400 }, r);
    const ops: Op[] = [];
    const c = align(a, b, (o) => ops.push(o));
    expect(c.substitutions + c.deletions + c.insertions).toBe(distance(a, b));
    expect(replay(a, b, ops)).toEqual(Array.from(b));
  });
  it('stays optimal on long, similar sequences (the diagonal band) and on long, different ones (Hirschberg)', () => {
    const rnd = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16);
    const r = rnd(7);
    // 5000 symbols with about 60 scattered edits: band path
    const a = Int32Array.from({ length: 5000 }, () => r() % 50);
    const bl: number[] = [];
    for (const x of a) {
      const k = r() % 250;
      if (k === 0) continue; // deletion
      if (k === 1) bl.push(x, r() % 50); // insertion
      else if (k === 2) bl.push((x + 1) % 50); // substitution
      else bl.push(x);
    }
    const b = Int32Array.from(bl);
    for (const [x, y] of [[a, b], [b, a]] as const) {
      const ops: Op[] = [];
      const c = align(x, y, (o) => ops.push(o));
      expect(c.substitutions + c.deletions + c.insertions).toBe(distance(x, y));
      expect(replay(x, y, ops)).toEqual(Array.from(y));
    }
    // 4000 x 3900 unrelated symbols: the band (about 3500 wide) would exceed its cap, Hirschberg splits
    const p = Int32Array.from({ length: 4000 }, () => r() % 50), q = Int32Array.from({ length: 3900 }, () => r() % 50);
    const ops: Op[] = [];
    const c = align(p, q, (o) => ops.push(o));
    expect(c.substitutions + c.deletions + c.insertions).toBe(distance(p, q));
    expect(replay(p, q, ops)).toEqual(Array.from(q));
  });
});

describe('units', () => {
  it('counts grapheme clusters, not code points or UTF-16 units', () => {
    expect(graphemes('e\u0301a')).toEqual(['e\u0301', 'a']);
    expect(graphemes('👍🏽x')).toEqual(['👍🏽', 'x']);
    expect(graphemes('汉字ab')).toEqual(['汉', '字', 'a', 'b']);
  });
  it('cuts long texts into pieces without splitting a cluster', () => {
    const t = ('ab e\u0301 ').repeat(300);
    // a, b, space, e + combining acute, space: 5 clusters per repeat
    expect(graphemes(t).length).toBe(300 * 5);
    expect(graphemes(t)).toEqual(Array.from(new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(t), (s) => s.segment));
  });
  it('splits words with the dictionary for Chinese, keeps punctuation, drops spaces', () => {
    const w = words('我们使用 Python 编程。');
    expect(w).toContain('Python');
    expect(w).toContain('。');
    expect(w.every((x) => x.trim().length > 0)).toBe(true);
  });
});

describe('normalizeForScore', () => {
  it('applies NFC, LF line ends and drops trailing whitespace', () => {
    expect(normalizeForScore('e\u0301\r\nx \n\n')).toBe('é\nx');
  });
  it('applies named normalizers in order and rejects unknown names', () => {
    expect(normalizeForScore('中文 ABC 中文，好。', ['cjk-latin-space', 'punct-width'])).toBe('中文ABC中文,好.');
    expect(normalizeForScore('a\n\n\nb', ['blank-lines'])).toBe('a\nb');
    expect(normalizeForScore('\u3000\u3000段落', ['indent'])).toBe('段落');
    expect(() => normalizeForScore('x', ['bogus'])).toThrow(/unknown normalizer "bogus"/);
  });
});

describe('score', () => {
  it('computes CER and edit counts by hand: one substitution in 10 characters is 10.00%', () => {
    const s = score('大语言模型的发展很快', '大语言摸型的发展很快');
    expect(s.cer).toEqual({ errors: 1, total: 10, substitutions: 1, deletions: 0, insertions: 0 });
    expect(percent(s.cer)).toBe('10.00%');
    expect(topConfusions(s)).toEqual([{ gold: '模', candidate: '摸', count: 1 }]);
  });
  it('counts an inserted space as an error, and not in the whitespace-free CER', () => {
    // gold: 3 Han + 1 space + 3 Latin = 7 units
    const s = score('大模型 GPT', '大 模型 GPT');
    expect(s.cer).toMatchObject({ errors: 1, total: 7, insertions: 1 });
    expect(s.cerNoSpace).toEqual({ errors: 0, total: 6 });
    expect(topConfusions(s)).toEqual([{ gold: '', candidate: ' ', count: 1 }]);
  });
  it('computes WER over words: one of three words wrong', () => {
    const s = score('alpha beta gamma', 'alpha beto gamma');
    expect(s.wer).toEqual({ errors: 1, total: 3 });
    expect(s.cer).toMatchObject({ errors: 1, total: 16 });
    expect(s.cerNoSpace).toBeUndefined(); // no Han in the gold text
  });
  it('aligns line by line when both texts have as many lines, and sums', () => {
    const s = score('abc\ndef\n', 'abx\ndf');
    expect(s.pieces).toEqual({ gold: 2, candidate: 2, paired: true });
    expect(s.cer).toMatchObject({ errors: 2, total: 7, substitutions: 1, deletions: 1 });
  });
  it('anchors identical lines when the line counts differ (an extra line is 4 insertions)', () => {
    const s = score('one\ntwo\nthree', 'one\nxyz\ntwo\nthree');
    expect(s.pieces.paired).toBe(false);
    expect(s.cer).toMatchObject({ errors: 4, insertions: 4 });
    expect(s.cer.errors).toBe(distance(ids('one\ntwo\nthree'), ids('one\nxyz\ntwo\nthree')));
  });
  it('splits pages at form feeds', () => {
    const s = score('page one\fpage two', 'page one\fpage tw0');
    expect(s.pieces).toEqual({ gold: 2, candidate: 2, paired: true });
    expect(s.cer.errors).toBe(1);
  });
  it('scores identical texts as 0.00% and counts graphemes, not code points', () => {
    expect(percent(score('e\u0301e\u0301', 'e\u0301e\u0301').cer)).toBe('0.00%');
    const g = score('e\u0301x', 'ex', { normalize: [] });
    // NFC makes é one code point: é -> e is one substitution in 2 characters
    expect(g.cer).toMatchObject({ errors: 1, total: 2, substitutions: 1 });
    const cp = score('\u0915\u093F', '\u0915', { unit: 'codepoint' }); // Devanagari ki: 2 code points, 1 cluster
    expect(cp.cer).toMatchObject({ errors: 1, total: 2 });
    expect(score('\u0915\u093F', '\u0915').cer).toMatchObject({ errors: 1, total: 1 });
  });
  it('splits texts into pieces that keep their terminators', () => {
    expect(pieces('a\nb\n', '\n')).toEqual(['a\n', 'b\n']);
    expect(pieces('a\nb', '\n')).toEqual(['a\n', 'b']);
    expect(pieces('', '\n')).toEqual(['']);
  });
});
