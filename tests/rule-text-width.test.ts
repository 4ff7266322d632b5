import { describe, expect, it } from 'vitest';
import { textWidth, unmojibake } from '../src/rules/text-width.js';
import { applyRule } from './helpers.js';

const fix = (s: string) => applyRule(textWidth, s);

describe('text/width', () => {
  it('turns full-width letters and digits into half width', () => {
    expect(fix('使用Ｐｙｔｈｏｎ３编写')).toBe('使用Python3编写');
    expect(fix('共有１２８个样本')).toBe('共有128个样本');
  });
  it('turns marks and U+3000 between full-width letters and digits into ASCII', () => {
    expect(fix('Ｒｅｌｅａｓｅ　３．２')).toBe('Release 3.2');
    expect(fix('型号ＲＴＸ－３０９０')).toBe('型号RTX-3090');
  });
  it('leaves full-width punctuation and U+3000 between CJK alone', () => {
    const ok = '第一章\u3000绪论：（一）概述，参见表１';
    expect(fix(ok)).toBe('第一章\u3000绪论：（一）概述，参见表1');
    expect(fix('\u3000\u3000段落缩进')).toBe('\u3000\u3000段落缩进');
  });
  it('repairs mojibake when a whole run round-trips to CJK', () => {
    const moji = Buffer.from('数据清洗', 'utf8').toString('latin1').replace(/[\x80-\x9f]/g, (c) => ({ '\x96': '–', '\x97': '—', '\x80': '€', '\x84': '„', '\x8b': '‹', '\x9b': '›', '\x82': '‚', '\x85': '…', '\x86': '†', '\x87': '‡', '\x89': '‰', '\x8a': 'Š', '\x8c': 'Œ', '\x8e': 'Ž', '\x91': '‘', '\x92': '’', '\x93': '“', '\x94': '”', '\x95': '•', '\x98': '˜', '\x99': '™', '\x9a': 'š', '\x9c': 'œ', '\x9e': 'ž', '\x9f': 'Ÿ', '\x83': 'ƒ', '\x88': 'ˆ' } as Record<string, string>)[c] ?? c);
    expect(unmojibake(moji)).toBe('数据清洗');
    expect(fix(`标题：${moji}`)).toBe('标题：数据清洗');
  });
  it('leaves accented Western words alone', () => {
    for (const ok of ['café', 'résumé', 'naïve façade', 'Ångström', 'señor Müller']) expect(fix(ok)).toBe(ok);
  });
});
