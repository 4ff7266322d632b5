/**
 * Property tests of the fast paths of the rule runner and the protected spans: each must give exactly what the
 * plain version it replaces gives (kept here as the oracle), on noisy mixed text.
 * - SpanGuard.touches equals touchesProtected over protectedSpans;
 * - runRules (binary-searched offset mapping, lazy span guard, skipped sort) equals the plain runner: a walk
 *   through every earlier stage per offset, all spans found up front, every rule's edits sorted;
 * - the spacing rules' char-code walks give the edits of the regular expressions they stand for.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { protectedSpans, SpanGuard, touchesProtected } from '../src/rules/protect.js';
import { applyEdits, mapThrough, runRules, type ActiveRule, type LoggedEdit } from '../src/rules/runner.js';
import { capsRunRe, cjkRunRe, cjkRuns, digitPairRe, digitPairs, percentGapRe, spaceOcrLetterspacing, tightGapRe } from '../src/rules/space-ocr-letterspacing.js';
import { BOUNDARIES, candidateRe, candidates, spaceCjkLatin } from '../src/rules/space-cjk-latin.js';
import { relevantRunG, ROWS, spacePunctuation } from '../src/rules/space-punctuation.js';
import { chineseContext, dropCodeLines, lazyBrackets, letterSpacedLines, lineSpans, nextNonSpace, paddedLines, prevNonSpace, showsPadding } from '../src/rules/spacing-lines.js';
import { pageLayout } from '../src/pages/split.js';
import { lexiconOf } from '../src/rules/lexicon.js';
import type { Edit, Rule, RuleContext } from '../src/types.js';

/** The context the pipeline gives a rule for page `t`. */
const ctxFor = (t: string) => ({ style: { spacing: 'always' as const, punctuation: 'auto' as const }, layout: pageLayout(t), data: { ignore: [] } });

/** Pieces that make and break protected tokens, CJK text and spaces. */
const pieces = [
  '文', '字', '〇', 'か', 'ー', '한', '𠀀', ' ', '  ', '\n', '——', '—', '，', '。', '（', '）',
  'a', 'Z', 'v', 'H', 'm', '0', '7', '.', '_', '%', '+', '-', '@', '~', '/', '*', ':', '#', '>', '(', ')', '\\', '`',
  'x.y', 'a_b', 'C++', 'C#', '.NET', 'app.js', 'v1.2.3', '09:30', 'HH:mm', '2024-01-02', 'me@x.org', '/usr/bin',
  '~/a', 'C:\\tmp', '%PATH%', 'https://', 'www.', 'WWW.a.', 'ftp://h/路径', 'f()', 'a.b()', 'a->b', 'a::b', 'x.tar.gz', 'C:\\a b', '`c 字`', 'u@h.io', '%V%字',
];
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 40, size: 'max' }).map((p) => p.join(''));
const ignoreLists = fc.constantFrom<string[]>([], ['Foo'], ['/[0-9]+文/'], ['字 文']);

describe('SpanGuard', () => {
  it('answers as touchesProtected over protectedSpans', () => {
    fc.assert(fc.property(text, ignoreLists, fc.array(fc.tuple(fc.nat(), fc.nat(3)), { maxLength: 30 }), (t, ignore, ranges) => {
      const spans = protectedSpans(t, ignore);
      const guard = new SpanGuard(t, ignore);
      for (const [a, len] of ranges) {
        const start = a % (t.length + 1);
        const end = Math.min(t.length, start + len);
        expect(guard.touches(start, end)).toBe(touchesProtected(spans, start, end));
      }
    }), { numRuns: 1000 });
  });
  it('needs no pattern scan for edits between CJK and Latin or of spaces, and still guards tokens', () => {
    const t = '见 a.b 与 x_y 字';
    const guard = new SpanGuard(t);
    expect(guard.touches(1, 2)).toBe(false); // the space after 见
    expect(guard.touches(3, 3)).toBe(true); // inside a.b
    expect(guard.touches(2, 2)).toBe(false); // its edge
    expect(guard.touches(9, 10)).toBe(true); // the _ of x_y
  });
});

