import { describe, expect, it } from 'vitest';
import { tokenCitation } from '../src/rules/token-citation.js';
import { applyRule, clean } from './helpers.js';

const fix = (s: string) => applyRule(tokenCitation, s);

describe('token/citation', () => {
  it('repairs lookalike digits and brackets inside a marker', () => {
    expect(fix('该结论见文献[I5】。')).toBe('该结论见文献[15]。');
    expect(fix('早期工作[2O刀提出')).toBe('早期工作[20]提出');
    expect(fix('综述【7]总结了')).toBe('综述[7]总结了');
    expect(fix('多篇文献[3,l2】讨论')).toBe('多篇文献[3,12]讨论');
  });
  it('repairs a one-character marker of a lookalike only in a bracket pair of mixed kinds', () => {
    expect(fix('早先的研究[I】表明了这一点')).toBe('早先的研究[1]表明了这一点');
    expect(fix('见文献[l】')).toBe('见文献[1]');
    // it counts as a marker of a cited text, so one run does what two would
    expect(clean('vim[1][I】')).toBe('vim [1][1]');
    for (const s of ['分为[I]和[II]两类', '参见【I】部分', '附录[O】']) expect(fix(s)).toBe(s);
  });
  it('closes a marker whose closing bracket was lost', () => {
    expect(fix('另见文献[21的讨论')).toBe('另见文献[21]的讨论');
  });
  it('spaces a marker after a Latin word, tight after CJK', () => {
    expect(fix('模型如 ResNet[I8】的结构')).toBe('模型如 ResNet [18] 的结构');
    expect(fix('RoBERTa[4],XLNet[5】都是')).toBe('RoBERTa [4],XLNet [5] 都是');
    expect(fix('如前人研究[4]所示')).toBe('如前人研究[4]所示');
  });
  it('restores a lost opening bracket after a glossary term when the document cites', () => {
    expect(fix('例如 T5 [9] 和 XLNet27) 等模型')).toBe('例如 T5 [9] 和 XLNet [27] 等模型');
  });
  it('in a cited text, leaves a well-formed bracket after a one-letter name (an index or interval)', () => {
    expect(fix('如文献[1]和[2]所述，函数f[1, 2]上连续，a[0]为首项')).toBe('如文献[1]和[2]所述，函数f[1, 2]上连续，a[0]为首项');
  });
  it('never reads a version number after a language or system name as a citation', () => {
    expect(fix('文献[2]用 Python3) 实现，[3] 用 Windows10) 测试')).toBe('文献[2]用 Python3) 实现，[3] 用 Windows10) 测试');
  });
  it('only suggests a lost opening bracket in a text with no markers', () => {
    expect(fix('例如 XLNet27) 等模型')).toBe('例如 XLNet27) 等模型');
  });
  it('leaves intervals, array indexes, styled numbers and version numbers alone', () => {
    for (const ok of ['取值范围为 [0, 1) 之间', '闭区间 [1, 2] 上连续', '见文献[3, 5]和[7-9]', '数组a[0]的值', '见【1】和【2】两条', '使用 GPT-3 和 Python3)', 'BERT [13] 的结构', '[注] 这是脚注']) {
      expect(fix(ok)).toBe(ok);
    }
  });
  it('with the whole pipeline: term repair, then marker spacing', () => {
    expect(clean('由GPT3[12】提出')).toBe('由 GPT-3 [12] 提出');
  });
});
