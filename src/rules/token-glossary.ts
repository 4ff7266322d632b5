/**
 * `token/glossary`: repairs Latin tokens that OCR mangled, against the glossary (rules/glossary.txt and
 * `--glossary` files) and the lookalike table (rules/lookalikes.tsv).
 *
 * A token is a run of ASCII letters and digits with inner `-` `.` `+` `/`, which may hold a lookalike glyph
 * between two Latin characters (`BE求T`). Tokens that are glossary terms, identity entries, or ordinary English
 * words are never touched. Ordered kinds of repair (first that applies wins):
 *  1. explicit variant (`Pytorch => PyTorch`): fix;
 *  2. version form: the token equals a term once hyphens and spaces next to a digit are dropped (`GPT4` ->
 *     `GPT-4`, `Microsoft365` -> `Microsoft 365`; `MSDOS` stays): fix;
 *  3. two glued terms split at a digit|letter or lower|upper boundary (`GPT-4API` -> `GPT-4 API`): fix;
 *  4. lookalike glyphs: the token's lookalike skeleton equals exactly one term's (`BE求T`, `1SO9660`): fix when
 *     the term has at least 4 characters and at most a third of them differ;
 *     A second tier compares lower-cased skeletons (`Tensorf1ow` -> `TensorFlow`) when a digit or CJK glyph is
 *     among the changes;
 *  4b. lookalike glyphs in an ordinary English word (SCOWL): `shel1` -> `shell`, `defauLt` -> `default`;
 *  5. one dropped or extra letter, also across one space (`A4 Science` -> `AI4Science`): fix when exactly one term
 *     matches and the term is long (6+) or the CJK word after the token names the term's category
 *     (`Sor模型` -> `Sora 模型`); otherwise a suggestion (terms of 5+); never for all-capital tokens;
 *  6. proper-noun casing in Chinese prose (CJK next to the token; `linux` -> `Linux`), also of a lower-case version
 *     form (`gpt4o` -> `GPT-4o`), unless the lower-case form is an English word (`apple`) or the term is flagged
 *     `keeplower` (docker, perl, arm64); never for all-capital acronyms (http, dns, utf8, mp3) except the
 *     versioned names of {@link NAME_CATEGORIES} (`gpt4` -> `GPT-4`, `a100` -> `A100`): fix.
 * Also: a `$` read as `S` before an environment variable of the [envvar] section, in quotes or before a `/`
 * (`"SPATH"` -> `"$PATH"`, `SHOME/.cache` -> `$HOME/.cache`).
 * Tokens touching `_` `@` `$` `\` `=` `~` or another token across `.`/`/`, and everything in protected spans
 * (URLs, paths, code), are left alone. Source: observed CJK OCR errors; pycorrector (identity entries);
 * Chinese copywriting guidelines (专有名词使用正确的大小写). Offsets are UTF-16 code units.
 */
import type { Edit, Rule } from '../types.js';
import { CJK, CJK_PUNCT } from './classes.js';
import { flat } from './flat.js';
import { lexiconOf, skeleton, squash, type Lexicon, type Term } from './lexicon.js';

/** CJK head words that name a term's category: evidence for a one-letter repair. */
export const CATEGORY_HEADS: Record<string, string[]> = {
  model: ['模型', '系列', '架构', '网络'],
  framework: ['框架', '库', '工具'],
  language: ['语言', '代码', '程序'],
  company: ['公司', '团队', '实验室'],
  os: ['系统', '发行版', '内核'],
  standard: ['标准', '协议', '编码', '规范'],
  format: ['格式', '文件'],
  hardware: ['芯片', '显卡', '处理器', '硬件'],
  product: ['产品', '软件', '平台', '服务', '数据集'],
  concept: [],
};

