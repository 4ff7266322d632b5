/**
 * `ocrtidy review FILE...`: walks through the edits of each file one by one, like `git add -p`, then writes the
 * accepted ones (atomically). Answers come from the terminal, or from `--answers FILE` (`-` = stdin) for scripts
 * and tests: every non-blank character of that text is one answer, in order.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import pc from 'picocolors';
import { decode, encode } from '../io/decode.js';
import { resolveInputs, writeAtomic } from '../io/files.js';
import type { Options } from '../options.js';
import { processDocument, type DocEdit } from '../pipeline.js';
import { render, type FormatName } from '../report/formats.js';
import type { FileReport } from '../report/model.js';
import { applySelection, selectionReport, unsupportedOptions, reviewable, type EditIdentity } from '../review/select.js';
import { loadRuleData } from '../rules/data.js';
import type { Io } from './run.js';

/** One answer: y accept, n reject, a accept the rest of this rule, d reject the rest of this rule, q quit, ? help. */
export type Answer = 'y' | 'n' | 'a' | 'd' | 'q' | '?';

/** Where the answers come from. `next` resolves to undefined when there are no more answers. */
export interface AnswerSource {
  next(prompt: string): Promise<string | undefined>;
  close(): void;
  /** True after Ctrl-C on the terminal: stop without writing the file under review. */
  interrupted?: boolean;
}

export const REVIEW_HELP = [
  'y - apply this edit',
  'n - do not apply this edit',
  'a - apply this edit and every later edit of the same rule in this file',
  'd - do not apply this edit nor any later edit of the same rule in this file',
  'q - quit: do not apply this edit nor any later one (the edits accepted so far are written)',
  '? - print this help',
].join('\n');

/** Answers from a script: every non-blank character is one answer. */
export function scriptedAnswers(text: string, echo: (s: string) => void): AnswerSource {
  const chars = Array.from(text.replace(/\s+/g, ''));
  let i = 0;
  return {
    async next(prompt) {
      const a = chars[i++];
      echo(`${prompt}${a ?? ''}\n`);
      return a;
    },
    close() {},
  };
}

/**
 * Answers typed on the terminal, one line each (the first letter counts; an empty line asks for help). Lines typed
 * ahead (or pasted) are queued, never lost. Ctrl-D ends them (treated as quit); Ctrl-C interrupts (nothing more
 * is written).
 */
export function terminalAnswers(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): AnswerSource {
  const rl = readline.createInterface({ input, output, terminal: true });
  const queue: string[] = [];
  let closed = false;
  let waiter: ((line: string | undefined) => void) | undefined;
  const norm = (line: string) => line.trim().toLowerCase().slice(0, 1) || '?';
  rl.on('line', (line) => {
    const w = waiter;
    waiter = undefined;
    if (w) w(line);
    else queue.push(line);
  });
  rl.on('close', () => {
    closed = true;
    const w = waiter;
    waiter = undefined;
    w?.(undefined);
  });
  const source: AnswerSource = {
    next(prompt) {
      if (queue.length > 0) {
        const line = queue.shift()!;
        output.write(`${prompt}${line}\n`);
        return Promise.resolve(norm(line));
      }
      if (closed) return Promise.resolve(undefined);
      rl.setPrompt(prompt);
      rl.prompt();
      return new Promise((resolve) => {
        waiter = (line) => resolve(line === undefined ? undefined : norm(line));
      });
    },
    close: () => rl.close(),
  };
  rl.on('SIGINT', () => {
    source.interrupted = true;
    output.write('^C\n');
    rl.close();
  });
  return source;
}

const oneLine = (s: string) => s.replace(/\n/g, '⏎').replace(/\f/g, '␌');

/**
 * An edit shown in its context, on one line: `…before[-old-]{+new+}after…` (git's word-diff markers), with up
 * to `width` UTF-16 code units of context each side within the line. Line breaks and form feeds inside the edit
 * show as ⏎ and ␌; a replaced text longer than 160 code units is shortened in the middle.
 */
