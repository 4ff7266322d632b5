/**
 * Property tests of the prefilters and fast paths of the spacing, punctuation and token rules: each must give
 * exactly what the plain version it replaces gives (kept here as the oracle), on generated mixed text.
 * - letterSpacedLines and paddedLines (facts from the runs of spaces, counts stopped at the bound a decision
 *   needs) equal the full per-line count of lineStats;
 * - token/url's path repairs (prefilters, candidate positions) equal the whole-page pattern scans;
 * - text/width's page prefilter loses no edit of its two patterns;
 * - token/digits counts the manual page references as the pattern does, and its prefilter loses no repair;
 * - token/brackets' fast exit loses no edit;
 * - pages/doubled-text's bound on the similarity of any cut loses no near copy;
 * - SpanGuard, scanning only the runs of span characters an edit reaches, answers as the whole-text spans;
 * - punct/width (marks scanned by policy, padding read lazily, bracket pairs found by a regex and shared) gives
 *   the edits of the full scan;
 * - space/punctuation's per-row prefilter holds wherever the row's patterns match.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bracketChinese, bracketPairs, chineseAsciiBrackets, chineseContext, isCodeLine, lazyBrackets, lazyBracketsOf, letterSpacedLines, lineSpans, paddedLines, TIGHT } from '../src/rules/spacing-lines.js';
import { FHS_DIRS, FHS_TOP, fhsGlued, fhsNoRoot, leadingVRe, PATH_LOOK, pathSegRe, tokenUrl } from '../src/rules/token-url.js';
import { textWidth, unmojibake } from '../src/rules/text-width.js';
import { countManRefs, manRefRe, tokenDigits } from '../src/rules/token-digits.js';
import { tokenBrackets } from '../src/rules/token-brackets.js';
import { lexiconOf } from '../src/rules/lexicon.js';
import { NEAR_COPY, nearRepeatedPage } from '../src/rules/pages-doubled-text.js';
import { compare } from '../src/pages/dedupe.js';
import { protectedSpans, SpanGuard, touchesProtected } from '../src/rules/protect.js';
import { cjkSentencePeriod, FAMILY, punctWidth, quotePairs, spacedMarkBetweenCjk, TO_FULL, TO_HALF, type WidthState } from '../src/rules/punct-width.js';
import { ROW_QUICK, ROWS } from '../src/rules/space-punctuation.js';
import { pageLayout } from '../src/pages/split.js';
import type { Edit, PageLayout, RuleContext } from '../src/types.js';

/** The context the pipeline gives a rule for page `t`. */
const ctxFor = (t: string) => ({ style: { spacing: 'always' as const, punctuation: 'auto' as const }, layout: pageLayout(t), data: { ignore: [] } });

const tightRe = new RegExp(`^[${TIGHT}]$`, 'u');
const isTight = (c: number) => (c >= 0x4e00 && c <= 0x9fff) || tightRe.test(String.fromCodePoint(c));

/** lineStats as it was: one walk over every unit of the line (oracle). */
function plainLineStats(line: string, layout: PageLayout): { tight: number; spaced: number; pads: number; marks: number } {
  const padMark = '，。、；：？！》）】」』,;:?!)';
  const midFull = '，。、；：？！';
  const closeFull = '》）】」』';
  const asciiMark = ',;:?!';
  let pads = 0, marks = 0;
  const brackets = lazyBrackets(line);
  const countMark = (i: number, ch: string) => {
    const full = midFull.includes(ch);
    const ascii = !full && asciiMark.includes(ch) && chineseContext(line, i, brackets);
    if (full || ascii) marks++;
    if ((full || ascii || closeFull.includes(ch) || ch === ')') && i > 0 && line[i - 1] === ' ') {
      let j = i - 2;
      while (j >= 0 && line[j] === ' ') j--;
      if (j >= 0) pads++;
    }
    if (full && layout === 'block' && line[i + 1] === ' ') {
      let j = i + 2;
      while (j < line.length && line[j] === ' ') j++;
      if (j < line.length) pads++;
    }
  };
  let tight = 0, spaced = 0, prevTight = false, prevSpaceAfterTight = false;
  for (let i = 0; i < line.length; i++) {
    let c = line.charCodeAt(i);
    if (padMark.includes(line[i])) countMark(i, line[i]);
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < line.length) {
      if (padMark.includes(line[i + 1])) countMark(i + 1, line[i + 1]);
      c = ((c - 0xd800) << 10) + (line.charCodeAt(i + 1) - 0xdc00) + 0x10000;
      i++;
    }
    const t = c >= 0x2e80 && c <= 0x10ffff && isTight(c);
    if (t && prevTight) tight++;
    else if (t && prevSpaceAfterTight) spaced++;
    prevSpaceAfterTight = c === 32 && prevTight;
    prevTight = t;
  }
  return { tight, spaced, pads, marks };
}

