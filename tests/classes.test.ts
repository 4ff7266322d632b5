import { describe, expect, it } from 'vitest';
import { charTable, codePointAt, codePointBefore, cpLength, isCjk, isCjkCode, MIN_CJK_UNIT } from '../src/rules/classes.js';

describe('isCjkCode', () => {
  it('accepts Han (all planes), 〇, kana and ー; rejects Hangul, Latin, punctuation and lone surrogates', () => {
    for (const ch of ['中', '〇', 'ひ', 'カ', 'ー', '𠀋', '𫝀', '豈']) expect(isCjkCode(ch.codePointAt(0)!), ch).toBe(true);
    for (const ch of ['한', 'ㄱ', 'a', '7', '，', '。', ' ', '\uD840', '\uDC0B']) expect(isCjkCode(ch.codePointAt(0)!), ch).toBe(false);
  });
  it('agrees with isCjk on every code point of a mixed sample', () => {
    for (const ch of '汉字〇かなカナー한글ABC１２３，。！·—…𠀋𪚥') expect(isCjkCode(ch.codePointAt(0)!)).toBe(isCjk(ch));
  });
});

describe('code point helpers', () => {
  const s = 'a𠀋b\uD800c'; // a, a surrogate pair, b, a lone high surrogate, c
  it('read a surrogate pair as one code point either way', () => {
    expect(codePointAt(s, 1)).toBe(0x2000b);
    expect(codePointBefore(s, 3)).toBe(0x2000b);
    expect(cpLength(0x2000b)).toBe(2);
    expect(cpLength(0x4e2d)).toBe(1);
  });
  it('read a lone surrogate as itself, and -1 past either end', () => {
    expect(codePointAt(s, 4)).toBe(0xd800);
    expect(codePointBefore(s, 5)).toBe(0xd800);
    expect(codePointAt(s, 2)).toBe(0xdc0b); // the low half, read alone
    expect(codePointAt(s, s.length)).toBe(-1);
    expect(codePointBefore(s, 0)).toBe(-1);
  });
});

describe('charTable', () => {
  it('marks exactly the given characters', () => {
    const t = charTable('，。(');
    expect([t['，'.charCodeAt(0)], t['。'.charCodeAt(0)], t['('.charCodeAt(0)], t[')'.charCodeAt(0)]]).toEqual([1, 1, 1, 0]);
  });
});

describe('MIN_CJK_UNIT', () => {
  it('has no CJK code point below it', () => {
    for (let c = 0; c < MIN_CJK_UNIT; c++) expect(isCjkCode(c)).toBe(false);
    expect(isCjkCode(MIN_CJK_UNIT)).toBe(true); // ⺀, the first CJK radical
  });
});
