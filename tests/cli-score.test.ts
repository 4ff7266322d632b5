import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as cli } from './helpers.js';


describe('ocrtidy score', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocrtidy-score-'));
  const w = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);
  w('gold.txt', '第一行有十个汉字的文本\nsecond line\n');
  w('a.txt', '第一行有十个汉宇的文本\nsecond line\n'); // 1 substitution in 11 + 1 + 11 + 1 = 24 characters
  w('b.txt', '第一行有十个汉字的文本\nsecond line\n');

  it('prints CER per file and in total as percentages with two decimals', async () => {
    const r = await cli(['score', '--gold', path.join(dir, 'gold.txt'), path.join(dir, 'a.txt'), path.join(dir, 'b.txt')], dir);
    expect(r.code).toBe(0);
    // trailing newline is dropped before scoring: 11 + 1 + 11 = 23 characters
    expect(r.stdout).toContain('CER 4.35%  (1 errors: 1 substitutions, 0 deletions, 0 insertions; 23 characters)');
    expect(r.stdout).toContain('CER 0.00%');
    expect(r.stdout).toContain('total (2 files)');
    expect(r.stdout).toContain('CER 2.17%');
    expect(r.stdout).toContain('"字" → "宇" ×1');
  });

  it('writes json with rates, counts and confusions', async () => {
    const r = await cli(['score', '--gold', path.join(dir, 'gold.txt'), path.join(dir, 'a.txt'), '--format', 'json'], dir);
    const j = JSON.parse(r.stdout);
    expect(j.files[0].cer).toMatchObject({ errors: 1, total: 23, substitutions: 1 });
    // without the line break and the space: 23 - 2 = 21
    expect(j.files[0].cerNoSpace).toMatchObject({ errors: 1, total: 21 });
    expect(j.files[0].confusions).toEqual([{ gold: '字', candidate: '宇', count: 1 }]);
    expect(j.total.files).toBe(1);
  });

  it('names a missing file and exits 2, still scoring the others', async () => {
    const r = await cli(['score', '--gold', path.join(dir, 'gold.txt'), path.join(dir, 'missing.txt'), path.join(dir, 'b.txt')], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing.txt: no such file');
    expect(r.stdout).toContain('CER 0.00%');
  });

  it('rejects an unknown normalizer', async () => {
    const r = await cli(['score', '--gold', path.join(dir, 'gold.txt'), path.join(dir, 'a.txt'), '--normalize', 'nope'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown normalizer "nope"');
  });

  it('pairs files by relative path when the gold is a directory', async () => {
    fs.mkdirSync(path.join(dir, 'g/sub'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'c/sub'), { recursive: true });
    w('g/sub/p1.txt', 'abcd');
    w('c/sub/p1.txt', 'abed');
    const r = await cli(['score', '--gold', path.join(dir, 'g'), path.join(dir, 'c')], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('CER 25.00%');
  });
});
