/**
 * `punct/width`: the width of CJK punctuation, the sentence-final period, double quotes and mismatched
 * bracket pairs, by the document's own style.
 *
 * Convention (`--punctuation auto|fullwidth|halfwidth|keep`):
 * - `auto` follows the document's own majority: over all its kept pages, the width-ambiguous marks
 *   `, : ; ( ) ! ?` and their full-width forms `，：；（）！？` in CJK context are counted. A family (commas,
 *   colons, brackets...) with at least {@link FAMILY_EVIDENCE} marks follows its own majority (a book may write
 *   `，` but `(`); a sparser family follows the pooled majority (the seed writes `,:;()` half width and its
 *   stray `：` follows the commas). A majority under {@link CLEAR_SHARE} is no house style: left alone. With fewer than {@link MIN_EVIDENCE} such marks (a one-sentence input)
 *   the Chinese copywriting guidelines decide: full width in Chinese sentences, half width inside complete
 *   English sentences (a mark with no CJK next to it is never touched).
 * - A sentence-final `.` becomes `。` when the document uses `。` for at least {@link STOP_SHARE} of its sentences:
 *   right after CJK text or a closing `）”》」`; after a closing mark also mid-line before more Chinese
 *   (`（定理二）.下面`); after a whole number that ends a Chinese sentence at the end of a line (`设为 0.5.`). Never
 *   a list label's period (`• 标签. 正文`, `1. 安装`, `步骤 3. 评估`), a decimal point, a version or an address
 *   (`2.4.1`), a number after Latin text (`Python 3.11.`), an ellipsis ({@link cjkSentencePeriod}).
 * - Paired ASCII double quotes around Chinese text become `“”` (GB/T 15834) unless the document clearly writes
 *   its quotes that way: at least {@link QUOTE_EVIDENCE} quote pairs around Chinese in all, ASCII ones the majority
 *   (a line or two with two or three pairs is no house style). Quotes around Latin only (`"npm test"`) stay.
 * - A bracket pair of mixed widths (`(…）`) is unified to the document's width (to full width with no space
 *   between it and the words outside it: the mixed pair is itself OCR damage); an ASCII pair around CJK text
 *   becomes full width in a full-width document; pairs around Latin only (`vim(1)`) stay.
 * When a mark becomes full width, the spaces around it go as space/punctuation would remove them (before a
 * closing mark always; after it where the space cannot be a printed wrap; around quotes and brackets only on
 * lines with OCR padding). A half-width mark followed by a space on a page that keeps its line breaks is the
 * author's English-style mark (`空格, 制表符`) and stays, unless the line shows OCR padding; a mark with spaces on
 * both sides between CJK text (`三类 : 分类`) is OCR padding in any style, so it is converted and its spaces go
 * (a half-width family keeps it half width: the spaces are then space/punctuation's). `fullwidth`/`halfwidth` force a width; `keep` turns the
 * rule off. Sources: GB/T 15834-2011, the Chinese copywriting guidelines (中文文案排版指北), the seed's style.
 *
 * Shape: one edit per mark (with the spaces it swallows), UTF-16 offsets.
 */
import type { Edit, Rule, RuleContext } from '../types.js';
import { CJK } from './classes.js';
import { bracketChinese, bracketPairs, chineseContext, isCodeLine, lazyBrackets, lazyBracketsOf, lineSpans, paddedLines } from './spacing-lines.js';

/** Share of `。` among the document's sentence ends after CJK needed before a `.` there becomes `。`. */
export const STOP_SHARE = 0.8;

/** Below this many width-ambiguous marks in CJK context, the copywriting guidelines decide. */
export const MIN_EVIDENCE = 5;

/**
 * Below this many double-quote pairs around Chinese (ASCII pairs and `“`), GB/T 15834 decides (`“”`): one
 * sentence that quotes two or three terms in ASCII quotes is no house style (the same bar as {@link MIN_EVIDENCE}).
 */
export const QUOTE_EVIDENCE = 5;

