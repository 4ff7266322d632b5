/**
 * Quality evidence for choosing among the passes of one printed page (DESIGN.md step 3).
 *
 * A pass's score is minus its weighted anomalies per 100 non-space characters (higher is better). Anomalies are
 * (a) what the rules would change (counted by the pipeline: missing CJK-Latin spaces, lookalike tokens, brackets,
 * punctuation...), (b) the OCR symptoms below, found in the pass alone, and (c) evidence that needs the other passes
 * and the rest of the document: a lookalike CJK character where a sibling pass reads the more plausible one, a Latin
 * word nobody else attests, a page number the others have.
 * Source of every kind: observed tesseract output on scanned Chinese technical books (corpus READMEs).
 */
import { charTable, CJK, codePointAt, codePointBefore, codePointClass, cpLength, isCjkCode, MIN_CJK_UNIT } from '../rules/classes.js';

/** An OCR symptom found in one pass alone: a pattern and its weight per match. */
interface Symptom {
  kind: string;
  /** The pattern (global): a page's count is its number of matches ({@link symptomCounts} counts them). */
  re: RegExp;
  weight: number;
  /** What it shows. */
  note: string;
}

/** ASCII and CJK punctuation a normal page uses; other symbols are OCR debris. */
const NORMAL_PUNCT = '，。、；：？！“”‘’（）《》【】「」『』〈〉…—–·•～∼％．・←→';

/** Ordered table of single-pass symptoms. Counts are matches; a page's score sums weight x count. */
export const SYMPTOMS: readonly Symptom[] = [
  {
    kind: 'letter-spacing', weight: 1, note: 'a space between two CJK characters (OCR word segmentation)',
    re: new RegExp(`(?<=[${CJK}])[ \\t]+(?=[${CJK}])`, 'gu'),
  },
  {
    kind: 'space-run', weight: 1, note: 'a run of spaces inside a line (layout gap read as text)',
    re: /(?<=\S)[ \t]{2,}(?=\S)/gu,
  },
  {
    kind: 'stray-symbol', weight: 1, note: 'a symbol a book page does not use (©, ¢, », box rules...)',
    re: new RegExp(`(?![${NORMAL_PUNCT}])[\\p{S}\\p{P}\\p{Co}\\uFFFD](?<![\\x00-\\x7F])`, 'gu'),
  },
  {
    kind: 'lone-mark', weight: 1, note: 'a punctuation mark standing alone between spaces',
    re: /(?<=\s)[|'"`*:;.,_~^<>](?=\s)/gu,
  },
];

/** `\s` of a regular expression, by UTF-16 unit (every `\s` character is in the BMP; a surrogate is never one). */
const spaceClass = codePointClass(/^\s$/u);
/** {@link spaceClass}, with the ranges that hold no `\s` character (U+0021-U+009F, above U+3000 but U+FEFF) answered first. */
const isSpaceUnit = (c: number): boolean => (c <= 0x20 || (c >= 0xa0 && (c <= 0x3000 || c === 0xfeff))) && spaceClass(c);
/** A symbol a book page does not use: `(?![NORMAL_PUNCT])[\p{S}\p{P}\p{Co}\uFFFD]`, for a non-ASCII code point. */
const isStraySymbol = codePointClass(new RegExp(`^(?![${NORMAL_PUNCT}])[\\p{S}\\p{P}\\p{Co}\\uFFFD]$`, 'u'));
/** The marks of `lone-mark`, by char code. */
const LONE_MARKS = charTable('|\'"`*:;.,_~^<>');
/** True for a CJK code point ({@link CJK}); -1 (none) is not. */
const isCjk = (cp: number): boolean => cp >= MIN_CJK_UNIT && isCjkCode(cp);

/**
 * The number of matches of each pattern of {@link SYMPTOMS} in `text`, in table order, found in one walk over its
 * code points (property-tested against the patterns):
 * - letter-spacing, space-run: runs of spaces and tabs. A match is a whole maximal run: its lookbehind on a
 *   non-blank character can only start it at the start of a run, its lookahead only end it at the run's end; the
 *   code points around the run decide (CJK on both sides; two or more blanks between non-`\s` characters);
 * - stray-symbol: each non-ASCII code point of the class;
 * - lone-mark: each mark with a `\s` unit on both sides (no `\s` character is a surrogate).
 */
export function symptomCounts(text: string): [number, number, number, number] {
  let spacing = 0, runs = 0, stray = 0, lone = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09) {
      let j = i + 1;
      while (j < text.length && (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x09)) j++;
      const before = codePointBefore(text, i), after = codePointAt(text, j);
      if (isCjk(before) && isCjk(after)) spacing++;
      if (j - i >= 2 && before >= 0 && after >= 0 && !isSpaceUnit(before) && !isSpaceUnit(after)) runs++;
      i = j - 1; // text[j] is not blank: the next turn reads it
    } else if (c < 0x80) {
      if (LONE_MARKS[c] === 1 && i > 0 && i + 1 < text.length && isSpaceUnit(text.charCodeAt(i - 1)) && isSpaceUnit(text.charCodeAt(i + 1))) lone++;
    } else if (c < 0x4e00 || c > 0x9fff) {
      // (U+4E00-U+9FFF, the CJK ideographs, are letters: never a stray symbol)
      const cp = codePointAt(text, i);
      if (isStraySymbol(cp)) stray++;
      if (cp > 0xffff) i++;
    }
  }
  return [spacing, runs, stray, lone];
}

