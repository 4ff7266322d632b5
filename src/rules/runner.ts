/**
 * The rule runner: applies ordered rules to one page's text and keeps an edit log whose offsets point into the
 * ORIGINAL page text.
 *
 * Model (after textlint's fixer): each rule sees the text left by the rules before it and returns edits; the
 * runner sorts them, holds back any edit that overlaps one already accepted from the same rule (it is reported
 * as `held-back`, never applied half), drops edits that reach inside a protected span (URL, path, code...)
 * unless the rule repairs such tokens itself, applies the `fix` edits right to left and records every edit.
 */
import type { Edit, Level, Rule, RuleContext } from '../types.js';
import { SpanGuard } from './protect.js';

/** One entry of the edit log. Offsets are UTF-16 code units into the ORIGINAL page text. */
export interface LoggedEdit {
  rule: string;
  level: 'fix' | 'suggest';
  /** `applied`: in the output; `suggested`: report only; `held-back`: a fix that overlapped another. */
  status: 'applied' | 'suggested' | 'held-back';
  /** Start and end in the original page text (end exclusive). */
  start: number;
  end: number;
  /** The text the rule replaced, as the rule saw it (earlier rules may already have changed it). */
  before: string;
  /** The replacement text. */
  after: string;
  message?: string;
}

/** A rule with the level it runs at in this run. */
export interface ActiveRule {
  rule: Rule;
  level: Exclude<Level, 'off'>;
  /** Per-document state from `rule.analyze`, if any. */
  state?: unknown;
}

/** Edit counts per rule id: applied fixes, suggestions, held-back edits (the summary line's figures). */
export type EditTally = Map<string, { fix: number; suggest: number; heldBack: number }>;

/** Adds the counts of `from` to `into`, rule by rule. */
export function mergeTally(into: EditTally, from: EditTally): void {
  for (const [rule, c] of from) {
    const t = into.get(rule);
    if (!t) into.set(rule, { ...c });
    else {
      t.fix += c.fix;
      t.suggest += c.suggest;
      t.heldBack += c.heldBack;
    }
  }
}

/** The result for one page. */
export interface PageResult {
  text: string;
  edits: LoggedEdit[];
}

/** Time spent per rule, summed over pages: `apply` is the rule's own work, `total` adds the runner's (protected spans, sorting, applying). Milliseconds. */
export interface RuleTiming {
  apply: number;
  total: number;
  pages: number;
  edits: number;
}

let timings: Map<string, RuleTiming> | undefined;

/**
 * Turns per-rule timing on (a map that {@link runRules} adds to, keyed by rule id) or off (`undefined`, the
 * default). For the benchmark's `--timing`; when off it costs one test per rule and page.
 */
export function setRuleTimings(into: Map<string, RuleTiming> | undefined): void {
  timings = into;
}

/** A stage of applied edits (sorted, non-overlapping, in the coordinates of that stage's input). */
type Stage = Edit[];

/**
 * Maps a position in the text after `edits` (one stage: sorted, non-overlapping, in the coordinates of the text
 * before them) back to the text before them. A position strictly inside a replacement goes to the replaced
 * range's start or end (`side`). Positions and offsets are UTF-16 code units.
 */
export function mapThrough(edits: readonly Edit[], pos: number, side: 'start' | 'end'): number {
  let delta = 0;
  for (const e of edits) {
    const postStart = e.start + delta;
    const postEnd = postStart + e.text.length;
    if (pos <= postStart) return pos - delta;
    if (pos < postEnd) return side === 'start' ? e.start : e.end;
    delta += e.text.length - (e.end - e.start);
  }
  return pos - delta;
}

/**
 * One stage prepared for {@link mapBack}: where each edit's replacement starts and ends in the text after the
 * stage, and the length change of the edits before it, so that a position is mapped by binary search.
 */
