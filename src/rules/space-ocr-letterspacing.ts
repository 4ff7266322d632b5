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
 *    (`T r a n s f o r m e r`), are one word; an all-capital run (`A B C`, table headers) stays.
 * 4. Anywhere: three or more single digits each one space apart (`5 0 0 0`) are one number; groups of
 *    several digits (`13 06 2022`) are not joined.
 * Never touched: Hangul (Korean puts spaces between words), U+3000 (indentation and heading separators),
 * newlines, runs of two or more spaces (space/runs), code lines.
 *
 * Shape: one edit per removed space, [start, start + 1) -> '' (UTF-16 offsets).
 */
import type { Edit, Rule } from '../types.js';
import { CJK, CJK_PUNCT } from './classes.js';
import { dropCodeLines, letterSpacedLines, lineSpans } from './spacing-lines.js';

/** Characters that take no space between them in CJK text (CJK, CJK punctuation, ASCII marks used as such). */
const TIGHT_ANY = `${CJK}${CJK_PUNCT}〈〉,;:!?()`;
/** A character that anchors a tight gap: CJK or full-width punctuation. */
const ANCHOR = `${CJK}${CJK_PUNCT}〈〉`;

/** Rule 1: a single space between two tight characters, one of them an anchor. */
const tightGapRe = new RegExp(
  `(?<=[${ANCHOR}]) (?=[${TIGHT_ANY}])|(?<=[${TIGHT_ANY}]) (?=[${ANCHOR}])`,
  'gu',
);
/** Rule 2: three or more one-character CJK words one space apart. */
const cjkRunRe = new RegExp(`(?<![${CJK}])[${CJK}](?: [${CJK}]){2,}(?![${CJK}])`, 'gu');
/** Rule 3: four or more single Latin letters one space apart, bounded by non-letters. */
const letterRunRe = /(?<![A-Za-z0-9])[A-Za-z](?: [A-Za-z]){3,}(?![A-Za-z0-9])/g;
/** Rule 4: three or more single digits one space apart, bounded by non-digits. */
const digitRunRe = /(?<![0-9.,])[0-9](?: [0-9]){2,}(?![0-9]|[.,][0-9])/g;

function closeUp(edits: Edit[], runStart: number, run: string, rule: string, message: string): void {
  for (let i = run.indexOf(' '); i >= 0; i = run.indexOf(' ', i + 1)) {
    edits.push({ start: runStart + i, end: runStart + i + 1, text: '', rule, level: 'fix', message });
  }
}

export const spaceOcrLetterspacing: Rule = {
  id: 'space/ocr-letterspacing',
  description: 'Removes OCR spaces between CJK characters and around CJK punctuation on letter-spaced lines; rejoins letter-spaced words and digit runs.',
  defaultLevel: 'fix',
  example: { before: '模 型 基 于 T r a n s f o r m e r 架 构 。', after: '模型基于 Transformer 架构。' },
  source: 'observed OCR error (tesseract chi_sim / eng+chi_sim, Windows OCR text layers)',
  apply(text) {
    const edits: Edit[] = [];
    const lines = lineSpans(text);
    const spaced = letterSpacedLines(text, lines);
    lines.forEach((l, i) => {
      if (!spaced[i]) return;
      const line = text.slice(l.start, l.end);
      for (const m of line.matchAll(tightGapRe)) {
        edits.push({ start: l.start + m.index!, end: l.start + m.index! + 1, text: '', rule: this.id, level: 'fix', message: 'OCR letter-spacing between CJK characters' });
      }
    });
    for (const m of text.matchAll(cjkRunRe)) closeUp(edits, m.index!, m[0], this.id, 'OCR letter-spacing: run of one-character CJK words');
    for (const m of text.matchAll(letterRunRe)) {
      if (/[a-z]/.test(m[0])) closeUp(edits, m.index!, m[0], this.id, 'letter-spaced Latin word rejoined');
    }
    for (const m of text.matchAll(digitRunRe)) closeUp(edits, m.index!, m[0], this.id, 'letter-spaced number rejoined');
    // the tables overlap (a space can match rules 1 and 2): keep one edit per space
    edits.sort((a, b) => a.start - b.start);
    const unique = edits.filter((e, k) => k === 0 || e.start !== edits[k - 1].start);
    return dropCodeLines(text, unique);
  },
};
