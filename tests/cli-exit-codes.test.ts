/**
 * Exit codes of `check` in every format, with the report on stdout and with --report FILE: 0 clean, 1 when a fix
 * would apply (json and sarif too: unlike AutoCorrect's json mode), 1 on suggestions only with --strict, 2 on
 * errors (missing file, invalid UTF-8), which win over 1.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMATS } from '../src/report/index.js';
import { ocrtidy, rmTemp, tempDir } from './cli-helpers.js';

let dir: string;
beforeAll(() => {
  dir = tempDir();
  fs.writeFileSync(path.join(dir, 'clean.txt'), '已经干净的文本，使用 Python 编写。\n');
  fs.writeFileSync(path.join(dir, 'dirty.txt'), '我们用Python写了3个脚本\n');
  fs.writeFileSync(path.join(dir, 'bad.txt'), Buffer.from([0x41, 0xc3, 0x28, 0x0a]));
});
afterAll(() => rmTemp(dir));

const cases: Array<[string, string[], number]> = [
  ['clean input', ['clean.txt'], 0],
  ['dirty input', ['dirty.txt'], 1],
  ['a missing file', ['clean.txt', 'missing.txt'], 2],
  ['a missing file next to a dirty one', ['dirty.txt', 'missing.txt'], 2],
  ['invalid UTF-8', ['bad.txt'], 2],
  ['suggestions only', ['--rule', 'space/cjk-latin=suggest', 'dirty.txt'], 0],
  ['suggestions only, --strict', ['--strict', '--rule', 'space/cjk-latin=suggest', 'dirty.txt'], 1],
];

describe.each(FORMATS.map((f) => [f]))('check --format %s', (format) => {
  it.each(cases)('exits right for %s', (_name, args, code) => {
    const r = ocrtidy(['check', '--format', format, ...args], dir);
    expect(r.code, r.stderr).toBe(code);
    if (code === 1 && format !== 'unified') expect(r.stdout.length).toBeGreaterThan(0);
  });
});

describe('check --report FILE', () => {
  it.each([
    ['json', ['dirty.txt'], 1],
    ['sarif', ['clean.txt'], 0],
    ['html', ['dirty.txt', 'missing.txt'], 2],
  ] as const)('keeps the exit code with --format %s', (format, args, code) => {
    const out = `r-${format}-${code}`;
    const r = ocrtidy(['check', '--format', format, '--report', out, ...args], dir);
    expect(r.code, r.stderr).toBe(code);
    expect(r.stdout).toBe('');
    expect(fs.statSync(path.join(dir, out)).size).toBeGreaterThan(0);
  });

  it('picks the format by the report file name and exits 2 when the report cannot be written', () => {
    expect(ocrtidy(['check', '--report', 'r.sarif', 'dirty.txt'], dir).code).toBe(1);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'r.sarif'), 'utf8')).version).toBe('2.1.0');
    fs.writeFileSync(path.join(dir, 'not-a-dir'), '');
    const r = ocrtidy(['check', '--report', 'not-a-dir/r.json', 'dirty.txt'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write the report not-a-dir\/r\.json/);
  });

  it('clean exits 0 whether or not it changed something, and 2 on errors', () => {
    expect(ocrtidy(['clean', '--out-dir', 'out', 'dirty.txt', 'clean.txt'], dir).code).toBe(0);
    expect(ocrtidy(['clean', '--out-dir', 'out', 'dirty.txt', 'missing.txt'], dir).code).toBe(2);
  });

  it('clean to stdout says where a requested report went missing, and keeps stdout for the text', () => {
    const r = ocrtidy(['clean', '--format', 'json', 'dirty.txt'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('我们用 Python 写了 3 个脚本\n');
    expect(r.stderr).toMatch(/no json report: stdout carries the cleaned text; add --report FILE/);
    const w = ocrtidy(['clean', '--format', 'json', '--report', 'c.json', 'dirty.txt'], dir);
    expect(w.stdout).toBe('我们用 Python 写了 3 个脚本\n');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'c.json'), 'utf8')).command).toBe('clean');
  });
});
