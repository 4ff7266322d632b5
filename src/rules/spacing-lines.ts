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
  return letterSpacedFromFacts(lines.map((l) => lineFacts(text.slice(l.start, l.end), 'line', false)));
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
  // a regex jumps from one bracket to the next (they are few) instead of a walk over every unit
  bracketG.lastIndex = 0;
  while (bracketG.test(line)) {
    const i = bracketG.lastIndex - 1;
    const c = line.charCodeAt(i);
    if (c === 0x28 || c === 0xff08) stack.push(i); // ( （
    else if (stack.length > 0) out.push([stack.pop()!, i]); // ) ）
  }
  return out;
}
const bracketG = /[()（）]/g;

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
  if (line.indexOf('(') < 0 && line.indexOf(')') < 0) return new Set<number>();
  return chineseAsciiBracketsOf(line, bracketPairs(line));
}

/** {@link chineseAsciiBrackets} given the line's {@link bracketPairs}. */
function chineseAsciiBracketsOf(line: string, pairs: ReadonlyArray<readonly [number, number]>): Set<number> {
  const out = new Set<number>();
  for (const [a, b] of pairs) {
    if (line[a] !== '(' && line[b] !== ')') continue; // no ASCII bracket to add
    if (!bracketChinese(line, a, b)) continue;
    if (line[a] === '(') out.add(a);
    if (line[b] === ')') out.add(b);
  }
  return out;
}

/** {@link lazyBrackets} for a line whose {@link bracketPairs} are known. */
export function lazyBracketsOf(line: string, pairs: ReadonlyArray<readonly [number, number]>): () => Set<number> {
  let set: Set<number> | undefined;
  return () => (set ??= chineseAsciiBracketsOf(line, pairs));
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
 * each line once). `marksToo` false counts the gaps only.
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
 * `安装完成后， \`npm test\``); on a page of one line, a third (see {@link singleLine}). Clean technical text
 * keeps the odd space beside a mark after inline markup
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
    // letterSpacedLines and showsPadding (pads >= 2 && pads * 4 >= marks) from the same facts of each line
    const facts = lines.map((l) => lineFacts(text.slice(l.start, l.end), 'line', true));
    const spaced = letterSpacedFromFacts(facts);
    return facts.map((f, i) => spaced[i] || (f.pads >= 2 && marksUpTo(f, f.pads * 4) <= f.pads * 4));
  }
  const spaced = letterSpacedLines(text, lines);
  // padCounts(text, 'block'): pads >= 1 && pads * 2 >= marks
  const f = lineFacts(text, 'block', true);
  // (a page of one line: one padded mark in three marks, see singleLine)
  const page = f.pads >= 1 && marksUpTo(f, f.pads * 3) <= f.pads * (singleLine(text, lines) ? 3 : 2);
  return spaced.map((s) => s || page);
}

/**
 * Whether the page is one line of text (trailing line breaks aside): a sentence or caption on its own. Its few
 * marks make a ratio of one half too strict: one padded mark in three is its evidence (`本章用 Go ，它支持 A、B。`;
 * a printed line never puts a space before such a mark). A longer line with one padded mark among many stays as
 * the author wrote it (`先运行“make test” ，再运行…`).
 */
function singleLine(text: string, lines: readonly LineSpan[]): boolean {
  for (let i = 1; i < lines.length; i++) if (lines[i].end > lines[i].start) return false;
  return true;
}

/**
 * What the decisions of {@link letterSpacedLines} and {@link paddedLines} need of one line's {@link lineStats},
 * found mostly from the line's spaces: `spaced` and `pads` are exact; `tight` and `marks` are counted only as far
 * as a decision needs them ({@link tightUpTo}, {@link marksUpTo}). Every decision compares a count with a bound
 * (`tight <= spaced`, `3 * tight <= 7 * spaced`, `marks <= 4 * pads`...), so a count stopped past the bound gives
 * the same answer as the whole count, and most lines of prose pass their bound within a few characters.
 */
interface LineFacts {
  line: string;
  layout: PageLayout;
  /** lineStats's `spaced`: tight character, one space, tight character. */
  spaced: number;
  /** lineStats's `pads` (0 when the marks were not asked for). */
  pads: number;
  /** lineStats's `tight` when known; `tightAbove`: it is known to exceed this. */
  tight?: number;
  tightAbove: number;
  /** lineStats's `marks` when known; `marksAbove`: it is known to exceed this. */
  marks?: number;
  marksAbove: number;
  brackets?: () => Set<number>;
}

/**
 * The {@link LineFacts} of `line` from its runs of spaces (UTF-16 units; a space is U+0020 only), found by two
 * regex scans instead of a walk over every unit. `spaced`: a run of one space with a tight unit right before and
 * after it. `pads` (when `marksToo`): a run after
 * a non-space and before a mark that countMark pads (a full-width mid-sentence mark, an ASCII `, ; : ? !` in a
 * Chinese sentence, a closing CJK bracket or `)`), plus (layout `block`) a run after a full-width mid-sentence
 * mark and before a non-space. lineStats reads a high surrogate together with the unit after it, whatever that
 * is: when a surrogate stands right before a run, two units before it (a high one) or right after it, the units
 * next to the run depend on how the line was read from its start, and lineStats itself gives the facts.
 */