/** Half-width marks and their full-width forms. */
export const TO_FULL: Readonly<Record<string, string>> = { ',': '，', ':': '：', ';': '；', '!': '！', '?': '？', '(': '（', ')': '）' };
export const TO_HALF: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(TO_FULL).map(([h, f]) => [f, h]));

/** Mark families: a mark and its other-width form share one. */
export type Family = 'comma' | 'colon' | 'semicolon' | 'exclamation' | 'question' | 'bracket';
export const FAMILY: Readonly<Record<string, Family>> = {
  ',': 'comma', '，': 'comma', ':': 'colon', '：': 'colon', ';': 'semicolon', '；': 'semicolon',
  '!': 'exclamation', '！': 'exclamation', '?': 'question', '？': 'question', '(': 'bracket', ')': 'bracket', '（': 'bracket', '）': 'bracket',
};
/** {@link FAMILY} by char code (no one-character string to make per mark). */
const FAMILY_OF_CODE: ReadonlyMap<number, Family> = new Map(Object.entries(FAMILY).map(([ch, f]) => [ch.charCodeAt(0), f]));
/**
 * A family with at least this many marks follows its own majority (a book may write `，` but `(`); a sparser
 * family follows the pooled majority (the seed's stray `:` follows its commas).
 */
export const FAMILY_EVIDENCE = 5;
/** A majority below this share is no house style: the family (or the pool) is left as it is. */
export const CLEAR_SHARE = 0.7;

/** `keep`: the document is mixed, leave the marks as they are. */
type Width = 'fullwidth' | 'halfwidth' | 'guideline' | 'keep';

/** Per-document state computed by `analyze`. */
export interface WidthState {
  /** The pooled decision. `guideline`: too little evidence, full width in Chinese sentences. */
  marks: Width;
  /**
   * Per mark family: its own clear majority (a book may write `，` but `(`), else the pooled decision (so the
   * seed's stray `:` follows its commas).
   */
  family: Record<Family, Width>;
  /** Sentence-final `.` after CJK becomes `。`. */
  fullStop: boolean;
  /** ASCII quote pairs around CJK become “”. */
  curlyQuotes: boolean;
  /** The evidence, for the report and tests. */
  counts: Counts;
}
interface Counts {
  half: number;
  full: number;
  fullStops: number;
  cjkPeriods: number;
  curly: number;
  asciiPairs: number;
  byFamily: Record<Family, { half: number; full: number }>;
}

const cjkRe = new RegExp(`[${CJK}]`, 'u');
const isCjkCh = (ch: string | undefined) => ch !== undefined && cjkRe.test(ch);
/** Marks after which a `.` still ends a Chinese sentence. */
const CLOSERS = '）”’》】」』';
/** Bullet markers that open a list item (whose label's period is no sentence end). */
const BULLETS = '•·・●▪◦';
/** Sentence or clause marks that end the search back for a bullet. */
const CLAUSE_END = '。！？，；：,;:!?.';

const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';

/**
 * Where the number that ends right before `end` starts, when it is a whole number after Chinese text: digits
 * with at most one decimal point (`0.5`, `128`), an optional sign and an optional `%`/`％` after it, set after
 * CJK text (spaces between allowed: `设为 0.5`). -1 for anything else: a version or an IP address (`1.2.3`), a
 * date or time (`2024-03-27`, `10:30`), a number after a Latin word (`Python 3.12`, `RFC 2616`) or at the start
 * of the line (a list number `1.`).
 */
export function numberAfterCjk(line: string, end: number): number {
  let j = end - 1;
  if (line[j] === '%' || line[j] === '％') j--;
  if (!isDigit(line[j])) return -1;
  while (isDigit(line[j - 1])) j--;
  if (line[j - 1] === '.' && isDigit(line[j - 2])) {
    j -= 2;
    while (isDigit(line[j - 1])) j--;
  }
  if (line[j - 1] === '-' || line[j - 1] === '+') j--;
  let k = j - 1;
  while (k >= 0 && line[k] === ' ') k--;
  return k >= 0 && isCjkCh(line[k]) ? j : -1;
}

