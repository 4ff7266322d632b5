/**
 * A word-frequency lexicon read straight from jieba's dictionary (`word freq tag` per line, about 349 000 words,
 * shipped inside @node-rs/jieba). The file is sorted by code point with unique words, so lookups are a binary
 * search over the line starts: loading costs one read and one scan (tens of milliseconds), no Map of 349 000
 * strings is built, and the segmenter itself is never loaded.
 */
import fs from 'node:fs';
import { jiebaDictPath } from './segment.js';

/** A dictionary entry: frequency count in jieba's corpus and part-of-speech tag (`n`, `v`, `nr` person name...). */
export interface Entry {
  freq: number;
  tag: string;
}

/** Part-of-speech tags of proper names in jieba's dictionary: person, transliterated person, place, organisation, other. */
export const NAME_TAGS: ReadonlySet<string> = new Set(['nr', 'nrt', 'nrfg', 'ns', 'nt', 'nz']);

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class Lexicon {
  /** Sum of all frequencies (jieba's `total`). */
  readonly total: number;
  private readonly starts: Int32Array;
  private readonly count: number;
  private scratch = new Uint8Array(256);

  /**
   * @param bytes the dictionary file (UTF-8): kept as bytes, never decoded whole
   * @param source the file name, for errors
   * @throws Error naming `source` when a line is malformed or the words are not in code point (byte) order
   */
  constructor(private readonly bytes: Uint8Array, source: string) {
    const starts = new Int32Array((bytes.length >> 3) + 16);
    let n = 0, total = 0, lineStart = 0, field = 0, f = 0;
    for (let p = 0; p <= bytes.length; p++) {
      const b = p < bytes.length ? bytes[p] : 10;
      if (b === 10) {
        if (p > lineStart) {
          if (field === 0) throw new Error(`${source}: line ${n + 1} is not "word freq tag"`);
          if (n === starts.length) throw new Error(`${source}: too many lines`);
          starts[n++] = lineStart;
          total += f;
        }
        lineStart = p + 1;
        field = 0;
        f = 0;
      } else if (b === 32) field++;
      else if (field === 1 && b >= 48 && b <= 57) f = f * 10 + (b - 48);
    }
    this.starts = starts;
    this.count = n;
    this.total = total;
    // spot-check the order the binary search relies on (the whole file is checked by the tests)
    for (let k = 1; k < n; k += Math.max(1, n >> 10)) {
      if (this.compareLine(this.encode(this.keyAt(k - 1)), k) >= 0) {
        throw new Error(`${source}: words are not sorted by code point (line ${k + 1})`);
      }
    }
  }

  /** Number of words. */
  get size(): number {
    return this.count;
  }

  /** The word on line `k` (0-based). */
  keyAt(k: number): string {
    const s = this.starts[k];
    return decoder.decode(this.bytes.subarray(s, this.bytes.indexOf(32, s)));
  }

  /** UTF-8 bytes of `q` in a reused buffer. */
  private encode(q: string): Uint8Array {
    if (q.length * 3 > this.scratch.length) this.scratch = new Uint8Array(q.length * 3);
    const { written } = encoder.encodeInto(q, this.scratch);
    return this.scratch.subarray(0, written);
  }

  /** Compares UTF-8 `q` with the word on line `k` (byte order = code point order): negative when q sorts before. */
  private compareLine(q: Uint8Array, k: number): number {
    const s = this.starts[k];
    const bytes = this.bytes;
    for (let j = 0; ; j++) {
      const b = bytes[s + j];
      const bEnd = b === 32;
      if (j === q.length) return bEnd ? 0 : -1;
      if (bEnd) return 1;
      if (q[j] !== b) return q[j] - b;
    }
  }

  private find(word: string): { line: number; len: number } | undefined {
    const q = this.encode(word);
    let lo = 0, hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = this.compareLine(q, mid);
      if (c === 0) return { line: mid, len: q.length };
      if (c < 0) hi = mid - 1;
      else lo = mid + 1;
    }
    return undefined;
  }

  /** Looked-up words (the same short windows recur on every page); bounded so a long run cannot grow it forever. */
  private cache = new Map<string, Entry | null>();

  /** The entry for `word`, or undefined when it is not a word. */
  get(word: string): Entry | undefined {
    const c = this.cache.get(word);
    if (c !== undefined) return c ?? undefined;
    const e = this.lookup(word);
    if (this.cache.size >= 200_000) this.cache.clear();
    this.cache.set(word, e ?? null);
    return e;
  }

  private lookup(word: string): Entry | undefined {
    const hit = this.find(word);
    if (!hit) return undefined;
    const bytes = this.bytes;
    let p = this.starts[hit.line] + hit.len + 1;
    let freq = 0;
    for (; p < bytes.length && bytes[p] >= 48 && bytes[p] <= 57; p++) freq = freq * 10 + (bytes[p] - 48);
    let tag = '';
    if (bytes[p] === 32) for (p++; p < bytes.length && bytes[p] > 32; p++) tag += String.fromCharCode(bytes[p]);
    return { freq, tag };
  }

  /** Frequency of `word`, 0 when it is not a word. */
  freq(word: string): number {
    return this.get(word)?.freq ?? 0;
  }
}

let lexicon: Lexicon | undefined;
/** jieba's dictionary as a Lexicon, read once on first use. */
export function jiebaLexicon(): Lexicon {
  if (!lexicon) {
    const file = jiebaDictPath();
    lexicon = new Lexicon(fs.readFileSync(file), file);
  }
  return lexicon;
}
