/**
 * What the scorer counts: grapheme clusters (user-perceived characters, UAX #29 via Intl.Segmenter) after NFC, or
 * Unicode code points (what ../shared/eval/scoreboard.mjs counts), and words. Texts become Int32Array sequences
 * of symbol ids for align.ts; a {@link SymbolTable} gives every distinct unit one id and turns ids back into text.
 */

/** The unit of the character error rate. */
export type CharUnit = 'grapheme' | 'codepoint';

/** Maps unit strings to small integer ids and back. One table per comparison (gold and candidate share it). */
export class SymbolTable {
  private ids = new Map<string, number>();
  private strings: string[] = [];
  /** The id of `s`, assigned on first sight. */
  id(s: string): number {
    let v = this.ids.get(s);
    if (v === undefined) {
      v = this.strings.length;
      this.ids.set(s, v);
      this.strings.push(s);
    }
    return v;
  }
  /** The unit string of `id`. */
  text(id: number): string {
    return this.strings[id];
  }
}

/**
 * Characters that may join the character before them into one grapheme cluster (extending marks, spacing marks,
 * joiners, emoji modifiers, regional indicators, Hangul jamo, CR, prepended concatenation marks). A text without
 * any has one cluster per code point, so the slow segmenter is skipped.
 */
let clustering: RegExp | undefined; // compiled on first use: the CLI loads this module for every command
const CLUSTERING = (): RegExp =>
  (clustering ??= /[\p{Grapheme_Extend}\p{Mc}\u200C\u200D\p{RI}\p{Emoji_Modifier}\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF\r\u0600-\u0605\u06DD\u070F\u0890\u0891\u08E2\u{110BD}\u{110CD}\u0E33\u0EB3]/u);

let graphemeSegmenter: Intl.Segmenter | undefined;
/** Intl.Segmenter is much slower than linear on long strings in V8; feed it pieces of at most this many code units. */
const PIECE = 512;

/**
 * Splits `text` into grapheme clusters (UAX #29 extended clusters). Long texts are segmented in pieces of about
 * {@link PIECE} code units, each cut after a space or line feed and before a character that cannot join it.
 */
export function graphemes(text: string): string[] {
  if (!CLUSTERING().test(text)) return Array.from(text);
  graphemeSegmenter ??= new Intl.Segmenter('und', { granularity: 'grapheme' });
  const out: string[] = [];
  let pos = 0;
  while (pos < text.length) {
    let end = Math.min(text.length, pos + PIECE);
    // move the cut forward to a boundary where the next character starts a new cluster for certain
    while (end < text.length && !safeCut(text, end)) end++;
    for (const s of graphemeSegmenter.segment(text.slice(pos, end))) out.push(s.segment);
    pos = end;
  }
  return out;
}

/** True when a cluster boundary certainly falls at `i`: after a space or line feed, before a non-clustering char. */
function safeCut(text: string, i: number): boolean {
  const prev = text[i - 1];
  if (prev !== ' ' && prev !== '\n') return false;
  const cp = text.codePointAt(i)!;
  return !CLUSTERING().test(String.fromCodePoint(cp));
}

/** The units of `text` as strings. */
export function units(text: string, unit: CharUnit): string[] {
  return unit === 'grapheme' ? graphemes(text) : Array.from(text);
}

const wordSegmenters = new Map<string, Intl.Segmenter>();
/**
 * Words of `text`: Intl.Segmenter word segments (UAX #29; ICU's dictionary splits Chinese and Japanese runs into
 * words), whitespace dropped, punctuation kept as words of its own (as in dinglehopper).
 */
export function words(text: string, locale = 'zh'): string[] {
  let seg = wordSegmenters.get(locale);
  if (!seg) wordSegmenters.set(locale, (seg = new Intl.Segmenter(locale, { granularity: 'word' })));
  const out: string[] = [];
  // pieces cut after whitespace and CJK punctuation (words never span them), for the speed reason of graphemes()
  for (const piece of text.split(/(?<=[\s。，、；：！？）】」』])/u)) {
    for (const s of seg.segment(piece)) if (!/^\s*$/u.test(s.segment)) out.push(s.segment);
  }
  return out;
}

/** True for whitespace units (a unit made only of whitespace). */
export const isSpace = (u: string): boolean => /^\s+$/u.test(u);

/** Encodes unit strings as ids in `table`. */
export function encode(us: readonly string[], table: SymbolTable): Int32Array {
  const out = new Int32Array(us.length);
  for (let i = 0; i < us.length; i++) out[i] = table.id(us[i]);
  return out;
}
