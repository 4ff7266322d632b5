// Oracle for tests/properties-script.test.ts: script/confusable as it was before its fast paths (commit 5fddd88).
// Not used by the program.
/**
 * `script/confusable`: a CJK character that OCR misread as a visually similar one (`通现能力` for `涌现能力`),
 * judged with a word-frequency lexicon.
 *
 * Data: the confusable sets of rules/confusables.txt (or `ctx.data.confusables`, a {@link ConfusableTable}); the
 * lexicon is jieba's dictionary with its word frequencies (src/script/lexicon.ts), read on first use.
 *
 * Method, per character `c` of a confusable set, inside a run of Han characters:
 * 1. quick filter: some alternative `a` makes a dictionary word of 2-4 characters with its neighbours, with
 *    frequency >= {@link MIN_WORD_FREQ}, not a proper name;
 * 2. both readings of a window of {@link WINDOW} characters on each side are segmented by a unigram model over
 *    the lexicon (jieba's maximum-probability path: log(freq/total) per word, frequency 1 for an unknown
 *    character), giving log-probabilities S(c) and S(a);
 * 3. the alternative is proposed when, in its best path, `a` lies inside a word of 2+ characters that is not a
 *    proper name; in the original's best path `c` is a word of its own, or lies in a word of the same span at
 *    least {@link WORD_RATIO} times rarer than the alternative's (`自已` is in jieba's list as a typo, 263
 *    against `自己` 90 933; but `密钥对` never becomes `密针对`: 密钥 is a word of another span); `c` is not inside a
 *    proper name; and the gain S(a) - S(c) >= ln {@link SUGGEST_GAIN}. Findings whose words overlap compete and
 *    the larger gain wins.
 * Calibration (gain = natural log of the likelihood ratio): on the gold and clean pages of the shared corpora no
 * finding at all down to gain 2; on 340 kB of clean technical sentences (the bench pool) the largest false
 * finding had gain 4.4 (`太多` -> `大多`: both readings are common) except one of gain 9.4 (`秘钥对` -> `秘针对`:
 * 秘钥 is a word the lexicon lacks, so 钥 looked stranded); true findings on the noisy passes range 3.6-11.8.
 * Hence SUGGEST_GAIN = 100 (gain 4.6) and FIX_GAIN = 3000 (gain 8.0). Known weak spot: a word missing from
 * jieba's dictionary that holds a confusable character; this is why `fix` needs the user's opt-in.
 * Confidence: the gain is the log-likelihood ratio of the two readings. Edits are `suggest`; an edit with gain
 * >= ln {@link FIX_GAIN} (and an alternative word of frequency >= {@link FIX_MIN_FREQ}) has level `fix`, which
 * applies only when the user raises the rule: `--rule script/confusable=fix`.
 * Edits replace the alternative word's span (UTF-16 offsets), e.g. `通现` -> `涌现`; the message quotes the
 * words around it. Text inside protected spans and the user's `ignore` terms is never edited (the runner drops
 * such edits); sentences with kana (Japanese) are skipped.
 *
 * Source: observed OCR errors (the seed dump's `通现能力`; tesseract chi_sim substitutions in the ocr-dev
 * corpus); pycorrector's confusion-set plus language-model method; jieba's dictionary and path model.
 */
import { defaultConfusables, type ConfusableTable } from '../../src/script/confusables.js';
import { NAME_TAGS } from '../../src/script/lexicon.js';
import { oldJiebaLexicon as jiebaLexicon, type OldLexicon as Lexicon } from './jieba-lexicon.js';
import { KANA_RE } from '../../src/script/tables.js';
import type { Edit, Rule } from '../../src/types.js';
import { flat } from '../../src/rules/flat.js';

/** Characters of context on each side of the candidate. */
export const WINDOW = 4;
/** Longest word the path model considers. */
export const MAX_WORD = 6;
/** Minimum frequency of the word the alternative makes. */
export const MIN_WORD_FREQ = 50;
/** How much more frequent the alternative word must be when the original also forms a dictionary word. */
export const WORD_RATIO = 100;
/** Minimum likelihood ratio of the alternative reading for a suggestion. */
export const SUGGEST_GAIN = 100;
/** Minimum likelihood ratio for a `fix`-level edit. */
export const FIX_GAIN = 3000;
/** Minimum frequency of the alternative word for a `fix`-level edit. */
export const FIX_MIN_FREQ = 1000;

const HAN_CHAR = /^\p{Script=Han}$/u;
/** Memo of Script=Han per BMP code point: 0 not yet known, 1 Han, 2 not Han. */
const hanBmp = new Uint8Array(0x10000);
const hanAstral = new Map<number, boolean>();