/** The plain runner, as it was before its fast paths (oracle). */
function plainRun(text: string, rules: readonly ActiveRule[], ctx: Omit<RuleContext, 'state'>): { text: string; edits: LoggedEdit[] } {
  const stages: Edit[][] = [];
  const log: LoggedEdit[] = [];
  let cur = text;
  for (const { rule, level, state } of rules) {
    const edits = rule.apply(cur, { ...ctx, state });
    if (edits.length === 0) continue;
    const guard = rule.editsProtected ? [] : protectedSpans(cur, ctx.data.ignore);
    const sorted = edits
      .filter((e) => cur.slice(e.start, e.end) !== e.text && !touchesProtected(guard, e.start, e.end))
      .sort((a, b) => a.start - b.start || a.end - b.end);
    const fixes: Edit[] = [];
    let lastEnd = -1, lastInsertAt = -1;
    for (const e of sorted) {
      const effective = level === 'suggest' ? 'suggest' : e.level;
      let start = e.start, end = e.end;
      for (let i = stages.length - 1; i >= 0; i--) {
        start = mapThrough(stages[i], start, 'start');
        end = mapThrough(stages[i], end, 'end');
      }
      const entry: LoggedEdit = { rule: rule.id, level: effective, status: effective === 'fix' ? 'applied' : 'suggested', start, end, before: cur.slice(e.start, e.end), after: e.text, message: e.message };
      if (effective === 'fix') {
        if (e.start < lastEnd || (e.start === e.end && e.start === lastInsertAt)) entry.status = 'held-back';
        else {
          fixes.push(e);
          lastEnd = e.end;
          lastInsertAt = e.start === e.end ? e.start : -1;
        }
      }
      log.push(entry);
    }
    if (fixes.length > 0) {
      cur = applyEdits(cur, fixes);
      stages.push(fixes);
    }
  }
  return { text: cur, edits: log };
}

/** A rule that proposes edits from a list of (position, length, replacement), clipped to the text, in any order. */
function listRule(id: string, list: Array<[number, number, string]>, level: 'fix' | 'suggest', editsProtected: boolean): Rule {
  return {
    id, description: id, defaultLevel: 'fix', example: { before: '', after: '' }, source: 'test', editsProtected,
    apply(t) {
      return list.map(([a, len, to]) => {
        const start = a % (t.length + 1);
        return { start, end: Math.min(t.length, start + len), text: to, rule: id, level, message: `${id} ${to}` };
      });
    },
  };
}
const ruleSpec = fc.record({
  list: fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.constantFrom('', ' ', '_', 'ab', '字', '.')), { maxLength: 25 }),
  level: fc.constantFrom<'fix' | 'suggest'>('fix', 'fix', 'suggest'),
  ruleLevel: fc.constantFrom<'fix' | 'suggest'>('fix', 'fix', 'suggest'),
  editsProtected: fc.boolean(),
  sorted: fc.boolean(),
});

describe('runRules fast paths', () => {
  it('give the plain runner\'s text and edit log', () => {
    fc.assert(fc.property(text, ignoreLists, fc.array(ruleSpec, { minLength: 1, maxLength: 5 }), (t, ignore, specs) => {
      const rules: ActiveRule[] = specs.map((s, k) => {
        const list = s.sorted ? [...s.list].sort((x, y) => x[0] % (t.length + 1) - y[0] % (t.length + 1)) : s.list;
        return { rule: listRule(`t/r${k}`, list, s.level, s.editsProtected), level: s.ruleLevel };
      });
      const ctx = { style: { spacing: 'always' as const, punctuation: 'auto' as const }, layout: 'block' as const, data: { ignore } };
      expect(runRules(t, rules, ctx)).toEqual(plainRun(t, rules, ctx));
    }), { numRuns: 300 });
  });
});

