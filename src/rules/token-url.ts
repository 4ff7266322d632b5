/**
 * `token/url`: repairs URLs that OCR or a printed line wrap broke. Edits reach inside URLs, so the rule has
 * `editsProtected`; every edit is confined to the damaged spot.
 *
 * Ordered repairs, each on a URL found from its scheme (`http`, `https`, `ftp`):
 *  1. broken scheme separator: `https:/x`, `https//x`, `https;//x`, `https: //x`, `https:\\x` -> `https://x`;
 *  2. a space or a dot-and-space inside the host before a top-level domain label: `github com/x`,
 *     `github. com/x` -> `github.com/x` (the label must be a known TLD followed by `/` or `:`; after a
 *     dot-and-space a common TLD may also end the URL: `github. com`);
 *  3. a URL broken by a line wrap: the URL ends in `/` `-` `_` `.` `=` `?` or `&` at a line break (or at a single
 *     space in a one-page-per-line dump) and the next piece is path-like (holds `/`, or a file extension) and is
 *     followed by CJK text, CJK punctuation, whitespace or the end: the break is removed;
 *  4. a sentence-final `.` right after a URL, in a sentence with CJK text, becomes `。` when the document uses `。`
 *     (counted over all its pages).
 *  5. a Filesystem Hierarchy Standard path whose `/` was lost between two well-known directories
 *     (`/usrbin/` -> `/usr/bin/`, `/varlog` -> `/var/log`), or before a top directory in quotes
 *     (`"usr/share/doc` -> `"/usr/share/doc`); see {@link FHS_DIRS}.
 *  6. a lookalike in the first directory of an absolute path (or the second, under a top directory), when the
 *     repaired name is a well-known FHS directory (`/Lib/systemd` -> `/lib/systemd`, `/usr/1ib` -> `/usr/lib`),
 *     and a leading `/` read as `V` before a top directory in quotes (`“Vetc/passwd` -> `“/etc/passwd`), or
 *     unquoted before two well-known levels (`Vusr/share/doc` -> `/usr/share/doc`).
 * Source: observed OCR errors in printed URLs (`https:/github com/...`) and grobid/pdftotext line-wrap breaks.
 * Offsets are UTF-16 code units.
 */
import type { Edit, Rule, RuleContext } from '../types.js';
import { CJK } from './classes.js';

/** Top-level domain labels accepted after a broken host gap. */
export const TLDS = [
  'com', 'org', 'net', 'edu', 'gov', 'io', 'ai', 'dev', 'app', 'info', 'biz', 'me', 'co', 'cc', 'tv', 'xyz', 'site',
  'cn', 'hk', 'tw', 'jp', 'kr', 'uk', 'de', 'fr', 'ru', 'us', 'ca', 'au', 'in', 'eu', 'nl', 'ch', 'se', 'it', 'es',
];
const tldAlt = TLDS.join('|');
const schemeRe = /\b(https?|ftp)(?::\/\/|:\/(?!\/)|\/\/|;\/\/|:[ \t]+\/\/|:\/[ \t]+\/|:\\\\)/gi;
/** Common generic and Chinese TLDs: a dot-and-space gap before one of these may also end the URL (`github. com`). */
const COMMON_TLDS = ['com', 'org', 'net', 'edu', 'gov', 'io', 'cn'];
/**
 * A host gap: `label tld/` (a plain space needs a path or port after the TLD, so `example.com in the docs` stays),
 * or `label. tld` / `label .tld` followed by a path, a port, or (common TLDs only) the end of the URL.
 */
