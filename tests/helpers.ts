/** Test helpers: run one rule or the whole pipeline on a string with default options. */
import { DEFAULT_OPTIONS, type Options } from '../src/options.js';
import { processDocument } from '../src/pipeline.js';
import { runRules } from '../src/rules/runner.js';
import type { Rule, RuleContext } from '../src/types.js';
import { pageLayout } from '../src/pages/split.js';
import { PassThrough } from 'node:stream';
import { main } from '../src/cli/index.js';

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

/** Runs the CLI in process (src/cli/index.ts main) in `cwd`; returns the exit code and what it printed. */
export async function runCli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = new PassThrough(), err = new PassThrough();
  let stdout = '', stderr = '';
  out.on('data', (d) => (stdout += d));
  err.on('data', (d) => (stderr += d));
  const code = await main(['node', 'ocrtidy', ...args], { stdout: out, stderr: err, cwd });
  return { code, stdout, stderr };
}
