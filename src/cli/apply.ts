/**
 * `ocrtidy apply REPORT.json`: applies the fix edits left in a json report (from `check --format json` or
 * `clean --format json --report r.json`) that a reviewer has edited: deleting an edit from a file's `edits` list
 * rejects it. Everything is checked before anything is written:
 * - each file's bytes must still have the `sha256` the report recorded (else the file changed since: refused);
 * - each edit left must be one that ocrtidy, with the options of this run (config file, --rule, --spacing...),
 *   proposes for that file; an edit it does not reproduce means the report was made with other options or edited
 *   beyond deleting entries (refused).
 * Then the files are rewritten atomically with exactly the accepted edits (see src/review/select.ts). An accepted
 * edit that depended on a deleted one cannot apply: it is reported and exit code 1 tells the caller.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { decode, encode, type Decoded } from '../io/decode.js';
import { writeAtomic } from '../io/files.js';
import type { Options } from '../options.js';
import { processDocument } from '../pipeline.js';
import type { FormatName } from '../report/formats.js';
import { REPORT_VERSION, type FileReport } from '../report/model.js';
import { applySelection, selectionReport, unsupportedOptions, editKey, type EditIdentity, type Selection } from '../review/select.js';
import { loadRuleData } from '../rules/data.js';
import { writeReport } from './review.js';
import type { Io } from './run.js';

export interface ApplySettings {
  report: string;
  options: Options;
  /** --report FILE: where to write a report of what was applied. */
  out?: string;
  format?: FormatName;
  quiet: boolean;
  trace: boolean;
}

/** A file entry of a json report, as far as apply needs it. */
interface Entry {
  file: string;
  sha256: string;
  encoding?: string;
  accepted: EditIdentity[];
}

/**
 * Reads and checks the json report's shape.
 * @throws Error naming the report and the bad entry
 */
export function readReport(file: string, cwd = process.cwd()): Entry[] {
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(path.resolve(cwd, file), 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(`${file}: ${code === 'ENOENT' ? 'no such file' : code ? `cannot read (${code})` : `not valid JSON: ${(e as Error).message}`}`);
  }
  const v = value as { tool?: unknown; version?: unknown; files?: unknown };
  if (!v || typeof v !== 'object' || v.tool !== 'ocrtidy' || !Array.isArray(v.files)) {
    throw new Error(`${file}: not an ocrtidy json report (expected {"tool": "ocrtidy", "files": [...]}; make one with check --format json)`);
  }
  if (v.version !== REPORT_VERSION) throw new Error(`${file}: json report version ${String(v.version)} is not supported (this ocrtidy reads version ${REPORT_VERSION})`);
  const out: Entry[] = [];
  v.files.forEach((f: unknown, i: number) => {
    const where = `${file}: files[${i}]`;
    const fe = f as { file?: unknown; status?: unknown; sha256?: unknown; encoding?: unknown; edits?: unknown };
    if (!fe || typeof fe !== 'object' || typeof fe.file !== 'string') throw new Error(`${where}: "file" must be a string`);
    if (fe.status === 'error') return;
    if (!Array.isArray(fe.edits)) throw new Error(`${where} (${fe.file}): "edits" must be a list`);
    if (fe.file === '-') {
      if (fe.edits.length > 0) throw new Error(`${where}: the report was made from standard input; there is no file to apply it to`);
      return;
    }
    if (typeof fe.sha256 !== 'string') throw new Error(`${where} (${fe.file}): no "sha256" of the input; make the report again with this version of ocrtidy`);
    const accepted: EditIdentity[] = [];
    fe.edits.forEach((e: unknown, j: number) => {
      const ee = e as Record<string, unknown>;
      const ok = ee && typeof ee === 'object' && typeof ee.rule === 'string' && Number.isInteger(ee.offset) && Number.isInteger(ee.endOffset)
        && typeof ee.before === 'string' && typeof ee.after === 'string';
      if (!ok) throw new Error(`${where}.edits[${j}] (${fe.file}): needs rule, offset, endOffset, before and after`);
      if (ee.status === 'applied') accepted.push({ rule: ee.rule as string, offset: ee.offset as number, endOffset: ee.endOffset as number, before: ee.before as string, after: ee.after as string });
    });
    out.push({ file: fe.file, sha256: fe.sha256, encoding: typeof fe.encoding === 'string' ? fe.encoding : undefined, accepted });
  });
  return out;
}