/** Bracket families (width ignored: OCR often reads （ as ( ). */
const OPEN: Record<string, string> = { '(': 'r', '（': 'r', '[': 's', '【': 's', '〔': 's', '〈': 'a', '《': 'a', '{': 'c' };
const CLOSE: Record<string, string> = { ')': 'r', '）': 'r', ']': 's', '】': 's', '〕': 's', '〉': 'a', '》': 'a', '}': 'c' };
/** The same tables by UTF-16 code unit (every bracket is in the BMP): family number, positive to open, negative to close. */
const BRACKET = new Int8Array(0x10000);
const FAMILY: Record<string, number> = { r: 1, s: 2, a: 3, c: 4 };
for (const [ch, f] of Object.entries(OPEN)) BRACKET[ch.charCodeAt(0)] = FAMILY[f];
for (const [ch, f] of Object.entries(CLOSE)) BRACKET[ch.charCodeAt(0)] = -FAMILY[f];

/** Number of brackets without a partner of their family (a stack per page). */
export function unmatchedBrackets(text: string): number {
  const stack: number[] = [];
  let bad = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    // brackets are ASCII or in U+3008-U+3015 and U+FF08-U+FF09: a cheap range test skips every other character
    // (and keeps the table out of the way of CJK text)
    if (!(c <= 0x7d || (c >= 0x3008 && c <= 0x3015) || c === 0xff08 || c === 0xff09)) continue;
    const f = BRACKET[c];
    if (f === 0) continue;
    if (f > 0) stack.push(f);
    else {
      const i = stack.lastIndexOf(-f);
      if (i < 0) bad++;
      else {
        bad += stack.length - 1 - i;
        stack.length = i;
      }
    }
  }
  return bad + stack.length;
}

/** Single-pass anomaly counts by kind (`brackets` included). */
export function symptoms(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  const counts = symptomCounts(text);
  SYMPTOMS.forEach((s, k) => {
    const n = counts[k] * s.weight;
    if (n) out[s.kind] = n;
  });
  const b = unmatchedBrackets(text);
  if (b) out.brackets = b;
  return out;
}

/**
 * A folio (page number) at the start or end of a page: a bare 1-4 digit number, or `N / M`.
 */
export function hasFolio(text: string): boolean {
  const t = text.trim();
  return /(?:^|\s)\d{1,4}$/u.test(t) || /^\d{1,4}\s/u.test(t) || /(?:^|\s)\d{1,4} ?\/ ?\d{1,4}(?:\s|$)/u.test(t.slice(0, 80) + ' ' + t.slice(-80));
}

/**
 * Common OCR confusions among CJK characters: each group lists lookalikes, the most frequent in modern Chinese
 * first (used only when the document itself gives no evidence). Source: observed tesseract chi_sim misreads.
 */
