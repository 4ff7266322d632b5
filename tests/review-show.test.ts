import { describe, expect, it } from 'vitest';
import { scriptedAnswers, showEdit } from '../src/cli/review.js';
import type { DocEdit } from '../src/pipeline.js';

const edit = (src: string, offset: number, endOffset: number, after: string): DocEdit => ({
  rule: 'space/cjk-latin', level: 'fix', status: 'applied', start: offset, end: endOffset, before: src.slice(offset, endOffset), after,
  page: 0, offset, endOffset, line: 1, column: offset + 1,
});

describe('showEdit', () => {
  it('shows the edit in its line with word-diff markers, context clipped with an ellipsis', () => {
    const src = '第一行\n我用Python写了3个脚本\n第三行';
    const at = src.indexOf('Python');
    expect(showEdit(src, edit(src, at, at, ' '), false)).toBe('我用{+ +}Python写了3个脚本');
    expect(showEdit(src, edit(src, at, at + 6, 'Rust'), false, 2)).toBe('我用[-Python-]{+Rust+}写了…');
    expect(showEdit(src, edit(src, at, at + 6, 'Rust'), false, 1)).toBe('…用[-Python-]{+Rust+}写…');
  });
  it('stops the context at a form feed and shows breaks inside the edit as symbols', () => {
    const src = '前一页\f甲乙\n丙\f后一页';
    expect(showEdit(src, edit(src, 4, 7, '甲乙 '), false)).toBe('[-甲乙⏎-]{+甲乙 +}丙');
  });
});

describe('scriptedAnswers', () => {
  it('gives one answer per non-blank character, then undefined, echoing each prompt', async () => {
    const seen: string[] = [];
    const a = scriptedAnswers('y n\n a', (s) => seen.push(s));
    expect([await a.next('? '), await a.next('? '), await a.next('? '), await a.next('? ')]).toEqual(['y', 'n', 'a', undefined]);
    expect(seen).toEqual(['? y\n', '? n\n', '? a\n', '? \n']);
  });
});
