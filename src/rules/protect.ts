/**
 * Protected spans: tokens that no rule (except one that repairs that very kind of token) may edit inside.
 *
 * Sources: DESIGN.md "Never touched", and the pitfalls of AutoCorrect (skipping a whole chunk because it holds
 * `C#`) and zhlint (gluing the word after a URL to it): spans are exact token extents, found by pattern.
 */

/** A protected span [start, end) in UTF-16 code units, with the kind that matched. */
export interface Span {
  start: number;
  end: number;
  kind: string;
}

/**
 * Ordered table of protected token patterns. Each pattern must match the whole token and nothing around it.
 * Order matters only for the reported kind (overlaps are merged). `needs`: strings one of which a text must
 * hold for the pattern to match at all (a precheck that skips the scan). `ascii`: every match is made of
 * {@link ASCII_SPAN_CHARS} only and is at least two characters long (see {@link SpanGuard}).
 */
export const PROTECTED_PATTERNS: ReadonlyArray<{ kind: string; re: RegExp; needs: readonly string[]; ascii?: true }> = [
  // Markdown code span: `...` (no newline inside)
  { kind: 'code', re: /`[^`\n]+`/g, needs: ['`'] },
  // e-mail address
  { kind: 'email', re: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g, needs: ['@'], ascii: true },
  // Windows path with drive letter or %VAR%, and UNC paths
  { kind: 'path', re: /(?:[A-Za-z]:\\|%[A-Za-z_][A-Za-z0-9_]*%\\?|\\\\)[^\s，。、；：！？（）【】《》"]*[^\s，。、；：！？（）【】《》".,;:!?)]|%[A-Za-z_][A-Za-z0-9_]*%/g, needs: ['\\', '%'] },
  // POSIX path: /a/b, ~/x, ./x, ../x (at least one slash-separated segment of path characters)
  { kind: 'path', re: /(?<![A-Za-z0-9_.\-/])(?:~|\.{1,2})?\/(?:[A-Za-z0-9_.+\-@]+\/)*[A-Za-z0-9_.+\-@*]+\/?/g, needs: ['/'], ascii: true },
  // versions v1.2.3, 1.2.3, dotted identifiers like Node.js, file.tar.gz
  { kind: 'version', re: /\bv?\d+(?:\.\d+){2,}(?:[-+][A-Za-z0-9.]+)?\b/g, needs: ['.'], ascii: true },
  // times 09:30:00 and format strings HH:mm:ss
  { kind: 'time', re: /\b\d{1,2}:\d{2}(?::\d{2})?\b|\b[HhMmSsYyDd]{1,4}(?::[HhMmSsYyDd]{1,4}){1,3}\b/g, needs: [':'], ascii: true },
  // ISO dates
  { kind: 'date', re: /\b\d{4}-\d{2}-\d{2}\b/g, needs: ['-'], ascii: true },
  // code-like tokens with symbols: C++, C#, F#, .NET, Node.js, foo.bar(), a_b, x->y
  { kind: 'code', re: /(?<![A-Za-z0-9])(?:[A-Za-z]\+\+|[A-Za-z]#|\.NET\b|[A-Za-z][A-Za-z0-9]*\.(?:js|ts|py|rs|go|md|json|txt|sh|NET)\b)/g, needs: ['+', '#', '.'], ascii: true },
  // identifiers with underscores or camel-case joined by dots/arrows (config keys, function calls)
  { kind: 'code', re: /\b[A-Za-z_][A-Za-z0-9_]*(?:(?:\.|->|::)[A-Za-z_][A-Za-z0-9_]*)+(?:\(\))?|\b[A-Za-z0-9]*_[A-Za-z0-9_]+\b/g, needs: ['.', '->', '::', '_'], ascii: true },
  // the em-dash pair
  { kind: 'dash', re: /——/g, needs: ['——'] },
];

/**
 * Every character a match of an `ascii` pattern of {@link PROTECTED_PATTERNS} can hold (the union of their
 * character classes and literals): letters, digits and `. _ % + - @ ~ / * : # > ( )`. No space, no CJK.
 */
export const ASCII_SPAN_CHARS = 'A-Za-z0-9._%+\\-@~/*:#>()';
const asciiSpanChar = new Uint8Array(128);
for (let c = 0; c < 128; c++) asciiSpanChar[c] = new RegExp(`[${ASCII_SPAN_CHARS}]`).test(String.fromCharCode(c)) ? 1 : 0;
/** True when the UTF-16 code unit `c` is one of {@link ASCII_SPAN_CHARS}. */
export function isAsciiSpanChar(c: number): boolean {
  return c < 128 && asciiSpanChar[c] === 1;
}

/** True when `text` holds one of `needs` (the precheck of a pattern). */
const holdsAny = (text: string, needs: readonly string[]) => needs.some((n) => text.includes(n));

/** CJK characters (Han, kana) as they may appear in a URL path. */
const CJK_IN_URL = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/** Characters of a URL outside CJK: RFC 3986 unreserved, reserved and `%`. */
const URL_ASCII = /[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/;
const urlStartRe = /\b(?:(?:https?|ftp|file):\/\/|www\.[A-Za-z0-9-]+\.)/gi;

/**
 * URL spans: from the scheme (or `www.`) to the next whitespace, with two limits that keep Chinese prose out of
 * the span when a URL is glued to it: a CJK character belongs to the URL only inside a path segment that starts
 * with CJK (right after `/`, `=`, `?`, `&`, `#` or another CJK character: `https://x.org/指南/安装.html`), and an
 * ASCII `,` `;` `.` `:` `!` `?` followed by CJK text ends the URL. Trailing sentence marks and an unbalanced
 * closing bracket are not part of it. Source: zhlint's pitfall (gluing the following word to a URL), observed in
 * OCR'd books (`…/faiss,其中给出了…`).
 */
export function urlSpans(text: string): Span[] {
  const out: Span[] = [];
  urlStartRe.lastIndex = 0;
  for (const m of text.matchAll(urlStartRe)) {
    const start = m.index!;
    if (out.length && start < out[out.length - 1].end) continue;
    let i = start + m[0].length;
    let cjkSegment = false;
    while (i < text.length) {
      const ch = text[i];
      if (CJK_IN_URL.test(ch)) {
        const prev = text[i - 1];
        if (!(cjkSegment || '/=?&#'.includes(prev))) break;
        cjkSegment = true;
        i++;
        continue;
      }
      if (!URL_ASCII.test(ch)) break;
      if (',;.:!?'.includes(ch) && i + 1 < text.length && CJK_IN_URL.test(text[i + 1])) break;
      if (ch === '/' || ch === '?' || ch === '&' || ch === '=' || ch === '#') cjkSegment = false;
      else if (!/[.\-_~%]/.test(ch)) cjkSegment = false;
      i++;
    }
    let end = i;
    // trailing sentence marks and unbalanced closing brackets
    while (end > start) {
      const ch = text[end - 1];
      if ('.,;:!?\''.includes(ch)) { end--; continue; }
      if (ch === ')' || ch === ']') {
        const body = text.slice(start, end);
        const open = ch === ')' ? '(' : '[';
        if (body.split(open).length - 1 < body.split(ch).length - 1) { end--; continue; }
      }
      break;
    }
    if (end - start > m[0].length) out.push({ start, end, kind: 'url' });
  }
  return out;
}

/** A URL can start in `text` only if it holds `://` or `www.` (any case): the precheck of {@link urlSpans}. */
const urlPossible = (text: string) => text.includes('://') || /www\./i.test(text);

/**
 * The strings the prechecks of the spans other than the `ascii` patterns' (a URL, a code span, a Windows path, a
 * dash) need (`` ` ``, `\\`, `%`, `——`, `://`, `www.` in any case): a text without any of them holds none of those
 * spans. Scanned once per text by {@link otherStringsHeld}.
 */
const otherPossibleRe = /[`\\%]|——|:\/\/|www\./i;

/** The strings {@link otherPossibleRe} looks for (`www.` in lower case), by the last unit of each. */
const OTHER_BY_LAST: ReadonlyMap<number, string> = new Map(['`', '\\', '%', '——', '://', 'www.'].map((s) => [s.charCodeAt(s.length - 1), s]));
const OTHER_STRINGS: ReadonlySet<string> = new Set(OTHER_BY_LAST.values());
const otherG = new RegExp(otherPossibleRe.source, 'gi');

/**
 * Which strings of {@link otherPossibleRe} `text` holds (`www.` in any case), from one scan of its matches: no
 * two of the strings share a unit, so every occurrence of one is found (a match never swallows part of another),
 * and each is known by its last unit. Equal to `text.includes(s)` for each (`/www\./i.test` for `www.`).
 */
function otherStringsHeld(text: string): Set<string> {
  const held = new Set<string>();
  otherG.lastIndex = 0;
  while (held.size < OTHER_STRINGS.size && otherG.test(text)) held.add(OTHER_BY_LAST.get(text.charCodeAt(otherG.lastIndex - 1))!);
  otherG.lastIndex = 0;
  return held;
}

/** Pushes the matches of the patterns of {@link PROTECTED_PATTERNS} that pass `which` onto `raw`. */
function patternSpans(text: string, which: (p: (typeof PROTECTED_PATTERNS)[number]) => boolean, raw: Span[]): void {
  for (const p of PROTECTED_PATTERNS) {
    if (!which(p) || !holdsAny(text, p.needs)) continue; // the precheck: without one of `needs` no match
    const { kind, re } = p;
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      if (m[0].length > 0) raw.push({ start: m.index!, end: m.index! + m[0].length, kind });
    }
  }
}

/** Pushes the matches of the user's `ignore` words and /regex/ patterns onto `raw`. */
function ignoreSpans(text: string, extra: readonly string[], raw: Span[]): void {
  for (const word of extra) {
    if (!word) continue;
    let re: RegExp;
    const lit = /^\/(.+)\/([a-z]*)$/.exec(word);
    if (lit) re = new RegExp(lit[1], lit[2].includes('g') ? lit[2] : lit[2] + 'g');
    else re = new RegExp(word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g');
    for (const m of text.matchAll(re)) if (m[0].length > 0) raw.push({ start: m.index!, end: m.index! + m[0].length, kind: 'ignore' });
  }
}

/** Sorts `raw` by start (longest first) and merges the spans that overlap (touching ones stay apart). */
function mergeSpans(raw: Span[]): Span[] {
  raw.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const s of raw) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) {
      if (s.end > last.end) last.end = s.end;
    } else out.push({ ...s });
  }
  return out;
}