const esc = (s: string) => s.replace(/[\\\]^-]/g, '\\$&');
const cjkStartRe = new RegExp(`^[${CJK}]`, 'u');
const cjkNearRe = new RegExp(`[${CJK}] ?$`, 'u');
/** Characters next to a token that make it part of an identifier, path or code. */
const codeNeighbour = /[_@$\\=~`#%&*<>{}|]/;
/** Prose neighbours for casing: CJK, CJK punctuation, space, start/end, and ASCII marks used as Chinese punctuation. */
const proseNeighbourRe = new RegExp(`^(?:$|[\\s${CJK}${CJK_PUNCT},;:!?()])`, 'u');
/** One CJK character. */
const cjkCharRe = new RegExp(`^[${CJK}]$`, 'u');

/** A `$` read as `S` before a variable name, in quotes or before a path; the character before it is {@link DOLLAR_BEFORE}. */
const DOLLAR_AS_S = /S([A-Z][A-Z0-9_]{3,})(?=["”'’/])/g;
const DOLLAR_BEFORE = /["“'‘`=:\s]/;

function tokenRe(lex: Lexicon): RegExp {
  const glyphs = esc([...lex.letterGlyphs].join(''));
  const inner = glyphs ? `|[${glyphs}](?=[A-Za-z0-9])` : '';
  // without the u flag when every glyph is one UTF-16 unit (the package's table): the same matches, since a token
  // starts with an ASCII letter or digit and every other class is ASCII or those glyphs; V8 runs it faster
  const astral = [...lex.letterGlyphs].some((g) => g.length > 1);
  return new RegExp(`[A-Za-z0-9](?:[A-Za-z0-9]|[-.+/](?=[A-Za-z0-9])${inner})*`, astral ? 'gu' : 'g');
}

/**
 * The one term of `ts`; terms that differ only by hyphens or spaces (`ISO 9660`, `ISO9660`) count as one, and the
 * unspaced spelling is taken.
 */
function unique(ts: Term[] | undefined): Term | undefined {
  if (!ts || ts.length === 0) return undefined;
  if (ts.length === 1) return ts[0];
  const sq = squash(ts[0].text);
  if (!ts.every((t) => squash(t.text) === sq)) return undefined;
  return ts.find((t) => t.text === sq);
}
const hasNonAscii = (s: string) => /[^\x00-\x7f]/.test(s);

interface Repair {
  term: string;
  kind: string;
  level: 'fix' | 'suggest';
}

/** Number of positions where two equal-length strings differ (Infinity when lengths differ). */
function diffCount(a: string, b: string): number {
  const x = Array.from(a), y = Array.from(b);
  if (x.length !== y.length) return Infinity;
  let n = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) n++;
  return n;
}

/** Category evidence: the CJK text right after `end` starts with a head word of `term`'s category. */
function categoryEvidence(text: string, end: number, term: Term): boolean {
  const after = text.slice(end, end + 6).replace(/^ /, '');
  return (CATEGORY_HEADS[term.category] ?? []).some((h) => after.startsWith(h));
}

/**
 * One dropped or extra letter: the unique term within one insertion or deletion of the token whose squashed
 * lookalike skeleton is `key` (code points). A term lacking one of the token's characters must keep the token's
 * first character (a first letter glued before the term, bPython, is another word run into it, not an OCR
 * insertion) and, unless the last character goes, its last one: the middle deletions are tried only when some
 * term skeleton one character shorter has those ends ({@link Cache.ends}). A trailing s is a plural, not an
 * extra letter.
 */
function editOne(lex: Lexicon, cache: Cache, key: string): Term | undefined {
  const found = new Set<Term>();
  for (const t of lex.byDeletion.get(key) ?? []) found.add(t); // token lacks a letter of t
  const chars = Array.from(key);
  const n = chars.length;
  if (n >= 3 && cache.ends.has(endsKey(chars[0], chars[n - 1], n - 1))) {
    for (let i = 1; i <= n - 2; i++) {
      for (const t of lex.bySkeleton.get(chars.slice(0, i).join('') + chars.slice(i + 1).join('')) ?? []) found.add(t);
    }
  }
  if (n >= 2 && !/[sS]/.test(chars[n - 1])) for (const t of lex.bySkeleton.get(chars.slice(0, n - 1).join('')) ?? []) found.add(t);
  return found.size === 1 ? [...found][0] : undefined;
}

