import { describe, expect, it } from 'vitest';
import { textInvisible } from '../src/rules/text-invisible.js';
import { applyRule, clean } from './helpers.js';

const fix = (s: string) => applyRule(textInvisible, s);

describe('text/invisible', () => {
  it('removes zero-width spaces and word joiners', () => {
    expect(fix('卷积\u200B神经\u200B网络')).toBe('卷积神经网络');
    expect(fix('数据\u2060清洗')).toBe('数据清洗');
    expect(fix('tokeni\u00ADzation 方法')).toBe('tokenization 方法');
  });
  it('removes a byte-order mark in the middle of the text', () => {
    expect(fix('上一页结束。\n\n\uFEFF下一页开始。')).toBe('上一页结束。\n\n下一页开始。');
  });
  it('removes joiners only between CJK or ASCII letters', () => {
    expect(fix('模型\u200C训练')).toBe('模型训练');
    const emoji = '家庭 👨\u200D👩\u200D👧 表情';
    expect(fix(emoji)).toBe(emoji);
  });
  it('lets space/cjk-latin put the house-style space where a zero-width space sat', () => {
    expect(clean('使用\u200BTensorFlow\u200B训练')).toBe('使用 TensorFlow 训练');
  });
  it('leaves text without invisible characters alone', () => {
    const ok = '本节介绍 Rust 的所有权，见 https://example.com/a?b=1。';
    expect(fix(ok)).toBe(ok);
  });
});

describe('text/invisible fast exit', () => {
  const long = '这一段正文没有任何不可见字符，只谈缓存。'.repeat(10);
  it('still removes a lone invisible character at the very end of a long page', () => {
    expect(applyRule(textInvisible, `${long}深度\u200B`)).toBe(`${long}深度`);
    expect(applyRule(textInvisible, `${long}深度\u200C学习`)).toBe(`${long}深度学习`);
    expect(applyRule(textInvisible, `${long}𠀀\u200D𠀁`)).toBe(`${long}𠀀𠀁`);
    expect(applyRule(textInvisible, `${long}\uFEFF`)).toBe(long);
  });
});
