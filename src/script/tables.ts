/**
 * OpenCC data shared by the script rules, from opencc-js (Apache-2.0, the OpenCC dictionaries).
 *
 * The small character tables (STCharacters, TSCharacters, TSPhrases; about 70 kB) are imported statically: the
 * default-on `script/stray` rule needs them on every run. The full preset (all phrase dictionaries and the
 * per-mode conversion chains, about 1.2 MB of JavaScript) is required lazily, only by `--convert` and by a
 * Traditional-majority document.
 */
import { createRequire } from 'node:module';
import STCharacters from 'opencc-js/dict/STCharacters';
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TSPhrases from 'opencc-js/dict/TSPhrases';

/** A dictionary as opencc-js serialises it: `"key value|key value"`, or pairs. */
export type DictLike = string | ReadonlyArray<readonly [string, string]>;

/** Parses an opencc-js dictionary into a Map (first candidate only, as opencc-js stores it). */
export function parseDict(d: DictLike): Map<string, string> {
  const m = new Map<string, string>();
  if (typeof d === 'string') {
    for (const line of d.split('|')) {
      const sp = line.indexOf(' ');
      if (sp > 0) m.set(line.slice(0, sp), line.slice(sp + 1));
    }
  } else for (const [k, v] of d) m.set(k, v);
  return m;
}

let st: Map<string, string> | undefined;
let ts: Map<string, string> | undefined;
let tsPhraseMap: Map<string, string> | undefined;
/** Simplified -> Traditional characters (one character each side). */
export function stChars(): Map<string, string> {
  return (st ??= parseDict(STCharacters));
}
/** Traditional -> Simplified characters. */
export function tsChars(): Map<string, string> {
  return (ts ??= parseDict(TSCharacters));
}
/** Traditional -> Simplified phrases (small: the characters whose conversion depends on the word). */
export function tsPhrases(): Map<string, string> {
  return (tsPhraseMap ??= parseDict(TSPhrases));
}

/**
 * True when `c` is written only in Traditional script: OpenCC's T->S table changes it and the S->T table does
 * not list it as a Simplified character (`後`, `們`, `髮`; not `干`, `台`, which both scripts use).
 */
export function isTraditionalOnly(c: string): boolean {
  return traditionalOnlySet().has(c);
}
let tradOnly: Set<string> | undefined;
function traditionalOnlySet(): Set<string> {
  if (!tradOnly) {
    tradOnly = new Set();
    for (const [k, v] of tsChars()) if (k !== v && !stChars().has(k)) tradOnly.add(k);
  }
  return tradOnly;
}

/**
 * Rough Simplified marker, for counting a document's majority script: S->T changes `c` and T->S does not list it
 * (`们`, `发`; `干`, `台` count too, which is why this is only used for majorities).
 */
export function isSimplifiedMarker(c: string): boolean {
  return simplifiedMarkerSet().has(c);
}
let simpMarker: Set<string> | undefined;
function simplifiedMarkerSet(): Set<string> {
  if (!simpMarker) {
    simpMarker = new Set();
    for (const [k, v] of stChars()) if (k !== v && !tsChars().has(k)) simpMarker.add(k);
  }
  return simpMarker;
}

/** Script class of each UTF-16 unit: bit 1 = Traditional-only, bit 2 = Simplified marker, 4 = high surrogate. */
let classes: Uint8Array | undefined;
const TRAD = 1, SIMP = 2, ASTRAL = 4;
function classTable(): Uint8Array {
  if (!classes) {
    classes = new Uint8Array(0x10000);
    classes.fill(ASTRAL, 0xd800, 0xdc00);
    for (const c of traditionalOnlySet()) if (c.length === 1) classes[c.charCodeAt(0)] |= TRAD;
    for (const c of simplifiedMarkerSet()) if (c.length === 1) classes[c.charCodeAt(0)] |= SIMP;
  }
  return classes;
}

/**
 * Counts Traditional-only and Simplified-marker characters of `s`: a table lookup per UTF-16 unit, and a set
 * lookup for characters outside the BMP (a few markers are CJK Extension B characters).
 */
export function countScripts(s: string): { trad: number; simp: number } {
  const t = classTable();
  let trad = 0, simp = 0;
  for (let i = 0; i < s.length; i++) {
    const k = t[s.charCodeAt(i)];
    if (k === 0) continue;
    if (k === ASTRAL) {
      const ch = String.fromCodePoint(s.codePointAt(i)!);
      if (ch.length === 2) {
        if (traditionalOnlySet().has(ch)) trad++;
        else if (simplifiedMarkerSet().has(ch)) simp++;
        i++;
      }
    } else if (k & TRAD) trad++;
    else simp++;
  }
  return { trad, simp };
}

/** Some script-marker characters outside the BMP, for tests: [traditional-only, simplified-marker]. */
export function astralMarkers(): [string | undefined, string | undefined] {
  return [[...traditionalOnlySet()].find((c) => c.length === 2), [...simplifiedMarkerSet()].find((c) => c.length === 2)];
}

/** The opencc-js preset: per-mode normalisation, segmentation and conversion chains (OpenCC's config files). */
export interface OpenccPreset {
  configs: Record<string, { normalizationChain?: DictLike[][]; conversionChain: DictLike[][] }>;
  Trie: new () => OpenccTrie;
}
/** opencc-js's trie: `convert` does greedy longest-match replacement inside the string it is given. */
export interface OpenccTrie {
  loadDictGroup(group: readonly DictLike[]): void;
  convert(s: string): string;
  map: Map<number, unknown>;
}

let preset: OpenccPreset | undefined;
/** Loads the full opencc-js preset once (about 100 ms). */
export function openccPreset(): OpenccPreset {
  if (!preset) {
    const mod = createRequire(import.meta.url)('opencc-js') as { Locale: { configs: OpenccPreset['configs'] }; Trie: OpenccPreset['Trie'] };
    preset = { configs: mod.Locale.configs, Trie: mod.Trie };
  }
  return preset;
}

let simpOnly: Set<string> | undefined;
/**
 * True when `c` is written only in Simplified script: S->T changes it, T->S does not list it, and no Traditional
 * phrase in OpenCC's S->T dictionary keeps it (`发`, `们` are Simplified only; `干` stays in `干涉`, `台` in `天台`,
 * so they are not). Loads the full preset on first use.
 */
export function isSimplifiedOnly(c: string): boolean {
  if (!simpOnly) {
    const inTraditional = new Set<string>();
    for (const dict of openccPreset().configs.s2t.conversionChain[0]) {
      for (const v of parseDict(dict).values()) for (const ch of v) inTraditional.add(ch);
    }
    simpOnly = new Set();
    for (const [k, v] of stChars()) if (k !== v && !tsChars().has(k) && !inTraditional.has(k)) simpOnly.add(k);
  }
  return simpOnly.has(c);
}

/** Hiragana or Katakana (not the shared prolonged sound mark): a sentence with kana is Japanese. */
export const KANA_RE = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;

let stPhraseMap: Map<string, string> | undefined;
/** Simplified -> Traditional phrases (OpenCC STPhrases, about 49 000); loads the full preset on first use. */
export function stPhrases(): Map<string, string> {
  if (!stPhraseMap) {
    stPhraseMap = new Map();
    for (const dict of openccPreset().configs.s2t.conversionChain[0]) {
      for (const [k, v] of parseDict(dict)) if ([...k].length > 1) stPhraseMap.set(k, v);
    }
  }
  return stPhraseMap;
}
