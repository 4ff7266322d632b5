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
