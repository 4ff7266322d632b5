import { describe, expect, it } from 'vitest';
import { scriptConfusable } from '../src/rules/script-confusable.js';
import { runRules, type LoggedEdit } from '../src/rules/runner.js';
import { parseConfusables, defaultConfusables } from '../src/script/confusables.js';
import { jiebaLexicon, Lexicon } from '../src/script/lexicon.js';
import type { Level } from '../src/types.js';

const base = { style: { spacing: 'always' as const, punctuation: 'auto' as const }, layout: 'block' as const };
function run(text: string, level: Exclude<Level, 'off'> = 'suggest', ignore: string[] = []): { text: string; edits: LoggedEdit[] } {
  return runRules(text, [{ rule: scriptConfusable, level }], { ...base, data: { ignore } });
}
const found = (text: string) => run(text).edits.map((e) => `${e.before}->${e.after}`);

describe('script/confusable', () => {
  it('suggests the lookalike that makes a known, far more frequent word', () => {
    const r = run('新模型表现出通现能力');
    expect(r.text).toBe('新模型表现出通现能力'); // suggest level: reported, not applied
    expect(r.edits.map((e) => [e.before, e.after, e.status])).toEqual([['通现', '涌现', 'suggested']]);
    expect(r.edits[0].message).toContain('涌现能力');
    expect(found('这是新的输人方法')).toEqual(['输人->输入']);
    expect(found('请在末来三天内回复')).toEqual(['末来->未来']);
    expect(found('把文本切分戍若干段')).toEqual(['分戍->分成']);
  });

  it('beats a rare dictionary typo of the same span (自已 -> 自己)', () => {
    expect(found('这是他自已做的')).toEqual(['自已->自己']);
  });

  it('applies only high-confidence findings, and only when raised to fix', () => {
    expect(run('请小心避兔这种错误').text).toBe('请小心避兔这种错误');
    expect(run('请小心避兔这种错误', 'fix').text).toBe('请小心避免这种错误');
    expect(run('我们己经完成了', 'fix').text).toBe('我们已经完成了');
    // a weaker finding stays a suggestion even at fix level
    const weak = run('新模型表现出通现能力', 'fix');
    expect(weak.text).toBe('新模型表现出通现能力');
    expect(weak.edits[0].status).toBe('suggested');
  });

  it('does not fire on correct text, whichever lookalike it holds', () => {
    const ok = [
      '人口增长很快', '出入口在左边', '他已经走了', '自己动手', '我们周末见', '未来可期', '士兵和土地', '日本的首都',
      '生成密钥对', '戊戌变法', '保卫边疆的戍边战士', '拨款', '拔河比赛', '等候消息', '侯爵', '同时打开新闻页面',
      '数据结构与算法', '太多人了',
    ];
    for (const s of ok) expect(found(s), s).toEqual([]);
  });

  it('never changes a known proper name', () => {
    expect(found('侯宝林说相声')).toEqual([]);
  });

  it('never touches user-protected terms, URLs or Japanese sentences', () => {
    expect(run('新模型表现出通现能力', 'suggest', ['通现能力']).edits).toEqual([]);
    expect(found('见 https://example.com/通现能力 页面')).toEqual([]);
    expect(found('これは通现能力です。')).toEqual([]);
  });

  it('gives each overlapping competition one winner', () => {
    const edits = found('训练词嵌人入模型');
    expect(edits.length).toBeLessThanOrEqual(1);
  });
});

describe('confusables table', () => {
  it('makes every character of a set an alternative of the others', () => {
    const t = parseConfusables('# c\n戊 戌 戍 | glyph\n\n己 已 | x\n', 'f.txt');
    expect(t.get('戌')).toEqual(['戊', '戍']);
    expect(t.get('已')).toEqual(['己']);
  });
  it('names the file and line of a bad entry', () => {
    expect(() => parseConfusables('通 | seed\n', 'c.txt')).toThrow('c.txt:1');
    expect(() => parseConfusables('通 涌\n', 'c.txt')).toThrow('c.txt:1');
    expect(() => parseConfusables('ab 涌 | x\n', 'c.txt')).toThrow('c.txt:1');
  });
  it('loads the package table', () => {
    expect(defaultConfusables().get('涌')).toContain('通');
  });
});

describe('lexicon', () => {
  it('reads jieba word frequencies and tags', () => {
    const lex = jiebaLexicon();
    expect(lex.get('涌现')?.freq).toBeGreaterThan(100);
    expect(lex.get('通现')).toBeUndefined();
    expect(lex.size).toBeGreaterThan(300_000);
  });
  it('relies on a dictionary in code point order (checked whole here)', () => {
    const lex = jiebaLexicon();
    let prev = Buffer.from(lex.keyAt(0));
    let firstBad = '';
    for (let k = 1; k < lex.size && !firstBad; k++) {
      const cur = Buffer.from(lex.keyAt(k));
      if (Buffer.compare(prev, cur) >= 0) firstBad = lex.keyAt(k);
      prev = cur;
    }
    expect(firstBad).toBe('');
  });
  it('finds words in a small file and rejects an unsorted one', () => {
    const ok = new Lexicon(new TextEncoder().encode('一 5 m\n一个 3 m\n乙 2 n\n'), 'small.txt');
    expect(ok.freq('一个')).toBe(3);
    expect(ok.freq('乙')).toBe(2);
    expect(ok.freq('二')).toBe(0);
    expect(ok.total).toBe(10);
    expect(() => new Lexicon(new TextEncoder().encode('乙 2 n\n一 5 m\n'), 'bad.txt')).toThrow('bad.txt');
  });
});

describe('script/confusable caches and run finding', () => {
  const long = '这一段正文讲缓存的写回策略与失效时机，没有可疑的字。'.repeat(8);
  it('finds a lone lookalike at the very end of a long page', () => {
    expect(found(`${long}新模型表现出通现能力`)).toEqual(['通现->涌现']);
  });
  it('gives the same findings for a run met again, on another page or the same one', () => {
    const page = '新模型表现出通现能力，旧模型没有通现能力';
    expect(found(page)).toEqual(['通现->涌现', '通现->涌现']);
    expect(found(page)).toEqual(['通现->涌现', '通现->涌现']);
    const r = run(page);
    expect(r.edits.map((e) => [e.start, e.end])).toEqual([[6, 8], [16, 18]]);
  });
  it('keeps UTF-16 offsets right with a character outside the BMP in the run or before it', () => {
    const r = run('𠀀新模型表现出通现能力');
    expect(r.edits.map((e) => [e.start, e.end, e.before, e.after])).toEqual([[8, 10, '通现', '涌现']]);
    const s = run('甲𠀀乙，新模型表现出通现能力');
    expect(s.edits.map((e) => [e.start, e.end, e.before])).toEqual([[11, 13, '通现']]);
  });
  it('ends the run at a character outside Han, in or outside the BMP, or at a lone surrogate', () => {
    expect(run('😀新模型表现出通现能力😀').edits.map((e) => [e.start, e.end])).toEqual([[8, 10]]);
    expect(run('\ud800新模型表现出通现能力\udc00').edits.map((e) => [e.start, e.end])).toEqual([[7, 9]]);
    expect(found('通现能力a通现能力')).toEqual(['通现->涌现', '通现->涌现']);
  });
  it('starts the run at its true beginning when the flagged character sits deep inside it', () => {
    // the same run after a non-Han character and after a Han one: the window (and so the judgement) differ only
    // by what the run holds
    expect(found('说明：模型表现出通现能力')).toEqual(found('模型表现出通现能力'));
  });
});
