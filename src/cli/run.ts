/**
 * The shared engine of `clean` and `check`: resolve inputs, read, process each document, write, report.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { chunkEncoder, decode, encode, InputError } from '../io/decode.js';
import { AtomicFile, coalesce, InputFiles, OutPathError, outPathFor, readStdin, resolveInputs, writeAtomic, type Input } from '../io/files.js';
import type { Options } from '../options.js';
import { processDocument, processDocumentShared, ruleFindings, type DocHooks, type DocPlan, type DocResult } from '../pipeline.js';
import { planAcrossFiles } from '../pages/across.js';
import { formatForFile, render, type FormatName } from '../report/formats.js';
import { startProgress, wantProgress, type Progress } from './progress.js';
import { createHash } from 'node:crypto';
import { allowCollections, collectGarbage } from '../io/memory.js';
import { countByRule, summaryLine, type FileReport, type RunReport } from '../report/model.js';
import { loadRuleData } from '../rules/data.js';
import type { RuleData } from '../types.js';

export interface RunSettings {
  command: 'clean' | 'check';
  inputs: string[];
  options: Options;
  outDir?: string;
  write: boolean;
  report?: string;
  format?: FormatName;
  quiet: boolean;
  strict: boolean;
  trace: boolean;
  /** Leaves more walked files out (.ocrtidyignore, config ignorePatterns); see src/io/ignore.ts. */
  skip?: (file: string) => boolean;
  /** Files processed in parallel (worker threads); 1: one after the other, in-process; absent: {@link defaultJobs}. */
  jobs?: number;
  /**
   * Whether the edits are listed in each file's report (a report is shown or written) or only counted (no report:
   * `clean --quiet` to stdout, say), which keeps long dumps' memory bounded. Default true.
   */
  keepEdits?: boolean;
  /** Runs one document with its pages' rules shared among worker threads (set by {@link run} for a long single input). */
  pagesInParallel?: (text: string, opts: Options, data: RuleData, hooks: DocHooks) => Promise<DocResult>;
}

/** Streams the process writes to; replaceable in tests. */
export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  cwd: string;
}

const useColor = (s: { isTTY?: boolean }) => Boolean(s.isTTY) && !process.env.NO_COLOR;

/**
 * Runs clean or check.
 * @returns the exit code: 0 done/clean, 1 (check) a fix would apply, 2 usage or input error
 */
