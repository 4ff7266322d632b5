import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runRules, type ActiveRule } from '../src/rules/runner.js';
import type { Edit, Rule } from '../src/types.js';

/** A test rule that replaces every match of `re` with `to`. */
function replaceRule(id: string, re: RegExp, to: string, level: 'fix' | 'suggest' = 'fix'): Rule {
  return {
    id, description: id, defaultLevel: 'fix', example: { before: '', after: '' }, source: 'test',
    apply(text) {
      const out: Edit[] = [];
      for (const m of text.matchAll(re)) out.push({ start: m.index!, end: m.index! + m[0].length, text: to, rule: id, level });
      return out;
    },
  };
}
const ctx = { style: { spacing: 'always' as const, punctuation: 'auto' as const }, layout: 'block' as const, data: { ignore: [] } };
const active = (...rules: Rule[]): ActiveRule[] => rules.map((rule) => ({ rule, level: 'fix' }));

describe('runRules', () => {
  it('applies rules in order, each on the text the previous left', () => {
    const r = runRules('aXbXc', active(replaceRule('t/x', /X/g, 'YY'), replaceRule('t/y', /Y/g, 'Z')), ctx);
    expect(r.text).toBe('aZZbZZc');
  });
  it('maps every edit back to offsets in the original text', () => {
    const text = '前缀abc中间def';
    const r = runRules(text, active(replaceRule('t/ins', /(?<=缀)/g, '++'), replaceRule('t/def', /def/g, 'DEF')), ctx);
    expect(r.text).toBe('前缀++abc中间DEF');
    const def = r.edits.find((e) => e.rule === 't/def')!;
    expect(text.slice(def.start, def.end)).toBe('def');
    const ins = r.edits.find((e) => e.rule === 't/ins')!;
    expect([ins.start, ins.end]).toEqual([2, 2]);
  });
  it('maps an edit inside text an earlier rule inserted to the inserted range', () => {
    const r = runRules('ab', active(replaceRule('t/one', /b/g, 'xyz'), replaceRule('t/two', /y/g, 'Y')), ctx);
    expect(r.text).toBe('axYz');
    const two = r.edits.find((e) => e.rule === 't/two')!;
    expect([two.start, two.end]).toEqual([1, 2]);
  });
  it('holds back an overlapping edit instead of garbling the text', () => {
    const overlapping: Rule = {
      id: 't/overlap', description: '', defaultLevel: 'fix', example: { before: '', after: '' }, source: 'test',
      apply: () => [
        { start: 0, end: 3, text: 'X', rule: 't/overlap', level: 'fix' },
        { start: 2, end: 4, text: 'Y', rule: 't/overlap', level: 'fix' },
        { start: 5, end: 5, text: '!', rule: 't/overlap', level: 'fix' },
        { start: 5, end: 5, text: '?', rule: 't/overlap', level: 'fix' },
      ],
    };
    const r = runRules('abcdef', active(overlapping), ctx);
    expect(r.text).toBe('Xde!f');
    expect(r.edits.map((e) => e.status)).toEqual(['applied', 'held-back', 'applied', 'held-back']);
  });
  it('keeps suggestions for the report without applying them', () => {
    const r = runRules('abc', active(replaceRule('t/s', /b/g, 'B', 'suggest')), ctx);
    expect(r.text).toBe('abc');
    expect(r.edits).toEqual([expect.objectContaining({ rule: 't/s', status: 'suggested', before: 'b', after: 'B', start: 1, end: 2 })]);
  });
  it('turns fixes into suggestions when the rule runs at suggest level', () => {
    const r = runRules('abc', [{ rule: replaceRule('t/f', /b/g, 'B'), level: 'suggest' }], ctx);
    expect(r.text).toBe('abc');
    expect(r.edits[0].status).toBe('suggested');
  });
  it('never edits inside a protected span (URL) but may touch its edges', () => {
    const text = '见https://a.example/路径/x 页';
    const r = runRules(text, active(replaceRule('t/sp', /(?<=[见径])|(?=[路页])/gu, '_')), ctx);
    expect(r.text).toBe('见_https://a.example/路径/x _页');
  });
  it('names the rule when a rule throws', () => {
    const bad: Rule = { ...replaceRule('t/bad', /x/g, ''), apply: () => { throw new Error('boom'); } };
    expect(() => runRules('x', active(bad), ctx)).toThrow(/rule t\/bad failed: boom/);
  });
});

describe('runRules counting instead of logging', () => {
  // random edits from made-up rules: overlapping, inserted at one point twice, suggestions, no-ops, inside a URL
  const randomRule = (id: string, seed: number, level: 'fix' | 'suggest'): Rule => ({
    id, description: id, defaultLevel: 'fix', example: { before: '', after: '' }, source: 'test',
    apply(text) {
      let a = seed;
      const next = () => ((a = (Math.imul(a, 1103515245) + 12345) >>> 0) % 1000) / 1000;
      const out: Edit[] = [];
      for (let k = 0; k < 8 && text.length > 0; k++) {
        const start = Math.floor(next() * text.length);
        const end = Math.min(text.length, start + Math.floor(next() * 3));
        const kind = next();
        out.push({ start, end, text: kind < 0.2 ? text.slice(start, end) : kind < 0.5 ? '' : '字', rule: id, level: next() < 0.3 ? 'suggest' : level });
      }
      return out;
    },
  });
  it('gives the same text and the same counts per rule and status as the log', () => {
    fc.assert(fc.property(fc.string({ maxLength: 30 }), fc.integer({ min: 1, max: 1e6 }), fc.boolean(), (body, seed, suggestAll) => {
      const text = `见https://example.com/a ${body}结尾`;
      const rules: ActiveRule[] = [
        { rule: randomRule('t/a', seed, 'fix'), level: suggestAll ? 'suggest' : 'fix' },
        { rule: randomRule('t/b', seed + 7, 'fix'), level: 'fix' },
      ];
      const logged = runRules(text, rules, ctx);
      const tally = new Map<string, { fix: number; suggest: number; heldBack: number }>();
      const counted = runRules(text, rules, ctx, undefined, undefined, tally);
      expect(counted.text).toBe(logged.text);
      expect(counted.edits).toEqual([]);
      const expected = new Map<string, { fix: number; suggest: number; heldBack: number }>();
      for (const e of logged.edits) {
        const c = expected.get(e.rule) ?? { fix: 0, suggest: 0, heldBack: 0 };
        if (e.status === 'applied') c.fix++;
        else if (e.status === 'suggested') c.suggest++;
        else c.heldBack++;
        expected.set(e.rule, c);
      }
      const nonZero = (m: typeof tally) => new Map([...m].filter(([, c]) => c.fix + c.suggest + c.heldBack > 0));
      expect(nonZero(tally)).toEqual(expected);
    }));
  });
});
