/**
 * Applying a reviewer's subset of edits (`review`, `apply`).
 *
 * Edits are not independent: a later rule sees the text the earlier rules left, so its edit may exist only
 * because of an earlier one (`BE求T` -> `BERT` by one rule, then a space before `BERT` by another). Splicing
 * the accepted edits into the original text would be wrong for such chains. Instead the pipeline runs again
 * with a `decide` hook (src/rules/runner.ts): every proposed edit whose identity (rule, original offsets,
 * before, after) is in the accepted set is applied, every other one is skipped — including edits that only
 * appear because another edit was rejected, which nobody reviewed. An accepted edit that the re-run no longer
 * proposes (it depended on a rejected edit) is reported as a conflict, never applied half.
 */
import type { Decoded } from '../io/decode.js';
import type { Options } from '../options.js';
import type { FileReport } from '../report/model.js';
import { processDocument, type DocEdit, type DocResult } from '../pipeline.js';
import type { RuleData } from '../types.js';

/** The identity of an edit across runs: rule, offsets in the ORIGINAL document (UTF-16 code units), before, after. */
export interface EditIdentity {
  rule: string;
  offset: number;
  endOffset: number;
  before: string;
  after: string;
}

/** A string key for {@link EditIdentity}. */
export const editKey = (e: EditIdentity): string => JSON.stringify([e.rule, e.offset, e.endOffset, e.before, e.after]);

/** The edits a reviewer is asked about: applied fixes and suggestions (held-back edits cannot be applied). */
export function reviewable(res: DocResult): DocEdit[] {
  return res.edits.filter((e) => e.status === 'applied' || e.status === 'suggested');
}

/** The outcome of applying a subset. */
export interface Selection {
  /** The text with exactly the accepted edits that still apply. */
  output: string;
  /** The re-run's result (its edits are the applied ones). */
  result: DocResult;
  /** Accepted edits the re-run no longer proposes (they depended on a rejected edit): not applied. */
  conflicts: EditIdentity[];
}

/**
 * Re-runs the pipeline on `text` so that only the `accepted` edits apply.
 * @param accepted identities of the edits to apply (fixes or suggestions), from a run with the same options
 * @param trace optional `--trace` callback (page, rule id, text after that rule)
 * @throws Error when a pipeline step applied an edit that was not accepted (a step that ignores the decide hook)
 */
export function applySelection(
  text: string,
  opts: Options,
  data: RuleData,
  accepted: readonly EditIdentity[],
  trace?: (page: number, rule: string, text: string) => void,
): Selection {
  const keys = new Map(accepted.map((e) => [editKey(e), e]));
  const result = processDocument(text, opts, data, trace, { decide: (e) => (keys.has(editKey(e)) ? 'apply' : 'skip') });
  const appliedEdits = result.edits.filter((e) => e.status === 'applied');
  // a pipeline step that does not consult `decide` would apply edits nobody accepted: refuse rather than do that
  const unasked = appliedEdits.filter((e) => !keys.has(editKey(e)));
  if (unasked.length > 0) {
    throw new Error(`cannot apply a selection: ${[...new Set(unasked.map((e) => e.rule))].join(', ')} made edits without asking the reviewer (its pipeline step does not support review yet)`);
  }
  const applied = new Set(appliedEdits.map(editKey));
  const conflicts = [...keys.entries()].filter(([k]) => !applied.has(k)).map(([, e]) => e);
  return { output: result.output, result, conflicts };
}

/** The report entry of a file after a selection was applied (as `clean --write` reports it). */
export function selectionReport(file: string, dec: Decoded, sel: Selection): FileReport {
  return {
    file, status: sel.output === dec.text ? 'unchanged' : 'changed', encoding: dec.encoding, bom: dec.bom, eol: dec.eol,
    pageMode: sel.result.pageMode, pagesIn: sel.result.pagesIn, pagesOut: sel.result.pagesOut, groups: sel.result.groups,
    edits: sel.result.edits, original: dec.text, output: sel.output,
  };
}

/**
 * Options whose steps do not ask the reviewer yet: fusion rewrites a kept pass from the others, and grouping across
 * files needs every file of the run at once.
 * @returns an error message, or undefined when the options are fine for review and apply
 */
export function unsupportedOptions(opts: Options): string | undefined {
  const bad = [opts.fuse ? '--fuse' : '', opts.dedupeAcrossFiles ? '--dedupe-across-files' : ''].filter(Boolean);
  return bad.length ? `review and apply do not support ${bad.join(' and ')} yet (set in the config file or on the command line); use clean or check` : undefined;
}