export const CJK_LOOKALIKES: readonly string[] = [
  '字宇', '已己巳', '未末', '士土', '人入八', '日曰', '天夭', '千干于', '大太犬', '本木', '刀力', '儿几',
  '问间', '拔拨', '候侯', '戌戍戊', '折析', '免兔', '历厉', '准淮', '很狠', '微徽', '设没', '径经',
  '今令', '主王玉', '自白', '由田甲申', '待持侍', '辨辩', '往住', '体休', '见贝', '鸟乌', '毫亳', '汩汨',
];

const LOOK = new Map<string, { group: string; rank: number }>();
for (const g of CJK_LOOKALIKES) Array.from(g).forEach((c, rank) => LOOK.set(c, { group: g, rank }));

/** True when `ch` belongs to a lookalike group. */
export const isLookalike = (ch: string): boolean => LOOK.has(ch);

/** Lookalike characters by UTF-16 code unit (every lookalike is in the BMP): a table test in the hot loops. */
const LOOK_UNIT = new Uint8Array(0x10000);
for (const c of LOOK.keys()) LOOK_UNIT[c.charCodeAt(0)] = 1;

/** True when `text` holds a lookalike character. */
export function hasLookalike(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (LOOK_UNIT[text.charCodeAt(i)] === 1) return true;
  return false;
}

/** Lookalike group (index into {@link CJK_LOOKALIKES}) plus one by UTF-16 code unit (0: not a lookalike). */
const LOOK_GROUP = new Uint8Array(0x10000);
/** Rank of a lookalike in its group (0: most frequent) by UTF-16 code unit. */
const LOOK_RANK = new Uint8Array(0x10000);
for (const [c, { group, rank }] of LOOK) {
  LOOK_GROUP[c.charCodeAt(0)] = CJK_LOOKALIKES.indexOf(group) + 1;
  LOOK_RANK[c.charCodeAt(0)] = rank;
}
/** The members of each lookalike group as UTF-16 code units, in group order. */
const GROUP_UNITS: ReadonlyArray<readonly number[]> = CJK_LOOKALIKES.map((g) => Array.from(g, (c) => c.charCodeAt(0)));

/** The key of the bigram of code points `a` then `b` in {@link BigramCounts}. */
export const bigramKey = (a: number, b: number): number => a * 0x110000 + b;

/** The key of a two-character string (two code points). */
export function bigramKeyOf(bigram: string): number {
  const a = bigram.codePointAt(0)!;
  return bigramKey(a, bigram.codePointAt(a > 0xffff ? 2 : 1) ?? 0);
}

/**
 * Counts of bigrams looked up by {@link bigramKey} (a Map, a {@link BigramTable}, or a computed view). A lookup
 * made for a chosen set of bigrams ({@link ChosenBigrams}) may throw a RangeError for a bigram outside that set
 * rather than answer a wrong count: give it only the bigrams it was made for.
 */
export interface BigramLookup {
  get(key: number): number | undefined;
}

/**
 * Counts of bigrams of code points in typed arrays (open addressing on the pair): what {@link countLookalikeBigrams}
 * adds up over a whole document, without a Map entry (and a non-integer key) per bigram. `get` answers as a
 * `Map<number, number>` keyed by {@link bigramKey} would.
 */
export class BigramTable implements BigramLookup {
  private firsts = new Int32Array(1024);
  private seconds = new Int32Array(1024);
  private counts = new Int32Array(1024);
  private used = new Uint8Array(1024);
  /** Number of distinct bigrams held. */
  size = 0;

  /** The slot of bigram (a, b): where it is, or the free slot where it goes. */
  private slot(a: number, b: number): number {
    const mask = this.used.length - 1;
    let h = Math.imul(a, 0x9e3779b1) ^ b;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    let s = (h ^ (h >>> 13)) & mask;
    while (this.used[s] === 1 && (this.firsts[s] !== a || this.seconds[s] !== b)) s = (s + 1) & mask;
    return s;
  }

  /** Adds `delta` to the count of the bigram of code points `a` then `b`. */
  add(a: number, b: number, delta: number): void {
    let s = this.slot(a, b);
    if (this.used[s] === 0) {
      if (2 * (this.size + 1) > this.used.length) {
        this.grow();
        s = this.slot(a, b);
      }
      this.used[s] = 1;
      this.firsts[s] = a;
      this.seconds[s] = b;
      this.size++;
    }
    this.counts[s] += delta;
  }

