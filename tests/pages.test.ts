import { describe, expect, it } from 'vitest';
import { detectMode, joinPages, pageLayout, splitPages } from '../src/pages/split.js';

const longLine = (ch: string) => ch.repeat(260);

describe('page splitting', () => {
  it('picks formfeed when a form feed is present', () => {
    expect(detectMode('第一页\f第二页')).toBe('formfeed');
  });
  it('picks line for a dump of long lines, file otherwise', () => {
    expect(detectMode(`${longLine('甲')}\n${longLine('乙')}\n`)).toBe('line');
    expect(detectMode('短行一\n短行二\n短行三\n')).toBe('file');
    expect(detectMode(longLine('甲'))).toBe('file');
  });
  it('gives the input back when pages are joined, in every mode', () => {
    const texts = ['第一页\n正文\f第二页\f', `${longLine('甲')}\n${longLine('乙')}\n`, '只有一页\n', '', '\f\f'];
    for (const t of texts) {
      for (const mode of ['auto', 'line', 'formfeed', 'file'] as const) {
        const s = splitPages(t, mode);
        expect(joinPages(s.pages)).toBe(t);
        for (const p of s.pages) expect(t.slice(p.offset, p.offset + p.text.length)).toBe(p.text);
      }
    }
  });
  it('splits a form-feed dump into pages with the separators kept', () => {
    const s = splitPages('一\f二\f三', 'auto');
    expect(s.mode).toBe('formfeed');
    expect(s.pages.map((p) => [p.text, p.sep])).toEqual([['一', '\f'], ['二', '\f'], ['三', '']]);
  });
  it('marks one-long-line pages as line layout and others as block layout', () => {
    expect(pageLayout(longLine('甲'))).toBe('line');
    expect(pageLayout(longLine('甲') + '\n')).toBe('line');
    expect(pageLayout('短的一行')).toBe('block');
    expect(pageLayout(`${longLine('甲')}\n第二行`)).toBe('block');
  });
});
