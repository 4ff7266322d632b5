import { describe, expect, it } from 'vitest';
import { majorityScript, scriptStray } from '../src/rules/script-stray.js';
import { runRules } from '../src/rules/runner.js';
import { astralMarkers, countScripts } from '../src/script/tables.js';

const base = { style: { spacing: 'always' as const, punctuation: 'auto' as const }, layout: 'block' as const, data: { ignore: [] as string[] } };
const SIMP = '我们的软件发布了新版本，这个过程对于开发者来说很重要，现在请阅读说明书并且认真学习，这样才能尽快掌握这些东西。'.repeat(3);
const TRAD = '我們的軟體發佈了新版本，這個過程對於開發者來說很重要，現在請閱讀說明書並且認真學習，這樣才能儘快掌握這些東西。'.repeat(3);

/** Suggestions for `page` inside a document made of `doc` and the page. */
function stray(doc: string, page: string, data: Record<string, unknown> = {}): string[] {
  const ctx = { ...base, data: { ...base.data, ...data } };
  const state = scriptStray.analyze!([doc, page], ctx);
  const r = runRules(page, [{ rule: scriptStray, level: 'suggest', state }], ctx);
  expect(r.text).toBe(page); // suggestions only
  return r.edits.map((e) => `${e.before}->${e.after}`);
}

describe('script/stray', () => {
  it('counts script markers in and outside the BMP', () => {
    expect(countScripts('後來们发x')).toEqual({ trad: 2, simp: 2 });
    const [trad, simp] = astralMarkers();
    if (trad) expect(countScripts(`a${trad}b`)).toEqual({ trad: 1, simp: 0 });
    if (simp) expect(countScripts(`a${simp}b`)).toEqual({ trad: 0, simp: 1 });
    expect(countScripts('\u{20000}\uD800')).toEqual({ trad: 0, simp: 0 }); // other astral, lone surrogate
  });

  it('decides the majority script only on enough evidence', () => {
    expect(majorityScript([SIMP])).toBe('simplified');
    expect(majorityScript([TRAD])).toBe('traditional');
    expect(majorityScript(['後來'])).toBeUndefined();
    expect(majorityScript([SIMP, TRAD])).toBeUndefined();
  });

  it('reports Traditional characters in a Simplified document, reading them in their word', () => {
    expect(stray(SIMP, '这一节是后來补充的')).toEqual(['來->来']);
    // a phrase decides: 乾坤 keeps 乾, 乾淨 becomes 干净
    expect(stray(SIMP, '乾坤未定，衣服乾淨')).toEqual(['乾->干', '淨->净']);
  });

  it('reports Simplified-only characters in a Traditional document', () => {
    expect(stray(TRAD, '這是後来加的')).toEqual(['来->來']);
    // 干 and 台 are Traditional characters too: never reported
    expect(stray(TRAD, '請不要干涉，舞台很大')).toEqual([]);
  });

  it('stays quiet on clean text, Japanese, and with --convert', () => {
    expect(stray(SIMP, '这是一段干净的简体中文')).toEqual([]);
    expect(stray(SIMP, 'これは後來の話です。')).toEqual([]);
    expect(stray(SIMP, '这一节是后來补充的', { convert: 't2s' })).toEqual([]);
  });
});
