/**
 * Line-level helpers shared by the spacing rules (space/*, punct/width): where the lines of a page are, which
 * lines look like code or shell commands (never touched by a spacing rule), and which lines show OCR
 * letter-spacing or OCR padding around punctuation.
 *
 * All offsets are UTF-16 code units into the page text. Every function here is linear in the text length.
 */
import type { PageLayout } from '../types.js';
import { CJK, CJK_PUNCT, charTable, codePointClass, isCjkCode } from './classes.js';

/** A line of a page: [start, end) without its newline, in UTF-16 code units. */
export interface LineSpan {
  start: number;
  end: number;
}

/** Splits `text` into lines at `\n` (a `\r` before it stays part of the line). */
export function lineSpans(text: string): LineSpan[] {
  const out: LineSpan[] = [];
  let pos = 0;
  for (;;) {
    const nl = text.indexOf('\n', pos);
    if (nl < 0) {
      out.push({ start: pos, end: text.length });
      return out;
    }
    out.push({ start: pos, end: nl });
    pos = nl + 1;
  }
}

const cjkG = new RegExp(`[${CJK}]`, 'gu');
const cjkTestRe = new RegExp(`[${CJK}]`, 'u');
/** A shell prompt at the start of a line: `$ cmd`, `# cmd`, `> cmd`, `% cmd`, `C:\> cmd`. */
const promptRe = /^\s*(?:[$#%>]|[A-Za-z]:\\[^ ]*>)\s+\S/;
/** Operators and brackets typical of code and shell lines. */
const operatorG = /[=|&<>{}[\];$\\]|--?[A-Za-z]/g;

/**
 * True when `line` looks like code or a shell command: a prompt (`$ `, `# `, `> `) followed by a line that is
 * mostly ASCII, or a line with no CJK at all that carries at least two code operators (`=`, `|`, `&&`, `<`,
 * `{`, `;`, `--flag`...). Such lines are left alone by every spacing rule.
 */
export function isCodeLine(line: string): boolean {
  const body = line.trim();
  if (body.length === 0) return false;
  if (promptRe.test(body)) {
    const cjk = (body.match(cjkG) ?? []).length;
    const nonSpace = body.replace(/\s+/g, '').length;
    if (cjk <= nonSpace * 0.2) return true;
  }
  if (cjkTestRe.test(body)) return false;
  return (body.match(operatorG) ?? []).length >= 2;
}

/** The lines of `text` that look like code (see {@link isCodeLine}), as spans. */
export function codeLineSpans(text: string): LineSpan[] {
  return lineSpans(text).filter((l) => isCodeLine(text.slice(l.start, l.end)));
}

/** True when [start, end) overlaps one of the sorted `spans` (or touches an empty range inside one). */
export function inSpans(spans: readonly LineSpan[], start: number, end: number): boolean {
  let lo = 0, hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end < start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < spans.length && spans[i].start <= end; i++) {
    if (start <= spans[i].end && end >= spans[i].start) return true;
  }
  return false;
}

/** Keeps the edits that do not fall on a code line of `text`. */
export function dropCodeLines<E extends { start: number; end: number }>(text: string, edits: E[]): E[] {
  if (edits.length === 0) return edits;
  const code = codeLineSpans(text);
  return code.length === 0 ? edits : edits.filter((e) => !inSpans(code, e.start, e.end));
}

/**
 * A CJK character or a full-width CJK punctuation mark other than quotes (the "tight" class of letter-spacing:
 * clean text puts spaces between quotes and the Latin words they hold, `中的 “deb”`, so quotes prove nothing).
 */
export const TIGHT = `${CJK}${CJK_PUNCT.replace(/[“”‘’]/g, '')}`;

/** Gaps between two tight characters (CJK or CJK punctuation) on a line: closed up and single-spaced. */
export function gapCounts(line: string): { tight: number; spaced: number } {
  const { tight, spaced } = lineStats(line, 'line', false);
  return { tight, spaced };
}

const tightTestRe = new RegExp(`^[${TIGHT}]$`, 'u');
/** The tight class by code point (remembered per code point met). */
const tightClass = codePointClass(tightTestRe);
function isTightCode(c: number): boolean {
  if (c >= 0x4e00 && c <= 0x9fff) return true; // CJK Unified Ideographs, the bulk of any page
  return tightClass(c);
}

/**
 * Which lines of a page show OCR letter-spacing: most (≥ half) of their gaps between two CJK characters or CJK
 * punctuation marks hold one space, with at least two such spaces; on a page where most gaps are spaced, a
 * line needs only one. Source: observed OCR error (tesseract `eng+chi_sim`, chi_sim with word spacing, Windows
 * OCR text layers); a printed line wrap kept as a space gives one spaced gap among dozens of closed ones.
 * @returns one boolean per line of {@link lineSpans}
 */
export function letterSpacedLines(text: string, lines: readonly LineSpan[] = lineSpans(text)): boolean[] {
  return letterSpacedFromCounts(lines.map((l) => gapCounts(text.slice(l.start, l.end))));
}

/** {@link letterSpacedLines} from the lines' {@link gapCounts}. */
function letterSpacedFromCounts(counts: ReadonlyArray<{ tight: number; spaced: number }>): boolean[] {
  let tight = 0, spaced = 0;
  for (const c of counts) {
    tight += c.tight;
    spaced += c.spaced;
  }
  const pageSpaced = spaced >= 4 && spaced >= tight;
  return counts.map((c) => {
    const total = c.tight + c.spaced;
    if (total === 0 || c.spaced === 0) return false;
    if (c.spaced >= 2 && c.spaced * 2 >= total) return true;
    return pageSpaced && c.spaced * 10 >= total * 3;
  });
}

/** Previous non-space character before `i` on the same line (or undefined), and its index. */
export function prevNonSpace(line: string, i: number): [string | undefined, number] {
  let j = i - 1;
  while (j >= 0 && line[j] === ' ') j--;
  return [j >= 0 ? line[j] : undefined, j];
}
export function nextNonSpace(line: string, i: number): [string | undefined, number] {
  let j = i + 1;
  while (j < line.length && line[j] === ' ') j++;
  return [j < line.length ? line[j] : undefined, j];
}

/** True when the ASCII mark at `i` stands in a Chinese sentence (CJK on one side, not Latin on both). */
/** Pairs of brackets on one line: [open index, close index] for `(`/`（` with `)`/`）`. */
export function bracketPairs(line: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const stack: number[] = [];
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x28 || c === 0xff08) stack.push(i); // ( （
    else if ((c === 0x29 || c === 0xff09) && stack.length > 0) out.push([stack.pop()!, i]); // ) ）
  }
  return out;
}

