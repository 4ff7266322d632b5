/**
 * `pages/doubled-text`: text that a scan or a PDF text layer gives twice inside one page.
 *
 * Two shapes, both observed in real dumps:
 * 1. the whole page repeated back to back (a PDF text layer stacked on an OCR layer): `ABC ABC` -> `ABC`. The two
 *    copies must be identical once whitespace is removed and hold at least {@link MIN_PAGE} characters; the second
 *    copy with more OCR symptoms (the second on a tie) and the whitespace between the copies are deleted.
 *    A near copy (an OCR layer after a text layer, a few characters differ) is found too: see {@link nearRepeatedPage}.
 * 2. fake bold (a heading drawn twice, extracted as every character doubled): `重重要要提提示示` -> `重要提示`. Only a
 *    block (text between blank lines) or a whole line in which EVERY non-space character is doubled, with at least {@link MIN_PAIRS}
 *    pairs and two different characters, is undoubled: reduplicated words in a sentence (`仔仔细细地检查`) stay, and
 *    so does a block that is only a reduplicated word (`仔仔细细`).
 * Offsets are UTF-16 code units. Source: pdfplumber/pdftotext reports of fake-bold headings; OCR dumps of PDFs
 * with a text layer.
 */
import { compare } from '../pages/dedupe.js';
import { textShingleHashes } from '../pages/minhash.js';
import { symptoms } from '../pages/quality.js';
import type { Edit, Rule } from '../types.js';
import { CJK } from './classes.js';
import { flat } from './flat.js';

const CJK_CHAR = new RegExp(`[${CJK}]`, 'u');

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
  return repeatedPageOf(text, text.replace(/\s+/gu, ''));
}

/** {@link repeatedPage} given `bare`, the page without whitespace (`text.replace(/\s+/gu, '')`). */
function repeatedPageOf(text: string, bare: string): Edit | null {
  // fast exit (same answer): two equal halves of code points are two equal halves of UTF-16 code units
  if (bare.length % 2 || bare.slice(0, bare.length / 2) !== bare.slice(bare.length / 2)) return null;
  const c = cells(text);
  if (c.length < 2 * MIN_PAGE || c.length % 2) return null;
  const n = c.length / 2;
  for (let k = 0; k < n; k++) if (c[k].ch !== c[n + k].ch) return null;
  const firstEnd = c[n - 1].at + c[n - 1].ch.length;
  const last = c[2 * n - 1];
  // the copies must be separated by whitespace (a break between layers), not run into each other
  if (symptomRate(text.slice(c[n].at)) < symptomRate(text.slice(0, firstEnd))) {
    return { start: 0, end: c[n].at, text: '', rule: 'pages/doubled-text', level: 'fix', message: 'the page text is repeated back to back; the first copy (more OCR symptoms) is removed' };
  }
  return { start: firstEnd, end: last.at + last.ch.length, text: '', rule: 'pages/doubled-text', level: 'fix', message: 'the page text is repeated back to back; the second copy is removed' };
}

/** OCR symptoms per UTF-16 code unit (quality.ts). */
const symptomRate = (t: string) => Object.values(symptoms(t)).reduce((x, y) => x + y, 0) / Math.max(1, t.length);

/** Minimum similarity (Jaccard of 3-gram shingles) of the two halves of a page repeated with OCR differences. */
export const NEAR_COPY = 0.6;

/**
 * Edit that deletes one copy of a page whose two halves are near-identical passes (a text layer and an OCR layer of
 * the same page, back to back): the split is a line break or space run between 40 % and 60 % of the page's
 * non-space characters, the halves must score ≥ {@link NEAR_COPY} with shared shingles spread over both, and the
 * copy with more OCR symptoms is removed (the first on a tie).
 */
export function nearRepeatedPage(text: string): Edit | null {
  return nearRepeatedPageOf(text, text.replace(/\s+/gu, ''));
}

