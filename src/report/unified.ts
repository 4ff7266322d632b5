/**
 * `unified` format: one git-style patch per changed file (`diff --git a/F b/F`, `--- a/F`, `+++ b/F`), which
 * `git apply` (and `patch -p1`) accept and which turns each input into exactly its cleaned text.
 *
 * The patch is computed on the file as stored: a UTF-8 BOM is kept on line 1 and CRLF line endings stay CRLF, so
 * the context lines match the bytes on disk; a missing final newline is marked `\ No newline at end of file`.
 *
 * Readability of long lines (one-page-per-line dumps have lines of thousands of characters): before each file's
 * patch comes a word-diff companion, one `# ` line per change with its position, rule, level and a few characters
 * of context (`…context[-old-]{+new+}context…`), and each hunk header names the changes inside it. Git ignores
 * both: text before `diff --git` is commentary, and text after the second `@@` of a hunk header is free.
 *
 * Files that cannot be patched as UTF-8 text (UTF-16, GB18030, Big5; standard input) get a commentary line instead
 * of a patch.
 */
import path from 'node:path';
import { lazyRequire } from '../io/lazy.js';
import { clip, oneLine, wordDiff } from './common.js';
import type { DocEdit } from '../pipeline.js';
import type { FileReport, RunReport } from './model.js';

/** The diff library (CommonJS build), loaded when a patch is first made. */
const diffLib = lazyRequire<typeof import('diff')>('diff');

/** Longest hunk-header summary, in code points. */
const HEADER_MAX = 160;

const levelWord = (e: DocEdit) => (e.status === 'applied' ? 'fix' : e.status === 'suggested' ? 'suggest' : 'held-back');

/** The companion block for one file: `# ` lines git ignores. */
function companion(f: FileReport): string[] {
  const src = f.original ?? '';
  const applied = f.edits.filter((e) => e.status === 'applied').length;
  const out = [`# ocrtidy: ${f.file}: ${applied} change${applied === 1 ? '' : 's'} applied by this patch${f.edits.length > applied ? `, ${f.edits.length - applied} reported only` : ''} (lines starting with # are ignored by git apply)`];
  for (const e of f.edits) {
    if (e.rule === 'pages/duplicate-pass') {
      const g = f.groups.find((x) => x.members.includes(e.page));
      const kept = g ? `page ${g.kept + 1}, which is kept` : 'another page';
      out.push(`#   ${e.line}:${e.column}  ${e.rule}  ${levelWord(e)}  page ${e.page + 1} removed: another pass of ${kept}`);
      continue;
    }
    out.push(`#   ${e.line}:${e.column}  ${e.rule}  ${levelWord(e)}  ${wordDiff(src, e)}`);
  }
  return out;
}

/** The hunk header summary: the changes whose first line lies in the hunk's old range. */
function hunkSummary(src: string, edits: readonly DocEdit[], oldStart: number, oldLines: number): string {
  const inside = edits.filter((e) => e.status === 'applied' && e.rule !== 'pages/duplicate-pass' && e.line >= oldStart && e.line < oldStart + Math.max(1, oldLines));
  const dropped = edits.filter((e) => e.rule === 'pages/duplicate-pass' && e.line >= oldStart && e.line < oldStart + Math.max(1, oldLines));
  const parts: string[] = [];
  if (dropped.length) parts.push(`pages/duplicate-pass ×${dropped.length}`);
  for (const e of inside) {
    parts.push(`${e.rule} ${wordDiff(src, e, 3)}`);
  }
  let s = '';
  for (let i = 0; i < parts.length; i++) {
    const next = (s ? s + '; ' : '') + parts[i];
    if (Array.from(next).length > HEADER_MAX) {
      s += ` (+${parts.length - i} more)`;
      break;
    }
    s = next;
  }
  return s;
}

/**
 * The path a patch names for `file`: relative, with forward slashes; an absolute path inside the current folder
 * is made relative. Undefined for a path outside the current folder (git apply refuses those).
 */
export function patchPath(file: string, cwd = process.cwd()): string | undefined {
  const rel = path.isAbsolute(file) ? path.relative(cwd, file) : path.normalize(file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.replace(/\\/g, '/');
}

/** The patch of one changed file, or commentary explaining why there is none. */
export function filePatch(f: FileReport): string {
  const head = companion(f);
  if (f.file === '-') return [...head, '# (standard input: no file to patch)'].join('\n') + '\n';
  if (f.encoding && f.encoding !== 'utf-8') {
    return [...head, `# (stored as ${f.encoding}: a unified patch is UTF-8 text; use --write or --out-dir to rewrite this file)`].join('\n') + '\n';
  }
  const name = patchPath(f.file);
  if (name === undefined) {
    return [...head, '# (outside the current folder: a patch names files relative to the repository; run ocrtidy from the repository root)'].join('\n') + '\n';
  }
  const stored = (t: string) => (f.bom ? '\uFEFF' : '') + (f.eol === 'crlf' ? t.replace(/\n/g, '\r\n') : t);
  const { formatPatch, structuredPatch } = diffLib();
  const p = structuredPatch(`a/${name}`, `b/${name}`, stored(f.original ?? ''), stored(f.output ?? ''), undefined, undefined, { context: 3 });
  const text = formatPatch({ ...p, isGit: true } as Parameters<typeof formatPatch>[0]);
  let h = 0;
  const lines = text.split('\n').map((line) => {
    if (!line.startsWith('@@ -')) return line;
    const hunk = p.hunks[h++];
    const summary = hunk ? hunkSummary(f.original ?? '', f.edits, hunk.oldStart, hunk.oldLines) : '';
    return summary ? `${line} ${summary}` : line;
  });
  return head.join('\n') + '\n' + lines.join('\n');
}

/** Renders the unified report: the patches of every changed file, in input order. */
export function formatUnified(r: RunReport): string {
  return r.files
    .filter((f) => f.status === 'changed' && f.original !== undefined && f.output !== undefined)
    .map(filePatch)
    .join('');
}