/**
 * True when the bracket pair [a, b] belongs to Chinese text: CJK inside, or (for a pair of mixed widths) CJK
 * right before it. Only such pairs are counted and converted, so conversion never changes the evidence.
 */
export function bracketChinese(line: string, a: number, b: number): boolean {
  if (cjkCharRe.test(line.slice(a + 1, b))) return true;
  const mixed = (line[a] === '(') !== (line[b] === ')');
  return mixed && isCjkChar(prevNonSpace(line, a)[0]);
}

/** A lazy, once-per-line {@link chineseAsciiBrackets}. */
export function lazyBrackets(line: string): () => Set<number> {
  let set: Set<number> | undefined;
  return () => (set ??= chineseAsciiBrackets(line));
}

/** Offsets of the ASCII brackets of `line` that belong to Chinese pairs (see {@link bracketChinese}). */
export function chineseAsciiBrackets(line: string): Set<number> {
  const out = new Set<number>();
  if (line.indexOf('(') < 0 && line.indexOf(')') < 0) return out;
  for (const [a, b] of bracketPairs(line)) {
    if (!bracketChinese(line, a, b)) continue;
    if (line[a] === '(') out.add(a);
    if (line[b] === ')') out.add(b);
  }
  return out;
}

/**
 * True when the ASCII mark at `i` of `line` stands in a Chinese sentence: CJK (or a closing CJK bracket, or
 * an ASCII `)` that closes a Chinese pair) before it, or CJK (or an opening CJK bracket) after it with
 * something before it. Never for `://`, nor between digits (`3:4`, `1,000`), nor for brackets (judged in pairs).
 * An ASCII bracket of a Chinese pair counts as the full-width one it becomes, so converting it changes nothing.
 * @param brackets the line's {@link chineseAsciiBrackets}, computed once per line by the caller (lazily)
 */
