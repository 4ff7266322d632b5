import { describe, expect, it } from 'vitest';
import { pagesReflow } from '../src/rules/pages-reflow.js';
import { applyRule } from './helpers.js';

const fix = (s: string) => applyRule(pagesReflow, s);

describe('pages/reflow', () => {
  it('joins a wrap between CJK characters or CJK punctuation with nothing', () => {
    expect(fix('分布式系统的一致性需要\n仔细权衡。')).toBe('分布式系统的一致性需要仔细权衡。');
    expect(fix('首先，\n我们定义接口。')).toBe('首先，我们定义接口。');
  });
  it('joins with one space at a CJK-Latin or Latin-Latin wrap', () => {
    expect(fix('本节使用\nRedis 作为缓存。')).toBe('本节使用 Redis 作为缓存。');
    expect(fix('the cache is\nwarm now')).toBe('the cache is warm now');
    expect(fix('version\n2.1 is out')).toBe('version 2.1 is out');
  });
  it('keeps ASCII punctuation against CJK tight', () => {
    expect(fix('这个模型,\n它很小。')).toBe('这个模型,它很小。');
    expect(fix('详见\n(第 3 章)。')).toBe('详见(第 3 章)。');
    expect(fix('see\n(chapter 3)')).toBe('see (chapter 3)');
  });
  it('joins a URL or path cut at a wrap with nothing, and keeps a hyphen at a word break', () => {
    expect(fix('文档在 https://docs.example.net/guide/\nsetup.html 中。')).toBe('文档在 https://docs.example.net/guide/setup.html 中。');
    expect(fix('配置文件 /usr/local/\netc/app.conf 需要修改。')).toBe('配置文件 /usr/local/etc/app.conf 需要修改。');
    expect(fix('一个 encoder-\ndecoder 结构')).toBe('一个 encoder-decoder 结构');
  });
  it('keeps blank-line paragraph breaks, indented paragraph starts, list items and folio lines', () => {
    for (const s of ['第一段结束。\n\n第二段开始。', '上一段。\n\u3000\u3000新的一段。', '步骤如下：\n• 安装依赖\n• 运行测试', '正文最后一行。\n42']) {
      expect(fix(s)).toBe(s);
    }
  });
  it('leaves single-line text unchanged', () => {
    expect(fix('已经是一行的文字，不需要合并。')).toBe('已经是一行的文字，不需要合并。');
  });
});

describe('pages/reflow, headings and items', () => {
  it('keeps numbered headings and items on their own line', () => {
    for (const s of ['上一节的结尾。\n3.2 评价指标', '前文。\n第四章 部署', '步骤：\n1. 安装\n2. 配置', '4.1 数据准备\n训练集来自公开语料。']) expect(fix(s)).toBe(s);
  });
});

describe('pages/reflow, option and rule level', () => {
  it('--reflow turns the rule on even when a config lists it as off; --rule sets the level', async () => {
    const { activeRules } = await import('../src/pipeline.js');
    const { DEFAULT_OPTIONS } = await import('../src/options.js');
    const level = (o: object) => activeRules({ ...DEFAULT_OPTIONS, ...o }).find((a) => a.rule.id === 'pages/reflow')?.level;
    expect(level({})).toBeUndefined();
    expect(level({ reflow: true, rules: { 'pages/reflow': 'off' } })).toBe('fix');
    expect(level({ reflow: true, rules: { 'pages/reflow': 'suggest' } })).toBe('suggest');
    expect(level({ rules: { 'pages/reflow': 'fix' } })).toBe('fix');
  });
});
