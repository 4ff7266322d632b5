/**
 * Segment-aware OpenCC conversion (the engine of `script/convert`).
 *
 * Plain OpenCC matches its phrase dictionary greedily over the whole string, so a phrase can start or end in the
 * middle of a word: `的士兵` becomes `計程車兵` (的士 "taxi"), `粉丝发送` becomes `粉絲髮送` (丝发 "hair").
 * Here each sentence is first split into words by jieba, then each word goes through OpenCC's dictionaries on its
 * own (phrase entries first, then characters, longest match inside the word), so no phrase match ever crosses a
 * word boundary, and a one-character word takes the character table's first (most common) reading: `了` stays
 * `了`, never `瞭`.
 *
 * Guards, each a kind of fault seen in OpenCC bug reports:
 * - a sentence with kana is Japanese and is left alone; a sentence already in the target script (it has
 *   characters only the target script uses and none only the source script uses) is left alone; no direction is
 *   ever guessed, the mode says it;
 * - a character already in the target script stays (`坏` in a Traditional sentence under t2s is the Simplified
 *   `坏`, not OpenCC's variant of `坯`);
 * - a phrase entry that only adds context the text already has is not applied (`演算法` under s2twp stays, never
 *   `演演算法`);
 * - the result is a fixed point: a sentence whose conversion would change again when converted is converted
 *   until it stops changing (at most 3 rounds) or, failing that, left as it was, so converting converted text
 *   changes nothing.
 */
import { segment } from './segment.js';
import { isSimplifiedOnly, isTraditionalOnly, KANA_RE, openccPreset, tsChars, type OpenccTrie } from './tables.js';

/** The conversion modes of `--convert` (OpenCC's configuration names). */
export const CONVERT_MODES = ['t2s', 's2t', 's2tw', 's2twp', 'tw2s', 't2hk', 'hk2s'] as const;
export type ConvertMode = (typeof CONVERT_MODES)[number];

/** Which script a mode reads, which decides the guards. */
const SOURCE: Record<ConvertMode, 'simplified' | 'traditional' | 'traditional-variant'> = {
  s2t: 'simplified', s2tw: 'simplified', s2twp: 'simplified',
  t2s: 'traditional', tw2s: 'traditional', hk2s: 'traditional', t2hk: 'traditional-variant',
};

interface Converter {
  normalize?: OpenccTrie;
  stages: OpenccTrie[];
}
const converters = new Map<ConvertMode, Converter>();
function converter(mode: ConvertMode): Converter {
  let c = converters.get(mode);
  if (!c) {
    const { configs, Trie } = openccPreset();
    const cfg = configs[mode];
    if (!cfg) throw new Error(`opencc-js has no configuration "${mode}"`);
    const build = (group: readonly (string | ReadonlyArray<readonly [string, string]>)[]) => {
      const t = new Trie();
      t.loadDictGroup(group);
      return t;
    };
    c = {
      normalize: cfg.normalizationChain?.length ? build(cfg.normalizationChain.flat()) : undefined,
      stages: cfg.conversionChain.map(build),
    };
    converters.set(mode, c);
  }
  return c;
}

/** A word on its way through the conversion stages; `frozen` words are never converted. */
interface Piece {
  src: string;
  text: string;
  frozen: boolean;
}

/** True when `ch` is in the target script already and must stay as it is (guard 2). */
function keepsChar(mode: ConvertMode, ch: string): boolean {
  const src = SOURCE[mode];
  if (src === 'simplified') return isTraditionalOnly(ch);
  if (src === 'traditional') return isSimplifiedOnly(ch);
  return false;
}

/** True when the sentence is already in the mode's target script (guard 1). */
function alreadyTarget(mode: ConvertMode, s: string): boolean {
  const src = SOURCE[mode];
  if (src === 'traditional-variant') return false;
  let target = false;
  for (const ch of s) {
    const trad = isTraditionalOnly(ch);
    const simp = !trad && isSimplifiedOnly(ch);
    if (src === 'simplified' ? simp : trad) return false;
    if (src === 'simplified' ? trad : simp) target = true;
  }
  return target;
}

/** The text jieba segments: for a Traditional source, the sentence mapped character by character to Simplified
 *  (same UTF-16 length), since jieba's dictionary is Simplified; word boundaries map back one to one. */
