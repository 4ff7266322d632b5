/** Test helpers: run one rule or the whole pipeline on a string with default options. */
import { DEFAULT_OPTIONS, type Options } from '../src/options.js';
import { processDocument } from '../src/pipeline.js';
import { runRules } from '../src/rules/runner.js';
import type { Rule, RuleContext } from '../src/types.js';
import { pageLayout } from '../src/pages/split.js';

/** Applies one rule (at fix level, with its analyze step over the text) and returns the text. */
export function applyRule(rule: Rule, text: string, ctx: Partial<RuleContext> = {}): string {
  const base = { style: { spacing: 'always' as const, punctuation: 'auto' as const }, layout: pageLayout(text), data: { ignore: [] }, ...ctx };
  const state = rule.analyze ? rule.analyze([text], base) : undefined;
  return runRules(text, [{ rule, level: 'fix', state }], base).text;
}

/** Runs the whole default pipeline on a document string. */
export function clean(text: string, opts: Partial<Options> = {}): string {
  return processDocument(text, { ...DEFAULT_OPTIONS, ...opts }, { ignore: opts.ignore ?? [] }).output;
}
