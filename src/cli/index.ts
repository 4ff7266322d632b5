/**
 * The command-line program (commander). One function per command; the shared engine is in run.ts.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { ENCODINGS, type EncodingName } from '../io/decode.js';
import { DEFAULT_OPTIONS, type Options } from '../options.js';
import { PAGE_MODES, type PageMode } from '../pages/split.js';
import { FORMATS, type FormatName } from '../report/formats.js';
import { findRule } from '../rules/index.js';
import type { Level } from '../types.js';
import { run, WRITE_ERRORS, type Io } from './run.js';
import fs from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE, resolveConfig, starterConfig } from '../config.js';
import { writeAtomic } from '../io/files.js';
import { configure, type Scope } from './configure.js';
import { apply } from './apply.js';
import { review } from './review.js';
import { formatRuleDetail, formatRuleList, ruleInfos, similarIds } from './rules.js';
import { CONVERT_MODES } from '../script/convert.js';
import { addScoreCommand } from './score.js';

const VERSION = '0.1.0';

function parseRule(value: string, prev: Record<string, Level>): Record<string, Level> {
  const m = /^([^=\s]+)=(off|fix|suggest)$/.exec(value);
  if (!m) throw new InvalidArgumentError(`expected ID=off|fix|suggest, got "${value}"`);
  if (!findRule(m[1]) && m[1] !== 'pages/duplicate-pass') {
    const near = similarIds(m[1], ruleInfos({ rules: {} }));
    throw new InvalidArgumentError(`unknown rule "${m[1]}"${near.length ? ` (did you mean ${near.join(', ')}?)` : ''} (rule ids are namespace/name; see: ocrtidy rules)`);
  }
  return { ...prev, [m[1]]: m[2] as Level };
}
function parseThreshold(value: string): number {
  const n = Number(value);
  if (!/^\s*(?:0|1|0?\.\d+|1\.0*)\s*$/.test(value) || !(n >= 0 && n <= 1)) throw new InvalidArgumentError(`expected a number from 0 to 1, got "${value}"`);
  return n;
}
const collect = (v: string, prev: string[]) => [...prev, v];
function parseJobs(value: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError(`expected a positive whole number, got "${value}"`);
  return Number(value);
}

/** Adds the options shared by clean and check. */
function sharedOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--pages <mode>', 'how to split a document into pages').choices(PAGE_MODES as string[]).default('auto'))
    .addOption(new Option('--spacing <style>', 'space between CJK and Latin text').choices(['always', 'never', 'keep']).default('always'))
    .addOption(new Option('--punctuation <width>', 'width of CJK punctuation').choices(['auto', 'fullwidth', 'halfwidth', 'keep']).default('auto'))
    .addOption(new Option('--convert <mode>', 'convert Simplified/Traditional Chinese with OpenCC, word by word (off unless given)').choices(CONVERT_MODES as unknown as string[]))
    .option('--rule <id=level>', 'set a rule to off, fix or suggest (repeatable)', parseRule, {} as Record<string, Level>)
    .option('--glossary <file>', 'extra glossary file (repeatable)', collect, [] as string[])
    .option('--no-dedupe', 'keep every pass of a page (no duplicate-pass grouping)')
    .option('--dedupe-across-files', 'also group passes across the files of the run (dumps stored one page per file)')
    .option('--dedupe-threshold <n>', 'minimum similarity (0..1, Jaccard of character 3-grams) of two passes of one page', parseThreshold, DEFAULT_OPTIONS.dedupeThreshold)
    .option('--fuse', 'fuse the passes of a page by alignment, taking per disagreement the variant the rules like better')
    .option('--reflow', 'join printed line wraps inside paragraphs (blank-line paragraph breaks stay)')
    .option('--strip-headers', 'remove running heads and bare page numbers repeated at the top or bottom of consecutive pages')
    .addOption(new Option('--encoding <name>', 'input encoding').choices(ENCODINGS as string[]).default('auto'))
    .option('--ignore <pattern>', 'leave matching files out of directory and glob walks: a .gitignore line relative to the current directory (repeatable)', collect, [] as string[])
    .addOption(new Option('-f, --format <format>', 'report format (default: inline)').choices(FORMATS as string[]))
    .option('--report <file>', 'write the report to FILE instead of stdout; without --format, .html/.json/.sarif/.patch/.diff pick the format')
    .option('--trace', 'print each page\'s text after every rule on stderr (debugging)')
    .option('-q, --quiet', 'no report on stdout and no summary on stderr')
    .option('--config <file>', `config file to use instead of the nearest ${CONFIG_FILE} up from the current directory`)
    .option('--no-config', `use no config file`)
    .option('-j, --jobs <n>', 'worker threads: files in parallel (default: the number of CPUs when several files hold 1 MB or more, else 1); with one file of 1 MB or more, N > 1 shares its pages among N threads', parseJobs);

}