/** Spacing text: CJK (with extension B ideographs, 〇 and kana), Hangul, Latin, digits, marks and spaces. */
const spacingText = fc
  .array(fc.oneof(
    { arbitrary: fc.constantFrom('文', '字', '〇', 'か', 'カ', 'ー', '𠀀', '𪜀'), weight: 6 },
    { arbitrary: fc.constant(' '), weight: 6 },
    { arbitrary: fc.constantFrom('한', '  ', '\n', '\u3000', '\uD800', '\uDC00', '$ ', '= '), weight: 1 },
    { arbitrary: fc.constantFrom('，', '。', '、', '：', '（', '）', '“', '”', '《', '》', '‘', '’', '·', '—', '…', '〈', '〉', '】', '「'), weight: 2 },
    { arbitrary: fc.constantFrom(',', ';', ':', '!', '?', '(', ')', '.', '%', '*', '`', '#', '+'), weight: 2 },
    { arbitrary: fc.constantFrom('a', 'B', 'x', '5', '0', 'G', 'P', 'U', 'A', 'I', '3'), weight: 3 },
  ), { maxLength: 80, size: 'max' })
  .map((p) => p.join(''));

describe('space/ocr-letterspacing fast paths', () => {
  it('digitPairs finds the matches of digitPairRe', () => {
    const pairText = fc.array(fc.constantFrom('文', '𠀀', '1', '2', '0', ' ', '  ', '个', '%', '年', 'a', '.', '\n'), { maxLength: 30 }).map((p) => p.join(''));
    expect(digitPairs('共有 3 2 个，𠀀1 0年')).toEqual([3, 11]);
    fc.assert(fc.property(pairText, (t) => {
      expect(digitPairs(t)).toEqual([...t.matchAll(digitPairRe)].map((m) => m.index!));
    }), { numRuns: 5000 });
  });
  it('cjkRuns finds the matches of cjkRunRe', () => {
    const runs = (t: string) => cjkRuns(t).map(([a, b]) => t.slice(a, b));
    expect(runs('文 字 符 号码')).toEqual(['文 字 符']); // the lookahead gives one step back
    expect(runs('文字 中 文 本')).toEqual(['中 文 本']); // a run starts after a space, not after CJK
    expect(runs('甲 𠀀 〇 か 乙丙 丁 戊 己 한')).toEqual(['甲 𠀀 〇 か', '丁 戊 己']); // extension B, 〇 and kana are CJK, Hangul is not
    fc.assert(fc.property(spacingText, (t) => {
      expect(cjkRuns(t)).toEqual([...t.matchAll(cjkRunRe)].map((m) => [m.index!, m.index! + m[0].length]));
    }), { numRuns: 2000 });
  });
  it('gives the edits of the regex version', () => {
    const letterRunRe = /(?<![A-Za-z0-9])[A-Za-z](?: [A-Za-z]){3,}(?![A-Za-z0-9])/g;
    const digitRunRe = /(?<![0-9.,])[0-9](?: [0-9]){2,}(?![0-9]|[.,][0-9])/g;
    const plain = (text: string): Edit[] => {
      const edits: Edit[] = [];
      const closeUp = (runStart: number, run: string, message: string) => {
        for (let i = run.indexOf(' '); i >= 0; i = run.indexOf(' ', i + 1)) edits.push({ start: runStart + i, end: runStart + i + 1, text: '', rule: 'space/ocr-letterspacing', level: 'fix', message });
      };
      const lines = lineSpans(text);
      const spaced = letterSpacedLines(text, lines);
      lines.forEach((l, i) => {
        if (!spaced[i]) return;
        for (const m of text.slice(l.start, l.end).matchAll(tightGapRe)) edits.push({ start: l.start + m.index!, end: l.start + m.index! + 1, text: '', rule: 'space/ocr-letterspacing', level: 'fix', message: 'OCR letter-spacing between CJK characters' });
      });
      for (const m of text.matchAll(cjkRunRe)) closeUp(m.index!, m[0], 'OCR letter-spacing: run of one-character CJK words');
      for (const m of text.matchAll(letterRunRe)) if (/[a-z]/.test(m[0])) closeUp(m.index!, m[0], 'letter-spaced Latin word rejoined');
      for (const m of text.matchAll(digitRunRe)) closeUp(m.index!, m[0], 'letter-spaced number rejoined');
      // the rarer rows (no fast path: the same patterns)
      for (const m of text.matchAll(capsRunRe)) {
        const line = lines.findIndex((l) => l.start <= m.index! && m.index! <= l.end);
        if (lexiconOf({ ignore: [] }).terms.has(m[0].replace(/ /g, '')) && (m[0].length >= 5 || spaced[line])) closeUp(m.index!, m[0], 'letter-spaced Latin word rejoined');
      }
      for (const m of text.matchAll(digitPairRe)) closeUp(m.index!, m[0], 'letter-spaced number rejoined');
      for (const m of text.matchAll(percentGapRe)) edits.push({ start: m.index! + m[0].length - 1, end: m.index! + m[0].length, text: '', rule: 'space/ocr-letterspacing', level: 'fix', message: 'no space between a number and its percent sign' });
      edits.sort((a, b) => a.start - b.start);
      return dropCodeLines(text, edits.filter((e, k) => k === 0 || e.start !== edits[k - 1].start));
    };
    fc.assert(fc.property(spacingText, (t) => {
      expect(spaceOcrLetterspacing.apply(t, { ...ctxFor(t), state: undefined })).toEqual(plain(t));
    }), { numRuns: 2000 });
  });
});