export async function run(s: RunSettings, io: Io): Promise<number> {
  const t0 = performance.now();
  allowCollections(); // long dumps: full collections between phases (io/memory.ts)
  const err = (msg: string) => io.stderr.write(`ocrtidy: ${msg}\n`);
  const resolved = resolveInputs(s.inputs, s.skip);
  const { errors } = resolved;
  let { inputs } = resolved;
  const reports: FileReport[] = errors.map((e) => ({ file: e.input, status: 'error', error: e.message, groups: [], edits: [] }));
  const toStdout = s.command === 'clean' && !s.outDir && !s.write;
  if (s.command === 'clean') {
    if (s.outDir && s.write) {
      err('--out-dir and --write exclude each other');
      return 2;
    }
    if (toStdout && inputs.length > 1) {
      err(`${inputs.length} inputs: the cleaned text of more than one file needs --out-dir DIR or --write`);
      return 2;
    }
    if ((s.outDir || s.write) && inputs.some((i) => i.kind === 'stdin')) {
      err('standard input cannot be written with --out-dir or --write; leave both out to get the text on stdout');
      return 2;
    }
  }
  // --out-dir with several inputs: an output that would land on another input (`--out-dir sub a.txt sub/a.txt`)
  // is refused before anything is read or written (each file checks its own output again when it is processed)
  if (s.command === 'clean' && s.outDir && inputs.length > 1) {
    const all = new InputFiles(inputs.flatMap((i) => (i.kind === 'file' ? [path.resolve(io.cwd, i.path)] : [])));
    inputs = inputs.filter((i) => {
      if (i.kind !== 'file') return true;
      try {
        outPathFor(i.path, s.outDir!, io.cwd, all);
        return true;
      } catch (e) {
        if (!(e instanceof OutPathError && e.reason === 'other-input')) return true; // reported when the file is processed
        reports.push({ file: i.path, status: 'error', error: (e as Error).message, groups: [], edits: [] });
        return false;
      }
    });
  }
  // a report that is shown or written lists every edit; otherwise the edits are only counted
  s = { ...s, keepEdits: s.keepEdits ?? (Boolean(s.report) || (!toStdout && !s.quiet)) };
  let data: RuleData;
  try {
    data = loadRuleData(s.options);
  } catch (e) {
    err((e as Error).message);
    return 2;
  }
  // --dedupe-across-files: group passes over all files first (files that cannot be read fail again below)
  let plans: Map<string, DocPlan> | undefined;
  if (s.options.dedupe && s.options.dedupeAcrossFiles && inputs.length > 1) {
    const docs = [];
    for (const input of inputs) {
      if (input.kind === 'stdin') continue;
      try {
        docs.push({ file: input.path, text: decode(readFile(input), input.path, s.options.encoding).text });
      } catch {
        // reported when the file is processed
      }
    }
    const ruleData = data;
    plans = planAcrossFiles(docs, s.options.pages, s.options.dedupeThreshold, (t) => ruleFindings(t, s.options, ruleData));
  }
  const fileInputs = inputs.filter((i): i is { kind: 'file'; path: string } => i.kind === 'file');
  const jobs = Math.max(1, Math.min(s.jobs ?? defaultJobs(fileInputs), fileInputs.length));
  if (jobs > 1 && !s.trace && !toStdout && !plans && fileInputs.length === inputs.length) {
    // several files: a pool of worker threads; results are placed in input order
    reports.push(...(await processInPool(inputs, s, io.cwd, jobs)));
  } else {
    // one long file and an explicit --jobs N: its pages' rules are shared among this thread and N - 1 worker
    // threads. Not by default: on a 2-CPU machine the workers' start-up and warm-up cost more than they save on a
    // 10 MB dump, and a second heap raises peak memory (README, "--jobs N")
    let pool: { destroy(): Promise<void> } | undefined;
    if (inputs.length === 1 && fileInputs.length === 1 && !s.trace && !plans) {
      const pageJobs = Math.max(1, s.jobs ?? 1);
      if (pageJobs > 1 && fileSize(fileInputs[0].path) >= PAGES_MIN_BYTES) {
        const shared = await sharedPages(pageJobs - 1, s.options);
        if (shared) {
          pool = shared.pool;
          s = { ...s, pagesInParallel: shared.run };
        }
      }
    }
    try {
      await inProcess();
    } finally {
      await pool?.destroy();
    }
  }
  async function inProcess() {
    // progress bar: on a TTY, for long runs only (see progress.ts)
    const sizes = inputs.map((i) => (i.kind === 'file' ? fileSize(i.path) : 0));
    const totalBytes = sizes.reduce((a, b) => a + b, 0);
    const bar: Progress | undefined = !s.quiet && !s.trace && wantProgress(io.stderr, inputs.length, totalBytes) ? startProgress(io.stderr, totalBytes, inputs.length) : undefined;
    let bytesDone = 0;
    for (const [k, input] of inputs.entries()) {
      const name = input.kind === 'stdin' ? '-' : input.path;
      bar?.update(bytesDone, name);
      const traceFn = s.trace
        ? (page: number, rule: string, text: string) => io.stderr.write(`--- ${name} page ${page + 1} after ${rule}\n${text}\n`)
        : undefined;
      const onPage = bar ? (done: number, total: number) => bar.update(bytesDone + (sizes[k] * done) / total, name) : undefined;
      const bytes = input.kind === 'stdin' ? await readStdin().catch((e: Error) => e) : undefined;
      const r = await processFile({ input, settings: s, cwd: io.cwd, stdinBytes: bytes, plan: plans?.get(name) }, data, traceFn, onPage, (b) => io.stdout.write(b));
      if (r.stdout) io.stdout.write(r.stdout);
      reports.push(r.report);
      bytesDone += sizes[k];
    }
    bar?.stop();
  }
  const report: RunReport = { command: s.command, files: reports, seconds: (performance.now() - t0) / 1000 };
  for (const f of reports) if (f.status === 'error') err(`${f.file}: ${f.error}`);

  // the report: to --report FILE; else to stdout unless stdout carries the cleaned text
  const format: FormatName = s.format ?? (s.report ? formatForFile(s.report) : 'inline');
  if (s.report) {
    try {
      await writeAtomic(s.report, render(report, format, false));
    } catch (e) {
      err(`cannot write the report ${s.report}: ${(e as Error).message}`);
      return 2;
    }
  } else if (!toStdout && !s.quiet) {
    io.stdout.write(render(report, format, useColor(io.stdout)));
  } else if (toStdout && s.format && !s.quiet) {
    err(`no ${s.format} report: stdout carries the cleaned text; add --report FILE to write the report`);
  }
  // the summary's seconds include making and writing the report (the report itself records the cleaning time)
  if (!s.quiet) io.stderr.write(summaryLine({ ...report, seconds: (performance.now() - t0) / 1000 }) + '\n');

  if (reports.some((f) => f.status === 'error')) return 2;
  if (s.command === 'check') {
    const fixes = reports.some((f) => f.status === 'changed');
    const suggestions = [...countByRule(reports).values()].some((c) => c.suggest > 0);
    return fixes || (s.strict && suggestions) ? 1 : 0;
  }
  return 0;
}