function lineFacts(line: string, layout: PageLayout, marksToo: boolean): LineFacts {
  let spaced = 0, pads = 0;
  const f: LineFacts = { line, layout, spaced: 0, pads: 0, tightAbove: -1, marksAbove: -1 };
  const n = line.length;
  // the runs with a unit at or above U+2E80 (a tight unit, a full-width mark, a surrogate) or an ASCII mark after
  // them: no other run counts as spaced or as a pad before a mark. `test` leaves lastIndex at the run's end.
  runBeforeG.lastIndex = 0;
  while (runBeforeG.test(line)) {
    const e = runBeforeG.lastIndex;
    let s = e - 1;
    while (s > 0 && line.charCodeAt(s - 1) === 32) s--;
    const b = s > 0 ? line.charCodeAt(s - 1) : -1;
    const a = line.charCodeAt(e);
    if ((b >= 0xd800 && b <= 0xdfff) || (a >= 0xd800 && a <= 0xdfff) || (s >= 2 && isHighSurrogate(line.charCodeAt(s - 2)))) {
      const st = lineStats(line, layout, marksToo);
      return { ...f, spaced: st.spaced, pads: st.pads, tight: st.tight, marks: marksToo ? st.marks : undefined };
    }
    if (b < 0) continue;
    if (e === s + 1 && b >= 0x2e80 && a >= 0x2e80 && isTightCode(b) && isTightCode(a)) spaced++;
    if (marksToo && padMark[a] === 1) {
      if (midFull[a] === 1 || closeFull[a] === 1 || a === 0x29 || (asciiMark[a] === 1 && chineseContext(line, e, (f.brackets ??= lazyBrackets(line))))) pads++;
    }
  }
  if (marksToo && layout === 'block') {
    // a run after a full-width mid-sentence mark with more text after it
    afterMarkG.lastIndex = 0;
    while (afterMarkG.test(line)) if (afterMarkG.lastIndex < n) pads++;
  }
  f.spaced = spaced;
  f.pads = pads;
  return f;
}

/** A run of spaces before a unit at or above U+2E80 or an ASCII `, ; : ? ! )` (see {@link lineFacts}). */
const runBeforeG = / +(?=[\u2e80-\uffff,;:?!)])/g;
/** A full-width mid-sentence mark and the run of spaces after it. */
const afterMarkG = new RegExp(`[${MID_FULL}] +`, 'g');

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;

/**
 * lineStats(line).tight when it is at most `cap`, else a number above `cap`: the gap walk of {@link lineStats}
 * (the same reading of surrogates), stopped once the count passes `cap`.
 */
function tightUpTo(f: LineFacts, cap: number): number {
  if (f.tight !== undefined) return f.tight;
  if (f.tightAbove >= cap) return cap + 1;
  const line = f.line;
  let tight = 0;
  let prevTight = false;
  for (let i = 0; i < line.length; i++) {
    let c = line.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < line.length) {
      c = ((c - 0xd800) << 10) + (line.charCodeAt(i + 1) - 0xdc00) + 0x10000;
      i++;
    }
    const t = c >= 0x2e80 && isTightCode(c);
    if (t && prevTight && ++tight > cap) {
      f.tightAbove = cap;
      return cap + 1;
    }
    prevTight = t;
  }
  f.tight = tight;
  return tight;
}

/**
 * lineStats(line).marks when it is at most `cap`, else a number above `cap`: every full-width mid-sentence mark
 * and every ASCII `, ; : ? !` in a Chinese sentence ({@link chineseContext}). lineStats visits each such mark
 * once however it reads the surrogates around it (a mark right after a high surrogate is read with it and still
 * counted), so the count goes by position.
 */
function marksUpTo(f: LineFacts, cap: number): number {
  if (f.marks !== undefined) return f.marks;
  if (f.marksAbove >= cap) return cap + 1;
  const line = f.line;
  let marks = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (midFull[c] === 1 || (asciiMark[c] === 1 && chineseContext(line, i, (f.brackets ??= lazyBrackets(line))))) {
      if (++marks > cap) {
        f.marksAbove = cap;
        return cap + 1;
      }
    }
  }
  f.marks = marks;
  return marks;
}

/**
 * {@link letterSpacedLines}'s decision from the lines' {@link LineFacts}, counting `tight` only as far as each test
 * needs. With the lines' gap counts ({@link lineStats} without the marks): the page is spaced when `spaced >= 4 && tight <= spaced` (page totals); a line with `spaced >= 2` when
 * `tight <= spaced` (`spaced * 2 >= tight + spaced`), else on a spaced page when `3 * tight <= 7 * spaced`
 * (`spaced * 10 >= (tight + spaced) * 3`).
 */
function letterSpacedFromFacts(facts: readonly LineFacts[]): boolean[] {
  let spacedAll = 0;
  for (const f of facts) spacedAll += f.spaced;
  let pageSpaced = false;
  if (spacedAll >= 4) {
    let tightAll = 0;
    pageSpaced = true;
    for (const f of facts) {
      tightAll += tightUpTo(f, spacedAll - tightAll);
      if (tightAll > spacedAll) {
        pageSpaced = false;
        break;
      }
    }
  }
  return facts.map((f) => {
    if (f.spaced === 0) return false;
    if (!pageSpaced && f.spaced < 2) return false;
    const cap = pageSpaced ? Math.floor((7 * f.spaced) / 3) : f.spaced;
    const tight = tightUpTo(f, cap);
    if (f.spaced >= 2 && tight <= f.spaced) return true;
    return pageSpaced && 3 * tight <= 7 * f.spaced;
  });
}
