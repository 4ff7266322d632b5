/**
 * Settles a command's options from three layers: defaults < config file < command line, and the walk scope
 * (--ignore globs, config ignorePatterns, .ocrtidyignore).
 */
import type { Command } from 'commander';
import { resolveConfig, mergeOptions, type LoadedConfig } from '../config.js';
import path from 'node:path';
import { findIgnoreFile, makeSkip, readIgnoreFile, type IgnoreSource } from '../io/ignore.js';
import { DEFAULT_OPTIONS, type Options } from '../options.js';

/** The settled options and scope of one command. */
export interface Scope {
  options: Options;
  skip?: (file: string) => boolean;
  config?: LoadedConfig;
}

/** Commander's attribute name of an {@link Options} key (they match except `--rule` -> rules). */
const attributeOf = (k: keyof Options): string => (k === 'rules' ? 'rule' : k);

/**
 * @param cmd the command (for option value sources: a commander default never hides a config value)
 * @param o the parsed option values
 * @param fromCli the options built from `o` alone (defaults filled in)
 * @param cwd the current directory (config discovery starts here)
 * @throws ConfigError for a bad config file; Error for an unreadable .ocrtidyignore
 */
export function configure(cmd: Command, o: Record<string, unknown>, fromCli: Options, cwd: string): Scope {
  const config = resolveConfig(o.config as string | boolean | undefined, cwd);
  const explicit = (k: keyof Options) => {
    const src = cmd.getOptionValueSource(attributeOf(k));
    if (src !== undefined) return src === 'cli' || src === 'env';
    // no command-line option of that name: set by the command line only if it differs from the default
    return JSON.stringify(fromCli[k]) !== JSON.stringify(DEFAULT_OPTIONS[k]);
  };
  const options = mergeOptions(fromCli, config, explicit);
  const sources: IgnoreSource[] = [];
  const ignoreFile = findIgnoreFile(cwd);
  if (ignoreFile) sources.push(readIgnoreFile(ignoreFile));
  if (config && config.ignorePatterns.length > 0) sources.push({ dir: config.dir, patterns: config.ignorePatterns, origin: config.file });
  // --ignore: .gitignore patterns like the others, relative to the current directory (`a.txt` at any depth,
  // `pages/a.txt` from here), the same for a walked directory and for a glob
  // (a leading `./` names the current directory, as a shell user writes it; .gitignore lines have none)
  const extra = ((o.ignore as string[] | undefined) ?? []).map((p) => p.replace(/^(?:\.\/)+/, ''));
  if (extra.length > 0) sources.push({ dir: path.resolve(cwd), patterns: extra, origin: '--ignore', outside: true });
  return { options, skip: makeSkip(sources, cwd), config };
}