/** Key of {@link Cache.ends}: first and last character (code points) and length in code points. */
const endsKey = (first: string, last: string, length: number) => `${first}\0${last}\0${length}`;

/** The {@link endsKey} of every term skeleton (the keys of `lex.bySkeleton`). */
function skeletonEnds(lex: Lexicon): Set<string> {
  const ends = new Set<string>();
  for (const k of lex.bySkeleton.keys()) {
    const c = Array.from(k);
    if (c.length > 0) ends.add(endsKey(c[0], c[c.length - 1], c.length));
  }
  return ends;
}

/**
 * What a token's repair depends on, decided from the token alone (see {@link planOf}); the text around it is
 * consulted only by {@link runPlan}, for the few tokens that have a candidate.
 */
interface Plan {
  /** A repair decided by the token alone (kinds 1-4). */
  fixed?: Repair;
  /** Kind 4b: the English word the token's glyphs read back to. */
  word?: string;
  /** The token ends in a digit: the word holds only when the text has no sibling (`foo1 foo2`). */
  wordNeedsSibling?: boolean;
  /** Kind 5: the one term within one dropped or added letter. */
  one?: Term;
  /** The one-letter repair is a fix whatever the text (long term, capital or digit in the token). */
  oneStrong?: boolean;
  /** Without category evidence the one-letter repair is still a suggestion (term of 5+). */
  oneSuggest?: boolean;
}

const NO_PLAN: Plan = {};

/**
 * The repair of one token (or of a window of two tokens joined by a space, joined without it) whose token-only
 * part is `plan` ({@link planOf}): finishes it with the checks that read the text, the sibling check of kind 4b
 * and the category evidence after `end` of kind 5.
 */
function runPlan(plan: Plan, token: string, text: string, end: number): Repair | undefined {
  if (plan.fixed) return plan.fixed;
  if (plan.word !== undefined && !(plan.wordNeedsSibling && hasSibling(token, text))) {
    return { term: plan.word, kind: 'lookalike glyphs in an English word', level: 'fix' };
  }
  const one = plan.one;
  if (one) {
    if (plan.oneStrong || categoryEvidence(text, end, one)) return { term: one.text, kind: 'one letter dropped or added', level: 'fix' };
    if (plan.oneSuggest) return { term: one.text, kind: 'one letter dropped or added (uncertain)', level: 'suggest' };
  }
  return undefined;
}

/** Decides the repair of one token (or window) from the token alone: kinds 1-5 in order, with the checks that
 * read the text left to {@link runPlan}. */
