/**
 * The rule registry, in pipeline order (DESIGN.md step 4): text repair and tokens first, then spacing, then
 * punctuation. Rules later in the list see the text as the earlier ones left it.
 */
import type { Rule } from '../types.js';
import { spaceCjkLatin } from './space-cjk-latin.js';
import { punctBullet } from './punct-bullet.js';

/** Every rule, in the order the runner applies them. */
export const RULES: readonly Rule[] = [
  // spacing
  spaceCjkLatin,
  // punctuation
  punctBullet,
];

/** Looks a rule up by id. */
export function findRule(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