/**
 * True when the `.` at `i` ends a Chinese sentence (see the module doc):
 * - right after CJK text or a closing mark `）”》」…`, at the end of the line, before a space or a closing mark;
 * - right after a closing mark, before CJK text too (`（定理二）.下面`, `“瓶颈”.然后`): no label or token has
 *   that shape (after a plain CJK character, `一.概述` may be a heading label, so that stays); not after a list
 *   label (`1）.安装`, `（一）.概述`) nor in a reference list entry (`[1] 周志华.《机器学习》.北京`,
 *   `周志华.机器学习（第2版）.北京`: GB/T 7714 separates its elements with `.`, two or more on a line);
 * - right after a whole number that follows CJK text ({@link numberAfterCjk}: `设为 0.5.`), only at the end of
 *   the line or before a closing mark, and not a single digit: before more text, or alone at a line end, it may
 *   be a label (`步骤 1. 打开`, `步骤 3.` with its text on the next line).
 * Never a list label's period (a bullet within the last 25 characters before it, or before its number, with no
 * clause mark in between).
 */
/**
 * Whether the bracket closing at `close` ends a list label at the start of the line (`1）.安装`, `（一）.概述`,
 * `(a).`): an item number or letter of at most three characters in brackets.
 */
function labelBefore(line: string, close: number): boolean {
  const head = line.slice(0, close + 1).trimStart();
  return /^[（(]?[0-9A-Za-z一二三四五六七八九十]{1,3}[）)]$/.test(head);
}

/**
 * The periods of a line that sit between Chinese elements with no space (`刘慈欣.重庆出版社`, `）.北京`,
 * `》.刘`): one is a sentence end; two or more are the element separators of a reference entry (GB/T 7714).
 */
function separatorPeriods(line: string): number {
  let n = 0;
  for (let i = line.indexOf('.'); i > 0 && i < line.length - 1; i = line.indexOf('.', i + 1)) {
    const p = line[i - 1], q = line[i + 1];
    if ((isCjkCh(p) || CLOSERS.includes(p) || p === ')') && (isCjkCh(q) || q === '《' || isDigit(q))) n++;
  }
  return n;
}

/** A reference list entry: a line that starts with its number (`[1] 周志华. …`) or has `.《` (author.《title》). */
const REFERENCE_ENTRY = /^\s*[[［][0-9]{1,3}[\]］]|\.《/;

export function cjkSentencePeriod(line: string, i: number, fullClose?: ReadonlySet<number>): boolean {
  const p = line[i - 1];
  const n = line[i + 1];
  if (p === undefined) return false;
  // a `)` that this run turns into `）` counts as that closer already (else the next run would see `.）`)
  const closer = (k: number) => CLOSERS.includes(line[k]) || ((line[k] === ')' || line[k] === '"') && fullClose?.has(k) === true);
  let from = i - 1; // where the search back for a bullet starts
  if (isCjkCh(p) || closer(i - 1)) {
    // (mid-line after a closer: not in a reference list entry, whose elements GB/T 7714 separates with `.`:
    // `[1] 周志华.《机器学习》.北京`)
    const midLine = closer(i - 1) && isCjkCh(n) && !REFERENCE_ENTRY.test(line) && !labelBefore(line, i - 1) && separatorPeriods(line) < 2;
    if (n !== undefined && n !== ' ' && n !== '\t' && !closer(i + 1) && !midLine) return false; // label period or token
  } else {
    const start = numberAfterCjk(line, i);
    if (start < 0) return false;
    if (/^[+-]?[0-9]$/.test(line.slice(start, i))) return false; // `步骤 3.` at a line end: a label, its text below
    if (n !== undefined && !closer(i + 1) && line.slice(i + 1).trim() !== '') return false; // a label's period, or a token
    from = start - 1;
  }
  // a list label's period: a bullet within the last 25 characters, with no clause mark in between
  for (let j = from; j >= 0 && j >= i - 25; j--) {
    const c = line[j];
    if (BULLETS.includes(c)) return false;
    if (CLAUSE_END.includes(c)) break;
  }
  return true;
}

