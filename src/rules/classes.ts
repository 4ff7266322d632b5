/**
 * Named character classes shared by the rules, as regular-expression source fragments (use with the `u` flag).
 *
 * CJK here means every Han ideograph (all extensions, compatibility ideographs and 〇), plus Hiragana, Katakana
 * and the prolonged sound mark ー. Hangul is never CJK for spacing purposes: Korean uses spaces between words.
 */

/** Han ideographs (incl. 〇 U+3007, which Unicode puts in Script=Han), kana and ー. Class body, no brackets. */
export const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\u30FC';

/** CJK punctuation that closes or sits mid-sentence: no space goes before it. */
export const CJK_CLOSE_PUNCT = '，。、；：？！”’》）】」』〕〉…';

/** CJK punctuation that opens: no space goes after it. */
export const CJK_OPEN_PUNCT = '“‘《（【「『〔〈';

/** All full-width CJK punctuation that we treat as a tight mark (no spaces around it). */
export const CJK_PUNCT = CJK_CLOSE_PUNCT + CJK_OPEN_PUNCT + '·—～';

/** Latin letters and digits (ASCII), the core of a Latin token. */
export const LATIN_ALNUM = 'A-Za-z0-9';

const cjkRe = new RegExp(`[${CJK}]`, 'u');
/** True when `ch` (one code point) is CJK in the sense above. */
export function isCjk(ch: string): boolean {
  return cjkRe.test(ch);
}

/** True when `ch` is an ASCII letter or digit. */
export function isLatinAlnum(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Counts CJK code points in `text`. */
export function countCjk(text: string): number {
  const m = text.match(new RegExp(`[${CJK}]`, 'gu'));
  return m ? m.length : 0;
}

/**
 * The {@link CJK} class by code point, for rules that walk a text by char codes instead of scanning it with a
 * regular expression: the same answer as `/[${CJK}]/u` on that code point ({@link codePointClass}).
 */
export const isCjkCode = codePointClass(cjkRe);

/**
 * A character class (a `u` regex matching one character, e.g. `/^[${CJK}]$/u` or `/[${CJK}]/u`) as a test by code
 * point, remembered per code point: the regex runs once for each distinct code point met (a table filled up front
 * would cost 65,536 tests at start-up). A lone surrogate is tested as itself.
 */
export function codePointClass(re: RegExp): (cp: number) => boolean {
  const bmp = new Uint8Array(0x10000); // 0: not asked yet, 1: no, 2: yes
  const astral = new Map<number, boolean>();
  return (cp: number): boolean => {
    if (cp < 0x10000) {
      const v = bmp[cp];
      if (v !== 0) return v === 2;
      const yes = re.test(String.fromCharCode(cp));
      bmp[cp] = yes ? 2 : 1;
      return yes;
    }
    let yes = astral.get(cp);
    if (yes === undefined) {
      yes = re.test(String.fromCodePoint(cp));
      astral.set(cp, yes);
    }
    return yes;
  };
}

/**
 * No CJK code point is below U+2E80 (the CJK Radicals Supplement), and surrogates are above it: a char code
 * below this is never part of a CJK character (a cheap test before {@link isCjkCode}; checked by a unit test).
 */
export const MIN_CJK_UNIT = 0x2e80;

/**
 * The code point of `text` that starts at UTF-16 offset `i` (a surrogate pair read as one, as a `u` regex reads
 * it; a lone surrogate as itself), or -1 past the end.
 */
export function codePointAt(text: string, i: number): number {
  if (i >= text.length || i < 0) return -1;
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  }
  return c;
}

/**
 * The code point of `text` that ends right before UTF-16 offset `i` (a surrogate pair read as one, as a `u`
 * regex's lookbehind reads it), or -1 at the start.
 */
export function codePointBefore(text: string, i: number): number {
  if (i <= 0 || i > text.length) return -1;
  const d = text.charCodeAt(i - 1);
  if (d >= 0xdc00 && d <= 0xdfff && i >= 2) {
    const c = text.charCodeAt(i - 2);
    if (c >= 0xd800 && c <= 0xdbff) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  }
  return d;
}

/** The number of UTF-16 code units of code point `cp` (2 for a surrogate pair, else 1). */
export const cpLength = (cp: number): number => (cp > 0xffff ? 2 : 1);

/**
 * A set of BMP characters (given as a string of them, e.g. {@link CJK_PUNCT}) as a lookup table by char code, for
 * char-code walks. Characters outside the BMP are not supported (none of the punctuation classes has one).
 */
export function charTable(chars: string): Uint8Array {
  const t = new Uint8Array(0x10000);
  for (let i = 0; i < chars.length; i++) {
    const c = chars.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) throw new Error(`charTable: ${JSON.stringify(chars)} holds a surrogate`);
    t[c] = 1;
  }
  return t;
}
