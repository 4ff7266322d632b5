/**
 * The pipeline for one document (one input file): split pages -> group duplicate passes -> rules -> join.
 * Pure: no I/O. Each document is processed on its own; nothing in one file changes what happens to another.
 */
import type { Options } from './options.js';
import { joinPages, pageLayout, splitPages, type Page } from './pages/split.js';
import type { PassGroup } from './pages/dedupe.js';
import { dedupePages } from './pages/passes.js';
import { fuse } from './pages/fuse.js';
import { symptoms } from './pages/quality.js';
import { RULES } from './rules/index.js';
import { applyEdits, mapThrough, runRules, type ActiveRule, type LoggedEdit } from './rules/runner.js';
import type { Edit, Rule, RuleData } from './types.js';

/** An edit placed in the document: offsets (UTF-16 code units) into the original document text, 1-based line/column. */
export interface DocEdit extends LoggedEdit {
  /** Index of the page (0-based, as split from the input). */
  page: number;
  /** Offsets into the original document text (LF line endings, no BOM). */
  offset: number;
  endOffset: number;
  /** 1-based line and column (column in UTF-16 code units) of `offset` in the original document. */
  line: number;
  column: number;
}

/** The result for one document. */
export interface DocResult {
  /** The cleaned document text. */
  output: string;
  pageMode: string;
  /** Pages in the input and in the output. */
  pagesIn: number;
  pagesOut: number;
  groups: PassGroup[];
  edits: DocEdit[];
}

/** Rules that are off by default and turned on by a run option. */
const OPT_IN: Record<string, (o: Options) => boolean> = {
  'pages/reflow': (o) => o.reflow,
  'pages/running-head': (o) => o.stripHeaders,
};

/** Resolves the active rules and their levels from the options. */
export function activeRules(opts: Options, rules: readonly Rule[] = RULES): ActiveRule[] {
  const out: ActiveRule[] = [];
  for (const rule of rules) {
    // an opt-in option (--reflow, --strip-headers) turns its rule on even where a config lists it as off (as the
    // starter config of `ocrtidy init` does); --rule ID=suggest still sets the level
    const set = opts.rules[rule.id];
    const level = OPT_IN[rule.id]?.(opts) ? (set && set !== 'off' ? set : 'fix') : (set ?? rule.defaultLevel);
    if (level === 'off') continue;
    out.push({ rule, level });
  }
  return out;
}

/**
 * Number of edits (fixes and suggestions) the active rules would make on `text` on its own: the rule findings that
 * the quality score of a pass counts (src/pages/quality.ts), used to choose which pass of a duplicate group to keep.
 */
export function ruleFindings(text: string, opts: Options, data: RuleData): number {
  // page-structure rules (line wraps, running heads) say nothing about how well a pass was read
  const active = activeRules(opts).filter((a) => !(a.rule.id in OPT_IN));
  const base = { style: { spacing: opts.spacing, punctuation: opts.punctuation }, layout: pageLayout(text), data };
  for (const a of active) if (a.rule.analyze) a.state = a.rule.analyze([text], base);
  const r = runRules(text, active, base);
  return r.edits.length;
}

/**
 * What happens to a document's pages when passes were grouped across the files of a run: pages to drop (their
 * kept pass is elsewhere) and pages whose text is replaced by the kept pass from another file.
 */
export interface DocPlan {
  groups: PassGroup[];
  drop: Map<number, string>;
  replace: Map<number, { text: string; message: string }>;
  /** For `--fuse`: the other passes of the page kept at each index. */
  others?: Map<number, Array<{ text: string; name: string }>>;
}

/** Maps offsets in `text` to 1-based line/column. Built once per document. */
export class LineIndex {
  private starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  /** 1-based line and column (UTF-16 code units) of `offset`. */
  at(offset: number): { line: number; column: number } {
    let lo = 0, hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }
}

/** Optional hooks of {@link processDocument}. */
export interface DocHooks {
  onPage?: (done: number, total: number) => void;
  decide?: (e: DocEdit) => 'apply' | 'skip' | undefined;
  plan?: DocPlan;
}

/**
 * Cleans one document.
 * @param text decoded document text (LF line endings, no BOM)
 * @param opts run options
 * @param data rule data (glossary, lookalikes, ignore list)
 * @param trace optional callback for `--trace`: page index, rule id, text after that rule
 * @param hooks optional: `onPage` progress callback after each kept page's rules (pages done, pages to do);
 *   `decide` the reviewer's choice per proposed edit, placed in the document (see runRules; a skipped
 *   `pages/duplicate-pass` edit keeps that pass as a page of its own); `plan` the duplicate-pass plan made across
 *   files (`--dedupe-across-files`)
 */