/** True when the code point at `i` (UTF-16 index, not inside a surrogate pair) is Han. */
function isHanAt(text: string, i: number): boolean {
  const cp = text.codePointAt(i)!;
  if (cp < 0x10000) {
    let h = hanBmp[cp];
    if (h === 0) hanBmp[cp] = h = HAN_CHAR.test(String.fromCharCode(cp)) ? 1 : 2;
    return h === 1;
  }
  let h = hanAstral.get(cp);
  if (h === undefined) hanAstral.set(cp, (h = HAN_CHAR.test(String.fromCodePoint(cp))));
  return h;
}

/** True when the code point that ends at `i` is Han. */
function isHanBefore(text: string, i: number): boolean {
  const lowSurrogate = (text.charCodeAt(i - 1) & 0xfc00) === 0xdc00 && i >= 2 && (text.charCodeAt(i - 2) & 0xfc00) === 0xd800;
  return isHanAt(text, lowSurrogate ? i - 2 : i - 1);
}

/** A word on the best path: [start, end) in the window's characters, with its lexicon entry. */
interface PathWord {
  start: number;
  end: number;
  freq: number;
  tag: string;
}

/** Best segmentation of `chars` under the unigram model; returns the log-probability and the path. */
function bestPath(lex: Lexicon, chars: readonly string[], lnTotal: number): { score: number; words: PathWord[] } {
  const n = chars.length;
  const score = new Float64Array(n + 1).fill(-Infinity);
  const back = new Int32Array(n + 1);
  const entries: Array<{ freq: number; tag: string } | undefined> = new Array(n + 1);
  score[0] = 0;
  for (let j = 1; j <= n; j++) {
    for (let k = 1; k <= Math.min(MAX_WORD, j); k++) {
      const w = chars.slice(j - k, j).join('');
      const e = lex.get(w);
      if (!e && k > 1) continue;
      const s = score[j - k] + Math.log(Math.max(1, e?.freq ?? 1)) - lnTotal;
      if (s > score[j]) {
        score[j] = s;
        back[j] = j - k;
        entries[j] = e;
      }
    }
  }
  const words: PathWord[] = [];
  for (let j = n; j > 0; j = back[j]) words.unshift({ start: back[j], end: j, freq: entries[j]?.freq ?? 0, tag: entries[j]?.tag ?? '' });
  return { score: score[n], words };
}

/** A proposed replacement of the character at `at` (index in a Han run's characters). */
export interface Finding {
  at: number;
  alt: string;
  /** The alternative word's span in the run's characters. */
  start: number;
  end: number;
  /** Log-likelihood gain of the alternative reading. */
  gain: number;
  altWord: string;
  altFreq: number;
  /** The words around, as the alternative reads (for the message). */
  context: string;
  origContext: string;
}

/** A finding for a candidate in its window: offsets are in the window's characters, `at` is left out. */
type WindowFinding = Omit<Finding, 'at'>;

/**
 * Judgements per window: the finding for a candidate depends only on its window of characters (clipped at the
 * run's ends), its place in it, the table, the lexicon and the minimum gain, so it is cached under those
 * (technical text repeats its phrases: most candidates are judged once). `null` records "no finding".
 */
const judged = new WeakMap<Lexicon, WeakMap<ConfusableTable, Map<number, Map<string, WindowFinding | null>>>>();
/** Bound on one cache map (cleared when full). */
const JUDGED_MAX = 1 << 16;
const DEFAULT_MIN_GAIN = Math.log(SUGGEST_GAIN);

function judgedCache(lex: Lexicon, table: ConfusableTable, minGain: number): Map<string, WindowFinding | null> {
  let byTable = judged.get(lex);
  if (!byTable) judged.set(lex, (byTable = new WeakMap()));
  let byGain = byTable.get(table);
  if (!byGain) byTable.set(table, (byGain = new Map()));
  let m = byGain.get(minGain);
  if (!m) byGain.set(minGain, (m = new Map()));
  return m;
}

/** Judges every confusable character of one Han run (an array of characters). */
export function oldJudgeRun(chars: readonly string[], table: ConfusableTable, lex: Lexicon, minGain = DEFAULT_MIN_GAIN): Finding[] {
  const str = chars.join('');
  return judgeChars(str, str.length === chars.length ? undefined : chars, table, lex, minGain);
}

/**
 * {@link judgeRun} over the run `str`; `chars` is its array of characters, or undefined when every character is
 * one UTF-16 unit (then character indices are string indices and no array is built unless a window is judged).
 */