/** Inputs holding less than this many bytes in all are processed in-process by default (a pool costs more). */
export const POOL_MIN_BYTES = 1 << 20;

/** The default of `--jobs`: the number of CPUs when the files hold {@link POOL_MIN_BYTES} or more, else 1. */
export function defaultJobs(files: ReadonlyArray<{ path: string }>): number {
  if (files.length < 2) return 1;
  let bytes = 0;
  for (const f of files) {
    try {
      bytes += fs.statSync(f.path).size;
    } catch {
      // unreadable: reported when processed
    }
    if (bytes >= POOL_MIN_BYTES) return os.availableParallelism();
  }
  return 1;
}

/** A single input of at least this many bytes has its pages shared among worker threads (`--jobs`). */
export const PAGES_MIN_BYTES = 1 << 20;

/**
 * Starts `workers` worker threads for one long document's pages and has them load the rule data while this thread
 * reads the file and groups its passes. Undefined when there is no built worker module (tests from sources).
 */
async function sharedPages(workers: number, options: Options): Promise<{ pool: { destroy(): Promise<void> }; run: NonNullable<RunSettings['pagesInParallel']> } | undefined> {
  const worker = workerFile();
  if (!worker) return undefined;
  const { default: Tinypool } = await import('tinypool');
  // a worker holds a batch at a time: a small young generation keeps its memory down (a worker that runs out of
  // heap fails its batch, which the main thread then runs)
  const pool = new Tinypool({
    filename: worker, minThreads: workers, maxThreads: workers,
    resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 512 },
  });
  // loading the rule data takes a while: start it now, in every worker
  for (let i = 0; i < workers; i++) pool.run(options, { name: 'warm' }).catch(() => undefined);
  const run: NonNullable<RunSettings['pagesInParallel']> = (text, opts, data, hooks) =>
    processDocumentShared(text, opts, data,
      (pages, states) => pool.run({ options: opts, states, pages, keepEdits: hooks.keepEdits ?? true }, { name: 'pages' }),
      hooks, workers, undefined, {
        signatures: (texts) => pool.run(texts, { name: 'signatures' }),
        findings: (texts) => pool.run({ options: opts, texts }, { name: 'findings' }),
      });
  return { pool, run };
}

/** One file's work, as a worker thread gets it (plain data only). */
export interface FileJob {
  input: Input;
  settings: RunSettings;
  cwd: string;
  /** Standard input's bytes (or the error reading it), when `input` is stdin. */
  stdinBytes?: Buffer | Error;
  /** The duplicate-pass plan made across files (`--dedupe-across-files`), if any. */
  plan?: DocPlan;
}

/**
 * Reads, cleans, writes (clean with --out-dir/--write) and reports one input. Never throws: a failure becomes a
 * report with status `error`. Called in-process, or in a worker thread (worker.ts) when files run in parallel.
 * @returns the file's report, and the cleaned bytes when they go to stdout (clean with one input)
 */