function plainLetterSpaced(text: string): boolean[] {
  const counts = lineSpans(text).map((l) => plainLineStats(text.slice(l.start, l.end), 'line'));
  let tight = 0, spaced = 0;
  for (const c of counts) {
    tight += c.tight;
    spaced += c.spaced;
  }
  const pageSpaced = spaced >= 4 && spaced >= tight;
  return counts.map((c) => {
    const total = c.tight + c.spaced;
    if (total === 0 || c.spaced === 0) return false;
    if (c.spaced >= 2 && c.spaced * 2 >= total) return true;
    return pageSpaced && c.spaced * 10 >= total * 3;
  });
}

function plainPadded(text: string, layout: PageLayout): boolean[] {
  const lines = lineSpans(text);
  const spaced = plainLetterSpaced(text);
  if (layout === 'line') {
    return lines.map((l, i) => {
      const c = plainLineStats(text.slice(l.start, l.end), 'line');
      return spaced[i] || (c.pads >= 2 && c.pads * 4 >= c.marks);
    });
  }
  const { pads, marks } = plainLineStats(text, 'block');
  // a page of one line (trailing line breaks aside) takes one padded mark in three
  const oneLine = !text.replace(/\n+$/, '').includes('\n');
  const page = pads >= 1 && pads * (oneLine ? 3 : 2) >= marks;
  return spaced.map((s) => s || page);
}

/**
 * Letter-spaced and padded text: CJK (with extension B), kana, Hangul, marks of both widths, brackets, lone and
 * paired surrogates next to spaces, runs of spaces, line breaks.
 */
const spacedText = fc
  .array(fc.oneof(
    { arbitrary: fc.constantFrom('文', '字', '〇', 'か', 'ー', '𠀀', '文 ', '字 ', '𠀀 ', '，', '。 '), weight: 8 },
    { arbitrary: fc.constantFrom(' ', '  ', ' ，', ' 。', ' ）', ' )', '， ', ' :', ' ,', ' ?'), weight: 4 },
    { arbitrary: fc.constantFrom('한', '\n', '\u3000', '\uD800', '\uDC00', '\uD800 ', ' \uDC00', '\uD800\uD800 ', '\uDBFF文 ', '\uDBFF文', '$ ', '= '), weight: 1 },
    { arbitrary: fc.constantFrom('、', '：', '（', '）', '“', '”', '《', '》', '—', '〈', '】', '「', '』'), weight: 2 },
    { arbitrary: fc.constantFrom(',', ';', ':', '!', '?', '(', ')', '.', '%', '/'), weight: 2 },
    { arbitrary: fc.constantFrom('a', 'B', 'x', '5', '0', 'ab '), weight: 2 },
  ), { maxLength: 90, size: 'max' })
  .map((p) => p.join(''));
const layouts = fc.constantFrom<PageLayout>('line', 'block');

describe('letterSpacedLines and paddedLines fast paths', () => {
  it('letterSpacedLines gives the decision of the full counts', () => {
    fc.assert(fc.property(spacedText, (t) => {
      expect(letterSpacedLines(t)).toEqual(plainLetterSpaced(t));
    }), { numRuns: 5000 });
  });
  it('paddedLines gives the decision of the full counts', () => {
    fc.assert(fc.property(spacedText, layouts, (t, layout) => {
      expect(paddedLines(t, layout)).toEqual(plainPadded(t, layout));
    }), { numRuns: 5000 });
  });
  it('handles the edges: surrogates by a space, a spaced page, a mark count right at the bound', () => {
    for (const t of ['文 字 文 字 文', '文 字 文字文', '\uD800 文 字 文 字', '文 \uDC00字 文 字', '\uD800\uD800 字 文 字 文', '字 ，字 ，字，字，字，字，字，字，字，', '字 ，字 ，字，字，字，字，字，字，字，字，']) {
      for (const layout of ['line', 'block'] as const) {
        expect(letterSpacedLines(t)).toEqual(plainLetterSpaced(t));
        expect(paddedLines(t + '', layout)).toEqual(plainPadded(t, layout));
      }
    }
  });
});

