/**
 * `pages/reflow` (off unless `--reflow`): joins printed line wraps inside a paragraph.
 *
 * Input convention (block layout): a single newline is a printed line wrap, a blank line a paragraph break. A wrap
 * between lines A and B becomes, by the characters around it (ordered table, first match wins):
 * - nothing, when A ends inside a URL or path (its last token is a URL/path and ends in `/ . - _ ? = & # ~ %`);
 * - nothing, after a hyphenated word break (`Transformer-` + `based`: the hyphen is kept, `state-of-the-art` safe);
 * - nothing, between two CJK characters, next to CJK punctuation, or between CJK and ASCII punctuation (Chinese has
 *   no word spaces; `模型,` + `它` stays tight);
 * - one space otherwise (CJK-Latin, Latin-Latin joins).
 * A wrap is NOT joined when B starts a new paragraph or item (indented line, bullet, numbered item), or either line
 * is a bare page number. Blank-line breaks stay. Trailing and leading spaces at the wrap are folded into the join.
 * Offsets are UTF-16 code units. Source: GB/T 15834 and the Chinese copywriting guidelines (no spaces between CJK
 * characters); printed hyphenation.
 */
import type { Edit, Rule } from '../types.js';
import { CJK, CJK_PUNCT } from './classes.js';

const cjkEnd = new RegExp(`[${CJK}]$`, 'u');
const cjkStart = new RegExp(`^[${CJK}]`, 'u');
const punctEnd = new RegExp(`[${CJK_PUNCT}]$`, 'u');
const punctStart = new RegExp(`^[${CJK_PUNCT}]`, 'u');
/** Last token of a line that is a URL or path cut at a break character. */
const urlCut = /(?:(?:https?|ftp|file):\/\/|www\.|(?:^|\s)~?\.{0,2}\/)\S*[/.\-_?=&#~%]$/u;
/** A line that starts a new paragraph, list item or numbered heading (`3.1 数据集`, `第二章`). */
const newBlock = new RegExp(`^(?:[ \\t\\u3000]+\\S|[•·●▪◦\\-*+]\\s|\\d{1,3}[.)、](?:\\s|[${CJK}])|[（(]\\d{1,3}[)）]|\\d{1,2}(?:\\.\\d{1,2})+\\s+[${CJK}]|第[${CJK}\\d]{1,4}[章节])`, 'u');
const asciiPunctStart = /^[(\[{"'<]/u;
const asciiPunctEnd = /[,.;:!?)\]}"'>]$/u;
/** A short numbered heading line (`3.1 数据集`, `第二章 概述`): the next line is body text, not its continuation. */
const heading = new RegExp(`^\\s*(?:\\d{1,2}(?:\\.\\d{1,2})+\\s*|第[${CJK}\\d]{1,4}[章节部篇]\\s*)[^，。,;；：:]{0,20}$`, 'u');
const folio = /^\s*\d{1,4}\s*$/u;

/** How to join the wrap between `a` (the line before, trailing spaces removed) and `b` (the line after). */
export function joinFor(a: string, b: string): string | null {
  if (!a.trim() || !b.trim() || folio.test(a) || folio.test(b) || newBlock.test(b) || heading.test(a)) return null;
  const bt = b.trimStart();
  if (urlCut.test(a)) return '';
  if (/[A-Za-z]-$/u.test(a) && /^[A-Za-z]/u.test(bt)) return '';
  if (punctEnd.test(a) || punctStart.test(bt) || (cjkEnd.test(a) && cjkStart.test(bt))) return '';
  // ASCII punctuation against CJK (`模型,` + `它`, `参见` + `(图 3)`): Chinese text, no space
  if ((cjkEnd.test(a) && asciiPunctStart.test(bt)) || (asciiPunctEnd.test(a) && cjkStart.test(bt))) return '';
  return ' ';
}

export const pagesReflow: Rule = {
  id: 'pages/reflow',
  description: 'Joins printed line wraps inside a paragraph (--reflow); blank-line paragraph breaks stay.',
  defaultLevel: 'off',
  example: { before: '模型的训练需要大量\n标注数据。', after: '模型的训练需要大量标注数据。' },
  source: 'GB/T 15834 / Chinese copywriting guidelines (no space between CJK characters); printed line wrapping',
  editsProtected: true,
  apply(text) {
    const edits: Edit[] = [];
    const lines = text.split('\n');
    let pos = 0;
    for (let i = 0; i + 1 < lines.length; i++) {
      const a = lines[i], b = lines[i + 1];
      const lineEnd = pos + a.length;
      pos = lineEnd + 1;
      const aTrim = a.replace(/[ \t]+$/u, '');
      const join = joinFor(aTrim, b);
      if (join === null) continue;
      const start = pos - 1 - (a.length - aTrim.length);
      const lead = b.length - b.replace(/^[ \t]+/u, '').length;
      edits.push({ start, end: pos + lead, text: join, rule: 'pages/reflow', level: 'fix', message: 'printed line wrap joined' });
    }
    return edits;
  },
};
