/**
 * `space/ocr-letterspacing`: spaces that OCR put between every CJK character, or between letters and digits of
 * one word, are removed.
 *
 * Source: observed OCR error. tesseract's chi_sim models (with `eng+chi_sim` above all), Windows OCR and
 * OCRmyPDF text layers emit `大 语 言 模 型 ，` for `大语言模型，`; letter-spaced print and OCR give
 * `T r a n s f o r m e r` and `5 0 0 0`.
 *
 * Convention, as an ordered table (read top to bottom):
 * 1. On a line that shows the letter-spacing pattern (most of its gaps between two CJK characters or CJK
 *    punctuation marks hold one space; see {@link letterSpacedLines}), every space between two "tight"
 *    characters goes: CJK, full-width CJK punctuation, and the ASCII marks `, ; : ! ? ( )` that OCR gives for
 *    them, as long as one side is CJK or a CJK mark. Spaces between CJK and Latin letters or digits stay
 *    (space/cjk-latin owns those).
 * 2. Anywhere: a run of three or more one-character CJK words, each one space apart (`软 件 包 一`), is closed
 *    up: a printed line wrap kept as a space never makes such a run. A "one-character word" is a CJK
 *    character with no CJK character right next to it (Latin may touch it: space/cjk-latin adds that space).
 * 3. Anywhere: four or more single Latin letters each one space apart, with at least one lower-case letter
 *    (`T r a n s f o r m e r`), are one word; an all-capital run (`A B C`, table headers) stays unless the
 *    letters spell a glossary term in its own capitals (`G P U` -> `GPU`, `B E R T` -> `BERT`): three letters or
 *    more anywhere, two (`A I`) only on a letter-spaced line.
 * 4. Anywhere: three or more single digits each one space apart (`5 0 0 0`) are one number; groups of
 *    several digits (`13 06 2022`) are not joined. Two single digits (`3 2`) are one number after CJK text and
 *    before a measure word ({@link MEASURE_WORDS}: `共有 3 2 个` -> `共有 32 个`); `版本 3 4 不兼容`, `比分 3 2 领先` stay.
 * 5. Anywhere: a space between a number and its percent sign (`70 %` -> `70%`) when CJK text or a CJK mark
 *    (maybe after spaces, ASCII marks or quotes), a range, or the line's end follows the sign: the guideline
 *    writes no space there (百分比与数字之间不需要增加空格), and OCR splits the sign off; `5 % 3` (a remainder)
 *    stays.
 * Never touched: Hangul (Korean puts spaces between words), U+3000 (indentation and heading separators),
 * newlines, runs of two or more spaces (space/runs), code lines.
 *
 * Shape: one edit per removed space, [start, start + 1) -> '' (UTF-16 offsets).
 */
import type { Edit, Rule } from '../types.js';
import { CJK, CJK_PUNCT, charTable, codePointAt, codePointBefore, cpLength, isCjkCode } from './classes.js';
import { dropCodeLines, letterSpacedLines, lineSpans } from './spacing-lines.js';
import { glossaryTermsOf } from './lexicon.js';

/** Characters that take no space between them in CJK text (CJK, CJK punctuation, ASCII marks used as such). */
const TIGHT_ANY = `${CJK}${CJK_PUNCT}〈〉,;:!?()`;
/** A character that anchors a tight gap: CJK or full-width punctuation. */
const ANCHOR = `${CJK}${CJK_PUNCT}〈〉`;

/**
 * Rule 1: a single space between two tight characters, one of them an anchor. The rule as a pattern; `apply`
 * walks the spaces of a letter-spaced line with {@link isAnchor} and {@link isTightAny} instead (same matches: each
 * match is one space, judged by the code points right before and after it).
 */
export const tightGapRe = new RegExp(
  `(?<=[${ANCHOR}]) (?=[${TIGHT_ANY}])|(?<=[${TIGHT_ANY}]) (?=[${ANCHOR}])`,
  'gu',
);
/**
 * Rule 2: three or more one-character CJK words one space apart. The rule as a pattern; `apply` finds its
 * matches with {@link cjkRuns}, a char-code walk.
 */
