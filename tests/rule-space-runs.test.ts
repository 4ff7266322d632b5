import { describe, expect, it } from 'vitest';
import { spaceRuns } from '../src/rules/space-runs.js';
import { applyRule } from './helpers.js';

const fix = (s: string) => applyRule(spaceRuns, s);

describe('space/runs', () => {
  it('turns a run of spaces inside a line into one space', () => {
    expect(fix('程序设计入门' + ' '.repeat(90) + '12 / 300')).toBe('程序设计入门 12 / 300');
    expect(fix('名称    大小    日期')).toBe('名称 大小 日期');
  });
  it('handles each line of a block page on its own', () => {
    expect(fix('第一行  文字\n第二行   文字')).toBe('第一行 文字\n第二行 文字');
  });
  it('keeps indentation, trailing spaces, U+3000 and tabs', () => {
    for (const s of ['    缩进的段落开头', '\u3000\u3000段落', '行尾两个空格  \n下一行', '列一\t\t列二', '标题\u3000\u3000正文']) {
      expect(fix(s)).toBe(s);
    }
  });
  it('keeps aligned columns on code lines', () => {
    const code = '$ ls -l   /tmp   | grep  log';
    expect(fix(code)).toBe(code);
    expect(fix('x  = 1;  y = 2;')).toBe('x  = 1;  y = 2;');
  });
  it('leaves single spaces alone', () => {
    const ok = '本书使用 Rust 2021 版，示例见第 3 章。';
    expect(fix(ok)).toBe(ok);
  });
});
