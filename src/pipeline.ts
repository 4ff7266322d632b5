/**
 * The pipeline for one document (one input file): split pages -> group duplicate passes -> rules -> join.
 * No I/O. Each document is processed on its own; nothing in one file changes what happens to another. The one side
 * effect: on a long document, a full garbage collection between phases once the CLI allowed it (io/memory.ts).
 */
import type { Options } from './options.js';
import { pageLayout, splitPages, type Page, type SplitResult } from './pages/split.js';
import { findGroups, pageSignature, type PassGroup, type RawGroup } from './pages/dedupe.js';
import { dedupePages } from './pages/passes.js';
import { fuse } from './pages/fuse.js';
import { symptoms } from './pages/quality.js';
import { RULES } from './rules/index.js';
import { serialize } from 'node:v8';
import { collectGarbage } from './io/memory.js';
import { applyEdits, mapThrough, mergeTally, runRules, type ActiveRule, type EditTally, type LoggedEdit } from './rules/runner.js';
import type { Edit, PageLayout, Rule, RuleContext, RuleData } from './types.js';

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
  /** The edits, in document order (empty when the run asked for counts only: `keepEdits: false`). */
  edits: DocEdit[];
  /** Edit counts per rule (always kept). */
  tally: EditTally;
  /** Whether the output differs from the input. */
  changed: boolean;
}

/** Rules that are off by default and turned on by a run option. */
const OPT_IN: Record<string, (o: Options) => boolean> = {
  'pages/reflow': (o) => o.reflow,
  'pages/running-head': (o) => o.stripHeaders,
};

/** Per-document rule states larger than this (bytes, serialised) are not sent to worker threads. */
const MAX_SHARED_STATE = 1 << 20;

/** Documents at least this long (UTF-16 code units) get a full garbage collection between phases (io/memory.ts). */
const LONG_DOCUMENT = 1 << 22;

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
  // counted, not logged: every edit the log would list (fixes, held-back fixes, suggestions) counts once
  const tally: EditTally = new Map();
  runRules(text, active, base, undefined, undefined, tally);
  let n = 0;
  for (const c of tally.values()) n += c.fix + c.suggest + c.heldBack;
  return n;
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

export type { EditTally };

/** Adds one logged edit to a tally. */
export function tallyEdit(tally: EditTally, e: Pick<LoggedEdit, 'rule' | 'status'>): void {
  let c = tally.get(e.rule);
  if (!c) tally.set(e.rule, (c = { fix: 0, suggest: 0, heldBack: 0 }));
  if (e.status === 'applied') c.fix++;
  else if (e.status === 'suggested') c.suggest++;
  else c.heldBack++;
}

/** Optional hooks of {@link processDocument}. */
export interface DocHooks {
  onPage?: (done: number, total: number) => void;
  decide?: (e: DocEdit) => 'apply' | 'skip' | undefined;
  plan?: DocPlan;
  /**
   * When set, the cleaned text is handed over in order, a page and its separator at a time, as soon as the page is
   * done, and the result's `output` is '' (long dumps: the cleaned document is never held whole).
   */
  sink?: (chunk: string) => void;
  /**
   * `false`: edits are only counted (the result's `tally`), not listed, for runs that show no report; a listed
   * edit costs a few hundred bytes and long dumps have millions. Default `true`.
   */
  keepEdits?: boolean;
}

/** What one page's rule run gives back: the cleaned text and its edit log (offsets into the page as given). */
export interface PageOutcome {
  text: string;
  edits: LoggedEdit[];
  /** Counts in place of `edits` (from a worker thread, when the run keeps no edit list). */
  tally?: EditTally;
}

/** A page as the rules get it: its text (after `--fuse`, if any) and layout. */
export interface PageInput {
  text: string;
  layout: PageLayout;
}

/** Work done before {@link prepare}, elsewhere or in parallel: the split, the raw pass groups, rule findings by text. */
interface Precomputed {
  split?: SplitResult;
  raw?: RawGroup[];
  findings?: Map<string, number>;
}

/** A document split, deduplicated and analysed: everything the per-page rule runs need, and where results go. */
interface Prepared {
  text: string;
  mode: string;
  pages: Page[];
  /** Kept pages in output order, and the separator each one gets in the output. */
  order: Page[];
  /** What the rules get for each kept page, in output order: its text (after `--fuse`, if any) and layout. */
  inputs: PageInput[];
  seps: string[];
  groups: PassGroup[];
  replaced: Set<number>;
  fused: Map<number, Edit[]>;
  active: ActiveRule[];
  base: Omit<RuleContext, 'state' | 'layout'>;
  place: (page: Page, e: LoggedEdit) => DocEdit;
  keepEdits: boolean;
  edits: DocEdit[];
  tally: EditTally;
  /** Output so far (without a sink), and how far the output still equals the input. */
  chunks: string[];
  sink?: (chunk: string) => void;
  same: number;
  changed: boolean;
  done: number;
  onPage?: (done: number, total: number) => void;
}

