/**
 * Page furniture as evidence for duplicate-pass grouping (dedupe.ts): the page numbers (folios) a page carries at
 * its edges, and its body without the short edge lines where running heads, running feet and folios live.
 *
 * Why: two OCR passes of one printed page carry the same folio, so two pages whose folios both read as numbers and
 * differ are different pages unless their bodies say otherwise loudly (OCR does misread folios: `72` read `12`,
 * `17` read `2` in our corpora). A folio that lost a digit at either end (`19` read `1`) still agrees. And on a short page the running head and folio that every page of a chapter
 * shares are a large part of its text, so they must not count as evidence that two pages are one.
 *
 * Where a folio is read (UTF-16 code units; only the first and last {@link EDGE} units of a page are looked at):
 * - the page's first and last whitespace-separated token (a folio line `21`, `- 21 -`, `· 21 ·`, or a one-line
 *   page ending `… 21`);
 * - the last token of a short first line and the first token of a short last line (a head `第 3 章 模型 37`), when
 *   the page has another line;
 * - the N of `N / M` (`76 / 223`, `76/223`).
 * A folio token is 1-4 characters, each a digit (ASCII or full-width) or a letter OCR reads for one (`l`, `I`, `|`
 * for 1; `O`, `o` for 0), with at least one real digit: `2l` reads 21, `lO` (no digit) is no folio. The M of
 * `N / M` (the page count, the same on every page) is never taken for a folio. A token glued to text (`字符21`) is
 * not read: a folio stands apart.
 * Source: book typesetting (a folio at the top or bottom of every page, alone or at the end of the running head);
 * the tesseract dumps of our corpora (folios read `2`, `Zi`, `S17,`, `12` for 17, 27, 317, 72).
 */

/** Code units looked at from each end of a page when reading its folios. */
export const EDGE = 120;
/** Longest edge line (code points) that can be page furniture (running head or foot, folio line); as pages/running-head. */
export const FURNITURE_MAX = 60;

/** Number of code points of `s`. */
function points(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!(c >= 0xdc00 && c < 0xe000 && i > 0 && s.charCodeAt(i - 1) >= 0xd800 && s.charCodeAt(i - 1) < 0xdc00)) n++;
  }
  return n;
}

/** A folio token: digits and digit lookalikes, 1-4 of them. */
const TOKEN = '[0-9\\uFF10-\\uFF19lI|Oo]{1,4}';
/** A mark printed around a folio: `- 21 -`, `— 21 —`, `· 21 ·`. */
const DASH = '[-\u2013\u2014\u00B7\u2022\u30FB]';
/** The first token of a text (after an optional dash), not the N of an `N / M`. */
const FIRST = new RegExp(`^\\s*(?:${DASH}\\s*)?(${TOKEN})(?=\\s|$|${DASH}(?:\\s|$))(?!\\s*/)`, 'u');
/** The last token of a text (before an optional dash), not the M of an `N / M`. */
const LAST = new RegExp(`(?<!/\\s*)(?:^|\\s)(?:${DASH}\\s*)?(${TOKEN})(?:\\s*${DASH})?\\s*$`, 'u');
/** `N / M`: N. */
const OF_COUNT = new RegExp(`(?<!\\S)(${TOKEN})\\s*/\\s*\\d{1,4}(?!\\S)`, 'gu');

/** The number a folio token reads, or null when it is no folio (no real digit). */
export function folioValue(token: string): number | null {
  if (!/[0-9\uFF10-\uFF19]/u.test(token)) return null;
  let digits = '';
  for (const ch of token) {
    const c = ch.charCodeAt(0);
    digits += c >= 0xff10 && c <= 0xff19 ? String(c - 0xff10) : ch === 'l' || ch === 'I' || ch === '|' ? '1' : ch === 'O' || ch === 'o' ? '0' : ch;
  }
  return Number(digits);
}

/**
 * The page's edges: its first and last {@link EDGE} code units from the first and to the last non-space character,
 * their first and last lines (trimmed), and whether the page has more than one non-blank line.
 */
function edges(text: string): { start: string; end: string; first: string; last: string; several: boolean } {
  let s = 0, e = text.length;
  while (s < e && /\s/u.test(text[s])) s++;
  while (e > s && /\s/u.test(text[e - 1])) e--;
  const start = text.slice(s, Math.min(e, s + EDGE)), end = text.slice(Math.max(s, e - EDGE), e);
  const nl = start.indexOf('\n'), lastNl = end.lastIndexOf('\n');
  return {
    start,
    end,
    first: (nl < 0 ? start : start.slice(0, nl)).trim(),
    last: end.slice(lastNl + 1).trim(),
    several: text.indexOf('\n', s) >= 0 && text.indexOf('\n', s) < e,
  };
}

/**
 * The folios `text` carries at its edges (see the module docstring), ascending, without repeats; empty when none
 * is read.
 */
export function pageFolios(text: string): number[] {
  const out = new Set<number>();
  const add = (token: string | undefined) => {
    const n = token === undefined ? null : folioValue(token);
    if (n !== null) out.add(n);
  };
  const { start, end, first, last, several } = edges(text);
  add(FIRST.exec(start)?.[1]);
  add(LAST.exec(end)?.[1]);
  if (several) {
    if (points(first) <= FURNITURE_MAX) add(LAST.exec(first)?.[1]);
    if (points(last) <= FURNITURE_MAX) add(FIRST.exec(last)?.[1]);
  }
  for (const edge of new Set([start, end])) for (const m of edge.matchAll(OF_COUNT)) add(m[1]);
  return [...out].sort((a, b) => a - b);
}

/**
 * True when two folio readings may be one printed number: equal, or one reads as the other with digits lost at
 * its start or end (OCR drops a digit at the page edge: `19` read `1`, `317` read `17`). Two neighbouring page
 * numbers are never such a pair (a number and its prefix or suffix differ by at least 9), so consecutive pages stay
 * apart.
 */
export function foliosMatch(a: number, b: number): boolean {
  if (a === b) return true;
  const [x, y] = String(a).length <= String(b).length ? [String(a), String(b)] : [String(b), String(a)];
  return y.startsWith(x) || y.endsWith(x);
}

/**
 * True when two pages' folios disagree: both pages carry folios and no reading of one matches a reading of the
 * other ({@link foliosMatch}; a page may carry a stray number at an edge, so one match is enough to agree).
 */
export function foliosDisagree(a: readonly number[], b: readonly number[]): boolean {
  return a.length > 0 && b.length > 0 && !a.some((n) => b.some((m) => foliosMatch(n, m)));
}

/**
 * The body of a page: its text without its first and last non-blank lines when they are short (at most
 * {@link FURNITURE_MAX} code points) and another line is left (a running head, a running foot, a folio line; a
 * page's only line is never taken). A page stored as one long line (a one-page-per-line dump) is its own body.
 */
export function pageBody(text: string): string {
  const lines = text.split('\n').filter((l) => /\S/u.test(l));
  if (lines.length >= 2 && points(lines[0].trim()) <= FURNITURE_MAX) lines.shift();
  if (lines.length >= 2 && points(lines[lines.length - 1].trim()) <= FURNITURE_MAX) lines.pop();
  return lines.join('\n');
}
