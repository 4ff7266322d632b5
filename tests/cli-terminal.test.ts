/**
 * What a person sees on a terminal versus in a pipe or a CI log: inline colours (TTY only, never with NO_COLOR),
 * the progress bar of long runs (TTY only, never with CI set), and --trace. The TTY runs go through `script`
 * (util-linux), which gives the program a pseudo-terminal.
 */
import { RULES } from '../src/rules/index.js';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, makeDump, ocrtidy, rmTemp, tempDir } from './cli-helpers.js';

const haveScript = spawnSync('sh', ['-c', 'command -v script']).status === 0;
const inCi = process.env.CI === 'true' || process.env.CI === '1';
if (!haveScript && !inCi) console.warn('cli-terminal: TTY tests SKIPPED, `script` (util-linux) not found');

/** Runs ocrtidy on a pseudo-terminal; returns everything the terminal got (stdout and stderr mixed). */
function onTty(args: string[], cwd: string, env: Record<string, string | undefined> = {}): { code: number; screen: string } {
  const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const e: Record<string, string | undefined> = { ...process.env, CI: undefined, NO_COLOR: undefined, FORCE_COLOR: undefined, TERM: 'xterm-256color', ...env };
  for (const k of Object.keys(e)) if (e[k] === undefined) delete e[k];
  const r = spawnSync('script', ['-qec', quoted, '/dev/null'], { cwd, env: e as NodeJS.ProcessEnv, input: '' });
  return { code: r.status ?? -1, screen: r.stdout.toString('utf8') };
}

let dir: string;
beforeAll(() => {
  dir = tempDir();
  fs.writeFileSync(path.join(dir, 'a.txt'), '我们用Python写了3个脚本\n·自然语言处理.在这一领域\n');
  fs.mkdirSync(path.join(dir, 'many'));
  for (let i = 0; i < 25; i++) fs.writeFileSync(path.join(dir, 'many', `p${String(i).padStart(2, '0')}.txt`), `第${i}页用Rust写\n`);
  // a large one-page-per-line dump: over 1 MiB
  fs.writeFileSync(path.join(dir, 'big.txt'), makeDump(140, 3000, 3));
});
afterAll(() => rmTemp(dir));

const ESC = '\x1b[';

describe('inline report', () => {
  it('is plain text in a pipe, one line per change with rule id and level', () => {
    const r = ocrtidy(['check', 'a.txt'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain(ESC);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toContain('a.txt:2:1  punct/bullet  fix  …ython写了3个脚本⏎[-·-]{+• +}自然语言处理.在这一领域…  list bullet "·" -> "•"');
    expect(lines.filter((l) => /^a\.txt:1:\d+ {2}space\/cjk-latin {2}fix {2}/.test(l))).toHaveLength(4);
  });

  it('shows suggestions with their level', () => {
    const r = ocrtidy(['check', '--rule', 'space/cjk-latin=suggest', 'a.txt'], dir);
    expect(r.stdout).toMatch(/^a\.txt:1:4 {2}space\/cjk-latin {2}suggest {2}我们用\{\+ \+\}Python/m);
  });

  it.skipIf(!haveScript && !inCi)('is coloured on a TTY, and plain on a TTY with NO_COLOR', () => {
    const tty = onTty(['check', 'a.txt'], dir);
    expect(tty.code).toBe(1);
    expect(tty.screen).toContain(ESC);
    expect(tty.screen).toContain('punct/bullet');
    const noColor = onTty(['check', 'a.txt'], dir, { NO_COLOR: '1' });
    expect(noColor.screen).not.toContain(ESC);
    expect(noColor.screen).toContain('punct/bullet');
  });
});

describe('progress bar', () => {
  it.skipIf(!haveScript && !inCi)('shows on a TTY for many files and for a large dump, then clears', () => {
    for (const input of ['many', 'big.txt']) {
      const r = onTty(['check', '--format', 'json', '--report', 'r.json', input], dir);
      expect(r.code, r.screen).toBe(1);
      expect(r.screen).toMatch(/ocrtidy \[[░█]+\] \d+%/);
      // the last thing on the screen is the summary line, after the bar was erased
      expect(r.screen.trimEnd().split(/\r?\n/).pop()).toMatch(/\x1b\[2Kocrtidy check: /);
    }
  });

  it.skipIf(!haveScript && !inCi)('never shows in CI, for short runs, or with --quiet', () => {
    expect(onTty(['check', '--report', 'r.json', 'many'], dir, { CI: 'true' }).screen).not.toMatch(/ocrtidy \[/);
    expect(onTty(['check', '--report', 'r.json', 'a.txt'], dir).screen).not.toMatch(/ocrtidy \[/);
    expect(onTty(['check', '-q', 'many'], dir).screen).not.toMatch(/ocrtidy \[/);
  });

  it('never shows when stderr is a pipe', () => {
    const r = ocrtidy(['check', '--report', 'r.json', 'many'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/ocrtidy \[|\r|\x1b/);
    expect(r.stderr).toMatch(/^ocrtidy check: 25 files/);
  });
});

describe('--trace', () => {
  it('prints each page\'s text after every rule on stderr, and leaves stdout alone', () => {
    const r = ocrtidy(['clean', '--trace', 'a.txt'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('我们用 Python 写了 3 个脚本\n• 自然语言处理. 在这一领域\n');
    const blocks = r.stderr.split(/^--- /m).slice(1);
    // one block per active rule (default level not off), in registry order
    const active = RULES.filter((x) => x.defaultLevel !== 'off').map((x) => x.id);
    const headers = blocks.map((b) => b.split('\n')[0]);
    expect(headers).toEqual(active.map((id) => `a.txt page 1 after ${id}`));
    const after = (id: string) => blocks[active.indexOf(id)];
    expect(after('space/cjk-latin')).toContain('我们用 Python 写了 3 个脚本\n');
    expect(after('punct/bullet')).toContain('我们用 Python 写了 3 个脚本\n• 自然语言处理. 在这一领域');
    expect(blocks[active.indexOf('punct/bullet') - 1]).toContain('·自然语言处理');
  });

  it('traces every page of a dump separately', () => {
    fs.writeFileSync(path.join(dir, 'two.txt'), makeDump(2, 400, 9));
    const r = ocrtidy(['check', '--trace', 'two.txt'], dir);
    const heads = r.stderr.split('\n').filter((l) => l.startsWith('--- '));
    for (const p of [1, 2]) expect(heads).toContain(`--- two.txt page ${p} after space/cjk-latin`);
  });
});