const hostGapRe = new RegExp(
  `^([A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*)(?:( )(${tldAlt})(?=[/:])|(\\. | \\.)(?:(${tldAlt})(?=[/:])|(${COMMON_TLDS.join('|')})(?=[\\s${CJK}，。、；：！？）」》】]|$)))`,
  'u',
);
const urlCharRe = /[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/;
const pathPieceRe = new RegExp(`^[A-Za-z0-9][A-Za-z0-9\\-._~/?#=&%+]*(?=[\\s${CJK}，。、；：！？）」》】]|$)`, 'u');
const cjkRe = new RegExp(`[${CJK}]`, 'u');

/** Well-known FHS directories and their well-known children (FHS 3.0), for lost-slash path repair. */
export const FHS_DIRS: Record<string, string[]> = {
  usr: ['bin', 'sbin', 'lib', 'lib64', 'libexec', 'share', 'local', 'include', 'src', 'games'],
  var: ['log', 'lib', 'cache', 'spool', 'tmp', 'run', 'mail', 'backups', 'www', 'opt'],
  etc: ['apt', 'default', 'init.d', 'systemd', 'network', 'ssh', 'X11', 'skel', 'cron.d', 'security', 'sudoers.d'],
};
/** Repair 5: a `/` lost between two well-known FHS directories (`/usrbin/`). */
export const fhsGlued = new RegExp(`(?<![A-Za-z0-9_.~-])/(${Object.keys(FHS_DIRS).join('|')})(${[...new Set(Object.values(FHS_DIRS).flat())].map((d) => d.replace('.', '\\.')).join('|')})(?=/|[\\s"”'’，。、；：）)]|$)`, 'gu');
/** Repair 5: a leading `/` lost before a top directory in quotes (`"usr/share`). */
export const fhsNoRoot = new RegExp(`(?<=["“'‘])(usr|var|etc)/(${[...new Set(Object.values(FHS_DIRS).flat())].map((d) => d.replace('.', '\\.')).join('|')})(?=/)`, 'gu');

/** Top-level FHS directories, for lookalike repair of a path's first segment. */
export const FHS_TOP = ['bin', 'boot', 'dev', 'etc', 'home', 'lib', 'lib64', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'];
/** Glyphs read for a lower-case letter in a path segment (from the lookalike table's I/l/1 and O/0 classes). */
export const PATH_LOOK: Record<string, string> = { L: 'l', I: 'l', '1': 'l', '|': 'l', '0': 'o', O: 'o' };
/** First segment of an absolute path, or a second segment under a top directory: `/Lib/`, `/usr/1ib/`. */
export const pathSegRe = new RegExp(`(?<=(?:^|[\\s"“”'‘’(（=])/(?:(?:${FHS_TOP.join('|')})/)?)([A-Za-z0-9|.]{2,10})(?=/)`, 'gu');
/** A leading `/` read as V before a top directory: `“Vetc/passwd`, `"Vboot/grub`. */
const leadingVQuoted = `V(?=(?:${FHS_TOP.join('|')})/|init["”’'])`;
const leadingVBare = `V(?=(?:${Object.keys(FHS_DIRS).join('|')})/(?:${[...new Set(Object.values(FHS_DIRS).flat())].map((d) => d.replace('.', '\\.')).join('|')})/)`;
export const leadingVRe = new RegExp(`(?<=["“”'‘’])${leadingVQuoted}|(?<=^|[\\s(（])${leadingVBare}`, 'gmu');

/**
 * Fast exits for the lookbehind patterns, which V8 runs at every position of the page: a page without what each
 * pattern needs in any case skips it (same matches, none).
 */
/** A `V` before what {@link leadingVRe} needs after it (its lookaheads, without the lookbehinds), sticky. */
const leadingVProbe = new RegExp(`${leadingVQuoted}|${leadingVBare}`, 'muy');
/** True when `leadingVProbe` matches at some `V` of `text` (as an unanchored search for it would find). */
function leadingVPossible(text: string): boolean {
  for (let i = text.indexOf('V'); i >= 0; i = text.indexOf('V', i + 1)) {
    leadingVProbe.lastIndex = i;
    if (leadingVProbe.test(text)) return true;
  }
  return false;
}
/** What every match of {@link fhsNoRoot} starts with, the quote before it included. */
const fhsNoRootProbe = /["“'‘](?:usr|var|etc)\//;
/** What every match of {@link fhsGlued} starts with. */
const fhsGluedProbe = /\/(?:usr|var|etc)[^/]/;
/** {@link pathSegRe} at one position (sticky). */
const pathSegAt = new RegExp(pathSegRe.source, 'uy');
/** A character of a {@link pathSegRe} segment (`[A-Za-z0-9|.]`), by ASCII code. */
const segChar = new Uint8Array(128);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789|.') segChar[ch.charCodeAt(0)] = 1;

/**
 * The matches of {@link pathSegRe} in `text` whose segment holds a {@link PATH_LOOK} glyph (the only ones the rule
 * repairs), in order, as [index, segment]. A match starts right after a `/` (its lookbehind ends with one) and is
 * the whole run of `[A-Za-z0-9|.]` there (greedy, and the lookahead needs the `/` that ends the run; no `/` is
 * inside a run): so no match starts inside another, and every position after a `/` where the pattern matches is
 * a match of the global search. Only the positions whose run has the right length, a `/` after it and a glyph are
 * tested with the pattern (for its lookbehind).
 */
function pathSegMatches(text: string): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  for (let q = text.indexOf('/'); q >= 0; q = text.indexOf('/', q + 1)) {
    const p = q + 1;
    let j = p, look = false;
    for (let c = text.charCodeAt(j); c < 128 && segChar[c] === 1; c = text.charCodeAt(++j)) if (PATH_LOOK[text[j]]) look = true;
    if (!look || j - p < 2 || j - p > 10 || text.charCodeAt(j) !== 0x2f) continue;
    pathSegAt.lastIndex = p;
    const m = pathSegAt.exec(text);
    if (m) out.push([p, m[1]]);
  }
  return out;
}

interface State {
  /** The document uses 。 as its full stop. */
  fullStop: boolean;
}

/** The end of the URL path starting at `from` (stops at whitespace, CJK, CJK punctuation, quotes). */
function pathEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && urlCharRe.test(text[i])) i++;
  // a trailing mark or unmatched closing bracket is not part of the URL
  while (i > from && /[.,;:!?)\]']/.test(text[i - 1])) {
    if (text[i - 1] === ')' && text.slice(from, i).includes('(')) break;
    i--;
  }
  return i;
}

