/**
 * `space/punctuation`: no spaces around CJK punctuation.
 *
 * Convention: the Chinese copywriting guidelines (全角标点与其他字符之间不加空格) and GB/T 15834; the book's
 * ASCII `, : ; ( )` used as Chinese punctuation count as CJK punctuation. Source of the damage: observed OCR
 * error (tesseract pads marks with spaces: `灵活 。`, `编辑器， 但是`).
 *
 * Ordered table (each row removes the run of spaces it names; newlines and U+3000 are never removed). A row
 * applies where OCR damage is proven (see {@link paddedLines}); a doubled space always goes:
 * 1. (`tight`: on a one-page-per-line page, or on a line with OCR padding evidence) spaces before a closing or
 *    mid-sentence mark `，。、；：？！》）】」』〕〉` and before a `”`/`’` that closes a quote opened on the same
 *    line (a printed line never starts with such a mark, so such a space is never a wrap); after an opening
 *    mark `“‘《（【「『〔〈`; between CJK and an ASCII `, ; :` that stands for a Chinese mark; inside ASCII
 *    brackets around CJK.
 * 2. (`padded`: only on a line with OCR padding evidence: the line is letter-spaced or shows padding, or, on a
 *    page that keeps its line breaks, the page does) spaces after a mark, a closing bracket or quote, an ASCII
 *    `, ; : )` between CJK, and before a `(` that opens CJK text. In one-page-per-line dumps a single space after
 *    a mark may be a printed wrap (`思想, 使用`); in pages that keep their line breaks, clean technical text keeps
 *    the odd space beside a mark after inline markup (`“stable” ，`, `“ls -l” 输出`, `空格, 制表符`), so nothing
 *    short of page-wide evidence proves such spaces OCR's (the ocr-dev gold pages have them).
 * Never touched: code lines; tokens (the runner protects URLs, paths, code spans...).
 *
 * Shape: one edit per run of spaces, [start, end) -> '' (UTF-16 offsets).
 */
import type { Edit, Rule } from '../types.js';
import { CJK, charTable } from './classes.js';
import { dropCodeLines, lineSpans, paddedLines } from './spacing-lines.js';

/** Mid-sentence and sentence-final marks. */
const MID = '，。、；：？！';
/** Closing brackets. */
const CLOSE_BRACKET = '》）】」』〕〉';
const CLOSE = MID + CLOSE_BRACKET;
const OPEN = '“‘《（【「『〔〈';
const C = `[${CJK}]`;
/** Every character some row needs right before or right after a run of spaces. */
const RELEVANT = `${MID}${CLOSE_BRACKET}${OPEN}”’,;:()`.replace(/[()]/g, '\\$&');
/**
 * A run of spaces (not U+3000, not tabs, not newlines) with a character some row needs beside it. The pattern of
 * the runs `apply` looks at; it finds them by walking the runs of spaces of a line and looking up the characters
 * on either side of each in {@link relevantChar} (a match of this pattern is always a whole run: ` +` is greedy,
 * and inside a run a space stands before and after).
 */
export const relevantRunG = new RegExp(`(?<=[${RELEVANT}]) +| +(?=[${RELEVANT}])`, 'gu');
const relevantChar = charTable(`${MID}${CLOSE_BRACKET}${OPEN}”’,;:()`);

/**
 * When a row applies: `tight` on one-page-per-line pages (such a space is never a printed wrap) and on lines
 * with OCR padding evidence; `padded` only on lines with OCR padding evidence (see {@link paddedLines}: the
 * line is letter-spaced or padded, or the whole page is). Clean technical text keeps the odd space beside a
 * mark after inline markup (`“stable” ，`, `“ls -l” 输出`, `空格, 制表符`), so on a page that keeps its line
 * breaks only such evidence proves a space OCR's.
 */
type When = 'tight' | 'padded';

/**
 * A row of the table: what must stand right before a run of spaces (`before`, matched against the three
 * characters before it) and right after it (`after`, matched against the next eight), and when it applies.
 */
interface Row {
  name: string;
  before: RegExp;
  after: RegExp;
  when: When;
  /** Only when the quote mark right after (`before`) or right before (`after`) the spaces closes a quote. */
  quote?: 'before' | 'after';
}

const re = (src: string) => new RegExp(src, 'u');
const NS = '[^\\s]';

/** The ordered table, read top to bottom; the first row that applies to a run of spaces removes it. */
export const ROWS: readonly Row[] = [
  { name: 'space before a closing or mid-sentence CJK mark', before: re(`${NS}$`), after: re(`^[${CLOSE}]`), when: 'tight' },
  { name: 'space before a closing quote', before: re(`${NS}$`), after: /^[”’]/u, when: 'tight', quote: 'before' },
  { name: 'space after an opening CJK mark', before: re(`[${OPEN}]$`), after: re(`^${NS}`), when: 'tight' },
  { name: 'space between CJK and an ASCII mark used as a CJK mark', before: re(`${C}$`), after: re(`^[,;:] *${C}`), when: 'tight' },
  { name: 'space inside ASCII brackets around CJK (before the closing one)', before: re(`${C}$`), after: /^\)/u, when: 'tight' },
  { name: 'space inside ASCII brackets around CJK (after the opening one)', before: /\($/u, after: re(`^${C}`), when: 'tight' },
  { name: 'space after a mid-sentence or sentence-final CJK mark', before: re(`[${MID}]$`), after: re(`^${NS}`), when: 'padded' },
  { name: 'space after a closing CJK bracket', before: re(`[${CLOSE_BRACKET}]$`), after: re(`^${NS}`), when: 'padded' },
  { name: 'space after a closing quote', before: /[”’]$/u, after: re(`^${NS}`), when: 'padded', quote: 'after' },
  { name: 'space after an ASCII mark used as a CJK mark', before: re(`[${CJK}${CLOSE_BRACKET}] ?[,;:)]$`), after: re(`^${C}`), when: 'padded' },
  { name: 'space before an ASCII bracket opening CJK text', before: re(`${C}$`), after: re(`^\\( *${C}`), when: 'padded' },
];

