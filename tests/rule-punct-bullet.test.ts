import { describe, expect, it } from 'vitest';
import { punctBullet } from '../src/rules/punct-bullet.js';
import { applyRule } from './helpers.js';

const fix = (s: string) => applyRule(punctBullet, s);

describe('punct/bullet', () => {
  it('turns a middle-dot item marker into "• " and spaces the label period', () => {
    expect(fix('·数据清洗.首先去除重复记录')).toBe('• 数据清洗. 首先去除重复记录');
    expect(fix('下面分两点说明: ·模型压缩.量化可以减小体积')).toBe('下面分两点说明: • 模型压缩. 量化可以减小体积');
    expect(fix('第一行\n・缓存策略.命中率决定性能')).toBe('第一行\n• 缓存策略. 命中率决定性能');
  });
  it('adds the missing space after an existing bullet', () => {
    expect(fix('•日志分析.按时间排序')).toBe('• 日志分析. 按时间排序');
  });
  it('leaves an interpunct between names and other dots alone', () => {
    for (const ok of ['作家马克·吐温写过这本书', '列奥纳多·达·芬奇的手稿', '版本号为 3.2.1 的发布说明', '• 已经是正确的列表. 不变']) {
      expect(fix(ok)).toBe(ok);
    }
  });
  it('does not treat a decimal or a version after a bullet as a label period', () => {
    expect(fix('·3.5倍的加速')).toBe('• 3.5倍的加速');
  });
});

describe('punct/bullet fast exit', () => {
  it('still fixes a lone bullet at the very end of a long page', () => {
    const long = '这一段正文没有列表，只谈缓存的写回策略。'.repeat(10);
    expect(applyRule(punctBullet, `${long}\n·第一项`)).toBe(`${long}\n• 第一项`);
    expect(applyRule(punctBullet, `${long}\n・𠀀项`)).toBe(`${long}\n• 𠀀项`);
  });
});
