/**
 * Golden files (fixtures/, written for this project): the demo dump against its reviewed expected output, and
 * house-style text that must come out unchanged. When a rule change alters the demo output on purpose, review the
 * new output and update fixtures/demo/expected.txt in the same commit.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clean } from './helpers.js';

const root = path.resolve(__dirname, '..', 'fixtures');
const read = (p: string) => fs.readFileSync(path.join(root, p), 'utf8');

describe('fixtures', () => {
  it('the demo dump cleans to its reviewed expected output', () => {
    expect(clean(read('demo/dump.txt'))).toBe(read('demo/expected.txt'));
  });
  it('the demo dump keeps the better pass of the page that is in it twice, in the first pass\'s place', () => {
    const out = clean(read('demo/dump.txt')).split('\n');
    expect(out).toHaveLength(4); // 4 pages in, one a duplicate pass, plus the final newline
    expect(out[0]).toMatch(/^4\.2 向量检索/);
    expect(out[0]).toContain('• 索引结构. HNSW 图索引');
  });
  it('house-style text comes out unchanged, and so does the expected output', () => {
    const ok = read('clean/house-style.txt');
    expect(clean(ok)).toBe(ok);
    expect(clean(read('demo/expected.txt'))).toBe(read('demo/expected.txt'));
  });
});
