import { describe, expect, it } from 'vitest';
import { spacePunctuation } from '../src/rules/space-punctuation.js';
import { applyRule } from './helpers.js';

const fix = (s: string, layout?: 'line' | 'block') => applyRule(spacePunctuation, s, layout ? { layout } : {});

describe('space/punctuation', () => {
  it('removes OCR padding before closing and mid-sentence marks', () => {
    expect(fix('我们用了 Rust ，因为它很快 。')).toBe('我们用了 Rust，因为它很快。');
    expect(fix('数据 、模型 、评测 ；都重要 ！')).toBe('数据、模型、评测；都重要！');
  });
  it('removes spaces inside brackets and quotes', () => {
    expect(fix('参见《 算法导论 》和（ 附录 A ）以及“ 术语表 ”。')).toBe('参见《算法导论》和（附录 A）以及“术语表”。');
  });
  it('removes a space after a mark inside a printed line when the page is padded', () => {
    expect(fix('配置完成后， `make` 会编译全部模块。')).toBe('配置完成后，`make` 会编译全部模块。');
  });
  it('keeps a single space after a mark in a one-page-per-line dump (a printed wrap)', () => {
    const page = ('这是一段很长的正文,为了模拟一页一行的转储而重复多次, 其中逗号后的空格是换行。').repeat(6);
    expect(fix(page, 'line')).toBe(page);
  });
  it('removes a doubled space after a mark even where a single one could be a wrap', () => {
    expect(fix('第一句。  第二句。', 'line')).toBe('第一句。第二句。');
  });
  it('treats ASCII , : ; used as Chinese marks like CJK marks, and never adds a space after them', () => {
    expect(fix('模型很大 ,训练很慢')).toBe('模型很大,训练很慢');
    expect(fix('思想,使用')).toBe('思想,使用');
  });
  it('keeps the author\'s spaces beside marks on a clean page without padding evidence', () => {
    const clean = '先运行“make test” ，再运行 “make install”。然后检查日志，确认没有错误。最后重启服务，完成部署。';
    expect(fix(clean)).toBe(clean);
  });
  it('takes one padded mark in three as evidence on a page of one line', () => {
    expect(fix('这里选用 Redis ，它支持列表、集合。')).toBe('这里选用 Redis，它支持列表、集合。');
    expect(fix('部署完成后 ，重启服务；然后检查。\n')).toBe('部署完成后，重启服务；然后检查。\n');
    expect(fix('提示 ：端口、地址都要填写。')).toBe('提示：端口、地址都要填写。');
    expect(fix('编译结束后， 打包文件、文档。')).toBe('编译结束后，打包文件、文档。');
    // one padded mark among four on a line, or on a page of several lines, is not enough
    for (const s of ['这里选用 Redis ，它支持列表、集合、哈希。', '这里选用 Redis ，它支持列表、集合。\n第二行写得很整齐，没有空格。']) expect(fix(s)).toBe(s);
  });
  it('leaves tokens, code lines and already-correct text alone', () => {
    for (const s of ['时间是 09:30:00，地点待定。', '$ grep -n "，" file.txt', '网址 https://example.org/a,b 有效。', '本书使用 Rust 2021 版，示例见第 3 章。']) {
      expect(fix(s)).toBe(s);
    }
  });
});