export function showEdit(src: string, e: DocEdit, color: boolean, width = 30): string {
  const c = pc.createColors(color);
  // context stays within the line (a line break or a form feed ends it)
  const lineStart = Math.max(src.lastIndexOf('\n', e.offset - 1), src.lastIndexOf('\f', e.offset - 1)) + 1;
  const ends = [src.indexOf('\n', e.endOffset), src.indexOf('\f', e.endOffset)].filter((i) => i >= 0);
  const lineEnd = ends.length > 0 ? Math.min(...ends) : src.length;
  const from = Math.max(lineStart, e.offset - width);
  const to = Math.min(lineEnd, e.endOffset + width);
  const pre = (from > lineStart ? '…' : '') + src.slice(from, e.offset);
  const post = src.slice(e.endOffset, to) + (to < lineEnd ? '…' : '');
  const cut = (s: string) => (s.length > 160 ? `${s.slice(0, 80)}…(${s.length} characters)…${s.slice(-40)}` : s);
  const del = e.before ? c.red(`[-${oneLine(cut(e.before))}-]`) : '';
  const ins = e.after ? c.green(`{+${oneLine(cut(e.after))}+}`) : '';
  return `${oneLine(pre)}${del}${ins}${oneLine(post)}`;
}

export interface ReviewSettings {
  inputs: string[];
  options: Options;
  skip?: (file: string) => boolean;
  /** `--answers FILE` (`-` = stdin), or undefined for the terminal. */
  answers?: string;
  report?: string;
  format?: FormatName;
  quiet: boolean;
  trace: boolean;
}

/**
 * Runs `review`.
 * @returns 0 done, 1 some accepted edits could not be applied (they depended on a rejected one), 2 errors
 */
