/**
 * `token/citation`: numeric citation markers `[n]`, `[n,m]`, `[n-m]` repaired and spaced.
 *
 * Repairs (all observed in CJK OCR of cited technical books):
 *  - lookalike digits inside the brackets, from rules/lookalikes.tsv (`[I3]` -> `[13]`, `[1O]` -> `[10]`; a body of
 *    lookalikes alone only in a bracket pair of mixed kinds: `[I】` -> `[1]`, while `[I]` may be a Roman numeral);
 *  - a lookalike or mismatched bracket (`[23】`, `[I7刀`, `【8]` -> `[23]`, `[17]`, `[8]`);
 *  - a missing closing bracket before CJK text or a space (`[14推广` -> `[14] 推广`);
 *  - a missing opening bracket after a glossary term (`PaLM33)` -> `PaLM [33]`): a fix when the document has
 *    well-formed markers elsewhere, else a suggestion.
 * Spacing follows what the marker cites: after a Latin word one space before the marker and one after it before
 * CJK text (`BERT [13] 的`); after CJK text tight on both sides (`文献[13]提出`, GB/T 7714-2015 sequential style).
 * Well-formed markers are only spaced when the document has at least two markers (any form) (a cited text), so that
 * `a[1]` in a one-line remark is left alone. A marker is `[` digits (`,` or `-` digits)* `]`, numbers of 1-3
 * digits not starting with 0. Offsets are UTF-16 code units.
 */
import type { Edit, Rule, RuleContext } from '../types.js';
import { CJK } from './classes.js';
import { lexiconOf, squash, type Lexicon } from './lexicon.js';

const esc = (s: string) => s.replace(/[\\\]^-]/g, '\\$&');
const cjkRe = new RegExp(`^[${CJK}]`, 'u');
const latinWordEndRe = /[A-Za-z0-9][A-Za-z0-9.+-]*$/;

/** Glossary categories whose terms are followed by version numbers, not by citation markers. */
const NO_CITE_CATEGORIES = ['language', 'os', 'standard', 'format', 'hardware'];

interface State {
  /** Markers in the document (well-formed or with lookalikes). */
  markers: number;
}

