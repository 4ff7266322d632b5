/**
 * `--format github`: workflow annotations the Actions runner parses — one command per change, with file, line,
 * col, endLine, endColumn and title, warning for fixes and notice for suggestions, escaped per the runner's rules.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeData, escapeProperty } from '../src/report/github.js';
import { ocrtidy, rmTemp, tempDir } from './cli-helpers.js';

/** Parses `::kind k=v,k=v::message` as the runner does (unescaping). */
function parse(line: string): { kind: string; props: Record<string, string>; message: string } {
  const m = /^::(\w+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!m) throw new Error(`not a workflow command: ${line}`);
  const un = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  const props: Record<string, string> = {};
  for (const kv of (m[2] ?? '').split(',').filter(Boolean)) {
    const i = kv.indexOf('=');
    props[kv.slice(0, i)] = un(kv.slice(i + 1));
  }
  return { kind: m[1], props, message: un(m[3]) };
}

let dir: string;
beforeAll(() => {
  dir = tempDir();
  fs.writeFileSync(path.join(dir, 'a.txt'), '第一行\n我们用Python写了3个脚本\n约40%的样本\n');
  fs.writeFileSync(path.join(dir, 'odd,name:50%.txt'), '用Rust写\n');
});
afterAll(() => rmTemp(dir));

describe('github annotations', () => {
  it('escapes data and properties as the runner expects', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('a,b:c%\n')).toBe('a%2Cb%3Ac%25%0A');
    expect(escapeData('a,b:c')).toBe('a,b:c');
  });

  it('gives one warning per fix with the position of the change', () => {
    const r = ocrtidy(['check', '--format', 'github', 'a.txt'], dir);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    const original = fs.readFileSync(path.join(dir, 'a.txt'), 'utf8').split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(5);
    for (const l of lines) {
      const a = parse(l);
      expect(a.kind).toBe('warning');
      expect(a.props.file).toBe('a.txt');
      expect(a.props.title).toBe('space/cjk-latin');
      expect(a.message).toMatch(/^space\/cjk-latin \(fix\): .*\{\+ \+\}/);
      const line = Number(a.props.line), col = Number(a.props.col);
      expect(Number(a.props.endLine)).toBe(line);
      expect(Number(a.props.endColumn)).toBe(col); // insertions: an empty range
      // the column is where the space goes: between a CJK character and a Latin one (or the other way round)
      const text = original[line - 1];
      expect(/[\u4e00-\u9fff]/.test(text[col - 2]) !== /[\u4e00-\u9fff]/.test(text[col - 1])).toBe(true);
    }
    // the % of 40% is escaped in the message
    expect(r.stdout).toContain('40%25');
  });

  it('escapes , : and % in the file property', () => {
    const r = ocrtidy(['check', '--format', 'github', 'odd,name:50%.txt'], dir);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toContain('file=odd%2Cname%3A50%25.txt,');
    expect(parse(lines[0]).props.file).toBe('odd,name:50%.txt');
  });

  it('gives notices for suggestions and an error for an unreadable file', () => {
    const r = ocrtidy(['check', '--format', 'github', '--rule', 'space/cjk-latin=suggest', 'a.txt', 'missing.txt'], dir);
    expect(r.code).toBe(2);
    const anns = r.stdout.trimEnd().split('\n').map(parse);
    expect(anns.filter((a) => a.kind === 'notice').length).toBeGreaterThan(0);
    expect(anns.filter((a) => a.kind === 'warning')).toEqual([]);
    expect(anns.find((a) => a.kind === 'error')).toMatchObject({ props: { file: 'missing.txt' }, message: expect.stringContaining('no such file') });
  });
});