export async function processFile(
  job: FileJob,
  data: RuleData,
  traceFn?: (page: number, rule: string, text: string) => void,
  onPage?: (done: number, total: number) => void,
  toOut?: (bytes: Buffer) => void,
): Promise<{ report: FileReport; stdout?: Buffer }> {
  const { input, settings: s } = job;
  const name = input.kind === 'stdin' ? '-' : input.path;
  const rep: FileReport = { file: name, status: 'unchanged', groups: [], edits: [] };
  const toStdout = s.command === 'clean' && !s.outDir && !s.write;
  const keepEdits = s.keepEdits ?? true;
  let stdout: Buffer | undefined;
  let file: AtomicFile | undefined;
  let target: string | undefined;
  // a streamed output's pending bytes (see coalesce)
  let out: ReturnType<typeof coalesce> | undefined;
  try {
    if (job.stdinBytes instanceof Error) throw job.stdinBytes;
    // an input --out-dir refuses is refused before it is read or cleaned
    const outPath = s.command === 'clean' && s.outDir && input.kind === 'file' ? outPathFor(input.path, s.outDir, job.cwd) : undefined;
    // --write replaces the file by renaming over it, which a folder's permissions allow even for a file its owner
    // made read-only: refuse such a file instead
    if (s.command === 'clean' && s.write && input.kind === 'file') {
      // (root passes the access check: a file with no write bit at all is refused too)
      let readOnly = false;
      try {
        fs.accessSync(input.path, fs.constants.W_OK);
        readOnly = (fs.statSync(input.path).mode & 0o222) === 0;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EACCES' || (e as NodeJS.ErrnoException).code === 'EPERM') readOnly = true;
      }
      if (readOnly) throw new Error('read-only file (no write permission): not cleaned in place');
    }
    const { sha256, dec } = readDecoded(job, name, keepEdits);
    if (sha256) rep.sha256 = sha256;
    // long inputs: the bytes are garbage once decoded (read in a function of their own, so no frame holds them)
    collectGarbage();
    // with no report to make, the cleaned text goes out a page at a time: to stdout (when the caller gives a writer),
    // or to a temporary file renamed over the target at the end; a report shows context, so it keeps the whole text
    target = s.command !== 'clean' ? undefined : s.write ? (input as { path: string }).path : outPath;
    // a cleaned copy (stdout, --out-dir) is UTF-8 text without a BOM (a U+FEFF is no text: text/invisible deletes
    // one in mid-text); --write rewrites the file as it was stored, BOM included; UTF-16 always keeps its BOM
    const how = s.command === 'clean' && !s.write && dec.encoding === 'utf-8' ? { ...dec, bom: false } : dec;
    const piece = chunkEncoder(how);
    let sink: ((chunk: string) => void) | undefined;
    if (s.command === 'clean' && toStdout && toOut && !keepEdits) {
      out = coalesce(toOut);
      sink = (c) => out!.push(piece(c));
    } else if (target && !keepEdits && isMainThread) {
      // made at the first page, so that no temporary file exists while the passes are grouped; in the main thread
      // only, where a signal can remove it (signal-exit); a worker writes its file whole at the end
      const to = target;
      out = coalesce((b) => (file ??= new AtomicFile(to)).write(b));
      sink = (c) => out!.push(piece(c));
    }
    const hooks = { onPage, plan: job.plan, sink, keepEdits };
    const res = s.pagesInParallel
      ? await s.pagesInParallel(dec.text, s.options, data, hooks)
      : sink && !traceFn
        // batches with a turn of the event loop between them: Ctrl-C stops the run and removes the temporary file
        ? await processDocumentShared(dec.text, s.options, data, undefined, hooks)
        : processDocument(dec.text, s.options, data, traceFn, hooks);
    out?.flush();
    Object.assign(rep, {
      status: res.changed ? 'changed' : 'unchanged',
      encoding: dec.encoding, bom: dec.bom, eol: dec.eol,
      pageMode: res.pageMode, pagesIn: res.pagesIn, pagesOut: res.pagesOut,
      groups: res.groups, edits: res.edits, tally: Object.fromEntries(res.tally),
      ...(keepEdits ? { original: dec.text, output: res.output } : {}),
    });
    if (s.command === 'clean' && !sink) {
      const outBytes = encode(res.output, how);
      if (toStdout) stdout = outBytes;
      else if (s.write) {
        if (rep.status === 'changed') {
          await writeAtomic((input as { path: string }).path, outBytes);
          rep.writtenTo = (input as { path: string }).path;
        }
      } else if (outPath) {
        await writeAtomic(outPath, outBytes);
        rep.writtenTo = outPath;
      }
    } else if (sink && target) {
      // --write leaves an unchanged file alone; an empty output made no file yet
      const f = file ?? new AtomicFile(target);
      if (s.write && rep.status !== 'changed') f.abort();
      else {
        f.commit();
        rep.writtenTo = target;
      }
    }
  } catch (e) {
    // on stdout, the pages cleaned before the failure still go out (as they would have without coalescing); a
    // target file is left as it was
    if (!target) {
      try {
        out?.flush();
      } catch {
        // stdout itself failed: the error below says what went wrong first
      }
    }
    file?.abort();
    rep.status = 'error';
    const code = (e as NodeJS.ErrnoException).code;
    // a file-system error past reading is one of writing the output: say which file and why, in words
    rep.error = e instanceof InputError ? e.message.replace(`${name}: `, '')
      : code && target ? `cannot write ${target}: ${WRITE_ERRORS[code] ?? code}`
        : (e as Error).message;
    // nothing of this file was written: its edits are not counted as made
    rep.edits = [];
    rep.tally = undefined;
  }
  return { report: rep, stdout };
}

