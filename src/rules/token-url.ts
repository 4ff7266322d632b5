/**
 * `token/url`: repairs URLs that OCR or a printed line wrap broke. Edits reach inside URLs, so the rule has
 * `editsProtected`; every edit is confined to the damaged spot.
 *
 * Ordered repairs, each on a URL found from its scheme (`http`, `https`, `ftp`):
 *  1. broken scheme separator: `https:/x`, `https//x`, `https;//x`, `https: //x`, `https:\\x` -> `https://x`;
 *  2. every dot of the host that OCR turned into a gap (a space, a dot-and-space, a space-and-dot), in a host
 *     right after the scheme: `www example org/x` -> `www.example.org/x`, `github. com/x` -> `github.com/x`. The
 *     host must end in a known TLD label followed by a path, query or port, or, without one, in a common TLD
 *     that ends the URL (`https:/github com 页面`); a word after a complete host stays (`https://example.com
 *     in the docs`); see {@link hostGaps};
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
import { CJK, CJK_PUNCT } from './classes.js';

/** Top-level domain labels accepted after a broken host gap. */
export const TLDS = [
  'com', 'org', 'net', 'edu', 'gov', 'io', 'ai', 'dev', 'app', 'info', 'biz', 'me', 'co', 'cc', 'tv', 'xyz', 'site',
  'cn', 'hk', 'tw', 'jp', 'kr', 'uk', 'de', 'fr', 'ru', 'us', 'ca', 'au', 'in', 'eu', 'nl', 'ch', 'se', 'it', 'es',
];
const schemeRe = /\b(https?|ftp)(?::\/\/|:\/(?!\/)|\/\/|;\/\/|:[ \t]+\/\/|:\/[ \t]+\/|:\\\\)/gi;
/**
 * TLDs that may end a host without a path or port after it (`https://github com 页面`): the generic TLDs of
 * RFC 1591 (com, org, net, edu, gov), the common io, xyz, biz, and country codes common in Chinese books (IANA
 * root zone), leaving out every label that is also an English word or a Hanyu Pinyin syllable (in, it, me, us,
 * ai, de, se, ca, ru, ...), which may simply be the next word after a URL.
 */
export const END_TLDS = ['com', 'org', 'net', 'edu', 'gov', 'io', 'xyz', 'biz', 'cn', 'hk', 'tw', 'jp', 'kr', 'uk', 'eu', 'fr', 'au', 'nl'];
/**
 * Second-level labels under a country code (`.com.cn`, `.edu.cn`, `.ac.uk`, `.co.jp`: the registries' second
 * levels, CNNIC, Nominet, JPRS), and the country codes that may follow one across a gap (`sina com cn`).
 */
export const SECOND_LEVEL = ['com', 'net', 'org', 'edu', 'gov', 'ac', 'co'];
export const CC_AFTER_SECOND = ['cn', 'hk', 'tw', 'jp', 'kr', 'uk', 'au'];
const tldSet = new Set(TLDS), endTldSet = new Set(END_TLDS), secondSet = new Set(SECOND_LEVEL), ccSet = new Set(CC_AFTER_SECOND);
/** A host label (letters, digits, inner hyphens), sticky. */
const labelRe = /[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?/y;
/** A label separator: a dot, or a gap OCR made of one (a space, a dot-and-space, a space-and-dot), sticky. */
const sepRe = /\. | \.|\.| /y;
/** What may follow a host inside the URL: a path, a query, a fragment or a port. */
const hostGoesOnRe = /[/?#]|:[0-9]/y;
/** What may follow a host that ends the URL: white space, CJK, CJK punctuation, a closing bracket or quote, a
 * sentence mark before white space, or the end. */
const hostEndsRe = new RegExp(`$|[\\s${CJK}${CJK_PUNCT})"']|[.,;!?](?:\\s|$)`, 'uy');
/** Bound on the labels of one host. */
const MAX_LABELS = 8;

const stickyAt = (re: RegExp, text: string, at: number): RegExpExecArray | null => {
  re.lastIndex = at;
  return re.exec(text);
};

/**
 * The gaps (spans of `text`, UTF-16 code units) to turn into `.` in the host starting at `at`, right after a
 * scheme, and the end of the repaired host; undefined when the host has no gap to repair. The host is a chain of
 * labels joined by dots or gaps (a space, `. `, ` .`). It is repaired up to the last label that is a TLD
 * ({@link TLDS}) and either goes on with a path, query or port (`www example org/x`), or ends the URL and is one
 * of {@link END_TLDS} (`github com 页面`). Once the labels read so far form a complete host (two or more labels,
 * the last a TLD), a gap after it is crossed only by a country code after a second-level label
 * (`sina com cn`): a word after a complete host stays (`https://example.com in the docs`). A gap never follows a
 * complete IPv4 address or `localhost` (RFC 6761), which are whole hosts without a TLD.
 */
export function hostGaps(text: string, at: number): { gaps: Array<[number, number]>; end: number } | undefined {
  const m = stickyAt(labelRe, text, at);
  if (!m) return undefined;
  const labels = [{ text: m[0], end: at + m[0].length }];
  const seps: Array<{ start: number; end: number; gap: boolean }> = [];
  let best = -1;
  while (labels.length <= MAX_LABELS) {
    const k = labels.length - 1;
    const cur = labels[k];
    const complete = k >= 1 && tldSet.has(cur.text);
    const gapped = seps.some((s) => s.gap);
    if (complete && stickyAt(hostGoesOnRe, text, cur.end)) {
      if (gapped) best = k;
      break;
    }
    if (complete && gapped && endTldSet.has(cur.text) && stickyAt(hostEndsRe, text, cur.end)) best = k;
    const sep = stickyAt(sepRe, text, cur.end);
    if (!sep) break;
    const next = stickyAt(labelRe, text, cur.end + sep[0].length);
    if (!next) break;
    const gap = sep[0] !== '.';
    const nextEnd = cur.end + sep[0].length + next[0].length;
    if (gap) {
      if (complete) {
        const ends = stickyAt(hostGoesOnRe, text, nextEnd) || stickyAt(hostEndsRe, text, nextEnd);
        if (!(secondSet.has(cur.text) && ccSet.has(next[0]) && ends)) break;
      }
      if (labels[0].text.toLowerCase() === 'localhost' || (labels.length === 4 && labels.every((l) => /^[0-9]+$/.test(l.text)))) break;
    }
    seps.push({ start: cur.end, end: cur.end + sep[0].length, gap });
    labels.push({ text: next[0], end: nextEnd });
  }
  if (best < 0) return undefined;
  return { gaps: seps.slice(0, best).filter((s) => s.gap).map((s) => [s.start, s.end]), end: labels[best].end };
}

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
      const host = hostGaps(text, i);
      if (host) {
        for (const [a, b] of host.gaps) fix(a, b, '.', 'space inside the URL host');
        i = host.end;
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
