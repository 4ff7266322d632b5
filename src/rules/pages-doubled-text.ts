/**
 * `pages/doubled-text`: text that a scan or a PDF text layer gives twice inside one page.
 *
 * Two shapes, both observed in real dumps:
 * 1. the whole page repeated back to back (a PDF text layer stacked on an OCR layer): `ABC ABC` -> `ABC`. The two
 *    copies must be identical once whitespace is removed and hold at least {@link MIN_PAGE} characters; the second
 *    copy and the whitespace before it are deleted.
 * 2. fake bold (a heading drawn twice, extracted as every character doubled): `重重要要提提示示` -> `重要提示`. Only a
 *    block (text between blank lines) in which EVERY non-space character is doubled, with at least {@link MIN_PAIRS}
 *    pairs and two different characters, is undoubled: reduplicated words in a sentence (`仔仔细细地检查`) stay, and
 *    so does a block that is only a reduplicated word (`仔仔细细`).
 * Offsets are UTF-16 code units. Source: pdfplumber/pdftotext reports of fake-bold headings; OCR dumps of PDFs
 * with a text layer.
 */
import type { Edit, Rule } from '../types.js';

/** Minimum non-space characters of one copy of a repeated page. */
export const MIN_PAGE = 10;
/** Minimum doubled pairs in a fake-bold block. */
export const MIN_PAIRS = 3;

const isSpace = (c: string) => /\s/u.test(c);

/** Non-space code points of `text` with their UTF-16 offsets. */
function cells(text: string, from = 0, to = text.length): Array<{ ch: string; at: number }> {
  const out: Array<{ ch: string; at: number }> = [];
  for (let i = from; i < to; ) {
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    if (!isSpace(ch)) out.push({ ch, at: i });
    i += ch.length;
  }
  return out;
}

/** Edit that deletes the second copy of a page repeated back to back, if the page is one. */
export function repeatedPage(text: string): Edit | null {
  const c = cells(text);
  if (c.length < 2 * MIN_PAGE || c.length % 2) return null;
  const n = c.length / 2;
  for (let k = 0; k < n; k++) if (c[k].ch !== c[n + k].ch) return null;
  const firstEnd = c[n - 1].at + c[n - 1].ch.length;
  const last = c[2 * n - 1];
  // the copies must be separated by whitespace (a break between layers), not run into each other
  if (c[n].at === firstEnd) return null;
  return { start: firstEnd, end: last.at + last.ch.length, text: '', rule: 'pages/doubled-text', level: 'fix', message: 'the page text is repeated back to back; the second copy is removed' };
}

/** Edits that undouble the fake-bold blocks of `text`. */
export function fakeBold(text: string): Edit[] {
  const edits: Edit[] = [];
  const blockRe = /[^\n]+(?:\n(?![ \t\u3000]*\n)[^\n]*)*/gu;
  for (const m of text.matchAll(blockRe)) {
    const c = cells(text, m.index!, m.index! + m[0].length);
    if (c.length < 2 * MIN_PAIRS || c.length % 2) continue;
    let ok = true;
    for (let k = 0; k < c.length && ok; k += 2) ok = c[k].ch === c[k + 1].ch && c[k + 1].at === c[k].at + c[k].ch.length;
    if (!ok || new Set(c.map((x) => x.ch)).size < 2) continue;
    for (let k = 1; k < c.length; k += 2) {
      edits.push({ start: c[k].at, end: c[k].at + c[k].ch.length, text: '', rule: 'pages/doubled-text', level: 'fix', message: 'fake-bold block: every character was doubled' });
    }
  }
  return edits;
}

export const pagesDoubledText: Rule = {
  id: 'pages/doubled-text',
  description: 'A page repeated back to back becomes one copy; a fake-bold block (every character doubled) is undoubled.',
  defaultLevel: 'fix',
  example: { before: '重重要要提提示示', after: '重要提示' },
  source: 'observed in PDF text layers (fake-bold headings drawn twice, text layer stacked on OCR layer)',
  editsProtected: true,
  apply(text) {
    const whole = repeatedPage(text);
    if (whole) return [whole];
    return fakeBold(text);
  },
};