/** ASCII double-quote pairs on one line (only when the line holds an even number of them). */
export function quotePairs(line: string): Array<[number, number]> {
  const idx: number[] = [];
  for (let i = line.indexOf('"'); i >= 0; i = line.indexOf('"', i + 1)) idx.push(i);
  if (idx.length % 2 !== 0) return [];
  const out: Array<[number, number]> = [];
  for (let k = 0; k < idx.length; k += 2) out.push([idx[k], idx[k + 1]]);
  return out;
}

const hasCjk = (s: string) => cjkRe.test(s);

/** Opening CJK marks that may start the clause after a mark. */
const OPENERS = '（“‘《【「『';
/** Brackets that may end or start the clauses on either side of a spaced mark (either width: a run converts them). */
const SPACED_CLOSERS = '）》】」』)';
const SPACED_OPENERS = '（《【「『(';
/**
 * True when the nearest non-spaces on both sides of the mark at `i` are CJK text (or a closing bracket before
 * it, an opening one after it): `三类 : 分类`, `（一） , 其次`. Brackets of both widths count and quotes do not,
 * so that the answer is the same before and after this rule converts a bracket pair or a quote pair.
 */
export function spacedMarkBetweenCjk(line: string, i: number): boolean {
  let p = i - 1;
  while (p >= 0 && line[p] === ' ') p--;
  let n = i + 1;
  while (n < line.length && line[n] === ' ') n++;
  return p >= 0 && n < line.length && (isCjkCh(line[p]) || SPACED_CLOSERS.includes(line[p])) && (isCjkCh(line[n]) || SPACED_OPENERS.includes(line[n]));
}

/**
 * The characters {@link tally} looks at: `[,:;!?，：；！？（）。.“]`, by char code: 1 a full-width mark of
 * {@link TO_HALF}, 2 a half-width `, : ; ! ?`, 3 `。`, 4 `.`, 5 `“`.
 */
const tallyKind = new Uint8Array(0x10000);
for (const ch of Object.keys(TO_HALF)) tallyKind[ch.charCodeAt(0)] = 1;
for (const ch of ',:;!?') tallyKind[ch.charCodeAt(0)] = 2;
tallyKind['。'.charCodeAt(0)] = 3;
tallyKind['.'.charCodeAt(0)] = 4;
tallyKind['“'.charCodeAt(0)] = 5;
/** The characters {@link tally} looks at (one regex scan instead of a test per character). */
const tallyG = /[,:;!?，：；！？（）。.“]/g;
/** The characters the first step of `apply` looks at. */
const markG = /[,:;!?，：；！？.]/g;

const markPatterns = new Map<string, RegExp>();
/**
 * The marks of {@link markG} that step 1 of `apply` can change under `st`: an ASCII `, : ; ! ?` whose family
 * becomes full width, a full-width one whose family becomes half width, `.` when the document uses `。`. The
 * others are passed over by step 1 whatever their context, so the scan skips them (one pattern per policy).
 */
function markPattern(st: WidthState): RegExp {
  let chars = '';
  for (const ch of ',:;!?') {
    const w = st.family[FAMILY[ch]];
    if (w === 'fullwidth' || w === 'guideline') chars += ch;
  }
  for (const ch of '，：；！？') if (st.family[FAMILY[ch]] === 'halfwidth') chars += ch;
  if (st.fullStop) chars += '.';
  let re = markPatterns.get(chars);
  if (!re) markPatterns.set(chars, (re = chars ? new RegExp(`[${chars.replace(/[\]\\^-]/g, '\\$&')}]`, 'g') : /[^\s\S]/g));
  return re;
}