/**
 * Processes file inputs in a pool of `jobs` worker threads (tinypool). Reports come back in input order, so the
 * output and the report do not depend on which worker finished first.
 */
async function processInPool(inputs: readonly Input[], s: RunSettings, cwd: string, jobs: number): Promise<FileReport[]> {
  const worker = workerFile();
  if (!worker) {
    const data = loadRuleData(s.options);
    const out: FileReport[] = [];
    for (const input of inputs) out.push((await processFile({ input, settings: s, cwd }, data)).report);
    return out;
  }
  const { default: Tinypool } = await import('tinypool');
  const pool = new Tinypool({ filename: worker, minThreads: jobs, maxThreads: jobs });
  try {
    return await Promise.all(inputs.map(async (input): Promise<FileReport> => {
      // functions (skip) do not cross to a worker thread; the walk already applied them
      const job: FileJob = { input, settings: { ...s, skip: undefined }, cwd };
      try {
        return (await pool.run(job)) as FileReport;
      } catch (e) {
        const name = input.kind === 'stdin' ? '-' : input.path;
        return { file: name, status: 'error', error: `worker failed: ${(e as Error).message}`, groups: [], edits: [] };
      }
    }));
  } finally {
    await pool.destroy();
  }
}

/**
 * The built worker module: beside this file, or, when this file runs from the TypeScript sources (tests), in
 * dist/cli/. Undefined when there is none (files are then processed in-process).
 */
function workerFile(): string | undefined {
  const here = new URL('./worker.js', import.meta.url);
  if (fs.existsSync(here)) return here.href;
  const built = new URL('../../dist/cli/worker.js', import.meta.url);
  return fs.existsSync(built) ? built.href : undefined;
}

/** Write errors by code, in words. */
export const WRITE_ERRORS: Record<string, string> = {
  EACCES: 'permission denied', EPERM: 'operation not permitted', ENOENT: 'no such folder', ENOTDIR: 'a part of the path is not a folder',
  EEXIST: 'a part of the path is a file, not a folder', EISDIR: 'it is a folder', ENOSPC: 'no space left on the device',
  EROFS: 'read-only file system', EDQUOT: 'disk quota exceeded', EMFILE: 'too many open files',
};

/**
 * Reads an input's bytes (or takes standard input's) and decodes them; `withHash`: also the SHA-256 of the bytes,
 * which only a report records (`apply` checks it), so a run without one skips it.
 * @throws InputError (bytes that are not text in the encoding), Error (the file cannot be read)
 */
function readDecoded(job: FileJob, name: string, withHash: boolean): { sha256?: string; dec: ReturnType<typeof decode> } {
  const bytes = job.input.kind === 'stdin' ? (job.stdinBytes as Buffer | undefined) ?? Buffer.alloc(0) : readFile(job.input);
  const sha256 = withHash ? createHash('sha256').update(bytes).digest('hex') : undefined;
  return { sha256, dec: decode(bytes, name, job.settings.options.encoding) };
}

function readFile(input: Input): Buffer {
  const p = (input as { path: string }).path;
  try {
    return fs.readFileSync(p);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : `cannot read (${code ?? (e as Error).message})`);
  }
}

/** The size of a file in bytes, 0 when it cannot be read (the read reports the error). */
function fileSize(p: string): number {
  try {
    return fs.statSync(p).size;
  } catch {
    return 0;
  }
}