  /** The count of the bigram of code points `a` then `b`, or undefined when it was never added. */
  count(a: number, b: number): number | undefined {
    const s = this.slot(a, b);
    return this.used[s] === 1 ? this.counts[s] : undefined;
  }

  /** The count of the bigram with key `key` ({@link bigramKey}), or undefined when it was never added. */
  get(key: number): number | undefined {
    const a = Math.floor(key / 0x110000);
    return this.count(a, key - a * 0x110000);
  }

  /** Forgets every count (keeps the space). */
  clear(): void {
    this.used.fill(0);
    this.size = 0;
  }

  private grow(): void {
    const { firsts, seconds, counts, used } = this;
    const size = used.length * 2;
    this.firsts = new Int32Array(size);
    this.seconds = new Int32Array(size);
    this.counts = new Int32Array(size);
    this.used = new Uint8Array(size);
    for (let s = 0; s < used.length; s++) {
      if (used[s] === 0) continue;
      const t = this.slot(firsts[s], seconds[s]);
      this.used[t] = 1;
      this.firsts[t] = firsts[s];
      this.seconds[t] = seconds[s];
      this.counts[t] = counts[s];
    }
  }
}

/**
 * Counts of character bigrams (whitespace removed) that contain a lookalike character, keyed by
 * {@link bigramKey} (a number: no string is built per bigram on the document-wide count).
 */
export type BigramCounts = Map<number, number> | BigramTable;

/** Adds (sign 1) or removes (sign -1) the lookalike bigrams of `text` to `counts`. Walks code points. */
export function countLookalikeBigrams(text: string, counts: BigramCounts, sign = 1): void {
  const table = counts instanceof BigramTable ? counts : undefined;
  let prev = -1;
  let prevLook = false;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    // whitespace: ASCII controls and space, NBSP, U+2000-U+200B, ideographic space
    if (c <= 0x20) continue;
    let look = false;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // a surrogate pair: one code point, never a lookalike
      c = ((c - 0xd800) << 10) + (text.charCodeAt(i + 1) - 0xdc00) + 0x10000;
      i++;
    } else if (c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200b)) continue;
    else look = LOOK_UNIT[c] === 1;
    if (prev >= 0 && (prevLook || look)) {
      if (table) table.add(prev, c, sign);
      else {
        const map = counts as Map<number, number>;
        const k = bigramKey(prev, c);
        map.set(k, (map.get(k) ?? 0) + sign);
      }
    }
    prev = c;
    prevLook = look;
  }
}

/** Whitespace of the bigram walk ({@link countLookalikeBigrams}): ASCII controls, space, NBSP, U+2000-U+200B, U+3000. */
const isBigramGap = (c: number): boolean => c <= 0x20 || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200b);

/**
 * Counts of chosen lookalike bigrams over texts: what {@link countLookalikeBigrams} would count for them, found
 * from their lookalike alone. Each chosen bigram is counted at one of its characters (its first when that is a
 * lookalike, else its second): a scan finds those characters (a pattern of them), and the neighbouring code point
 * across whitespace says which bigram stands there.
 */
export class ChosenBigrams implements BigramLookup {
  private readonly table = new BigramTable();
  /** By code unit: 1, counts the chosen bigrams it starts; 2, those it ends after a non-lookalike. */
  private readonly pivot = new Map<number, number>();
  private readonly pattern: RegExp;

  /** @param bigrams the bigrams to count (code points a then b; one of them a lookalike) */
  constructor(bigrams: Iterable<readonly [number, number]>) {
    for (const [a, b] of bigrams) {
      this.table.add(a, b, 0);
      const first = a < 0x10000 && LOOK_UNIT[a] === 1;
      if (!first && !(b < 0x10000 && LOOK_UNIT[b] === 1)) throw new RangeError('ChosenBigrams: a bigram without a lookalike');
      const at = first ? a : b;
      this.pivot.set(at, (this.pivot.get(at) ?? 0) | (first ? 1 : 2));
    }
    // every lookalike is a BMP ideograph: no escaping needed; (?!) matches nothing
    const chars = [...this.pivot.keys()].map((c) => String.fromCharCode(c)).join('');
    this.pattern = new RegExp(chars ? `[${chars}]` : '(?!)', 'g');
  }

