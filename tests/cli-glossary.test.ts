import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli as cli } from './helpers.js';

/** Runs the CLI with captured output. */

describe('--glossary FILE (repeatable)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocrtidy-cli-gl-'));
  const input = path.join(dir, 'page.txt');
  fs.writeFileSync(input, '新模型 Quill求Net 与 Quil1Net2 发布\n');
  fs.writeFileSync(path.join(dir, 'terms.txt'), '[model]\nQuillNet\n');
  fs.writeFileSync(path.join(dir, 'protect.txt'), 'Quil1Net2 => Quil1Net2\n');
  fs.writeFileSync(path.join(dir, 'bad.txt'), '[model]\nQuillNet ; shiny\n');

  it('adds the user terms and identity entries to the package glossary', async () => {
    const r = await cli(['clean', '--glossary', path.join(dir, 'terms.txt'), '--glossary', path.join(dir, 'protect.txt'), input], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('新模型 QuillNet 与 Quil1Net2 发布\n');
  });
  it('stops with exit 2 and names the file and line of a malformed or missing glossary', async () => {
    const bad = await cli(['clean', '--glossary', path.join(dir, 'bad.txt'), input], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad.txt:2: unknown flag "shiny"');
    const missing = await cli(['check', '--glossary', path.join(dir, 'nope.txt'), input], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.txt: glossary file not found');
  });
});
