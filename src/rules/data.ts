/**
 * Loads the rule data (glossary, lookalike tables...) once per run. Data files live in rules/ at the package root
 * and in the user's `--glossary` files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Options } from '../options.js';
import type { RuleData } from '../types.js';
import { loadLexicon } from './lexicon.js';

/** The package's rules/ folder (data files). */
export const RULES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'rules');

/**
 * Builds the rule data for a run: `lexicon` holds rules/glossary.txt and rules/lookalikes.tsv plus every
 * `--glossary FILE` (a `.tsv` file is a lookalike table, any other a glossary; see src/rules/lexicon.ts).
 * @throws Error naming the file (and line) when a data file cannot be read or is malformed
 */
export function loadRuleData(opts: Options): RuleData {
  for (const g of opts.glossary) {
    if (!fs.existsSync(g)) throw new Error(`${g}: glossary file not found`);
  }
  return { ignore: [...opts.ignore], convert: opts.convert, lexicon: loadLexicon(opts.glossary) };
}
