/**
 * `ocrtidy score --gold GOLD CANDIDATE...`: CER/WER of each candidate against the gold text, per file and in total.
 * GOLD may be a directory: each CANDIDATE is then a directory too, and files (`**\/*.txt`) are paired by their path
 * relative to it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { lazyRequire } from '../io/lazy.js';
import { decode } from '../io/decode.js';
import { NORMALIZERS } from '../score/normalize.js';
import { addScore, emptyScore, percent, rate, score, topConfusions, type Measure, type Score, type ScoreOptions } from '../score/score.js';
import type { CharUnit } from '../score/units.js';
import type { Io } from './run.js';

const fastGlob = lazyRequire<typeof import('fast-glob')>('fast-glob');

export interface ScoreSettings {
  gold: string;
  candidates: string[];
  format: 'text' | 'json';
  options: ScoreOptions;
  /** How many confusions to list per file. */
  top: number;
}

interface Row {
  gold: string;
  candidate: string;
  score?: Score;
  error?: string;
}

function readText(file: string): string {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : `cannot read (${code})`}`);
  }
  return decode(bytes, file).text;
}

/** The (gold, candidate) file pairs to score. */
function pairsFor(s: ScoreSettings): Row[] {
  const goldIsDir = fs.existsSync(s.gold) && fs.statSync(s.gold).isDirectory();
  if (!goldIsDir) return s.candidates.map((c) => ({ gold: s.gold, candidate: c }));
  const rel = fastGlob().sync('**/*.txt', { cwd: s.gold, onlyFiles: true }).sort();
  const rows: Row[] = [];
  for (const c of s.candidates) {
    if (!fs.existsSync(c) || !fs.statSync(c).isDirectory()) {
      rows.push({ gold: s.gold, candidate: c, error: 'the gold is a directory, so each candidate must be a directory' });
      continue;
    }
    for (const r of rel) rows.push({ gold: path.join(s.gold, r), candidate: path.join(c, r) });
  }
  return rows;
}

const measureJson = (m: Measure) => ({ rate: Number(rate(m).toFixed(6)), ...m });
function scoreJson(s: Score, top: number) {
  return {
    cer: measureJson(s.cer),
    ...(s.cerNoSpace ? { cerNoSpace: measureJson(s.cerNoSpace) } : {}),
    wer: measureJson(s.wer),
    confusions: topConfusions(s, top),
    pieces: s.pieces,
  };
}

const q = (u: string) => (u === '' ? '∅' : JSON.stringify(u));
function scoreText(s: Score, top: number, indent = '  '): string {
  const c = s.cer;
  const lines = [
    `${indent}CER ${percent(c)}  (${c.errors} errors: ${c.substitutions} substitutions, ${c.deletions} deletions, ${c.insertions} insertions; ${c.total} characters)`,
  ];
  if (s.cerNoSpace) lines.push(`${indent}CER ${percent(s.cerNoSpace)} ignoring whitespace  (${s.cerNoSpace.errors} errors; ${s.cerNoSpace.total} characters)`);
  lines.push(`${indent}WER ${percent(s.wer)}  (${s.wer.errors} errors; ${s.wer.total} words)`);
  const conf = topConfusions(s, top);
  if (conf.length) lines.push(`${indent}confusions (gold → candidate): ${conf.map((x) => `${q(x.gold)} → ${q(x.candidate)} ×${x.count}`).join(', ')}`);
  return lines.join('\n') + '\n';
}

/**
 * Runs the score command.
 * @returns 0 when every file was scored, 2 when a file could not be read (the others are still scored)
 */
export function runScore(s: ScoreSettings, io: Io): number {
  const rows = pairsFor(s);
  let gold: { file: string; text: string } | undefined; // one gold text held at a time
  const total = emptyScore();
  for (const row of rows) {
    if (row.error) continue;
    try {
      if (gold?.file !== row.gold) gold = { file: row.gold, text: readText(row.gold) };
      row.score = score(gold.text, readText(row.candidate), s.options);
      addScore(total, row.score);
    } catch (e) {
      row.error = (e as Error).message;
    }
  }
  const ok = rows.filter((r) => r.score);
  if (s.format === 'json') {
    io.stdout.write(JSON.stringify({
      version: 1,
      unit: s.options.unit ?? 'grapheme',
      normalize: s.options.normalize ?? [],
      files: rows.map((r) => (r.score ? { gold: r.gold, candidate: r.candidate, ...scoreJson(r.score, s.top) } : { gold: r.gold, candidate: r.candidate, error: r.error })),
      total: { files: ok.length, ...scoreJson(total, s.top) },
    }, null, 2) + '\n');
  } else {
    for (const r of ok) io.stdout.write(`${r.candidate}  (gold ${r.gold})\n${scoreText(r.score!, s.top)}`);
    if (ok.length > 1) io.stdout.write(`total (${ok.length} files)\n${scoreText(total, s.top)}`);
  }
  for (const r of rows) if (r.error) io.stderr.write(`ocrtidy: ${r.error.startsWith(r.candidate) || r.error.startsWith(r.gold) ? r.error : `${r.candidate}: ${r.error}`}\n`);
  return rows.some((r) => r.error) ? 2 : 0;
}

/** Registers `score` on the program; `setCode` receives the exit code. */
export function addScoreCommand(program: Command, io: Io, setCode: (code: number) => void): void {
  program
    .command('score')
    .description('CER and WER of each CANDIDATE against the true text GOLD (grapheme clusters after NFC), with edit ' +
      'counts and the most frequent confusions, per file and in total. Aligns page by page (form feeds) or line by ' +
      'line. GOLD may be a directory: each CANDIDATE is then a directory and files pair by relative path.')
    .requiredOption('--gold <file>', 'the true text (a file or a directory)')
    .argument('<candidates...>', 'texts to score (files, or directories when GOLD is one)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--unit <unit>', 'what a character is').choices(['grapheme', 'codepoint']).default('grapheme'))
    .addOption(new Option('--segment <how>', 'how to cut texts for alignment').choices(['auto', 'formfeed', 'line', 'whole']).default('auto'))
    .option('--normalize <names>', `ignore differences before scoring, comma-separated: ${NORMALIZERS.join(', ')}`, (v: string) => v.split(',').filter(Boolean), [] as string[])
    .option('--top <n>', 'how many confusions to list', (v: string) => Number.parseInt(v, 10), 10)
    .action((candidates: string[], o: Record<string, unknown>) => {
      for (const n of o.normalize as string[]) {
        if (!(NORMALIZERS as readonly string[]).includes(n)) {
          io.stderr.write(`ocrtidy: unknown normalizer "${n}" (known: ${NORMALIZERS.join(', ')})\n`);
          setCode(2);
          return;
        }
      }
      setCode(runScore({
        gold: o.gold as string,
        candidates,
        format: o.format as 'text' | 'json',
        top: Number.isFinite(o.top) && (o.top as number) >= 0 ? (o.top as number) : 10,
        options: { unit: o.unit as CharUnit, segment: o.segment as ScoreOptions['segment'], normalize: o.normalize as string[] },
      }, io));
    });
}
