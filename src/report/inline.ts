/**
 * `inline` format (the terminal default): one line per change, in its context, with the rule id and level:
 *
 *     FILE:LINE:COL  RULE  LEVEL  …context[-old-]{+new+}context…  message
 *
 * LEVEL is `fix` (applied), `suggest` (reported only) or `held-back` (a fix that overlapped another of the same
 * rule and was not applied). Colour (ANSI) only when asked: the CLI asks on a TTY without NO_COLOR.
 */
import pc from 'picocolors';
import { clip, oneLine } from './common.js';
import type { GroupMember } from '../pages/dedupe.js';
import type { RunReport } from './model.js';

/** Characters of context shown on each side of an inline change. */
const CONTEXT = 12;

/** Renders the inline report; `color` adds ANSI colours. Empty string when nothing changed and nothing failed. */
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
        out.push(`${f.file}  ${c.cyan('pages/duplicate-pass')}  ${c.yellow('fix')}  pages ${g.members.map((m) => m + 1).join(', ')} are passes of one page (similarity ${g.similarity.toFixed(2)}); kept page ${g.kept + 1}`);
        continue;
      }
      const who = (d: GroupMember) => `${d.file ?? f.file}:${d.line ?? '?'} (page ${d.page + 1})`;
      const kept = g.detail.find((d) => d.kept)!;
      out.push(`${f.file}  ${c.cyan('pages/duplicate-pass')}  ${c.yellow('fix')}  ${g.detail.length} passes of one page: ` +
        g.detail.map((d) => `${who(d)}${d.kept ? ' kept' : ` similarity ${d.similarity.toFixed(2)}`}`).join(', ') +
        `; kept ${who(kept)}` + c.dim(`  ${g.reason}`));
    }
    for (const e of f.edits) {
      // a page dropped or moved by a group reported in another file (--dedupe-across-files)
      if (e.rule === 'pages/duplicate-pass' && !isFused(e) && f.groups.length === 0) out.push(`${f.file}:${e.line}:${e.column}  ${c.cyan(e.rule)}  ${c.yellow('fix')}  ${e.message ?? ''}`);
    }
    const src = f.original ?? '';
    for (const e of f.edits) {
      // whole pages dropped or moved are shown with their group above; fused spots (--fuse) are shown like edits
      if (e.rule === 'pages/duplicate-pass' && !isFused(e)) continue;
      const pre = oneLine(clip(src.slice(Math.max(0, e.offset - CONTEXT * 2), e.offset), CONTEXT, true));
      const post = oneLine(clip(src.slice(e.endOffset, e.endOffset + CONTEXT * 2), CONTEXT, false));
      const del = e.before ? c.red(`[-${oneLine(clip(e.before, 40))}-]`) : '';
      const ins = e.after ? c.green(`{+${oneLine(clip(e.after, 40))}+}`) : '';
      const level = e.status === 'applied' ? c.yellow('fix') : e.status === 'suggested' ? c.blue('suggest') : c.magenta('held-back');
      const msg = e.message ? c.dim(`  ${e.message}`) : '';
      out.push(`${f.file}:${e.line}:${e.column}  ${c.cyan(e.rule)}  ${level}  ${pre}${del}${ins}${post}${msg}`);
    }
  }
  return out.length ? out.join('\n') + '\n' : '';
}

/** A spot taken from another pass by `--fuse` (its message starts with `fused:`), not a whole page. */
const isFused = (e: { message?: string }) => e.message?.startsWith('fused:') === true;
