/**
 * `token/digits`: lookalike letters inside a digit run in numeric context become digits (`1O分钟` -> `10分钟`,
 * `2l个` -> `21个`); the lookalikes come from rules/lookalikes.tsv (O and o for 0, I and l for 1; never `|`, a table rule).
 *
 * Numeric context: the run starts with a real digit, has at least as many real digits as lookalikes (or is a
 * round number: real digits, then zeros as `0` or one lookalike letter of zero, as in `5OOO条` -> `5000条`,
 * `3OO个`), is not glued to a Latin letter, `_`, `-`, `.`, `/` or another identifier character on either side,
 * and is followed by a CJK character (a measure word or unit: 分钟, 个, 年) or `%`/`％`, maybe after one space
 * (`共 5OOO 条`; then only capital O counts as a lookalike: `4o 模型`, `5l 水`, `0o755 权限` stay), or by
 * `~`/`～` and the next number of a range that such a character follows (`3OO~5OO个`, `1OO ~ 2OO 个`).
 * Identifiers such as `9A3L-0OK7`, `x1O` or `1O-2` never qualify. Spacing is left to space/cjk-latin.
 *
 * Also a longer number or a dotted section number in prose (`1O00`, `OAuth 2.O`, `I.2.5`, `9.4.1O`): at least
 * two real digits, at most half as many lookalikes, a dotted number needs two groups with real digits, and the
 * run may not touch a letter, `_`, `-`, `/`, `:` or a quote (so `x1O`, `v2.O`, `0OK7` stay).
 *
 * Second kind: the section number of a Unix manual page reference (`chgrp(1)`, `systemd.service(5)`) read as a
 * lookalike (`chgrp(])`, `df(l)`, `ls(I)` -> `(1)`; `service(s)` -> `(5)`), repaired only in a document that has
 * at least two well-formed references, the evidence that it cites manual pages. Source: observed CJK OCR errors (letter O for zero
 * in 1O分钟). Offsets are UTF-16 code units.
 */
import type { Edit, Rule } from '../types.js';
import { CJK } from './classes.js';
import { lexiconOf, type Lexicon } from './lexicon.js';

/** Lookalikes of a manual section number inside `name(X)`, by section. */
export const MAN_SECTION_LOOKALIKES: Record<string, string> = { ']': '1', '[': '1', l: '1', I: '1', '|': '1', i: '1', s: '5', S: '5', B: '8' };
export const manRefRe = /(?<![A-Za-z0-9_])[a-z][a-z0-9_.+-]*\([1-8]\)/g;
const manLookRe = /(?<![A-Za-z0-9_])([a-z][a-z0-9_.+-]*)\(([\][lI|iSsB])\)/g;
/** The end of every {@link manLookRe} match: a page without it skips the pattern (whose lookbehind runs everywhere). */
const manLookEnd = /\([\][lI|iSsB]\)/;

/** `(1)` to `(8)`, the end of every {@link manRefRe} match. */
const manRefEnd = /\([1-8]\)/g;
/** `[a-z0-9_.+-]` and `[A-Za-z0-9_]` by ASCII code (bit 1 and bit 2). */
const refClass = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  refClass[c] = (/[a-z0-9_.+-]/.test(ch) ? 1 : 0) | (/[A-Za-z0-9_]/.test(ch) ? 2 : 0);
}
const inRef = (c: number) => c < 128 && (refClass[c] & 1) === 1;
const inWord = (c: number) => c < 128 && (refClass[c] & 2) === 2;

/**
 * The number of matches of {@link manRefRe} in `text`, found from their ends: a match is a lower-case letter
 * with no `[A-Za-z0-9_]` before it, then `[a-z0-9_.+-]*` up to a `(1)`-`(8)`; its name is inside the run of
 * `[a-z0-9_.+-]` that ends at that `(`, and two matches never share an end. So each `(n)` ends one match when the
 * run before it holds a start (a lower-case letter after a non-word unit or at the page start; inside the run
 * only after `.`, `+` or `-`). The pattern's lookbehind, tried at every position, makes it slow on long pages.
 */
export function countManRefs(text: string): number {
  let n = 0;
  manRefEnd.lastIndex = 0;
  while (manRefEnd.test(text)) {
    const q = manRefEnd.lastIndex - 3;
    let r = q;
    while (r > 0 && inRef(text.charCodeAt(r - 1))) r--;
    for (let s = r; s < q; s++) {
      const c = text.charCodeAt(s);
      if (c >= 97 && c <= 122 && (s === 0 || !inWord(text.charCodeAt(s - 1)))) {
        n++;
        break;
      }
    }
  }
  return n;
}

interface State {
  /** Well-formed manual page references in the document. */
  manRefs: number;
}

const esc = (s: string) => s.replace(/[\\\]^-]/g, '\\$&');