  /** Counts the chosen bigrams of `text`. */
  addText(text: string): void {
    const re = this.pattern;
    re.lastIndex = 0;
    while (re.test(text)) {
      const q = re.lastIndex - 1;
      const c = text.charCodeAt(q);
      const role = this.pivot.get(c)!;
      if (role & 1) {
        // the next code point across whitespace (a surrogate pair as one)
        let j = q + 1;
        while (j < text.length && isBigramGap(text.charCodeAt(j))) j++;
        if (j < text.length) {
          const next = codePointAt(text, j);
          if (this.table.count(c, next) !== undefined) this.table.add(c, next, 1);
        }
      }
      if (role & 2) {
        // the previous code point across whitespace; a lookalike there counts the bigram itself (role 1)
        let j = q - 1;
        while (j >= 0 && isBigramGap(text.charCodeAt(j))) j--;
        if (j >= 0) {
          const prev = codePointBefore(text, j + 1);
          if (!(prev < 0x10000 && LOOK_UNIT[prev] === 1) && this.table.count(prev, c) !== undefined) this.table.add(prev, c, 1);
        }
      }
    }
  }

  /**
   * The count of the bigram with key `key` ({@link bigramKey}).
   * @throws RangeError when the bigram is not one of the chosen ones (its count is unknown)
   */
  get(key: number): number {
    const n = this.table.get(key);
    if (n === undefined) throw new RangeError(`ChosenBigrams: bigram ${key} was not counted`);
    return n;
  }
}

/**
 * A pass with its whitespace removed (`\s`, as `text.replace(/\s+/gu, '')`), and where its lookalike characters
 * stand in it: `looks`, their UTF-16 offsets ascending; `at`, lookalike code unit -> its offsets, ascending.
 */
interface Squeezed {
  text: string;
  looks: number[];
  at: Map<number, number[]>;
}

/** The {@link Squeezed} pass of a text already without whitespace. */
function squeezedPass(t: string): Squeezed {
  const looks: number[] = [];
  const at = new Map<number, number[]>();
  for (let q = 0; q < t.length; q++) {
    const c = t.charCodeAt(q);
    if (LOOK_UNIT[c] !== 1) continue;
    looks.push(q);
    const list = at.get(c);
    if (list) list.push(q);
    else at.set(c, [q]);
  }
  return { text: t, looks, at };
}

/**
 * True when `a` and `b` are the same text once their whitespace is removed (`\s`, as `replace(/\s+/gu, '')`
 * removes it: no `\s` character is a surrogate, so it is removed unit by unit): both are read in step, up to the
 * first difference.
 */
export function sameWithoutSpaces(a: string, b: string): boolean {
  let i = 0, j = 0;
  for (;;) {
    while (i < a.length && isSpaceUnit(a.charCodeAt(i))) i++;
    while (j < b.length && isSpaceUnit(b.charCodeAt(j))) j++;
    if (i === a.length || j === b.length) return i === a.length && j === b.length;
    if (a.charCodeAt(i) !== b.charCodeAt(j)) return false;
    i++;
    j++;
  }
}

/** True when the code point `cp` (-1: none, always true) ends right before UTF-16 offset `q` of `t`. */
function cpEndsAt(t: string, q: number, cp: number): boolean {
  if (cp < 0) return true;
  if (cp <= 0xffff) return q >= 1 && t.charCodeAt(q - 1) === cp;
  return q >= 2 && t.charCodeAt(q - 2) === 0xd800 + ((cp - 0x10000) >> 10) && t.charCodeAt(q - 1) === 0xdc00 + ((cp - 0x10000) & 0x3ff);
}

/** True when the code point `cp` (-1: none, always true) starts at UTF-16 offset `q` of `t`. */
function cpStartsAt(t: string, q: number, cp: number): boolean {
  if (cp < 0) return true;
  if (cp <= 0xffff) return q < t.length && t.charCodeAt(q) === cp;
  return q + 1 < t.length && t.charCodeAt(q) === 0xd800 + ((cp - 0x10000) >> 10) && t.charCodeAt(q + 1) === 0xdc00 + ((cp - 0x10000) & 0x3ff);
}