/** Path text for token/url: FHS directories, lookalike glyphs, quotes, slashes, V for a slash. */
const pathText = fc
  .array(fc.constantFrom(
    '/', '/', '/', 'usr', 'var', 'etc', 'bin', 'lib', 'Lib', '1ib', 'I', 'O', '0', '1', 'l', '|', '.', 'V', 'Vusr', 'Vetc', 'init', '.d', 'share',
    'doc', 'log', 'X11', 'systemd', 'boot', 'tmp', 'sys', '"', '“', '”', "'", '‘', '’', ' ', '(', '（', '=', '文', '\n', 'a', 'abcdefghij', ')', '，', '𠀀',
    '‘usr/', '"etc/', "'var/", '“usr/', 'share/', 'b00t/', 'Iib/', '/usr/', '/var/', '/etc', '/usr', '/var', 'b0ot', 'IOg/', 'Vboot/', 'Vvar/log/', 'X1I/',
  ), { maxLength: 40, size: 'max' })
  .map((p) => p.join(''));

describe('token/url fast paths', () => {
  /** The path repairs as they were: each pattern's matches over the whole page (oracle). */
  const plainPathEdits = (text: string): Edit[] => {
    const edits: Edit[] = [];
    const fix = (start: number, end: number, out: string, message: string) => edits.push({ start, end, text: out, rule: 'token/url', level: 'fix', message });
    for (const m of text.matchAll(fhsGlued)) {
      if (!FHS_DIRS[m[1]].includes(m[2])) continue;
      const at = m.index! + 1 + m[1].length;
      fix(at, at, '/', `lost / in the path /${m[1]}/${m[2]}`);
    }
    for (const m of text.matchAll(fhsNoRoot)) if (FHS_DIRS[m[1]].includes(m[2])) fix(m.index!, m.index!, '/', `lost leading / in the path /${m[1]}/${m[2]}`);
    for (const m of text.matchAll(pathSegRe)) {
      const seg = m[1];
      if (FHS_TOP.includes(seg) || ![...seg].some((c) => PATH_LOOK[c])) continue;
      const fixed = Array.from(seg, (c) => PATH_LOOK[c] ?? c).join('');
      const parent = text.slice(0, m.index!).match(/\/([a-z0-9]+)\/$/)?.[1];
      const known = parent ? (FHS_DIRS[parent] ?? []).includes(fixed) : FHS_TOP.includes(fixed);
      if (known) fix(m.index!, m.index! + seg.length, fixed, `lookalike letter in the path segment /${fixed}/`);
    }
    for (const m of text.matchAll(leadingVRe)) fix(m.index!, m.index! + 1, '/', 'leading / of a path read as V');
    return edits;
  };
  const isPathEdit = (e: Edit) => /^(lost|lookalike letter in the path|leading \/)/.test(e.message ?? '');
  it('the path repairs give the edits of the whole-page pattern scans', () => {
    for (const t of ['见 /usrbin/x', '"usr/share/doc', '/Lib/systemd/', '/usr/1ib/x', '“Vetc/passwd', 'Vusr/share/doc/', '(/var/IOg/x', '=/1ib/']) {
      expect(tokenUrl.apply(t, { ...ctxFor(t), state: undefined }).filter(isPathEdit)).toEqual(plainPathEdits(t));
      expect(plainPathEdits(t).length).toBeGreaterThan(0);
    }
    fc.assert(fc.property(pathText, (t) => {
      expect(tokenUrl.apply(t, { ...ctxFor(t), state: undefined }).filter(isPathEdit)).toEqual(plainPathEdits(t));
    }), { numRuns: 5000 });
  });
});

