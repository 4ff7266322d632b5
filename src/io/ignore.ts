/**
 * Files left out of directory and glob walks: the nearest `.ocrtidyignore` up from the current directory and the
 * config's `ignorePatterns`, both in .gitignore syntax (the `ignore` package), each relative to its own folder.
 * Files named one by one on the command line are never left out.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Ignore } from 'ignore';
import { lazyRequire } from './lazy.js';

const ignoreLib = lazyRequire<typeof import('ignore')>('ignore');

/** The ignore file's name. */
export const IGNORE_FILE = '.ocrtidyignore';

/** A set of gitignore patterns and the folder they are relative to. */
export interface IgnoreSource {
  dir: string;
  patterns: string[];
  /** Where the patterns come from (for messages). */
  origin: string;
  /**
   * Also for files outside `dir` (`--ignore a.txt ..`): their path with the leading `../` steps taken off is
   * matched, so a pattern without a slash still matches at any depth.
   */
  outside?: boolean;
}

/**
 * Finds the nearest `.ocrtidyignore` in `dir` or a parent folder.
 * @returns its absolute path, or undefined
 */
export function findIgnoreFile(dir: string): string | undefined {
  let cur = path.resolve(dir);
  for (;;) {
    const f = path.join(cur, IGNORE_FILE);
    if (fs.existsSync(f)) return f;
    const up = path.dirname(cur);
    if (up === cur) return undefined;
    cur = up;
  }
}

/** Reads an ignore file into a source. @throws Error naming the file when it cannot be read */
export function readIgnoreFile(file: string): IgnoreSource {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return { dir: path.dirname(path.resolve(file)), patterns: text.split(/\r?\n/), origin: file };
}

/**
 * Builds the predicate that says whether a walked file is left out.
 * @param sources pattern sets, each relative to its folder
 * @param cwd the folder relative paths of files are resolved against
 * @returns undefined when there is nothing to leave out
 */
export function makeSkip(sources: readonly IgnoreSource[], cwd: string): ((file: string) => boolean) | undefined {
  const sets: Array<{ dir: string; ig: Ignore; outside: boolean }> = sources
    .filter((s) => s.patterns.some((p) => p.trim() && !p.trim().startsWith('#')))
    .map((s) => ({ dir: s.dir, ig: ignoreLib()().add(s.patterns), outside: s.outside === true }));
  if (sets.length === 0) return undefined;
  return (file: string) => {
    const abs = path.resolve(cwd, file);
    return sets.some(({ dir, ig, outside }) => {
      let rel = path.relative(dir, abs).split(path.sep).join('/');
      if (outside) rel = rel.replace(/^(?:\.\.\/)+/, '');
      if (!rel || rel.startsWith('../') || rel === '..' || path.isAbsolute(rel)) return false;
      return ig.ignores(rel);
    });
  };
}