export function chineseContext(line: string, i: number, brackets?: () => Set<number>): boolean {
  // by char codes: p and n are the UTF-16 units of the nearest non-spaces (-1: none), as prevNonSpace and
  // nextNonSpace give them (half a surrogate pair is no CJK, as the regex finds for a lone surrogate)
  const ch = line.charCodeAt(i);
  let pi = i - 1;
  while (pi >= 0 && line.charCodeAt(pi) === 32) pi--;
  let ni = i + 1;
  while (ni < line.length && line.charCodeAt(ni) === 32) ni++;
  const p = pi >= 0 ? line.charCodeAt(pi) : -1;
  const n = ni < line.length ? line.charCodeAt(ni) : -1;
  if (ch === 0x3a && line.startsWith('//', i + 1)) return false; // scheme separator
  if (p >= 0x30 && p <= 0x39 && n >= 0x30 && n <= 0x39) return false; // 3:4, 1,000
  if (ch === 0x28 || ch === 0x29) return false; // brackets are judged in pairs
  const pC = p >= 0 && (isCjkCode(p) || closingCjkBracket[p] === 1 || (p === 0x29 && (brackets ? brackets() : chineseAsciiBrackets(line)).has(pi)));
  const nC = n >= 0 && (isCjkCode(n) || openingCjkBracket[n] === 1 || (n === 0x28 && (brackets ? brackets() : chineseAsciiBrackets(line)).has(ni)));
  return pC || (nC && p >= 0);
}
const closingCjkBracket = charTable('）》】」』');
const openingCjkBracket = charTable('（《【「『');

const cjkCharRe = new RegExp(`[${CJK}]`, 'u');
const isCjkChar = (ch: string | undefined) => ch !== undefined && cjkCharRe.test(ch);

/** Mid-sentence and sentence-final CJK marks. */
const MID_FULL = '，。、；：？！';
/** Closing CJK brackets. */
const CLOSE_FULL = '》）】」』';
/** The characters {@link padCounts} looks at, and their groups, by char code. */
const padMark = charTable('，。、；：？！》）】」』,;:?!)');
const midFull = charTable(MID_FULL);
const closeFull = charTable(CLOSE_FULL);
const asciiMark = charTable(',;:?!');

/**
 * Counts the marks of a line (full-width mid-sentence marks, and ASCII `, : ; ? !` in a Chinese sentence, see
 * {@link chineseContext}) and the padded ones: a space (after a non-space) before such a mark or a closing
 * bracket (a `)` too), or (layout `block`) a space after a full-width mark before more text; and, in the same
 * linear scan, the gaps between tight characters, closed up and single-spaced (so that {@link paddedLines} reads
 * each line once). `marksToo` false counts the gaps only ({@link gapCounts}).
 */
