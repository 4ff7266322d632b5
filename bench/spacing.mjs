#!/usr/bin/env node
// Spacing throughput: ocrtidy's spacing rules (space/*, punct/width) beside pangu.js, in the same run, over the
// same dump (one page per line, like the seed). Prints MB/s for both (MB = 10^6 UTF-8 bytes of input).
//
//   node bench/spacing.mjs [DUMP] [--runs N]
//
// Without DUMP, a 10 MB dump is made with ../shared/bench/make-dump.py (python3) in the system temp folder.
// Needs a build (npm run build). Each tool is timed over the whole dump N times (default 3) after one warm-up
// pass; the best run counts (CPU seconds of this process, so that other jobs on a shared machine do not count). Both tools get the dump page by page (pangu.spacingText per page; ocrtidy's rule
// runner per page, with punct/width's per-document analysis over all pages included in the time).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pangu } from 'pangu';
import { RULES } from '../dist/rules/index.js';
import { runRules } from '../dist/rules/runner.js';
import { pageLayout } from '../dist/pages/split.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
if (!Number.isInteger(runs) || runs < 1) {
  console.error('bench/spacing: --runs needs a positive integer');
  process.exit(2);
}
let dump = args.find((a, i) => !a.startsWith('--') && (runsAt < 0 || i !== runsAt + 1));
if (!dump) {
  dump = path.join(os.tmpdir(), 'ocrtidy-bench-10mb.txt');
  if (!fs.existsSync(dump)) {
    const maker = path.resolve(here, '..', '..', 'shared', 'bench', 'make-dump.py');
    const r = spawnSync('python3', [maker, '10', dump], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) {
      console.error(`bench/spacing: could not make the dump with ${maker}; pass a DUMP file instead`);
      process.exit(2);
    }
  }
}
if (!fs.existsSync(dump)) {
  console.error(`bench/spacing: ${dump}: no such file`);
  process.exit(2);
}
const text = fs.readFileSync(dump, 'utf8');
const mb = Buffer.byteLength(text, 'utf8') / 1e6;
const pages = text.split('\n');

const SPACING = ['space/runs', 'space/ocr-letterspacing', 'space/cjk-latin', 'space/punctuation', 'space/heading', 'punct/width'];
const rules = SPACING.map((id) => RULES.find((r) => r.id === id)).filter(Boolean);
const base = { style: { spacing: 'always', punctuation: 'auto' }, layout: 'line', data: { ignore: [] } };

function ocrtidy() {
  const active = rules.map((rule) => ({ rule, level: 'fix', state: rule.analyze?.(pages, base) }));
  let out = 0;
  for (const p of pages) out += runRules(p, active, { ...base, layout: pageLayout(p) }).text.length;
  return out;
}
function panguRun() {
  let out = 0;
  for (const p of pages) out += pangu.spacingText(p).length;
  return out;
}

function time(fn) {
  // CPU time of this process (the machine may be shared; wall time would count other jobs)
  fn(); // warm-up
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = process.cpuUsage();
    fn();
    const used = process.cpuUsage(t0);
    best = Math.min(best, (used.user + used.system) / 1e6);
  }
  return best;
}

console.log(`dump: ${dump} (${mb.toFixed(1)} MB, ${pages.length} pages), best of ${runs}`);
const tOurs = time(ocrtidy);
const tPangu = time(panguRun);
const row = (name, t) => `${name.padEnd(34)} ${t.toFixed(2).padStart(7)} s  ${(mb / t).toFixed(2).padStart(7)} MB/s`;
console.log(row(`ocrtidy spacing (${rules.length} rules)`, tOurs));
console.log(row('pangu.js 7.2.1 spacingText', tPangu));
console.log(`ratio: ocrtidy is ${(tPangu / tOurs).toFixed(2)}x pangu's throughput`);
