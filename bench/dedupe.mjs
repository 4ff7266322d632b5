#!/usr/bin/env node
// Benchmark of duplicate-pass grouping (pages/duplicate-pass) on a large one-page-per-line dump.
//   node bench/dedupe.mjs [DUMP] [--size MB]
// Without DUMP it makes one with ../shared/bench/make-dump.py (about 3.2 KB per page: 160 MB gives about 50,000
// pages, ~10% of them present twice) in the system temp folder. Reports the time of each grouping stage and the
// groups found; run `npm run build` first (it imports dist/).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { findGroups } = await import(path.join(root, 'dist/pages/dedupe.js'));
const { dedupePages } = await import(path.join(root, 'dist/pages/passes.js'));
const { DEFAULT_OPTIONS } = await import(path.join(root, 'dist/options.js'));

const args = process.argv.slice(2);
const sizeAt = args.indexOf('--size');
const size = sizeAt >= 0 ? Number(args[sizeAt + 1]) : 160;
let dump = args.find((a, i) => !a.startsWith('--') && (sizeAt < 0 || i !== sizeAt + 1));
if (!dump) {
  dump = path.join(os.tmpdir(), `ocrtidy-bench-${size}mb.txt`);
  if (!fs.existsSync(dump)) {
    const maker = path.join(root, '..', 'shared', 'bench', 'make-dump.py');
    console.log(`making ${dump} (${size} MB) with ${maker} ...`);
    execFileSync('python3', [maker, String(size), dump], { stdio: 'inherit' });
  }
}
const t0 = performance.now();
const pages = fs.readFileSync(dump, 'utf8').split('\n').filter((l) => l.length > 0);
const t1 = performance.now();
const cpu1 = process.cpuUsage();
const groups = findGroups(pages, DEFAULT_OPTIONS.dedupeThreshold);
const t2 = performance.now();
const cpu2 = process.cpuUsage(cpu1);
// choosing: OCR symptoms and lookalike evidence only (the rules' findings are left out to time grouping itself)
const cpu3 = process.cpuUsage();
const chosen = dedupePages(pages.map((text, i) => ({ text, page: i, line: i + 1 })), DEFAULT_OPTIONS.dedupeThreshold, () => 0);
const t3 = performance.now();
const cpu4 = process.cpuUsage(cpu3);
const grouped = groups.reduce((n, g) => n + g.members.length, 0);
const mem = process.memoryUsage();
console.log(`dump: ${dump} (${(fs.statSync(dump).size / 1e6).toFixed(1)} MB, ${pages.length} pages, read in ${((t1 - t0) / 1000).toFixed(2)} s)`);
console.log(`grouping (shingles + MinHash + LSH + exact confirmation): ${((t2 - t1) / 1000).toFixed(2)} s wall, ${((cpu2.user + cpu2.system) / 1e6).toFixed(2)} s CPU, ${groups.length} groups, ${grouped} pages in groups`);
console.log(`grouping + choosing the kept pass: ${((t3 - t2) / 1000).toFixed(2)} s wall, ${((cpu4.user + cpu4.system) / 1e6).toFixed(2)} s CPU, ${chosen.length} groups`);
console.log(`throughput: ${Math.round(pages.length / ((t2 - t1) / 1000))} pages/s; heap ${(mem.heapUsed / 1e6).toFixed(0)} MB, rss ${(mem.rss / 1e6).toFixed(0)} MB`);