function planOf(lex: Lexicon, cache: Cache, token: string, window: boolean): Plan {
  const sq = squash(token);
  if (!window) {
    const v = lex.variants.get(token);
    if (v !== undefined) return v === token ? NO_PLAN : { fixed: { term: v, kind: 'known variant', level: 'fix' } };
    const bySq = unique(lex.bySquash.get(sq));
    if (bySq && bySq.text !== token && sq.length >= 3 && versionGapsOnly(token, bySq.text)) {
      return { fixed: { term: bySq.text, kind: 'version form', level: 'fix' } };
    }
    const split = splitGlued(lex, token);
    if (split) return { fixed: { term: split, kind: 'glued terms', level: 'fix' } };
  }
  const sk = skeleton(lex, sq);
  const look = unique(lex.bySkeleton.get(sk));
  if (look && squash(look.text) !== sq) {
    const tq = squash(look.text);
    // multi-character lookalikes (rn for m) change the length: count each as one step
    const norm = (x: string) => lex.multi.reduce((acc, [long, short]) => acc.split(long).join(short), x);
    const n = diffCount(norm(sq), norm(tq)) + Math.abs(Array.from(sq).length - Array.from(tq).length);
    const glyph = hasNonAscii(token);
    // a change of letter case alone (Libreoffice, LibreOffice) is a spelling variant, not a lookalike glyph
    const caseOnly = n > 0 && Array.from(sq).every((c, k) => c === Array.from(tq)[k] || c.toLowerCase() === Array.from(tq)[k]?.toLowerCase());
    if (tq.length >= 4 && !caseOnly && (glyph || (n <= Math.max(1, Math.floor(tq.length / 3)) && !window))) {
      return { fixed: { term: look.text, kind: 'lookalike glyphs', level: 'fix' } };
    }
  }
  // a glyph repair that also restores letter case (Tensorf1ow -> TensorFlow): a digit or non-ASCII glyph must be
  // among the changes, at most a third of the characters change, and exactly one term matches
  const lower = !window && (/[0-9]/.test(sq) || hasNonAscii(sq)) ? unique(lex.bySkeletonLower.get(skeleton(lex, sq.toLowerCase()))) : undefined;
  if (lower && squash(lower.text) !== sq) {
    const tq = squash(lower.text);
    const n = diffCount(sq, tq);
    const digitGlyph = Array.from(sq).some((c, k) => c !== Array.from(tq)[k] && (/[0-9]/.test(c) || hasNonAscii(c)) && !/[0-9]/.test(Array.from(tq)[k] ?? ''));
    if (tq.length >= 5 && digitGlyph && n <= Math.floor(tq.length / 3)) return { fixed: { term: lower.text, kind: 'lookalike glyphs and case', level: 'fix' } };
  }
  const plan: Plan = {};
  if (!window) {
    const word = englishLookalikeWord(lex, token);
    if (word) {
      plan.word = word;
      plan.wordNeedsSibling = /[0-9]$/.test(token);
    }
  }
  // all-capital acronyms are dense (RPC, gRPC; MSS, MOSS): never repaired by a dropped or added letter
  const acronym = /^[A-Z0-9]+$/.test(sq);
  const one = sq.length >= 3 && !acronym ? editOne(lex, cache, sk) : undefined;
  if (one && !lex.terms.has(token)) {
    const tq = squash(one.text);
    // (a plan with neither a word nor a one-letter term repairs nothing)
    if (Math.abs(tq.length - sq.length) !== 1) return plan.word ? plan : NO_PLAN;
    // the dropped or added character is a letter, never a digit: Python3, CentOS7, Redis6 are versions, not typos
    if (sq.replace(/[^0-9]/g, '') !== tq.replace(/[^0-9]/g, '')) return plan.word ? plan : NO_PLAN;
    plan.one = one;
    plan.oneStrong = tq.length >= 6 && /[A-Z0-9]/.test(sq);
    plan.oneSuggest = tq.length >= 5;
  }
  return plan.word || plan.one ? plan : NO_PLAN;
}

/**
 * True when `token` and `term` differ only by hyphens or spaces next to a digit (`GPT4` ~ `GPT-4`, `Microsoft365`
 * ~ `Microsoft 365`); a hyphen between letters (`MSDOS` ~ `MS-DOS`, `WiFi` ~ `Wi-Fi`) is a spelling variant, not
 * OCR damage, and stays.
 */
function versionGapsOnly(token: string, term: string): boolean {
  let i = 0, j = 0;
  while (i < token.length || j < term.length) {
    if (token[i] === term[j]) {
      i++, j++;
      continue;
    }
    const gapIn = term[j] === '-' || term[j] === ' ' ? 'term' : token[i] === '-' || token[i] === ' ' ? 'token' : '';
    if (!gapIn) return false;
    const s = gapIn === 'term' ? term : token;
    const k = gapIn === 'term' ? j : i;
    if (!/[0-9]/.test(s[k - 1] ?? '') && !/[0-9]/.test(s[k + 1] ?? '')) return false;
    if (gapIn === 'term') j++;
    else i++;
  }
  return true;
}

/** Glyphs read for a letter inside an ordinary word, by the case of the word: what each may stand for. */
const WORD_LOOKALIKES: Record<'lower' | 'upper', Record<string, string[]>> = {
  lower: { '1': ['l'], I: ['l'], L: ['l'], '|': ['l'], '0': ['o'] },
  upper: { '1': ['I'], l: ['I'], '|': ['I'], '0': ['O'] },
};

/**
 * True when `text` holds a sibling of `token` (which ends in a digit): the same stem with another digit, once
 * the first occurrence of the token is taken out (`foo1 foo2`).
 */
