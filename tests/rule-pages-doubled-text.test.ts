import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FAKE_BOLD_START, hasFakeBoldStart, pagesDoubledText } from '../src/rules/pages-doubled-text.js';
import { applyRule } from './helpers.js';

const fix = (s: string) => applyRule(pagesDoubledText, s);
/** The text as it would be with the rule's suggestions accepted (the rule alone, every edit applied). */
const suggested = (s: string) => {
  const edits = pagesDoubledText.apply(s, { style: { spacing: 'always', punctuation: 'auto' }, layout: 'block', data: { ignore: [] } });
  for (const e of edits) expect(fix(s)).toBe(s), expect(e.level).toBe('suggest');
  return edits.length === 1 ? s.slice(0, edits[0].start) + edits[0].text + s.slice(edits[0].end) : s;
};

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
    expect(fix(`${page}${page}`)).toBe(page);
  });
  it('never loses the start of the kept copy when two copies are glued without a gap', () => {
    const page = '第五章 缓存设计 命中率下降时，先检查淘汰策略是否合适，再看容量。';
    expect(fix(`${page}${page}`)).toBe(page);
  });
  it('leaves a short or non-repeated page alone, and URLs and code untouched', () => {
    for (const s of ['好的 好的', '详见 https://example.com/a/a 与 `aa bb`。', 'v1.1.1 与 v1.1.1 版本相同吗？']) expect(fix(s)).toBe(s);
  });
});

describe('pages/doubled-text, near copies and doubled lines', () => {
  it('suggests removing the worse of two near-identical halves of a page (text layer + OCR layer), never applies it', () => {
    const layer = '数据库的隔离级别决定了并发事务之间能看到彼此多少修改，级别越高，并发度通常越低，开销越大。';
    const ocr = '数 据 库的隔离级别决定了并发事务之间能看到彼此多少修改，级别越高，并发度通常越低，开销越大。';
    // the same characters, spaced differently: an exact repeat, fixed (the letter-spaced copy goes)
    expect(fix(`${layer}\n${ocr}`)).toBe(layer);
    expect(fix(`${ocr}\n${layer}`)).toBe(layer);
    const misread = '数据库的鬲离级别决定了并发事务之间能看到彼此多少修改， 级别越高，并发度通常越低 © 开销越大。';
    expect(suggested(`${layer}\n\n${misread}`)).toBe(layer);
    expect(suggested(`${misread}\n${layer}`)).toBe(layer);
  });
  it('keeps a page whose halves only share words', () => {
    const s = '数据库的隔离级别决定了并发事务之间能看到彼此多少修改。\n数据库的复制方式决定了故障以后能够恢复到哪个时间点为止。';
    expect(fix(s)).toBe(s);
  });
  it('undoubles a whole fake-bold line above a body line', () => {
    expect(fix('警警告告信信息息\n磁盘空间即将用尽。')).toBe('警告信息\n磁盘空间即将用尽。');
  });
  it('leaves doubled digits and Latin data alone (binary numbers, hashes, serials)', () => {
    for (const ok of ['掩码为\n11001100\n请核对。', '校验值\naabbccdd\n见附录。', 'AABB 型号\n说明书']) expect(fix(ok)).toBe(ok);
  });
});

describe('pages/doubled-text fast exit (hasFakeBoldStart)', () => {
  const cases = [
    '',
    '甲',
    '标标题题文文',
    '前面是普通的句子，最后一行才是\n重重要要提提示示',
    '重重 要要\n提提示示',
    '只有两对：好好看看',
    '𠀀𠀀𠀁𠀁𠀂𠀂',
    '前文𠀀𠀀字字𠀂𠀂',
    '\ud800\ud800\ud800\ud800\ud800\ud800',
    '\udc00\udc00\udc00\udc00\udc00\udc00',
    '𠀀\udc00\udc00\udc00\udc00\udc00\udc00',
    'aabbcc',
    '  \n\n  ',
    '一二三四五六七八九十',
  ];
  it('agrees with the backreference pattern on hand-picked pages', () => {
    for (const s of cases) expect(hasFakeBoldStart(s), JSON.stringify(s)).toBe(FAKE_BOLD_START.test(s));
  });
  it('agrees with the backreference pattern on random pages over a small alphabet', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('字', '字', '词', ' ', '\n', 'a', '𠀀', '\ud800', '\udc00'), { maxLength: 24 }), (parts) => {
        const s = parts.join('');
        expect(hasFakeBoldStart(s)).toBe(FAKE_BOLD_START.test(s));
      }),
      { numRuns: 2000 },
    );
  });
  it('still undoubles a fake-bold line at the very end of a long page', () => {
    const page = '这一页的正文很长，说明缓存的写回策略与失效时机。'.repeat(20) + '\n小小结结一一下下';
    expect(fix(page)).toBe('这一页的正文很长，说明缓存的写回策略与失效时机。'.repeat(20) + '\n小结一下');
  });
});
