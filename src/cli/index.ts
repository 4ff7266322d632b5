/**
 * The command-line program (commander). One function per command; the shared engine is in run.ts.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { ENCODINGS, type EncodingName } from '../io/decode.js';
import { DEFAULT_OPTIONS, type Options } from '../options.js';
import { PAGE_MODES, type PageMode } from '../pages/split.js';
import { FORMATS, type FormatName } from '../report/formats.js';
import { findRule, RULES } from '../rules/index.js';
import type { Level } from '../types.js';
import { run, type Io } from './run.js';

const VERSION = '0.1.0';

function parseRule(value: string, prev: Record<string, Level>): Record<string, Level> {
  const m = /^([\w-]+\/[\w-]+)=(off|fix|suggest)$/.exec(value);
  if (!m) throw new InvalidArgumentError(`expected ID=off|fix|suggest, got "${value}"`);
  if (!findRule(m[1]) && m[1] !== 'pages/duplicate-pass') throw new InvalidArgumentError(`unknown rule "${m[1]}" (see: ocrtidy rules)`);
  return { ...prev, [m[1]]: m[2] as Level };
}
function parseThreshold(value: string): number {
  const n = Number(value);
  if (!/^\s*(?:0|1|0?\.\d+|1\.0*)\s*$/.test(value) || !(n >= 0 && n <= 1)) throw new InvalidArgumentError(`expected a number from 0 to 1, got "${value}"`);
  return n;
}
const collect = (v: string, prev: string[]) => [...prev, v];

/** Adds the options shared by clean and check. */
function sharedOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--pages <mode>', 'how to split a document into pages').choices(PAGE_MODES as string[]).default('auto'))
    .addOption(new Option('--spacing <style>', 'space between CJK and Latin text').choices(['always', 'never', 'keep']).default('always'))
    .addOption(new Option('--punctuation <width>', 'width of CJK punctuation').choices(['auto', 'fullwidth', 'halfwidth', 'keep']).default('auto'))
    .option('--rule <id=level>', 'set a rule to off, fix or suggest (repeatable)', parseRule, {} as Record<string, Level>)
    .option('--glossary <file>', 'extra glossary file (repeatable)', collect, [] as string[])
    .option('--no-dedupe', 'keep every pass of a page (no duplicate-pass grouping)')
    .option('--dedupe-across-files', 'also group passes across the files of the run (dumps stored one page per file)')
    .option('--dedupe-threshold <n>', 'minimum similarity (0..1, Jaccard of character 3-grams) of two passes of one page', parseThreshold, DEFAULT_OPTIONS.dedupeThreshold)
    .option('--fuse', 'fuse the passes of a page by alignment, taking per disagreement the variant the rules like better')
    .option('--reflow', 'join printed line wraps inside paragraphs (blank-line paragraph breaks stay)')
    .option('--strip-headers', 'remove running heads and bare page numbers repeated at the top or bottom of consecutive pages')
    .addOption(new Option('--encoding <name>', 'input encoding').choices(ENCODINGS as string[]).default('auto'))
    .option('--ignore <glob>', 'leave matching files out of directory and glob walks (repeatable)', collect, [] as string[])
    .addOption(new Option('-f, --format <format>', 'report format').choices(FORMATS as string[]))
    .option('--report <file>', 'write the report to FILE instead of stdout')
    .option('--trace', 'print each page\'s text after every rule on stderr (debugging)')
    .option('-q, --quiet', 'no report on stdout and no summary on stderr');
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
  };
}

/**
 * Runs the CLI with `argv` (as process.argv: node, script, args...).
 * @returns the exit code (0 ok, 1 check found something to fix, 2 usage or input error)
 */
export async function main(argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }): Promise<number> {
  let code = 0;
  const program = new Command()
    .name('ocrtidy')
    .description('Clean OCR dumps of scanned Chinese technical books: duplicate page passes, CJK-Latin spacing,\nmangled tokens and punctuation, with a report in which every change names its rule.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(run with --help for usage)');

  sharedOptions(
    program
      .command('clean')
      .description('clean INPUT files (files, directories = their **/*.txt, quoted globs; none or - = stdin).\nOne input without --out-dir/--write: the cleaned text goes to stdout and the summary to stderr.')
      .argument('[inputs...]', 'files, directories or quoted globs')
      .option('-o, --out-dir <dir>', 'write each input to DIR/<its path relative to the current directory>')
      .option('-w, --write', 'rewrite the inputs in place (atomically, permissions kept)'),
  ).action(async (inputs: string[], o: Record<string, unknown>) => {
    code = await run({
      command: 'clean', inputs, options: toOptions(o), outDir: o.outDir as string | undefined, write: Boolean(o.write),
      report: o.report as string | undefined, format: o.format as FormatName | undefined, quiet: Boolean(o.quiet),
      strict: false, trace: Boolean(o.trace), ignoreGlobs: o.ignore as string[],
    }, io);
  });

  sharedOptions(
    program
      .command('check')
      .description('report what clean would change, write nothing.\nExit 0 when clean, 1 when a fix would apply (or a suggestion, with --strict), 2 on errors.')
      .argument('[inputs...]', 'files, directories or quoted globs')
      .option('--strict', 'also fail (exit 1) on suggestions'),
  ).action(async (inputs: string[], o: Record<string, unknown>) => {
    code = await run({
      command: 'check', inputs, options: toOptions(o), write: false,
      report: o.report as string | undefined, format: o.format as FormatName | undefined, quiet: Boolean(o.quiet),
      strict: Boolean(o.strict), trace: Boolean(o.trace), ignoreGlobs: o.ignore as string[],
    }, io);
  });

  program
    .command('rules')
    .description('list every rule with its id, default level and what it fixes, or explain one')
    .argument('[id]', 'a rule id')
    .action((id?: string) => {
      const list = id ? RULES.filter((r) => r.id === id) : RULES;
      if (id && list.length === 0) {
        io.stderr.write(`ocrtidy: unknown rule "${id}"\n`);
        code = 2;
        return;
      }
      for (const r of list) {
        io.stdout.write(`${r.id.padEnd(26)} ${r.defaultLevel.padEnd(8)} ${r.description}\n`);
        io.stdout.write(`${''.padEnd(35)} e.g. ${r.example.before}  ->  ${r.example.after}\n`);
        if (id) io.stdout.write(`${''.padEnd(35)} source: ${r.source}\n`);
      }
    });

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