function hasSibling(token: string, text: string): boolean {
  const stem = token.slice(0, -1).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![A-Za-z0-9])${stem}[0-9](?![A-Za-z0-9])`, 'g').test(text.replace(token, ''));
}

/**
 * An ordinary English word that `token` becomes when its lookalike glyphs are read back (`shel1` -> `shell`,
 * `unstab1e` -> `unstable`, `F0RMAT` -> `FORMAT`), or undefined. Only for tokens of 4+ characters with at least
 * three letters, at most two glyphs, letters in one case (or Capitalised), when exactly one word results; a
 * trailing digit only in words of 5+ characters with no sibling (`foo1 foo2`) in the text. The sibling check is
 * the only part that reads the text, so it is left to the caller ({@link runPlan} applies {@link hasSibling});
 * this function looks at the token alone and can be cached per token.
 */
function englishLookalikeWord(lex: Lexicon, token: string): string | undefined {
  if (/[0-9]$/.test(token) && token.length < 5) return undefined;
  if (!/^[A-Za-z0-9|]{4,}$/.test(token) || (token.match(/[A-Za-z]/g) ?? []).length < 3) return undefined;
  const letters = token.replace(/[^A-Za-z]/g, '');
  const body = letters.slice(1);
  const caseOf = /^[A-Z]+$/.test(letters.replace(/[Il]/g, '')) && letters.replace(/[Il]/g, '').length >= 2 ? 'upper' : /^[a-z]*$/.test(body.replace(/[IL]/g, '')) ? 'lower' : undefined;
  if (!caseOf) return undefined;
  const table = WORD_LOOKALIKES[caseOf];
  const chars = Array.from(token);
  const spots = chars.map((c, i) => (table[c] ? i : -1)).filter((i) => i >= 0);
  // capital I as the first letter of a Capitalised word is a real I (Index), not a glyph
  if (caseOf === 'lower' && (chars[0] === 'I' || chars[0] === 'L') && spots[0] === 0) spots.shift();
  if (spots.length === 0 || spots.length > 2) return undefined;
  if (chars.some((c, i) => /[0-9|]/.test(c) && !spots.includes(i))) return undefined;
  const found = new Set<string>();
  const walk = (k: number, acc: string[]) => {
    if (k === spots.length) {
      const w = acc.join('');
      if (w !== token && lex.words.has(w.toLowerCase())) found.add(w);
      return;
    }
    for (const alt of table[chars[spots[k]]]) {
      const next = acc.slice();
      next[spots[k]] = alt;
      walk(k + 1, next);
    }
  };
  walk(0, chars);
  return found.size === 1 ? [...found][0] : undefined;
}

/** `GPT-4API` -> `GPT-4 API`: two terms glued at a digit|letter or lower|upper boundary. */
function splitGlued(lex: Lexicon, token: string): string | undefined {
  for (let i = 2; i <= token.length - 2; i++) {
    // the boundary, by char codes: a digit before a letter, or a lower-case before an upper-case letter
    const x = token.charCodeAt(i - 1), y = token.charCodeAt(i);
    const yUpper = y >= 65 && y <= 90;
    if (!((x >= 48 && x <= 57 && (yUpper || (y >= 97 && y <= 122))) || (x >= 97 && x <= 122 && yUpper))) continue;
    const a = token.slice(0, i), b = token.slice(i);
    const ta = lex.terms.has(a) ? a : unique(lex.bySquash.get(squash(a)))?.text;
    if (ta && lex.terms.has(b) && b.length >= 2) return `${ta} ${b}`;
  }
  return undefined;
}

/**
 * Categories of names (models, products, hardware, companies) whose all-capital terms with a digit are also
 * written in lower case in prose (`gpt4`, `a100`), and recased there; the lower-case forms of the other
 * categories' such terms are identifiers of their own (`utf8` a MySQL character set, `mp3` a file extension,
 * `int8` a type, `fp16` a flag, `x11` and `grub2` packages) and stay.
 */
export const NAME_CATEGORIES = ['model', 'product', 'hardware', 'company'];

/**
 * Proper-noun casing of an all-lower-case token in prose, the part that looks at the token alone: the term whose
 * casing it may take. The part that reads the text around it is {@link casingFits}.
 *  - the token is a term in lower case (`linux` -> `Linux`), for a term with both cases (never an all-capital
 *    acronym: `http`, `dns`);
 *  - the token, letters and digits only, holds a digit and is a term with a version in lower case, once hyphens
 *    and spaces next to a digit are dropped (`gpt4` -> `GPT-4`, `gpt4o` -> `GPT-4o`, `rtx4090` -> `RTX 4090`; see
 *    {@link versionGapsOnly}): for a term with both cases, or an all-capital term of {@link NAME_CATEGORIES}. A
 *    form with a hyphen or a dot (`gpt-4`, `gpt-3.5`) is a model identifier as an API takes it: left alone.
 * Never for a `keeplower` term (`arm64`, a Debian architecture) or an English word.
 */
function casingTerm(lex: Lexicon, cache: Cache, token: string): string | undefined {
  if (!/^[a-z][a-z0-9.-]*$/.test(token) || token.length < 3 || lex.words.has(token)) return undefined;
  const t = /^[a-z0-9]+$/.test(token) ? unique(lex.byLower.get(token)) : undefined;
  if (t && !t.keeplower && t.text !== token && /[A-Z]/.test(t.text) && /[a-z]/.test(t.text)) return t.text;
  // (a lower-case form with a hyphen or a dot, `gpt-4`, `gpt-3.5`, is the API's model identifier: left as written)
  if (!/[0-9]/.test(token) || !/^[a-z0-9]+$/.test(token)) return undefined;
  const v = unique(versionsLower(lex, cache).get(squash(token)));
  if (!v || v.keeplower || !/[A-Z]/.test(v.text) || !versionGapsOnly(token, v.text.toLowerCase())) return undefined;
  if (!/[a-z]/.test(v.text) && !NAME_CATEGORIES.includes(v.category)) return undefined;
  return v.text;
}

/** Terms holding a digit, by their squashed key in lower case (`gpt4` for GPT-4), built once per lexicon. */
function versionsLower(lex: Lexicon, cache: Cache): Map<string, Term[]> {
  if (cache.versionsLower) return cache.versionsLower;
  const m = new Map<string, Term[]>();
  for (const t of lex.terms.values()) {
    if (!/[0-9]/.test(t.text)) continue;
    const k = squash(t.text).toLowerCase();
    const list = m.get(k);
    if (list) list.push(t);
    else m.set(k, [t]);
  }
  return (cache.versionsLower = m);
}

/** The context part of proper-noun casing: the token at [start, end) sits in Chinese prose, not in a command. */
function casingFits(text: string, start: number, end: number): boolean {
  if (/^\(\d/.test(text.slice(end, end + 2))) return false; // a man page reference: perl(1)
  if (/^ +-/.test(text.slice(end, end + 4))) return false; // a command with options: mysql -u root
  // (an ASCII quote on one side counts when CJK touches the other: the quote then closes or opens Chinese text,
  // which punct/width makes “”, so that a second run agrees; `"linux"` alone is a quoted literal)
  const prev = start > 0 ? text[start - 1] : '', next = text.slice(end, end + 1);
  const fits = (c: string, other: string) => proseNeighbourRe.test(c) || (c === '"' && cjkCharRe.test(other));
  if (!fits(next, prev) || !fits(prev, next)) return false;
  // after an ASCII word (`pip install numpy`, `import numpy`) the token is part of a command or code: its case is
  // the command's, not the proper noun's
  if (/[A-Za-z0-9_\-.]+ +$/.test(text.slice(Math.max(0, start - 24), start))) return false;
  // prose here means Chinese prose: CJK right next to the token or across one space (not `user at debian dot org`)
  if (!cjkNearRe.test(text.slice(Math.max(0, start - 2), start)) && !cjkStartRe.test(text.slice(end, end + 2).trimStart())) return false;
  return true;
}

/** Characters that make a token part of an identifier, path or code when next to it (see {@link codeNeighbour}). */
const CODE_NEIGHBOUR = new Uint8Array(128);
for (const c of '_@$\\=~`#%&*<>{}|') CODE_NEIGHBOUR[c.charCodeAt(0)] = 1;
const isCodeNeighbour = (c: number) => c < 128 && CODE_NEIGHBOUR[c] === 1;
/** `.` `/` `:` `-` */
const isJoiner = (c: number) => c === 46 || c === 47 || c === 58 || c === 45;
/** ASCII letter or digit (NaN, past either end of the text, is not). */
const isAlnumCode = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * True when the token at [start, end) sits inside an identifier, path or code (by its neighbours): a
 * {@link codeNeighbour} on either side, a `.` `/` `:` `-` joining it to another letter or digit, or a `/` next
 * to it. Walks char codes; the same tests as the regexes on one-character strings.
 */
