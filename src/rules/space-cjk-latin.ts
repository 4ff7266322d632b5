/**
 * `space/cjk-latin`: exactly one space between CJK text and Latin letters, digits and Latin tokens.
 *
 * Convention: the Chinese copywriting guidelines (中文文案排版指北: 中英文之间需要增加空格, 中文与数字之间需要增加空格),
 * which the seed book follows (`1.4 大语言模型`, `GPT-4 已经`). `--spacing never` removes such spaces (tightly
 * typeset books), `keep` leaves them. Tokens stay whole: the runner never lets an edit reach inside a protected
 * span (URL, e-mail, path, code span, version...), so only the span's outer edges get spaces. Markdown emphasis
 * markers stay with the word they mark (`使用**Python**开发` -> `使用 **Python** 开发`). Lines that look like code
 * or shell commands are never touched.
 */
import type { Edit, Rule } from '../types.js';
import { CJK } from './classes.js';
import { dropCodeLines } from './spacing-lines.js';

/**
 * Ordered table of boundaries where one space belongs (spacing `always`). Each entry is a zero-width position:
 * what must stand before it and what must follow. Read top to bottom.
 */
export const BOUNDARIES: ReadonlyArray<{ name: string; before: string; after: string }> = [
  { name: 'CJK | letter or digit', before: `[${CJK}]`, after: '[A-Za-z0-9]' },
  { name: 'CJK | file extension (.png, lower case) or .NET', before: `[${CJK}]`, after: '\\.(?:[a-z][a-z0-9]{0,7}|NET)(?![A-Za-z])' },
  { name: 'CJK | format specifier (%s)', before: `[${CJK}]`, after: '%[A-Za-z]' },
  { name: 'letter or digit | CJK', before: '[A-Za-z0-9]', after: `[${CJK}]` },
  { name: 'percent after a number | CJK', before: '[0-9]%', after: `[${CJK}]` },
  { name: 'C++ / C# | CJK', before: '[A-Za-z][+#]+', after: `[${CJK}]` },
  { name: 'CJK | Markdown emphasis around a Latin token (**Python**)', before: `[${CJK}]`, after: '\\*{1,3}[A-Za-z0-9]' },
  { name: 'Markdown emphasis around a Latin token | CJK', before: '[A-Za-z0-9%+#]\\*{1,3}', after: `[${CJK}]` },
  { name: 'CJK | Markdown code span (`make`)', before: `[${CJK}]`, after: '`[^`\\n]+`' },
  { name: 'Markdown code span | CJK', before: '`[^`\\n]{1,80}`', after: `[${CJK}]` },
];

/**
 * Candidate boundaries, found with one cheap scan (a CJK character before a Latin-token start, or a Latin-token
 * end before a CJK character); each is then checked against the table. Group 1 marks a CJK-first candidate.
 */
const candidateRe = new RegExp(`([${CJK}])(?=[A-Za-z0-9.%*\`])|[A-Za-z0-9%+#*\`](?=[${CJK}])`, 'gu');
const checks = BOUNDARIES.map((b) => ({ before: new RegExp(`${b.before}$`, 'u'), after: new RegExp(b.after, 'uy') }));
/** True when one space belongs at `pos` of `text` by some row of {@link BOUNDARIES}. */
function boundaryAt(text: string, pos: number): boolean {
  const before = text.slice(Math.max(0, pos - 84), pos);
  for (const c of checks) {
    c.after.lastIndex = pos;
    if (c.before.test(before) && c.after.test(text)) return true;
  }
  return false;
}
/** Runs of spaces (not newlines, not U+3000) between CJK and a Latin token, removed with `never`. */
const neverRe = new RegExp(`(?<=[${CJK}]) +(?=(?:\\*{1,3}|%|\\.)?[A-Za-z0-9])|(?<=[A-Za-z0-9%+#]\\*{0,3}) +(?=[${CJK}])`, 'gu');

export const spaceCjkLatin: Rule = {
  id: 'space/cjk-latin',
  description: 'One space between CJK text and Latin letters, digits or Latin tokens (house style --spacing always|never|keep).',
  defaultLevel: 'fix',
  example: { before: '1.4大语言模型,GPT-4已经', after: '1.4 大语言模型,GPT-4 已经' },
  source: 'Chinese copywriting guidelines (中英文之间需要增加空格; 中文与数字之间需要增加空格)',
  apply(text, ctx) {
    const edits: Edit[] = [];
    if (ctx.style.spacing === 'always') {
      for (const m of text.matchAll(candidateRe)) {
        const pos = m.index! + m[0].length;
        if (boundaryAt(text, pos)) edits.push({ start: pos, end: pos, text: ' ', rule: this.id, level: 'fix', message: 'space between CJK and Latin' });
      }
    } else if (ctx.style.spacing === 'never') {
      for (const m of text.matchAll(neverRe)) {
        edits.push({ start: m.index!, end: m.index! + m[0].length, text: '', rule: this.id, level: 'fix', message: 'no space between CJK and Latin (--spacing never)' });
      }
    }
    return dropCodeLines(text, edits);
  },
};
