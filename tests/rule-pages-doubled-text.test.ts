import { describe, expect, it } from 'vitest';
import { pagesDoubledText } from '../src/rules/pages-doubled-text.js';
import { applyRule } from './helpers.js';

const fix = (s: string) => applyRule(pagesDoubledText, s);

describe('pages/doubled-text', () => {
  it('undoubles a block whose every character is doubled (fake bold)', () => {
    expect(fix('第第三三节节\n\n本节说明缓存的失效策略。')).toBe('第三节\n\n本节说明缓存的失效策略。');
    expect(fix('注注意意事事项项')).toBe('注意事项');
  });
  it('keeps reduplicated words inside a sentence and a block that is only one reduplicated word', () => {
    for (const s of ['他认认真真地读完了手册。', '慢慢慢慢', '高高兴兴\n\n第二段正文。', '常常检查日志']) expect(fix(s)).toBe(s);
  });
  it('keeps a block that is only partly doubled', () => {
    const s = '重重要要的提示\n\n正文。';
    expect(fix(s)).toBe(s);
  });
  it('removes the second copy of a page repeated back to back', () => {
    const page = '缓存命中率下降时，先检查淘汰策略是否合适。';
    expect(fix(`${page}\n${page}`)).toBe(page);
    expect(fix(`${page} ${page.replace('，', '， ')}`)).toBe(page);
  });
  it('leaves a short or non-repeated page alone, and URLs and code untouched', () => {
    for (const s of ['好的 好的', '详见 https://example.com/a/a 与 `aa bb`。', 'v1.1.1 与 v1.1.1 版本相同吗？']) expect(fix(s)).toBe(s);
  });
});

describe('pages/doubled-text, near copies and doubled lines', () => {
  it('removes the worse of two near-identical halves of a page (text layer + OCR layer)', () => {
    const layer = '数据库的隔离级别决定了并发事务之间能看到彼此多少修改，级别越高，并发度通常越低，开销越大。';
    const ocr = '数 据 库的隔离级别决定了并发事务之间能看到彼此多少修改，级别越高，并发度通常越低，开销越大。';
    expect(fix(`${layer}\n${ocr}`)).toBe(layer);
    expect(fix(`${ocr}\n${layer}`)).toBe(layer);
    const misread = '数据库的鬲离级别决定了并发事务之间能看到彼此多少修改， 级别越高，并发度通常越低 © 开销越大。';
    expect(fix(`${layer}\n\n${misread}`)).toBe(layer);
    expect(fix(`${misread}\n${layer}`)).toBe(layer);
  });
  it('keeps a page whose halves only share words', () => {
    const s = '数据库的隔离级别决定了并发事务之间能看到彼此多少修改。\n数据库的复制方式决定了故障以后能够恢复到哪个时间点为止。';
    expect(fix(s)).toBe(s);
  });
  it('undoubles a whole fake-bold line above a body line', () => {
    expect(fix('警警告告信信息息\n磁盘空间即将用尽。')).toBe('警告信息\n磁盘空间即将用尽。');
  });
});