/**
 * Runs `apply`.
 * @returns 0 applied, 1 some accepted edits could not apply (they depended on a deleted one), 2 refused or errors
 *   (nothing written)
 */
export async function apply(s: ApplySettings, io: Io): Promise<number> {
  const err = (m: string) => io.stderr.write(`ocrtidy: ${m}\n`);
  const unsupported = unsupportedOptions(s.options);
  if (unsupported) {
    err(unsupported);
    return 2;
  }
  let entries: Entry[];
  let data;
  try {
    entries = readReport(s.report, io.cwd);
    data = loadRuleData(s.options);
  } catch (e) {
    err((e as Error).message);
    return 2;
  }
  // 1. check everything
  const plans: Array<{ entry: Entry; abs: string; dec: Decoded; sel: Selection }> = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const abs = path.resolve(io.cwd, entry.file);
    if (seen.has(abs)) {
      problems.push(`${entry.file}: listed twice in the report`);
      continue;
    }
    seen.add(abs);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(abs);
    } catch (e) {
      problems.push(`${entry.file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); run apply from the folder check ran in`);
      continue;
    }
    if (createHash('sha256').update(bytes).digest('hex') !== entry.sha256) {
      problems.push(`${entry.file}: changed since the report was made (sha256 differs); run check again and review the new report`);
      continue;
    }
    if (entry.accepted.length === 0) continue;
    let dec: Decoded;
    try {
      const enc = s.options.encoding === 'auto' && entry.encoding ? entry.encoding : s.options.encoding;
      dec = decode(bytes, entry.file, enc as Options['encoding']);
    } catch (e) {
      problems.push((e as Error).message);
      continue;
    }
    const full = new Set(processDocument(dec.text, s.options, data).edits.map(editKey));
    const alien = entry.accepted.filter((e) => !full.has(editKey(e)));
    if (alien.length > 0) {
      const a = alien[0];
      problems.push(`${entry.file}: ${alien.length} edit(s) of the report are not ones ocrtidy makes with these options (first: ${a.rule} at offset ${a.offset}, ${JSON.stringify(a.before)} -> ${JSON.stringify(a.after)}); run apply with the options (config file, --rule, --spacing...) check ran with, and only delete edits from the report, never change them`);
      continue;
    }
    const trace = s.trace
      ? (page: number, rule: string, text: string) => io.stderr.write(`--- ${entry.file} page ${page + 1} after ${rule}\n${text}\n`)
      : undefined;
    try {
      plans.push({ entry, abs, dec, sel: applySelection(dec.text, s.options, data, entry.accepted, trace) });
    } catch (e) {
      problems.push(`${entry.file}: ${(e as Error).message}`);
    }
  }
  if (problems.length > 0) {
    for (const p of problems) err(p);
    err(`${s.report}: refused, nothing written`);
    return 2;
  }
  // 2. write
  let code = 0;
  const reports: FileReport[] = [];
  for (const { entry, abs, dec, sel } of plans) {
    const rep = selectionReport(entry.file, dec, sel);
    reports.push(rep);
    if (sel.output !== dec.text) {
      try {
        await writeAtomic(abs, encode(sel.output, dec));
      } catch (e) {
        err(`${entry.file}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
        code = 2;
        continue;
      }
      rep.writtenTo = entry.file;
    }
    for (const x of sel.conflicts) {
      err(`${entry.file}: edit ${x.rule} at offset ${x.offset} not applied: it depended on an edit deleted from the report`);
      code = Math.max(code, 1);
    }
    if (!s.quiet) io.stderr.write(`ocrtidy apply: ${entry.file}: ${entry.accepted.length - sel.conflicts.length} edit(s) applied${rep.writtenTo ? '' : ' (file unchanged)'}\n`);
  }
  return Math.max(code, await writeReport(reports, s.out, s.format, s.quiet, io));
}