/** Numeric markers, well-formed or with lookalike digits and brackets: `[12]`, `[3,4]`, `[5-7]`, `[I3】`, `[I】`. */
const wellFormedRe = /[[【〔](?=[0-9IlO]{0,2}[0-9])[0-9IlO]{1,3}(?:\s*[,，–~-]\s*[0-9IlO]{1,3})*[\]】〕刀」]|\[[Il][】〕刀」]/g;

const patternCache = new WeakMap<Lexicon, ReturnType<typeof buildPatterns>>();
/** The patterns of `lex`, built once per lexicon. */
function patterns(lex: Lexicon) {
  let p = patternCache.get(lex);
  if (!p) patternCache.set(lex, (p = buildPatterns(lex)));
  return p;
}

function buildPatterns(lex: Lexicon) {
  const digitLook = [...lex.digitOf.keys()].filter((g) => g.length === 1 && /[A-Za-z]/.test(g) && /[01]/.test(lex.digitOf.get(g)!));
  const D = `[0-9${esc(digitLook.join(''))}]`;
  const num = `${D}{1,3}`;
  const body = `${num}(?:\\s*[,，–~-]\\s*${num})*`;
  const open = `[\\[${esc([...lex.openSquare].join(''))}]`;
  const close = `[\\]${esc([...lex.closeSquare].join(''))}]`;
  return {
    // open body close? (a missing close only before CJK, a space or the end)
    marker: new RegExp(`(${open})(${body})(?:(${close})|(?=[\\s${CJK}，。、；：]|$))`, 'gu'),
    // Latin term, digits, a closing bracket with no opening one; the letter before the digits is tested by the
    // caller (afterLetter), not by a lookbehind, so that V8 can skip ahead to the digits: no match is lost, since
    // a match that fails the test spans only digits and a bracket, and no match after a letter starts inside it
    noOpen: new RegExp(`([0-9]{1,3})([)\\]${esc([...lex.closeSquare].join(''))}])`, 'gu'),
  };
}

/** Maps lookalike digits in a marker body to digits and full-width separators to ASCII; spaces are kept. */
function cleanBody(body: string, lex: Lexicon): string {
  let out = '';
  for (const c of body) {
    if (/[0-9]/.test(c)) out += c;
    else if (c === '，' || c === ',') out += ',';
    else if (c === '–' || c === '~' || c === '-') out += '-';
    else if (/\s/.test(c)) out += c;
    else out += lex.digitOf.get(c) ?? c;
  }
  return out;
}

/** The spaces a marker at [start, end) takes: one after a Latin word, one before CJK text when it cites a Latin word. */
function spacing(text: string, start: number, end: number): { before: string; after: string } {
  const prev = text.slice(Math.max(0, start - 40), start);
  const latinBefore = latinWordEndRe.test(prev) && !/[_/\\]$/.test(prev);
  const next = text.slice(end, end + 2);
  return { before: latinBefore ? ' ' : '', after: latinBefore && cjkRe.test(next) ? ' ' : '' };
}

/** True when the code unit before `pos` is an ASCII letter (the lookbehind `(?<=[A-Za-z])`). */
function afterLetter(text: string, pos: number): boolean {
  const c = pos > 0 ? text.charCodeAt(pos - 1) : 0;
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** True when an opening round bracket before `pos` (same sentence, 80 code units) is still open. */
function openParenBefore(text: string, pos: number): boolean {
  let depth = 0;
  for (let i = pos - 1; i >= Math.max(0, pos - 80); i--) {
    const c = text[i];
    if (c === ')' || c === '）') depth++;
    else if (c === '(' || c === '（') {
      if (depth === 0) return true;
      depth--;
    } else if (c === '。' || c === '\n') break;
  }
  return false;
}

export const tokenCitation: Rule = {
  id: 'token/citation',
  description: 'Repairs numeric citation markers ([I3】 -> [13], PaLM33) -> PaLM [33]) and spaces them after Latin words.',
  defaultLevel: 'fix',
  example: { before: 'BERT[I3】的结构,文献[8]提出', after: 'BERT [13] 的结构,文献[8]提出' },
  source: 'GB/T 7714-2015 sequential citation markers; observed CJK OCR errors (】 and 刀 for ], I for 1)',
  analyze(pages): State {
    let markers = 0;
    for (const p of pages) markers += (p.match(wellFormedRe) ?? []).length;
    return { markers };
  },
  apply(text, ctx: RuleContext) {
    const lex = lexiconOf(ctx.data);
    const state = (ctx.state as State | undefined) ?? { markers: (text.match(wellFormedRe) ?? []).length };
    const { marker, noOpen } = patterns(lex);
    const edits: Edit[] = [];
    for (const m of text.matchAll(marker)) {
      const [whole, open, body, close] = m;
      const start = m.index!, end = start + whole.length;
      // a body of lookalikes alone (`[I]`, a Roman numeral label) needs a bracket pair of mixed kinds as evidence
      // of OCR (`[I】` -> `[1]`)
      if (!/[0-9]/.test(body) && !(close !== undefined && (open === '[') !== (close === ']'))) continue;
      const clean = cleanBody(body, lex);
      if (!/^[1-9][0-9]{0,2}(?:\s*[,-]\s*[1-9][0-9]{0,2})*$/.test(clean)) continue;
      // a full-width pair on both sides is a deliberate style (【1】), not a broken marker
      if (open !== '[' && close !== undefined && close !== ']') continue;
      const repaired = open !== '[' || close !== ']' || clean !== body;
      if (!repaired && state.markers < 2) continue;
      // a well-formed marker right after a one-letter word is an index or an interval (f[1, 2], a[0]): leave it
      const prevWord = /[A-Za-z0-9]+$/.exec(text.slice(Math.max(0, start - 20), start))?.[0];
      if (!repaired && prevWord !== undefined && prevWord.length < 2) continue;
      // a missing closing bracket: only for a single number
      if (close === undefined && !/^[0-9]{1,3}$/.test(body)) continue;
      const sp = spacing(text, start, end);
      const hasBefore = start > 0 && text[start - 1] === ' ';
      const hasAfter = text[end] === ' ';
      const out = `${sp.before && !hasBefore ? ' ' : ''}[${clean}]${sp.after && !hasAfter ? ' ' : ''}`;
      if (out === whole) continue;
      edits.push({ start, end, text: out, rule: this.id, level: 'fix', message: repaired ? 'citation marker repaired' : 'citation marker spaced after a Latin word' });
    }
    for (const m of text.matchAll(noOpen)) {
      const start = m.index!, end = start + m[0].length;
      if (!afterLetter(text, start)) continue;
      const word = /[A-Za-z][A-Za-z0-9.-]*$/.exec(text.slice(Math.max(0, start - 30), start))?.[0];
      const term = word ? lex.terms.get(word) : undefined;
      // languages, systems, standards and chips take version numbers (Python3, Windows10, A100): never citations
      if (!word || !term || /[0-9]$/.test(word) || NO_CITE_CATEGORIES.includes(term.category)) continue;
      if (lex.bySquash.has(squash(word + m[1])) || m[1].startsWith('0')) continue;
      if (m[2] === ')' && openParenBefore(text, start - word.length)) continue;
      if (m[2] === ']' && text.lastIndexOf('[', start) > start - word.length - 10 && text.lastIndexOf('[', start) !== -1) continue;
      const after = cjkRe.test(text.slice(end, end + 2)) ? ' ' : '';
      edits.push({
        start, end, text: ` [${m[1]}]${after}`, rule: this.id, level: state.markers >= 1 ? 'fix' : 'suggest',
        message: `citation marker with a lost opening bracket after ${word}`,
      });
    }
    return edits;
  },
};
