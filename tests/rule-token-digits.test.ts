import { describe, expect, it } from 'vitest';
import { tokenDigits } from '../src/rules/token-digits.js';
import { applyRule, clean } from './helpers.js';

const fix = (s: string) => applyRule(tokenDigits, s);

describe('token/digits', () => {
  it('turns O, o, I, l inside a digit run before a measure word into digits', () => {
    expect(fix('大约2O个节点')).toBe('大约20个节点');
    expect(fix('耗时3l秒')).toBe('耗时31秒');
    expect(fix('准确率提升了1O%')).toBe('准确率提升了10%');
  });
  it('repairs a round number whose zeros outnumber its digits', () => {
    expect(fix('仓库里约有5OOO条提交')).toBe('仓库里约有5000条提交');
    expect(fix('每页3OO个字')).toBe('每页300个字');
    expect(fix('用了12O0元')).toBe('用了1200元');
    expect(fix('涨了1OO%')).toBe('涨了100%');
  });
  it('repairs a number in numeric context after one space, in a range, or before a full-width percent sign', () => {
    expect(fix('仓库里约有 5OOO 条提交')).toBe('仓库里约有 5000 条提交');
    expect(fix('等待 1O 分钟')).toBe('等待 10 分钟');
    expect(fix('每页3OO~5OO个字')).toBe('每页300~500个字');
    expect(fix('每页 3OO～5OO 个字')).toBe('每页 300～500 个字');
    expect(fix('每页 1OO ~ 2OO 个字')).toBe('每页 100 ~ 200 个字');
    expect(fix('涨了1OO％')).toBe('涨了100％');
  });
  it('leaves a run that is not a round number, or not in numeric context', () => {
    for (const ok of ['大约1lll个', '共1OlO条', '编号0OO个', '型号5OOO-A', '代号X5OOO个', 'v5OOO条', '长1OOOOOOOO条', '共有5000条', '见5OOO',
      '加入2QQ群', '充值5QQ币', '共2OoO个', '共 5OOO  条', '5OOO~A', '版本 5OOO x',
      '我们使用 4o 模型', '加入 5l 水', '公司 1Q 营收', '设置 0o755 权限', '内存 3OO~5OO MB']) {
      expect(fix(ok)).toBe(ok);
    }
  });
  it('is followed by the normal spacing', () => {
    expect(clean('等待1O分钟后重试')).toBe('等待 10 分钟后重试');
  });
  it('never touches identifiers, hex, versions or words', () => {
    for (const ok of ['| 1500|默认值 |', '序列号 9A3L-0OK7 已失效', '变量x1O的值', '型号A1O0', 'IO设备', 'O2浓度', '编号1O-2', '版本v1O发布']) {
      expect(fix(ok)).toBe(ok);
    }
  });
  it('repairs a lookalike manual section only when the document cites manual pages', () => {
    expect(fix('用 grep(1) 和 sed(1) 处理，再用 awk(]) 汇总')).toBe('用 grep(1) 和 sed(1) 处理，再用 awk(1) 汇总');
    expect(fix('见 crontab(5)、passwd(5) 和 hosts(s)')).toBe('见 crontab(5)、passwd(5) 和 hosts(s)'.replace('hosts(s)', 'hosts(5)'));
    expect(fix('函数 f(l) 的值')).toBe('函数 f(l) 的值');
  });
});

describe('token/digits fast exit (a digit and a lookalike letter must meet)', () => {
  const long = '这一段正文只谈缓存的写回策略，没有数字。'.repeat(10);
  it('still repairs a lone number at the very end of a long page', () => {
    expect(applyRule(tokenDigits, `${long}等待1O分钟`)).toBe(`${long}等待10分钟`);
    expect(applyRule(tokenDigits, `${long}见第 9.4.1O 节`)).toBe(`${long}见第 9.4.10 节`);
    expect(applyRule(tokenDigits, `${long}𠀀1O分钟`)).toBe(`${long}𠀀10分钟`);
  });
});