/**
 * Finds the protected spans of `text`, sorted by start and merged where they overlap.
 * @param extra user `ignore` words/patterns (literal strings; a string wrapped in /.../ is a regular expression)
 * @returns spans in UTF-16 code units
 */
export function protectedSpans(text: string, extra: readonly string[] = []): Span[] {
  const raw: Span[] = urlPossible(text) ? urlSpans(text) : [];
  patternSpans(text, () => true, raw);
  ignoreSpans(text, extra, raw);
  return mergeSpans(raw);
}

/**
 * The protected-span test of one text for the rule runner, equal to `touchesProtected(protectedSpans(text,
 * extra), start, end)` but cheaper: the `ascii` patterns of {@link PROTECTED_PATTERNS} (the costly scans) run
 * only when an edit could reach inside one of their matches, which are made of {@link ASCII_SPAN_CHARS} only. An
 * insertion strictly inside such a match has one of those characters on both sides; a replacement overlapping
 * one covers one of them. Edits between CJK and Latin, and edits of spaces (most spacing edits), never do.
 * Every such match is at least two characters long, so a replacement overlapping one covers one of those
 * characters with another of them right beside it (`模型: 数据` needs no scan for its `:`). The other spans (URLs,
 * code spans, Windows paths, dashes, the user's ignore words) are found at once.
 * Testing the two groups of spans apart equals testing their merge: after {@link mergeSpans} every point strictly
 * inside a merged span is strictly inside one of the spans it was made of (spans merge only when they overlap).
 */
