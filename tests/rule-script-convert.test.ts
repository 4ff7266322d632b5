import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scriptConvert } from '../src/rules/script-convert.js';
import { convertText, CONVERT_MODES, type ConvertMode } from '../src/script/convert.js';
import { applyRule } from './helpers.js';
import { main } from '../src/cli/index.js';
import { loadRuleData } from '../src/rules/data.js';
import { DEFAULT_OPTIONS } from '../src/options.js';

const conv = (mode: ConvertMode, s: string) => applyRule(scriptConvert, s, { data: { ignore: [], convert: mode } });

describe('script/convert', () => {
  it('does nothing without --convert', () => {
    expect(applyRule(scriptConvert, '这是简体中文。')).toBe('这是简体中文。');
  });

  it('converts word by word: a phrase never matches across a word boundary', () => {
    // 的士 "taxi" must not match inside 的+士气
    expect(conv('s2twp', '士兵们的士气很高')).toBe('士兵們的士氣很高');
    // 丝发 / 被发 / 去干 are dictionary phrases, but here the words are 粉丝|发布, 被|发觉, 去|干扰
    expect(conv('s2t', '作者向粉丝发布新书')).toBe('作者向粉絲發佈新書');
    expect(conv('s2t', '错误很快被发觉了')).toBe('錯誤很快被發覺了');
    expect(conv('s2t', '请不要去干扰他')).toBe('請不要去干擾他');
  });

  it('gives a one-character word its common reading and a word its own', () => {
    expect(conv('s2t', '他终于明白了原因')).toBe('他終於明白了原因'); // aspect 了, not 瞭
    expect(conv('s2t', '我们需要了解原因')).toBe('我們需要瞭解原因'); // the word 了解
    expect(conv('s2t', '衣服很干净，干部有若干人')).toBe('衣服很乾淨，幹部有若干人');
    expect(conv('s2t', '头发变长后发现问题')).toBe('頭髮變長後發現問題');
  });

  it('applies regional phrases only to whole words, never twice', () => {
    expect(conv('s2twp', '这个软件的算法很快')).toBe('這個軟體的演算法很快');
    expect(conv('s2twp', '这个演算法很快')).toBe('這個演算法很快');
  });

  it('keeps a character already in the target script', () => {
    // 坏 is the Simplified 坏 here, not OpenCC's Traditional variant of 坯
    expect(conv('t2s', '這個杯子打坏了，那個也壞了。')).toBe('这个杯子打坏了，那个也坏了。');
  });

  it('converts the Traditional directions', () => {
    expect(conv('t2s', '這個軟體的記憶體很大。')).toBe('这个软体的记忆体很大。');
    expect(conv('tw2s', '這個軟體的記憶體很大。')).toBe('这个软体的记忆体很大。');
    expect(conv('hk2s', '這個軟件的記憶體很大。')).toBe('这个软件的记忆体很大。');
  });

  it('leaves Japanese sentences and text already in the target script alone', () => {
    for (const s of ['これは简单なテストです。', 'データを発表した。']) expect(conv('s2t', s)).toBe(s);
    expect(conv('s2t', '這份報告已經寫完。')).toBe('這份報告已經寫完。');
    expect(conv('t2s', '这份报告已经写完。')).toBe('这份报告已经写完。');
  });

  it('never edits URLs, code spans, ignored terms or Latin text', () => {
    expect(conv('s2t', '访问 https://example.com/发布 页面')).toBe('訪問 https://example.com/发布 頁面');
    expect(conv('s2t', '字段写作 `数据` 即可')).toBe('字段寫作 `数据` 即可');
    expect(applyRule(scriptConvert, '请看数据说明', { data: { ignore: ['数据'], convert: 's2t' } })).toBe('請看数据說明');
    expect(conv('s2t', 'Version 2.0, 8 GB RAM')).toBe('Version 2.0, 8 GB RAM');
  });

  it('is idempotent: converting converted text changes nothing (property)', () => {
    // an alphabet dense in the characters and words whose conversion depends on context
    const atoms = [
      '了', '发', '干', '后', '台', '里', '面', '只', '坏', '系', '着', '余', '的', '士', '兵', '丝', '粉', '送', '去', '涉',
      '被', '明', '演', '算法', '软件', '头发', '干净', '皇后', '一伙', '了解', '出发', '這', '們', '髮', '發', '壞', '後',
      '臺', '裏', '麪', '。', '，', ' ', 'A', 'の', '1',
    ];
    const text = fc.array(fc.constantFrom(...atoms), { maxLength: 14 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, fc.constantFrom(...CONVERT_MODES), (s, mode) => {
        const once = convertText(mode, s);
        expect(convertText(mode, once)).toBe(once);
      }),
      { numRuns: 300 },
    );
  });
});

describe('--convert on the command line', () => {
  const sink = () => {
    const chunks: string[] = [];
    const s = new PassThrough();
    s.on('data', (c) => chunks.push(String(c)));
    return { s, text: () => chunks.join('') };
  };
  it('reaches the rule through the options and the rule data', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocrtidy-convert-'));
    fs.writeFileSync(path.join(dir, 'in.txt'), '这份报告已经写完了。\n');
    const out = sink(), err = sink();
    const code = await main(['node', 'ocrtidy', 'clean', '--convert', 's2t', path.join(dir, 'in.txt')], { stdout: out.s, stderr: err.s, cwd: dir });
    expect(err.text() + `exit ${code}`).toContain('exit 0');
    expect(out.text()).toBe('這份報告已經寫完了。\n');
    fs.rmSync(dir, { recursive: true, force: true });
  });
  it('rejects an unknown mode with exit 2', async () => {
    const out = sink(), err = sink();
    const code = await main(['node', 'ocrtidy', 'clean', '--convert', 'x2y'], { stdout: out.s, stderr: err.s, cwd: os.tmpdir() });
    expect(code).toBe(2);
    expect(err.text()).toContain('t2s');
  });
  it('loadRuleData carries the mode', () => {
    expect(loadRuleData({ ...DEFAULT_OPTIONS, convert: 'tw2s' }).convert).toBe('tw2s');
    expect(loadRuleData(DEFAULT_OPTIONS).convert).toBeUndefined();
  });
});
