/**
 * The pipeline for one document (one input file): split pages -> group duplicate passes -> rules -> join.
 * Pure: no I/O. Each document is processed on its own; nothing in one file changes what happens to another.
 */
import type { Options } from './options.js';
import { joinPages, pageLayout, splitPages, type Page } from './pages/split.js';
import { groupPasses, type PassGroup } from './pages/dedupe.js';
import { RULES } from './rules/index.js';
import { runRules, type ActiveRule, type LoggedEdit } from './rules/runner.js';
import type { Rule, RuleData } from './types.js';

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

/** Resolves the active rules and their levels from the options. */
export function activeRules(opts: Options, rules: readonly Rule[] = RULES): ActiveRule[] {
  const out: ActiveRule[] = [];
  for (const rule of rules) {
    const level = opts.rules[rule.id] ?? rule.defaultLevel;
    if (level === 'off') continue;
    out.push({ rule, level });
  }
  return out;
}

/**
 * Quality score of one pass of a page, higher is better: minus the number of fix edits the active rules would
 * make per 100 characters (missing spaces, lookalike tokens, brackets, letter-spacing all count), used to choose
 * which pass of a duplicate group to keep.
 */
export function passQuality(text: string, opts: Options, data: RuleData): number {
  const active = activeRules(opts);
  const base = { style: { spacing: opts.spacing, punctuation: opts.punctuation }, layout: pageLayout(text), data };
  for (const a of active) if (a.rule.analyze) a.state = a.rule.analyze([text], base);
  const r = runRules(text, active, base);
  const fixes = r.edits.filter((e) => e.level === 'fix' || e.level === 'suggest').length;
  return -(100 * fixes) / Math.max(1, text.length);
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

/**
 * Cleans one document.
 * @param text decoded document text (LF line endings, no BOM)
 * @param opts run options
 * @param data rule data (glossary, lookalikes, ignore list)
 * @param trace optional callback for `--trace`: page index, rule id, text after that rule
 * @param onPage optional progress callback after each kept page's rules: pages done, pages to do
 * @param decide optional reviewer's choice per proposed edit, placed in the document (see runRules); a skipped
 *   `pages/duplicate-pass` edit keeps that pass as a page of its own
 */
export function processDocument(
  text: string,
  opts: Options,
  data: RuleData,
  trace?: (page: number, rule: string, text: string) => void,
  onPage?: (done: number, total: number) => void,
  decide?: (e: DocEdit) => 'apply' | 'skip' | undefined,
): DocResult {
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
  const dropEdit = (g: PassGroup, p: Page): DocEdit => place(p, {
    rule: 'pages/duplicate-pass', level: 'fix', status: 'applied', start: 0, end: p.text.length + p.sep.length,
    before: p.text + p.sep, after: '',
    message: `duplicate pass of page ${g.kept + 1} (similarity ${g.similarity.toFixed(2)}); kept page ${g.kept + 1}: ${g.reason}`,
  });
  let groups = opts.dedupe
    ? groupPasses(pages, { threshold: opts.dedupeThreshold, quality: (t) => passQuality(t, opts, data) })
    : [];
  if (decide) {
    groups = groups
      .map((g) => ({ ...g, members: g.members.filter((m) => m === g.kept || decide(dropEdit(g, pages[m])) !== 'skip') }))
      .filter((g) => g.members.length > 1);
  }
  const grouped = new Set<number>();
  for (const g of groups) for (const m of g.members) grouped.add(m);
  // the kept page takes the position of the group's first member
  const order: Page[] = [];
  const keptAt = new Map<number, number>();
  for (const g of groups) keptAt.set(Math.min(...g.members), g.kept);
  for (const p of pages) {
    if (keptAt.has(p.index)) order.push(pages[keptAt.get(p.index)!]);
    else if (!grouped.has(p.index)) order.push(p);
  }
  for (const g of groups) {
    for (const m of g.members) {
      if (m === g.kept) continue;
      edits.push(dropEdit(g, pages[m]));
    }
  }

  // 2. rules, with per-document analysis over the kept pages
  const active = activeRules(opts);
  const base = { style: { spacing: opts.spacing, punctuation: opts.punctuation }, layout: 'block' as const, data };
  const keptTexts = order.map((p) => p.text);
  for (const a of active) if (a.rule.analyze) a.state = a.rule.analyze(keptTexts, base);
  const outPages: Array<{ text: string; sep: string }> = [];
  order.forEach((p) => {
    const r = runRules(p.text, active, { ...base, layout: p.layout }, trace ? (rule, t) => trace(p.index, rule, t) : undefined,
      decide ? (e) => decide(place(p, e)) : undefined);
    for (const e of r.edits) edits.push(place(p, e));
    outPages.push({ text: r.text, sep: p.sep });
    onPage?.(outPages.length, order.length);
  });
  fixSeparators(outPages, order, pages);
  edits.sort((a, b) => a.offset - b.offset || a.endOffset - b.endOffset);
  return { output: joinPages(outPages), pageMode: split.mode, pagesIn: pages.length, pagesOut: order.length, groups, edits };
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