const patternCache = new WeakMap<Lexicon, { re: RegExp; longRe: RegExp; mixed: RegExp }>();
/** The number patterns of `lex` (built once per lexicon). */
function patterns(lex: Lexicon) {
  let p = patternCache.get(lex);
  if (!p) {
    const look = [...lex.digitOf.keys()].filter((g) => /^[A-Za-z]$/.test(g) && /[01]/.test(lex.digitOf.get(g)!));
    const L = `[${esc(look.join(''))}]`;
    // then a CJK character or a percent sign, maybe after one space (`约 3OO 个`, house style), or a range's `~`
    // and the next number (`3OO~5OO个`: the second number is matched on its own)
    const re = new RegExp(`(?<![A-Za-z0-9_.\\-/\\\\@#$%+])[0-9](?:[0-9]|${L})*${L}(?:[0-9]|${L})*(?= ?[${CJK}%％]| ?[~～] ?[0-9][0-9${esc(look.join(''))}]* ?[${CJK}%％])`, 'gu');
    // a longer number or a dotted section number anywhere in prose: 1O00, 2.O, I.2.5, 9.4.1O
    const G = `(?:[0-9]|${L}){1,4}`;
    const longRe = new RegExp(`(?<![A-Za-z0-9_.\\-/\\\\@#$%+:'"])${G}(?:\\.${G}){0,4}(?![A-Za-z0-9_\\-/])`, 'gu');
    // what both need: a digit and a lookalike letter, only digits, lookalikes and dots between
    const DL = `[0-9.${esc(look.join(''))}]`;
    const mixed = new RegExp(`[0-9]${DL}*${L}|${L}${DL}*[0-9]`, 'u');
    patternCache.set(lex, (p = { re, longRe, mixed }));
  }
  return p;
}

/**
 * A round number: a real digit 1-9, maybe more real digits, then zeros written as `0` or as one lookalike letter
 * of zero (`O` or `o`, not both, never `Q`), at most 8 characters in all (`5OOO`, `3OO`, `12O0`). Before a CJK
 * character or `%` it is repaired even when the lookalikes outnumber the digits: an OCR error seen in scanned page
 * counts (`5OOO条记录`).
 */
function isRound(run: string): boolean {
  if (run.length > 8 || run[0] === '0') return false;
  let k = 0;
  while (k < run.length && run.charCodeAt(k) >= 48 && run.charCodeAt(k) <= 57) k++;
  if (k === 0) return false;
  let letter: string | undefined;
  for (let i = k; i < run.length; i++) {
    const c = run[i];
    if (c === '0') continue;
    if ((c !== 'O' && c !== 'o') || (letter !== undefined && c !== letter)) return false;
    letter = c;
  }
  return true;
}

export const tokenDigits: Rule = {
  id: 'token/digits',
  description: 'Lookalike letters inside digit runs in numeric context become digits (1O分钟 -> 10分钟).',
  defaultLevel: 'fix',
  example: { before: '前1O分钟', after: '前10分钟' },
  source: 'observed CJK OCR errors (letter O for the digit zero before a measure word; chgrp(]) for chgrp(1))',
  analyze(pages): State {
    let manRefs = 0;
    for (const p of pages) manRefs += countManRefs(p);
    return { manRefs };
  },
  apply(text, ctx) {
    const lex = lexiconOf(ctx.data);
    const { re, longRe, mixed } = patterns(lex);
    const edits: Edit[] = [];
    // fast exit (same edits): both number patterns need a digit and a lookalike letter with only digits,
    // lookalikes and dots between them; a page without that skips them (the manual references below still run)
    const numbers = mixed.test(text);
    for (const m of numbers ? text.matchAll(re) : []) {
      const run = m[0];
      const digits = run.replace(/[^0-9]/g, '').length;
      if (digits < run.length - digits && !isRound(run)) continue;
      // set off by a space, a run may be a name or a unit (`4o 模型`, `5l 水`, `0o755 权限`): only capital O for 0
      if (text[m.index! + run.length] === ' ' && !/^[0-9O]+$/.test(run)) continue;
      const fixed = Array.from(run, (c) => (/[0-9]/.test(c) ? c : lex.digitOf.get(c) ?? c)).join('');
      edits.push({ start: m.index!, end: m.index! + run.length, text: fixed, rule: this.id, level: 'fix', message: `lookalike letter in a number: ${fixed}` });
    }
    for (const m of numbers ? text.matchAll(longRe) : []) {
      const run = m[0].replace(/\.$/, '');
      const real = run.replace(/[^0-9]/g, '').length;
      const looks = run.replace(/[0-9.]/g, '').length;
      if (looks === 0 || real < 2 || looks * 2 > real) continue;
      // every group holds a real digit (I.2.5: the I group is a lone lookalike between dotted numbers)
      const groups = run.split('.');
      if (groups.length === 1 && real < 3) continue;
      if (groups.length > 1 && groups.filter((g) => /[0-9]/.test(g)).length < 2) continue;
      if (edits.some((e) => e.start <= m.index! && e.end > m.index!)) continue;
      const fixed = Array.from(run, (c) => (/[0-9.]/.test(c) ? c : lex.digitOf.get(c) ?? c)).join('');
      edits.push({ start: m.index!, end: m.index! + run.length, text: fixed, rule: this.id, level: 'fix', message: `lookalike letter in a number: ${fixed}` });
    }
    const state = (ctx.state as State | undefined) ?? { manRefs: countManRefs(text) };
    if (state.manRefs >= 2 && manLookEnd.test(text)) {
      for (const m of text.matchAll(manLookRe)) {
        const at = m.index! + m[1].length + 1;
        const digit = MAN_SECTION_LOOKALIKES[m[2]];
        edits.push({ start: at, end: at + 1, text: digit, rule: this.id, level: 'fix', message: `manual section number read as "${m[2]}": ${m[1]}(${digit})` });
      }
    }
    return edits;
  },
};
