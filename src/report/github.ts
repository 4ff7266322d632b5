/**
 * `github` format: GitHub Actions workflow commands, one annotation per change:
 *
 *     ::warning file=F,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::MESSAGE
 *
 * `warning` for a fix, `notice` for a suggestion or a held-back fix, `error` for a file that could not be read.
 * Columns are 1-based UTF-16 code units; endColumn is exclusive. Escaping follows the runner's rules: in the
 * message `%`, CR and LF become `%25`, `%0D`, `%0A`; in property values `:` and `,` also become `%3A`, `%2C`.
 */
import { describeEdit, endOf } from './common.js';
import type { RunReport } from './model.js';

/** Escapes a workflow command's message. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(kind: 'error' | 'warning' | 'notice', props: Record<string, string | number | undefined>, message: string): string {
  const p = Object.entries(props)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${kind}${p ? ' ' + p : ''}::${escapeData(message)}`;
}

/** Renders the annotations, one per line. */
export function formatGithub(r: RunReport): string {
  const out: string[] = [];
  for (const f of r.files) {
    const file = f.file.replace(/\\/g, '/');
    if (f.status === 'error') {
      out.push(command('error', { file, title: 'ocrtidy' }, `${f.file}: ${f.error}`));
      continue;
    }
    for (const e of f.edits) {
      const { endLine, endColumn } = endOf(f, e);
      const kind = e.status === 'applied' ? 'warning' : 'notice';
      const level = e.status === 'applied' ? 'fix' : e.status === 'suggested' ? 'suggestion' : 'held back';
      // endColumn only on one-line ranges (GitHub reads it with the start line)
      out.push(command(kind, { file: file === '-' ? undefined : file, line: e.line, col: e.column, endLine, endColumn: endLine === e.line ? endColumn : undefined, title: e.rule }, `${e.rule} (${level}): ${describeEdit(e, f.original ?? '')}`));
    }
  }
  return out.length ? out.join('\n') + '\n' : '';
}