export class SpanGuard {
  private readonly other: Span[];
  /** The `ascii` patterns whose precheck the text passes (found on first need). */
  private asciiPatterns?: ReadonlyArray<(typeof PROTECTED_PATTERNS)[number]>;
  /** The merged `ascii` spans of each run of span characters asked about, by the run's start. */
  private readonly runs = new Map<number, Span[]>();
  /**
   * @param text the text the edits are made to
   * @param extra the user's `ignore` words/patterns (as for {@link protectedSpans}); a bad pattern throws here
   */
  constructor(private readonly text: string, extra: readonly string[] = []) {
    const raw: Span[] = [];
    // one scan finds which of the other prechecks' strings the text holds (the same answers as urlPossible and
    // the patterns' `needs` tests, which would each read the text again)
    const held = otherStringsHeld(text);
    if (held.size > 0) {
      if (held.has('://') || held.has('www.')) raw.push(...urlSpans(text));
      patternSpans(text, (p) => !p.ascii && p.needs.some((n) => (OTHER_STRINGS.has(n) ? held.has(n) : text.includes(n))), raw);
    }
    ignoreSpans(text, extra, raw);
    this.other = mergeSpans(raw);
  }

  /**
   * True when the edit [start, end) (UTF-16 offsets) reaches strictly inside a protected span (see {@link touchesProtected}).
   * An `ascii` match lies inside one run of {@link ASCII_SPAN_CHARS} (two or more of them): only the runs the edit
   * reaches are scanned ({@link SpanGuard.runSpans}), not the whole text.
   */
  touches(start: number, end: number): boolean {
    if (this.other.length > 0 && touchesProtected(this.other, start, end)) return true;
    const t = this.text;
    if (start === end) {
      if (start === 0 || start >= t.length || !isAsciiSpanChar(t.charCodeAt(start - 1)) || !isAsciiSpanChar(t.charCodeAt(start))) return false;
      return touchesProtected(this.runSpans(start), start, end);
    }
    // a replacement: every run of span characters that it overlaps (a match is at least two characters long, so a
    // run of one holds none)
    for (let i = start; i < end; i++) {
      if (!isAsciiSpanChar(t.charCodeAt(i))) continue;
      if (!isAsciiSpanChar(t.charCodeAt(i - 1)) && !isAsciiSpanChar(t.charCodeAt(i + 1))) continue;
      if (touchesProtected(this.runSpans(i), start, end)) return true;
      while (i + 1 < end && isAsciiSpanChar(t.charCodeAt(i + 1))) i++; // on past this run
    }
    return false;
  }