export async function review(s: ReviewSettings, io: Io & { stdin?: NodeJS.ReadableStream & { isTTY?: boolean } }): Promise<number> {
  const err = (m: string) => io.stderr.write(`ocrtidy: ${m}\n`);
  const stdin = io.stdin ?? process.stdin;
  const color = Boolean((io.stdout as { isTTY?: boolean }).isTTY) && !process.env.NO_COLOR;
  const out = (t: string) => io.stdout.write(t);
  const unsupported = unsupportedOptions(s.options);
  if (unsupported) {
    err(unsupported);
    return 2;
  }
  const { inputs, errors } = resolveInputs(s.inputs, s.skip);
  for (const e of errors) err(`${e.input}: ${e.message}`);
  if (inputs.some((i) => i.kind === 'stdin')) {
    err('review edits files in place; standard input cannot be reviewed (use check or clean for a pipe)');
    return 2;
  }
  if (errors.length > 0) return 2;
  let answers: AnswerSource;
  if (s.answers !== undefined) {
    let text: string;
    try {
      text = s.answers === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(s.answers, 'utf8');
    } catch (e) {
      err(`cannot read the answers ${s.answers}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      return 2;
    }
    answers = scriptedAnswers(text, out);
  } else if (stdin.isTTY) {
    answers = terminalAnswers(stdin, io.stdout);
  } else {
    err('review asks on a terminal, and standard input is not one; give the answers with --answers FILE (or --answers - to read them from standard input)');
    return 2;
  }
  let data;
  try {
    data = loadRuleData(s.options);
  } catch (e) {
    err((e as Error).message);
    answers.close();
    return 2;
  }

  const traceFn = (name: string) => (s.trace
    ? (page: number, rule: string, text: string) => io.stderr.write(`--- ${name} page ${page + 1} after ${rule}\n${text}\n`)
    : undefined);
  let code = 0;
  let quit = false;
  const reports: FileReport[] = [];
  try {
    for (const input of inputs) {
      if (quit) break;
      const file = (input as { path: string }).path;
      let bytes: Buffer;
      let dec;
      try {
        bytes = fs.readFileSync(file);
        dec = decode(bytes, file, s.options.encoding);
      } catch (e) {
        err(`${file}: ${(e as Error).message.replace(`${file}: `, '')}`);
        code = 2;
        continue;
      }
      const res = processDocument(dec.text, s.options, data, traceFn(file));
      const cands = reviewable(res);
      if (cands.length === 0) {
        if (!s.quiet) io.stderr.write(`ocrtidy review: ${file}: nothing to change\n`);
        continue;
      }
      const accepted: EditIdentity[] = [];
      const byRule = new Map<string, 'y' | 'n'>();
      let i = 0;
      for (; i < cands.length && !quit; i++) {
        const e = cands[i];
        const auto = byRule.get(e.rule);
        if (auto) {
          if (auto === 'y') accepted.push(e);
          continue;
        }
        const level = e.status === 'suggested' ? c(color).yellow('suggestion') : 'fix';
        out(`\n${c(color).bold(`(${i + 1}/${cands.length}) ${file}:${e.line}:${e.column}`)}  ${c(color).cyan(e.rule)}  ${level}${e.message ? `  ${e.message}` : ''}\n`);
        out(`  ${showEdit(dec.text, e, color)}\n`);
        for (;;) {
          const a = await answers.next(`Apply this edit [y,n,a,d,q,?]? `);
          if (a === undefined && answers.interrupted) {
            quit = true;
            break;
          }
          if (a === undefined) {
            if (!s.quiet) io.stderr.write('ocrtidy review: no more answers: quitting (the edits accepted so far are written)\n');
            quit = true;
            break;
          }
          const k = a.toLowerCase();
          if (k === 'y' || k === 'a') accepted.push(e);
          if (k === 'a') byRule.set(e.rule, 'y');
          if (k === 'd') byRule.set(e.rule, 'n');
          if (k === 'q') quit = true;
          if ('ynadq'.includes(k)) break;
          out(`${REVIEW_HELP}\n`);
        }
      }
      if (answers.interrupted) {
        err(`interrupted: ${file} left unchanged`);
        return 130;
      }
      // quitting stops the questions, not an earlier `a`: the later edits of a rule accepted with `a` still apply
      for (; i < cands.length; i++) if (byRule.get(cands[i].rule) === 'y') accepted.push(cands[i]);
      let sel;
      try {
        sel = applySelection(dec.text, s.options, data, accepted);
      } catch (e) {
        err(`${file}: ${(e as Error).message}; file left unchanged`);
        code = 2;
        continue;
      }
      const rep = selectionReport(file, dec, sel);
      reports.push(rep);
      if (sel.output !== dec.text) {
        await writeAtomic(file, encode(sel.output, dec));
        rep.writtenTo = file;
      }
      if (!s.quiet) {
        io.stderr.write(`ocrtidy review: ${file}: ${accepted.length - sel.conflicts.length} of ${cands.length} edits applied${rep.writtenTo ? ', written' : ', file unchanged'}\n`);
      }
      for (const x of sel.conflicts) {
        err(`${file}: accepted edit ${x.rule} at offset ${x.offset} not applied: it depended on an edit you rejected`);
        code = Math.max(code, 1);
      }
    }
  } finally {
    answers.close();
  }
  const rc = await writeReport(reports, s.report, s.format, s.quiet, io);
  return Math.max(code, rc);
}

const c = (color: boolean) => pc.createColors(color);

/**
 * Reports the edits applied by review or apply, like clean --write: to `--report FILE`, else to stdout unless quiet.
 * @returns 2 when the report file cannot be written, else 0
 */
export async function writeReport(files: FileReport[], file: string | undefined, format: FormatName | undefined, quiet: boolean, io: Io): Promise<number> {
  const report = { command: 'clean' as const, files, seconds: 0 };
  if (file) {
    try {
      await writeAtomic(file, render(report, format ?? 'inline', false));
    } catch (e) {
      io.stderr.write(`ocrtidy: cannot write the report ${file}: ${(e as Error).message}\n`);
      return 2;
    }
  } else if (!quiet) {
    io.stdout.write(render(report, format ?? 'inline', Boolean((io.stdout as { isTTY?: boolean }).isTTY) && !process.env.NO_COLOR));
  }
  return 0;
}