export function processDocument(
  text: string,
  opts: Options,
  data: RuleData,
  trace?: (page: number, rule: string, text: string) => void,
  hooks: DocHooks = {},
): DocResult {
  const { onPage, decide, plan } = hooks;
  const split = splitPages(text, opts.pages);
  const pages = split.pages;
  const lines = new LineIndex(text);
  const edits: DocEdit[] = [];
  const place = (page: Page, e: LoggedEdit): DocEdit => {
    const offset = page.offset + e.start;
    const at = lines.at(offset);
    // fields listed, not spread: spreading was half the pipeline's time on edit-heavy dumps (bench --timing)
    return {
      rule: e.rule, level: e.level, status: e.status, start: e.start, end: e.end, before: e.before, after: e.after,
      message: e.message, page: page.index, offset, endOffset: page.offset + e.end, line: at.line, column: at.column,
    };
  };

  // 1. duplicate passes: which pages survive
  let groups = plan
    ? plan.groups
    : opts.dedupe && opts.rules['pages/duplicate-pass'] !== 'off'
      ? dedupePages(pages.map((p) => ({ text: p.text, page: p.index, line: lines.at(p.offset).line })), opts.dedupeThreshold, (t) => ruleFindings(t, opts, data))
      : [];
  const dropEdit = (p: Page, message: string): DocEdit => place(p, {
    rule: 'pages/duplicate-pass', level: 'fix', status: 'applied', start: 0, end: p.text.length + p.sep.length,
    before: p.text + p.sep, after: '', message,
  });
  if (decide && !plan) {
    // a reviewer who rejects dropping a pass keeps it as a page of its own
    // (rejecting the removal of the kept pass from its own place, when it moves to the group's first place, keeps
    // every pass of that group where it is)
    groups = groups
      .filter((g) => g.kept === g.members[0] || decide(dropEdit(pages[g.kept], '')) !== 'skip')
      .map((g) => ({ ...g, members: g.members.filter((m) => m === g.kept || decide(dropEdit(pages[m], '')) !== 'skip') }))
      .filter((g) => g.members.length > 1);
  }
  const drop = new Map<number, string>(plan?.drop ?? []);
  const keptAt = new Map<number, number>();
  // `--rule pages/duplicate-pass=suggest`: the groups are reported, every pass stays
  const dupSuggest = !plan && opts.rules['pages/duplicate-pass'] === 'suggest';
  if (dupSuggest) {
    for (const g of groups) {
      for (const m of g.members) {
        if (m === g.kept) continue;
        edits.push({
          ...dropEdit(pages[m], `duplicate pass of page ${g.kept + 1} (similarity ${g.similarity.toFixed(2)}), which would be kept: ${g.reason}`),
          level: 'suggest', status: 'suggested',
        });
      }
    }
  } else if (!plan) {
    for (const g of groups) {
      // the kept page takes the position of the group's first member
      keptAt.set(g.members[0], g.kept);
      for (const m of g.members) {
        if (m === g.members[0]) continue;
        drop.set(m, m === g.kept
          ? `the better pass of page ${g.members[0] + 1}, moved to its place (similarity ${g.similarity.toFixed(2)}): ${g.reason}`
          : `duplicate pass of page ${g.members[0] + 1} (similarity ${g.similarity.toFixed(2)}); kept page ${g.kept + 1}: ${g.reason}`);
      }
      if (g.kept !== g.members[0]) {
        drop.set(g.members[0], `duplicate pass of page ${g.kept + 1}, which is kept in its place (similarity ${g.similarity.toFixed(2)}): ${g.reason}`);
      }
    }
  }
  const order: Page[] = [];
  const replaced = new Set<number>();
  for (const p of pages) {
    if (keptAt.has(p.index)) order.push(pages[keptAt.get(p.index)!]);
    else if (plan?.replace.has(p.index)) {
      const text = plan.replace.get(p.index)!.text;
      replaced.add(p.index);
      order.push({ ...p, text, layout: pageLayout(text) });
    }
    else if (!drop.has(p.index)) order.push(p);
  }
  for (const [m, message] of drop) edits.push(dropEdit(pages[m], message));
  for (const [m, r] of plan?.replace ?? []) {
    const p = pages[m];
    edits.push(place(p, {
      rule: 'pages/duplicate-pass', level: 'fix', status: 'applied', start: 0, end: p.text.length,
      before: p.text, after: r.text, message: r.message,
    }));
  }

  // 1b. --fuse: the kept pass takes, spot by spot, the other passes' readings the rules like better
  const fused = new Map<number, Edit[]>();
  if (opts.fuse) {
    const anomalies = (t: string) => Object.values(symptoms(t)).reduce((x, y) => x + y, 0) + ruleFindings(t, opts, data);
    const jobs: Array<[number, string, Array<{ text: string; name: string }>]> = plan
      ? [...(plan.others ?? [])].map(([i, others]) => [i, plan.replace.get(i)?.text ?? pages[i].text, others])
      : groups.map((g) => [g.kept, pages[g.kept].text, g.members.filter((m) => m !== g.kept).map((m) => ({ text: pages[m].text, name: `page ${m + 1}` }))]);
    for (const [i, text, others] of jobs) {
      const fe = fuse(text, others, anomalies);
      if (fe.length) fused.set(i, fe);
    }
  }

  // 2. rules, with per-document analysis over the kept pages
  const active = activeRules(opts);
  const base = { style: { spacing: opts.spacing, punctuation: opts.punctuation }, layout: 'block' as const, data };
  const textOf = (p: Page) => (fused.has(p.index) ? applyEdits(p.text, fused.get(p.index)!) : p.text);
  const keptTexts = order.map(textOf);
  for (const a of active) if (a.rule.analyze) a.state = a.rule.analyze(keptTexts, base);
  const outPages: Array<{ text: string; sep: string }> = [];
  order.forEach((p) => {
    const fe = fused.get(p.index);
    for (const e of fe ?? []) {
      const logged: LoggedEdit = { rule: e.rule, level: 'fix', status: 'applied', start: e.start, end: e.end, before: p.text.slice(e.start, e.end), after: e.text, message: e.message };
      if (replaced.has(p.index)) edits.push({ ...place(pages[p.index], { ...logged, start: 0, end: 0 }), message: `${e.message}; in the pass taken from another file, at its offset ${e.start}` });
      else edits.push(place(p, logged));
    }
    const r = runRules(textOf(p), active, { ...base, layout: p.layout }, trace ? (rule, t) => trace(p.index, rule, t) : undefined,
      decide && !fe && !replaced.has(p.index) ? (e) => decide(place(p, e)) : undefined);
    for (const e of r.edits) {
      // a pass taken from another file: its edits cannot point into this file; they are listed at the page start
      if (replaced.has(p.index)) edits.push({ ...place(pages[p.index], { ...e, start: 0, end: 0 }), message: `${e.message ? `${e.message}; ` : ''}in the pass taken from another file, at its offset ${e.start}` });
      else if (fe) edits.push(place(p, { ...e, start: mapThrough(fe, e.start, 'start'), end: mapThrough(fe, e.end, 'end') }));
      else edits.push(place(p, e));
    }
    outPages.push({ text: r.text, sep: p.sep });
    onPage?.(outPages.length, order.length);
  });
  fixSeparators(outPages, order, pages);
  edits.sort((a, b) => a.offset - b.offset || a.endOffset - b.endOffset);
  // the empty "page" after a dump's final line break is not a page
  const trailingEmpty = (ps: readonly Page[]) => ps.filter((p) => p.text === '' && p.index === pages.length - 1 && pages.length > 1).length;
  return { output: joinPages(outPages), pageMode: split.mode, pagesIn: pages.length - trailingEmpty(pages), pagesOut: order.length - trailingEmpty(order), groups, edits };
}

/**
 * After pages were dropped or moved, give each output page a separator: the separator that followed the page in
 * the input, except that the last output page gets the input's last separator ('' or a final newline) and a page
 * that was last in the input but is no longer last gets the separator of the page before it.
 */
function fixSeparators(out: Array<{ text: string; sep: string }>, order: Page[], pages: Page[]): void {
  const lastSep = pages[pages.length - 1].sep;
  const commonSep = pages.length > 1 ? pages[0].sep : '';
  out.forEach((o, k) => {
    const p = order[k];
    if (k === out.length - 1) o.sep = p.index === pages.length - 1 ? p.sep : lastSep;
    else o.sep = p.index === pages.length - 1 || p.sep === '' ? commonSep : p.sep;
  });
}