describe('text/width prefilter', () => {
  /** The rule as it was: both patterns on every page (oracle). */
  const plain = (text: string): Edit[] => {
    const fwRunRe = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A](?:[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]|[．－＿／＋：＠＃＆\u3000](?=[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]))*/gu;
    const mojibakeRunRe = /[\u00A0-\u00FF€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ]{3,}/gu;
    const edits: Edit[] = [];
    for (const m of text.matchAll(fwRunRe)) edits.push({ start: m.index!, end: m.index! + m[0].length, text: Array.from(m[0], (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0))).join(''), rule: 'text/width', level: 'fix', message: 'full-width letters and digits to half width' });
    for (const m of text.matchAll(mojibakeRunRe)) {
      const fixed = unmojibake(m[0]);
      if (fixed) edits.push({ start: m.index!, end: m.index! + m[0].length, text: fixed, rule: 'text/width', level: 'fix', message: 'mojibake: UTF-8 text read as Windows-1252' });
    }
    return edits;
  };
  const mojibake = (s: string) => Array.from(new TextEncoder().encode(s), (b) => (b >= 0x80 && b < 0xa0 ? '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ'[b - 0x80] : String.fromCharCode(b))).join('');
  const widthText = fc
    .array(fc.constantFrom('文', 'a', ' ', '“', '”', '—', '…', 'café', 'é', 'Â·', mojibake('中文'), mojibake('，'), mojibake('·'), mojibake('𠀀'), mojibake('ー'), mojibake('a中'),
      'Ｖｅｒ', '２', '．', '\u3000', '：', 'ï»¿', mojibake('中').slice(0, 2), 'â€œ', 'Ã©'), { maxLength: 30 })
    .map((p) => p.join(''));
  it('gives the edits of both patterns on every page', () => {
    expect(textWidth.apply(mojibake('中文') + ' Ｖ２', { ...ctxFor('x'), state: undefined }).length).toBe(2);
    fc.assert(fc.property(widthText, (t) => {
      expect(textWidth.apply(t, { ...ctxFor(t), state: undefined })).toEqual(plain(t));
    }), { numRuns: 3000 });
  });
});

describe('token/digits fast paths', () => {
  const manText = fc
    .array(fc.constantFrom('ls', 'a', 'A', 'Z', '_', '.', '+', '-', '(1)', '(8)', '(9)', '(l)', '(])', '(s)', '(I)', '(', ')', '1', '0', ' ', '文', 'x.y', '𠀀', 'chgrp', 'df', '\n', '((1)'), { maxLength: 30 })
    .map((p) => p.join(''));
  it('countManRefs counts the matches of manRefRe', () => {
    for (const t of ['ls(1)', 'a.b(1)', 'A.b(1)', 'Ab(1)', '_a(1)', 'a(1)(2)b(3)', '1a(1)', '.a(1)']) expect(countManRefs(t)).toBe((t.match(manRefRe) ?? []).length);
    fc.assert(fc.property(manText, (t) => {
      expect(countManRefs(t)).toBe((t.match(manRefRe) ?? []).length);
    }), { numRuns: 5000 });
  });
  it('the manual section repairs are the matches of the pattern on every page', () => {
    const manLookRe = /(?<![A-Za-z0-9_])([a-z][a-z0-9_.+-]*)\(([\][lI|iSsB])\)/g;
    fc.assert(fc.property(manText, (t) => {
      const got = tokenDigits.apply(t, { ...ctxFor(t), state: { manRefs: 2 } }).filter((e) => e.message?.startsWith('manual section'));
      const want = [...t.matchAll(manLookRe)].map((m) => m.index! + m[1].length + 1);
      expect(got.map((e) => e.start)).toEqual(want);
    }), { numRuns: 3000 });
  });
});

