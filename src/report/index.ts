/**
 * The report formats (one file each, textlint's model: formats are functions of the {@link RunReport}, apart from
 * the rules): inline (terminal), unified (git patch), json (versioned), sarif (2.1.0), github (workflow
 * annotations), html (self-contained review page).
 */
import { formatGithub } from './github.js';
import { formatHtml } from './html.js';
import { formatInline } from './inline.js';
import { formatJson } from './json.js';
import type { RunReport } from './model.js';
import { formatSarif } from './sarif.js';
import { formatUnified } from './unified.js';

export type FormatName = 'inline' | 'unified' | 'json' | 'sarif' | 'github' | 'html';
export const FORMATS: readonly FormatName[] = ['inline', 'unified', 'json', 'sarif', 'github', 'html'];

export { formatGithub, formatHtml, formatInline, formatJson, formatSarif, formatUnified };

/** File name endings that pick a format for `--report FILE` when `--format` is not given. */
const BY_EXTENSION: ReadonlyArray<[RegExp, FormatName]> = [
  [/\.html?$/i, 'html'],
  [/\.sarif(\.json)?$/i, 'sarif'],
  [/\.json$/i, 'json'],
  [/\.(patch|diff)$/i, 'unified'],
];

/**
 * The format for `--report FILE` without `--format`: by the file's ending (.html, .json, .sarif, .patch/.diff),
 * else `inline`.
 */
export function formatForFile(file: string): FormatName {
  for (const [re, name] of BY_EXTENSION) if (re.test(file)) return name;
  return 'inline';
}

/**
 * Renders `r` in `format`.
 * @param color ANSI colours, for `inline` only (the CLI passes true on a TTY without NO_COLOR)
 */
export function render(r: RunReport, format: FormatName, color: boolean): string {
  switch (format) {
    case 'unified':
      return formatUnified(r);
    case 'json':
      return formatJson(r);
    case 'sarif':
      return formatSarif(r);
    case 'github':
      return formatGithub(r);
    case 'html':
      return formatHtml(r);
    default:
      return formatInline(r, color);
  }
}
