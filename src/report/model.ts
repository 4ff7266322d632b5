/**
 * The report model shared by every output format. Formats live apart from rules (textlint's model): each one is a
 * function from a {@link RunReport} to text.
 */
import type { PassGroup } from '../pages/dedupe.js';
import type { DocEdit } from '../pipeline.js';
import { mergeTally } from '../rules/runner.js';

/** Version of the json report shape; bumped on any incompatible change. */
export const REPORT_VERSION = 1;

/** One input file's result. */
export interface FileReport {
  /** The path as given (relative to the current directory when inside it), or `-` for standard input. */
  file: string;
  status: 'changed' | 'unchanged' | 'error';
  /** Set when status is `error`. */
  error?: string;
  encoding?: string;
  bom?: boolean;
  eol?: 'lf' | 'crlf';
  pageMode?: string;
  pagesIn?: number;
  pagesOut?: number;
  groups: PassGroup[];
  /** The edits, in document order; empty when the run only counted them (see `tally`). */
  edits: DocEdit[];
  /**
   * Edit counts per rule id. Set by the pipeline; a run that shows no report lists no edits (memory on long
   * dumps) and keeps only these counts.
   */
  tally?: Record<string, { fix: number; suggest: number; heldBack: number }>;
  /** Decoded original and cleaned text (LF), for the formats that show context; not serialised to json. */
  original?: string;
  output?: string;
  /** SHA-256 (hex) of the input file's bytes, so `ocrtidy apply` can refuse a file changed since the report. */
  sha256?: string;
  /** Where the cleaned text was written, if anywhere. */
  writtenTo?: string;
}

/** The result of one run. */
export interface RunReport {
  command: 'clean' | 'check';
  files: FileReport[];
  seconds: number;
}

/** Counts per rule: applied fixes, suggestions, held-back edits. */
export function countByRule(files: readonly FileReport[]): Map<string, { fix: number; suggest: number; heldBack: number }> {
  const m = new Map<string, { fix: number; suggest: number; heldBack: number }>();
  for (const f of files) {
    if (f.tally) {
      mergeTally(m, new Map(Object.entries(f.tally)));
      continue;
    }
    for (const e of f.edits) {
      const c = m.get(e.rule) ?? { fix: 0, suggest: 0, heldBack: 0 };
      if (e.status === 'applied') c.fix++;
      else if (e.status === 'suggested') c.suggest++;
      else c.heldBack++;
      m.set(e.rule, c);
    }
  }
  return new Map([...m.entries()].sort((a, b) => a[0].localeCompare(b[0])));
}

/** The one-line summary printed on stderr. */
export function summaryLine(r: RunReport): string {
  const files = r.files.length;
  const failed = r.files.filter((f) => f.status === 'error').length;
  const changed = r.files.filter((f) => f.status === 'changed').length;
  const pagesIn = r.files.reduce((n, f) => n + (f.pagesIn ?? 0), 0);
  const pagesOut = r.files.reduce((n, f) => n + (f.pagesOut ?? 0), 0);
  const counts = countByRule(r.files);
  let fixes = 0, suggestions = 0;
  const per: string[] = [];
  for (const [rule, c] of counts) {
    fixes += c.fix;
    suggestions += c.suggest;
    const parts = [c.fix ? `${c.fix}` : '', c.suggest ? `${c.suggest} suggested` : ''].filter(Boolean).join(', ');
    if (parts) per.push(`${rule} ${parts}`);
  }
  const s = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : w.endsWith('x') ? 'es' : 's'}`;
  return `ocrtidy ${r.command}: ${s(files, 'file')} (${changed} ${r.command === 'check' ? 'would change' : 'changed'}${failed ? `, ${failed} failed` : ''}), ` +
    `${s(pagesIn, 'page')} -> ${pagesOut}, ${s(fixes, 'fix')}, ${s(suggestions, 'suggestion')}` +
    (per.length ? ` [${per.join('; ')}]` : '') + `, ${r.seconds.toFixed(2)} s`;
}
