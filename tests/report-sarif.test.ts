/**
 * `--format sarif` against the SARIF 2.1.0 JSON schema (the OASIS schema shipped in @microsoft/jest-sarif,
 * validated with ajv) and against the input: rules with help text, levels, regions and fixes that replay.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../src/rules/index.js';
import { ocrtidy, rmTemp, tempDir } from './cli-helpers.js';

/** The 2.1.0 schema is draft-04: its top-level `id` becomes `$id` for ajv's draft-07 mode. */
function sarifValidator() {
  const require = createRequire(import.meta.url);
  const file = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
  schema.$id = schema.id;
  delete schema.id;
  delete schema.$schema;
  // unicodeRegExp off: the schema's `language` pattern is not valid with the u flag
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}
const validate = sarifValidator();

interface Region { startLine: number; startColumn: number; endLine: number; endColumn: number }
let dir: string;
beforeAll(() => {
  dir = tempDir();
  fs.writeFileSync(path.join(dir, 'dirty.txt'), '我们用Python写了3个脚本\n·自然语言处理.在这一领域\n约40%的样本\n');
  fs.writeFileSync(path.join(dir, 'crlf 文件.txt'), '第一行用Go语言\r\n第二行有3个错误\r\n');
});
afterAll(() => rmTemp(dir));

/** Applies SARIF replacements (line/column regions) to `text`, right to left. */
function applyRegions(text: string, reps: Array<{ region: Region; text: string }>): string {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const off = (line: number, col: number) => starts[line - 1] + col - 1;
  const sorted = reps.map((r) => ({ s: off(r.region.startLine, r.region.startColumn), e: off(r.region.endLine, r.region.endColumn), t: r.text })).sort((a, b) => b.s - a.s || b.e - a.e);
  for (const r of sorted) text = text.slice(0, r.s) + r.t + text.slice(r.e);
  return text;
}

describe('sarif report', () => {
  it('validates against the SARIF 2.1.0 schema, with and without failed inputs', () => {
    for (const args of [['dirty.txt', 'crlf 文件.txt'], ['dirty.txt', 'missing.txt'], []]) {
      const r = ocrtidy(['check', '--format', 'sarif', ...(args.length ? args : ['-'])], dir, { input: '用Rust写\n' });
      const log = JSON.parse(r.stdout);
      expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
      expect(log.version).toBe('2.1.0');
    }
    // the validator is not vacuous: a log without version, or a result without message, fails
    expect(validate({ runs: [] })).toBe(false);
    const log = JSON.parse(ocrtidy(['check', '--format', 'sarif', 'dirty.txt'], dir).stdout);
    delete log.runs[0].results[0].message;
    expect(validate(log)).toBe(false);
  });

  it('lists every rule with its help text and default level', () => {
    const log = JSON.parse(ocrtidy(['check', '--format', 'sarif', 'dirty.txt'], dir).stdout);
    const rules = log.runs[0].tool.driver.rules;
    for (const rule of RULES) {
      const d = rules.find((x: { id: string }) => x.id === rule.id);
      expect(d, rule.id).toBeDefined();
      expect(d.shortDescription.text).toBe(rule.description);
      expect(d.help.text).toContain(rule.example.before);
      expect(d.help.text).toContain(rule.example.after);
      expect(d.help.text).toContain(rule.source);
    }
    expect(rules.map((x: { id: string }) => x.id)).toContain('pages/duplicate-pass');
  });

  it('gives results with ruleId, level, utf16 regions and fixes that replay to the cleaned text', () => {
    for (const name of ['dirty.txt', 'crlf 文件.txt']) {
      const log = JSON.parse(ocrtidy(['check', '--format', 'sarif', name], dir).stdout);
      const run = log.runs[0];
      expect(run.columnKind).toBe('utf16CodeUnits');
      expect(run.results.length).toBeGreaterThan(0);
      const reps: Array<{ region: Region; text: string }> = [];
      for (const res of run.results) {
        expect(run.tool.driver.rules[res.ruleIndex].id).toBe(res.ruleId);
        expect(res.level).toBe('warning');
        const loc = res.locations[0].physicalLocation;
        expect(decodeURIComponent(loc.artifactLocation.uri)).toBe(name);
        expect(loc.region).toEqual(expect.objectContaining({ startLine: expect.any(Number), startColumn: expect.any(Number), endLine: expect.any(Number), endColumn: expect.any(Number) }));
        const change = res.fixes[0].artifactChanges[0];
        expect(change.artifactLocation.uri).toBe(loc.artifactLocation.uri);
        for (const rep of change.replacements) reps.push({ region: rep.deletedRegion, text: rep.insertedContent.text });
      }
      const original = fs.readFileSync(path.join(dir, name), 'utf8').replace(/\r\n/g, '\n');
      const cleaned = ocrtidy(['clean', name], dir).stdout.replace(/\r\n/g, '\n');
      expect(applyRegions(original, reps)).toBe(cleaned);
    }
  });

  it('reports suggestions as notes, and unreadable files as tool notifications', () => {
    const log = JSON.parse(ocrtidy(['check', '--format', 'sarif', '--rule', 'space/cjk-latin=suggest', 'dirty.txt', 'missing.txt'], dir).stdout);
    const run = log.runs[0];
    const levels = new Set(run.results.filter((r: { ruleId: string }) => r.ruleId === 'space/cjk-latin').map((r: { level: string }) => r.level));
    expect([...levels]).toEqual(['note']);
    expect(run.invocations[0].executionSuccessful).toBe(false);
    expect(run.invocations[0].toolExecutionNotifications[0]).toMatchObject({ level: 'error', message: { text: expect.stringContaining('missing.txt') } });
  });
});