  /**
   * The merged matches of the `ascii` patterns inside the run of span characters that holds offset `at`: the
   * matches the whole-text scan finds there. Every match is made of span characters only, so it lies inside one
   * run, and the whole-text scan enters a run with its last match before it (none can start between two runs)
   * and then goes on match by match inside it: the same as a scan started at the run's start. The scan runs on the
   * text cut one unit after the run: no pattern consumes a unit that is not a span character, nor looks further
   * ahead than one unit (`\b`), so the cut changes no match (the start of the text stays for the lookbehinds).
   */
  private runSpans(at: number): Span[] {
    const t = this.text;
    let rs = at;
    while (rs > 0 && isAsciiSpanChar(t.charCodeAt(rs - 1))) rs--;
    let spans = this.runs.get(rs);
    if (spans) return spans;
    let re = at;
    while (re < t.length && isAsciiSpanChar(t.charCodeAt(re))) re++;
    this.asciiPatterns ??= PROTECTED_PATTERNS.filter((p) => p.ascii === true && holdsAny(t, p.needs));
    const head = t.slice(0, Math.min(t.length, re + 1));
    const raw: Span[] = [];
    for (const { kind, re: pattern } of this.asciiPatterns) {
      pattern.lastIndex = rs;
      for (let m = pattern.exec(head); m !== null && m.index < re; m = pattern.exec(head)) {
        if (m[0].length > 0) raw.push({ start: m.index, end: m.index + m[0].length, kind });
        else pattern.lastIndex++;
      }
      pattern.lastIndex = 0;
    }
    this.runs.set(rs, (spans = mergeSpans(raw)));
    return spans;
  }
}

/**
 * True when the edit range [start, end) reaches strictly inside a span: an insertion at a span's edge or a
 * replacement that ends at a span's start is allowed; anything that changes a span's own characters is not.
 * @param spans sorted, merged spans from {@link protectedSpans}
 */
export function touchesProtected(spans: readonly Span[], start: number, end: number): boolean {
  // binary search for the first span whose end > start
  let lo = 0, hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end <= start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < spans.length && spans[i].start < Math.max(end, start + 1); i++) {
    const s = spans[i];
    if (start === end) {
      if (start > s.start && start < s.end) return true;
    } else if (start < s.end && end > s.start) return true;
  }
  return false;
}
