/**
 * `text/width`: full-width ASCII letters and digits (U+FF10-FF19, U+FF21-FF3A, U+FF41-FF5A) become half width,
 * together with the full-width marks between them (`．` `－` `＿` `／` `＋` `：` in `２．０`) and an ideographic
 * space U+3000 between two such characters (`Ｖｅｒｓｉｏｎ　２` -> `Version 2`). Also repairs mojibake: a run of
 * Windows-1252 characters that is really UTF-8 read as Windows-1252 (`ä¸­æ–‡` -> `中文`), but only when the whole
 * run round-trips to CJK text; Western words with accents (`café`, `résumé`) never do and stay.
 *
 * Source: Chinese copywriting guidelines (全角/半角: 使用半角字符表示英文字母和数字); observed mojibake in text
 * exported from Windows tools (ftfy's canonical case). Offsets are UTF-16 code units. Full-width punctuation
 * outside such runs is left to punct/width.
 */
import type { Edit, Rule } from '../types.js';
import { CJK, CJK_PUNCT } from './classes.js';

const FW_ALNUM = '\\uFF10-\\uFF19\\uFF21-\\uFF3A\\uFF41-\\uFF5A';
/** Full-width marks converted when they sit between full-width letters or digits. */
const FW_INNER = '．－＿／＋：＠＃＆';
/** A run of full-width letters/digits, with inner marks and single U+3000 between them. */
const fwRunRe = new RegExp(`[${FW_ALNUM}](?:[${FW_ALNUM}]|[${FW_INNER}\\u3000](?=[${FW_ALNUM}]))*`, 'gu');

/** Windows-1252 bytes 0x80-0x9F and the characters they decode to (undefined bytes map to the C1 control). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const byteOf = new Map<string, number>();
for (let i = 0; i < 32; i++) byteOf.set(CP1252_HIGH[i], 0x80 + i);
for (let b = 0xa0; b <= 0xff; b++) byteOf.set(String.fromCharCode(b), b);
const mojibakeRunRe = new RegExp(`[\\u00A0-\\u00FF${CP1252_HIGH.replace(/[\\\]^-]/g, '\\$&')}]{3,}`, 'gu');
const cjkOrPunctRe = new RegExp(`^[${CJK}${CJK_PUNCT}\\u3000-\\u303F\\uFF00-\\uFFEF]+$`, 'u');
const decoder = new TextDecoder('utf-8', { fatal: true });

/** The UTF-8 reading of a Windows-1252 run, or undefined when it is not valid UTF-8 made of CJK text. */
export function unmojibake(run: string): string | undefined {
  const bytes = new Uint8Array(run.length);
  for (let i = 0; i < run.length; i++) {
    const b = byteOf.get(run[i]);
    if (b === undefined) return undefined;
    bytes[i] = b;
  }
  let out: string;
  try {
    out = decoder.decode(bytes);
  } catch {
    return undefined;
  }
  return cjkOrPunctRe.test(out) && new RegExp(`[${CJK}]`, 'u').test(out) ? out : undefined;
}

/**
 * What an edit needs somewhere in the page: a full-width letter or digit (every {@link fwRunRe} match starts with
 * one), or a Windows-1252 character for a UTF-8 lead byte E2-F4 (U+00E2-U+00F4): {@link unmojibake} succeeds only
 * on a run that decodes to CJK text, and every CJK character (U+2E80 and above) is a UTF-8 sequence led by such
 * a byte. One scan of a class of four ranges instead of the two patterns (the mojibake one, with its {3,} and
 * wide class, is slow on text full of “quotes”, which are Windows-1252 characters too).
 */
const editPossibleRe = /[\u00E2-\u00F4\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/;

const toHalf = (c: string) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0));

export const textWidth: Rule = {
  id: 'text/width',
  description: 'Full-width ASCII letters and digits to half width; mojibake (UTF-8 read as Windows-1252) back to CJK.',
  defaultLevel: 'fix',
  example: { before: 'Ｖｅｒｓｉｏｎ　２ ä¸­æ–‡', after: 'Version 2 中文' },
  source: 'Chinese copywriting guidelines (英文字母和数字使用半角); observed mojibake from Windows-1252 exports',
  apply(text) {
    const edits: Edit[] = [];
    if (!editPossibleRe.test(text)) return edits;
    for (const m of text.matchAll(fwRunRe)) {
      edits.push({ start: m.index!, end: m.index! + m[0].length, text: Array.from(m[0], toHalf).join(''), rule: this.id, level: 'fix', message: 'full-width letters and digits to half width' });
    }
    for (const m of text.matchAll(mojibakeRunRe)) {
      const fixed = unmojibake(m[0]);
      if (fixed) edits.push({ start: m.index!, end: m.index! + m[0].length, text: fixed, rule: this.id, level: 'fix', message: 'mojibake: UTF-8 text read as Windows-1252' });
    }
    return edits;
  },
};
