/**
 * `html` format: one self-contained page for review in a browser (inline CSS and script, no network: the page's
 * Content-Security-Policy forbids every outside load).
 *
 * - every (non-empty) page of every file, its text with each change marked in place: `<del>` what was removed, `<ins>` what
 *   was added, coloured by rule, styled by level (fix solid, suggestion dashed, held back dotted), the rule id,
 *   level and message in the mark's tooltip;
 * - dropped duplicate passes greyed out with the page that was kept, and a table of the duplicate groups;
 * - a legend, and a filter by rule (one checkbox per rule): unticking a rule shows its changes as the original
 *   text, as if the rule were off; a second switch shows only the pages that still have changes.
 * All text from the input is HTML-escaped.
 */
import { allRules, pagesOf, type PageInfo } from './common.js';
import { countByRule, summaryLine, type FileReport, type RunReport } from './model.js';
import type { DocEdit } from '../pipeline.js';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Escapes text for an HTML text node or a quoted attribute. */
export const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ESC[c]);

/** Rule colours (hue), assigned in registry order. */
const HUES = [210, 140, 30, 280, 0, 180, 60, 320, 100, 250];

const CSS = `
:root{--ins:#d3f5d0;--del:#fbd3d0;--fg:#1d1d1f;--mute:#666;font-family:system-ui,sans-serif;color:var(--fg)}
body{margin:0;line-height:1.6}
header{position:sticky;top:0;background:#fafafa;border-bottom:1px solid #ddd;padding:.5em 1em;z-index:1;max-height:40vh;overflow:auto}
h1{font-size:1.2em;margin:0}
main{padding:0 1em 2em}
.summary{color:var(--mute);margin:.2em 0}
fieldset{border:1px solid #ddd;margin:.3em 0;padding:.2em .6em}
#filter label{margin-right:1em;white-space:nowrap}
.sw{display:inline-block;width:.8em;height:.8em;border-radius:2px;vertical-align:middle;margin-right:.2em}
.legend span{margin-right:1.2em}
.file>h2{font-size:1.1em;border-bottom:2px solid #ccc;margin-top:1.5em}
.page{border:1px solid #e3e3e3;border-radius:4px;margin:.8em 0;padding:.3em .8em}
.page h3{font-size:.9em;color:var(--mute);margin:.2em 0}
.text{white-space:pre-wrap;word-break:break-all;font-family:"Noto Sans CJK SC","Source Han Sans SC",system-ui,sans-serif}
.edit{border-bottom:2px solid hsl(var(--h),70%,40%);cursor:help}
.edit.suggest{border-bottom-style:dashed}
.edit.held-back{border-bottom-style:dotted}
del{background:var(--del);text-decoration:line-through}
ins{background:var(--ins);text-decoration:none}
ins.ws{display:inline-block;min-width:.45em}
.edit.off{border-bottom:none;cursor:auto}
.edit.off del{background:none;text-decoration:none}
.edit.off ins{display:none}
.dropped .banner{background:#eee;padding:.1em .4em;border-radius:3px}
.dropped:not(.off) .text{color:#999;text-decoration:line-through}
.dropped.off .banner{display:none}
.only-changed .page.quiet{display:none}
table{border-collapse:collapse;font-size:.9em}td,th{border:1px solid #ddd;padding:.1em .5em;text-align:left}
.error{color:#b00}
`;

const SCRIPT = `
(function(){
  var boxes = Array.prototype.slice.call(document.querySelectorAll('#filter input[name=rule]'));
  var only = document.getElementById('only-changed');
  function update(){
    var off = {};
    boxes.forEach(function(b){ if(!b.checked) off[b.value] = true; });
    document.querySelectorAll('[data-rule]').forEach(function(el){ el.classList.toggle('off', !!off[el.getAttribute('data-rule')]); });
    document.querySelectorAll('.page').forEach(function(p){
      var live = p.querySelector('[data-rule]:not(.off)') || (p.classList.contains('dropped') && !p.classList.contains('off'));
      p.classList.toggle('quiet', !live);
    });
    document.body.classList.toggle('only-changed', only.checked);
  }
  boxes.forEach(function(b){ b.addEventListener('change', update); });
  only.addEventListener('change', update);
  document.getElementById('all').addEventListener('click', function(){ boxes.forEach(function(b){ b.checked = true; }); update(); });
  document.getElementById('none').addEventListener('click', function(){ boxes.forEach(function(b){ b.checked = false; }); update(); });
  update();
})();
`;

function mark(e: DocEdit, hue: number): string {
  const level = e.status === 'applied' ? 'fix' : e.status === 'suggested' ? 'suggest' : 'held-back';
  const title = `${e.rule} · ${level === 'fix' ? 'fix (applied)' : level === 'suggest' ? 'suggestion (not applied)' : 'held back (overlaps another edit)'}${e.message ? ' · ' + e.message : ''}`;
  const del = e.before ? `<del>${esc(e.before)}</del>` : '';
  const ins = e.after ? `<ins${/^\s+$/.test(e.after) ? ' class="ws"' : ''}>${esc(e.after)}</ins>` : '';
  return `<span class="edit ${level}" style="--h:${hue}" data-rule="${esc(e.rule)}" title="${esc(title)}">${del}${ins}</span>`;
}

