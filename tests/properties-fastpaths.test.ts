/**
 * Property tests of the fast paths of the rule runner and the protected spans: each must give exactly what the
 * plain version it replaces gives (kept here as the oracle), on noisy mixed text.
 * - SpanGuard.touches equals touchesProtected over protectedSpans;
 * - runRules (binary-searched offset mapping, lazy span guard, skipped sort) equals the plain runner: a walk
 *   through every earlier stage per offset, all spans found up front, every rule's edits sorted.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { protectedSpans, SpanGuard, touchesProtected } from '../src/rules/protect.js';
import { applyEdits, mapThrough, runRules, type ActiveRule, type LoggedEdit } from '../src/rules/runner.js';
import type { Edit, Rule, RuleContext } from '../src/types.js';

/** Pieces that make and break protected tokens, CJK text and spaces. */
const pieces = [
  '文', '字', '〇', 'か', 'ー', '한', '𠀀', ' ', '  ', '\n', '——', '—', '，', '。', '（', '）',
  'a', 'Z', 'v', 'H', 'm', '0', '7', '.', '_', '%', '+', '-', '@', '~', '/', '*', ':', '#', '>', '(', ')', '\\', '`',
  'x.y', 'a_b', 'C++', 'C#', '.NET', 'app.js', 'v1.2.3', '09:30', 'HH:mm', '2024-01-02', 'me@x.org', '/usr/bin',
  '~/a', 'C:\\tmp', '%PATH%', 'https://', 'www.', 'WWW.a.', 'ftp://h/路径', 'f()', 'a.b()', 'a->b', 'a::b', 'x.tar.gz', 'C:\\a b', '`c 字`', 'u@h.io', '%V%字',
];
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((p) => p.join(''));
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
