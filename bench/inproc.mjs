#!/usr/bin/env node
// In-process runs for bench.mjs (each is started as its own child, so its wall time and peak RSS are its own):
//   node bench/inproc.mjs pangu DUMP OUT                pangu.spacingText on every page (line) of DUMP
//   node bench/inproc.mjs rules DUMP OUT PREFIX [--log] ocrtidy's rules whose id starts with PREFIX (e.g. space/),
//                                                       through the rule runner, on every page, no dedupe; edits
//                                                       counted per rule as a run without a report does (pangu
//                                                       makes no edit log either), --log: the full edit log
//   node bench/inproc.mjs pipeline DUMP OUT [--no-dedupe] [--timing]
//                                                       the whole pipeline (processDocument) on DUMP as one document;
//                                                       --timing: time per rule (runner hook), printed as JSON
// Prints one JSON line on stdout: {seconds: time of the transform alone (no reading, no writing), ...}.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [mode, dump, out, ...rest] = process.argv.slice(2);
const text = fs.readFileSync(dump, 'utf8');
const lines = text.split('\n');
let result;
let t0;
if (mode === 'pangu') {
  const { pangu } = await import('pangu');
  t0 = performance.now();
  result = lines.map((l) => pangu.spacingText(l)).join('\n');
} else if (mode === 'rules') {
  const { RULES } = await import(path.join(root, 'dist/rules/index.js'));
  const { runRules } = await import(path.join(root, 'dist/rules/runner.js'));
  const { pageLayout } = await import(path.join(root, 'dist/pages/split.js'));
  const prefix = rest[0] ?? '';
  const active = RULES.filter((r) => r.id.startsWith(prefix) && r.defaultLevel !== 'off').map((rule) => ({ rule, level: rule.defaultLevel }));
  const ctx = { style: { spacing: 'always', punctuation: 'auto' }, data: { ignore: [] } };
  const log = rest.includes('--log');
  const tally = log ? undefined : new Map();
  let edits = 0;
  t0 = performance.now();
  const outLines = [];
  for (const l of lines) {
    for (const a of active) if (a.rule.analyze) a.state = a.rule.analyze([l], { ...ctx, layout: pageLayout(l) });
    const r = runRules(l, active, { ...ctx, layout: pageLayout(l) }, undefined, undefined, tally);
    edits += r.edits.length;
    outLines.push(r.text);
  }
  result = outLines.join('\n');
  if (tally) for (const c of tally.values()) edits += c.fix + c.suggest + c.heldBack;
  result = { text: result, rules: active.map((a) => a.rule.id), edits, log };
} else if (mode === 'pipeline') {
  const { processDocument } = await import(path.join(root, 'dist/pipeline.js'));
  const { setRuleTimings } = await import(path.join(root, 'dist/rules/runner.js'));
  const { DEFAULT_OPTIONS } = await import(path.join(root, 'dist/options.js'));
  const timings = rest.includes('--timing') ? new Map() : undefined;
  setRuleTimings(timings);
  t0 = performance.now();
  const r = processDocument(text, { ...DEFAULT_OPTIONS, dedupe: !rest.includes('--no-dedupe') }, { ignore: [] });
  result = { text: r.output, edits: r.edits.length, pagesIn: r.pagesIn, pagesOut: r.pagesOut, timings: timings ? Object.fromEntries(timings) : undefined };
} else {
  console.error(`inproc: unknown mode ${mode}`);
  process.exit(2);
}
const seconds = (performance.now() - t0) / 1000;
const { text: outText, ...info } = typeof result === 'string' ? { text: result } : result;
fs.writeFileSync(out, outText);
console.log(JSON.stringify({ seconds, ...info }));