/**
 * True when the squeezed pass holds the string `prev mid next` (code points; prev and next -1 when absent) anywhere,
 * as `p.text.includes(...)` would answer: `mid` is a lookalike, so every occurrence has it at one of its offsets.
 * The offsets are tried outwards from the one nearest `near` (passes of one page read the same text at about the
 * same place), which changes only how soon the answer is found.
 */
function holdsAround(p: Squeezed, prev: number, mid: number, next: number, near: number): boolean {
  const offsets = p.at.get(mid);
  if (!offsets) return false;
  let lo = 0, hi = offsets.length;
  while (lo < hi) {
    const h = (lo + hi) >>> 1;
    if (offsets[h] < near) lo = h + 1;
    else hi = h;
  }
  // lo: first offset at or after `near`; try lo, lo - 1, lo + 1, lo - 2, ...
  for (let up = lo, down = lo - 1; up < offsets.length || down >= 0; up++, down--) {
    if (up < offsets.length && cpEndsAt(p.text, offsets[up], prev) && cpStartsAt(p.text, offsets[up] + 1, next)) return true;
    if (down >= 0 && cpEndsAt(p.text, offsets[down], prev) && cpStartsAt(p.text, offsets[down] + 1, next)) return true;
  }
  return false;
}

/** A code point as a string ('' for -1: none). */
const str = (cp: number): string => (cp < 0 ? '' : String.fromCodePoint(cp));

/**
 * A spot of a pass where a sibling pass reads the lookalike `c` differently: the code points around it (-1: none)
 * and the other members of its group that a sibling reads there (`prev alt next`), in group order.
 */
export interface LookalikeSpot {
  prev: number;
  c: number;
  next: number;
  alts: number[];
}

/**
 * The lookalike spots of each pass of a group (see {@link lookalikeOddities}): spots where every sibling reads the
 * same three characters, or where no sibling reads another member of the group, are left out.
 */
export function lookalikeSpots(texts: readonly string[]): LookalikeSpot[][] {
  // passes that read the same characters have no spot (each reads what the others read)
  if (texts.every((t) => sameWithoutSpaces(t, texts[0]))) return texts.map(() => []);
  const passes = texts.map((t) => squeezedPass(t.replace(/\s+/gu, '')));
  /** True when a pass other than `m` (all of them: `every`) reads `prev mid next`, looked for near `share` of it. */
  const heldBy = (m: number, every: boolean, prev: number, mid: number, next: number, share: number): boolean => {
    for (let k = 0; k < passes.length; k++) {
      if (k === m) continue;
      const p = passes[k];
      if (holdsAround(p, prev, mid, next, Math.round(share * p.text.length)) !== every) return !every;
    }
    return every;
  };
  return passes.map((pass, m) => {
    const spots: LookalikeSpot[] = [];
    // the pass's code points as Array.from splits it: a lookalike is one code unit, its neighbours are the code
    // points that end right before it and start right after it (-1: none)
    const t = pass.text;
    for (const q of pass.looks) {
      const c = t.charCodeAt(q);
      const prev = codePointBefore(t, q), next = codePointAt(t, q + 1);
      // the same place in a sibling, in proportion to the lengths
      const share = q / t.length;
      if (heldBy(m, true, prev, c, next, share)) continue;
      const alts: number[] = [];
      for (const alt of GROUP_UNITS[LOOK_GROUP[c] - 1]) if (alt !== c && heldBy(m, false, prev, alt, next, share)) alts.push(alt);
      if (alts.length) spots.push({ prev, c, next, alts });
    }
    return spots;
  });
}

/** The bigrams (code points a then b) whose evidence {@link judgeSpots} may ask for. */
export function spotBigrams(spots: ReadonlyArray<readonly LookalikeSpot[]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const list of spots) {
    for (const { prev, c, next, alts } of list) {
      for (const x of [c, ...alts]) {
        if (prev >= 0) out.push([prev, x]);
        if (next >= 0) out.push([x, next]);
      }
    }
  }
  return out;
}

/**
 * Judges the lookalike spots of each pass (see {@link lookalikeOddities}) with the evidence `outside`. When
 * `outside` is made from chosen bigrams ({@link ChosenBigrams}), they must be the bigrams of these spots
 * ({@link spotBigrams}): every bigram looked up here is one of them.
 * @returns per pass, the number of oddities and a few examples (`数宇→数字`)
 */
