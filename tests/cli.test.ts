/** End-to-end tests: the BUILT bin/ocrtidy.js run in a temp folder (npm test builds first). */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const BIN = path.resolve(__dirname, '..', 'bin', 'ocrtidy.js');
let dir: string;

function ocrtidy(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const write = (name: string, text: string | Buffer) => {
  fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  fs.writeFileSync(path.join(dir, name), text);
};
const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocrtidy-cli-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('ocrtidy clean', () => {
  it('is a stdin/stdout filter with the summary on stderr', () => {
    const r = ocrtidy(['clean'], '1.4大语言模型');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('1.4 大语言模型');
    expect(r.stderr).toMatch(/1 fix.*space\/cjk-latin 1/);
  });
  it('reads stdin for "-"', () => {
    expect(ocrtidy(['clean', '-'], '用Rust写').stdout).toBe('用 Rust 写');
  });
  it('prints one file\'s cleaned text on stdout', () => {
    write('page.txt', '本书第3章介绍Go语言\n');
    const r = ocrtidy(['clean', 'page.txt']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('本书第 3 章介绍 Go 语言\n');
    expect(read('page.txt')).toBe('本书第3章介绍Go语言\n');
  });
  it('writes --out-dir DIR/<relative path> and shows the report', () => {
    write('scans/a.txt', '安装Node后运行\n');
    write('scans/sub/b.txt', '已经干净的一行。\n');
    const r = ocrtidy(['clean', '--out-dir', 'out', 'scans']);
    expect(r.code).toBe(0);
    expect(read('out/scans/a.txt')).toBe('安装 Node 后运行\n');
    expect(read('out/scans/sub/b.txt')).toBe('已经干净的一行。\n');
    expect(r.stdout).toContain('scans/a.txt:1:3  space/cjk-latin  fix  安装{+ +}Node');
  });
  it('refuses --out-dir for an input outside the current directory', () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'ocrtidy-outside-'));
    fs.writeFileSync(path.join(outside, 'x.txt'), '用C写\n');
    const r = ocrtidy(['clean', '--out-dir', 'out', path.join(outside, 'x.txt')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/outside the current directory/);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
    fs.rmSync(outside, { recursive: true, force: true });
  });
  it('refuses an --out-dir that would write over the input, and leaves it as it was', () => {
    write('p.txt', '用C写\n');
    for (const out of ['.', dir, './']) {
      const r = ocrtidy(['clean', '--out-dir', out, 'p.txt']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/p\.txt: --out-dir .* would write over the input itself/);
      expect(read('p.txt')).toBe('用C写\n');
    }
    // a link to the current folder names the same file
    fs.symlinkSync(dir, path.join(dir, 'here'));
    expect(ocrtidy(['clean', '--out-dir', 'here', 'p.txt']).code).toBe(2);
    expect(read('p.txt')).toBe('用C写\n');
    // a real other folder still works
    expect(ocrtidy(['clean', '--out-dir', 'out', 'p.txt']).code).toBe(0);
    expect(read('out/p.txt')).toBe('用 C 写\n');
  });
  it('refuses an --out-dir output that is a link, or that would land on the input through a link', () => {
    write('p.txt', '用C写\n');
    // a link at the output path: a write would go to its target (here the input)
    fs.mkdirSync(path.join(dir, 'out'));
    fs.symlinkSync('../p.txt', path.join(dir, 'out', 'p.txt'));
    let r = ocrtidy(['clean', '--quiet', '--out-dir', 'out', 'p.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/out\/p\.txt is a symbolic link/);
    expect(read('p.txt')).toBe('用C写\n');
    // an input given through a link whose target lies where the output would go
    write('data/q.txt', '用Go写\n');
    fs.symlinkSync('data/q.txt', path.join(dir, 'q.txt'));
    r = ocrtidy(['clean', '--out-dir', 'data', 'q.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/q\.txt: --out-dir data would write over the input itself/);
    expect(read('data/q.txt')).toBe('用Go写\n');
    // a hard link at the output path is only replaced itself: the input keeps its text
    fs.mkdirSync(path.join(dir, 'copies'));
    fs.linkSync(path.join(dir, 'p.txt'), path.join(dir, 'copies', 'p.txt'));
    expect(ocrtidy(['clean', '--out-dir', 'copies', 'p.txt']).code).toBe(0);
    expect(read('copies/p.txt')).toBe('用 C 写\n');
    expect(read('p.txt')).toBe('用C写\n');
  });
  it('refuses an --out-dir output that would replace another input of the run, and cleans the rest', () => {
    write('p.txt', '用C写\n');
    write('sub/p.txt', '原稿用Go写\n');
    for (const jobs of ['1', '2']) {
      const r = ocrtidy(['clean', '--jobs', jobs, '--out-dir', 'sub', 'p.txt', 'sub/p.txt']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/p\.txt: --out-dir sub would write sub\/p\.txt over another input of this run/);
      expect(read('sub/p.txt')).toBe('原稿用Go写\n');
      expect(read('sub/sub/p.txt')).toBe('原稿用 Go 写\n');
    }
  });
  it('names a glob that runs through a file, and goes on with the other inputs', () => {
    write('a.txt', '用C写\n');
    write('pages/b.txt', '用Go写\n');
    const r = ocrtidy(['clean', '--out-dir', 'out', 'a.txt/*.txt', 'pages/*.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a.txt/*.txt: a part of the pattern is a file, not a folder');
    expect(read('out/pages/b.txt')).toBe('用 Go 写\n');
  });
  it('names the part of a --report path that is a file, and makes a missing folder', () => {
    write('p.txt', '用C写\n');
    let r = ocrtidy(['clean', 'p.txt', '--report', 'p.txt/r.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot write the report p.txt/r.json: p.txt is a file, not a folder');
    r = ocrtidy(['clean', 'p.txt', '--report', 'new/dir/r.json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(read('new/dir/r.json')).files[0].file).toBe('p.txt');
  });
  it('refuses --write on a file with no write permission, even for root', () => {
    write('ro.txt', '用C写\n');
    fs.chmodSync(path.join(dir, 'ro.txt'), 0o444);
    const r = ocrtidy(['clean', '--write', 'ro.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ro\.txt: read-only file/);
    expect(read('ro.txt')).toBe('用C写\n');
  });
  it('writes cleaned copies (stdout, --out-dir) without a UTF-8 BOM, at the start or in mid-text', () => {
    write('b.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('开头有BOM\n\n\ufeff第二段也有\n', 'utf8')]));
    expect(ocrtidy(['clean', 'b.txt']).stdout).toBe('开头有 BOM\n\n第二段也有\n');
    expect(ocrtidy(['clean', '--quiet', 'b.txt']).stdout).toBe('开头有 BOM\n\n第二段也有\n');
    expect(ocrtidy(['clean', '--out-dir', 'out', 'b.txt']).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'out', 'b.txt'), 'utf8')).toBe('开头有 BOM\n\n第二段也有\n');
    // a file that needs nothing but its BOM removed is written without it, and counts as unchanged text
    write('c.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('干净的一行。\n', 'utf8')]));
    expect(ocrtidy(['clean', '--out-dir', 'out', 'c.txt']).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'out', 'c.txt'), 'utf8')).toBe('干净的一行。\n');
  });
  it('rewrites in place with --write, keeping the mode, BOM and CRLF', () => {
    write('p.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('用Java写\r\n第二行\r\n', 'utf8')]));
    fs.chmodSync(path.join(dir, 'p.txt'), 0o640);
    const r = ocrtidy(['clean', '--write', 'p.txt']);
    expect(r.code).toBe(0);
    const bytes = fs.readFileSync(path.join(dir, 'p.txt'));
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(bytes.subarray(3).toString('utf8')).toBe('用 Java 写\r\n第二行\r\n');
    expect(fs.statSync(path.join(dir, 'p.txt')).mode & 0o777).toBe(0o640);
    expect(fs.readdirSync(dir)).toEqual(['p.txt']);
  });
  it('needs --out-dir or --write for more than one input', () => {
    write('a.txt', '甲\n');
    write('b.txt', '乙\n');
    const r = ocrtidy(['clean', 'a.txt', 'b.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out-dir DIR or --write/);
  });
  it('reports invalid input with file and offset, exit 2, and still processes the other files', () => {
    write('bad.txt', Buffer.from([0x61, 0xff, 0x62]));
    write('bin.txt', Buffer.from([0x61, 0x00]));
    write('good.txt', '用Go写\n');
    const r = ocrtidy(['clean', '--out-dir', 'out', 'bad.txt', 'bin.txt', 'good.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.txt: invalid UTF-8.*byte offset 1/);
    expect(r.stderr).toMatch(/bin\.txt: binary file.*byte offset 1/);
    expect(read('out/good.txt')).toBe('用 Go 写\n');
    expect(fs.existsSync(path.join(dir, 'out/bad.txt'))).toBe(false);
    expect(fs.readFileSync(path.join(dir, 'bad.txt'))).toEqual(Buffer.from([0x61, 0xff, 0x62]));
  });
  it('names a missing input and exits 2', () => {
    const r = ocrtidy(['clean', '--out-dir', 'out', 'nope.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\.txt: no such file or directory/);
  });
  it('expands a quoted glob', () => {
    write('d/p1.txt', '用C写\n');
    write('d/p2.txt', '用R写\n');
    write('d/notes.md', '用C写\n');
    const r = ocrtidy(['clean', '--out-dir', 'o', 'd/p*.txt']);
    expect(r.code).toBe(0);
    expect(read('o/d/p1.txt')).toBe('用 C 写\n');
    expect(read('o/d/p2.txt')).toBe('用 R 写\n');
    expect(fs.existsSync(path.join(dir, 'o/d/notes.md'))).toBe(false);
  });
  it('keeps each file its own document: identical pages in two files are both kept', () => {
    const page = '这是一页足够长的正文，用来检验重复扫描的判断只在一个文件之内进行。\n';
    write('a.txt', page);
    write('b.txt', page);
    ocrtidy(['clean', '--out-dir', 'o', 'a.txt', 'b.txt']);
    expect(read('o/a.txt')).toBe(page);
    expect(read('o/b.txt')).toBe(page);
  });
});

describe('ocrtidy check', () => {
  it('exits 1 when a fix would apply and writes nothing', () => {
    write('p.txt', '用Python写\n');
    const r = ocrtidy(['check', 'p.txt']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('p.txt:1:2  space/cjk-latin  fix  用{+ +}Python');
    expect(read('p.txt')).toBe('用Python写\n');
  });
  it('exits 0 on clean text', () => {
    write('p.txt', '用 Python 写。\n');
    const r = ocrtidy(['check', 'p.txt']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
  });
  it('exits 2 on a missing file', () => {
    expect(ocrtidy(['check', 'missing.txt']).code).toBe(2);
  });
  it('writes a json report with original positions', () => {
    write('p.txt', '第一行\n安装Node后\n');
    const r = ocrtidy(['check', '--format', 'json', 'p.txt']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.version).toBe(1);
    expect(j.files[0].file).toBe('p.txt');
    expect(j.files[0].edits[0]).toMatchObject({ rule: 'space/cjk-latin', level: 'fix', status: 'applied', line: 2, column: 3, offset: 6, before: '', after: ' ' });
  });
  it('writes a unified patch with --report', () => {
    write('p.txt', '安装Node后\n');
    const r = ocrtidy(['check', '--format', 'unified', '--report', 'fix.patch', 'p.txt']);
    expect(r.code).toBe(1);
    const patch = read('fix.patch');
    expect(patch).toContain('--- a/p.txt');
    expect(patch).toContain('+安装 Node 后');
  });
  it('rejects an unknown option or rule with exit 2', () => {
    expect(ocrtidy(['check', '--bogus']).code).toBe(2);
    expect(ocrtidy(['check', '--rule', 'no/such=off', 'x.txt']).code).toBe(2);
  });
  it('turns a rule off with --rule', () => {
    write('p.txt', '用Python写\n');
    expect(ocrtidy(['check', '--rule', 'space/cjk-latin=off', 'p.txt']).code).toBe(0);
  });
});

describe('duplicate passes in a one-page-per-line dump', () => {
  const page1 = (noisy: boolean) =>
    `第1节${noisy ? '的' : ' 的'}内容：本节讨论缓存的失效策略与容量规划，给出${noisy ? '3' : ' 3 '}个实验的结果，并比较不同淘汰算法在读多写少的负载下的表现。为了便于复现，所有实验都在同一台机器上运行，每个实验重复五次取平均值，误差范围写在表格的最后一列。`;
  const page2 = '第 2 节 的内容：日志系统的设计要同时照顾写入吞吐和查询延迟，常见做法是先顺序追加到磁盘，再由后台任务建立索引。索引粒度越细，查询越快，但占用的空间越多；本节用两组对照实验说明这种取舍，并给出一个按时间分区的折中方案。';
  const dump = [page1(true), page2, page1(false)].join('\n') + '\n';
  it('counts pages without the empty one after the final newline, and drops the worse pass', () => {
    write('d.txt', dump);
    const r = ocrtidy(['clean', '--pages', 'line', 'd.txt']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toHaveLength(3);
    expect(r.stderr).toMatch(/3 pages -> 2/);
  });
  it('keeps every pass and only suggests the removal with --rule pages/duplicate-pass=suggest', () => {
    write('d.txt', dump);
    const r = ocrtidy(['check', '--pages', 'line', '--format', 'json', '--rule', 'pages/duplicate-pass=suggest', 'd.txt']);
    const f = JSON.parse(r.stdout).files[0];
    expect(f.pagesOut).toBe(3);
    const dup = f.edits.filter((e: { rule: string }) => e.rule === 'pages/duplicate-pass');
    expect(dup).toHaveLength(1);
    expect(dup[0]).toMatchObject({ level: 'suggest', status: 'suggested', line: 1 });
  });
});
