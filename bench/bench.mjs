#!/usr/bin/env node
// npm run bench [-- --large] [--timing] [--timeout SECONDS] [--dump FILE] [--no-autocorrect]
//
// Speed and memory of the ocrtidy CLI on a dump of distinct pages, side by side in the same run with pangu.js (the
// `pangu` package, called in process) and AutoCorrect's CLI (the `autocorrect-node` package), and the goals:
//   full default pipeline <= 0.5 x AutoCorrect CLI wall time; spacing rules alone >= pangu's throughput;
//   (--large) 100 MB in <= 10 x the 10 MB time; peak RSS <= 400 MB at 100 MB.
// The default pipeline runs as a user runs it (`clean --quiet DUMP > OUT`: one thread for one file); beside it
// `--jobs N` (N = CPUs: the file's pages shared among N threads) and `--no-dedupe`, with the CPU seconds of each run.
// Dumps come from ../shared/bench/make-dump.py (10 MB; 10 and 100 MB with --large) and are cached in .bench/.
// Each measured run is a child process: wall time measured here, peak RSS by /usr/bin/time -v (or, without it,
// by a --require hook that reports process.resourceUsage().maxRSS). A run past --timeout (default 300 s) is killed
// and shown as timed out. --timing adds the time per rule (the runner's timing hook, pipeline in process).
// Results also go to .bench/results.json.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cache = path.join(root, '.bench');
const argv = process.argv.slice(2);
const has = (f) => argv.includes(f);
const val = (f, d) => (argv.includes(f) ? argv[argv.indexOf(f) + 1] : d);
if (has('--help') || has('-h')) {
  console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 12).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
  process.exit(0);
}
const timeoutS = Number(val('--timeout', '300'));
const sizes = has('--large') ? [10, 100] : [10];
const node = process.execPath;
const cli = path.join(root, 'bin', 'ocrtidy.js');
const autocorrect = path.join(root, 'node_modules', 'autocorrect-node', 'cli.js');
const inproc = path.join(root, 'bench', 'inproc.mjs');
const hook = path.join(root, 'bench', 'rss-hook.cjs');
const haveTime = fs.existsSync('/usr/bin/time');
const haveTimeout = spawnSync('timeout', ['--version']).status === 0;
fs.mkdirSync(cache, { recursive: true });
if (!fs.existsSync(path.join(root, 'dist', 'cli', 'index.js'))) {
  console.error('bench: dist/ is missing; build first (npm run build)');
  process.exit(2);
}

// ---- the machine
const sh = (c) => spawnSync('sh', ['-c', c], { encoding: 'utf8' }).stdout?.trim() ?? '';
const machine = {
  nproc: os.availableParallelism(),
  cpu: sh("lscpu | grep -m1 'Model name' | sed 's/Model name: *//'") || os.cpus()[0]?.model,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  load: os.loadavg().map((x) => x.toFixed(1)).join(' '),
};

// ---- dumps
function dumpFor(mb) {
  if (has('--dump') && mb === sizes[0]) return path.resolve(val('--dump'));
  const file = path.join(cache, `dump-${mb}mb.txt`);
  if (fs.existsSync(file)) return file;
  const maker = path.resolve(root, '..', 'shared', 'bench', 'make-dump.py');
  if (!fs.existsSync(maker)) {
    console.error(`bench: ${maker} not found; give a dump with --dump FILE`);
    process.exit(2);
  }
  console.error(`bench: making ${file} (${mb} MB)...`);
  const r = spawnSync('python3', [maker, String(mb), file], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    console.error('bench: make-dump.py failed');
    fs.rmSync(file, { force: true });
    process.exit(2);
  }
  return file;
}

// ---- one measured child run
function measure(cmd, args, { stdin, stdout }) {
  const inFd = stdin ? fs.openSync(stdin, 'r') : 'ignore';
  const outFd = stdout ? fs.openSync(stdout, 'w') : 'pipe';
  const rssFile = path.join(cache, `rss-${process.pid}.txt`);
  fs.rmSync(rssFile, { force: true });
  let full = [cmd, ...args];
  if (!haveTime && cmd === node) full = [node, '--require', hook, ...args];
  if (haveTimeout) full = ['timeout', '-s', 'KILL', String(timeoutS), ...full];
  if (haveTime) full = ['/usr/bin/time', '-v', ...full];
  const t0 = performance.now();
  const r = spawnSync(full[0], full.slice(1), {
    stdio: [inFd, outFd, 'pipe'], encoding: 'utf8', maxBuffer: 1 << 26,
    timeout: haveTimeout ? undefined : timeoutS * 1000, killSignal: 'SIGKILL',
    env: { ...process.env, OCRTIDY_BENCH_RSS: rssFile },
  });
  const wall = (performance.now() - t0) / 1000;
  if (typeof inFd === 'number') fs.closeSync(inFd);
  if (typeof outFd === 'number') fs.closeSync(outFd);
  let rssMB, cpu;
  const user = /User time \(seconds\): ([\d.]+)/.exec(r.stderr ?? ''), sys = /System time \(seconds\): ([\d.]+)/.exec(r.stderr ?? '');
  if (user && sys) cpu = Number(user[1]) + Number(sys[1]);
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '');
  if (m) rssMB = Number(m[1]) / 1024;
  else if (fs.existsSync(rssFile)) rssMB = Number(fs.readFileSync(rssFile, 'utf8')) / 1024;
  fs.rmSync(rssFile, { force: true });
  const timedOut = wall >= timeoutS - 0.5 && r.status !== 0;
  const stderr = (r.stderr ?? '').split('\n').filter((l) => !/^\s|^Command (exited|terminated)/.test(l)).join('\n').trim();
  return { wall, cpu, rssMB, status: r.status, timedOut, stdout: typeof outFd === 'number' ? '' : r.stdout, stderr };
}

