/**
 * `clean --write` on real temp files: the file is replaced atomically with its cleaned text, keeping its
 * permissions, its UTF-8 BOM, its CRLF line endings and its missing final newline; files with nothing to change
 * are not rewritten.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ocrtidy, rmTemp, tempDir } from './cli-helpers.js';

let dir: string;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => rmTemp(dir));

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const write = (name: string, data: Buffer | string, mode: number) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, data);
  fs.chmodSync(p, mode);
  return p;
};
const modeOf = (p: string) => fs.statSync(p).mode & 0o777;

describe('clean --write', () => {
  it('keeps permissions, BOM, CRLF and a missing final newline', () => {
    const a = write('a.txt', Buffer.concat([BOM, Buffer.from('第一行用Go语言\r\n第二行有3个错误\r\n末行提到JSON', 'utf8')]), 0o640);
    const b = write('b.txt', '脚本用Python写\n', 0o755);
    const c = write('c.txt', '只读的文件提到Rust\r\n', 0o444);
    const r = ocrtidy(['clean', '--write', 'a.txt', 'b.txt', 'c.txt'], dir);
    // a read-only file is refused (for root too, whom the file system would let replace it), the others cleaned
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/c\.txt: read-only file/);
    expect(fs.readFileSync(a).equals(Buffer.concat([BOM, Buffer.from('第一行用 Go 语言\r\n第二行有 3 个错误\r\n末行提到 JSON', 'utf8')]))).toBe(true);
    expect(fs.readFileSync(b, 'utf8')).toBe('脚本用 Python 写\n');
    expect(fs.readFileSync(c, 'utf8')).toBe('只读的文件提到Rust\r\n');
    expect([modeOf(a), modeOf(b), modeOf(c)]).toEqual([0o640, 0o755, 0o444]);
    // no temp files left behind
    expect(fs.readdirSync(dir).sort()).toEqual(['a.txt', 'b.txt', 'c.txt']);
  });

  it('keeps UTF-16 with its BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('用Rust写\r\n', 'utf16le')]);
    const p = write('u16.txt', le, 0o600);
    expect(ocrtidy(['clean', '--write', 'u16.txt'], dir).code).toBe(0);
    expect(fs.readFileSync(p).equals(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('用 Rust 写\r\n', 'utf16le')]))).toBe(true);
    expect(modeOf(p)).toBe(0o600);
  });

  it('does not rewrite a file with nothing to change, and leaves a failed file alone', () => {
    const ok = write('ok.txt', '已经干净的文本，使用 Python 编写。\n', 0o644);
    const bad = write('bad.txt', Buffer.from([0x41, 0xc3, 0x28, 0x0a]), 0o644);
    const before = fs.statSync(ok);
    const r = ocrtidy(['clean', '--write', 'ok.txt', 'bad.txt'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.txt: invalid UTF-8.*byte offset 1/);
    const after = fs.statSync(ok);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    expect(fs.readFileSync(bad).equals(Buffer.from([0x41, 0xc3, 0x28, 0x0a]))).toBe(true);
  });
});