/**
 * Settles a command's options: defaults < config file < command line (see src/cli/configure.ts).
 * @returns undefined after printing the error when the config or .ocrtidyignore is bad (exit 2)
 */
function settle(cmd: Command, o: Record<string, unknown>, io: Io): Scope | undefined {
  try {
    return configure(cmd, o, toOptions(o), io.cwd);
  } catch (e) {
    io.stderr.write(`ocrtidy: ${(e as Error).message}\n`);
    return undefined;
  }
}

function toOptions(o: Record<string, unknown>): Options {
  return {
    ...DEFAULT_OPTIONS,
    pages: o.pages as PageMode,
    spacing: o.spacing as Options['spacing'],
    punctuation: o.punctuation as Options['punctuation'],
    rules: (o.rule as Record<string, Level>) ?? {},
    glossary: (o.glossary as string[]) ?? [],
    dedupe: o.dedupe !== false,
    dedupeAcrossFiles: Boolean(o.dedupeAcrossFiles),
    dedupeThreshold: (o.dedupeThreshold as number | undefined) ?? DEFAULT_OPTIONS.dedupeThreshold,
    fuse: Boolean(o.fuse),
    reflow: Boolean(o.reflow),
    stripHeaders: Boolean(o.stripHeaders),
    encoding: o.encoding as EncodingName,
    convert: o.convert as string | undefined,
  };
}

/**
 * Runs the CLI with `argv` (as process.argv: node, script, args...).
 * @returns the exit code (0 ok, 1 check found something to fix, 2 usage or input error)
 */
