/**
 * `script/convert`: OpenCC conversion between Simplified and Traditional Chinese (`--convert MODE`), segment-aware.
 *
 * Off unless asked: the rule reads the mode from `ctx.data.convert` (set from `--convert`) and returns no edits
 * without one. Modes are OpenCC's: t2s, s2t, s2tw, s2twp (with Taiwan phrases), tw2s, t2hk, hk2s. The engine
 * (src/script/convert.ts) segments each sentence with jieba and converts word by word, so no phrase match
 * crosses a word boundary (`的士兵` stays 的+士兵 under s2twp, `粉丝发送` is never 絲髮); Japanese sentences and
 * sentences already in the target script are left alone; converting converted text changes nothing.
 * Edits: one per changed word, UTF-16 offsets into the page text.
 *
 * Source: OpenCC (BYVoid/OpenCC) dictionaries via opencc-js; the boundary faults are OpenCC issues #664, #950,
 * #1390, #1497 and the word-boundary reports against opencc-js and tongwentang.
 */
import { convertEdits, isConvertMode } from '../script/convert.js';
import type { Edit, Rule } from '../types.js';

export const scriptConvert: Rule = {
  id: 'script/convert',
  description: 'Convert between Simplified and Traditional Chinese with OpenCC, word by word (only with --convert MODE).',
  defaultLevel: 'fix',
  example: { before: '他的士气很高 (--convert s2twp)', after: '他的士氣很高' },
  source: 'OpenCC dictionaries (opencc-js); segmentation by jieba; OpenCC issues #664, #950, #1390, #1497',
  apply(text, ctx) {
    const mode = ctx.data.convert;
    if (!isConvertMode(mode)) return [];
    return convertEdits(mode, text).map((e): Edit => ({
      ...e, rule: 'script/convert', level: 'fix', message: `OpenCC ${mode}: ${text.slice(e.start, e.end)} -> ${e.text}`,
    }));
  },
};
