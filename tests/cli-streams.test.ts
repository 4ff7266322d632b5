/**
 * The built CLI when its output goes somewhere that is not an ordinary file: a reader that stops reading, a full
 * device, a report named as a device, a named pipe or one of the process's own streams.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ocrtidy, rmTemp, tempDir } from './cli-helpers.js';

let dir: string;
beforeAll(() => {
  dir = tempDir('ocrtidy-streams-');
  // many lines of glued CJK and Latin: enough output that a reader can stop in the middle of it
  const lines = Array.from({ length: 4000 }, (_, i) => `第${i}行说明如何用Python调用API，版本v${i % 9}.0，然后重启服务。`);
  fs.writeFileSync(path.join(dir, 'long.txt'), lines.join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'short.txt'), '把数据交给Python处理\n');
});
afterAll(() => rmTemp(dir));

describe('standard output that fails', () => {
  it('a reader that stops early (| head) ends the run with exit 2 and no stack trace', async () => {
    const child = spawn(process.execPath, [BIN, 'clean', 'long.txt'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    // read one chunk, then close the pipe as `head -c` does
    await new Promise<void>((resolve) => child.stdout.once('data', () => { child.stdout.destroy(); resolve(); }));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(2);
    expect(err).not.toMatch(/Unhandled|at .*\(node:/);
  });
  it.runIf(fs.existsSync('/dev/full'))('a full device says so in one line, exit 2', () => {
    const fd = fs.openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [BIN, 'clean', '--quiet', 'long.txt'], { cwd: dir, stdio: ['ignore', fd, 'pipe'] });
      expect(r.status).toBe(2);
      expect(r.stderr.toString()).toBe('ocrtidy: cannot write to standard output: no space left on the device\n');
    } finally {
      fs.closeSync(fd);
    }
  });
});

describe('--report to something that is not a regular file', () => {
  it.runIf(process.platform !== 'win32')('writes into a named pipe instead of replacing it', async () => {
    const fifo = path.join(dir, 'report.fifo');
    spawnSync('mkfifo', [fifo]);
    // the reader is another process (this one is blocked in spawnSync while the CLI writes)
    const out = path.join(dir, 'report-from-fifo.json');
    const reader = spawn('sh', ['-c', `cat "${fifo}" > "${out}"`]);
    const done = new Promise((resolve) => reader.on('exit', resolve));
    const r = ocrtidy(['check', '--format', 'json', '--report', fifo, 'short.txt'], dir);
    await done;
    const got = fs.readFileSync(out, 'utf8');
    expect(r.code).toBe(1);
    expect(fs.statSync(fifo).isFIFO()).toBe(true);
    expect(JSON.parse(got).summary.fixes).toBeGreaterThan(0);
  });
  it.runIf(fs.existsSync('/dev/null'))('leaves /dev/null a device', () => {
    const r = ocrtidy(['check', '--report', '/dev/null', 'short.txt'], dir);
    expect(r.code).toBe(1);
    expect(fs.statSync('/dev/null').isCharacterDevice()).toBe(true);
  });
  it.runIf(fs.existsSync('/dev/stderr'))('--report /dev/stderr shows the report beside the text on stdout', () => {
    const r = ocrtidy(['clean', '--report', '/dev/stderr', 'short.txt'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('把数据交给 Python 处理\n');
    expect(r.stderr).toContain('space/cjk-latin');
  });
});
