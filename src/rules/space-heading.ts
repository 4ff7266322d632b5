/**
 * `space/heading`: a chapter or section number glued to its heading title takes one space
 * (`第二章基础介绍` -> `第二章 基础介绍`, `1.3.5.MC 编辑器` -> `1.3.5. MC 编辑器`).
 *
 * Convention: the book's heading style (number, one space, title), as in the seed's `1.5 本书的内容组织`;
 * source of the damage: observed OCR error (the gap between number and title is narrow and OCR drops it).
 *
 * Only where the line is recognisably a heading: the number starts a line (or a page), and the title after it
 * is short (at most {@link MAX_TITLE} characters up to the end of the line, or, on a one-page-per-line page,
 * up to the next space) and holds no sentence punctuation. A sentence that merely starts with a chapter
 * reference (`第二章介绍了模型。`) has punctuation or runs long, and stays.
 *
 * Shape: one insertion of ' ' per heading, at the UTF-16 offset right after the number.
 */
import type { Edit, Rule } from '../types.js';
import { CJK } from './classes.js';
import { lineSpans } from './spacing-lines.js';

/** Longest title (UTF-16 code units) that still reads as a heading. */
export const MAX_TITLE = 24;

/** Ordered table of heading numbers; group 1 is the number, the title must follow right after it. */
export const HEADING_NUMBERS: ReadonlyArray<{ name: string; re: RegExp }> = [
  { name: 'Chinese chapter/section number (第二章, 第 3 节, 第一部分)', re: new RegExp(`^[ \\u3000]*(第 ?[0-9一二三四五六七八九十百零〇两]+ ?(?:章|节|篇|部分|部|卷|讲|课))(?=[${CJK}])`, 'u') },
  { name: 'dotted section number ending in a period before a Latin title (1.3.5.MC)', re: /^[ \u3000]*(\d{1,2}(?:\.\d{1,2}){1,3}\.)(?=[A-Za-z])/u },
];

/** Sentence punctuation: a title holding one of these is a sentence, not a heading. */
const sentencePunct = /[，。；：！？,;!?]/u;

export const spaceHeading: Rule = {
  id: 'space/heading',
  description: 'A chapter or section number glued to its heading title takes one space (only on a line that reads as a heading).',
  defaultLevel: 'fix',
  example: { before: '第二章基础介绍', after: '第二章 基础介绍' },
  source: 'the book\'s heading style (number, space, title); observed OCR error (narrow gap dropped)',
  apply(text, ctx) {
    const edits: Edit[] = [];
    for (const l of lineSpans(text)) {
      const line = text.slice(l.start, l.end);
      for (const { name, re } of HEADING_NUMBERS) {
        const m = re.exec(line);
        if (!m) continue;
        const at = m[0].length;
        let rest = line.slice(at);
        if (ctx.layout === 'line') rest = rest.split(' ')[0];
        if (rest.length === 0 || rest.trimEnd().length > MAX_TITLE || sentencePunct.test(rest)) continue;
        edits.push({ start: l.start + at, end: l.start + at, text: ' ', rule: this.id, level: 'fix', message: `space after the heading number (${name})` });
        break;
      }
    }
    return edits;
  },
};