describe('space/punctuation and padding fast paths', () => {
  /** padCounts as it was: a regex scan of the marks (oracle), through showsPadding. */
  const plainShowsPadding = (line: string, layout: 'line' | 'block') => {
    let pads = 0, marks = 0;
    const brackets = lazyBrackets(line);
    for (const m of line.matchAll(/[，。、；：？！》）】」』,;:?!)]/g)) {
      const i = m.index!;
      const ch = m[0];
      const full = '，。、；：？！'.includes(ch);
      const ascii = !full && ',;:?!'.includes(ch) && chineseContext(line, i, brackets);
      if (full || ascii) marks++;
      if ((full || ascii || '》）】」』'.includes(ch) || ch === ')') && i > 0 && line[i - 1] === ' ' && prevNonSpace(line, i)[0] !== undefined) pads++;
      if (full && layout === 'block' && line[i + 1] === ' ' && nextNonSpace(line, i)[0] !== undefined) pads++;
    }
    return pads >= 2 && pads * 4 >= marks;
  };
  it('showsPadding counts as the regex scan did', () => {
    fc.assert(fc.property(spacingText, fc.constantFrom<'line' | 'block'>('line', 'block'), (t, layout) => {
      expect(showsPadding(t, layout)).toBe(plainShowsPadding(t, layout));
    }), { numRuns: 2000 });
  });
  it('paddedLines (one scan per line) gives letterSpacedLines || showsPadding per line, as it did', () => {
    const multiLine = fc.array(spacingText, { minLength: 1, maxLength: 4 }).map((ls) => ls.join('\n'));
    fc.assert(fc.property(multiLine, (t) => {
      const lines = lineSpans(t);
      const spaced = letterSpacedLines(t, lines);
      expect(paddedLines(t, 'line', lines)).toEqual(lines.map((l, i) => spaced[i] || plainShowsPadding(t.slice(l.start, l.end), 'line')));
    }), { numRuns: 2000 });
  });
  it('space/punctuation gives the edits of the regex version', () => {
    const closingQuotes = (line: string) => {
      const out = new Set<number>();
      let double = 0, single = 0;
      for (let i = 0; i < line.length; i++) {
        const ch = line[i];
        if (ch === '“') double++;
        else if (ch === '‘') single++;
        else if (ch === '”' && double > 0) { double--; out.add(i); } else if (ch === '’' && single > 0) { single--; out.add(i); }
      }
      return out;
    };
    const plain = (text: string, layout: 'line' | 'block'): Edit[] => {
      const edits: Edit[] = [];
      const lines = lineSpans(text);
      const padding = paddedLines(text, layout, lines);
      lines.forEach((l, i) => {
        const line = text.slice(l.start, l.end);
        if (!/[^\x00-\x7F]/.test(line)) return;
        const padded = padding[i];
        const tight = layout === 'line' || padded;
        let closing: Set<number> | undefined;
        let lastEnd = -1;
        for (const m of line.matchAll(relevantRunG)) {
          let at = m.index!, end = at + m[0].length;
          while (at > 0 && line[at - 1] === ' ') at--;
          while (end < line.length && line[end] === ' ') end++;
          if (at < lastEnd) continue;
          lastEnd = end;
          if (at === 0 || end >= line.length) continue;
          const before = line.slice(Math.max(0, at - 3), at);
          const after = line.slice(end, end + 8);
          for (const row of ROWS) {
            if (!row.before.test(before) || !row.after.test(after)) continue;
            if (!(m[0].length >= 2) && !(row.when === 'tight' ? tight : padded)) continue;
            if (row.quote) {
              closing ??= closingQuotes(line);
              if (!closing.has(row.quote === 'before' ? end : at - 1)) continue;
            }
            edits.push({ start: l.start + at, end: l.start + end, text: '', rule: 'space/punctuation', level: 'fix', message: row.name });
            break;
          }
        }
      });
      return dropCodeLines(text, edits);
    };
    fc.assert(fc.property(spacingText, fc.constantFrom<'line' | 'block'>('line', 'block'), (t, layout) => {
      expect(spacePunctuation.apply(t, { ...ctxFor(t), layout, state: undefined })).toEqual(plain(t, layout));
    }), { numRuns: 2000 });
  });
});

