/**
 * The shared engine of `clean` and `check`: resolve inputs, read, process each document, write, report.
 */
import fs from 'node:fs';
import { decode, encode, InputError } from '../io/decode.js';
import { outPathFor, readStdin, resolveInputs, writeAtomic, type Input } from '../io/files.js';
import type { Options } from '../options.js';
import { processDocument, ruleFindings, type DocPlan } from '../pipeline.js';
import { planAcrossFiles } from '../pages/across.js';
import { render, type FormatName } from '../report/formats.js';
import { summaryLine, type FileReport, type RunReport } from '../report/model.js';
import { loadRuleData } from '../rules/data.js';

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
  ignoreGlobs: string[];
}

/** Streams the process writes to; replaceable in tests. */
export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  cwd: string;
}

const useColor = (s: { isTTY?: boolean }) => Boolean(s.isTTY) && !process.env.NO_COLOR;

/**
 * Runs clean or check.
 * @returns the exit code: 0 done/clean, 1 (check) a fix would apply, 2 usage or input error
 */
export async function run(s: RunSettings, io: Io): Promise<number> {
  const t0 = performance.now();
  const err = (msg: string) => io.stderr.write(`ocrtidy: ${msg}\n`);
  const { inputs, errors } = resolveInputs(s.inputs, s.ignoreGlobs);
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
  let data;
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
  for (const input of inputs) {
    const name = input.kind === 'stdin' ? '-' : input.path;
    const rep: FileReport = { file: name, status: 'unchanged', groups: [], edits: [] };
    reports.push(rep);
    try {
      const bytes = input.kind === 'stdin' ? await readStdin() : readFile(input);
      const dec = decode(bytes, name, s.options.encoding);
      const traceFn = s.trace
        ? (page: number, rule: string, text: string) => io.stderr.write(`--- ${name} page ${page + 1} after ${rule}\n${text}\n`)
        : undefined;
      const res = processDocument(dec.text, s.options, data, traceFn, plans?.get(name));
      Object.assign(rep, {
        status: res.output === dec.text ? 'unchanged' : 'changed',
        encoding: dec.encoding, bom: dec.bom, eol: dec.eol,
        pageMode: res.pageMode, pagesIn: res.pagesIn, pagesOut: res.pagesOut,
        groups: res.groups, edits: res.edits, original: dec.text, output: res.output,
      });
      if (s.command === 'clean') {
        const outBytes = encode(res.output, dec);
        if (toStdout) io.stdout.write(outBytes);
        else if (s.write) {
          if (rep.status === 'changed') {
            await writeAtomic((input as { path: string }).path, outBytes);
            rep.writtenTo = (input as { path: string }).path;
          }
        } else if (s.outDir) {
          const out = outPathFor((input as { path: string }).path, s.outDir, io.cwd);
          await writeAtomic(out, outBytes);
          rep.writtenTo = out;
        }
      }
    } catch (e) {
      rep.status = 'error';
      rep.error = e instanceof InputError ? e.message.replace(`${name}: `, '') : (e as Error).message;
    }
  }
  const report: RunReport = { command: s.command, files: reports, seconds: (performance.now() - t0) / 1000 };
  for (const f of reports) if (f.status === 'error') err(`${f.file}: ${f.error}`);

  // the report: to --report FILE; else to stdout unless stdout carries the cleaned text
  const format: FormatName = s.format ?? 'inline';
  if (s.report) {
    try {
      await writeAtomic(s.report, render(report, format, false));
    } catch (e) {
      err(`cannot write the report ${s.report}: ${(e as Error).message}`);
      return 2;
    }
  } else if (!toStdout && !s.quiet) {
    io.stdout.write(render(report, format, useColor(io.stdout)));
  }
  if (!s.quiet) io.stderr.write(summaryLine(report) + '\n');

  if (reports.some((f) => f.status === 'error')) return 2;
  if (s.command === 'check') {
    const fixes = reports.some((f) => f.status === 'changed');
    const suggestions = reports.some((f) => f.edits.some((e) => e.status === 'suggested'));
    return fixes || (s.strict && suggestions) ? 1 : 0;
  }
  return 0;
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
