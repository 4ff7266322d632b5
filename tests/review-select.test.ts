import { RULES } from '../src/rules/index.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, type Options } from '../src/options.js';
import { processDocument } from '../src/pipeline.js';
import { applySelection, editKey, reviewable } from '../src/review/select.js';
import { runRules } from '../src/rules/runner.js';
import type { Rule } from '../src/types.js';

const data = { ignore: [] };
const opts = (o: Partial<Options> = {}): Options => ({ ...DEFAULT_OPTIONS, ...o });

// two toy rules where the second only fires on the first one's output
const xToY: Rule = {
  id: 'toy/x-to-y', description: 'X -> Y', defaultLevel: 'fix', example: { before: 'X', after: 'Y' }, source: 'test',
  apply: (t) => [...t.matchAll(/X/g)].map((m) => ({ start: m.index!, end: m.index! + 1, text: 'Y', rule: 'toy/x-to-y', level: 'fix' as const })),
};
const bangBeforeY: Rule = {
  id: 'toy/bang', description: '! before Y', defaultLevel: 'fix', example: { before: 'Y', after: '!Y' }, source: 'test',
  apply: (t) => [...t.matchAll(/(?<!!)Y/g)].map((m) => ({ start: m.index!, end: m.index!, text: '!', rule: 'toy/bang', level: 'fix' as const })),
};
const ctx = { style: { spacing: 'always' as const, punctuation: 'auto' as const }, layout: 'block' as const, data };
const both = [{ rule: xToY, level: 'fix' as const }, { rule: bangBeforeY, level: 'fix' as const }];

describe('runRules decide hook', () => {
  it('applies everything when every edit is accepted, as without the hook', () => {
    expect(runRules('aXb aYb', both, ctx).text).toBe('a!Yb a!Yb');
    expect(runRules('aXb aYb', both, ctx, undefined, () => 'apply').text).toBe('a!Yb a!Yb');
  });
  it('skips a rejected edit, and a later rule then never sees what it would have made', () => {
    const r = runRules('aXb aYb', both, ctx, undefined, (e) => (e.rule === 'toy/x-to-y' ? 'skip' : 'apply'));
    expect(r.text).toBe('aXb a!Yb');
    expect(r.edits.map((e) => [e.rule, e.start])).toEqual([['toy/bang', 5]]);
  });
  it('logs the edits with offsets in the original text, the same whether or not others were rejected', () => {
    const all = runRules('XX aYb', both, ctx).edits.filter((e) => e.rule === 'toy/bang' && e.start === 4);
    const some = runRules('XX aYb', both, ctx, undefined, (e) => (e.rule === 'toy/x-to-y' ? 'skip' : 'apply')).edits;
    expect(some).toEqual(all);
  });
  it('applies an accepted suggestion', () => {
    const r = runRules('aXb', [{ rule: xToY, level: 'suggest' }], ctx, undefined, () => 'apply');
    expect(r.text).toBe('aYb');
    expect(r.edits[0].status).toBe('applied');
  });
});

const texts = [
  '我用Python写了3个脚本\n第二行用Rust重写,速度快了2倍\n',
  '·自然语言处理.在这一领域用到GPT-4\n·计算机视觉.用CNN\n',
  '本书使用 Rust 2021 版，示例见第 3 章。\n',
];

