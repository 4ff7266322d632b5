/**
 * `script/stray`: a Traditional character inside a Simplified document (`后來` in a Simplified book: 來 -> 来),
 * or a Simplified-only character inside a Traditional one, reported as a suggestion.
 *
 * `analyze` decides the document's majority script over all kept pages: characters written only in Traditional
 * (OpenCC T->S changes them and S->T does not list them: 後, 們, 髮) against Simplified markers (S->T changes
 * them, T->S does not list them: 们, 发). A majority needs at least {@link MIN_MARKERS} marker characters and
 * {@link MAJORITY} of them on one side; otherwise, or with `--convert` (which decides the script itself), or in a
 * Japanese sentence (kana), nothing is reported. Each stray character gets the other script's reading in its
 * word: an OpenCC phrase covering it decides first (乾坤 stays 乾坤 in Simplified text, 乾淨 becomes 干净), then
 * the character table; a character whose reading would not change is not reported. Edits: one per character,
 * level `suggest`, UTF-16 offsets.
 *
 * Source: OpenCC's character and phrase tables (opencc-js); mixed-script pages are a known OCR artefact when a
 * Traditional model or font variant leaks into a Simplified scan.
 */
import {
  countScripts, isSimplifiedOnly, isTraditionalOnly, KANA_RE, stChars, stPhrases, tsChars, tsPhrases,
} from '../script/tables.js';
import type { Edit, Rule } from '../types.js';
import { flat } from './flat.js';

/** Marker characters a document needs before a majority script is decided. */
export const MIN_MARKERS = 20;
/** Share of the markers the majority script must hold. */
export const MAJORITY = 0.9;
/** Longest OpenCC phrase considered around a stray character (characters). */
const MAX_PHRASE = 6;

/** The document's majority script, or undefined when the evidence is too thin or split. */
export type Majority = 'simplified' | 'traditional' | undefined;

/** Counts marker characters of both scripts in `pages` (kana sentences skipped) and decides the majority. */
export function majorityScript(pages: readonly string[]): Majority {
  let simp = 0, trad = 0;
  for (const page of pages) {
    const sentences = KANA_RE.test(page) ? page.split(/[。！？\n]/u).filter((s) => !KANA_RE.test(s)) : [page];
    for (const s of sentences) {
      const c = countScripts(s);
      trad += c.trad;
      simp += c.simp;
    }
  }
  const n = simp + trad;
  if (n < MIN_MARKERS) return undefined;
  if (simp >= MAJORITY * n) return 'simplified';
  if (trad >= MAJORITY * n) return 'traditional';
  return undefined;
}

/** The other script's reading of chars[i], in its word: a covering phrase first, then the character table. */
function reading(chars: readonly string[], i: number, phrases: Map<string, string>, table: Map<string, string>): string {
  let best: { len: number; at: string } | undefined;
  for (let s = Math.max(0, i - MAX_PHRASE + 1); s <= i; s++) {
    for (let e = Math.min(chars.length, s + MAX_PHRASE); e > i && e - s >= 2; e--) {
      const v = phrases.get(chars.slice(s, e).join(''));
      if (v === undefined) continue;
      const out = Array.from(v);
      if (out.length === e - s && (!best || e - s > best.len)) best = { len: e - s, at: out[i - s] };
      break;
    }
  }
  return best ? best.at : table.get(chars[i]) ?? chars[i];
}

export const scriptStray: Rule = {
  id: 'script/stray',
  description: 'Flag a Traditional character in a Simplified document (or the reverse) and suggest the majority script\'s form.',
  defaultLevel: 'suggest',
  example: { before: '这是后來加的', after: '这是后来加的' },
  source: 'OpenCC character and phrase tables (opencc-js); mixed-script OCR output',
  analyze(pages) {
    return majorityScript(pages);
  },
  apply(page, ctx) {
    const majority = ctx.state as Majority;
    if (!majority || ctx.data.convert) return [];
    // one flat copy: countScripts reads the page one code unit at a time
    const text = flat(page);
    const stray = majority === 'simplified' ? isTraditionalOnly : isSimplifiedOnly;
    const edits: Edit[] = [];
    if (majority === 'simplified' && countScripts(text).trad === 0) return edits;
    for (const m of text.matchAll(/\p{Script=Han}+/gu)) {
      const chars = Array.from(m[0]);
      if (!chars.some(stray)) continue;
      const sentStart = Math.max(text.lastIndexOf('。', m.index!), text.lastIndexOf('\n', m.index!));
      const rest = text.slice(m.index! + m[0].length).search(/[。\n]/u);
      if (KANA_RE.test(text.slice(sentStart + 1, rest < 0 ? text.length : m.index! + m[0].length + rest))) continue;
      const [phrases, table] = majority === 'simplified' ? [tsPhrases(), tsChars()] : [stPhrases(), stChars()];
      let off = m.index!;
      chars.forEach((c, i) => {
        if (stray(c)) {
          const r = reading(chars, i, phrases, table);
          if (r !== c) {
            edits.push({
              start: off, end: off + c.length, text: r, rule: 'script/stray', level: 'suggest',
              message: `${majority === 'simplified' ? 'Traditional' : 'Simplified'} character ${c} in a ${majority} document: ${r}`,
            });
          }
        }
        off += c.length;
      });
    }
    return edits;
  },
};
