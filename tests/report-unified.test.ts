/**
 * `--format unified` against its consumer: the patch applied with real `git apply` in a temp repository must give
 * byte-for-byte the text `clean --write` writes, for LF and CRLF files, files without a final newline, files with a BOM,
 * and one-page-per-line dumps with 3000-character lines (including a dropped duplicate pass).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { patchPath } from '../src/report/unified.js';
import { makeDump, makePage, ocrtidy, rmTemp, tempDir } from './cli-helpers.js';

let dir: string;
beforeEach(() => {
  dir = tempDir();
  const git = spawnSync('git', ['init', '-q', '.'], { cwd: dir });
  expect(git.status).toBe(0);
});
afterEach(() => rmTemp(dir));

function gitApply(patchFile: string, check = false): { code: number; err: string } {
  const r = spawnSync('git', ['apply', ...(check ? ['--check'] : []), patchFile], { cwd: dir });
  return { code: r.status ?? -1, err: r.stderr.toString() };
}

/** Writes the inputs, makes the patch, cleans copies in out/ in place, applies the patch and compares each file's bytes. */
function roundTrip(files: Record<string, Buffer | string>): string {
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  const names = Object.keys(files);
  const check = ocrtidy(['check', '--format', 'unified', '--report', 'fix.patch', ...names], dir);
  expect(check.code, check.stderr).toBe(1);
  // the patch changes the files in place: it must give what `clean --write` gives (a copy of each file in out/)
  for (const name of names) {
    fs.mkdirSync(path.dirname(path.join(dir, 'out', name)), { recursive: true });
    fs.copyFileSync(path.join(dir, name), path.join(dir, 'out', name));
  }
  const cleaned = ocrtidy(['clean', '--quiet', '--write', ...names], path.join(dir, 'out'));
  expect(cleaned.code, cleaned.stderr).toBe(0);
  expect(gitApply('fix.patch', true)).toEqual({ code: 0, err: '' });
  const applied = gitApply('fix.patch');
  expect(applied.code, applied.err).toBe(0);
  for (const name of names) {
    expect(fs.readFileSync(path.join(dir, name)).equals(fs.readFileSync(path.join(dir, 'out', name))), name).toBe(true);
  }
  return fs.readFileSync(path.join(dir, 'fix.patch'), 'utf8');
}

describe('unified patch applied with git apply', () => {
  it('gives exactly the cleaned text for LF files, with and without a final newline', () => {
    roundTrip({
      'a.txt': '我们用Python写了3个脚本\n第二段提到Rust语言\n没有变化的一行\n',
      'b.txt': '最后一行没有换行符，提到CUDA',
      'sub/c.txt': '开头\n中间\n\n\n\n\n\n\n结尾提到Linux系统\n',
      'sub dir/文件 一.txt': '文件名有空格和汉字，内容提到BERT\n',
    });
  });

  it('keeps CRLF line endings and a UTF-8 BOM', () => {
    const patch = roundTrip({
      'crlf.txt': '第一行用Go语言\r\n第二行\r\n第三行有3个错误\r\n',
      'crlf-nofinal.txt': '第一行\r\n末行是JSON格式',
      'bom.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('开头是BOM和API\n', 'utf8')]),
    });
    expect(patch).toContain('\r\n');
  });

  it('handles a one-page-per-line dump with 3000-character lines and a dropped duplicate pass', () => {
    const pages = makeDump(6, 3000, 7).split('\n');
    // page 5 is a second pass of page 2 with one character misread
    pages.splice(4, 0, pages[1].slice(0, 1500) + '口' + pages[1].slice(1501));
    const dump = pages.join('\n');
    const patch = roundTrip({ 'dump.txt': dump, 'dump-nofinal.txt': dump.replace(/\n$/, '') });
    expect(patch).toMatch(/pages\/duplicate-pass/);
  });

  it('shows what changed inside a long line: word-diff companion lines and changed words in hunk headers', () => {
    const page = makePage(3, 3000);
    const patch = roundTrip({ 'long.txt': page + '\n' + makePage(4, 3000) + '\n' });
    const companion = patch.split('\n').filter((l) => l.startsWith('#   '));
    expect(companion.length).toBeGreaterThan(5);
    for (const l of companion) {
      expect(l).toMatch(/^# {3}\d+:\d+ {2}[\w-]+\/[\w-]+ {2}(fix|suggest|held-back) {2}.*(\{\+.*\+\}|\[-.*-\])/);
      expect(Array.from(l).length).toBeLessThan(200);
    }
    const headers = patch.split('\n').filter((l) => l.startsWith('@@ '));
    expect(headers.length).toBeGreaterThan(0);
    for (const h of headers) expect(h).toMatch(/^@@ -\d+(,\d+)? \+\d+(,\d+)? @@ space\/cjk-latin .*\{\+ \+\}/);
  });

  it('names absolute inputs inside the folder relative to it, and leaves out files outside it with a note', () => {
    fs.writeFileSync(path.join(dir, 'abs.txt'), '绝对路径提到Rust\n');
    const outside = tempDir();
    try {
      fs.writeFileSync(path.join(outside, 'far.txt'), '外面的文件提到Go\n');
      const r = ocrtidy(['check', '--format', 'unified', path.join(dir, 'abs.txt'), path.join(outside, 'far.txt')], dir);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('diff --git a/abs.txt b/abs.txt');
      expect(r.stdout).toMatch(/^# \(outside the current folder/m);
      fs.writeFileSync(path.join(dir, 'p.patch'), r.stdout);
      expect(gitApply('p.patch').code).toBe(0);
      expect(fs.readFileSync(path.join(dir, 'abs.txt'), 'utf8')).toBe('绝对路径提到 Rust\n');
    } finally {
      rmTemp(outside);
    }
    expect(patchPath('/w/a/b.txt', '/w')).toBe('a/b.txt');
    expect(patchPath('../x.txt', '/w')).toBeUndefined();
    expect(patchPath('./sub//x.txt', '/w')).toBe('sub/x.txt');
  });

  it('is empty when nothing changes', () => {
    fs.writeFileSync(path.join(dir, 'ok.txt'), '已经干净的文本，使用 Python 编写。\n');
    const r = ocrtidy(['check', '--format', 'unified', 'ok.txt'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
  });
});
