#!/usr/bin/env node
// Speed of the script rules on their own: node bench/script.mjs DUMP [--convert MODE]
// (with --convert, only script/convert is timed, its one-off loading included)
// (make a dump with `python3 ../shared/bench/make-dump.py 10 /tmp/dump10.txt`). Runs the default-on rules
// script/confusable and script/stray over every page (one page per line) and prints the time per MB, with the
// one-off loading cost (lexicon, tables) shown apart. Build first (npm run build).
import fs from 'node:fs';
import { scriptConfusable } from '../dist/rules/script-confusable.js';
import { scriptStray } from '../dist/rules/script-stray.js';
import { scriptConvert } from '../dist/rules/script-convert.js';
import { jiebaLexicon } from '../dist/script/lexicon.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/script.mjs DUMP [--convert MODE]');
  process.exit(2);
}
const mi = process.argv.indexOf('--convert');
const mode = mi > 0 ? process.argv[mi + 1] : undefined;
const text = fs.readFileSync(file, 'utf8');
const mb = Buffer.byteLength(text) / 1e6;
const pages = text.split('\n');
const ctx = { style: { spacing: 'always', punctuation: 'auto' }, layout: 'line', data: { ignore: [], convert: mode } };

let t = performance.now();
jiebaLexicon();
console.log(`lexicon load: ${(performance.now() - t).toFixed(0)} ms (once per run, only when a page has a confusable character)`);

const rules = mode ? [scriptConvert] : [scriptConfusable, scriptStray];
for (const rule of rules) {
  t = performance.now();
  const cpu0 = process.cpuUsage();
  const state = rule.analyze ? rule.analyze(pages, ctx) : undefined;
  let edits = 0;
  for (const p of pages) edits += rule.apply(p, { ...ctx, state }).length;
  const ms = performance.now() - t;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(`${rule.id}: ${mb.toFixed(1)} MB in ${ms.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU = ${(cpuMs / mb).toFixed(0)} ms CPU/MB, ${edits} edits`);
}