interface PreparedStage {
  edits: Stage;
  postStart: Int32Array;
  postEnd: Int32Array;
  /** The length change of edits [0, k) at k; at edits.length, of the whole stage. */
  deltaBefore: Int32Array;
}

function prepareStage(edits: Stage): PreparedStage {
  const n = edits.length;
  const postStart = new Int32Array(n), postEnd = new Int32Array(n), deltaBefore = new Int32Array(n + 1);
  let delta = 0;
  for (let k = 0; k < n; k++) {
    const e = edits[k];
    deltaBefore[k] = delta;
    postStart[k] = e.start + delta;
    postEnd[k] = postStart[k] + e.text.length;
    delta += e.text.length - (e.end - e.start);
  }
  deltaBefore[n] = delta;
  return { edits, postStart, postEnd, deltaBefore };
}

/**
 * {@link mapThrough} on a prepared stage, by binary search instead of a walk. mapThrough returns at the first edit
 * k with `pos <= postStart[k]` or `pos < postEnd[k]`; both tests are monotone in k (a stage's edits are sorted and
 * do not overlap, so postStart and postEnd never decrease), so that k is found by bisection. Same results.
 */
function mapThroughPrepared(st: PreparedStage, pos: number, side: 'start' | 'end'): number {
  const { postStart, postEnd } = st;
  let lo = 0, hi = postStart.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pos <= postStart[mid] || pos < postEnd[mid]) hi = mid;
    else lo = mid + 1;
  }
  if (lo === postStart.length || pos <= postStart[lo]) return pos - st.deltaBefore[lo];
  return side === 'start' ? st.edits[lo].start : st.edits[lo].end;
}

function mapBack(stages: readonly PreparedStage[], pos: number, side: 'start' | 'end'): number {
  let p = pos;
  for (let i = stages.length - 1; i >= 0; i--) p = mapThroughPrepared(stages[i], p, side);
  return p;
}

/** True when `edits` are already in the runner's order (by start, then end). */
function inOrder(edits: readonly Edit[]): boolean {
  for (let k = 1; k < edits.length; k++) {
    const a = edits[k - 1], b = edits[k];
    if (a.start > b.start || (a.start === b.start && a.end > b.end)) return false;
  }
  return true;
}

/** Applies sorted, non-overlapping edits to `text`. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = '';
  let pos = 0;
  for (const e of edits) {
    out += text.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return out + text.slice(pos);
}

/**
 * Runs `rules` in order over `text`.
 * @param text the page text (UTF-16 string)
 * @param rules active rules with their levels, in pipeline order
 * @param ctx the context shared by all rules (its `state` is replaced per rule)
 * @param trace optional callback given the text after each rule (for `--trace`)
 * @param decide optional reviewer's choice per proposed edit (offsets already in the ORIGINAL page): `skip` drops it
 *   (not applied, not logged), `apply` applies it even at suggest level; undefined keeps the normal behaviour.
 *   Used by `review` and `apply` to re-run the rules with some edits rejected (see src/review/select.ts).
 * @param tally when given (and no `decide`): the edits are only counted into it, per rule and status, and the
 *   returned log is empty: no log entry is built and no offset mapped back (runs that show no report; the cleaned
 *   text is the same)
 * @returns the cleaned text and the edit log with offsets into `text`
 * @throws Error naming the rule when a rule throws or returns an out-of-range edit
 */
