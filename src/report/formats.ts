/**
 * Report formats: inline (terminal), unified (a patch `git apply` accepts), json (stable, versioned).
 */
import { createTwoFilesPatch } from 'diff';
import pc from 'picocolors';
import type { GroupMember } from '../pages/dedupe.js';
import { REPORT_VERSION, type FileReport, type RunReport } from './model.js';

export type FormatName = 'inline' | 'unified' | 'json';
export const FORMATS: readonly FormatName[] = ['inline', 'unified', 'json'];

/** Characters of context shown on each side of an inline change. */
const CONTEXT = 12;

const oneLine = (s: string) => s.replace(/\n/g, '⏎').replace(/\f/g, '␌');

function clip(s: string, max: number, fromEnd: boolean): string {
  const chars = Array.from(s);
  if (chars.length <= max) return s;
  return fromEnd ? '…' + chars.slice(-max).join('') : chars.slice(0, max).join('') + '…';
}

/**
 * Inline format: one line per edit, `file:line:col  rule  context[-old-][+new+]context`, with the level when it is
 * a suggestion or held back. `color` adds ANSI colours (only on a TTY and without NO_COLOR).
 */
export function formatInline(r: RunReport, color: boolean): string {
  const c = pc.createColors(color);
  const out: string[] = [];
  for (const f of r.files) {
    if (f.status === 'error') {
      out.push(`${f.file}: ${c.red('error')} ${f.error}`);
      continue;
    }
    for (const g of f.groups) {
      if (!g.detail) {
        out.push(`${f.file}  ${c.cyan('pages/duplicate-pass')}  pages ${g.members.map((m) => m + 1).join(', ')} are passes of one page (similarity ${g.similarity.toFixed(2)}); kept page ${g.kept + 1}`);
        continue;
      }
      const who = (d: GroupMember) => `${d.file ?? f.file}:${d.line ?? '?'} (page ${d.page + 1})`;
      const kept = g.detail.find((d) => d.kept)!;
      out.push(`${f.file}  ${c.cyan('pages/duplicate-pass')}  ${g.detail.length} passes of one page: ` +
        g.detail.map((d) => `${who(d)}${d.kept ? ' kept' : ` similarity ${d.similarity.toFixed(2)}`}`).join(', ') +
        `; kept ${who(kept)}` + c.dim(`  ${g.reason}`));
    }
    for (const e of f.edits) {
      // a page dropped or moved by a group reported in another file (--dedupe-across-files)
      if (e.rule === 'pages/duplicate-pass' && f.groups.length === 0) out.push(`${f.file}:${e.line}:${e.column}  ${c.cyan(e.rule)}  ${e.message ?? ''}`);
    }
    const src = f.original ?? '';
    for (const e of f.edits) {
      if (e.rule === 'pages/duplicate-pass') continue;
      const pre = oneLine(clip(src.slice(Math.max(0, e.offset - CONTEXT * 2), e.offset), CONTEXT, true));
      const post = oneLine(clip(src.slice(e.endOffset, e.endOffset + CONTEXT * 2), CONTEXT, false));
      const del = e.before ? c.red(`[-${oneLine(clip(e.before, 40, false))}-]`) : '';
      const ins = e.after ? c.green(`[+${oneLine(clip(e.after, 40, false))}+]`) : '';
      const level = e.status === 'applied' ? '' : `  (${e.status === 'suggested' ? 'suggestion' : 'held back: overlaps another edit'})`;
      const msg = e.message ? c.dim(`  ${e.message}`) : '';
      out.push(`${f.file}:${e.line}:${e.column}  ${c.cyan(e.rule)}  ${pre}${del}${ins}${post}${level}${msg}`);
    }
  }
  return out.length ? out.join('\n') + '\n' : '';
}

/**
 * Unified format: a patch per changed file with git-style headers (`a/` and `b/` prefixes), so `git apply`
 * accepts it. The patch is computed on the text as it is stored (CRLF restored) and over whole lines.
 */
export function formatUnified(r: RunReport): string {
  const parts: string[] = [];
  for (const f of r.files) {
    if (f.status !== 'changed' || f.original === undefined || f.output === undefined) continue;
    const name = f.file.replace(/\\/g, '/');
    const crlf = f.eol === 'crlf';
    const a = crlf ? f.original.replace(/\n/g, '\r\n') : f.original;
    const b = crlf ? f.output.replace(/\n/g, '\r\n') : f.output;
    let patch = createTwoFilesPatch(`a/${name}`, `b/${name}`, a, b, undefined, undefined, { context: 3 });
    // jsdiff starts with an "Index:"/"=====" preamble; git wants a diff --git line instead
    patch = patch.replace(/^(?:Index:[^\n]*\n)?(?:=+\n)?/, `diff --git a/${name} b/${name}\n`);
    parts.push(patch);
  }
  return parts.join('');
}

/**
 * Json format (version {@link REPORT_VERSION}); the shape is documented in the README.
 */
export function formatJson(r: RunReport): string {
  const files = r.files.map((f) => ({
    file: f.file,
    status: f.status,
    ...(f.error !== undefined ? { error: f.error } : {}),
    encoding: f.encoding,
    bom: f.bom,
    eol: f.eol,
    pageMode: f.pageMode,
    pagesIn: f.pagesIn,
    pagesOut: f.pagesOut,
    groups: f.groups.map((g) => ({
      members: g.members, kept: g.kept, similarity: Number(g.similarity.toFixed(4)), reason: g.reason,
      ...(g.detail ? { passes: g.detail.map((d) => ({ file: d.file ?? f.file, page: d.page, line: d.line, similarity: Number(d.similarity.toFixed(4)), quality: d.quality, findings: d.findings ?? {}, kept: d.kept })) } : {}),
    })),
    edits: f.edits.map((e) => ({
      rule: e.rule,
      level: e.level,
      status: e.status,
      page: e.page,
      line: e.line,
      column: e.column,
      offset: e.offset,
      endOffset: e.endOffset,
      before: e.before,
      after: e.after,
      ...(e.message ? { message: e.message } : {}),
    })),
    ...(f.writtenTo ? { writtenTo: f.writtenTo } : {}),
  }));
  return JSON.stringify({ version: REPORT_VERSION, tool: 'ocrtidy', command: r.command, seconds: Number(r.seconds.toFixed(3)), files }, null, 2) + '\n';
}

/** Renders `r` in `format`. */
export function render(r: RunReport, format: FormatName, color: boolean): string {
  switch (format) {
    case 'unified':
      return formatUnified(r);
    case 'json':
      return formatJson(r);
    default:
      return formatInline(r, color);
  }
}
