/**
 * Loads the rule data (glossary, lookalike tables...) once per run. Data files live in rules/ at the package root
 * and in the user's `--glossary` files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Options } from '../options.js';
import type { RuleData } from '../types.js';

/** The package's rules/ folder (data files). */
export const RULES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'rules');

/**
 * Builds the rule data for a run.
 * @throws Error naming the file when a user data file cannot be read
 */
export function loadRuleData(opts: Options): RuleData {
  for (const g of opts.glossary) {
    if (!fs.existsSync(g)) throw new Error(`${g}: glossary file not found`);
  }
  return { ignore: [...opts.ignore], convert: opts.convert };
}
