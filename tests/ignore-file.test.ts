import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveInputs } from '../src/io/files.js';
import { findIgnoreFile, IGNORE_FILE, makeSkip, readIgnoreFile } from '../src/io/ignore.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocrtidy-ignore-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const touch = (rel: string, text = 'x\n') => {
  const p = path.join(dir, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
  return p;
};

describe('makeSkip', () => {
  it('reads gitignore syntax relative to the pattern file\'s folder: folders, globs, negation, comments', () => {
    const skip = makeSkip([{ dir, patterns: ['# comment', 'drafts/', '*.orig.txt', '!keep.orig.txt', '/top.txt'], origin: 'test' }], dir)!;
    expect(skip('drafts/a.txt')).toBe(true);
    expect(skip('book/drafts/a.txt')).toBe(true);
    expect(skip('book/p1.orig.txt')).toBe(true);
    expect(skip('book/keep.orig.txt')).toBe(false);
    expect(skip('top.txt')).toBe(true);
    expect(skip('book/top.txt')).toBe(false);
    expect(skip('book/p1.txt')).toBe(false);
  });
  it('never matches files outside the pattern file\'s folder, and resolves paths against cwd', () => {
    const skip = makeSkip([{ dir: path.join(dir, 'sub'), patterns: ['*.txt'], origin: 'test' }], dir)!;
    expect(skip('sub/a.txt')).toBe(true);
    expect(skip('a.txt')).toBe(false);
    expect(skip(path.join(dir, 'sub', 'b.txt'))).toBe(true);
  });
  it('gives undefined when there is nothing to leave out', () => {
    expect(makeSkip([], dir)).toBeUndefined();
    expect(makeSkip([{ dir, patterns: ['', '# only a comment'], origin: 'test' }], dir)).toBeUndefined();
  });
});

describe('findIgnoreFile and resolveInputs', () => {
  it('finds the nearest .ocrtidyignore up from a folder', () => {
    const top = touch(IGNORE_FILE, 'drafts/\n');
    fs.mkdirSync(path.join(dir, 'a', 'b'), { recursive: true });
    expect(findIgnoreFile(path.join(dir, 'a', 'b'))).toBe(top);
    expect(readIgnoreFile(top)).toMatchObject({ dir, patterns: ['drafts/', ''] });
  });
  it('leaves skipped files out of walks but keeps files named one by one', () => {
    touch('pages/a.txt');
    touch('pages/drafts/b.txt');
    const skip = makeSkip([{ dir, patterns: ['drafts/'], origin: 'test' }], process.cwd());
    const rel = (p: string) => path.relative(process.cwd(), path.join(dir, p));
    const walked = resolveInputs([rel('pages')], skip);
    expect(walked.inputs.map((i) => (i as { path: string }).path)).toEqual([rel('pages/a.txt')]);
    const named = resolveInputs([rel('pages/drafts/b.txt')], skip);
    expect(named.inputs).toHaveLength(1);
    expect(named.errors).toEqual([]);
  });
});