/**
 * Splits the document into pages, groups duplicate passes (and applies `--fuse`) and runs each active rule's
 * per-document analysis over the kept pages. The per-page rule runs follow ({@link runPage}, {@link finishPage}).
 */
function prepare(text: string, opts: Options, data: RuleData, hooks: DocHooks, pre: Precomputed = {}): Prepared {
  const { decide, plan } = hooks;
  const keepEdits = hooks.keepEdits ?? true;
  const split = pre.split ?? splitPages(text, opts.pages);
  const pages = split.pages;
  const lines = new LineIndex(text);
  const edits: DocEdit[] = [];
  const tally: EditTally = new Map();
  const place = (page: Page, e: LoggedEdit): DocEdit => {
    const offset = page.offset + e.start;
    const at = lines.at(offset);
    // fields listed, not spread: spreading was half the pipeline's time on edit-heavy dumps (bench --timing)
    return {
      rule: e.rule, level: e.level, status: e.status, start: e.start, end: e.end, before: e.before, after: e.after,
      message: e.message, page: page.index, offset, endOffset: page.offset + e.end, line: at.line, column: at.column,
    };
  };
  const record = (e: DocEdit) => recordEdit({ keepEdits, edits, tally }, e);

  // 1. duplicate passes: which pages survive
  let groups = plan
    ? plan.groups
    : opts.dedupe && opts.rules['pages/duplicate-pass'] !== 'off'
      ? dedupePages(pages.map((p) => ({ text: p.text, page: p.index, line: lines.at(p.offset).line })), opts.dedupeThreshold,
        (t) => pre.findings?.get(t) ?? ruleFindings(t, opts, data), pre.raw)
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
        record({
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
  for (const [m, message] of drop) record(dropEdit(pages[m], message));
  for (const [m, r] of plan?.replace ?? []) {
    const p = pages[m];
    record(place(p, {
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

  // 2. per-document analysis over the kept pages
  const active = activeRules(opts);
  const base = { style: { spacing: opts.spacing, punctuation: opts.punctuation }, data };
  // the text and layout the rules get for each kept page: the page, or, with `--fuse`, the page after fusion
  const inputs = order.map((p): PageInput => {
    const fe = fused.get(p.index);
    return { text: fe ? applyEdits(p.text, fe) : p.text, layout: p.layout };
  });
  const prep: Prepared = {
    text, mode: split.mode, pages, order, inputs, seps: separators(order, pages), groups, replaced, fused, active, base,
    place, keepEdits, edits, tally, chunks: [], sink: hooks.sink, same: 0, changed: false, done: 0, onPage: hooks.onPage,
  };
  for (const a of active) if (a.rule.analyze) a.state = a.rule.analyze(inputs.map((i) => i.text), { ...base, layout: 'block' });
  // grouping left its shingles and signatures behind: let them go before the long per-page phase
  if (text.length >= LONG_DOCUMENT) collectGarbage();
  return prep;
}

/** Adds an edit to a document's tally and, when the run lists edits, to its list. */
function recordEdit(log: Pick<Prepared, 'keepEdits' | 'edits' | 'tally'>, e: DocEdit): void {
  tallyEdit(log.tally, e);
  if (log.keepEdits) log.edits.push(e);
}

/** Places the k-th kept page's edits in the document and emits its cleaned text. Pages must come in order. */
function finishPage(prep: Prepared, k: number, r: PageOutcome): void {
  const p = prep.order[k];
  const { place, replaced } = prep;
  const fe = prep.fused.get(p.index);
  const record = (e: DocEdit) => recordEdit(prep, e);
  for (const e of fe ?? []) {
    const logged: LoggedEdit = { rule: e.rule, level: 'fix', status: 'applied', start: e.start, end: e.end, before: p.text.slice(e.start, e.end), after: e.text, message: e.message };
    if (replaced.has(p.index)) record({ ...place(prep.pages[p.index], { ...logged, start: 0, end: 0 }), message: `${e.message}; in the pass taken from another file, at its offset ${e.start}` });
    else record(place(p, logged));
  }
  if (prep.keepEdits) {
    for (const e of r.edits) {
      // a pass taken from another file: its edits cannot point into this file; they are listed at the page start
      if (replaced.has(p.index)) record({ ...place(prep.pages[p.index], { ...e, start: 0, end: 0 }), message: `${e.message ? `${e.message}; ` : ''}in the pass taken from another file, at its offset ${e.start}` });
      else if (fe) record(place(p, { ...e, start: mapThrough(fe, e.start, 'start'), end: mapThrough(fe, e.end, 'end') }));
      else record(place(p, e));
    }
  } else {
    for (const e of r.edits) tallyEdit(prep.tally, e);
  }
  if (r.tally) mergeTally(prep.tally, r.tally);
  emit(prep, r.text);
  emit(prep, prep.seps[k]);
  prep.done++;
  prep.onPage?.(prep.done, prep.order.length);
}

/** Hands a piece of output on (to the sink, or to the kept chunks) and notes whether the output still equals the input. */
function emit(prep: Prepared, chunk: string): void {
  if (chunk === '') return;
  if (!prep.changed) {
    if (prep.text.startsWith(chunk, prep.same)) prep.same += chunk.length;
    else prep.changed = true;
  }
  if (prep.sink) prep.sink(chunk);
  else prep.chunks.push(chunk);
}

/** The document's result, once every kept page is finished. */
function finish(prep: Prepared): DocResult {
  const { pages, order, edits } = prep;
  if (prep.keepEdits) edits.sort((a, b) => a.offset - b.offset || a.endOffset - b.endOffset);
  // the empty "page" after a dump's final line break is not a page
  const trailingEmpty = (ps: readonly Page[]) => ps.filter((p) => p.text === '' && p.index === pages.length - 1 && pages.length > 1).length;
  return {
    output: prep.sink ? '' : prep.chunks.join(''),
    changed: prep.changed || prep.same !== prep.text.length,
    pageMode: prep.mode, pagesIn: pages.length - trailingEmpty(pages), pagesOut: order.length - trailingEmpty(order),
    groups: prep.groups, edits, tally: prep.tally,
  };
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
 *   files (`--dedupe-across-files`); `sink` and `keepEdits` (see {@link DocHooks}) for long dumps
 */
export function processDocument(
  text: string,
  opts: Options,
  data: RuleData,
  trace?: (page: number, rule: string, text: string) => void,
  hooks: DocHooks = {},
): DocResult {
  const { decide } = hooks;
  const prep = prepare(text, opts, data, hooks);
  prep.order.forEach((p, k) => {
    const input = prep.inputs[k];
    const direct = decide && !prep.fused.has(p.index) && !prep.replaced.has(p.index);
    const r = runRules(input.text, prep.active, { ...prep.base, layout: input.layout }, trace ? (rule, t) => trace(p.index, rule, t) : undefined,
      direct ? (e) => decide(prep.place(p, e)) : undefined, prep.keepEdits ? undefined : prep.tally);
    finishPage(prep, k, r);
  });
  return finish(prep);
}

/**
 * Duplicate-pass work that can be done elsewhere (a worker thread): page signatures, and the rule findings that
 * score the passes of a group (see src/pages/passes.ts). Each resolves to one value per text, in order.
 */
export interface DedupeHelp {
  signatures?: (texts: string[]) => Promise<Array<Uint32Array | null>>;
  findings?: (texts: string[]) => Promise<number[]>;
}

/**
 * Runs `local` over the first part of `items` here while `remote` (when given) takes the rest; a failed remote
 * part is run here. Results in the order of `items`.
 */
async function shareWork<T, R>(items: T[], local: (x: T) => R, remote?: (xs: T[]) => Promise<R[]>): Promise<R[]> {
  if (!remote || items.length < 2) return items.map(local);
  const cut = Math.ceil(items.length / 2);
  const there = remote(items.slice(cut)).catch(() => undefined);
  const here = items.slice(0, cut).map(local);
  const rest = await there;
  return here.concat(rest && rest.length === items.length - cut ? rest : items.slice(cut).map(local));
}

/**
 * The split and duplicate-pass groups of a document, with the signatures and the group members' rule findings
 * shared with `help`. Same groups as {@link dedupePages} finds alone.
 */
async function groupShared(text: string, opts: Options, data: RuleData, hooks: DocHooks, help: DedupeHelp): Promise<Precomputed> {
  const split = splitPages(text, opts.pages);
  if (hooks.plan || !opts.dedupe || opts.rules['pages/duplicate-pass'] === 'off') return { split };
  const texts = split.pages.map((p) => p.text);
  if (!(opts.dedupeThreshold >= 0 && opts.dedupeThreshold <= 1)) return { split }; // findGroups reports it in prepare
  const raw = findGroups(texts, opts.dedupeThreshold, await shareWork(texts, pageSignature, help.signatures));
  const members = [...new Set(raw.flatMap((g) => g.members.map((m) => texts[m])))];
  const counts = await shareWork(members, (t) => ruleFindings(t, opts, data), help.findings);
  return { split, raw, findings: new Map(members.map((t, i) => [t, counts[i]])) };
}

/**
 * Runs rules over a batch of pages, somewhere else (a worker thread): `pages` in order, each with its text and
 * layout; resolves to one outcome per page, in the same order.
 */
export type PageBatchRunner = (pages: PageInput[], states: Record<string, unknown>) => Promise<PageOutcome[]>;

/**
 * {@link processDocument} with the kept pages' rule runs shared between this thread and `runBatch` (worker
 * threads): each side takes the next batch of pages in document order as soon as it is free. Without `runBatch`
 * every batch runs here, and the event loop still gets a turn between batches (a long run answers Ctrl-C). The result is the
 * same as processDocument's (pages are finished in order whoever ran them). No `trace` or `decide` here: those
 * runs stay in one thread.
 * @param lanes how many batches may be out with `runBatch` at once (one per worker thread)
 * @param batchChars about how many UTF-16 code units of page text go into one batch
 * @param help duplicate-pass work shared with the worker threads (signatures, rule findings of group members)
 */
export async function processDocumentShared(
  text: string,
  opts: Options,
  data: RuleData,
  runBatch: PageBatchRunner | undefined,
  hooks: Omit<DocHooks, 'decide'> = {},
  lanes = 1,
  batchChars = 1 << 18,
  help: DedupeHelp = {},
): Promise<DocResult> {
  const prep = prepare(text, opts, data, hooks, await groupShared(text, opts, data, hooks, help));
  const n = prep.order.length;
  const { inputs } = prep;
  // batches of whole pages, about batchChars each
  const batches: Array<[number, number]> = [];
  for (let from = 0; from < n;) {
    let to = from, size = 0;
    while (to < n && (to === from || size + inputs[to].text.length <= batchChars)) size += inputs[to++].text.length;
    batches.push([from, to]);
    from = to;
  }
  const states: Record<string, unknown> = {};
  for (const a of prep.active) if (a.state !== undefined) states[a.rule.id] = a.state;
  const counts = prep.keepEdits ? undefined : prep.tally; // pages run here count straight into the document's tally
  // the states go with every batch (structured clone): when they are large (pages/running-head keys every page's
  // text), sending them would cost more than the other threads save, so every batch runs here
  if (runBatch && serialize(states).length > MAX_SHARED_STATE) runBatch = undefined;
  const results: Array<PageOutcome | undefined> = new Array(n);
  // both sides take the next batch in document order, so finished pages go out (and are let go) at once and only a
  // few batches are ever held
  let next = 0;
  let finished = 0;
  const flush = () => {
    while (finished < n && results[finished]) {
      finishPage(prep, finished, results[finished]!);
      results[finished++] = undefined;
    }
  };
  let failed = false;
  const lane = async () => {
    while (next < batches.length && !failed) {
      const [from, to] = batches[next++];
      try {
        const out = await runBatch!(inputs.slice(from, to), states);
        if (out.length !== to - from) throw new Error(`${out.length} results for ${to - from} pages`);
        out.forEach((r, i) => (results[from + i] = r));
      } catch {
        failed = true; // the batch is run here below
      }
    }
  };
  const remote = Promise.all(Array.from({ length: runBatch ? Math.max(1, lanes) : 0 }, lane));
  while (next < batches.length) {
    const [from, to] = batches[next++];
    for (let k = from; k < to; k++) results[k] = runRules(inputs[k].text, prep.active, { ...prep.base, layout: inputs[k].layout }, undefined, undefined, counts);
    flush();
    // let the other side's finished batch in, and send it the next one
    await new Promise((resolve) => setImmediate(resolve));
  }
  await remote;
  // a batch whose worker failed is run here, so nothing is lost
  for (let k = finished; k < n; k++) if (!results[k]) results[k] = runRules(inputs[k].text, prep.active, { ...prep.base, layout: inputs[k].layout }, undefined, undefined, counts);
  flush();
  return finish(prep);
}

/**
 * After pages were dropped or moved, the separator of each output page: the separator that followed the page in
 * the input, except that the last output page gets the input's last separator ('' or a final newline) and a page
 * that was last in the input but is no longer last gets the separator of the page before it.
 */
function separators(order: readonly Page[], pages: readonly Page[]): string[] {
  const lastSep = pages[pages.length - 1].sep;
  const commonSep = pages.length > 1 ? pages[0].sep : '';
  return order.map((p, k) => {
    if (k === order.length - 1) return p.index === pages.length - 1 ? p.sep : lastSep;
    return p.index === pages.length - 1 || p.sep === '' ? commonSep : p.sep;
  });
}
