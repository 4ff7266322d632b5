/**
 * End-to-end tests of the config file, init, rules, --rule, .ocrtidyignore, review and apply: they run the BUILT
 * bin/ocrtidy.js (npm test builds first) in a temporary folder.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RULES } from '../src/rules/index.js';
import { oneLine } from '../src/report/common.js';

// each test spawns the CLI several times; the machine may be busy
vi.setConfig({ testTimeout: 120_000 });

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'ocrtidy.js');
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocrtidy-cli-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function ocrtidy(args: string[], opts: { cwd?: string; input?: string } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? dir, input: opts.input ?? '', encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const write = (rel: string, content: unknown) => {
  const p = path.join(dir, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return p;
};
const read = (rel: string) => fs.readFileSync(path.join(dir, rel), 'utf8');

/** Needs CJK-Latin spaces (6 insertions with the default --spacing always). */
const DIRTY = '我用Python写了3个脚本\n第二行用Rust重写\n';

describe('config file', () => {
  it('is found by walking up from the current directory', () => {
    write('book/ch1/p1.txt', DIRTY);
    const sub = path.join(dir, 'book', 'ch1');
    expect(ocrtidy(['check', 'p1.txt'], { cwd: sub }).code).toBe(1);
    write('ocrtidy.config.json', { spacing: 'keep' });
    expect(ocrtidy(['check', 'p1.txt'], { cwd: sub }).code).toBe(0);
    // a nearer one wins
    write('book/ocrtidy.config.json', { spacing: 'always' });
    expect(ocrtidy(['check', 'p1.txt'], { cwd: sub }).code).toBe(1);
  });
  it('is taken from --config FILE, and --no-config ignores the one found', () => {
    write('p.txt', DIRTY);
    write('elsewhere/strict.json', { rules: { 'space/cjk-latin': 'off' } });
    expect(ocrtidy(['check', '--config', 'elsewhere/strict.json', 'p.txt']).code).toBe(0);
    write('ocrtidy.config.json', { spacing: 'keep' });
    expect(ocrtidy(['check', 'p.txt']).code).toBe(0);
    expect(ocrtidy(['check', '--no-config', 'p.txt']).code).toBe(1);
    const missing = ocrtidy(['check', '--config', 'nope.json', 'p.txt']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.json: cannot read the config file (no such file)');
  });
  it('loses to options typed on the command line, not to their defaults', () => {
    write('p.txt', DIRTY);
    write('ocrtidy.config.json', { spacing: 'keep', rules: { 'space/cjk-latin': 'off' } });
    expect(ocrtidy(['check', 'p.txt']).code).toBe(0);
    expect(ocrtidy(['check', '--rule', 'space/cjk-latin=fix', 'p.txt']).code).toBe(0); // spacing keep still from config
    expect(ocrtidy(['check', '--rule', 'space/cjk-latin=fix', '--spacing', 'always', 'p.txt']).code).toBe(1);
    write('ocrtidy.config.json', { spacing: 'never' });
    write('q.txt', '我用 Python 写\n');
    expect(ocrtidy(['clean', 'q.txt']).stdout).toBe('我用Python写\n');
    expect(ocrtidy(['clean', '--spacing', 'always', 'q.txt']).stdout).toBe('我用 Python 写\n');
  });
  it('an unknown key is an error naming the key and the file (exit 2), and nothing is written', () => {
    write('p.txt', DIRTY);
    write('ocrtidy.config.json', { spacng: 'keep' });
    const r = ocrtidy(['clean', '--out-dir', 'out', 'p.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ocrtidy\.config\.json: unknown key "spacng"/);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });
  it('a bad value is an error naming the key and the file (exit 2)', () => {
    write('p.txt', DIRTY);
    write('ocrtidy.config.json', { rules: { 'space/cjk-latin': 'error' } });
    let r = ocrtidy(['check', 'p.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ocrtidy.config.json: "rules.space/cjk-latin" must be one of off, fix, suggest (got "error")');
    write('ocrtidy.config.json', { rules: { 'space/nonexistent': 'off' } });
    r = ocrtidy(['check', 'p.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown rule "space/nonexistent"');
    write('ocrtidy.config.json', '{ "spacing": "keep", }');
    r = ocrtidy(['check', 'p.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ocrtidy.config.json: not valid JSON');
  });
  it('ignore words and /regex/ patterns are never touched', () => {
    write('p.txt', '我用Python写，又用Rust写\n');
    write('ocrtidy.config.json', { ignore: ['/用Python写/'] });
    expect(ocrtidy(['clean', 'p.txt']).stdout).toBe('我用Python写，又用 Rust 写\n');
  });
  it('glossary paths are relative to the config file', () => {
    write('p.txt', DIRTY);
    write('cfg/ocrtidy.config.json', { glossary: ['terms.txt'] });
    const r = ocrtidy(['check', '--config', 'cfg/ocrtidy.config.json', 'p.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cfg\/ocrtidy\.config\.json: "glossary\[0\]": file not found: terms\.txt/);
    write('cfg/terms.txt', 'BERT\n');
    expect(ocrtidy(['check', '--config', 'cfg/ocrtidy.config.json', 'p.txt']).code).toBe(1);
  });
});

describe('init', () => {
  it('writes a starter config that the next run accepts, and refuses to overwrite without --force', () => {
    write('p.txt', DIRTY);
    const r = ocrtidy(['init']);
    expect(r.code).toBe(0);
    const cfg = JSON.parse(read('ocrtidy.config.json'));
    expect(cfg.spacing).toBe('always');
    expect(Object.keys(cfg.rules)).toEqual(RULES.map((x) => x.id));
    expect(ocrtidy(['check', 'p.txt']).code).toBe(1);
    write('ocrtidy.config.json', { spacing: 'keep' });
    const again = ocrtidy(['init']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
    expect(JSON.parse(read('ocrtidy.config.json'))).toEqual({ spacing: 'keep' });
    expect(ocrtidy(['init', '--force']).code).toBe(0);
    expect(JSON.parse(read('ocrtidy.config.json')).spacing).toBe('always');
  });
});

describe('rules', () => {
  it('lists every rule with its level, description and example', () => {
    const r = ocrtidy(['rules', '--no-config']);
    expect(r.code).toBe(0);
    for (const rule of RULES) {
      const at = r.stdout.indexOf(rule.id);
      expect(at).toBeGreaterThanOrEqual(0);
      const block = r.stdout.slice(at, r.stdout.indexOf('\n', r.stdout.indexOf('\n', at) + 1));
      expect(block).toContain(rule.defaultLevel);
      expect(block).toContain(rule.description);
      expect(block).toContain(`${oneLine(rule.example.before)}  ->  ${oneLine(rule.example.after)}`);
    }
  });
  it('--json gives every rule with its fields; a config and --rule change the level shown', () => {
    write('ocrtidy.config.json', { rules: { [RULES[0].id]: 'suggest' } });
    const list = JSON.parse(ocrtidy(['rules', '--json']).stdout) as Array<Record<string, unknown>>;
    expect(list.map((x) => x.id)).toEqual(expect.arrayContaining(RULES.map((x) => x.id)));
    const first = list.find((x) => x.id === RULES[0].id)!;
    expect(first).toMatchObject({ defaultLevel: RULES[0].defaultLevel, level: 'suggest', source: RULES[0].source, example: RULES[0].example });
    const off = JSON.parse(ocrtidy(['rules', RULES[0].id, '--json', '--rule', `${RULES[0].id}=off`]).stdout);
    expect(off.level).toBe('off');
  });
  it('ID explains one rule; an unknown ID is an error naming it', () => {
    const rule = RULES[0];
    const r = ocrtidy(['rules', rule.id, '--no-config']);
    expect(r.code).toBe(0);
    for (const s of [rule.description, rule.source, oneLine(rule.example.before), oneLine(rule.example.after), `level:    ${rule.defaultLevel}`]) expect(r.stdout).toContain(s);
    const bad = ocrtidy(['rules', 'space/nothing']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown rule "space/nothing"');
  });
});

describe('--rule ID=LEVEL', () => {
  it('sets levels, repeatable; the last one for an id wins', () => {
    write('p.txt', DIRTY);
    expect(ocrtidy(['check', '--no-config', '--rule', 'space/cjk-latin=off', 'p.txt']).code).toBe(0);
    expect(ocrtidy(['check', '--no-config', '--rule', 'space/cjk-latin=off', '--rule', 'space/cjk-latin=fix', 'p.txt']).code).toBe(1);
    const s = ocrtidy(['check', '--no-config', '--rule', 'space/cjk-latin=suggest', '--rule', 'punct/bullet=off', 'p.txt']);
    expect(s.code).toBe(0);
    expect(s.stdout).toContain('space/cjk-latin  suggest');
    expect(ocrtidy(['check', '--no-config', '--strict', '--rule', 'space/cjk-latin=suggest', 'p.txt']).code).toBe(1);
    expect(ocrtidy(['clean', '--no-config', '--rule', 'space/cjk-latin=suggest', 'p.txt']).stdout).toBe(DIRTY);
  });
  it('an unknown id or level is an error naming it (exit 2)', () => {
    write('p.txt', DIRTY);
    let r = ocrtidy(['check', '--rule', 'space/nothing=off', 'p.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown rule "space/nothing"');
    r = ocrtidy(['check', '--rule', 'space/cjk-latin=warn', 'p.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('space/cjk-latin=warn');
    // an id without its namespace is named as an unknown rule, with the id it probably meant
    r = ocrtidy(['check', '--rule', 'cjk-latin=off', 'p.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown rule "cjk-latin" (did you mean space/cjk-latin?)');
    // a one-letter name is no near miss of anything
    r = ocrtidy(['check', '--rule', 'nope/x=off', 'p.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown rule "nope/x" (rule ids are namespace/name');
  });
});

describe('.ocrtidyignore and ignorePatterns', () => {
  it('leave files out of directory and glob walks, in gitignore syntax, but not files named one by one', () => {
    for (const f of ['pages/a.txt', 'pages/drafts/b.txt', 'pages/old/skip.txt', 'pages/c.txt']) write(f, DIRTY);
    write('.ocrtidyignore', '# drafts are not for review\ndrafts/\nskip.txt\n');
    const files = (args: string[], cwd = dir) =>
      (JSON.parse(ocrtidy(['check', '--format', 'json', ...args], { cwd }).stdout).files as Array<{ file: string }>).map((f) => f.file.split(path.sep).join('/'));
    expect(files(['pages'])).toEqual(['pages/a.txt', 'pages/c.txt']);
    expect(files(['pages/**/*.txt'])).toEqual(['pages/a.txt', 'pages/c.txt']);
    expect(files(['pages/drafts/b.txt'])).toEqual(['pages/drafts/b.txt']);
    // found by walking up, patterns relative to its own folder
    expect(files(['.'], path.join(dir, 'pages'))).toEqual(['a.txt', 'c.txt']);
    // --ignore adds to it; a config's ignorePatterns too
    expect(files(['pages', '--ignore', 'c.txt'])).toEqual(['pages/a.txt']);
    // the same pattern, relative to the current directory, for a folder and a glob input (a leading ./ allowed)
    for (const pattern of ['c.txt', 'pages/c.txt', './pages/c.txt']) {
      expect(files(['pages', '--ignore', pattern])).toEqual(['pages/a.txt']);
      expect(files(['pages/**/*.txt', '--ignore', pattern])).toEqual(['pages/a.txt']);
    }
    // a pattern without a slash also matches a file above the current directory
    expect(files(['..', '--ignore', 'c.txt'], path.join(dir, 'pages'))).toEqual(['../pages/a.txt']);
    write('ocrtidy.config.json', { ignorePatterns: ['pages/a.txt'] });
    expect(files(['pages'])).toEqual(['pages/c.txt']);
  });
  it('a walk whose every file is ignored is not an error', () => {
    write('pages/drafts/b.txt', DIRTY);
    write('.ocrtidyignore', 'drafts/\n');
    const r = ocrtidy(['check', 'pages']);
    expect(r.code).toBe(0);
  });
});

describe('review', () => {
  it('applies the accepted edits with scripted answers (y, n, a = the rest of this rule) and writes the file', () => {
    write('p.txt', DIRTY);
    const r = ocrtidy(['review', '--no-config', '--answers', '-', 'p.txt'], { input: 'y n a\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(1/6) p.txt:1:3  space/cjk-latin');
    expect(r.stdout).toContain('我用{+ +}Python写了3个脚本');
    // the second edit (after "Python") was rejected, all others accepted
    expect(read('p.txt')).toBe('我用 Python写了 3 个脚本\n第二行用 Rust 重写\n');
    expect(r.stderr).toContain('5 of 6 edits applied');
  });
  it('q quits: edits accepted so far are written, the rest are not; d rejects the rest of a rule', () => {
    write('p.txt', DIRTY);
    ocrtidy(['review', '--no-config', '--answers', '-', 'p.txt'], { input: 'nyq' });
    expect(read('p.txt')).toBe('我用Python 写了3个脚本\n第二行用Rust重写\n');
    write('p.txt', DIRTY);
    ocrtidy(['review', '--no-config', '--answers', '-', 'p.txt'], { input: 'd' });
    expect(read('p.txt')).toBe(DIRTY);
  });
  it('a accepts the later edits of the rule even when the answers then run out or say q', () => {
    write('p.txt', DIRTY);
    ocrtidy(['review', '--no-config', '--answers', '-', 'p.txt'], { input: 'a' });
    expect(read('p.txt')).toBe('我用 Python 写了 3 个脚本\n第二行用 Rust 重写\n');
    write('p.txt', DIRTY);
    ocrtidy(['review', '--no-config', '--answers', '-', 'p.txt'], { input: 'aq' });
    expect(read('p.txt')).toBe('我用 Python 写了 3 个脚本\n第二行用 Rust 重写\n');
  });
  it('running out of answers quits; ? prints the help and asks again', () => {
    write('p.txt', DIRTY);
    const r = ocrtidy(['review', '--no-config', '--answers', '-', 'p.txt'], { input: '?y' });
    expect(r.stdout).toContain('a - apply this edit and every later edit of the same rule');
    expect(r.stderr).toContain('no more answers');
    expect(read('p.txt')).toBe('我用 Python写了3个脚本\n第二行用Rust重写\n');
  });
  it('reads answers from a file; keeps the file untouched when nothing is accepted', () => {
    write('p.txt', DIRTY);
    write('answers.txt', 'n n n n n n');
    const before = fs.statSync(path.join(dir, 'p.txt')).mtimeMs;
    expect(ocrtidy(['review', '--no-config', '--answers', 'answers.txt', 'p.txt']).code).toBe(0);
    expect(read('p.txt')).toBe(DIRTY);
    expect(fs.statSync(path.join(dir, 'p.txt')).mtimeMs).toBe(before);
  });
  const hasScript = process.platform === 'linux' && spawnSync('script', ['--version']).status === 0;
  it.skipIf(!hasScript)('asks on a terminal (a pseudo-terminal made by util-linux script), answers typed ahead included', () => {
    write('p.txt', DIRTY);
    const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} review --no-config p.txt`;
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: dir, input: 'y\nn\na\n', encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Apply this edit [y,n,a,d,q,?]?');
    expect(read('p.txt')).toBe('我用 Python写了 3 个脚本\n第二行用 Rust 重写\n');
  });
  it('refuses options whose steps do not ask the reviewer (--fuse, --dedupe-across-files)', () => {
    write('p.txt', DIRTY);
    const r = ocrtidy(['review', '--no-config', '--fuse', '--answers', '-', 'p.txt'], { input: 'y' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('do not support --fuse');
    expect(read('p.txt')).toBe(DIRTY);
  });
  it('refuses to run without a terminal and without --answers, and refuses stdin', () => {
    write('p.txt', DIRTY);
    let r = ocrtidy(['review', 'p.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--answers');
    r = ocrtidy(['review', '--answers', '-', '-']);
    expect(r.code).toBe(2);
    expect(read('p.txt')).toBe(DIRTY);
  });
});

describe('apply', () => {
  const checkJson = () => {
    const r = ocrtidy(['check', '--no-config', '--format', 'json', 'p.txt', 'q.txt']);
    expect(r.code).toBe(1);
    return JSON.parse(r.stdout);
  };
  it('applies the edits left in an edited json report (deleting an edit rejects it)', () => {
    write('p.txt', DIRTY);
    write('q.txt', '用Go写\n');
    const report = checkJson();
    expect(report.files[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    report.files[0].edits.splice(1, 1); // reject the space after "Python"
    report.files[1].edits = []; // reject everything in q.txt
    write('r.json', report);
    const r = ocrtidy(['apply', '--no-config', 'r.json']);
    expect(r.code).toBe(0);
    expect(read('p.txt')).toBe('我用 Python写了 3 个脚本\n第二行用 Rust 重写\n');
    expect(read('q.txt')).toBe('用Go写\n');
  });
  it('also applies a report written by clean --report', () => {
    write('p.txt', DIRTY);
    expect(ocrtidy(['clean', '--no-config', '--out-dir', 'out', '--format', 'json', '--report', 'r.json', 'p.txt']).code).toBe(0);
    const report = JSON.parse(read('r.json'));
    report.files[0].edits = report.files[0].edits.filter((e: { line: number }) => e.line === 2);
    write('r.json', report);
    expect(ocrtidy(['apply', '--no-config', 'r.json']).code).toBe(0);
    expect(read('p.txt')).toBe('我用Python写了3个脚本\n第二行用 Rust 重写\n');
  });
  it('refuses a report whose input changed since, writing nothing', () => {
    write('p.txt', DIRTY);
    write('q.txt', '用Go写\n');
    write('r.json', checkJson());
    write('q.txt', '用Go写了\n');
    const r = ocrtidy(['apply', '--no-config', 'r.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('q.txt: changed since the report was made');
    expect(read('p.txt')).toBe(DIRTY); // not even the unchanged file
  });
  it('refuses a report made with other options or with edits changed by hand', () => {
    write('p.txt', DIRTY);
    write('q.txt', '用Go写\n');
    const report = checkJson();
    write('r.json', report);
    let r = ocrtidy(['apply', '--no-config', '--spacing', 'never', 'r.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not ones ocrtidy makes with these options');
    report.files[0].edits[0].after = '  ';
    write('r.json', report);
    r = ocrtidy(['apply', '--no-config', 'r.json']);
    expect(r.code).toBe(2);
    expect(read('p.txt')).toBe(DIRTY);
  });
  it('rejects a file that is not an ocrtidy json report', () => {
    write('r.json', { files: 3 });
    const r = ocrtidy(['apply', 'r.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('r.json: not an ocrtidy json report');
  });
});