function probe(mode: ConvertMode, s: string): string {
  if (SOURCE[mode] === 'simplified') return s;
  let out = '';
  for (const ch of s) {
    const m = tsChars().get(ch);
    out += m !== undefined && m.length === ch.length ? m : ch;
  }
  return out;
}

/** Splits the sentence into pieces: jieba words, with every character the guards keep cut out as a frozen piece. */
function pieces(mode: ConvertMode, s: string): Piece[] {
  const out: Piece[] = [];
  let pos = 0;
  for (const w of segment(probe(mode, s))) {
    const word = s.slice(pos, pos + w.length);
    pos += w.length;
    let run = '';
    for (const ch of word) {
      if (keepsChar(mode, ch)) {
        if (run) out.push({ src: run, text: run, frozen: false });
        out.push({ src: ch, text: ch, frozen: true });
        run = '';
      } else run += ch;
    }
    if (run) out.push({ src: run, text: run, frozen: false });
  }
  return out;
}

/** One conversion stage over the pieces, word by word, with the expansion guard (guard 3). */
function runStage(stage: OpenccTrie, ps: Piece[]): void {
  const texts = ps.map((p) => p.text);
  ps.forEach((p, i) => {
    if (p.frozen) return;
    const w = p.text;
    const r = stage.convert(w);
    if (r === w) return;
    const k = r.length > w.length ? r.indexOf(w) : -1;
    if (k >= 0) {
      const before = texts.slice(0, i).join('');
      const after = texts.slice(i + 1).join('');
      if (before.endsWith(r.slice(0, k)) && after.startsWith(r.slice(k + w.length))) return;
    }
    p.text = r;
  });
}

/** One round of conversion of one sentence, as pieces (src = input text of the piece, text = its conversion). */
function convertOnce(mode: ConvertMode, s: string): Piece[] {
  const c = converter(mode);
  if (KANA_RE.test(s) || alreadyTarget(mode, s)) return [{ src: s, text: s, frozen: true }];
  const normal = c.normalize ? c.normalize.convert(s) : s;
  if (normal !== s) {
    // compatibility ideographs normalised: convert the normalised sentence, report it as one piece
    const inner = convertOnce(mode, normal);
    return [{ src: s, text: inner.map((p) => p.text).join(''), frozen: false }];
  }
  const ps = pieces(mode, s);
  for (const stage of c.stages) runStage(stage, ps);
  return ps;
}

const joinText = (ps: Piece[]) => ps.map((p) => p.text).join('');

/** Converts one sentence to a fixed point (guard 4); returns pieces of the ORIGINAL sentence with their outputs. */
function convertSentence(mode: ConvertMode, s: string): Piece[] {
  const first = convertOnce(mode, s);
  let cur = joinText(first);
  if (cur === s) return first;
  for (let round = 0; round < 3; round++) {
    const next = joinText(convertOnce(mode, cur));
    if (next === cur) return round === 0 ? first : [{ src: s, text: cur, frozen: false }];
    cur = next;
  }
  return [{ src: s, text: s, frozen: true }];
}

/** Sentences: runs ended by a sentence mark or a line break (the marks stay with their sentence). */
const SENTENCE_RE = /[^。！？!?；;\n]*[。！？!?；;\n]*/gu;

/** A conversion edit: replace [start, end) (UTF-16 offsets into the input) with `text`. */
export interface ConvertEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * Converts `text` with `mode`, segment-aware.
 * @returns the edits, sorted and non-overlapping (one per changed word)
 * @throws Error when opencc-js lacks the mode's configuration
 */
export function convertEdits(mode: ConvertMode, text: string): ConvertEdit[] {
  const edits: ConvertEdit[] = [];
  for (const m of text.matchAll(SENTENCE_RE)) {
    if (m[0] === '' || !/\p{Script=Han}/u.test(m[0])) continue;
    let pos = m.index!;
    for (const p of convertSentence(mode, m[0])) {
      if (p.text !== p.src) edits.push({ start: pos, end: pos + p.src.length, text: p.text });
      pos += p.src.length;
    }
  }
  return edits;
}

/** Converts `text` with `mode` (see convertEdits). */
export function convertText(mode: ConvertMode, text: string): string {
  let out = '';
  let pos = 0;
  for (const e of convertEdits(mode, text)) {
    out += text.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return out + text.slice(pos);
}

/** True when `s` names a conversion mode. */
export function isConvertMode(s: unknown): s is ConvertMode {
  return typeof s === 'string' && (CONVERT_MODES as readonly string[]).includes(s);
}