describe('token/brackets fast exit', () => {
  /** The rule as it was: every page walked (oracle). */
  const plain = (page: string): Edit[] => {
    const WINDOW = 80;
    const text = page;
    const lex = lexiconOf({ ignore: [] });
    const opens = new Set(lex.openRound);
    const closes = new Set(lex.closeRound);
    const edits: Edit[] = [];
    // only a lookalike bracket (one code unit, as text[i] is) starts work: a regex jumps from one to the next
    // instead of visiting every character; after an opening glyph the scan goes on from j, as the loop did
    const units = [...new Set([...opens, ...closes])].filter((g) => g.length === 1).sort().join('');
    const glyphs = units ? new RegExp(`[${[...units].map((u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}]`, 'g') : undefined;
    for (let i = 0; glyphs !== undefined; i++) {
      glyphs.lastIndex = i;
      const g = glyphs.exec(text);
      if (!g) break;
      i = g.index;
      const c = text[i];
      if (opens.has(c)) {
        let j = i + 1;
        if (opens.has(text[j])) j++;
        let depth = 0;
        for (let k = j; k < Math.min(text.length, j + WINDOW); k++) {
          const d = text[k];
          if ((d === '(' || d === '（') && k > j) depth++;
          else if ((d === ')' || d === '）') && depth > 0) depth--;
          else if (d === ')' || d === '）') {
            edits.push({ start: i, end: j, text: d === ')' ? '(' : '（', rule: 'token/brackets', level: 'fix', message: `${text.slice(i, j)} read for an opening round bracket` });
            break;
          }
          if (d === '(' || d === '（' ? k === j : opens.has(d) || closes.has(d) || d === '》' || d === '。') break;
          if (d === '\n' && text[k + 1] === '\n') break;
        }
        i = j - 1;
      } else if (closes.has(c)) {
        for (let k = i - 1; k >= Math.max(0, i - WINDOW); k--) {
          const d = text[k];
          if (d === '(' || d === '（') {
            edits.push({ start: i, end: i + 1, text: d === '(' ? ')' : '）', rule: 'token/brackets', level: 'fix', message: `${c} read for a closing round bracket` });
            break;
          }
          if (d === ')' || d === '）' || opens.has(d) || closes.has(d) || d === '《' || d === '。') break;
          if (d === '\n' && text[k - 1] === '\n') break;
        }
      }
    }
    for (const m of text.matchAll(/'(?=["”])/g)) {
      const at = m.index!;
      const lineStart = text.lastIndexOf('\n', at) + 1;
      const before = text.slice(Math.max(lineStart, at - 60), at);
      const open = Math.max(before.lastIndexOf('"'), before.lastIndexOf('“'));
      if (open < 0 || before.slice(open + 1).includes("'") || before.slice(open + 1).length === 0) continue;
      // the quote before must open (an even number of ASCII quotes before it on the line)
      const asciiQuotes = (text.slice(lineStart, at).match(/"/g) ?? []).length;
      if (before[open] === '"' && asciiQuotes % 2 !== 1) continue;
      edits.push({ start: at, end: at + 1, text: '', rule: 'token/brackets', level: 'fix', message: 'closing double quote read as \'"' });
    }
    return edits;
  };
  const bracketText = fc
    .array(fc.constantFrom('〈', '《', '〉', '》', '(', ')', '（', '）', "'", '"', '”', '“', 'deb', ' ', '文', '。', '\n', 'a', "'\"", '𠀀'), { maxLength: 40 })
    .map((p) => p.join(''));
  it('gives the edits of the walk over every page', () => {
    expect(plain('软件包〈例如 mc 和 vim) 依然').length).toBe(1);
    fc.assert(fc.property(bracketText, (t) => {
      expect(tokenBrackets.apply(t, { ...ctxFor(t), state: undefined })).toEqual(plain(t));
    }), { numRuns: 3000 });
  });
});

describe('pages/doubled-text near copies', () => {
  /** nearRepeatedPage as it was: every cut compared (oracle). */
  const plainNear = (text: string) => {
    const cellsOf = (t: string) => {
      const out: Array<{ ch: string; at: number }> = [];
      for (let i = 0; i < t.length;) {
        const ch = String.fromCodePoint(t.codePointAt(i)!);
        if (!/\s/u.test(ch)) out.push({ ch, at: i });
        i += ch.length;
      }
      return out;
    };
    const bare = text.replace(/\s+/gu, '');
    const flatOf: string | string[] = /[\ud800-\udfff]/.test(bare) ? Array.from(bare) : bare;
    const piece = (a: number, b?: number) => (typeof flatOf === 'string' ? flatOf.slice(a, b) : flatOf.slice(a, b).join(''));
    if (flatOf.length < 40) return null;
    const rest = piece(Math.floor(flatOf.length * 0.4));
    let recur = 0;
    for (const f of [0, 0.06, 0.12, 0.18, 0.24, 0.3]) {
      const at = Math.floor(flatOf.length * f);
      if (rest.includes(piece(at, at + 6))) recur++;
    }
    if (recur < 2) return null;
    const c = cellsOf(text);
    let best: { sim: number; cut: number } | null = null;
    const lo = Math.floor(c.length * 0.4), hi = Math.ceil(c.length * 0.6);
    const step = Math.max(1, Math.floor((hi - lo) / 64));
    for (let k = lo; k <= hi; k += step) {
      const gapStart = c[k - 1].at + c[k - 1].ch.length;
      if (gapStart === c[k].at) continue;
      const r = compare(text.slice(0, gapStart), text.slice(c[k].at));
      if (r.jaccard >= NEAR_COPY && r.spread >= 0.5 && (!best || r.jaccard > best.sim)) best = { sim: r.jaccard, cut: k };
    }
    return best;
  };
  const unit = fc.constantFrom('文', '字', '模', '型', '数', '据', 'a', 'b', 'x', '1', '，', '。', ' ', ' ', '𠀀', '\u0001', '\u1680', '\u200b', '\u3000', '\t');
  const page = fc.tuple(fc.array(unit, { minLength: 20, maxLength: 70 }), fc.array(fc.tuple(fc.nat(), unit), { maxLength: 12 }), fc.constantFrom(' ', '\n', '  ', ''), fc.boolean())
    .map(([base, subs, sep, copy]) => {
      if (!copy) return base.join('');
      const second = [...base];
      for (const [at, u] of subs) second[at % second.length] = u;
      return base.join('') + sep + second.join('');
    });
  it('finds the edit of the full cut search', () => {
    const t = '大语言模型的训练数据来自网页和书籍以及代码仓库 大语言模型的训练数据来自网页和书藉以及代码仓库';
    expect(nearRepeatedPage(t)).not.toBeNull();
    let found = 0;
    fc.assert(fc.property(page, (p) => {
      const want = plainNear(p);
      const got = nearRepeatedPage(p);
      if (want) found++;
      expect(got === null).toBe(want === null);
    }), { numRuns: 3000 });
    expect(found).toBeGreaterThan(10);
  });
});

describe('SpanGuard run scans', () => {
  const tokenText = fc
    .array(fc.constantFrom(
      'a', 'Z', '_', '0', '7', '.', '-', '+', '#', ':', '/', '~', '@', '*', '>', '(', ')', '%', ' ', '文', '，', '\n', '`', '\\',
      'x.y', 'a_b', 'C++', 'C#', '.NET', 'app.js', 'v1.2.3', '1.2.3', '09:30', '9:30:00', 'HH:mm', '2024-01-02', 'me@x.org', '/usr/bin', '~/a', './x',
      'f()', 'a.b()', 'a->b', 'a::b', 'x.tar.gz', 'foo_bar', 'Node.js', 'a.b.c', 'x->', '::', '1:2', '12:345',
      'https://a.b/c', 'www.x.', 'WWW.a.', '——', '—', '%V%', 'C:\\a', '`c`', 'ftp://h/路径',
    ), { maxLength: 40, size: 'max' })
    .map((p) => p.join(''));
  it('answers as touchesProtected over protectedSpans', () => {
    fc.assert(fc.property(tokenText, fc.array(fc.tuple(fc.nat(), fc.nat(6)), { maxLength: 30 }), (t, ranges) => {
      const spans = protectedSpans(t);
      const guard = new SpanGuard(t);
      for (const [a, len] of ranges) {
        const start = a % (t.length + 1);
        const end = Math.min(t.length, start + len);
        expect(guard.touches(start, end)).toBe(touchesProtected(spans, start, end));
      }
    }), { numRuns: 5000 });
  });
});

describe('punct/width fast paths', () => {
  /** The rule as it was: every mark scanned, padding read first, bracket pairs judged twice (oracle). */
  const isCjkCh = (ch: string | undefined) => ch !== undefined && /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30FC]/u.test(ch);
  const hasCjk = (s: string) => /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30FC]/u.test(s);
  const markG = /[,:;!?，：；！？.]/g;
  const plain = (text: string, ctx: RuleContext): Edit[] => {
    if (ctx.style.punctuation === 'keep') return [];
    const st = ctx.state as WidthState;
    const full = (ch: string) => st.family[FAMILY[ch]] === 'fullwidth' || st.family[FAMILY[ch]] === 'guideline';
    const half = (ch: string) => st.family[FAMILY[ch]] === 'halfwidth';
    const edits: Array<Edit & { at: number }> = [];
    const lines = lineSpans(text);
    const padding = paddedLines(text, ctx.layout, lines);
    lines.forEach((l, li) => {
      const line = text.slice(l.start, l.end);
      if (!/[^\x00-\x7F]/.test(line) || isCodeLine(line)) return;
      const padded = padding[li];
      const brackets = lazyBrackets(line);
      const tight = ctx.layout === 'line' || padded;
      /** Replaces the mark at i, swallowing spaces before it (never indentation) and after it (never trailing). */
      const put = (i: number, mark: string, message: string, eatBefore: boolean, eatAfter: boolean) => {
        let s = i, e = i + 1;
        if (eatBefore) {
          let j = s;
          while (j > 0 && line[j - 1] === ' ') j--;
          if (j > 0) s = j;
        }
        if (eatAfter) {
          let j = e;
          while (j < line.length && line[j] === ' ') j++;
          if (j < line.length) e = j;
        }
        edits.push({ start: l.start + s, end: l.start + e, text: mark, rule: 'punct/width', level: 'fix', message, at: l.start + i });
      };
      // 1. , : ; ! ? and the sentence-final period in Chinese context. A half-width mark followed by a space in a
      // block page is the author's English-style mark (`空格, 制表符`) unless the line is padded: left alone.
      // After a Latin word, a bracket or a quote, a mark followed by a space is an English-style list mark
      // (`ssh(1), 和`, `”/var/lock”, 和`) unless the line is padded.
      const spaceAfterOk = (i: number) => {
        if (line[i + 1] !== ' ' || padded) return true;
        return ctx.layout === 'line' && isCjkCh(line[i - 1]);
      };
      // which bracket pairs step 2 converts (a Chinese pair, not a Latin-style one set off by spaces)
      const wordAt = (i: number) => i >= 0 && i < line.length && /[\p{L}\p{N}]/u.test(line[i]);
      const converts = (a: number, b: number) => {
        if (!bracketChinese(line, a, b)) return false;
        // a matched ASCII pair set off by a space outside it (`文件 (参见 x(5)) 来`) is the typesetter's Latin-style
        // parenthesis, not OCR damage: only a pair of mixed widths or a tight ASCII pair is converted
        // (a space between the pair and a punctuation mark is OCR padding, which space/punctuation removes: it does
        // not count, or the answer would change once the padding is gone)
        const spacedOutside = (line[a - 1] === ' ' && wordAt(a - 2)) || (line[b + 1] === ' ' && wordAt(b + 2));
        return !(line[a] === '(' && line[b] === ')' && spacedOutside && ctx.style.punctuation === 'auto');
      };
      const pairs = line.includes(')') || line.includes('）') ? bracketPairs(line) : [];
      const fullClose = new Set<number>();
      if (full('(')) for (const [a, b] of pairs) if (line[b] === ')' && converts(a, b)) fullClose.add(b);
      if (st.curlyQuotes) for (const [a, b] of quotePairs(line)) if (hasCjk(line.slice(a + 1, b))) fullClose.add(b);
      markG.lastIndex = 0;
      while (markG.test(line)) {
        const i = markG.lastIndex - 1;
        const ch = line[i];
        if ((ch === ',' || ch === ':' || ch === ';' || ch === '!' || ch === '?') && full(ch)) {
          if (line[i - 1] === ' ' && line[i + 1] === ' ' && spacedMarkBetweenCjk(line, i)) put(i, TO_FULL[ch], `half-width ${ch} padded with spaces between Chinese clauses -> ${TO_FULL[ch]}`, true, true);
          else if (chineseContext(line, i, brackets) && spaceAfterOk(i)) put(i, TO_FULL[ch], `half-width ${ch} in a Chinese sentence -> ${TO_FULL[ch]}`, tight, padded);
        } else if ('，：；！？'.includes(ch) && half(ch) && chineseContext(line, i, brackets)) {
          put(i, TO_HALF[ch], `${ch} -> ${TO_HALF[ch]} (the document writes this mark half width)`, false, false);
        } else if (ch === '.' && st.fullStop && cjkSentencePeriod(line, i, fullClose) && spaceAfterOk(i)) {
          put(i, '。', 'sentence-final period after Chinese text -> 。', tight, padded);
        }
      }
      // 2. brackets, in pairs
      for (const [a, b] of pairs) {
        const o = line[a], c = line[b];
        if (!converts(a, b)) continue;
        if (full('(')) {
          const word = (i: number) => i >= 0 && i < line.length && /[\p{L}\p{N}]/u.test(line[i]);
          const mixed = (o === '(') !== (c === ')');
          const outBefore = mixed && line[a - 1] === ' ' && word(a - 2);
          const outAfter = mixed && line[b + 1] === ' ' && word(b + 2);
          if (o === '(') put(a, '（', 'bracket pair -> full width', outBefore || padded, tight);
          else if (outBefore) put(a, '（', 'no space between words and a unified bracket pair', true, false);
          if (c === ')') put(b, '）', 'bracket pair -> full width', tight, outAfter || padded);
          else if (outAfter) put(b, '）', 'no space between a unified bracket pair and words', false, true);
        } else if (half('(')) {
          if (o === '（') put(a, '(', 'bracket pair -> half width', false, false);
          if (c === '）') put(b, ')', 'bracket pair -> half width', false, false);
        }
      }
      // 3. ASCII double quotes around Chinese text
      if (st.curlyQuotes) {
        for (const [a, b] of quotePairs(line)) {
          if (!hasCjk(line.slice(a + 1, b))) continue;
          put(a, '“', 'ASCII quote around Chinese text -> “', false, tight);
          put(b, '”', 'ASCII quote around Chinese text -> ”', tight, padded);
        }
      }
    });
    // two marks may both claim the spaces between them (`模型: ,模`): the first keeps them, the second starts at
    // its own mark; an edit whose mark is already covered is dropped
    edits.sort((x, y) => x.at - y.at);
    const out: Edit[] = [];
    let end = 0;
    for (const { at, ...e } of edits) {
      if (at < end) continue;
      out.push(e.start < end ? { ...e, start: end } : e);
      end = e.end;
    }
    return out;
  };
  /** bracketPairs as it was: a walk over every unit. */
  const plainPairs = (line: string) => {
    const out: Array<[number, number]> = [];
    const stack: number[] = [];
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (c === 0x28 || c === 0xff08) stack.push(i);
      else if ((c === 0x29 || c === 0xff09) && stack.length > 0) out.push([stack.pop()!, i]);
    }
    return out;
  };
  const widths = fc.constantFrom<WidthState['marks']>('fullwidth', 'halfwidth', 'guideline', 'keep');
  const state = fc.record({
    marks: widths,
    family: fc.record({ comma: widths, colon: widths, semicolon: widths, exclamation: widths, question: widths, bracket: widths }),
    fullStop: fc.boolean(),
    curlyQuotes: fc.boolean(),
  }).map((s) => ({ ...s, counts: undefined as unknown as WidthState['counts'] }));
  const markText = fc
    .array(fc.oneof(
      { arbitrary: fc.constantFrom('文', '字', '模', '型', 'か', '𠀀'), weight: 6 },
      { arbitrary: fc.constantFrom(' ', '  ', '\n'), weight: 3 },
      { arbitrary: fc.constantFrom(',', ':', ';', '!', '?', '.', '(', ')', '"', '，', '：', '；', '！', '？', '（', '）', '。', '”', '》', '•', '·'), weight: 5 },
      { arbitrary: fc.constantFrom('a', 'B', 'x', '5', '0', 'vim', '$ ', '= ', '文.', '模. ', '字.）'), weight: 2 },
    ), { maxLength: 60, size: 'max' })
    .map((p) => p.join(''));
  it('bracketPairs and the shared Chinese ASCII brackets are as before', () => {
    fc.assert(fc.property(markText, (t) => {
      expect(bracketPairs(t)).toEqual(plainPairs(t));
      expect(lazyBracketsOf(t, bracketPairs(t))()).toEqual(chineseAsciiBrackets(t));
    }), { numRuns: 3000 });
  });
  it('gives the edits of the full scan under every policy', () => {
    fc.assert(fc.property(markText, state, fc.constantFrom<PageLayout>('line', 'block'), fc.constantFrom<'auto' | 'fullwidth'>('auto', 'fullwidth'), (t, st, layout, punctuation) => {
      const ctx = { style: { spacing: 'always' as const, punctuation }, layout, data: { ignore: [] }, state: st };
      expect(punctWidth.apply(t, ctx)).toEqual(plain(t, ctx));
    }), { numRuns: 5000 });
  });
});

describe('space/punctuation row prefilter', () => {
  const unitText = (max: number) => fc.array(fc.constantFrom('文', '𠀀', 'a', ' ', '，', '。', '》', '）', '“', '”', '‘', '’', '《', '（', ',', ';', ':', ')', '(', '!', '\u3000', '「', '』', '〉', '〈'), { minLength: 1, maxLength: max }).map((p) => p.join(''));
  it('holds for every row wherever the row\'s patterns match', () => {
    expect(ROW_QUICK.length).toBe(ROWS.length);
    fc.assert(fc.property(unitText(2), unitText(8), (before, after) => {
      ROWS.forEach((row, r) => {
        if (row.before.test(before) && row.after.test(after)) expect(ROW_QUICK[r](before.charCodeAt(before.length - 1), after.charCodeAt(0))).toBe(true);
      });
    }), { numRuns: 20000 });
  });
});