export const cjkRunRe = new RegExp(`(?<![${CJK}])[${CJK}](?: [${CJK}]){2,}(?![${CJK}])`, 'gu');
/** Rule 3: four or more single Latin letters one space apart, bounded by non-letters. */
const letterRunRe = /(?<![A-Za-z0-9])[A-Za-z](?: [A-Za-z]){3,}(?![A-Za-z0-9])/g;
/** Rule 4: three or more single digits one space apart, bounded by non-digits. */
const digitRunRe = /(?<![0-9.,])[0-9](?: [0-9]){2,}(?![0-9]|[.,][0-9])/g;
/**
 * Rule 5: a number (maybe with lookalike letters, which token/digits repairs after this rule: `1O %`), one space,
 * a percent sign, then CJK text or a CJK mark after any spaces, ASCII marks or quotes (space/punctuation and
 * punct/width may change those later: `10 %,召回率`, `5 % ,而且`, so a second run agrees), a range's `~` and the
 * next number (`30 % ~ 40 %`), or the line end.
 */
export const percentGapRe = new RegExp(`(?<![A-Za-z0-9_.])[0-9][0-9OoIlQ]*(?:\\.[0-9]+)? (?=[%‰％](?:[ ,;:!?()"'“”‘’]*[${CJK}${CJK_PUNCT}]| ?[~～–-] ?[0-9]|[ \\t,;:!?()"'“”‘’]*$))`, 'gmu');
/** Rule 3, all capitals: two or more single capital letters one space apart, bounded by non-letters. */
export const capsRunRe = /(?<![A-Za-z0-9])[A-Z](?: [A-Z])+(?![A-Za-z0-9])/g;
/**
 * Common Chinese measure words and units (量词) that follow a number: the numeric context of rule 4's two-digit
 * case (`共有 3 2 个`), where `版本 3 4 不兼容` or `比分 3 2 领先` is no number.
 */
export const MEASURE_WORDS = '个位名条张次类种件台块本页章节行列层步倍项套组批份篇首道颗只根片段幅期届轮遍人家所座辆架年月日天周时分秒元角岁度米克升吨斤码字核';
/**
 * Rule 4, two digits: two single digits one space apart after CJK text and before a measure word or a percent sign
 * (one space allowed on each side).
 */
export const digitPairRe = new RegExp(`(?<=[${CJK}] ?)[0-9] [0-9](?= ?[${MEASURE_WORDS}%％])`, 'gu');

/** The punctuation part of ANCHOR and TIGHT_ANY (all BMP), by char code. */
const anchorPunct = charTable(`${CJK_PUNCT}〈〉`);
const tightAnyPunct = charTable(`${CJK_PUNCT}〈〉,;:!?()`);
/** `[${ANCHOR}]` and `[${TIGHT_ANY}]` on one code point (-1: none). */
const isAnchor = (cp: number) => cp >= 0 && ((cp < 0x10000 && anchorPunct[cp] === 1) || isCjkCode(cp));
const isTightAny = (cp: number) => cp >= 0 && ((cp < 0x10000 && tightAnyPunct[cp] === 1) || isCjkCode(cp));
const isCjkCp = (cp: number) => cp >= 0 && isCjkCode(cp);

/**
 * The matches of {@link cjkRunRe} in `text`, as [start, end) pairs (UTF-16 offsets), found as the regex engine
 * finds them. A match starts at a CJK code point with no CJK right before it and a space right after it, so the
 * search visits the spaces of the text: at a space whose code point before (c0) may start a match (c0 starts at or
 * after where the search stands), it takes as many ` <CJK>` steps from c0 as there are (greedy); when a CJK code
 * point follows the last one, it gives one step back (the lookahead); two steps or more make a match and the
 * search goes on after it.
 */
export function cjkRuns(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const n = text.length;
  let from = 0; // where the search stands
  for (let p = text.indexOf(' '); p >= 0; p = text.indexOf(' ', p + 1)) {
    const c0 = codePointBefore(text, p);
    if (!isCjkCp(c0)) continue;
    const i = p - cpLength(c0);
    if (i < from || isCjkCp(codePointBefore(text, i))) continue;
    let j = p, back = p, steps = 0;
    while (j < n && text.charCodeAt(j) === 32) {
      const next = codePointAt(text, j + 1);
      if (!isCjkCp(next)) break;
      back = j;
      j += 1 + cpLength(next);
      steps++;
    }
    if (steps > 0 && isCjkCp(codePointAt(text, j))) {
      j = back;
      steps--;
    }
    if (steps >= 2) {
      out.push([i, j]);
      from = j;
      p = j - 1; // the next space looked at is at j or after
    }
  }
  return out;
}

const measureT = charTable(`${MEASURE_WORDS}%％`);
const pairG = /[0-9] [0-9]/g;
/**
 * The starts of the matches of {@link digitPairRe} in `text` (UTF-16 offsets; each match is `d d`): a walk over
 * the `d d` spots with char-code tests for the lookbehind (CJK, maybe after one space) and the lookahead (a measure
 * word or percent sign, maybe after one space), instead of a variable-length lookbehind at every digit.
 */
