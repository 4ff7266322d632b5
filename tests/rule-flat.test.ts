import { describe, expect, it } from 'vitest';
import { flat } from '../src/rules/flat.js';

describe('flat', () => {
  it('returns the same text, offsets unchanged', () => {
    let built = '';
    for (const piece of ['前文', 'GPT4', '𠀀', ' 与 ', '\ud800', '后文']) built += piece;
    for (const s of ['', 'a', '𠀀', built, '深度\u200B学习'.repeat(50)]) {
      const f = flat(s);
      expect(f).toBe(s);
      expect(f.length).toBe(s.length);
    }
  });
});
