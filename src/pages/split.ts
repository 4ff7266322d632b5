/**
 * Page splitting (DESIGN.md pipeline step 2). Separators are kept exactly, so joining the pages with them gives
 * the input back.
 */
import type { PageLayout } from '../types.js';

export type PageMode = 'auto' | 'line' | 'formfeed' | 'file';
export const PAGE_MODES: readonly PageMode[] = ['auto', 'line', 'formfeed', 'file'];

/** A page of a document. Offsets are UTF-16 code units into the document text. */
export interface Page {
  index: number;
  /** Offset of the page's first character in the document. */
  offset: number;
  text: string;
  /** The separator that follows this page in the document ('' for the last). */
  sep: string;
  /** How the page stores its printed lines (see {@link pageLayout}). */
  layout: PageLayout;
}

/** The split document: pages and the mode that was used. */
export interface SplitResult {
  mode: Exclude<PageMode, 'auto'>;
  pages: Page[];
}

/** Lines at least this long on average (in UTF-16 code units) mark a one-page-per-line dump in `auto` mode. */
export const LONG_LINE = 200;

/**
 * Picks the page mode for `auto`: formfeed when a `\f` is present; line when the non-empty lines are long
 * (mean ≥ {@link LONG_LINE} code units and at least two lines: a dump with one page per line); else file.
 */
export function detectMode(text: string): Exclude<PageMode, 'auto'> {
  if (text.includes('\f')) return 'formfeed';
  // non-empty lines and their length, counted without holding the lines (long dumps)
  let lines = 0, units = 0;
  for (let pos = 0; pos <= text.length;) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    if (/\S/.test(text.slice(pos, end))) {
      lines++;
      units += end - pos;
    }
    pos = end + 1;
  }
  if (lines >= 2 && units / lines >= LONG_LINE) return 'line';
  return 'file';
}

/**
 * A page stored as one long line (≥ {@link LONG_LINE} code units, no inner line break) has had its printed line
 * wraps turned into single spaces (`line`: the seed dump); any other page keeps its printed lines (`block`).
 */
export function pageLayout(text: string): PageLayout {
  const body = text.replace(/\n+$/, '');
  return !body.includes('\n') && body.length >= LONG_LINE ? 'line' : 'block';
}

/**
 * Splits `text` into pages.
 * @param text the document text (LF line endings)
 * @param mode `auto` detects as {@link detectMode} says
 */
export function splitPages(text: string, mode: PageMode = 'auto'): SplitResult {
  const m = mode === 'auto' ? detectMode(text) : mode;
  const pages: Page[] = [];
  const sepRe = m === 'formfeed' ? /\f/g : m === 'line' ? /\n/g : null;
  if (!sepRe) {
    pages.push({ index: 0, offset: 0, text, sep: '', layout: pageLayout(text) });
  } else {
    let pos = 0;
    for (const match of text.matchAll(sepRe)) {
      const t = text.slice(pos, match.index);
      pages.push({ index: pages.length, offset: pos, text: t, sep: match[0], layout: pageLayout(t) });
      pos = match.index! + match[0].length;
    }
    const t = text.slice(pos);
    pages.push({ index: pages.length, offset: pos, text: t, sep: '', layout: pageLayout(t) });
  }
  return { mode: m, pages };
}

/** Joins page texts with their separators. */
export function joinPages(pages: ReadonlyArray<{ text: string; sep: string }>): string {
  let out = '';
  for (const p of pages) out += p.text + p.sep;
  return out;
}
