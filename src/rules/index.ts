/**
 * The rule registry, in pipeline order (DESIGN.md step 4). Rules later in the list see the text as the earlier
 * ones left it. Order: invisible/width characters, OCR letter-spacing and space runs, token repair (so that
 * spacing never splits a mangled token: `BE求T` must become `BERT` before CJK-Latin spacing sees it), script,
 * then CJK-Latin spacing, punctuation spacing, headings, punctuation width and bullets.
 */
import type { Rule } from '../types.js';
import { spaceCjkLatin } from './space-cjk-latin.js';
import { punctBullet } from './punct-bullet.js';
import { scriptConvert } from './script-convert.js';
import { scriptConfusable } from './script-confusable.js';
import { scriptStray } from './script-stray.js';
import { pagesDoubledText } from './pages-doubled-text.js';
import { pagesRunningHead } from './pages-running-head.js';
import { pagesReflow } from './pages-reflow.js';
import { textWidth } from './text-width.js';
import { textInvisible } from './text-invisible.js';
import { tokenUrl } from './token-url.js';
import { tokenCitation } from './token-citation.js';
import { tokenGlossary } from './token-glossary.js';
import { tokenDigits } from './token-digits.js';
import { tokenBrackets } from './token-brackets.js';
import { spaceRuns } from './space-runs.js';
import { spaceOcrLetterspacing } from './space-ocr-letterspacing.js';
import { spacePunctuation } from './space-punctuation.js';
import { spaceHeading } from './space-heading.js';
import { punctWidth } from './punct-width.js';

/** Every rule, in the order the runner applies them. */
export const RULES: readonly Rule[] = [
  // -- pages: text doubled inside a page; page furniture and line wraps (off unless --strip-headers / --reflow)
  pagesDoubledText,
  pagesRunningHead,
  pagesReflow,

  // -- text: invisible and full-width characters (text/*)
  textWidth,
  textInvisible,

  // -- OCR spacing damage (space/ocr-letterspacing, space/runs)
  spaceRuns,
  spaceOcrLetterspacing,

  // -- tokens (token/*): URLs first (they become protected spans), then citations, terms, digits, brackets
  tokenUrl,
  tokenCitation,
  tokenGlossary,
  tokenDigits,
  tokenBrackets,

  // -- script (script/*)
  scriptConvert,
  scriptConfusable,
  scriptStray,

  // -- spacing
  spaceCjkLatin,

  // -- punctuation spacing, headings, width (space/punctuation, space/heading, punct/width)
  spacePunctuation,
  spaceHeading,
  punctWidth,

  // -- bullets
  punctBullet,
];

/** Looks a rule up by id. */
export function findRule(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
