/**
 * Word segmentation with @node-rs/jieba (MIT; jieba's dictionary of about 349 000 words ships inside the
 * package, nothing is downloaded). Loaded lazily on first use: building the segmenter takes about a second, so
 * only `--convert` pays for it.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Jieba } from '@node-rs/jieba';

const require = createRequire(import.meta.url);

/** Path of jieba's dictionary (`word freq tag` per line, sorted by code point, unique words). */
export function jiebaDictPath(): string {
  return require.resolve('@node-rs/jieba/dict.txt');
}

let jieba: Jieba | undefined;
function segmenter(): Jieba {
  if (!jieba) {
    const mod = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    jieba = mod.Jieba.withDict(fs.readFileSync(jiebaDictPath()));
  }
  return jieba;
}

/**
 * Splits `text` into words (jieba's maximum-probability path over its dictionary, without the HMM that guesses
 * unknown words, so unknown text falls apart into single characters).
 * @returns words whose concatenation is `text`; UTF-16 lengths add up to text.length
 */
export function segment(text: string): string[] {
  if (text === '') return [];
  const words = segmenter().cut(text, false);
  if (words.join('') === text) return words;
  // never expected; fall back to single code points rather than lose text
  return Array.from(text);
}
