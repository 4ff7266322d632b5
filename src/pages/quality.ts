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
import { CJK, codePointAt, cpLength } from '../rules/classes.js';

/** An OCR symptom found in one pass alone: a pattern and its weight per match. */
interface Symptom {
  kind: string;
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

/** Bracket families (width ignored: OCR often reads （ as ( ). */
const OPEN: Record<string, string> = { '(': 'r', '（': 'r', '[': 's', '【': 's', '〔': 's', '〈': 'a', '《': 'a', '{': 'c' };
const CLOSE: Record<string, string> = { ')': 'r', '）': 'r', ']': 's', '】': 's', '〕': 's', '〉': 'a', '》': 'a', '}': 'c' };
/** The same tables by UTF-16 code unit (every bracket is in the BMP): family number, positive to open, negative to close. */
const BRACKET = new Map<number, number>();
const FAMILY: Record<string, number> = { r: 1, s: 2, a: 3, c: 4 };
for (const [ch, f] of Object.entries(OPEN)) BRACKET.set(ch.charCodeAt(0), FAMILY[f]);
for (const [ch, f] of Object.entries(CLOSE)) BRACKET.set(ch.charCodeAt(0), -FAMILY[f]);

/** Number of brackets without a partner of their family (a stack per page). */
export function unmatchedBrackets(text: string): number {
  const stack: number[] = [];
  let bad = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    // brackets are ASCII or in U+3008-U+3015 and U+FF08-U+FF09: a cheap range test skips every other character
    if (!(c <= 0x7d || (c >= 0x3008 && c <= 0x3015) || c === 0xff08 || c === 0xff09)) continue;
    const f = BRACKET.get(c);
    if (f === undefined) continue;
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
  for (const s of SYMPTOMS) {
    const n = (text.match(s.re) ?? []).length * s.weight;
    if (n) out[s.kind] = n;
  }
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

/**
 * Counts of character bigrams (whitespace removed) that contain a lookalike character, keyed by
 * {@link bigramKey} (a number: no string is built per bigram on the document-wide count).
 */
export type BigramCounts = Map<number, number>;

/** The key of the bigram of code points `a` then `b` in {@link BigramCounts}. */
export const bigramKey = (a: number, b: number): number => a * 0x110000 + b;

/** The key of a two-character string (two code points). */
export function bigramKeyOf(bigram: string): number {
  const a = bigram.codePointAt(0)!;
  return bigramKey(a, bigram.codePointAt(a > 0xffff ? 2 : 1) ?? 0);
}

/** Adds (sign 1) or removes (sign -1) the lookalike bigrams of `text` to `counts`. Walks code points. */
export function countLookalikeBigrams(text: string, counts: BigramCounts, sign = 1): void {
  let prev = -1;
  let prevLook = false;
  for (let i = 0, c = 0; i < text.length; i += cpLength(c)) {
    c = codePointAt(text, i);
    if (c <= 0x20 || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200b)) continue;
    const look = c < 0x10000 && LOOK_UNIT[c] === 1;
    if (prev >= 0 && (prevLook || look)) {
      const k = bigramKey(prev, c);
      counts.set(k, (counts.get(k) ?? 0) + sign);
    }
    prev = c;
    prevLook = look;
  }
}

/**
 * Lookalike oddities of each pass of a group: a lookalike character at a spot where a sibling pass reads another
 * member of its group, and that other reading is better attested: its bigrams with the neighbours occur more often
 * in the rest of the document (`outside`: counts over the pages NOT in this group, as a map or a lookup), or, with equal evidence, it is
 * the more frequent character.
 * @returns per pass, the number of oddities and a few examples (`数宇→数字`)
 */
export function lookalikeOddities(texts: readonly string[], outside: BigramCounts | ((bigram: string) => number)): Array<{ n: number; examples: string[] }> {
  const squeezed = texts.map((t) => Array.from(t.replace(/\s+/gu, '')));
  const joined = squeezed.map((cs) => cs.join(''));
  const ev = typeof outside === 'function' ? (a: string, b: string) => outside(a + b) : (a: string, b: string) => outside.get(bigramKeyOf(a + b)) ?? 0;
  return squeezed.map((cs, m) => {
    let n = 0;
    const examples: string[] = [];
    for (let i = 0; i < cs.length; i++) {
      const look = LOOK.get(cs[i]);
      if (!look) continue;
      const prev = cs[i - 1] ?? '', next = cs[i + 1] ?? '';
      const own = prev + cs[i] + next;
      if (joined.every((j, k) => k === m || j.includes(own))) continue;
      const mine = (prev ? ev(prev, cs[i]) : 0) + (next ? ev(cs[i], next) : 0);
      for (const alt of look.group) {
        if (alt === cs[i]) continue;
        if (!joined.some((j, k) => k !== m && j.includes(prev + alt + next))) continue;
        const theirs = (prev ? ev(prev, alt) : 0) + (next ? ev(alt, next) : 0);
        const rankAlt = LOOK.get(alt)!.rank;
        if (theirs > mine || (theirs === mine && rankAlt < look.rank)) {
          n++;
          if (examples.length < 3) examples.push(`${own}→${prev + alt + next}`);
          break;
        }
      }
    }
    return { n, examples };
  });
}

/** Latin words (two or more ASCII letters) of a text. */
export function latinWords(text: string): string[] {
  return text.match(/[A-Za-z]{2,}/g) ?? [];
}

/**
 * Unattested Latin words of each pass of a group: words that no sibling pass has and that occur nowhere else in the
 * document (`outside`: count of a word over the pages NOT in this group). A real term is read the same by the other
 * pass or recurs on other pages; OCR garbage (`ARETE`, `Hiatt` where the page has Chinese) does neither.
 * @returns per pass, the count and up to three examples
 */
export function unattestedLatin(texts: readonly string[], outside: (word: string) => number): Array<{ n: number; examples: string[] }> {
  const sets = texts.map((t) => new Set(latinWords(t)));
  return texts.map((t, m) => {
    let n = 0;
    const examples: string[] = [];
    for (const w of latinWords(t)) {
      if (sets.some((s, k) => k !== m && s.has(w)) || outside(w) > 0) continue;
      n++;
      if (examples.length < 3) examples.push(w);
    }
    return { n, examples };
  });
}
