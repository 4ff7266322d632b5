/**
 * `--format json` against its documented shape (schema/report.schema.json, validated with ajv) and against the
 * input: every position points where it says, and replaying the applied edits gives the cleaned text.
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDump, ocrtidy, rmTemp, ROOT, tempDir } from './cli-helpers.js';

const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schema', 'report.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: true, strictRequired: false }).compile(schema);

interface JEdit { rule: string; level: string; status: string; page: number; line: number; column: number; endLine: number; endColumn: number; offset: number; endOffset: number; before: string; after: string; message?: string }
interface JFile { file: string; status: string; error?: string; pages: Array<{ index: number; offset: number; length: number; line: number; kept: boolean; duplicateOf?: number }>; groups: Array<{ members: number[]; kept: number }>; edits: JEdit[]; eol?: string; bom?: boolean }

let dir: string;
beforeAll(() => {
  dir = tempDir();
  fs.writeFileSync(path.join(dir, 'dirty.txt'), '我们用Python写了3个脚本\n·自然语言处理.在这一领域\n');
  fs.writeFileSync(path.join(dir, 'clean.txt'), '已经干净的文本，使用 Python 编写。\n');
  fs.writeFileSync(path.join(dir, 'crlf.txt'), '第一行用Go语言\r\n第二行有3个错误\r\n');
  fs.writeFileSync(path.join(dir, 'bad.txt'), Buffer.from([0xe4, 0xbd, 0x0a, 0xff]));
  const pages = makeDump(4, 3000, 11).split('\n');
  pages.splice(3, 0, pages[0].slice(0, 1000) + '口' + pages[0].slice(1001));
  fs.writeFileSync(path.join(dir, 'dump.txt'), pages.join('\n'));
});
afterAll(() => rmTemp(dir));

const lineCol = (text: string, offset: number) => {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
};

describe('json report', () => {
  it('validates against schema/report.schema.json for changed, clean, CRLF, failed and dump inputs', () => {
    const r = ocrtidy(['check', '--format', 'json', 'dirty.txt', 'clean.txt', 'crlf.txt', 'bad.txt', 'missing.txt', 'dump.txt'], dir);
    expect(r.code).toBe(2);
    const rep = JSON.parse(r.stdout);
    expect(validate(rep), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(rep.version).toBe(1);
    expect(rep.summary).toMatchObject({ files: 6, changed: 3, errors: 2 });
    const byName = new Map<string, JFile>(rep.files.map((f: JFile) => [f.file, f]));
    expect(byName.get('missing.txt')!.status).toBe('error');
    expect(byName.get('bad.txt')!.error).toMatch(/invalid UTF-8/);
    expect(byName.get('clean.txt')!.edits).toEqual([]);
    expect(byName.get('crlf.txt')!.eol).toBe('crlf');
  });

  it('also validates the report of clean --out-dir (writtenTo) and of standard input', () => {
    const r = ocrtidy(['clean', '--out-dir', 'out', '--format', 'json', '--report', 'r.json', 'dirty.txt'], dir);
    expect(r.code, r.stderr).toBe(0);
    const rep = JSON.parse(fs.readFileSync(path.join(dir, 'r.json'), 'utf8'));
    expect(validate(rep), JSON.stringify(validate.errors)).toBe(true);
    expect(rep.files[0].writtenTo).toBe(path.join('out', 'dirty.txt'));
    const s = ocrtidy(['check', '--format', 'json'], dir, { input: '用Rust写\n' });
    expect(s.code).toBe(1);
    const srep = JSON.parse(s.stdout);
    expect(validate(srep), JSON.stringify(validate.errors)).toBe(true);
    expect(srep.files[0].file).toBe('-');
  });

  it('gives positions that point into the original and edits that replay to the cleaned text', () => {
    for (const name of ['dirty.txt', 'crlf.txt', 'dump.txt']) {
      const r = ocrtidy(['check', '--format', 'json', name], dir);
      const f: JFile = JSON.parse(r.stdout).files[0];
      const original = fs.readFileSync(path.join(dir, name), 'utf8').replace(/\r\n/g, '\n');
      expect(f.edits.length).toBeGreaterThan(0);
      // these inputs have no chained edits (no rule edits what an earlier one changed): every edit replays
      for (const e of f.edits) {
        expect(original.slice(e.offset, e.endOffset)).toBe(e.before);
        expect(lineCol(original, e.offset)).toEqual({ line: e.line, column: e.column });
        expect(lineCol(original, e.endOffset)).toEqual({ line: e.endLine, column: e.endColumn });
        const page = f.pages.find((p) => p.index === e.page)!;
        expect(e.offset).toBeGreaterThanOrEqual(page.offset);
      }
      // replay the applied edits right to left: the cleaned text
      let text = original;
      for (const e of [...f.edits].filter((x) => x.status === 'applied').sort((a, b) => b.offset - a.offset || b.endOffset - a.endOffset)) {
        text = text.slice(0, e.offset) + e.after + text.slice(e.endOffset);
      }
      const cleaned = ocrtidy(['clean', name], dir).stdout.replace(/\r\n/g, '\n');
      expect(text).toBe(cleaned);
    }
  });

  it('lists pages and duplicate groups of a dump', () => {
    const f: JFile = JSON.parse(ocrtidy(['check', '--format', 'json', 'dump.txt'], dir).stdout).files[0];
    // one page per line (the split may add an empty page after a final newline)
    expect(f.pages.slice(0, 5).map((p) => p.line)).toEqual([1, 2, 3, 4, 5]);
    const original = fs.readFileSync(path.join(dir, 'dump.txt'), 'utf8');
    for (const p of f.pages) expect(original.slice(p.offset, p.offset + p.length)).not.toContain('\n');
    expect(f.groups).toEqual([expect.objectContaining({ members: [0, 3] })]);
    const dropped = f.pages.filter((p) => !p.kept);
    expect(dropped).toHaveLength(1);
    expect(dropped[0].duplicateOf).toBe(f.groups[0].kept);
    expect(f.edits.filter((e) => e.rule === 'pages/duplicate-pass')).toHaveLength(1);
  });
});