export const tokenUrl: Rule = {
  id: 'token/url',
  description: 'Repairs broken URLs: scheme (https:/), spaces in the host (github com), line-wrap breaks; a final . to 。.',
  defaultLevel: 'fix',
  editsProtected: true,
  example: { before: '见https:/github com/x/y. 完。', after: '见https://github.com/x/y。 完。' },
  source: 'observed OCR errors in printed URLs; line-wrap breaks in PDF text layers',
  analyze(pages): State {
    return { fullStop: pages.some((p) => p.includes('。')) };
  },
  apply(text, ctx: RuleContext) {
    const state = (ctx.state as State | undefined) ?? { fullStop: text.includes('。') };
    const edits: Edit[] = [];
    const fix = (start: number, end: number, out: string, message: string) =>
      edits.push({ start, end, text: out, rule: this.id, level: 'fix', message });
    for (const m of text.matchAll(schemeRe)) {
      const start = m.index!;
      const schemeEnd = start + m[1].length;
      let i = start + m[0].length;
      if (m[0].slice(m[1].length) !== '://') fix(schemeEnd, i, '://', 'broken URL scheme separator');
      // host gaps
      for (let guard = 0; guard < 4; guard++) {
        const g = hostGapRe.exec(text.slice(i));
        if (!g) break;
        const gap = g[2] ?? g[4];
        const tld = g[3] ?? g[5] ?? g[6];
        const gapStart = i + g[1].length;
        fix(gapStart, gapStart + gap.length, '.', 'space inside the URL host');
        i = gapStart + gap.length + tld.length;
      }
      let end = pathEnd(text, i);
      // a URL broken by a line wrap: the raw URL run ends in an open character right at the break
      let from = i;
      for (let guard = 0; guard < 4; guard++) {
        let raw = from;
        while (raw < text.length && urlCharRe.test(text[raw])) raw++;
        const brk = text[raw] === '\n' || (ctx.layout === 'line' && text[raw] === ' ');
        if (!brk || raw === from || !/[/\-_=?&]/.test(text[raw - 1])) break;
        const piece = pathPieceRe.exec(text.slice(raw + 1));
        if (!piece || !(piece[0].includes('/') || /\.[a-z]{2,5}$/.test(piece[0]))) break;
        fix(raw, raw + 1, '', 'URL broken by a line wrap');
        from = raw + 1;
        end = pathEnd(text, from);
      }
      // sentence-final . after the URL in Chinese text
      if (state.fullStop && text[end] === '.' && (end + 1 >= text.length || /[\s]/.test(text[end + 1]) || cjkRe.test(text[end + 1]))) {
        const before = text.slice(Math.max(0, start - 30), start);
        if (cjkRe.test(before)) fix(end, end + 1, '。', 'sentence-final full stop after a URL in Chinese text');
      }
    }
    // (each pattern runs only on a page that holds what all its matches start with)
    const slash = text.includes('/');
    for (const m of slash && fhsGluedProbe.test(text) ? text.matchAll(fhsGlued) : []) {
      if (!FHS_DIRS[m[1]].includes(m[2])) continue;
      const at = m.index! + 1 + m[1].length;
      fix(at, at, '/', `lost / in the path /${m[1]}/${m[2]}`);
    }
    for (const m of slash && fhsNoRootProbe.test(text) ? text.matchAll(fhsNoRoot) : []) {
      if (FHS_DIRS[m[1]].includes(m[2])) fix(m.index!, m.index!, '/', `lost leading / in the path /${m[1]}/${m[2]}`);
    }
    for (const [at, seg] of slash ? pathSegMatches(text) : []) {
      if (FHS_TOP.includes(seg)) continue;
      const fixed = Array.from(seg, (c) => PATH_LOOK[c] ?? c).join('');
      const parent = text.slice(0, at).match(/\/([a-z0-9]+)\/$/)?.[1];
      const known = parent ? (FHS_DIRS[parent] ?? []).includes(fixed) : FHS_TOP.includes(fixed);
      if (known) fix(at, at + seg.length, fixed, `lookalike letter in the path segment /${fixed}/`);
    }
    for (const m of leadingVPossible(text) ? text.matchAll(leadingVRe) : []) fix(m.index!, m.index! + 1, '/', 'leading / of a path read as V');
    return edits;
  },
};