/** Counts the evidence on one page. */
function tally(text: string, c: Counts): void {
  for (const l of lineSpans(text)) {
    const line = text.slice(l.start, l.end);
    if (!/[^\x00-\x7F]/.test(line) || isCodeLine(line)) continue;
    const brackets = lazyBrackets(line);
    // a regex scan for the marks; `test` moves lastIndex past the one-character match without a match object
    tallyG.lastIndex = 0;
    while (tallyG.test(line)) {
      const i = tallyG.lastIndex - 1;
      const kind = tallyKind[line.charCodeAt(i)];
      if (kind === 1) {
        c.full++;
        c.byFamily[FAMILY_OF_CODE.get(line.charCodeAt(i))!].full++;
      } else if (kind === 2) {
        if (chineseContext(line, i, brackets)) {
          c.half++;
          c.byFamily[FAMILY_OF_CODE.get(line.charCodeAt(i))!].half++;
        }
      } else if (kind === 3) c.fullStops++;
      else if (kind === 4) {
        if (cjkSentencePeriod(line, i)) c.cjkPeriods++;
      } else c.curly++;
    }
    for (const [a, b] of bracketPairs(line)) {
      if (bracketChinese(line, a, b)) {
        const n = (line[a] === '(' ? 1 : 0) + (line[b] === ')' ? 1 : 0);
        c.half += n;
        c.byFamily.bracket.half += n;
      }
    }
    for (const [a, b] of quotePairs(line)) if (hasCjk(line.slice(a + 1, b))) c.asciiPairs++;
  }
}

/** Decides the document's policy from its pages. */
export function analyzeWidth(pages: readonly string[], style: RuleContext['style']): WidthState {
  const fam = () => ({ half: 0, full: 0 });
  const counts: Counts = {
    half: 0, full: 0, fullStops: 0, cjkPeriods: 0, curly: 0, asciiPairs: 0,
    byFamily: { comma: fam(), colon: fam(), semicolon: fam(), exclamation: fam(), question: fam(), bracket: fam() },
  };
  for (const p of pages) tally(p, counts);
  const total = counts.half + counts.full;
  const forced = style.punctuation === 'fullwidth' || style.punctuation === 'halfwidth';
  const decide = (half: number, full: number): Width => {
    if (Math.max(half, full) < (half + full) * CLEAR_SHARE) return 'keep';
    return full >= half ? 'fullwidth' : 'halfwidth';
  };
  // Families with their own evidence decide first; in the pool they count as what they will become, so that
  // converting them never moves the pooled decision (the rule stays idempotent).
  const entries = Object.entries(counts.byFamily) as Array<[Family, { half: number; full: number }]>;
  const own = new Map<Family, Width>();
  let poolHalf = 0, poolFull = 0;
  for (const [f, c] of entries) {
    const n = c.half + c.full;
    if (!forced && total >= MIN_EVIDENCE && n >= FAMILY_EVIDENCE) {
      const w = decide(c.half, c.full);
      own.set(f, w);
      poolHalf += w === 'halfwidth' ? n : w === 'keep' ? c.half : 0;
      poolFull += w === 'fullwidth' ? n : w === 'keep' ? c.full : 0;
    } else {
      poolHalf += c.half;
      poolFull += c.full;
    }
  }
  let marks: Width;
  if (forced) marks = style.punctuation as Width;
  else if (total < MIN_EVIDENCE) marks = 'guideline';
  else marks = decide(poolHalf, poolFull);
  const family = {} as Record<Family, Width>;
  for (const [f] of entries) family[f] = own.get(f) ?? marks;
  const fewStops = counts.fullStops + counts.cjkPeriods < 3;
  const fullStop = style.punctuation === 'halfwidth' ? false : fewStops || counts.fullStops >= (counts.fullStops + counts.cjkPeriods) * STOP_SHARE;
  const fewQuotes = counts.curly + counts.asciiPairs < QUOTE_EVIDENCE;
  const curlyQuotes = style.punctuation === 'halfwidth' ? false : fewQuotes || counts.curly >= counts.asciiPairs;
  return { marks, family, fullStop, curlyQuotes, counts };
}