/** The page's original text with its edits marked in place. Overlapping edits are shown where the previous ends. */
function pageBody(src: string, page: PageInfo, edits: readonly DocEdit[], hueOf: (rule: string) => number): string {
  let out = '';
  let cursor = page.offset;
  const end = page.offset + page.length;
  for (const e of edits) {
    if (e.offset > cursor) out += esc(src.slice(cursor, Math.min(e.offset, end)));
    out += mark(e, hueOf(e.rule));
    cursor = Math.max(cursor, Math.min(e.endOffset, end));
  }
  return out + esc(src.slice(cursor, end));
}

function fileSection(f: FileReport, fi: number, hueOf: (rule: string) => number): string {
  const parts: string[] = [];
  const status = f.status === 'error' ? 'error' : f.status === 'changed' ? 'would change' : 'unchanged';
  parts.push(`<section class="file" id="file-${fi}"><h2>${esc(f.file)} <small>(${status}${f.pagesIn !== undefined ? `, ${f.pagesIn} page${f.pagesIn === 1 ? '' : 's'} in, ${f.pagesOut} out` : ''})</small></h2>`);
  if (f.status === 'error') parts.push(`<p class="error">${esc(f.error ?? 'error')}</p>`);
  if (f.groups.length) {
    parts.push(`<details open class="groups"><summary>Duplicate passes: ${f.groups.length} group${f.groups.length === 1 ? '' : 's'}</summary><table><tr><th>pages</th><th>kept</th><th>similarity</th><th>why this pass</th></tr>`);
    for (const g of f.groups) {
      const link = (m: number) => `<a href="#f${fi}-p${m + 1}">${m + 1}</a>`;
      parts.push(`<tr><td>${g.members.map(link).join(', ')}</td><td>${link(g.kept)}</td><td>${g.similarity.toFixed(2)}</td><td>${esc(g.reason)}</td></tr>`);
    }
    parts.push('</table></details>');
  }
  const src = f.original ?? '';
  const byPage = new Map<number, DocEdit[]>();
  for (const e of f.edits) {
    if (e.rule === 'pages/duplicate-pass') continue;
    const list = byPage.get(e.page);
    if (list) list.push(e);
    else byPage.set(e.page, [e]);
  }
  for (const p of pagesOf(f)) {
    if (p.length === 0 && !byPage.has(p.index)) continue; // the empty 'page' after a dump's final newline
    const edits = (byPage.get(p.index) ?? []).sort((a, b) => a.offset - b.offset || a.endOffset - b.endOffset);
    const n = edits.length;
    const info = `line ${p.line}, ${n} change${n === 1 ? '' : 's'}`;
    if (!p.kept) {
      parts.push(`<article class="page dropped" id="f${fi}-p${p.index + 1}" data-rule="pages/duplicate-pass"><h3>Page ${p.index + 1} <small>(${info})</small></h3>` +
        `<p class="banner">pages/duplicate-pass: dropped, another pass of <a href="#f${fi}-p${p.duplicateOf! + 1}">page ${p.duplicateOf! + 1}</a>, which is kept</p>` +
        `<div class="text">${esc(p.text)}</div></article>`);
    } else {
      parts.push(`<article class="page" id="f${fi}-p${p.index + 1}"><h3>Page ${p.index + 1} <small>(${info})</small></h3><div class="text">${pageBody(src, p, edits, hueOf)}</div></article>`);
    }
  }
  parts.push('</section>');
  return parts.join('\n');
}

/** Renders the self-contained html report. */
export function formatHtml(r: RunReport): string {
  const known = allRules().map((x) => x.id);
  const counts = countByRule(r.files);
  const used = [...counts.keys()];
  const order = [...known.filter((id) => used.includes(id)), ...used.filter((id) => !known.includes(id))];
  const hue = new Map(order.map((id, i) => [id, HUES[i % HUES.length]]));
  const hueOf = (rule: string) => hue.get(rule) ?? 0;
  const boxes = order.map((id) => {
    const c = counts.get(id)!;
    const what = [c.fix ? `${c.fix} fix${c.fix === 1 ? '' : 'es'}` : '', c.suggest ? `${c.suggest} suggestion${c.suggest === 1 ? '' : 's'}` : '', c.heldBack ? `${c.heldBack} held back` : ''].filter(Boolean).join(', ');
    return `<label><input type="checkbox" name="rule" value="${esc(id)}" checked> <span class="sw" style="background:hsl(${hueOf(id)},70%,40%)"></span>${esc(id)} <small>(${what})</small></label>`;
  });
  return `<!doctype html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>ocrtidy report</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>ocrtidy report</h1>
<p class="summary">${esc(summaryLine(r))}</p>
<p class="legend">Legend:
<span><del>removed</del><ins>added</ins> change</span>
<span><span class="edit fix" style="--h:0">solid</span> fix (applied by clean)</span>
<span><span class="edit suggest" style="--h:0">dashed</span> suggestion (reported only)</span>
<span><span class="edit held-back" style="--h:0">dotted</span> held back (overlapped another edit)</span>
<span class="dropped"><span class="banner">grey</span> dropped duplicate page</span>
— hover a change for its rule and message.</p>
<form id="filter"><fieldset><legend>Filter by rule</legend>
${boxes.length ? boxes.join('\n') : '<small>no changes</small>'}
<button type="button" id="all">all</button> <button type="button" id="none">none</button>
<label><input type="checkbox" id="only-changed"> only pages with changes</label>
</fieldset></form>
</header>
<main>
${r.files.map((f, i) => fileSection(f, i, hueOf)).join('\n')}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
