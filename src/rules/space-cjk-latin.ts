/**
 * `space/cjk-latin`: exactly one space between CJK text and Latin letters, digits and Latin tokens.
 *
 * Convention: the Chinese copywriting guidelines (中文文案排版指北: 中英文之间需要增加空格, 中文与数字之间需要增加空格),
 * which the seed book follows (`1.4 大语言模型`, `GPT-4 已经`). `--spacing never` removes such spaces (tightly
 * typeset books), `keep` leaves them. Tokens stay whole: the runner never lets an edit reach inside a protected
 * span (URL, e-mail, path, code span, version...), so only the span's outer edges get spaces. Markdown emphasis
 * markers stay with the word they mark (`使用**Python**开发` -> `使用 **Python** 开发`). An absolute path is a
 * Latin token too (`安装到/usr/local/bin目录` -> `安装到 /usr/local/bin 目录`); a slash between CJK words (`和/或`),
 * after a unit (`km/小时`) or in a list (`中文/English/日本語`) is none, and a path that goes on with a CJK folder
 * name (`/home/张三/文档`) gets no space inside it. Lines that look like code or shell commands are never touched.
 */
import type { Edit, Rule } from '../types.js';
import { CJK, MIN_CJK_UNIT, codePointAt, codePointBefore, isCjkCode } from './classes.js';
import { dropCodeLines } from './spacing-lines.js';

/** Top-level folders of the Filesystem Hierarchy Standard (FHS 3.0): `/tmp` alone is a path, `和/或` is not. */
const FHS_TOP = 'bin|boot|dev|etc|home|lib|lib64|media|mnt|opt|proc|root|run|sbin|srv|sys|tmp|usr|var';

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
  // (not a CJK folder name inside a path, a CJK run right after a slash: `/home/张三/bin`, `data/训练集/images`;
  // an FHS top folder alone only before CJK text or a space, not in a bilingual pair: `开发/dev、`, `（根/root）`)
  { name: 'CJK | absolute path (/usr/local/bin, /tmp)', before: `(?<![/\\\\][${CJK}]*)[${CJK}]`, after: `/(?:[A-Za-z0-9._-]+/)+(?![${CJK}])|/(?:${FHS_TOP})(?=[${CJK}]| )` },
];

/**
 * Candidate boundaries: a CJK character before a Latin-token start, or a Latin-token end before a CJK character;
 * each is then checked against the table. The pattern of the candidates (the match ends at the candidate
 * position); {@link candidates} finds the same positions with a simpler pattern and char-code tests.
 */
export const candidateRe = new RegExp(`([${CJK}])(?=[A-Za-z0-9.%*\`/])|[A-Za-z0-9%+#*\`](?=[${CJK}])`, 'gu');
const cjkCp = (cp: number) => cp >= 0 && isCjkCode(cp);

/**
 * The positions where {@link candidateRe}'s matches end, in order. Every candidate has an ASCII character right
 * after it (a token start, after CJK) or right before it (a token end, before CJK): position i + 1 is a candidate
 * when the unit at i is at or above MIN_CJK_UNIT, a CJK code point ends at i + 1 and a token start follows; or
 * when the unit at i is a token end and a CJK code point starts at i + 1. (The regex's matches are one code point
 * long and cannot hide one another.)
 */
export function candidates(text: string): number[] {
  const out: number[] = [];
  // a regex jumps to the units next to such a pair (a unit at or above MIN_CJK_UNIT before a token start, or a
  // token end before one; no CJK code point, nor a surrogate, is below MIN_CJK_UNIT), in order; each match is
  // one unit, so two pairs that share a unit are both found
  edgeG.lastIndex = 0;
  while (edgeG.test(text)) {
    const j = edgeG.lastIndex - 1;
    if (text.charCodeAt(j) >= MIN_CJK_UNIT) {
      if (cjkCp(codePointBefore(text, j + 1))) out.push(j + 1); // CJK before a token start at j + 1
    } else if (cjkCp(codePointAt(text, j + 1))) out.push(j + 1); // a token end at j before CJK
  }
  return out;
}
/** A unit at or above U+2E80 before a token start, or a token end before such a unit (the unit itself matched). */
const edgeG = /[\u2e80-\uffff](?=[A-Za-z0-9.%*`/])|[A-Za-z0-9%+#*`](?=[\u2e80-\uffff])/g;

/**
 * The table compiled: `before` as a lookbehind that must hold at the end of the {@link WINDOW} code units before
 * the position (a sticky test at the end of that slice: the same as `${before}$` on it, without trying every
 * start), `after` as a sticky pattern at the position.
 */
const checks = BOUNDARIES.map((b) => ({ before: new RegExp(`(?<=${b.before})`, 'uy'), after: new RegExp(b.after, 'uy') }));
/** How far back `before` may look (the longest row, a code span of 80 characters and its backticks, fits). */
const WINDOW = 84;
/** True when one space belongs at `pos` of `text` by some row of {@link BOUNDARIES}. */
function boundaryAt(text: string, pos: number): boolean {
  let before: string | undefined;
  for (const c of checks) {
    c.after.lastIndex = pos;
    if (!c.after.test(text)) continue;
    before ??= text.slice(Math.max(0, pos - WINDOW), pos);
    c.before.lastIndex = before.length;
    if (c.before.test(before)) return true;
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
      for (const pos of candidates(text)) {
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
