/**
 * `pages/running-head` (off unless `--strip-headers`): removes page furniture, i.e. running heads and bare folio
 * numbers, recognised because they repeat as the FIRST or LAST block of consecutive pages.
 *
 * A block is text between blank lines. Page i's first block is furniture when it is short (≤ {@link MAX_HEAD}
 * code points) and, with digit runs read as one wildcard, equals the first block of page i-1 or i+1 (so
 * `第 3 章 模型 37` and `第 3 章 模型 38` match); likewise the last block. A bare folio (`37`, `- 37 -`, `37 / 223`)
 * (or a roman numeral of the front matter) as first or last block is furniture when a neighbouring page has a bare folio in the same place. A page's only
 * block is never removed, and the same text as a mid-page heading stays (only first and last blocks are looked at).
 * The removed block goes with its blank-line separator. Offsets are UTF-16 code units.
 * Source: book typesetting (running heads and folios repeat on every page); reports against PDF/OCR converters.
 */
import type { Edit, Rule } from '../types.js';

/** Longest running head considered, in code points. */
export const MAX_HEAD = 60;

interface Block {
  start: number;
  end: number;
  text: string;
}

const folioRe = /^[-–—\s]*(?:\d{1,4}(?:\s*\/\s*\d{1,4})?|[ivxlc]{1,7}|[IVXLC]{1,7})[-–—\s]*$/u;

/** The blocks of a page (text between blank lines), with UTF-16 offsets. */
export function blocks(text: string): Block[] {
  const out: Block[] = [];
  const re = /\S[^\n]*(?:\n(?![ \t\u3000]*(?:\n|$))[^\n]*)*/gu;
  for (const m of text.matchAll(re)) {
    const t = m[0].replace(/\s+$/u, '');
    out.push({ start: m.index!, end: m.index! + t.length, text: t });
  }
  return out;
}

const key = (b: Block) => (folioRe.test(b.text) ? '#folio' : b.text.replace(/\s+/gu, ' ').replace(/\d+/gu, '#'));
const eligible = (b: Block) => Array.from(b.text).length <= MAX_HEAD;

/** Per-document state: for each page text, the furniture blocks to remove (first and/or last). */
export type RunningHeadState = Map<string, Array<'first' | 'last'>>;

/** Finds the furniture of `pages` (kept pages in document order). */
export function analyzeRunningHeads(pages: readonly string[]): RunningHeadState {
  const bl = pages.map(blocks);
  const state: RunningHeadState = new Map();
  const at = (i: number, end: 'first' | 'last') => {
    const b = bl[i];
    if (!b || b.length < 2) return undefined;
    return end === 'first' ? b[0] : b[b.length - 1];
  };
  pages.forEach((text, i) => {
    const found: Array<'first' | 'last'> = [];
    for (const end of ['first', 'last'] as const) {
      const mine = at(i, end);
      if (!mine || !eligible(mine)) continue;
      const k = key(mine);
      const match = [i - 1, i + 1].some((j) => {
        const other = at(j, end);
        return other !== undefined && eligible(other) && key(other) === k;
      });
      if (match) found.push(end);
    }
    // a page of exactly two blocks keeps one: never strip a page bare
    if (found.length === 2 && bl[i].length <= 2) found.pop();
    if (found.length) state.set(text, found);
  });
  return state;
}

export const pagesRunningHead: Rule = {
  id: 'pages/running-head',
  description: 'Removes running heads and bare page numbers repeated as first/last block of consecutive pages (--strip-headers).',
  defaultLevel: 'off',
  example: { before: '深度学习实战\\n\\n正文……\\n\\n37', after: '正文……' },
  source: 'book typesetting: running heads and folios repeat on every page',
  editsProtected: true,
  analyze(pages) {
    return analyzeRunningHeads(pages);
  },
  apply(text, ctx) {
    const state = ctx.state as RunningHeadState | undefined;
    const which = state?.get(text);
    if (!which) return [];
    const b = blocks(text);
    const edits: Edit[] = [];
    if (which.includes('first')) {
      edits.push({ start: b[0].start, end: b[1].start, text: '', rule: 'pages/running-head', level: 'fix', message: `running head ${JSON.stringify(b[0].text)} removed` });
    }
    if (which.includes('last')) {
      const last = b[b.length - 1], prev = b[b.length - 2];
      edits.push({ start: prev.end, end: last.end, text: '', rule: 'pages/running-head', level: 'fix', message: `${folioRe.test(last.text) ? 'page number' : 'running foot'} ${JSON.stringify(last.text)} removed` });
    }
    return edits;
  },
};