function inCode(text: string, start: number, end: number): boolean {
  const before = start > 0 ? text.charCodeAt(start - 1) : -1;
  const after = end < text.length ? text.charCodeAt(end) : -1;
  if (isCodeNeighbour(before) || isCodeNeighbour(after)) return true;
  if (isJoiner(before) && isAlnumCode(text.charCodeAt(start - 2))) return true;
  if (isJoiner(after) && isAlnumCode(text.charCodeAt(end + 1))) return true;
  return before === 47 || after === 47;
}

/** What token/glossary decides about one token from the token alone (cached per token, see {@link cacheOf}). */
interface TokenInfo {
  /** A term or an identity entry: never touched. */
  skip: boolean;
  /** A glossary term (`lex.terms`). */
  term: boolean;
  /** Its lower-case form is an ordinary English word (`lex.words`). */
  word: boolean;
  /** The repair plan (the odd-case repair of an English word, or {@link planOf}). */
  plan: Plan;
  /** The casing the token takes in Chinese prose ({@link casingTerm}). */
  casing: string | undefined;
}

/** Per-lexicon caches: the token pattern, the term skeletons' ends ({@link editOne}), token decisions and
 * two-token window plans. */
interface Cache {
  re: RegExp;
  /** {@link endsKey} of every term skeleton. */
  ends: Set<string>;
  tokens: Map<string, TokenInfo>;
  windows: Map<string, Plan>;
  /** {@link versionsLower}, built on first use. */
  versionsLower?: Map<string, Term[]>;
}
const caches = new WeakMap<Lexicon, Cache>();
/** Bound on each cache map (cleared when full): a dump's distinct tokens rarely come near it. */
const CACHE_MAX = 1 << 17;

