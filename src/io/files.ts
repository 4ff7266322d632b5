/**
 * Input resolution and atomic writing.
 *
 * Inputs: a file, a directory (its `**\/*.txt`), or a quoted glob (fast-glob); `-` is standard input.
 * Writing goes through write-file-atomic: a temp file in the same folder, fsync, rename. A killed process
 * leaves either the old file or the new one, never half of one; the file's mode is kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import { lazyRequire } from './lazy.js';

const fastGlob = lazyRequire<typeof import('fast-glob')>('fast-glob');
const signalExit = lazyRequire<typeof import('signal-exit')>('signal-exit');
const writeFileAtomic = lazyRequire<typeof import('write-file-atomic')>('write-file-atomic');

/** A resolved input: a path (as the user would name it, relative to cwd when inside it) or stdin. */
export type Input = { kind: 'file'; path: string } | { kind: 'stdin' };

/** An input pattern that matched nothing or could not be read. */
export interface ResolveError {
  input: string;
  message: string;
}

/**
 * Expands the command-line inputs, in the order given; the files of one directory or glob are sorted.
 * Duplicates are dropped (first occurrence wins).
 * @param patterns what the user typed; none means stdin
 * @param skip optional predicate (path as found, relative to cwd) leaving walked files out (.ocrtidyignore,
 *   `ignorePatterns`, `--ignore`);
 *   files named one by one are never skipped, and a walk whose every file is skipped is not an error
 */
export function resolveInputs(
  patterns: readonly string[],
  skip?: (file: string) => boolean,
): { inputs: Input[]; errors: ResolveError[] } {
  const inputs: Input[] = [];
  const errors: ResolveError[] = [];
  const seen = new Set<string>();
  const add = (p: string) => {
    const norm = path.normalize(p);
    if (seen.has(norm)) return;
    seen.add(norm);
    inputs.push({ kind: 'file', path: norm });
  };
  if (patterns.length === 0) return { inputs: [{ kind: 'stdin' }], errors };
  for (const p of patterns) {
    if (p === '-') {
      inputs.push({ kind: 'stdin' });
      continue;
    }
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(p);
    } catch {
      stat = undefined;
    }
    if (stat?.isFile()) add(p);
    else if (stat?.isDirectory()) {
      const found = fastGlob().sync('**/*.txt', { cwd: p, onlyFiles: true, dot: false }).sort();
      if (found.length === 0) errors.push({ input: p, message: 'directory holds no .txt file' });
      for (const f of found) if (!skip?.(path.join(p, f))) add(path.join(p, f));
    } else if (fastGlob().isDynamicPattern(p)) {
      let found: string[];
      try {
        found = fastGlob().sync(p.replace(/\\/g, '/'), { onlyFiles: true, dot: false }).sort();
      } catch (e) {
        // a folder of the pattern that cannot be read, or a file where the pattern needs a folder
        const code = (e as NodeJS.ErrnoException).code;
        errors.push({ input: p, message: code === 'ENOTDIR' ? 'a part of the pattern is a file, not a folder' : code === 'EACCES' ? 'a folder of the pattern cannot be read (permission denied)' : `cannot be walked: ${(e as Error).message}` });
        continue;
      }
      if (found.length === 0) errors.push({ input: p, message: 'no file matches this pattern' });
      for (const f of found) if (!skip?.(f)) add(f);
    } else if (stat) errors.push({ input: p, message: 'not a regular file' });
    else errors.push({ input: p, message: 'no such file or directory' });
  }
  return { inputs, errors };
}

/** Reads all of standard input as bytes. */
export async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Where a write to `p` lands: the atomic writers follow a link at `p` and links in its folders. */
function landing(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    try {
      return path.join(fs.realpathSync(path.dirname(p)), path.basename(p));
    } catch {
      return undefined; // a folder that does not exist yet holds no input
    }
  }
}

/** A resolved path's directory entry (its folder's device and inode, and its name): the same through bind mounts. */
function entryKey(real: string): string | undefined {
  try {
    const d = fs.statSync(path.dirname(real));
    return `${d.dev}:${d.ino}/${path.basename(real)}`;
  } catch {
    return undefined;
  }
}

