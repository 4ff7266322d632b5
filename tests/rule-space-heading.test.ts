import { describe, expect, it } from 'vitest';
import { spaceHeading } from '../src/rules/space-heading.js';
import { applyRule } from './helpers.js';

const fix = (s: string, layout?: 'line' | 'block') => applyRule(spaceHeading, s, layout ? { layout } : {});

describe('space/heading', () => {
  it('puts one space between a glued chapter or section number and its title', () => {
    expect(fix('第三章数据准备')).toBe('第三章 数据准备');
    expect(fix('第 2 节环境搭建\n正文从这里开始。')).toBe('第 2 节 环境搭建\n正文从这里开始。');
    expect(fix('第一部分基础知识')).toBe('第一部分 基础知识');
    expect(fix('2.4.1.Docker 入门')).toBe('2.4.1. Docker 入门');
  });
  it('only at the start of a line or page, on a line that reads as a heading', () => {
    for (const s of ['第三章介绍了数据准备的流程，下一章讲训练。', '如第三章所述', '正文第三章数据准备', '第三章 数据准备']) {
      expect(fix(s)).toBe(s);
    }
  });
  it('on a one-page-per-line page, looks at the title up to the next space', () => {
    const page = '第五章模型部署 ' + '本章讨论如何把模型部署到服务器上，并说明监控与回滚。'.repeat(8);
    expect(fix(page, 'line')).toBe('第五章 模型部署 ' + page.slice('第五章模型部署 '.length));
  });
  it('leaves version numbers and decimals alone', () => {
    for (const s of ['1.2.3 版本发布', '3.14 是圆周率']) expect(fix(s)).toBe(s);
  });
});