function cacheOf(lex: Lexicon): Cache {
  let c = caches.get(lex);
  if (!c) caches.set(lex, (c = { re: tokenRe(lex), ends: skeletonEnds(lex), tokens: new Map(), windows: new Map() }));
  return c;
}

function tokenInfo(lex: Lexicon, cache: Cache, token: string): TokenInfo {
  let info = cache.tokens.get(token);
  if (info) return info;
  const term = lex.terms.has(token), word = lex.words.has(token.toLowerCase());
  if (term || lex.variants.get(token) === token) info = { skip: true, term, word, plan: NO_PLAN, casing: undefined };
  else {
    const isWord = !hasNonAscii(token) && word && !lex.variants.has(token);
    // an English word in odd case (defauLt) may still hold a lookalike capital (letters only: no sibling check)
    const oddCase = isWord && /[a-z][IL]|[IL][a-z]/.test(token.slice(1)) && /^[A-Za-z]+$/.test(token);
    const odd = oddCase ? englishLookalikeWord(lex, token) : undefined;
    const plan = odd ? { fixed: { term: odd, kind: 'lookalike capital in an English word', level: 'fix' as const } } : isWord ? NO_PLAN : planOf(lex, cache, token, false);
    info = { skip: false, term, word, plan, casing: casingTerm(lex, cache, token) };
  }
  if (cache.tokens.size >= CACHE_MAX) cache.tokens.clear();
  cache.tokens.set(token, info);
  return info;
}

