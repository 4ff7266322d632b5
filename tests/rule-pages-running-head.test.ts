import { describe, expect, it } from 'vitest';
import { analyzeRunningHeads, pagesRunningHead } from '../src/rules/pages-running-head.js';
import { clean } from './helpers.js';

const strip = (s: string) => clean(s, { stripHeaders: true });

describe('pages/running-head', () => {
  it('removes a running head and bare folios repeated on consecutive pages', () => {
    const doc = '编译原理导论\n\n词法分析把字符流切成记号。\n\n101\f编译原理导论\n\n语法分析构造语法树。\n\n102';
    expect(strip(doc)).toBe('词法分析把字符流切成记号。\f语法分析构造语法树。');
  });
  it('matches heads that differ only in numbers (chapter head with folio)', () => {
    const doc = '第 4 章 存储 57\n\n页面一的正文。\f第 4 章 存储 58\n\n页面二的正文。';
    expect(strip(doc)).toBe('页面一的正文。\f页面二的正文。');
  });
  it('keeps the same text as a mid-page heading, and a first block that does not repeat', () => {
    const doc = '系统调优\n\n正文甲。\n\n系统调优\n\n正文乙。\f另一个标题\n\n正文丙。';
    expect(strip(doc)).toBe(doc);
  });
  it('never strips a page that has a single block, and is off by default', () => {
    expect(strip('页眉\f页眉')).toBe('页眉\f页眉');
    const doc = '书名\n\n正文一。\f书名\n\n正文二。';
    expect(clean(doc)).toBe(doc);
  });
  it('analyze finds first and last blocks per page', () => {
    const st = analyzeRunningHeads(['头\n\n甲\n\n7', '头\n\n乙\n\n8']);
    expect(st.get('头\n\n甲\n\n7')).toEqual(['first', 'last']);
    expect(pagesRunningHead.defaultLevel).toBe('off');
  });
});

describe('pages/running-head, folio forms', () => {
  it('removes folios written as - N -, N / M or roman numerals, at the top or bottom', () => {
    expect(strip('前言第一段。\n\n- iv -\f前言第二段。\n\n- v -')).toBe('前言第一段。\f前言第二段。');
    expect(strip('12 / 300\n\n正文一。\f13 / 300\n\n正文二。')).toBe('正文一。\f正文二。');
  });
  it('keeps a number that ends only one page', () => {
    const doc = '第一页正文。\n\n42\f第二页正文没有页码。';
    expect(strip(doc)).toBe(doc);
  });
});