/** A file's device and inode when it has one link only (then it has one directory entry, whatever its name's case). */
function soleFileKey(real: string): string | undefined {
  try {
    const st = fs.statSync(real);
    return st.nlink === 1 ? `${st.dev}:${st.ino}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The input files of a run, known by everything a write could land on: the resolved path, the directory entry
 * (through bind mounts) and, for a file with one link, the file itself (a name in another letter case on a
 * case-insensitive file system). A hard link to an input elsewhere is another entry: replacing it leaves the input.
 */
export class InputFiles {
  private readonly keys = new Set<string>();
  /** @param files paths (relative to the current directory or absolute); ones that do not exist are skipped */
  constructor(files: readonly string[]) {
    for (const f of files) for (const k of InputFiles.keysOf(f)) this.keys.add(k);
  }

  private static keysOf(p: string): string[] {
    const real = landing(p);
    if (!real) return [];
    return [`p:${real}`, `e:${entryKey(real) ?? ''}`, `f:${soleFileKey(real) ?? ''}`].filter((k) => !k.endsWith(':'));
  }

  /** Whether writing `out` (a temporary file renamed over it, links followed) would replace one of the inputs. */
  hitBy(out: string): boolean {
    return InputFiles.keysOf(out).some((k) => this.keys.has(k));
  }
}

/** Why {@link outPathFor} refused an output path (the message says it in words). */
export class OutPathError extends Error {
  constructor(message: string, readonly reason: 'outside' | 'link' | 'self' | 'other-input') {
    super(message);
  }
}

/**
 * Where `--out-dir` puts the output for `file`: `dir/<file relative to cwd>`.
 * @param inputs the run's input files, when it has several: an output may not land on any of them
 * @throws OutPathError (the message does not repeat the file name) when the input lies outside the current directory:
 *   nothing is ever written outside `dir`; when a symbolic link stands at the output path (a write would go to
 *   its target, maybe outside `dir`); or when the output would replace the input itself or another input
 *   (`--out-dir .`, a folder that is a link to the current one or a bind mount of it): `--out-dir` makes cleaned
 *   copies and never replaces an original
 */
export function outPathFor(file: string, dir: string, cwd = process.cwd(), inputs?: InputFiles): string {
  const rel = path.relative(cwd, path.resolve(cwd, file));
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new OutPathError(`outside the current directory; --out-dir writes DIR/<path relative to the current directory>, so run ocrtidy from a folder that contains the input`, 'outside');
  }
  const out = path.join(dir, rel);
  const abs = path.resolve(cwd, out);
  const relOut = path.relative(path.resolve(cwd, dir), abs);
  if (relOut.startsWith('..') || path.isAbsolute(relOut)) throw new OutPathError(`would be written outside ${dir}`, 'outside');
  let link = false;
  try {
    link = fs.lstatSync(abs).isSymbolicLink();
  } catch {
    // no file there yet
  }
  if (link) throw new OutPathError(`${out} is a symbolic link: --out-dir does not write through links; remove it or give another folder`, 'link');
  const self = new InputFiles([path.resolve(cwd, file)]);
  if (self.hitBy(abs)) {
    throw new OutPathError(`--out-dir ${dir} would write over the input itself; give another folder, or use --write to clean in place`, 'self');
  }
  if (inputs?.hitBy(abs)) throw new OutPathError(`--out-dir ${dir} would write ${out} over another input of this run; give another folder`, 'other-input');
  return out;
}

/**
 * Makes the folders on the way to `file` (a missing one is created).
 * @throws Error naming the part of the path that is a file, not a folder (instead of mkdir's message), with mkdir's
 *   `code` (EEXIST or ENOTDIR)
 */
function makeParent(file: string): void {
  const dir = path.dirname(file);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST' && code !== 'ENOTDIR') throw e;
    // the first part of the path that exists and is not a folder
    let p = dir;
    for (let up = dir; ; up = path.dirname(up)) {
      try {
        if (!fs.statSync(up).isDirectory()) p = up;
        else break;
      } catch {
        // not there: look further up
      }
      if (path.dirname(up) === up) break;
    }
    // (the code stays, so that a caller that words errors by code still can)
    throw Object.assign(new Error(`${p} is a file, not a folder`), { code });
  }
}

/**
 * Writes `data` to `file` atomically (temp file + fsync + rename), creating parent folders, keeping the mode of
 * an existing file. A file that is not a regular file (`/dev/null`, a named pipe, a terminal) or a path under
 * /dev or /proc is written to as it is, appending, never replaced: renaming a file over a device would turn it
 * into a regular file. `/dev/stdout`, `/dev/stderr` and `/dev/fd/N` are written through this process's descriptor.
 * @throws Error (from the file system) when the file cannot be written
 */
export async function writeAtomic(file: string, data: Buffer | string): Promise<void> {
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(file);
  } catch {
    st = undefined; // a new file
  }
  const abs = path.resolve(file);
  // this process's own streams are written through their descriptors (a socket cannot be opened by path)
  const own = /^\/dev\/(stdout|stderr)$|^\/(?:dev|proc\/self)\/fd\/(\d+)$/.exec(abs);
  if (own) {
    const fd = own[1] === 'stdout' ? 1 : own[1] === 'stderr' ? 2 : Number(own[2]);
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    for (let done = 0; done < bytes.length; ) {
      try {
        done += fs.writeSync(fd, bytes, done);
      } catch (e) {
        // a pipe Node made non-blocking is full: wait for the reader and try again
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
      }
    }
    return;
  }
  if ((st && !st.isFile()) || abs.startsWith('/dev/') || abs.startsWith('/proc/')) {
    await fs.promises.writeFile(file, data, { flag: 'a' });
    return;
  }
  makeParent(file);
  await writeFileAtomic()(file, data);
}

/**
 * A file written in pieces that appears whole or not at all: the pieces go to a temporary file beside `file`, and
 * {@link AtomicFile.commit} flushes it to disk and renames it over `file` (write-file-atomic's method, which has no
 * streaming form); {@link AtomicFile.abort} removes the temporary file, and so does the end of the process before
 * either (Ctrl-C, SIGTERM: signal-exit, as write-file-atomic does). Keeps long outputs out of memory.
 * @throws Error (from the file system) when the folder cannot be made or the temporary file cannot be opened
 */
export class AtomicFile {
  private fd: number;
  private readonly tmp: string;
  /** Removes the temporary file if the process ends (exit, SIGINT, SIGTERM...) before commit or abort. */
  private removeOnExit: () => void;
  private readonly file: string;
  constructor(file: string) {
    makeParent(file);
    // a symbolic link keeps pointing where it did: its target is the file replaced (as write-file-atomic does)
    try {
      file = fs.realpathSync(file);
    } catch {
      // a new file
    }
    this.file = file;
    this.tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
    const tmp = this.tmp;
    // the handler is in place before the file exists: a signal between the two would otherwise end the process
    // with its default action and leave the temporary file behind
    this.removeOnExit = signalExit().onExit(() => {
      try {
        fs.rmSync(tmp, { force: true });
      } catch {
        // the process is ending: nothing more to do
      }
    });
    try {
      this.fd = fs.openSync(tmp, 'wx');
    } catch (e) {
      this.removeOnExit();
      throw e;
    }
  }
  /** Appends bytes. */
  write(bytes: Uint8Array): void {
    let done = 0;
    while (done < bytes.length) done += fs.writeSync(this.fd, bytes, done);
  }
  /** Makes the file: keeps an existing file's mode (and, run as root, its owner), flushes, renames over `file`. */
  commit(): void {
    try {
      const old = fs.statSync(this.file);
      fs.fchmodSync(this.fd, old.mode & 0o7777);
      // as write-file-atomic does: run as root, the file keeps its owner
      if (process.getuid?.() === 0) fs.fchownSync(this.fd, old.uid, old.gid);
    } catch {
      // a new file: the default mode and owner
    }
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
    this.fd = -1;
    fs.renameSync(this.tmp, this.file);
    this.removeOnExit();
  }
  /** Drops what was written; the target file is untouched. Safe to call after commit. */
  abort(): void {
    if (this.fd >= 0) fs.closeSync(this.fd);
    this.fd = -1;
    fs.rmSync(this.tmp, { force: true });
    this.removeOnExit();
  }
}

/**
 * Gathers small buffers (a page's bytes at a time) and hands them to `write` in pieces of about `size` bytes, so
 * a long dump streamed page by page costs a few hundred writes instead of one per page. `flush` hands on what is
 * left; call it before the target is closed or committed.
 */
export function coalesce(write: (bytes: Buffer) => void, size = 1 << 20): { push(bytes: Buffer): void; flush(): void } {
  let held: Buffer[] = [];
  let n = 0;
  const flush = () => {
    if (n === 0) return;
    const out = held.length === 1 ? held[0] : Buffer.concat(held, n);
    held = [];
    n = 0;
    write(out);
  };
  return {
    push(bytes) {
      if (bytes.length === 0) return;
      held.push(bytes);
      n += bytes.length;
      if (n >= size) flush();
    },
    flush,
  };
}
