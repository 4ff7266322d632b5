/**
 * `space/runs`: a run of two or more spaces inside a line becomes one space.
 *
 * Source: observed OCR error. tesseract keeps wide printed gaps as runs of spaces: the gap between a running
 * head and its folio (`Debian 参考手册<100 spaces>76 / 223`), table gutters and box rules, 80 to 140 spaces a
 * page in the book corpus. The book's own text never holds two spaces in a row inside a line.
 *
 * Left alone: indentation at the start of a line (spaces or U+3000), spaces at the end of a line (a Markdown
 * hard break), tabs, U+3000 anywhere, and lines that look like code or shell commands (aligned columns there
 * are the author's).
 *
 * Shape: one edit per run, replacing [start, end) (UTF-16 offsets of the run) with a single space.
 */
import type { Edit, Rule } from '../types.js';
import { dropCodeLines } from './spacing-lines.js';

/** A run of 2+ spaces (checked below to have a non-space character on the same line on both sides). */
const runRe = / {2,}/g;
const isSpaceAt = (text: string, i: number) => i < 0 || i >= text.length || /\s/.test(text[i]);

export const spaceRuns: Rule = {
  id: 'space/runs',
  description: 'A run of spaces inside a line (running-head gaps, table gutters) becomes one space; indentation and code lines stay.',
  defaultLevel: 'fix',
  example: { before: '参考手册      76 / 223', after: '参考手册 76 / 223' },
  source: 'observed OCR error (tesseract keeps layout gaps as runs of spaces)',
  apply(text) {
    const edits: Edit[] = [];
    for (const m of text.matchAll(runRe)) {
      if (isSpaceAt(text, m.index! - 1) || isSpaceAt(text, m.index! + m[0].length)) continue;
      edits.push({ start: m.index!, end: m.index! + m[0].length, text: ' ', rule: this.id, level: 'fix', message: `run of ${m[0].length} spaces -> one space` });
    }
    return dropCodeLines(text, edits);
  },
};