/** {@link nearRepeatedPage} given `bare`, the page without whitespace (`text.replace(/\s+/gu, '')`). */
function nearRepeatedPageOf(text: string, bare: string): Edit | null {
  // cheap probe first, on the non-space code points (what cells() holds): 6-character runs from the first 40 %
  // must recur in the rest of the page; the cells with their offsets are built only for a page that passes.
  // Without surrogates in the page, code points are UTF-16 units: the string is sliced directly (same pieces as
  // the array of code points, without building it)
  const flat: string | string[] = /[\ud800-\udfff]/.test(bare) ? Array.from(bare) : bare;
  const piece = (a: number, b?: number) => (typeof flat === 'string' ? flat.slice(a, b) : flat.slice(a, b).join(''));
  if (flat.length < 4 * MIN_PAGE) return null;
  const rest = piece(Math.floor(flat.length * 0.4));
  let recur = 0;
  for (const f of [0, 0.06, 0.12, 0.18, 0.24, 0.3]) {
    const at = Math.floor(flat.length * f);
    if (rest.includes(piece(at, at + 6))) recur++;
  }
  if (recur < 2) return null;
  if (!nearCopyPossible(text)) return null;
  const c = cells(text);
  let best: { sim: number; cut: number } | null = null;
  const lo = Math.floor(c.length * 0.4), hi = Math.ceil(c.length * 0.6);
  const step = Math.max(1, Math.floor((hi - lo) / 64));
  for (let k = lo; k <= hi; k += step) {
    // the cut must fall on whitespace between cells k-1 and k
    const gapStart = c[k - 1].at + c[k - 1].ch.length;
    if (gapStart === c[k].at) continue;
    const r = compare(text.slice(0, gapStart), text.slice(c[k].at));
    if (r.jaccard >= NEAR_COPY && r.spread >= 0.5 && (!best || r.jaccard > best.sim)) best = { sim: r.jaccard, cut: k };
  }
  if (!best) return null;
  const k = best.cut;
  const first = text.slice(0, c[k - 1].at + c[k - 1].ch.length), second = text.slice(c[k].at);
  const bad = symptomRate;
  const message = `the page holds two passes of itself back to back (similarity ${best.sim.toFixed(2)}); one copy is removed`;
  const last = c[c.length - 1];
  // the cut between two near copies is found by sampling, not proven: a suggestion for the reviewer, never applied
  // unasked (an inexact cut would lose the first words of the kept copy)
  if (bad(second) < bad(first)) return { start: 0, end: c[k].at, text: '', rule: 'pages/doubled-text', level: 'suggest', message: `${message} (the first, which has more OCR symptoms)` };
  return { start: c[k - 1].at + c[k - 1].ch.length, end: last.at + last.ch.length, text: '', rule: 'pages/doubled-text', level: 'suggest', message };
}

/** Characters that are whitespace for `\s` but not for the shingles of minhash.ts, or the other way round. */
const GAP_MISMATCH = /[\x00-\x08\x0e-\x1f\u200b\u1680\u202f\u205f]/;

/**
 * False when no cut of {@link nearRepeatedPageOf} can reach {@link NEAR_COPY}, from one look at the page's shingles
 * (compare() hashes both halves of every cut tried, up to 65 of them). When `\s` and the shingles' whitespace
 * agree on the page (no {@link GAP_MISMATCH}), the shingles of the two halves of a cut between cells k-1 and k are
 * the page's shingles before position k-2 and from position k (the two that span the cut belong to neither): a
 * shingle the halves share occurs twice in the page, and their union lacks at most two of the page's distinct
 * shingles. So the Jaccard index of any cut is at most D2 / (S - 2), S the page's distinct shingles and D2 those
 * that occur more than once (a division of integers is rounded monotonically: the float test is exact).
 * Each half holds at least 16 cells (40 % of at least 40), so no half is short enough for the shingles' own rule.
 */