// ---- the runs
const rows = [];
const timings = [];
function row(tool, what, mb, bytes, res, extra = {}) {
  const ok = res.status === 0 && !res.timedOut;
  const r = { tool, what, sizeMB: mb, bytes, wall: res.wall, cpu: res.cpu, rssMB: res.rssMB, ok, timedOut: res.timedOut, ...extra };
  if (!ok && !res.timedOut) r.error = res.stderr.split('\n').slice(-3).join(' ').slice(0, 200);
  rows.push(r);
  const mbps = ok ? ` ${(bytes / 1e6 / (extra.transformSeconds ?? res.wall)).toFixed(2)} MB/s` : '';
  console.error(`  ${tool} ${what}: ${res.timedOut ? `timed out after ${timeoutS} s` : ok ? `${res.wall.toFixed(2)} s` : `failed (${r.error})`}${mbps}`);
  return r;
}
for (const mb of sizes) {
  const dump = dumpFor(mb);
  const bytes = fs.statSync(dump).size;
  const out = (n) => path.join(cache, `out-${n}-${mb}mb.txt`);
  console.error(`bench: ${path.relative(root, dump)} (${(bytes / 1e6).toFixed(1)} MB)`);
  if (rows.some((r) => r.what.startsWith('clean, default') && r.timedOut)) {
    console.error('  ocrtidy CLI clean, default pipeline: skipped (timed out on the smaller dump)');
    rows.push({ tool: 'ocrtidy CLI', what: 'clean, default pipeline', sizeMB: mb, bytes, ok: false, timedOut: true, skipped: true });
  } else row('ocrtidy CLI', 'clean, default pipeline', mb, bytes, measure(node, [cli, 'clean', '--quiet', dump], { stdout: out('ocrtidy') }));
  row('ocrtidy CLI', `clean --jobs ${machine.nproc} (pages shared among threads)`, mb, bytes, measure(node, [cli, 'clean', '--quiet', '--jobs', String(machine.nproc), dump], { stdout: out('ocrtidy-jobsN') }));
  row('ocrtidy CLI', 'clean --no-dedupe (rules only)', mb, bytes, measure(node, [cli, 'clean', '--quiet', '--no-dedupe', dump], { stdout: out('ocrtidy-nodedupe') }));
  if (!has('--no-autocorrect')) {
    if (fs.existsSync(autocorrect)) row('AutoCorrect CLI', 'autocorrect --stdin', mb, bytes, measure(node, [autocorrect, '--stdin'], { stdin: dump, stdout: out('autocorrect') }));
    else console.error('  AutoCorrect CLI: node_modules/autocorrect-node is not installed (npm ci)');
  }
  for (const [tool, what, args] of [
    ['pangu.js (in process)', 'pangu.spacingText per page', ['pangu']],
    ['ocrtidy rules (in process)', 'spacing rules (space/*) per page', ['rules', 'space/']],
    ['ocrtidy rules (in process)', 'spacing rules (space/*) per page, with the edit log', ['rules', 'space/', '--log']],
  ]) {
    const res = measure(node, [inproc, args[0], dump, out(args[0]), ...args.slice(1)], {});
    let info = {};
    try { info = JSON.parse(res.stdout.trim().split('\n').pop()); } catch { /* failed run */ }
    row(tool, what, mb, bytes, res, { transformSeconds: info.seconds, rules: info.rules });
  }
  if (has('--timing')) {
    const res = measure(node, [inproc, 'pipeline', dump, out('timing'), '--no-dedupe', '--timing'], {});
    try {
      const info = JSON.parse(res.stdout.trim().split('\n').pop());
      timings.push({ sizeMB: mb, pipelineSeconds: info.seconds, timings: info.timings });
    } catch {
      console.error(`  timing run failed: ${res.timedOut ? 'timed out' : res.stderr.slice(0, 200)}`);
    }
  }
}