describe('applySelection', () => {
  it('accepting every edit gives the cleaned text; accepting none gives the input', () => {
    for (const t of texts) {
      const res = processDocument(t, opts(), data);
      const fixes = res.edits.filter((e) => e.status === 'applied');
      expect(applySelection(t, opts(), data, fixes).output).toBe(res.output);
      expect(applySelection(t, opts(), data, []).output).toBe(t);
    }
  });
  it('any subset of independent edits equals splicing them into the original text right to left', () => {
    const t = texts[0];
    const fixes = processDocument(t, opts(), data).edits.filter((e) => e.status === 'applied');
    expect(fixes.length).toBeGreaterThan(4);
    fc.assert(fc.property(fc.subarray(fixes), (subset) => {
      let expected = t;
      for (const e of [...subset].sort((a, b) => b.offset - a.offset)) expected = expected.slice(0, e.offset) + e.after + expected.slice(e.endOffset);
      const sel = applySelection(t, opts(), data, subset);
      expect(sel.output).toBe(expected);
      expect(sel.conflicts).toEqual([]);
    }), { numRuns: 60 });
  });
  it('applies an accepted suggestion and leaves the others out', () => {
    const t = texts[0];
    // only space/cjk-latin runs, at suggest level: every reviewable edit is a suggestion
    const others = Object.fromEntries(RULES.map((r) => [r.id, 'off' as const]));
    const o = opts({ rules: { ...others, 'space/cjk-latin': 'suggest' } });
    const sugg = reviewable(processDocument(t, o, data));
    expect(sugg.length).toBeGreaterThan(1);
    expect(sugg.every((e) => e.status === 'suggested')).toBe(true);
    const sel = applySelection(t, o, data, [sugg[0]]);
    expect(sel.output).toBe(t.slice(0, sugg[0].offset) + sugg[0].after + t.slice(sugg[0].endOffset));
  });
  it('reports an accepted edit the re-run does not make as a conflict, and applies nothing for it', () => {
    const t = texts[2];
    const sel = applySelection(t, opts(), data, [{ rule: 'space/cjk-latin', offset: 1, endOffset: 1, before: '', after: ' ' }]);
    expect(sel.output).toBe(t);
    expect(sel.conflicts).toHaveLength(1);
  });
  it('a rejected duplicate pass stays as a page; an accepted one is dropped', () => {
    const page = '第一章介绍了大语言模型的基本原理和训练方法，以及它们在各个领域中的应用情况';
    const t = `${page}\f${page.replace('基本', '基夲')}\f第二章讨论评测数据集的构建与质量控制方法，并给出实验结果`;
    const res = processDocument(t, opts(), data);
    const dup = res.edits.filter((e) => e.rule === 'pages/duplicate-pass');
    expect(dup).toHaveLength(1);
    const accepted = applySelection(t, opts(), data, dup);
    expect(accepted.output).toBe(res.output);
    const rejected = applySelection(t, opts(), data, []);
    expect(rejected.output).toBe(t);
    expect(rejected.result.groups).toEqual([]);
  });
  it('when the better pass moves to the first pass\'s place, rejecting either removal never applies the other unasked', () => {
    const good = '第一章介绍了大语言模型 GPT 的基本原理和训练方法，以及 Python 在各个领域中的应用情况 3 次';
    const bad = good.replace(/ /g, '');
    const t = `${bad}\f${good}\f第二章讨论评测数据集的构建与质量控制方法，并给出实验结果`;
    const res = processDocument(t, opts(), data);
    expect(res.groups.map((g) => [g.members, g.kept])).toEqual([[[0, 1], 1]]);
    const [dropFirst, dropKeptPlace] = res.edits.filter((e) => e.rule === 'pages/duplicate-pass').sort((a, b) => a.offset - b.offset);
    expect(applySelection(t, opts(), data, [dropFirst, dropKeptPlace]).output).toBe(res.output);
    // keep the first pass: the better one stays where it is, both passes are in the output
    const keepFirst = applySelection(t, opts(), data, [dropKeptPlace]);
    expect(keepFirst.output).toBe(t);
    expect(keepFirst.conflicts).toEqual([dropKeptPlace]);
    // keep the better pass in its own place: the group dissolves, the first pass's removal is not applied unasked
    const keepKept = applySelection(t, opts(), data, [dropFirst]);
    expect(keepKept.output).toBe(t);
    expect(keepKept.conflicts).toEqual([dropFirst]);
  });
  it('gives every reviewable edit a distinct key', () => {
    for (const t of texts) {
      const keys = reviewable(processDocument(t, opts(), data)).map(editKey);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });
});
