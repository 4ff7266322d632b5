#!/usr/bin/env node
// npm run eval [-- CORPUS_DIR...] [--verbose] [--json FILE] [--cli "node bin/ocrtidy.js"] [--args "..."]
//
// Runs the ocrtidy CLI over a corpus folder and prints, per suite, the character error rate before (raw OCR) and
// after cleaning and how many pages were made worse or better. Default corpus: ../shared/corpus beside the
// project, when present. Exit 0 when done, 2 when no corpus is found or the CLI could not run.
//
// Corpus layout (each folder holding page files is one document):
//   pNNN.noisy.txt + pNNN.clean.txt    two passes of a page; the clean pass is the true text (seed layout); the
//                                      clean pass is also cleaned, to measure damage done to good text
//   pNNN.passK.txt + pNNN.gold.txt     OCR passes of a page and its true text; the gold is cleaned too (damage)
//   dump.txt                           the whole dump as one document; its true text is gold.txt, or, in the seed
//                                      layout (noisy/clean pairs), the clean passes (every second line)
//   scoring.json                       {"normalize": [...]} in the folder or a parent: differences ignored on both
//                                      sides before scoring (see src/score/normalize.ts)
// CER here counts Unicode code points over whole page texts (exact Levenshtein), the reference scoreboard's
// measure, so the figures agree with it; `ocrtidy score` gives grapheme-cluster CER, WER and confusions.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist', 'score');
if (!fs.existsSync(path.join(dist, 'score.js'))) {
  console.error('eval: dist/ is missing; build first (npm run build)');
  process.exit(2);
}
const { distance } = await import(path.join(dist, 'align.js'));
const { normalizeForScore } = await import(path.join(dist, 'normalize.js'));
const { units, encode, SymbolTable } = await import(path.join(dist, 'units.js'));

// ---- arguments
const argv = process.argv.slice(2);
const flags = { verbose: false, json: null, cli: `node ${path.join(root, 'bin', 'ocrtidy.js')}`, args: '' };
const corpora = [];
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--verbose') flags.verbose = true;
  else if (a === '--json' || a === '--cli' || a === '--args') flags[a.slice(2)] = argv[++i];
  else if (a === '--help' || a === '-h') {
    console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 6).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
    process.exit(0);
  } else if (a.startsWith('--')) {
    console.error(`eval: unknown option ${a} (see --help)`);
    process.exit(2);
  } else corpora.push(path.resolve(a));
}
if (corpora.length === 0) {
  const dflt = path.resolve(root, '..', 'shared', 'corpus');
  if (!fs.existsSync(dflt)) {
    console.error(`eval: no corpus found: ${dflt} does not exist; give a corpus folder: npm run eval -- DIR`);
    process.exit(2);
  }
  corpora.push(dflt);
}
for (const c of corpora) {
  if (!fs.existsSync(c) || !fs.statSync(c).isDirectory()) {
    console.error(`eval: no corpus found: ${c} is not a directory`);
    process.exit(2);
  }
}

// ---- collect the jobs: an input for the CLI and the true text it is scored against
const read = (p) => fs.readFileSync(p, 'utf8');
function docsUnder(dir) {
  const out = [];
  const walk = (d) => {
    let entries;
    try {
      entries = fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    } catch {
      return; // unreadable folder
    }
    if (entries.some((e) => e.isFile() && /^p\d+\.|^dump\.txt$/.test(e.name))) out.push(d);
    for (const e of entries) if (e.isDirectory()) walk(path.join(d, e.name));
  };
  walk(dir);
  return out;
}
function normalizersFor(dir, top) {
  for (let d = dir; d.startsWith(top); d = path.dirname(d)) {
    const f = path.join(d, 'scoring.json');
    if (fs.existsSync(f)) {
      try {
        return JSON.parse(read(f)).normalize ?? [];
      } catch (e) {
        console.error(`eval: ${f}: not valid JSON (${e.message})`);
        process.exit(2);
      }
    }
    if (d === top) break;
  }
  return [];
}
const jobs = [];
for (const top of corpora) {
  for (const dir of docsUnder(top)) {
    const files = fs.readdirSync(dir).sort();
    const seedLayout = files.some((f) => f.endsWith('.noisy.txt'));
    const label = path.relative(path.dirname(top), dir);
    const normalize = normalizersFor(dir, top);
    const add = (suite, name, input, gold, extra = {}) => {
      if (gold === null) return; // no true text beside it (noted by goldOf)
      jobs.push({ suite: `${label} ${suite}`, name, input, gold, normalize, ...extra });
    };
    const goldOf = (f, forWhat) => {
      if (fs.existsSync(path.join(dir, f))) return read(path.join(dir, f));
      console.log(`note: ${path.join(dir, forWhat)} has no ${f} beside it; not scored`);
      return null;
    };
    for (const f of files) {
      let m;
      if ((m = f.match(/^(p\d+)\.noisy\.txt$/))) {
        const gold = goldOf(`${m[1]}.clean.txt`, f);
        add('noisy pass', m[1], read(path.join(dir, f)), gold);
        add('clean pass (damage)', m[1], gold, gold);
      } else if ((m = f.match(/^(p\d+)\.(pass\d)\.txt$/))) {
        add(m[2], m[1], read(path.join(dir, f)), goldOf(`${m[1]}.gold.txt`, f));
      } else if ((m = f.match(/^(p\d+)\.gold\.txt$/))) {
        const gold = read(path.join(dir, f));
        add('gold (damage)', m[1], gold, gold);
      }
    }
    if (files.includes('dump.txt')) {
      const dump = read(path.join(dir, 'dump.txt'));
      const gold = seedLayout ? dump.split('\n').filter((_, i) => i % 2 === 1).join('\n') : goldOf('gold.txt', 'dump.txt');
      add('whole dump', 'dump', dump, gold, { dump: true });
    }
  }
}
if (jobs.length === 0) {
  console.error(`eval: no corpus found: nothing to score (page files with their true text: pNNN.noisy/clean.txt, pNNN.passK/gold.txt, dump.txt) under ${corpora.join(", ")}`);
  process.exit(2);
}

