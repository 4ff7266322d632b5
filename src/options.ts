/**
 * The options of one run, with their defaults. The CLI and the config file both fill this shape.
 */
import type { EncodingName } from './io/decode.js';
import type { PageMode } from './pages/split.js';
import type { Level, StyleOptions } from './types.js';

export interface Options extends StyleOptions {
  /** How to split a document into pages. */
  pages: PageMode;
  /** Input encoding. */
  encoding: EncodingName;
  /** Rule level overrides by rule id (`--rule ID=LEVEL`). */
  rules: Record<string, Level>;
  /** Extra glossary files (`--glossary FILE`). */
  glossary: string[];
  /** Group duplicate page passes and keep the better one. */
  dedupe: boolean;
  /** Group duplicate passes across the files of one run (dumps stored one page per file). */
  dedupeAcrossFiles: boolean;
  /** Minimum similarity (0..1) for two pages to count as passes of the same page. */
  dedupeThreshold: number;
  /** Fuse the passes of a group by alignment instead of keeping one. */
  fuse: boolean;
  /** Join printed line wraps inside paragraphs. */
  reflow: boolean;
  /** Remove running heads and folio numbers. */
  stripHeaders: boolean;
  /** OpenCC conversion, or undefined for none. */
  convert?: string;
  /** Words and /regex/ patterns never to touch. */
  ignore: string[];
}

export const DEFAULT_OPTIONS: Options = {
  pages: 'auto',
  encoding: 'auto',
  spacing: 'always',
  punctuation: 'auto',
  rules: {},
  glossary: [],
  dedupe: true,
  dedupeAcrossFiles: false,
  dedupeThreshold: 0.35,
  fuse: false,
  reflow: false,
  stripHeaders: false,
  convert: undefined,
  ignore: [],
};
