/**
 * `punct/bullet`: list-item markers that OCR reads as a middle dot become the book's bullet `• `, and the item
 * label's period takes one space after it (`·自然语言处理.在` -> `• 自然语言处理. 在`).
 *
 * Source: observed OCR error (tesseract reads the printed bullet • as · or ・) and the seed book's house style for
 * labelled list items. A `·` inside a name (`马克·吐温`, no space or line start before it) is an interpunct and stays.
 */
import type { Edit, Rule } from '../types.js';
import { CJK } from './classes.js';

/** A marker at the start of the page or a line, or after whitespace, followed (after optional spaces) by text. */
const markerRe = new RegExp(`(?<=^|\\s)([·・•∙●])( *)(?=[${CJK}A-Za-z0-9“"(（])`, 'gmu');
/** A label right after a bullet: up to 24 CJK/Latin characters, then `.` directly followed by text. */
const labelRe = new RegExp(`^[${CJK}A-Za-z0-9 \\-]{1,24}?\\.(?=[${CJK}A-Za-z“"(（])`, 'u');

/** One of markerRe's marks (all in the BMP). */
const ANY_MARK = /[·・•∙●]/;

export const punctBullet: Rule = {
  id: 'punct/bullet',
  description: 'List bullets misread as middle dots become "• "; the item label\'s period takes one space.',
  defaultLevel: 'fix',
  example: { before: '·自然语言处理.在这一领域', after: '• 自然语言处理. 在这一领域' },
  source: 'observed OCR error (printed • read as · or ・); the book\'s list style',
  apply(text) {
    const edits: Edit[] = [];
    // fast exit (same edits): every match holds one of the marks; the lookbehind pattern is not run over a page
    // without any
    if (!ANY_MARK.test(text)) return edits;
    for (const m of text.matchAll(markerRe)) {
      const start = m.index!;
      const end = start + m[0].length;
      if (m[1] !== '•' || m[2] !== ' ') {
        edits.push({ start, end, text: '• ', rule: this.id, level: 'fix', message: `list bullet ${JSON.stringify(m[1])} -> "•"` });
      }
      const label = labelRe.exec(text.slice(end, end + 40));
      if (label && !/\d\.$/.test(label[0])) {
        const dot = end + label[0].length;
        edits.push({ start: dot, end: dot, text: ' ', rule: this.id, level: 'fix', message: 'space after the item label\'s period' });
      }
    }
    return edits;
  },
};