// ---- report
const f2 = (x) => (x === undefined ? '-' : x.toFixed(2));
const get = (tool, what, mb) => rows.find((r) => r.tool === tool && r.what.startsWith(what) && r.sizeMB === mb);
console.log(`ocrtidy bench, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`);
console.log(`machine: ${machine.nproc} CPUs (${machine.cpu}), ${machine.memoryGiB} GiB, node ${machine.node}, load average ${machine.load} at the start`);
console.log(`peak RSS by ${haveTime ? '/usr/bin/time -v' : 'process.resourceUsage() in the child'}; timeout ${timeoutS} s per run\n`);
console.log('| tool | run | input | wall s | CPU s | MB/s (wall) | MB/s (transform only) | peak RSS MB |');
console.log('|---|---|---|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const wall = r.skipped ? 'skipped (smaller dump timed out)' : r.timedOut ? `> ${timeoutS} (killed)` : r.ok ? f2(r.wall) : 'failed';
  const mbps = r.ok ? f2(r.bytes / 1e6 / r.wall) : '-';
  const tmbps = r.ok && r.transformSeconds ? f2(r.bytes / 1e6 / r.transformSeconds) : '-';
  console.log(`| ${r.tool} | ${r.what} | ${(r.bytes / 1e6).toFixed(1)} MB | ${wall} | ${r.ok ? f2(r.cpu) : '-'} | ${mbps} | ${tmbps} | ${r.ok ? f2(r.rssMB) : '-'} |`);
}
console.log('\ngoals:');
const goal = (name, pass, detail) => console.log(`- ${pass === undefined ? 'n/a ' : pass ? 'met ' : 'MISSED'} ${name}: ${detail}`);
const full = get('ocrtidy CLI', 'clean, default', 10), ac = get('AutoCorrect CLI', 'autocorrect', 10);
goal('full default pipeline <= 0.5 x AutoCorrect CLI wall time (10 MB)',
  full?.ok && ac?.ok ? full.wall <= 0.5 * ac.wall : full?.timedOut ? false : undefined,
  full?.ok && ac?.ok ? `${f2(full.wall)} s vs 0.5 x ${f2(ac.wall)} s = ${f2(0.5 * ac.wall)} s` : `ocrtidy ${full?.timedOut ? `> ${timeoutS} s` : full?.ok ? f2(full.wall) + ' s' : 'failed'}, AutoCorrect ${ac?.ok ? f2(ac.wall) + ' s' : 'not run'}`);
const sp = get('ocrtidy rules (in process)', 'spacing rules (space/*) per page', 10), pg = get('pangu.js (in process)', 'pangu', 10);
const splog = get('ocrtidy rules (in process)', 'spacing rules (space/*) per page, with the edit log', 10);
goal('spacing rules alone >= pangu throughput (10 MB, transform only)',
  sp?.ok && pg?.ok ? sp.transformSeconds <= pg.transformSeconds : undefined,
  sp?.ok && pg?.ok ? `${f2(sp.bytes / 1e6 / sp.transformSeconds)} MB/s vs ${f2(pg.bytes / 1e6 / pg.transformSeconds)} MB/s (rules: ${sp.rules.join(', ') || 'none'}; edits counted as in a run without a report${splog?.ok ? `; with the edit log ${f2(splog.bytes / 1e6 / splog.transformSeconds)} MB/s` : ''})` : 'not measured');
if (sizes.includes(100)) {
  for (const what of ['clean, default', `clean --jobs ${machine.nproc}`, 'clean --no-dedupe']) {
    const a = get('ocrtidy CLI', what, 10), b = get('ocrtidy CLI', what, 100);
    goal(`100 MB in <= 10 x the 10 MB time (${what})`, a?.ok && b?.ok ? b.wall <= 10 * a.wall : b?.timedOut ? false : undefined,
      a?.ok && b?.ok ? `${f2(b.wall)} s vs 10 x ${f2(a.wall)} s` : `10 MB ${a?.ok ? f2(a.wall) + ' s' : 'no time'}, 100 MB ${b?.ok ? f2(b.wall) + ' s' : b?.timedOut ? `> ${timeoutS} s` : 'failed'}`);
    goal(`peak RSS <= 400 MB at 100 MB (${what})`, b?.ok ? b.rssMB <= 400 : undefined, b?.ok ? `${f2(b.rssMB)} MB` : 'no figure');
  }
} else console.log('- (run with --large for the 100 MB goals)');
if (timings.length) {
  for (const t of timings) {
    console.log(`\ntime per rule, ${t.sizeMB} MB, pipeline in process without dedupe: ${f2(t.pipelineSeconds)} s in all`);
    console.log('| rule | pages | edits | apply s | with runner s | share of pipeline |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const [id, v] of Object.entries(t.timings).sort((a, b) => b[1].total - a[1].total)) {
      console.log(`| ${id} | ${v.pages} | ${v.edits} | ${f2(v.apply / 1000)} | ${f2(v.total / 1000)} | ${((100 * v.total) / 1000 / t.pipelineSeconds).toFixed(1)}% |`);
    }
  }
}
fs.writeFileSync(path.join(cache, 'results.json'), JSON.stringify({ machine, timeoutS, rows, timings }, null, 2));
