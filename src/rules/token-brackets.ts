/**
 * `token/brackets`: lookalike round brackets. CJK OCR reads a printed `(` as `〈` or `《` (and `)` as `〉`); when
 * such a glyph is closed by a real round bracket (`〈例如 mc 和 vim)`), it is a misread `(`, and takes the width
 * of its partner (`)` -> `(`, `）` -> `（`); round
 * bracket pairs inside (`〈例如 gdm3(1))`) are skipped; a glyph right before a real `(` is left alone. One or two lookalike glyphs in a row (`《〈`) become one bracket. A
 * glyph closed by its own partner (`〈x〉`, `《书名》`) is a real bracket and stays.
 *
 * Quotes: a closing double quote read as an apostrophe plus a quote (`"deb'"`, `“Release'”`) loses the
 * apostrophe when the quoted text opened with a double quote on the same line and holds no other apostrophe.
 *
 * Search window: the partner must come within 80 code units, before any other lookalike bracket, blank line or
 * sentence end (a single line break is a printed wrap). Source: observed tesseract chi_sim errors on Debian Reference scans. Offsets are UTF-16 code units.
 */
import type { Edit, Rule } from '../types.js';
import { flat } from './flat.js';
import { lexiconOf, type Lexicon } from './lexicon.js';

const WINDOW = 80;

const glyphRes = new Map<string, RegExp | undefined>();
/** A regex (global) for the one-code-unit glyphs of `opens` and `closes`; undefined when there is none. */
function glyphRe(opens: ReadonlySet<string>, closes: ReadonlySet<string>): RegExp | undefined {
  const units = [...new Set([...opens, ...closes])].filter((g) => g.length === 1).sort().join('');
  if (!glyphRes.has(units)) {
    const body = [...units].map((u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    glyphRes.set(units, units ? new RegExp(`[${body}]`, 'g') : undefined);
  }
  return glyphRes.get(units);
}

const glyphsByLexicon = new WeakMap<Lexicon, RegExp | undefined>();
/** {@link glyphRe} of a lexicon's round-bracket lookalikes, made once per lexicon. */
function glyphsOf(lex: Lexicon): RegExp | undefined {
  if (!glyphsByLexicon.has(lex)) glyphsByLexicon.set(lex, glyphRe(lex.openRound, lex.closeRound));
  return glyphsByLexicon.get(lex);
}

export const tokenBrackets: Rule = {
  id: 'token/brackets',
  description: 'Lookalike round brackets (〈 or 《 closed by ")") become the real bracket; a closing quote read as \'" is repaired.',
  defaultLevel: 'fix',
  example: { before: '软件包〈例如 mc 和 vim) 依然', after: '软件包(例如 mc 和 vim) 依然' },
  source: 'observed tesseract chi_sim errors: 〈 and 《 for a printed opening round bracket',
  apply(page, ctx) {
    const lex = lexiconOf(ctx.data);
    const opens = lex.openRound;
    const closes = lex.closeRound;
    const edits: Edit[] = [];
    // only a lookalike bracket (one code unit, as text[i] is) starts work: a regex jumps from one to the next
    // instead of visiting every character; after an opening glyph the scan goes on from j, as the loop did
    const glyphs = glyphsOf(lex);
    // fast exit (same edits): a page with no lookalike bracket and no ' has nothing to repair
    if (glyphs !== undefined) glyphs.lastIndex = 0;
    if (!(glyphs !== undefined && glyphs.test(page)) && !page.includes("'")) return edits;
    const text = flat(page);
    for (let i = 0; glyphs !== undefined; i++) {
      glyphs.lastIndex = i;
      const g = glyphs.exec(text);
      if (!g) break;
      i = g.index;
      const c = text[i];
      if (opens.has(c)) {
        let j = i + 1;
        if (opens.has(text[j])) j++;
        let depth = 0;
        for (let k = j; k < Math.min(text.length, j + WINDOW); k++) {
          const d = text[k];
          if ((d === '(' || d === '（') && k > j) depth++;
          else if ((d === ')' || d === '）') && depth > 0) depth--;
          else if (d === ')' || d === '）') {
            edits.push({ start: i, end: j, text: d === ')' ? '(' : '（', rule: this.id, level: 'fix', message: `${text.slice(i, j)} read for an opening round bracket` });
            break;
          }
          if (d === '(' || d === '（' ? k === j : opens.has(d) || closes.has(d) || d === '》' || d === '。') break;
          if (d === '\n' && text[k + 1] === '\n') break;
        }
        i = j - 1;
      } else if (closes.has(c)) {
        for (let k = i - 1; k >= Math.max(0, i - WINDOW); k--) {
          const d = text[k];
          if (d === '(' || d === '（') {
            edits.push({ start: i, end: i + 1, text: d === '(' ? ')' : '）', rule: this.id, level: 'fix', message: `${c} read for a closing round bracket` });
            break;
          }
          if (d === ')' || d === '）' || opens.has(d) || closes.has(d) || d === '《' || d === '。') break;
          if (d === '\n' && text[k - 1] === '\n') break;
        }
      }
    }
    for (const m of text.matchAll(/'(?=["”])/g)) {
      const at = m.index!;
      const lineStart = text.lastIndexOf('\n', at) + 1;
      const before = text.slice(Math.max(lineStart, at - 60), at);
      const open = Math.max(before.lastIndexOf('"'), before.lastIndexOf('“'));
      if (open < 0 || before.slice(open + 1).includes("'") || before.slice(open + 1).length === 0) continue;
      // the quote before must open (an even number of ASCII quotes before it on the line)
      const asciiQuotes = (text.slice(lineStart, at).match(/"/g) ?? []).length;
      if (before[open] === '"' && asciiQuotes % 2 !== 1) continue;
      edits.push({ start: at, end: at + 1, text: '', rule: this.id, level: 'fix', message: 'closing double quote read as \'"' });
    }
    return edits;
  },
};