function judgeChars(str: string, chars: readonly string[] | undefined, table: ConfusableTable, lex: Lexicon, minGain: number): Finding[] {
  const out: Finding[] = [];
  let lnTotal: number | undefined;
  const n = chars ? chars.length : str.length;
  const sub = chars ? (a: number, b: number) => chars.slice(a, b).join('') : (a: number, b: number) => str.slice(a, b);
  const cache = judgedCache(lex, table, minGain);
  const flags = flagTable(table);
  for (let i = 0; i < n; i++) {
    // the flag table first: no one-character string is made for a character that is not in the table
    if (!chars && flags[str.charCodeAt(i)] !== 1) continue;
    const alts = table.get(chars ? chars[i] : str[i]);
    if (!alts) continue;
    const lo = Math.max(0, i - WINDOW), hi = Math.min(n, i + WINDOW + 1);
    // the key: the place in the window (one digit) and the window's characters
    const key = String.fromCharCode(48 + i - lo) + sub(lo, hi);
    let f = cache.get(key);
    if (f === undefined) {
      lnTotal ??= Math.log(lex.total);
      f = judgeWindow(chars ? chars.slice(lo, hi) : str.slice(lo, hi).split(''), i - lo, alts, lex, lnTotal, minGain) ?? null;
      if (cache.size >= JUDGED_MAX) cache.clear();
      cache.set(key, f);
    }
    if (f) out.push({ ...f, at: i, start: lo + f.start, end: lo + f.end });
  }
  if (out.length < 2) return out; // one finding or none: nothing competes, already in order
  // findings whose words overlap compete: the larger gain wins
  const kept: Finding[] = [];
  for (const f of [...out].sort((a, b) => b.gain - a.gain)) {
    if (!kept.some((k) => f.start < k.end && k.start < f.end)) kept.push(f);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * Judges the confusable character at `p` of a window `win` (the characters from {@link WINDOW} before to
 * {@link WINDOW} after it, clipped at the run's ends) against its alternatives `alts`: steps 1-3 of the method.
 */
function judgeWindow(win: readonly string[], p: number, alts: readonly string[], lex: Lexicon, lnTotal: number, minGain: number): WindowFinding | undefined {
  // 1. quick filter: the alternative makes a frequent non-name word with its neighbours (within 3 characters,
  // which the window holds)
  const promising = alts.filter((a) => {
    for (let st = Math.max(0, p - 3); st <= p; st++) {
      // grow the word to the right from `a`, while some dictionary word still starts with it
      let w = win.slice(st, p).join('') + a;
      for (let e = p + 1; e <= Math.min(win.length, st + 4); e++) {
        if (e > p + 1) w += win[e - 1];
        if (e - st < 2) continue;
        const pr = lex.probe(w);
        if (pr.entry && pr.entry.freq >= MIN_WORD_FREQ && !NAME_TAGS.has(pr.entry.tag)) return true;
        if (!pr.prefix) break;
      }
    }
    return false;
  });
  if (promising.length === 0) return undefined;
  // 2. path model over the window
  const orig = bestPath(lex, win, lnTotal);
  const ow = orig.words.find((w) => w.start <= p && p < w.end)!;
  if (NAME_TAGS.has(ow.tag) && ow.end - ow.start > 1) return undefined; // a known proper name: never changed
  let best: WindowFinding | undefined;
  for (const a of promising) {
    const alt = [...win];
    alt[p] = a;
    const r = bestPath(lex, alt, lnTotal);
    const aw = r.words.find((w) => w.start <= p && p < w.end)!;
    if (aw.end - aw.start < 2 || aw.freq < MIN_WORD_FREQ || NAME_TAGS.has(aw.tag)) continue;
    // the original is a word: it loses only to the same span with one character changed, far more frequent
    if (ow.end - ow.start > 1 && (ow.start !== aw.start || ow.end !== aw.end || ow.freq * WORD_RATIO > aw.freq)) continue;
    const gain = r.score - orig.score;
    if (gain < minGain || (best && best.gain >= gain)) continue;
    const k = r.words.indexOf(aw);
    const from = r.words[k - 1] && r.words[k - 1].end - r.words[k - 1].start > 1 ? r.words[k - 1].start : aw.start;
    const to = r.words[k + 1] && r.words[k + 1].end - r.words[k + 1].start > 1 ? r.words[k + 1].end : aw.end;
    best = {
      alt: a, start: aw.start, end: aw.end, gain,
      altWord: alt.slice(aw.start, aw.end).join(''), altFreq: aw.freq,
      context: alt.slice(from, to).join(''), origContext: win.slice(from, to).join(''),
    };
  }
  return best;
}

/** The characters of `run` as an array when it holds one outside the BMP; undefined when string indices will do. */
function charsOf(run: string): string[] | undefined {
  for (let k = 0; k < run.length; k++) if ((run.charCodeAt(k) & 0xfc00) === 0xd800) return Array.from(run);
  return undefined;
}

/** Findings per Han run (at the default minimum gain), per lexicon and table; see {@link judged}. */
const runCaches = new WeakMap<Lexicon, WeakMap<ConfusableTable, Map<string, readonly Finding[]>>>();
/** Bound on the run cache (cleared when full). */
const RUNS_MAX = 1 << 15;

function runCache(lex: Lexicon, table: ConfusableTable): Map<string, readonly Finding[]> {
  let byTable = runCaches.get(lex);
  if (!byTable) runCaches.set(lex, (byTable = new WeakMap()));
  let m = byTable.get(table);
  if (!m) byTable.set(table, (m = new Map()));
  return m;
}

const flagTables = new WeakMap<ConfusableTable, Uint8Array>();
/** 1 for each UTF-16 unit that is a confusable character or a surrogate (astral characters are checked in full). */
function flagTable(table: ConfusableTable): Uint8Array {
  let t = flagTables.get(table);
  if (!t) {
    t = new Uint8Array(0x10000);
    t.fill(1, 0xd800, 0xdc00);
    for (const c of table.keys()) t[c.charCodeAt(0)] = 1;
    flagTables.set(table, t);
  }
  return t;
}

export const oldScriptConfusable: Rule = {
  id: 'script/confusable',
  description: 'Flag a CJK character that OCR misread as a lookalike (通现能力 -> 涌现能力), judged by word frequencies; suggest only unless raised to fix.',
  defaultLevel: 'suggest',
  example: { before: '模型的通现能力', after: '模型的涌现能力' },
  source: 'observed OCR errors (seed dump, tesseract chi_sim in ocr-dev); confusion sets + jieba word frequencies (pycorrector method)',
  apply(page, ctx) {
    const text = flat(page);
    const table = (ctx.data.confusables as ConfusableTable | undefined) ?? defaultConfusables();
    const edits: Edit[] = [];
    let lex: Lexicon | undefined;
    const hasKana = KANA_RE.test(text);
    const flags = flagTable(table);
    let runs: Map<string, readonly Finding[]> | undefined;
    // only the Han runs that hold a flagged unit (a confusable character, or a surrogate) matter: the text is
    // scanned for flagged units, and the run around each is found by walking back and forth over Han code points
    // (the same maximal run that matching /\p{Script=Han}+/gu over the text gives); the run's end is the next
    // place to scan
    for (let pos = 0; pos < text.length; ) {
      let q = pos;
      while (q < text.length && flags[text.charCodeAt(q)] !== 1) q++;
      if (q >= text.length) break;
      if (!isHanAt(text, q)) {
        pos = q + ((text.codePointAt(q)! > 0xffff) ? 2 : 1);
        continue;
      }
      let start = q;
      while (start > pos && isHanBefore(text, start)) start -= (text.charCodeAt(start - 1) & 0xfc00) === 0xdc00 && start - 2 >= pos ? 2 : 1;
      let end = q;
      while (end < text.length && isHanAt(text, end)) end += text.codePointAt(end)! > 0xffff ? 2 : 1;
      pos = end;
      const run = text.slice(start, end);
      // fewer than two characters (one code unit, or one surrogate pair): nothing to judge
      if (run.length < 2 || (run.length === 2 && (run.charCodeAt(0) & 0xfc00) === 0xd800)) continue;
      // a Japanese sentence around the run: skip
      if (hasKana) {
        const sentStart = Math.max(text.lastIndexOf('。', start), text.lastIndexOf('\n', start));
        const sentEnd = text.slice(start + run.length).search(/[。\n]/u);
        const sentence = text.slice(sentStart + 1, sentEnd < 0 ? text.length : start + run.length + sentEnd);
        if (KANA_RE.test(sentence)) continue;
      }
      lex ??= jiebaLexicon();
      // the findings of a run depend on its characters alone (and the table and lexicon): judged once per run
      runs ??= runCache(lex, table);
      let findings = runs.get(run);
      if (findings === undefined) {
        findings = judgeChars(run, charsOf(run), table, lex, DEFAULT_MIN_GAIN);
        if (runs.size >= RUNS_MAX) runs.clear();
        runs.set(run, findings);
      }
      if (findings.length === 0) continue;
      const chars = charsOf(run);
      // UTF-16 offset of each character of the run
      const offs: number[] = [];
      let o = start;
      for (const c of chars ?? run) {
        offs.push(o);
        o += c.length;
      }
      offs.push(o);
      for (const f of findings) {
        const before = run.slice(offs[f.start] - start, offs[f.end] - start);
        edits.push({
          start: offs[f.start], end: offs[f.end], text: f.altWord, rule: 'script/confusable',
          level: f.gain >= Math.log(FIX_GAIN) && f.altFreq >= FIX_MIN_FREQ ? 'fix' : 'suggest',
          message: `lookalike ${(chars ?? run)[f.at]} -> ${f.alt}: ${f.origContext} -> ${f.context} (${before} is not a word; ${f.altWord} is, frequency ${f.altFreq}; likelihood ratio ${Math.exp(f.gain).toExponential(1)})`,
        });
      }
    }
    return edits;
  },
};