const ch = (set: string) => charTable(set);
const closeT = ch(CLOSE), closeBracketT = ch(CLOSE_BRACKET), midT = ch(MID), openT = ch(OPEN), quoteT = ch('”’');
const asciiMarkT = ch(',;:'), asciiMarkParenT = ch(',;:)');
/**
 * For each row of {@link ROWS}, in order, a test that holds whenever the row's `before` and `after` both match:
 * on the last unit before the run of spaces (`b`) and the first unit after it (`a`), the punctuation the row
 * names there (every row names one on one side; CJK on the other side is left to the row's own patterns). The
 * patterns run only for the rows that pass it. Checked against the patterns by a property test.
 */
export const ROW_QUICK: ReadonlyArray<(b: number, a: number) => boolean> = [
  (_b, a) => closeT[a] === 1, // before a closing or mid-sentence mark
  (_b, a) => quoteT[a] === 1, // before a closing quote
  (b) => openT[b] === 1, // after an opening mark
  (_b, a) => asciiMarkT[a] === 1, // CJK, then an ASCII , ; :
  (_b, a) => a === 0x29, // CJK, then )
  (b) => b === 0x28, // ( then CJK
  (b) => midT[b] === 1, // after a mid-sentence mark
  (b) => closeBracketT[b] === 1, // after a closing bracket
  (b) => quoteT[b] === 1, // after a closing quote
  (b) => asciiMarkParenT[b] === 1, // CJK and an ASCII , ; : ) before, CJK after
  (_b, a) => a === 0x28, // CJK, then an ASCII ( opening CJK
];

/** Offsets in `line` of the `”` and `’` that close a quote opened earlier on the line (one linear scan). */
function closingQuotes(line: string): Set<number> {
  const out = new Set<number>();
  let double = 0, single = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c < 0x2018 || c > 0x201d) continue; // not a curly quote (by char code: no string per character)
    if (c === 0x201c) double++; // “
    else if (c === 0x2018) single++; // ‘
    else if (c === 0x201d && double > 0) { // ”
      double--;
      out.add(i);
    } else if (c === 0x2019 && single > 0) { // ’
      single--;
      out.add(i);
    }
  }
  return out;
}

export const spacePunctuation: Rule = {
  id: 'space/punctuation',
  description: 'No OCR padding around CJK punctuation (and ASCII , : ; ( ) used as such); a single space after a mark that may be a printed wrap stays.',
  defaultLevel: 'fix',
  example: { before: '我们选用了 PyTorch ，因为它更灵活 。', after: '我们选用了 PyTorch，因为它更灵活。' },
  source: 'Chinese copywriting guidelines (全角标点与其他字符之间不加空格); observed OCR error (padding around marks)',
  apply(text, ctx) {
    const edits: Edit[] = [];
    const lines = lineSpans(text);
    const padding = paddedLines(text, ctx.layout, lines);
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i];
      const line = text.slice(l.start, l.end);
      if (!/[^\x00-\x7F]/.test(line)) continue; // no CJK mark and no CJK: nothing of ours
      const padded = padding[i];
      const tight = ctx.layout === 'line' || padded;
      let closing: Set<number> | undefined;
      // one pass over the runs of spaces between two non-space characters of the line
      for (let p = line.indexOf(' '); p >= 0; p = line.indexOf(' ', p)) {
        // the whole run of spaces [at, end)
        const at = p;
        let end = p + 1;
        while (end < line.length && line.charCodeAt(end) === 32) end++;
        p = end;
        if (at === 0 || end >= line.length) continue; // indentation, trailing spaces
        if (relevantChar[line.charCodeAt(at - 1)] !== 1 && relevantChar[line.charCodeAt(end)] !== 1) continue; // not a run of relevantRunG
        const b = line.charCodeAt(at - 1), a = line.charCodeAt(end);
        let before: string | undefined, after: string | undefined;
        const doubled = end - at >= 2;
        for (let r = 0; r < ROWS.length; r++) {
          const row = ROWS[r];
          // (the cheap tests first: a row applies only when all of them hold, in any order)
          if (!doubled && !(row.when === 'tight' ? tight : padded)) continue;
          if (!ROW_QUICK[r](b, a)) continue;
          before ??= line.slice(Math.max(0, at - 3), at);
          after ??= line.slice(end, end + 8);
          if (!row.before.test(before) || !row.after.test(after)) continue;
          if (row.quote) {
            closing ??= closingQuotes(line);
            if (!closing.has(row.quote === 'before' ? end : at - 1)) continue;
          }
          edits.push({ start: l.start + at, end: l.start + end, text: '', rule: this.id, level: 'fix', message: row.name });
          break;
        }
      }
    }
    return dropCodeLines(text, edits);
  },
};
