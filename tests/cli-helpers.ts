/**
 * Helpers for end-to-end tests of the BUILT command line (bin/ocrtidy.js -> dist/): a temp folder per test, a
 * runner that spawns node, and a generator of OCR-like dumps written for these tests (random Han text with Latin
 * terms glued to it, so the spacing rule has work; no corpus text).
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = path.join(ROOT, 'bin', 'ocrtidy.js');

/** A fresh temp folder (removed by the caller with {@link rmTemp}). */
export function tempDir(prefix = 'ocrtidy-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
export function rmTemp(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  raw: SpawnSyncReturns<Buffer>;
}

/** Runs `node bin/ocrtidy.js ...args` in `cwd` (no TTY: stdio are pipes). CI and NO_COLOR are cleared unless given. */
export function ocrtidy(args: string[], cwd: string, opts: { env?: Record<string, string | undefined>; input?: string | Buffer } = {}): RunResult {
  const env: Record<string, string | undefined> = { ...process.env, CI: undefined, NO_COLOR: undefined, FORCE_COLOR: undefined, ...opts.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const raw = spawnSync(process.execPath, [BIN, ...args], { cwd, env: env as NodeJS.ProcessEnv, input: opts.input ?? '', maxBuffer: 256 * 1024 * 1024 });
  return { code: raw.status ?? -1, stdout: raw.stdout.toString('utf8'), stderr: raw.stderr.toString('utf8'), raw };
}

/** A small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LATIN = ['Python', 'Rust', 'GPT-4', 'BERT', 'Transformer', 'API', 'JSON', '2024', '16', 'Linux', 'CUDA', 'token'];

/**
 * One page of made-up OCR text: runs of random common Han characters with Latin terms glued to them (so
 * `space/cjk-latin` finds work), CJK punctuation, `length` UTF-16 code units long, no line break.
 */
export function makePage(seed: number, length: number): string {
  const r = rng(seed);
  let s = '';
  while (s.length < length) {
    const n = 2 + Math.floor(r() * 7);
    for (let i = 0; i < n; i++) s += String.fromCharCode(0x4e00 + Math.floor(r() * 0x5000));
    const k = r();
    if (k < 0.25) s += LATIN[Math.floor(r() * LATIN.length)];
    else if (k < 0.4) s += '，';
    else if (k < 0.45) s += '。';
  }
  return s.slice(0, length).replace(/[\uD800-\uDBFF]$/, '');
}

/** A one-page-per-line dump: `pages` lines of `length` code units each (LF, final newline). */
export function makeDump(pages: number, length: number, seed = 1): string {
  return Array.from({ length: pages }, (_, i) => makePage(seed * 1000 + i, length)).join('\n') + '\n';
}
