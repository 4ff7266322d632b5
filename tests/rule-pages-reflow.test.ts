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