export async function main(argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }): Promise<number> {
  if (io.stdout === process.stdout) guardStdout();
  let code = 0;
  const program = new Command()
    .name('ocrtidy')
    .description('Clean OCR dumps of scanned Chinese technical books: duplicate page passes, CJK-Latin spacing, mangled tokens and punctuation, with a report in which every change names its rule.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(run with --help for usage)');

  sharedOptions(
    program
      .command('clean')
      .description('clean INPUT files (files, directories = their **/*.txt, quoted globs; none or - = stdin).\nOne input without --out-dir/--write: the cleaned text goes to stdout and the summary to stderr.')
      .argument('[inputs...]', 'files, directories or quoted globs')
      .option('-o, --out-dir <dir>', 'write each input to DIR/<its path relative to the current directory> (never over an input)')
      .option('-w, --write', 'rewrite the inputs in place (atomically, permissions kept; read-only files refused)'),
  ).action(async (inputs: string[], o: Record<string, unknown>, cmd: Command) => {
    const scope = settle(cmd, o, io);
    if (!scope) return void (code = 2);
    code = await run({
      command: 'clean', inputs, options: scope.options, outDir: o.outDir as string | undefined, write: Boolean(o.write),
      report: o.report as string | undefined, format: o.format as FormatName | undefined, quiet: Boolean(o.quiet),
      strict: false, trace: Boolean(o.trace), skip: scope.skip, jobs: o.jobs as number,
    }, io);
  });

  sharedOptions(
    program
      .command('check')
      .description('report what clean would change, write nothing.\nExit 0 when clean, 1 when a fix would apply (or a suggestion, with --strict), 2 on errors.')
      .argument('[inputs...]', 'files, directories or quoted globs')
      .option('--strict', 'also fail (exit 1) on suggestions'),
  ).action(async (inputs: string[], o: Record<string, unknown>, cmd: Command) => {
    const scope = settle(cmd, o, io);
    if (!scope) return void (code = 2);
    code = await run({
      command: 'check', inputs, options: scope.options, write: false,
      report: o.report as string | undefined, format: o.format as FormatName | undefined, quiet: Boolean(o.quiet),
      strict: Boolean(o.strict), trace: Boolean(o.trace), skip: scope.skip, jobs: o.jobs as number,
    }, io);
  });

  sharedOptions(
    program
      .command('review')
      .description('walk through the edits of each file one by one, like git add -p (y apply, n skip, a/d apply/skip the rest of this rule, q quit), then rewrite the file atomically with the accepted ones and report them like clean --write. Exit 0 done, 1 when an accepted edit depended on a rejected one (not applied), 2 on errors.')
      .argument('<inputs...>', 'files, directories or quoted globs')
      .option('--answers <file>', 'read the answers from FILE (- = standard input) instead of the terminal: every non-blank character is one answer'),
  ).action(async (inputs: string[], o: Record<string, unknown>, cmd: Command) => {
    const scope = settle(cmd, o, io);
    if (!scope) return void (code = 2);
    code = await review({
      inputs, options: scope.options, skip: scope.skip, answers: o.answers as string | undefined,
      report: o.report as string | undefined, format: o.format as FormatName | undefined, quiet: Boolean(o.quiet), trace: Boolean(o.trace),
    }, io);
  });

  sharedOptions(
    program
      .command('apply')
      .description('apply the fix edits left in a json report (check --format json) after a reviewer deleted the ones to reject, rewriting the files atomically and reporting like clean --write. Refuses (exit 2, nothing written) when an input changed since the report or the report holds an edit these options do not make; exit 1 when an edit left depended on a deleted one (not applied).')
      .argument('<report>', 'the edited json report'),
  ).action(async (report: string, o: Record<string, unknown>, cmd: Command) => {
    const scope = settle(cmd, o, io);
    if (!scope) return void (code = 2);
    code = await apply({
      report, options: scope.options, out: o.report as string | undefined, format: o.format as FormatName | undefined,
      quiet: Boolean(o.quiet), trace: Boolean(o.trace),
    }, io);
  });

  program
    .command('rules')
    .description('list every rule with its id, level (after the config file and --rule), what it fixes and an example; with an ID, explain that rule (description, level, source, example)')
    .argument('[id]', 'a rule id, e.g. space/cjk-latin')
    .option('--json', 'print the rules as a JSON array (id, description, defaultLevel, level, example, source, editsProtected)')
    .option('--rule <id=level>', 'set a rule to off, fix or suggest (repeatable)', parseRule, {} as Record<string, Level>)
    .option('--config <file>', `config file to use instead of the nearest ${CONFIG_FILE} up from the current directory`)
    .option('--no-config', 'use no config file')
    .action((id: string | undefined, o: Record<string, unknown>) => {
      let levels: Record<string, Level>;
      try {
        levels = { ...(resolveConfig(o.config as string | boolean | undefined, io.cwd)?.options.rules ?? {}), ...(o.rule as Record<string, Level>) };
      } catch (e) {
        io.stderr.write(`ocrtidy: ${(e as Error).message}\n`);
        return void (code = 2);
      }
      const infos = ruleInfos({ rules: levels });
      const list = id ? infos.filter((r) => r.id === id) : infos;
      if (id && list.length === 0) {
        const near = similarIds(id, infos);
        io.stderr.write(`ocrtidy: unknown rule "${id}"${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}; run "ocrtidy rules" for the list\n`);
        return void (code = 2);
      }
      if (o.json) io.stdout.write(JSON.stringify(id ? list[0] : list, null, 2) + '\n');
      else io.stdout.write(id ? formatRuleDetail(list[0]) : formatRuleList(list));
    });

  program
    .command('init')
    .description(`write a starter ${CONFIG_FILE} (every option with its default, every rule at its default level) in the current directory`)
    .option('--force', 'overwrite an existing config file')
    .action(async (o: { force?: boolean }) => {
      const file = path.join(io.cwd, CONFIG_FILE);
      if (fs.existsSync(file) && !o.force) {
        io.stderr.write(`ocrtidy: ${CONFIG_FILE} already exists here; use --force to overwrite it\n`);
        return void (code = 2);
      }
      await writeAtomic(file, starterConfig(io.cwd));
      io.stderr.write(`ocrtidy: wrote ${file}\n`);
    });

  addScoreCommand(program, io, (c) => { code = c; });

  try {
    await program.parseAsync(argv);
  } catch (e) {
    const ce = e as { code?: string; exitCode?: number };
    if (ce.code === 'commander.helpDisplayed' || ce.code === 'commander.version' || ce.code === 'commander.help') return 0;
    if (ce.code?.startsWith('commander.')) return 2;
    throw e;
  }
  return code;
}

/**
 * Standard output that fails (a reader that went away: `ocrtidy clean big.txt | head`; a full disk) ends the run
 * with exit code 2 and, unless the reader simply stopped reading (EPIPE), one line naming the error, instead of
 * Node's unhandled 'error' event and stack trace. What was written before stays written.
 */
function guardStdout(): void {
  if (process.stdout.listenerCount('error') > 0) return;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') process.stderr.write(`ocrtidy: cannot write to standard output: ${e.code ? (WRITE_ERRORS[e.code] ?? e.code) : e.message}\n`);
    process.exit(2);
  });
}
