/**
 * Dependencies loaded on first use. Most runs need only a few of the CLI's libraries (a glob walker for folders and
 * globs, an atomic writer for `--out-dir`/`--write`, a diff library for the unified and html reports, a legacy
 * encoder for GB18030/Big5 output, a progress bar on a terminal); loading every one at start-up cost about a
 * tenth of a second on each run. Each is loaded synchronously (`require`, all ship CommonJS) the first time it is
 * needed and kept.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A loader for the CommonJS entry of package `id`: the first call requires it, later calls return the same module.
 * @throws Error (from `require`) when the package cannot be loaded
 */
export function lazyRequire<T>(id: string): () => T {
  let mod: T | undefined;
  return () => (mod ??= require(id) as T);
}
