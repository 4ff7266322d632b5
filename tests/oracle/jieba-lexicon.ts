// Oracle for tests/properties-script.test.ts: the jieba Lexicon as it was before its fast paths (commit 5fddd88).
// Not used by the program.
/**
 * A word-frequency lexicon read straight from jieba's dictionary (`word freq tag` per line, about 349 000 words,
 * shipped inside @node-rs/jieba). The file is sorted by code point with unique words, so lookups are a binary
 * search over the line starts: loading costs one read and one scan (tens of milliseconds), no Map of 349 000
 * strings is built, and the segmenter itself is never loaded.
 */
import fs from 'node:fs';
import { jiebaDictPath } from '../../src/script/segment.js';

/** A dictionary entry: frequency count in jieba's corpus and part-of-speech tag (`n`, `v`, `nr` person name...). */
export interface Entry {
  freq: number;
  tag: string;
}

/** Part-of-speech tags of proper names in jieba's dictionary: person, transliterated person, place, organisation, other. */
export const NAME_TAGS: ReadonlySet<string> = new Set(['nr', 'nrt', 'nrfg', 'ns', 'nt', 'nz']);

/** What a lookup learns about a string. */
export interface Probe {
  entry: Entry | undefined;
  /** A longer word starts with the string. */
  prefix: boolean;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class OldLexicon {
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

  /** True when the word on line `k` starts with the UTF-8 bytes `q` (and is longer). */
  private extends(q: Uint8Array, k: number): boolean {
    if (k >= this.count) return false;
    const s = this.starts[k];
    for (let j = 0; j < q.length; j++) if (this.bytes[s + j] !== q[j]) return false;
    return this.bytes[s + q.length] !== 32;
  }

  /** Binary search: the entry for `word` (if a word) and whether a longer word starts with it. */
  private lookup(word: string): Probe {
    const q = this.encode(word);
    let lo = 0, hi = this.count; // first line >= q
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.compareLine(q, mid) > 0) lo = mid + 1;
      else hi = mid;
    }
    if (lo < this.count && this.compareLine(q, lo) === 0) {
      const bytes = this.bytes;
      let p = this.starts[lo] + q.length + 1;
      let freq = 0;
      for (; p < bytes.length && bytes[p] >= 48 && bytes[p] <= 57; p++) freq = freq * 10 + (bytes[p] - 48);
      let tag = '';
      if (bytes[p] === 32) for (p++; p < bytes.length && bytes[p] > 32; p++) tag += String.fromCharCode(bytes[p]);
      return { entry: { freq, tag }, prefix: this.extends(q, lo + 1) };
    }
    return { entry: undefined, prefix: this.extends(q, lo) };
  }

  private cache = new Map<string, Probe>();

  /**
   * Looks `word` up: its entry when it is a word, and whether some longer word starts with it (so a caller
   * growing a string character by character knows when to stop). Answers are cached: text repeats its words.
   */
  probe(word: string): Probe {
    let r = this.cache.get(word);
    if (r === undefined) {
      if (this.cache.size >= 1 << 18) this.cache.clear();
      r = this.lookup(word);
      this.cache.set(word, r);
    }
    return r;
  }

  /** The entry for `word`, or undefined when it is not a word. */
  get(word: string): Entry | undefined {
    return this.probe(word).entry;
  }

  /** Frequency of `word`, 0 when it is not a word. */
  freq(word: string): number {
    return this.get(word)?.freq ?? 0;
  }
}

let lexicon: OldLexicon | undefined;
/** jieba's dictionary as a Lexicon, read once on first use. */
export function oldJiebaLexicon(): OldLexicon {
  if (!lexicon) {
    const file = jiebaDictPath();
    lexicon = new OldLexicon(fs.readFileSync(file), file);
  }
  return lexicon;
}