function windowPlan(lex: Lexicon, cache: Cache, joined: string): Plan {
  let plan = cache.windows.get(joined);
  if (plan) return plan;
  plan = planOf(lex, cache, joined, true);
  if (cache.windows.size >= CACHE_MAX) cache.windows.clear();
  cache.windows.set(joined, plan);
  return plan;
}

export const tokenGlossary: Rule = {
  id: 'token/glossary',
  description: 'Repairs mangled glossary terms: lookalike glyphs, version forms, dropped letters, proper-noun casing.',
  defaultLevel: 'fix',
  example: { before: 'BE求T和GPT4,A4 Science,在linux上', after: 'BERT和GPT-4,AI4Science,在Linux上' },
  source: 'observed CJK OCR errors (BE求T, GPT4, A4 Science); pycorrector identity entries; 专有名词使用正确的大小写',
  apply(page, ctx) {
    const text = flat(page);
    const lex = lexiconOf(ctx.data);
    const edits: Edit[] = [];
    // a `$` read as `S` before a known environment variable (SPATH -> $PATH), from the [envvar] section
    // only where a variable is expected: in quotes or before a path (S-Lang's SLANG stays)
    // (the character before the S is tested by hand, not by a lookbehind, which keeps V8 from scanning for the
    // literal S; no match is lost: a match that fails the test spans only S, capitals, digits and _, so no
    // match with a quote, space, = or : before it can start inside it)
    for (const m of text.matchAll(DOLLAR_AS_S)) {
      if (m.index! === 0 || !DOLLAR_BEFORE.test(text[m.index! - 1])) continue;
      const t = lex.terms.get('$' + m[1]);
      if (t && t.category === 'envvar') edits.push({ start: m.index!, end: m.index! + 1, text: '$', rule: this.id, level: 'fix', message: `dollar sign read as S: $${m[1]}` });
    }
    const cache = cacheOf(lex);
    // the tokens, each with its cached token-only decisions (tokenInfo)
    const toks: string[] = [], starts: number[] = [], infos: TokenInfo[] = [];
    const re = cache.re;
    re.lastIndex = 0;
    for (let m; (m = re.exec(text)) !== null; ) {
      toks.push(m[0]);
      starts.push(m.index);
      infos.push(tokenInfo(lex, cache, m[0]));
    }
    const n = toks.length;
    const used = new Uint8Array(n);
    // windows of two tokens joined by one space (A4 Science -> AI4Science)
    for (let i = 0; i + 1 < n; i++) {
      const aEnd = starts[i] + toks[i].length, bEnd = starts[i + 1] + toks[i + 1].length;
      if (starts[i + 1] !== aEnd + 1 || text.charCodeAt(aEnd) !== 32) continue;
      if (infos[i].term || infos[i + 1].term || inCode(text, starts[i], bEnd)) continue;
      if (infos[i].word && infos[i + 1].word) continue;
      const joined = toks[i] + toks[i + 1];
      const r = runPlan(windowPlan(lex, cache, joined), joined, text, bEnd);
      if (!r || r.term.includes(' ') || squash(r.term).length < 6) continue;
      edits.push({ start: starts[i], end: bEnd, text: r.term, rule: this.id, level: r.level, message: `${r.kind}: ${r.term}` });
      used[i] = used[i + 1] = 1;
      i++;
    }
    // only the checks that read the text around a token run per occurrence, in the same order as without the cache
    for (let i = 0; i < n; i++) {
      const info = infos[i];
      if (used[i] || info.skip || (info.plan === NO_PLAN && info.casing === undefined)) continue;
      const t = toks[i], start = starts[i], end = start + t.length;
      if (inCode(text, start, end)) continue;
      const r = runPlan(info.plan, t, text, end);
      if (r) {
        edits.push({ start, end, text: r.term, rule: this.id, level: r.level, message: `${r.kind}: ${r.term}` });
        continue;
      }
      const cased = info.casing !== undefined && casingFits(text, start, end) ? info.casing : undefined;
      if (cased) edits.push({ start, end, text: cased, rule: this.id, level: 'fix', message: `proper-noun casing: ${cased}` });
    }
    return edits;
  },
};