export function digitPairs(text: string): number[] {
  const out: number[] = [];
  pairG.lastIndex = 0;
  for (let m = pairG.exec(text); m; m = pairG.exec(text)) {
    const k = m.index;
    pairG.lastIndex = k + 1;
    const b = text.charCodeAt(k - 1) === 32 ? k - 1 : k;
    if (!isCjkCp(codePointBefore(text, b))) continue;
    const a = text.charCodeAt(k + 3) === 32 ? k + 4 : k + 3;
    if (a < text.length && measureT[text.charCodeAt(a)] === 1) out.push(k);
  }
  return out;
}

/** The index of the line (from {@link lineSpans}) that holds offset `p`. */
function lineAt(lines: ReadonlyArray<{ start: number; end: number }>, p: number): number {
  let lo = 0, hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid].start <= p) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const MESSAGES = [
  '',
  'OCR letter-spacing between CJK characters',
  'OCR letter-spacing: run of one-character CJK words',
  'letter-spaced Latin word rejoined',
  'letter-spaced number rejoined',
  'no space between a number and its percent sign',
];

export const spaceOcrLetterspacing: Rule = {
  id: 'space/ocr-letterspacing',
  description: 'Removes OCR spaces between CJK characters and around CJK punctuation on letter-spaced lines; rejoins letter-spaced words and digit runs.',
  defaultLevel: 'fix',
  example: { before: '模 型 基 于 T r a n s f o r m e r 架 构 。', after: '模型基于 Transformer 架构。' },
  source: 'observed OCR error (tesseract chi_sim / eng+chi_sim, Windows OCR text layers)',
  apply(text, ctx) {
    // the tables overlap (a space can match rules 1 and 2): one edit per space, by the first row that removes it
    // (`row[p]`: the row, 1 to 5, that removes the space at p; 0: none)
    let row: Uint8Array | undefined;
    const mark = (p: number, r: number) => {
      row ??= new Uint8Array(text.length);
      if (row[p] === 0) row[p] = r;
    };
    const closeUp = (start: number, end: number, r: number) => {
      for (let i = text.indexOf(' ', start); i >= 0 && i < end; i = text.indexOf(' ', i + 1)) mark(i, r);
    };
    const lines = lineSpans(text);
    const spaced = letterSpacedLines(text, lines);
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i];
      if (!spaced[i]) continue;
      // rule 1 (tightGapRe): each space of the line between an anchor and a tight character, either way round
      for (let p = text.indexOf(' ', l.start); p >= 0 && p < l.end; p = text.indexOf(' ', p + 1)) {
        // the line's edges are no characters of it: the lookarounds see nothing there
        const before = p > l.start ? codePointBefore(text, p) : -1;
        const after = p + 1 < l.end ? codePointAt(text, p + 1) : -1;
        if ((isAnchor(before) && isTightAny(after)) || (isTightAny(before) && isAnchor(after))) mark(p, 1);
      }
    }
    for (const [start, end] of cjkRuns(text)) closeUp(start, end, 2);
    for (const m of text.matchAll(letterRunRe)) {
      if (/[a-z]/.test(m[0])) closeUp(m.index!, m.index! + m[0].length, 3);
    }
    for (const m of text.matchAll(digitRunRe)) closeUp(m.index!, m.index! + m[0].length, 4);
    // the rarer rows: a capital letter or a digit before a space must be on the page at all
    if (/[A-Z] [A-Z]/.test(text)) {
      const terms = glossaryTermsOf(ctx.data);
      for (const m of text.matchAll(capsRunRe)) {
        if (!terms.has(m[0].replace(/ /g, ''))) continue;
        if (m[0].length < 5 && !spaced[lineAt(lines, m.index!)]) continue;
        closeUp(m.index!, m.index! + m[0].length, 3);
      }
    }
    for (const k of digitPairs(text)) mark(k + 1, 4);
    if (/ [%‰％]/.test(text)) for (const m of text.matchAll(percentGapRe)) mark(m.index! + m[0].length - 1, 5);
    if (!row) return [];
    const edits: Edit[] = [];
    for (let p = 0; p < row.length; p++) {
      if (row[p] !== 0) edits.push({ start: p, end: p + 1, text: '', rule: this.id, level: 'fix', message: MESSAGES[row[p]] });
    }
    return dropCodeLines(text, edits);
  },
};