describe('space/cjk-latin fast paths', () => {
  it('candidates are where candidateRe\'s matches end', () => {
    fc.assert(fc.property(spacingText, (t) => {
      expect(candidates(t)).toEqual([...t.matchAll(candidateRe)].map((m) => m.index! + m[0].length));
    }), { numRuns: 2000 });
  });
  it('gives the edits of the regex version (`before` tested as `${before}$` on the 84 code units before)', () => {
    const checks = BOUNDARIES.map((b) => ({ before: new RegExp(`${b.before}$`, 'u'), after: new RegExp(b.after, 'uy') }));
    const boundaryAt = (text: string, pos: number) => {
      const before = text.slice(Math.max(0, pos - 84), pos);
      return checks.some((c) => {
        c.after.lastIndex = pos;
        return c.before.test(before) && c.after.test(text);
      });
    };
    const plain = (text: string): Edit[] => {
      const edits: Edit[] = [];
      for (const m of text.matchAll(candidateRe)) {
        const pos = m.index! + m[0].length;
        if (boundaryAt(text, pos)) edits.push({ start: pos, end: pos, text: ' ', rule: 'space/cjk-latin', level: 'fix', message: 'space between CJK and Latin' });
      }
      return dropCodeLines(text, edits);
    };
    const latin = fc.array(fc.oneof(
      { arbitrary: spacingText, weight: 3 },
      { arbitrary: fc.constantFrom('**', '*', '`', '``', '.png', '.NET', '.Png', '%s', '50%', 'C++', 'C#', 'F#', '+'.repeat(90), '`' + 'x'.repeat(79) + '`', '`' + 'y'.repeat(81) + '`'), weight: 2 },
    ), { maxLength: 12 }).map((p) => p.join(''));
    fc.assert(fc.property(latin, (t) => {
      expect(spaceCjkLatin.apply(t, { ...ctxFor(t), state: undefined })).toEqual(plain(t));
    }), { numRuns: 2000 });
    // the window: a C++-like run longer than it gets no space, as before
    const long = '用a' + '+'.repeat(90) + '写';
    expect(spaceCjkLatin.apply(long, { ...ctxFor(long), state: undefined })).toEqual(plain(long));
  });
});