function nearCopyPossible(text: string): boolean {
  if (GAP_MISMATCH.test(text)) return true;
  const h = textShingleHashes(text).slice().sort();
  let distinct = 0, repeated = 0;
  for (let i = 0; i < h.length; ) {
    let j = i + 1;
    while (j < h.length && h[j] === h[i]) j++;
    distinct++;
    if (j - i >= 2) repeated++;
    i = j;
  }
  return distinct <= 2 || repeated / (distinct - 2) >= NEAR_COPY;
}

/**
 * {@link MIN_PAIRS} doubled non-space characters with only whitespace between the pairs (`重重 要要提提`): how every
 * fake-bold block or line starts (its first cells), so a page without this shape has nothing to undouble.
 */
export const FAKE_BOLD_START = new RegExp(Array.from({ length: MIN_PAIRS }, (_, k) => `(\\S)\\${k + 1}`).join('\\s*'), 'u');

const FAKE_BOLD_AT = new RegExp(FAKE_BOLD_START.source, 'uy');

/**
 * `FAKE_BOLD_START.test(text)`, tried only where a character is followed by the same character (a BMP unit
 * repeated, or a surrogate pair repeated), which every match starts with; the walk over char codes is cheaper
 * than the backreference search at every position. A low surrogate right after a high one is inside a pair,
 * where the unicode search never starts.
 */
export function hasFakeBoldStart(page: string): boolean {
  const text = flat(page);
  const n = text.length;
  for (let i = 0; i + 1 < n; i++) {
    const c = text.charCodeAt(i);
    const doubled = c === text.charCodeAt(i + 1) || ((c & 0xfc00) === 0xd800 && c === text.charCodeAt(i + 2) && text.charCodeAt(i + 1) === text.charCodeAt(i + 3));
    if (!doubled) continue;
    if ((c & 0xfc00) === 0xdc00 && i > 0 && (text.charCodeAt(i - 1) & 0xfc00) === 0xd800) continue;
    FAKE_BOLD_AT.lastIndex = i;
    if (FAKE_BOLD_AT.test(text)) return true;
  }
  return false;
}

/** Edits that undouble the fake-bold blocks of `text`. */
export function fakeBold(text: string): Edit[] {
  const edits: Edit[] = [];
  const blockRe = /[^\n]+(?:\n(?![ \t\u3000]*\n)[^\n]*)*/gu;
  const lineRe = /[^\n]+/gu;
  const seen = new Set<number>();
  for (const m of [...text.matchAll(blockRe), ...text.matchAll(lineRe)]) {
    // fast exit (same answer): too short, or the first two non-space characters differ
    const head = Array.from(m[0].replace(/\s+/gu, '').slice(0, 4));
    if (head.length < 2 || head[0] !== head[1]) continue;
    const c = cells(text, m.index!, m.index! + m[0].length);
    if (c.length < 2 * MIN_PAIRS || c.length % 2) continue;
    let ok = true;
    for (let k = 0; k < c.length && ok; k += 2) ok = c[k].ch === c[k + 1].ch && c[k + 1].at === c[k].at + c[k].ch.length;
    if (!ok || new Set(c.map((x) => x.ch)).size < 2) continue;
    // fake bold is a typesetting effect on text: a block without CJK (11001100, a hash, a serial) is data
    if (!c.some((x) => CJK_CHAR.test(x.ch))) continue;
    for (let k = 1; k < c.length; k += 2) {
      if (seen.has(c[k].at)) continue;
      seen.add(c[k].at);
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
    // (without the u flag: \s matches the same BMP characters and never a surrogate, so the result is the same)
    const bare = text.replace(/\s+/g, '');
    const whole = repeatedPageOf(text, bare) ?? nearRepeatedPageOf(text, bare);
    if (whole) return [whole];
    // fast exit (same answer): a fake-bold block or line starts with three doubled characters, only whitespace
    // between the pairs (its first six cells); a page without that shape anywhere has none
    if (!hasFakeBoldStart(text)) return [];
    return fakeBold(text);
  },
};
