import { describe, expect, it } from 'vitest';
import { tokenBrackets } from '../src/rules/token-brackets.js';
import { applyRule } from './helpers.js';

const fix = (s: string) => applyRule(tokenBrackets, s);

describe('token/brackets', () => {
  it('turns 〈 or 《 closed by a round bracket into that bracket', () => {
    expect(fix('编辑器〈比如 nano) 即可')).toBe('编辑器(比如 nano) 即可');
    expect(fix('配置文件《见下一节）')).toBe('配置文件（见下一节）');
    expect(fix('可读《〈r) 权限')).toBe('可读(r) 权限');
  });
  it('skips round pairs inside and follows a single printed line break', () => {
    expect(fix('工具〈例如 top(1) 和\nhtop(1)) 显示')).toBe('工具(例如 top(1) 和\nhtop(1)) 显示');
  });
  it('turns 〉 closing a round bracket into )', () => {
    expect(fix('函数(参数列表〉返回')).toBe('函数(参数列表)返回');
  });
  it('leaves real angle brackets and book titles alone', () => {
    for (const ok of ['请阅读《深入理解计算机系统》(第三版)', '集合〈a, b〉的元素', '〈注〉本节可跳过。(选读)']) {
      expect(fix(ok)).toBe(ok);
    }
  });
  it("repairs a closing quote read as '\"", () => {
    expect(fix('在 "hosts\'" 文件中')).toBe('在 "hosts" 文件中');
    expect(fix('选项“--quiet\'”可以')).toBe('选项“--quiet”可以');
  });
  it('leaves apostrophes that belong to the text', () => {
    for (const ok of ['写作 "don\'t" 的缩写', '单引号 \'x\' 和双引号 "y"', '歌名 "rock \'n\' roll" 很长', "结尾的 'a'\"b\""]) {
      expect(fix(ok)).toBe(ok);
    }
  });
});