// ---- run the CLI once over every input (each input file is its own document)
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ocrtidy-eval-'));
const inputs = jobs.map((j, i) => {
  const rel = path.join('in', `${String(i).padStart(4, '0')}.txt`);
  fs.mkdirSync(path.join(work, 'in'), { recursive: true });
  fs.writeFileSync(path.join(work, rel), j.input);
  return rel;
});
const [bin, ...binArgs] = flags.cli.split(' ');
const t0 = performance.now();
const run = spawnSync(bin, [...binArgs, 'clean', ...flags.args.split(' ').filter(Boolean), '--quiet', '--out-dir', 'out', ...inputs], {
  cwd: work, encoding: 'utf8', maxBuffer: 1 << 28,
});
const seconds = (performance.now() - t0) / 1000;
if (run.error || ![0, 2].includes(run.status) || !fs.existsSync(path.join(work, 'out'))) {
  console.error(`eval: the CLI did not run: ${flags.cli} clean --out-dir out FILE... -> status ${run.status} ${run.error ?? ''}`);
  console.error(String(run.stderr ?? '').slice(0, 2000));
  fs.rmSync(work, { recursive: true, force: true });
  process.exit(2);
}
if (run.status === 2) console.log(`note: some inputs failed: ${String(run.stderr).trim().split('\n').slice(-1)[0]}`);

// ---- score: exact code-point Levenshtein over whole page texts, after the corpus's normalizers
const cer = (a, b) => {
  const t = new SymbolTable();
  return distance(encode(units(a, 'codepoint'), t), encode(units(b, 'codepoint'), t));
};
const suites = new Map();
let missing = 0;
jobs.forEach((j, i) => {
  const outPath = path.join(work, 'out', inputs[i]);
  const out = fs.existsSync(outPath) ? read(outPath) : null;
  if (out === null) missing++;
  const s = suites.get(j.suite) ?? { suite: j.suite, inputs: 0, goldChars: 0, before: 0, after: 0, worse: 0, better: 0, pages: [] };
  suites.set(j.suite, s);
  const [g, inp, o] = [j.gold, j.input, out ?? ''].map((t) => normalizeForScore(t, j.normalize));
  const before = cer(inp, g), after = cer(o, g), len = units(g, 'codepoint').length;
  s.inputs++;
  s.goldChars += len;
  s.before += before;
  s.after += after;
  if (after > before) s.worse++;
  if (after < before) s.better++;
  s.pages.push({ name: j.name, before, after, len, missing: out === null });
  if (j.dump) Object.assign(s, { pagesIn: inp.split('\n').length, pagesOut: o.split('\n').length, pagesGold: g.split('\n').length });
});
fs.rmSync(work, { recursive: true, force: true });

const pct = (x, n) => (n ? `${((100 * x) / n).toFixed(2)}%` : '-');
console.log(`ocrtidy eval: ${corpora.join(', ')} (${jobs.length} inputs, 1 CLI run, ${seconds.toFixed(1)} s${missing ? `, ${missing} outputs missing` : ''})`);
const width = Math.max(...[...suites.keys()].map((k) => k.length)) + 2;
console.log('suite'.padEnd(width) + 'inputs  CER before  CER after  worse  better');
for (const s of suites.values()) {
  const dump = s.pagesIn !== undefined ? `  pages ${s.pagesIn} in -> ${s.pagesOut} out (true ${s.pagesGold})` : '';
  console.log(`${s.suite.padEnd(width)}${String(s.inputs).padEnd(8)}${pct(s.before, s.goldChars).padEnd(12)}${pct(s.after, s.goldChars).padEnd(11)}${String(s.worse).padEnd(7)}${s.better}${dump}`);
  if (flags.verbose) {
    for (const p of s.pages.filter((p) => p.after > p.before).sort((a, b) => b.after - b.before - (a.after - a.before))) {
      console.log(`   worse ${p.name}: ${p.before} -> ${p.after} edits from the true text (${p.len} chars)${p.missing ? ' (no output)' : ''}`);
    }
  }
}
if (flags.json) {
  const rows = [...suites.values()].map(({ pages, ...s }) => ({ ...s, cerBefore: s.before / s.goldChars, cerAfter: s.after / s.goldChars, pages }));
  fs.writeFileSync(flags.json, JSON.stringify({ corpora, seconds, suites: rows }, null, 2));
}
