import { describe, expect, it } from 'vitest';
import { spaceOcrLetterspacing } from '../src/rules/space-ocr-letterspacing.js';
import { letterSpacedLines } from '../src/rules/spacing-lines.js';
import { applyRule } from './helpers.js';

const fix = (s: string) => applyRule(spaceOcrLetterspacing, s);

describe('space/ocr-letterspacing', () => {
  it('closes up a letter-spaced line between CJK characters and around CJK marks', () => {
    expect(fix('数 据 清 洗 是 第 一 步 ， 然 后 训 练 。')).toBe('数据清洗是第一步，然后训练。');
    expect(fix('《 编 译 原 理 》 一 书 说 ： 先 分 词 。')).toBe('《编译原理》一书说：先分词。');
  });
  it('closes up word-spaced lines (eng+chi_sim) but keeps CJK-Latin spaces', () => {
    expect(fix('我们 在 2021 年 使用 了 Linux 系统 ， 效果 很 好 。')).toBe('我们在 2021 年使用了 Linux 系统，效果很好。');
  });
  it('treats kana as CJK and ASCII marks between CJK as CJK marks', () => {
    expect(fix('こ れ は 本 で す 。')).toBe('これは本です。');
    expect(fix('警 告 : 内 存 不 足')).toBe('警告:内存不足');
  });
  it('leaves a line with only occasional CJK-CJK spaces (a printed wrap) alone', () => {
    const wrap = '这一段文字在印刷时换了 行，所以中间留下了一个空格，其余部分都是紧排的。';
    expect(fix(wrap)).toBe(wrap);
  });
  it('never touches Hangul or U+3000', () => {
    const ko = '한국어 는 띄어 쓰기 를 합니다';
    expect(fix(ko)).toBe(ko);
    const head = '第一章\u3000概述\u3000与\u3000目标';
    expect(fix(head)).toBe(head);
  });
  it('rejoins letter-spaced Latin words and single-digit runs', () => {
    expect(fix('基于 P y t h o n 的工具')).toBe('基于 Python 的工具');
    expect(fix('共有 1 2 0 0 个样本')).toBe('共有 1200 个样本');
  });
  it('does not join multi-digit groups, capital-letter labels or short runs', () => {
    for (const s of ['日期 13 06 2022 记录', '等级 A B C 三档', '选 a b 两项', '版本 3 4']) expect(fix(s)).toBe(s);
  });
  it('rejoins letter-spaced capitals that spell a glossary term', () => {
    expect(fix('训练时用 G P U 加速')).toBe('训练时用 GPU 加速');
    expect(fix('这 里 采 用 了 B E R T 结 构 。')).toBe('这里采用了 BERT 结构。');
    expect(fix('数据存进 S Q L 库')).toBe('数据存进 SQL 库');
    // two letters only on a letter-spaced line
    expect(fix('本 书 讲 A I 的 应 用 。')).toBe('本书讲 AI 的应用。');
    for (const s of ['方案 A I 两种', '等级 A B C 三档', '列 X Y Z 为坐标', '用 G P U S 跑', 'G P Uy 模式']) expect(fix(s)).toBe(s);
  });
  it('closes the gap between a number and its percent sign before CJK text', () => {
    expect(fix('约 70 % 的用户')).toBe('约 70% 的用户');
    expect(fix('提升了 3.5 %，效果明显')).toBe('提升了 3.5%，效果明显');
    expect(fix('占比 12 ％')).toBe('占比 12％');
    expect(fix('准确率 99 %\n下一行')).toBe('准确率 99%\n下一行');
    expect(fix('增长率为 12.5 % 。')).toBe('增长率为 12.5% 。');
    expect(fix('准确率提高了 10 %,召回率也提高了')).toBe('准确率提高了 10%,召回率也提高了');
    expect(fix('比例为 30 % ~ 40 % 之间')).toBe('比例为 30% ~ 40% 之间');
    expect(fix('约 5 0 % 的用户')).toBe('约 50% 的用户');
    expect(fix('提高了 5 % ,而且更快')).toBe('提高了 5% ,而且更快');
    expect(fix('"提高了 5 %"')).toBe('"提高了 5%"');
    for (const s of ['计算 5 % 3 的余数', 'v2 % 的', 'x1 %', 'a 5 %d 格式', '约 70%的用户', '约 70  % 的']) expect(fix(s)).toBe(s);
  });
  it('rejoins two single digits between CJK text, and nowhere else', () => {
    expect(fix('共有 3 2 个通道')).toBe('共有 32 个通道');
    expect(fix('第 1 0 章讲优化')).toBe('第 10 章讲优化');
    expect(fix('分成 1 0 类，每类 6 0 0 张')).toBe('分成 10 类，每类 600 张');
    for (const s of ['版本 3 4', '比分 3 2', 'x 1 2 个', '坐标 (1 2) 处', '共有 3  2 个', '3 2 个', '得分 3 2.5 分', '版本 3 4 不兼容', '比分 3 2 领先', '中的 3 4 两个数']) expect(fix(s)).toBe(s);
  });
  it('leaves code lines alone', () => {
    const code = '$ printf "%s\\n" "你 好 世 界" | tee -a /tmp/out.log';
    expect(fix(code)).toBe(code);
  });
  it('detects letter-spaced lines by their share of spaced gaps', () => {
    expect(letterSpacedLines('紧排的一行文字\n分 开 的 一 行')).toEqual([false, true]);
  });
});