export const punctWidth: Rule = {
  id: 'punct/width',
  description: 'Punctuation width by the document\'s majority (guidelines when in doubt); 。 for a sentence-final period; “” for quotes around Chinese; mismatched bracket pairs unified.',
  defaultLevel: 'fix',
  example: { before: '所谓"过拟合"，是指(训练误差）很低.', after: '所谓“过拟合”，是指（训练误差）很低。' },
  source: 'GB/T 15834-2011; Chinese copywriting guidelines (中文文案排版指北); the book\'s own majority',
  analyze(pages, ctx) {
    return analyzeWidth(pages, ctx.style);
  },
  apply(text, ctx) {
    if (ctx.style.punctuation === 'keep') return [];
    const st = (ctx.state as WidthState | undefined) ?? analyzeWidth([text], ctx.style);
    const full = (ch: string) => st.family[FAMILY[ch]] === 'fullwidth' || st.family[FAMILY[ch]] === 'guideline';
    const half = (ch: string) => st.family[FAMILY[ch]] === 'halfwidth';
    const edits: Array<Edit & { at: number }> = [];
    const lines = lineSpans(text);
    // the padding evidence is read only when a mark is changed or its space judged (a page without either skips it)
    let padding: boolean[] | undefined;
    const paddedAt = (li: number) => (padding ??= paddedLines(text, ctx.layout, lines))[li];
    const marks = markPattern(st);
    lines.forEach((l, li) => {
      const line = text.slice(l.start, l.end);
      if (!/[^\x00-\x7F]/.test(line) || isCodeLine(line)) return;
      const padded = () => paddedAt(li);
      const tight = () => ctx.layout === 'line' || paddedAt(li);
      /** Replaces the mark at i, swallowing spaces before it (never indentation) and after it (never trailing). */
      const put = (i: number, mark: string, message: string, eatBefore: boolean, eatAfter: boolean) => {
        let s = i, e = i + 1;
        if (eatBefore) {
          let j = s;
          while (j > 0 && line[j - 1] === ' ') j--;
          if (j > 0) s = j;
        }
        if (eatAfter) {
          let j = e;
          while (j < line.length && line[j] === ' ') j++;
          if (j < line.length) e = j;
        }
        edits.push({ start: l.start + s, end: l.start + e, text: mark, rule: this.id, level: 'fix', message, at: l.start + i });
      };
      // 1. , : ; ! ? and the sentence-final period in Chinese context. A half-width mark followed by a space in a
      // block page is the author's English-style mark (`空格, 制表符`) unless the line is padded: left alone.
      // After a Latin word, a bracket or a quote, a mark followed by a space is an English-style list mark
      // (`ssh(1), 和`, `”/var/lock”, 和`) unless the line is padded.
      const spaceAfterOk = (i: number) => {
        if (line[i + 1] !== ' ' || padded()) return true;
        return ctx.layout === 'line' && isCjkCh(line[i - 1]);
      };
      // A mark with spaces on both sides between CJK text (`三类 : 分类`) is OCR padding whatever the page shows:
      // no style sets a space before a comma or colon (the English-style mark has one after it only). It is
      // converted like a tight one and its spaces go with it.
      const spacedBetweenCjk = (i: number) => line[i - 1] === ' ' && line[i + 1] === ' ' && spacedMarkBetweenCjk(line, i);
      // which bracket pairs step 2 converts (a Chinese pair, not a Latin-style one set off by spaces)
      const wordAt = (i: number) => i >= 0 && i < line.length && /[\p{L}\p{N}]/u.test(line[i]);
      const converts = (a: number, b: number) => {
        if (!bracketChinese(line, a, b)) return false;
        // a matched ASCII pair set off by a space outside it (`文件 (参见 x(5)) 来`) is the typesetter's Latin-style
        // parenthesis, not OCR damage: only a pair of mixed widths or a tight ASCII pair is converted
        // (a space between the pair and a punctuation mark is OCR padding, which space/punctuation removes: it does
        // not count, or the answer would change once the padding is gone)
        const spacedOutside = (line[a - 1] === ' ' && wordAt(a - 2)) || (line[b + 1] === ' ' && wordAt(b + 2));
        return !(line[a] === '(' && line[b] === ')' && spacedOutside && ctx.style.punctuation === 'auto');
      };
      const pairs = line.includes(')') || line.includes('）') ? bracketPairs(line) : [];
      // (pairs is the line's bracketPairs: a pair needs a closing bracket)
      const brackets = lazyBracketsOf(line, pairs);
      // converts(a, b) of each pair, asked by the period test and by step 2: worked out once (-1: not yet)
      const conv = new Int8Array(pairs.length).fill(-1);
      const convertsAt = (k: number) => (conv[k] === -1 ? (conv[k] = converts(pairs[k][0], pairs[k][1]) ? 1 : 0) : conv[k]) === 1;
      const fullClose = new Set<number>();
      if (full('(')) for (let k = 0; k < pairs.length; k++) if (line[pairs[k][1]] === ')' && convertsAt(k)) fullClose.add(pairs[k][1]);
      // a closing ASCII quote that step 3 turns into ” counts as one too (else the next run would see `”.`)
      if (st.curlyQuotes && line.includes('"')) for (const [a, b] of quotePairs(line)) if (hasCjk(line.slice(a + 1, b))) fullClose.add(b);
      // (only the marks step 1 can change under this policy: see markPattern)
      marks.lastIndex = 0;
      while (marks.test(line)) {
        const i = marks.lastIndex - 1;
        const ch = line[i];
        if ((ch === ',' || ch === ':' || ch === ';' || ch === '!' || ch === '?') && full(ch)) {
          if (spacedBetweenCjk(i)) put(i, TO_FULL[ch], `half-width ${ch} padded with spaces between Chinese clauses -> ${TO_FULL[ch]}`, true, true);
          else if (chineseContext(line, i, brackets) && spaceAfterOk(i)) put(i, TO_FULL[ch], `half-width ${ch} in a Chinese sentence -> ${TO_FULL[ch]}`, tight(), padded());
        } else if ('，：；！？'.includes(ch) && half(ch) && chineseContext(line, i, brackets)) {
          put(i, TO_HALF[ch], `${ch} -> ${TO_HALF[ch]} (the document writes this mark half width)`, false, false);
        } else if (ch === '.' && st.fullStop && cjkSentencePeriod(line, i, fullClose) && spaceAfterOk(i)) {
          put(i, '。', 'sentence-final period after Chinese text -> 。', tight(), padded());
        }
      }
      // 2. brackets, in pairs
      for (let k = 0; k < pairs.length; k++) {
        const [a, b] = pairs[k];
        const o = line[a], c = line[b];
        if (!convertsAt(k)) continue;
        if (full('(')) {
          // a pair of mixed widths is OCR damage in itself: unified with no space between it and the words outside
          // it (`处理器 (GPU） 可以` -> `处理器（GPU）可以`); a space inside it or next to a mark is left to the rules
          // that judge those (the source text may have `（已修复 bug )`)
          const mixed = (o === '(') !== (c === ')');
          const outBefore = mixed && line[a - 1] === ' ' && wordAt(a - 2);
          const outAfter = mixed && line[b + 1] === ' ' && wordAt(b + 2);
          if (o === '(') put(a, '（', 'bracket pair -> full width', outBefore || padded(), tight());
          else if (outBefore) put(a, '（', 'no space between words and a unified bracket pair', true, false);
          if (c === ')') put(b, '）', 'bracket pair -> full width', tight(), outAfter || padded());
          else if (outAfter) put(b, '）', 'no space between a unified bracket pair and words', false, true);
        } else if (half('(')) {
          if (o === '（') put(a, '(', 'bracket pair -> half width', false, false);
          if (c === '）') put(b, ')', 'bracket pair -> half width', false, false);
        }
      }
      // 3. ASCII double quotes around Chinese text
      if (st.curlyQuotes) {
        for (const [a, b] of quotePairs(line)) {
          if (!hasCjk(line.slice(a + 1, b))) continue;
          put(a, '“', 'ASCII quote around Chinese text -> “', false, tight());
          put(b, '”', 'ASCII quote around Chinese text -> ”', tight(), padded());
        }
      }
    });
    // two marks may both claim the spaces between them (`模型: ,模`): the first keeps them, the second starts at
    // its own mark; an edit whose mark is already covered is dropped
    edits.sort((x, y) => x.at - y.at);
    const out: Edit[] = [];
    let end = 0;
    for (const { at, ...e } of edits) {
      if (at < end) continue;
      out.push(e.start < end ? { ...e, start: end } : e);
      end = e.end;
    }
    return out;
  },
};
