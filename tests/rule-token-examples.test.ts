import { describe, expect, it } from 'vitest';
import { textInvisible } from '../src/rules/text-invisible.js';
import { textWidth } from '../src/rules/text-width.js';
import { tokenBrackets } from '../src/rules/token-brackets.js';
import { tokenCitation } from '../src/rules/token-citation.js';
import { tokenDigits } from '../src/rules/token-digits.js';
import { tokenGlossary } from '../src/rules/token-glossary.js';
import { tokenUrl } from '../src/rules/token-url.js';
import { applyRule } from './helpers.js';

describe('token and text rules: the example shown by `ocrtidy rules` is true, and the rules are idempotent', () => {
  for (const rule of [textWidth, textInvisible, tokenUrl, tokenCitation, tokenGlossary, tokenDigits, tokenBrackets]) {
    it(rule.id, () => {
      const once = applyRule(rule, rule.example.before);
      expect(once).toBe(rule.example.after);
      expect(applyRule(rule, once)).toBe(once);
    });
  }
});
