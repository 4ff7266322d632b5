/**
 * `text/invisible`: removes invisible format characters that PDF text layers and concatenated files leave in the
 * middle of text: zero-width space U+200B, word joiner U+2060, Mongolian vowel separator U+180E, soft hyphen
 * U+00AD, and a byte-order mark U+FEFF anywhere in a page (the reader already drops one at the start of a file).
 * Zero-width (non-)joiners U+200C/U+200D are removed only between CJK or ASCII letters and digits, because emoji
 * sequences and Indic or Arabic text need them.
 *
 * Source: observed in PDF text layers (pdf.js, poppler: U+200B between words) and in per-page files joined after
 * each was saved with a BOM. Offsets are UTF-16 code units. A removed character at a CJK-Latin boundary leaves the
 * boundary to space/cjk-latin, which then puts the house-style space there.
 */
import type { Edit, Rule } from '../types.js';
import { CJK } from './classes.js';

/** Ordered table: what is removed, and where. */
export const INVISIBLES: ReadonlyArray<{ name: string; re: RegExp }> = [
  { name: 'zero-width space, word joiner, soft hyphen, Mongolian vowel separator', re: /[\u200B\u2060\u00AD\u180E]+/gu },
  { name: 'byte-order mark inside the text', re: /\uFEFF+/gu },
  { name: 'zero-width (non-)joiner between CJK or ASCII letters and digits', re: new RegExp(`(?<=[${CJK}A-Za-z0-9])[\\u200C\\u200D]+(?=[${CJK}A-Za-z0-9])`, 'gu') },
];

/** Any character that one of {@link INVISIBLES} removes (all in the BMP, so no u flag is needed). */
const ANY_INVISIBLE = /[\u200B\u2060\u00AD\u180E\uFEFF\u200C\u200D]/;

export const textInvisible: Rule = {
  id: 'text/invisible',
  description: 'Removes zero-width spaces, word joiners, soft hyphens and byte-order marks left inside the text.',
  defaultLevel: 'fix',
  example: { before: '深度\u200B学习', after: '深度学习' },
  source: 'observed in PDF text layers (U+200B) and concatenated per-page files (U+FEFF mid-text)',
  apply(text) {
    const edits: Edit[] = [];
    // fast exit (same edits): every pattern needs one of these characters; most pages hold none
    if (!ANY_INVISIBLE.test(text)) return edits;
    for (const { name, re } of INVISIBLES) {
      for (const m of text.matchAll(re)) {
        edits.push({ start: m.index!, end: m.index! + m[0].length, text: '', rule: this.id, level: 'fix', message: `removed ${name}` });
      }
    }
    return edits;
  },
};