function lineStats(line: string, layout: PageLayout, marksToo = true): { tight: number; spaced: number; pads: number; marks: number } {
  let pads = 0, marks = 0;
  let brackets: (() => Set<number>) | undefined;
  /** padCounts's part, for the mark at i (code c). */
  const countMark = (i: number, c: number) => {
    const full = midFull[c] === 1;
    const ascii = !full && asciiMark[c] === 1 && chineseContext(line, i, (brackets ??= lazyBrackets(line)));
    if (full || ascii) marks++;
    if ((full || ascii || closeFull[c] === 1 || c === 0x29) && i > 0 && line.charCodeAt(i - 1) === 32) {
      // a non-space before the run of spaces
      let j = i - 2;
      while (j >= 0 && line.charCodeAt(j) === 32) j--;
      if (j >= 0) pads++;
    }
    if (full && layout === 'block' && line.charCodeAt(i + 1) === 32) {
      // a non-space after the run of spaces
      let j = i + 2;
      while (j < line.length && line.charCodeAt(j) === 32) j++;
      if (j < line.length) pads++;
    }
  };
  // the gaps: a high surrogate is read with the unit after it, whatever that is
  let tight = 0, spaced = 0;
  let prevTight = false;
  let prevSpaceAfterTight = false;
  for (let i = 0; i < line.length; i++) {
    let c = line.charCodeAt(i);
    if (padMark[c] === 1) {
      if (marksToo) countMark(i, c); // the marks are all BMP, never half of a surrogate pair
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < line.length) {
      // a mark in the unit read with a high surrogate still counts
      const d = line.charCodeAt(i + 1);
      if (marksToo && padMark[d] === 1) countMark(i + 1, d);
      c = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
      i++;
    }
    const t = c >= 0x2e80 && isTightCode(c);
    if (t && prevTight) tight++;
    else if (t && prevSpaceAfterTight) spaced++;
    prevSpaceAfterTight = c === 32 && prevTight;
    prevTight = t;
  }
  return { tight, spaced, pads, marks };
}

/** The marks and padded marks of a line (see {@link lineStats}). */
function padCounts(line: string, layout: PageLayout): { pads: number; marks: number } {
  return lineStats(line, layout);
}

/**
 * True when a line (or a one-line page) shows OCR padding: at least two of its mid-sentence or closing CJK
 * marks have a space before them (or, on a page that keeps its line breaks, after them), and they are at
 * least a quarter of its marks. A printed line never starts with such a mark, so a space before one is never
 * a line wrap; where OCR pads before marks it pads after them too.
 */
export function showsPadding(line: string, layout: PageLayout = 'line'): boolean {
  const { pads, marks } = padCounts(line, layout);
  return pads >= 2 && pads * 4 >= marks;
}

/**
 * Which lines of a page carry OCR padding evidence. A letter-spaced line always does. On a one-page-per-line
 * page (layout `line`) the line must show padding itself ({@link showsPadding}). On a page that keeps its
 * line breaks (layout `block`) the whole page must: at least one padded mark, and padded marks (a space before
 * a mark, or after a full-width one) are at least half of the page's marks (a short input like
 * `安装完成后， \`npm test\``). Clean technical text keeps the odd space beside a mark after inline markup
 * (`“stable” ，`, `“ftp://” 、 “file://”`, `GCC、 Linux`), several on one line at times; only page-wide
 * evidence proves such spaces OCR's.
 * @returns one boolean per line of `lines`
 */
export function paddedLines(text: string, layout: PageLayout, lines: readonly LineSpan[] = lineSpans(text)): boolean[] {
  // space/punctuation and punct/width ask about the same page text one after the other: remember the last answer
  if (text === memo.text && layout === memo.layout && memo.padded) return memo.padded;
  const padded = computePaddedLines(text, layout, lines);
  memo.text = text;
  memo.layout = layout;
  memo.padded = padded;
  return padded;
}

/** The last page asked about (a one-entry cache; the rules are pure, so the answer only depends on these). */
const memo: { text?: string; layout?: PageLayout; padded?: boolean[] } = {};

function computePaddedLines(text: string, layout: PageLayout, lines: readonly LineSpan[]): boolean[] {
  if (layout === 'line') {
    // letterSpacedLines and showsPadding from one scan of each line
    const stats = lines.map((l) => lineStats(text.slice(l.start, l.end), 'line'));
    const spaced = letterSpacedFromCounts(stats);
    return stats.map((c, i) => spaced[i] || (c.pads >= 2 && c.pads * 4 >= c.marks));
  }
  const spaced = letterSpacedLines(text, lines);
  const { pads, marks } = padCounts(text, 'block');
  const page = pads >= 1 && pads * 2 >= marks;
  return spaced.map((s) => s || page);
}