export function runRules(
  text: string,
  rules: readonly ActiveRule[],
  ctx: Omit<RuleContext, 'state'>,
  trace?: (rule: string, text: string) => void,
  decide?: (entry: LoggedEdit) => 'apply' | 'skip' | undefined,
  tally?: EditTally,
): PageResult {
  const counting = tally !== undefined && decide === undefined;
  const stages: PreparedStage[] = [];
  const log: LoggedEdit[] = [];
  let cur = text;
  // the protected spans of the current text, found again only after a rule changed it
  let guard: SpanGuard | undefined;
  let guardOf = -1;
  let version = 0; // counts the changes of `cur`
  // one context object for all rules, its `state` set per rule (rules only read it)
  const ruleCtx: RuleContext = { ...ctx, state: undefined };
  for (const { rule, level, state } of rules) {
    let edits: Edit[];
    const t0 = timings ? performance.now() : 0;
    ruleCtx.state = state;
    try {
      edits = rule.apply(cur, ruleCtx);
    } catch (err) {
      throw new Error(`rule ${rule.id} failed: ${(err as Error).message}`);
    }
    if (timings) {
      const t = timings.get(rule.id) ?? { apply: 0, total: 0, pages: 0, edits: 0 };
      const t1 = performance.now();
      t.apply += t1 - t0;
      t.total += t1 - t0;
      t.pages++;
      t.edits += edits.length;
      timings.set(rule.id, t);
    }
    const t1 = timings ? performance.now() : 0;
    if (edits.length === 0) {
      trace?.(rule.id, cur);
      continue;
    }
    if (!rule.editsProtected && guardOf !== version) {
      guard = new SpanGuard(cur, ctx.data.ignore);
      guardOf = version;
    }
    const g = rule.editsProtected ? undefined : guard;
    const kept: Edit[] = [];
    for (const e of edits) {
      if (e.start < 0 || e.end > cur.length || e.start > e.end) {
        throw new Error(`rule ${rule.id} returned an edit out of range [${e.start}, ${e.end}) for a text of ${cur.length}`);
      }
      if (e.end - e.start === e.text.length && cur.slice(e.start, e.end) === e.text) continue; // no-op
      if (g && g.touches(e.start, e.end)) continue;
      kept.push(e);
    }
    // a stable sort leaves edits already in order as they are: skip it then
    const sorted = inOrder(kept) ? kept : kept.sort((a, b) => a.start - b.start || a.end - b.end);
    const fixes: Edit[] = [];
    let lastEnd = -1;
    let lastInsertAt = -1;
    if (counting) {
      // the same decisions as below, counted instead of logged
      let c = tally.get(rule.id);
      if (!c) tally.set(rule.id, (c = { fix: 0, suggest: 0, heldBack: 0 }));
      for (const e of sorted) {
        if ((level === 'suggest' ? 'suggest' : e.level) !== 'fix') {
          c.suggest++;
          continue;
        }
        if (e.start < lastEnd || (e.start === e.end && e.start === lastInsertAt)) c.heldBack++;
        else {
          c.fix++;
          fixes.push(e);
          lastEnd = e.end;
          lastInsertAt = e.start === e.end ? e.start : -1;
        }
      }
    }
    for (const e of counting ? [] : sorted) {
      const effective = level === 'suggest' ? 'suggest' : e.level;
      const entry: LoggedEdit = {
        rule: rule.id,
        level: effective,
        status: effective === 'fix' ? 'applied' : 'suggested',
        start: mapBack(stages, e.start, 'start'),
        end: mapBack(stages, e.end, 'end'),
        before: cur.slice(e.start, e.end),
        after: e.text,
        message: e.message,
      };
      const choice = decide?.(entry);
      if (choice === 'skip') continue;
      if (effective === 'fix' || choice === 'apply') {
        entry.status = 'applied';
        const overlaps = e.start < lastEnd || (e.start === e.end && e.start === lastInsertAt);
        if (overlaps) entry.status = 'held-back';
        else {
          fixes.push(e);
          lastEnd = e.end;
          lastInsertAt = e.start === e.end ? e.start : -1;
        }
      }
      log.push(entry);
    }
    if (fixes.length > 0) {
      cur = applyEdits(cur, fixes);
      version++;
      if (!counting) stages.push(prepareStage(fixes));
    }
    if (timings) timings.get(rule.id)!.total += performance.now() - t1;
    trace?.(rule.id, cur);
  }
  return { text: cur, edits: log };
}