export function judgeSpots(spots: ReadonlyArray<readonly LookalikeSpot[]>, outside: BigramLookup | ((bigram: string) => number)): Array<{ n: number; examples: string[] }> {
  const ev = typeof outside === 'function'
    ? (a: number, b: number) => outside(str(a) + str(b))
    : (a: number, b: number) => outside.get(bigramKey(a, b)) ?? 0;
  // evidence of the bigrams of `c` with its neighbours (-1: none)
  const around = (prev: number, c: number, next: number) => (prev >= 0 ? ev(prev, c) : 0) + (next >= 0 ? ev(c, next) : 0);
  return spots.map((list) => {
    let n = 0;
    const examples: string[] = [];
    for (const { prev, c, next, alts } of list) {
      const mine = around(prev, c, next);
      for (const alt of alts) {
        const theirs = around(prev, alt, next);
        if (theirs > mine || (theirs === mine && LOOK_RANK[alt] < LOOK_RANK[c])) {
          n++;
          if (examples.length < 3) examples.push(`${str(prev) + str(c) + str(next)}→${str(prev) + str(alt) + str(next)}`);
          break;
        }
      }
    }
    return { n, examples };
  });
}

/**
 * Lookalike oddities of each pass of a group: a lookalike character at a spot where a sibling pass reads another
 * member of its group, and that other reading is better attested: its bigrams with the neighbours occur more often
 * in the rest of the document (`outside`: counts over the pages NOT in this group, as a map or a lookup), or, with equal evidence, it is
 * the more frequent character.
 * @returns per pass, the number of oddities and a few examples (`数宇→数字`)
 */
export function lookalikeOddities(texts: readonly string[], outside: BigramLookup | ((bigram: string) => number)): Array<{ n: number; examples: string[] }> {
  return judgeSpots(lookalikeSpots(texts), outside);
}

/** A Latin word: a maximal run of two or more ASCII letters (`g`: every word of a text, in order). */
const LATIN_WORD = /[A-Za-z]{2,}/g;

/** Latin words (two or more ASCII letters) of a text. */
export function latinWords(text: string): string[] {
  return text.match(LATIN_WORD) ?? [];
}

/** True for an ASCII letter's char code. */
const isAsciiLetter = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);

