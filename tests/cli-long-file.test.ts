/**
 * One long input, end to end through the built CLI: its pages shared among worker threads (`--jobs`), the cleaned
 * text streamed to stdout or to a temporary file renamed into place, edits only counted when no report is shown.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PAGES_MIN_BYTES } from '../src/cli/run.js';
import { AtomicFile } from '../src/io/files.js';
import { chunkEncoder, encode } from '../src/io/decode.js';
import { makeDump, ocrtidy, rmTemp, tempDir } from './cli-helpers.js';

const dir = tempDir('ocrtidy-long-');
afterAll(() => rmTemp(dir));
// about 1.3 MB of made-up pages (3 UTF-8 bytes per Han character), with one page present twice
const body = makeDump(1100, 400, 3);
const lines = body.split('\n');
const dump = [...lines.slice(0, 500), Array.from(lines[20]).join(' '), ...lines.slice(500)].join('\n');
fs.writeFileSync(path.join(dir, 'long.txt'), dump);

describe('a long single input', () => {
  it('is over the size at which its pages are shared', () => {
    expect(fs.statSync(path.join(dir, 'long.txt')).size).toBeGreaterThan(PAGES_MIN_BYTES);
  });

  it('gives the same text, report and summary with 1 and 2 jobs', () => {
    const one = ocrtidy(['clean', '--jobs', '1', '--report', 'r1.json', 'long.txt'], dir);
    const two = ocrtidy(['clean', '--jobs', '2', '--report', 'r2.json', 'long.txt'], dir);
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    expect(one.stdout).toContain(' Python ');
    const files = (f: string) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')).files;
    expect(files('r2.json')).toEqual(files('r1.json'));
    expect(files('r1.json')[0].pagesOut).toBe(1100);
    const summary = (s: string) => s.replace(/, [\d.]+ s\n$/, '');
    expect(summary(two.stderr)).toBe(summary(one.stderr));
    expect(one.stderr).toMatch(/pages? -> 1100, \d+ fixes/);
  });

  it('counts the same fixes when no report is kept (--quiet to stdout, check) as when it is', () => {
    const full = ocrtidy(['clean', '--report', 'r3.json', 'long.txt'], dir);
    const quiet = ocrtidy(['clean', '--quiet', 'long.txt'], dir);
    expect(quiet.stdout).toBe(full.stdout);
    expect(quiet.stderr).toBe('');
    const fixes = JSON.parse(fs.readFileSync(path.join(dir, 'r3.json'), 'utf8')).summary.fixes;
    const counted = ocrtidy(['clean', '--out-dir', 'o', '--format', 'json', 'long.txt'], dir);
    expect(JSON.parse(counted.stdout).summary.fixes).toBe(fixes);
    const check = ocrtidy(['check', '--quiet', 'long.txt'], dir);
    expect(check.code).toBe(1);
  });

  it('writes --out-dir and --write outputs whole, and leaves no temporary file', () => {
    const ref = ocrtidy(['clean', '--quiet', 'long.txt'], dir).stdout;
    expect(ocrtidy(['clean', '--quiet', '--out-dir', 'out', 'long.txt'], dir).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'out', 'long.txt'), 'utf8')).toBe(ref);
    fs.copyFileSync(path.join(dir, 'long.txt'), path.join(dir, 'w.txt'));
    expect(ocrtidy(['clean', '--quiet', '--write', 'w.txt'], dir).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'w.txt'), 'utf8')).toBe(ref);
    // a second --write has nothing to change: the file is left as it is
    const before = fs.statSync(path.join(dir, 'w.txt')).mtimeMs;
    expect(ocrtidy(['clean', '--quiet', '--write', 'w.txt'], dir).code).toBe(0);
    expect(fs.statSync(path.join(dir, 'w.txt')).mtimeMs).toBe(before);
    const leftovers = [...fs.readdirSync(dir), ...fs.readdirSync(path.join(dir, 'out'))].filter((f) => f.endsWith('.tmp'));
    expect(leftovers).toEqual([]);
  });
});

describe('AtomicFile', () => {
  it('shows the new file only on commit, and leaves the old one on abort', () => {
    const f = path.join(dir, 'atomic', 'a.txt');
    const a = new AtomicFile(f);
    a.write(Buffer.from('第一段'));
    expect(fs.existsSync(f)).toBe(false);
    a.write(Buffer.from('第二段'));
    a.commit();
    expect(fs.readFileSync(f, 'utf8')).toBe('第一段第二段');
    const b = new AtomicFile(f);
    b.write(Buffer.from('半截'));
    b.abort();
    expect(fs.readFileSync(f, 'utf8')).toBe('第一段第二段');
    expect(fs.readdirSync(path.dirname(f))).toEqual(['a.txt']);
  });

  it('keeps the mode of the file it replaces', () => {
    const f = path.join(dir, 'mode.txt');
    fs.writeFileSync(f, 'old');
    fs.chmodSync(f, 0o640);
    const a = new AtomicFile(f);
    a.write(Buffer.from('new'));
    a.commit();
    expect(fs.statSync(f).mode & 0o777).toBe(0o640);
  });
});

describe('chunkEncoder', () => {
  const pieces = ['第一页用Python，', '\n', '第二页𠀀字。', '\n'];
  for (const how of [
    { encoding: 'utf-8', bom: true, eol: 'crlf' },
    { encoding: 'utf-16be', bom: true, eol: 'lf' },
    { encoding: 'utf-16le', bom: false, eol: 'crlf' },
    { encoding: 'gb18030', bom: false, eol: 'lf' },
  ] as const) {
    it(`joins to the bytes of the whole text (${how.encoding}, BOM ${how.bom}, ${how.eol})`, () => {
      const enc = chunkEncoder(how);
      expect(Buffer.concat(pieces.map(enc))).toEqual(encode(pieces.join(''), how));
    });
  }
});

describe('a report written while the text goes to stdout', () => {
  it('shows the same changes as when the text goes to a file', () => {
    const d = tempDir('ocrtidy-report-stdout-');
    try {
      fs.writeFileSync(path.join(d, 'p.txt'), '第一页用Python写脚本,运行在Linux上。\n第二页讲GPT4的用法。\n');
      const toStdout = ocrtidy(['clean', '--report', 'a.diff', 'p.txt'], d);
      const toFile = ocrtidy(['clean', '--out-dir', 'o', '--report', 'b.diff', 'p.txt'], d);
      expect(toStdout.code).toBe(0);
      expect(toFile.code).toBe(0);
      expect(toStdout.stdout).toBe(fs.readFileSync(path.join(d, 'o', 'p.txt'), 'utf8'));
      const a = fs.readFileSync(path.join(d, 'a.diff'), 'utf8');
      expect(a).toContain('+第一页用 Python 写脚本');
      expect(a).toBe(fs.readFileSync(path.join(d, 'b.diff'), 'utf8'));
    } finally {
      rmTemp(d);
    }
  });
});

describe('write errors', () => {
  it('say which output file could not be written and why, and count no fixes for it', () => {
    const d = tempDir('ocrtidy-write-err-');
    try {
      fs.writeFileSync(path.join(d, 'a.txt'), '使用Python写代码,很好。\n');
      fs.writeFileSync(path.join(d, 'notadir'), '');
      for (const quiet of [[], ['--quiet']]) {
        const r = ocrtidy(['clean', ...quiet, '--out-dir', 'notadir', 'a.txt'], d);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('a.txt: cannot write notadir/a.txt: a part of the path is a file, not a folder');
        if (!quiet.length) expect(r.stderr).toMatch(/1 failed\), 1 page -> 1, 0 fixes/);
      }
    } finally {
      rmTemp(d);
    }
  });

  it('leaves no temporary file when a long --write run is interrupted', async () => {
    const d = tempDir('ocrtidy-interrupt-');
    try {
      fs.copyFileSync(path.join(dir, 'long.txt'), path.join(d, 'w.txt'));
      const { spawn } = await import('node:child_process');
      const { BIN } = await import('./cli-helpers.js');
      const child = spawn(process.execPath, [BIN, 'clean', '--quiet', '--jobs', '1', '--write', 'w.txt'], { cwd: d, stdio: 'ignore' });
      // (listened for at once: a run that ends before the kill below must not leave the test waiting)
      const exited = new Promise((r) => child.once('exit', r));
      // stop it once the cleaned text has started to go out (a temporary file is there)
      const started = Date.now();
      while (!fs.readdirSync(d).some((f) => f.endsWith('.tmp')) && Date.now() - started < 60_000 && child.exitCode === null) {
        await new Promise((r) => setTimeout(r, 5));
      }
      const sawTemp = fs.readdirSync(d).some((f) => f.endsWith('.tmp'));
      child.kill('SIGINT');
      await exited;
      expect(sawTemp).toBe(true); // it was stopped while writing
      expect(fs.readdirSync(d)).toEqual(['w.txt']);
      const after = fs.readFileSync(path.join(d, 'w.txt'), 'utf8');
      expect([dump, ocrtidy(['clean', '--quiet', 'long.txt'], dir).stdout]).toContain(after);
    } finally {
      rmTemp(d);
    }
  }, 120_000);
});
