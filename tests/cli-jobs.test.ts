import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as cli } from './helpers.js';
import { defaultJobs, POOL_MIN_BYTES } from '../src/cli/run.js';


describe('--jobs', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocrtidy-jobs-'));
  const files: string[] = [];
  // own sentences; sizes differ so workers finish out of order
  for (let i = 0; i < 6; i++) {
    const f = path.join(dir, 'in', `f${i}.txt`);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, `第${i}节使用Python处理数据,版本3.12发布。\n`.repeat(1 + ((5 - i) * 40)));
    files.push(f);
  }
  fs.writeFileSync(path.join(dir, 'in', 'f9.txt'), Buffer.from([0xff, 0xfe, 0x41])); // odd UTF-16: an error

  it('gives the same outputs and the same report in the same order with 1 and 2 workers', async () => {
    // inputs resolve against the process's directory, --out-dir against io.cwd: absolute paths for both
    const inDir = path.join(dir, 'in');
    const one = await cli(['clean', '--jobs', '1', '--out-dir', path.join(dir, 'o1'), '--format', 'json', inDir], dir);
    const two = await cli(['clean', '--jobs', '2', '--out-dir', path.join(dir, 'o2'), '--format', 'json', inDir], dir);
    expect(one.code).toBe(2);
    expect(two.code).toBe(2);
    const strip = (s: string) => JSON.parse(s.replace(/\/o[12]\//g, '/o/')).files;
    expect(strip(two.stdout)).toEqual(strip(one.stdout));
    expect(strip(one.stdout).map((f: { file: string }) => f.file)).toEqual([...files, path.join(dir, 'in', 'f9.txt')]);
    for (let i = 0; i < 6; i++) {
      const a = fs.readFileSync(path.join(dir, 'o1', 'in', `f${i}.txt`), 'utf8');
      expect(fs.readFileSync(path.join(dir, 'o2', 'in', `f${i}.txt`), 'utf8')).toBe(a);
      expect(a.length).toBeGreaterThan(0);
      expect(a).toContain('使用 Python 处理');
    }
    expect(two.stderr).toContain('f9.txt');
  });

  it('rejects a job count that is not a positive whole number', async () => {
    const r = await cli(['check', '--jobs', '0', path.join(dir, 'in')], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('expected a positive whole number');
  });

  it('defaults to one job for a single file or a small batch', () => {
    expect(defaultJobs([{ path: files[0] }])).toBe(1);
    expect(defaultJobs(files.map((p) => ({ path: p })))).toBe(1);
    const big = path.join(dir, 'big.txt');
    fs.writeFileSync(big, 'x'.repeat(POOL_MIN_BYTES));
    expect(defaultJobs([{ path: big }, { path: files[0] }])).toBe(os.availableParallelism());
  });
});