/** FNV-1a over the char codes `from..to` of `text`. */
function wordHash(text: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

/**
 * Occurrences of chosen Latin words in texts, as {@link latinWords} finds words, counted without a string per word:
 * the words are found by the same pattern (its `lastIndex` gives each word's end) or, for a few chosen words, by a
 * pattern of just them as whole words; a word of a length no chosen word has is passed over, any other is hashed and
 * compared char by char with the chosen word in its slot (open addressing). Only the chosen words are counted.
 */
export class WordCounter {
  private readonly words: string[] = [];
  private readonly hashes: number[] = [];
  private readonly counts: number[] = [];
  /** Slot -> index into words, plus one (0: free). */
  private readonly slots: Int32Array;
  /** Bit n set: a chosen word has n letters (bit 31: 31 or more). */
  private lengths = 0;
  /** For a few chosen words, a pattern of just them as whole words (the longest first). */
  private readonly only?: RegExp;

  /** @param words the words to count, in lists (repeats allowed) */
  constructor(words: ReadonlyArray<readonly string[]>) {
    const chosen = new Set<string>();
    for (const list of words) for (const w of list) chosen.add(w);
    let size = 16;
    while (size < 2 * chosen.size) size *= 2;
    this.slots = new Int32Array(size);
    for (const w of chosen) {
      const h = wordHash(w, 0, w.length);
      this.words.push(w);
      this.hashes.push(h);
      this.counts.push(0);
      this.lengths |= 1 << Math.min(31, w.length);
      let s = h & (size - 1);
      while (this.slots[s] !== 0) s = (s + 1) & (size - 1);
      this.slots[s] = this.words.length;
    }
    // a pattern of a few words finds them faster than every word is found and looked up; many words make a long
    // pattern that is slow to compile and to try, so they are looked up
    if (chosen.size > 0 && chosen.size <= WordCounter.ALTERNATION_MAX) {
      const longestFirst = [...chosen].sort((a, b) => b.length - a.length);
      this.only = new RegExp(`(?<![A-Za-z])(?:${longestFirst.join('|')})(?![A-Za-z])`, 'g');
    }
  }

  /** At most this many chosen words are found by a pattern of them. */
  static readonly ALTERNATION_MAX = 200;

  /** Index of the chosen word spelled by `text` from..to, or -1. */
  private find(text: string, from: number, to: number): number {
    if ((this.lengths & (1 << Math.min(31, to - from))) === 0) return -1;
    const h = wordHash(text, from, to);
    const mask = this.slots.length - 1;
    for (let s = h & mask; this.slots[s] !== 0; s = (s + 1) & mask) {
      const k = this.slots[s] - 1;
      if (this.hashes[k] !== h) continue;
      const w = this.words[k];
      if (w.length !== to - from) continue;
      let same = true;
      for (let i = 0; i < w.length && same; i++) same = w.charCodeAt(i) === text.charCodeAt(from + i);
      if (same) return k;
    }
    return -1;
  }

  /** Counts the chosen words' occurrences in `text`. */
  addText(text: string): void {
    if (this.words.length === 0) return;
    const only = this.only;
    if (only) {
      // a match is a whole word (no letter on either side) and one of the chosen words
      only.lastIndex = 0;
      while (only.test(text)) {
        const to = only.lastIndex;
        let from = to - 2;
        while (from > 0 && isAsciiLetter(text.charCodeAt(from - 1))) from--;
        const k = this.find(text, from, to);
        if (k >= 0) this.counts[k]++;
      }
      return;
    }
    LATIN_WORD.lastIndex = 0;
    while (LATIN_WORD.test(text)) {
      // the match is a maximal run of letters ending at lastIndex: it starts after the last non-letter before it
      const to = LATIN_WORD.lastIndex;
      let from = to - 2;
      while (from > 0 && isAsciiLetter(text.charCodeAt(from - 1))) from--;
      const k = this.find(text, from, to);
      if (k >= 0) this.counts[k]++;
    }
  }

  /**
   * Occurrences of `word` counted so far.
   * @throws RangeError when `word` is not one of the chosen words (its count is unknown)
   */
  get(word: string): number {
    const k = this.find(word, 0, word.length);
    if (k < 0) throw new RangeError(`WordCounter: ${JSON.stringify(word)} was not counted`);
    return this.counts[k];
  }
}

/**
 * The words of each list that no other list holds (repeats kept): the words of a group's passes that
 * {@link unattestedLatin} looks up in the rest of the document.
 */
export function unsharedWords(words: ReadonlyArray<readonly string[]>): string[][] {
  const sets = words.map((ws) => new Set(ws));
  return words.map((ws, m) => ws.filter((w) => !sets.some((s, k) => k !== m && s.has(w))));
}

/**
 * Unattested Latin words of each pass of a group: words that no sibling pass has and that occur nowhere else in the
 * document (`outside`: count of a word over the pages NOT in this group, asked only for the words of
 * {@link unsharedWords}). A real term is read the same by the other pass or recurs on other pages; OCR garbage
 * (`ARETE`, `Hiatt` where the page has Chinese) does neither.
 * @param words each text's {@link latinWords}, when they were found already
 * @returns per pass, the count and up to three examples
 */
export function unattestedLatin(
  texts: readonly string[],
  outside: (word: string) => number,
  words: ReadonlyArray<readonly string[]> = texts.map(latinWords),
): Array<{ n: number; examples: string[] }> {
  return unattestedAmong(unsharedWords(words), outside);
}

/**
 * {@link unattestedLatin} given each pass's {@link unsharedWords}: the words among them that occur nowhere else in
 * the document (`outside`).
 */
export function unattestedAmong(unshared: ReadonlyArray<readonly string[]>, outside: (word: string) => number): Array<{ n: number; examples: string[] }> {
  return unshared.map((ws) => {
    let n = 0;
    const examples: string[] = [];
    for (const w of ws) {
      if (outside(w) > 0) continue;
      n++;
      if (examples.length < 3) examples.push(w);
    }
    return { n, examples };
  });
}

/** Length in UTF-16 code units of `text` without its whitespace: `text.replace(/\s+/gu, '').length`. */
export function squeezedUnits(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) if (isSpaceUnit(text.charCodeAt(i))) n--;
  return n;
}
