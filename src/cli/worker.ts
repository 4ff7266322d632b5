/**
 * A worker thread of the `--jobs` pool (tinypool). Tasks:
 * - default: {@link processFile} for one input, returning its report (several files in parallel);
 * - `pages`: the rules over a batch of one document's kept pages (one long file shared among threads, see
 *   processDocumentShared in pipeline.ts), returning one outcome per page;
 * - `signatures` and `findings`: duplicate-pass work for that document (page signatures; rule findings of the
 *   passes in a group);
 * - `warm`: loads the rule data for a set of options ahead of the first batch.
 * The rule data and active rules are loaded once per worker and per set of options.
 */
import type { Options } from '../options.js';
import { pageSignature } from '../pages/dedupe.js';
import { activeRules, ruleFindings, type EditTally, type PageInput, type PageOutcome } from '../pipeline.js';
import type { FileReport } from '../report/model.js';
import { allowCollections } from '../io/memory.js';
import { loadRuleData } from '../rules/data.js';
import { runRules, type ActiveRule } from '../rules/runner.js';
import type { RuleData } from '../types.js';
import { processFile, type FileJob } from './run.js';

let cached: { key: string; data: RuleData; active: ActiveRule[] } | undefined;

function setup(options: Options): { data: RuleData; active: ActiveRule[] } {
  const key = JSON.stringify(options);
  if (cached?.key !== key) cached = { key, data: loadRuleData(options), active: activeRules(options) };
  return cached;
}

export default async function work(job: FileJob): Promise<FileReport> {
  allowCollections();
  return (await processFile(job, setup(job.settings.options).data)).report;
}

/** A batch of pages of one document, with the document's per-rule analysis (rule id -> state). */
export interface PageBatch {
  options: Options;
  states: Record<string, unknown>;
  pages: PageInput[];
  /** false: each outcome carries a tally of its edits instead of the edits (nothing to report). */
  keepEdits: boolean;
}

export function pages(batch: PageBatch): Array<PageOutcome & { tally?: EditTally }> {
  const { data, active } = setup(batch.options);
  const withState = active.map((a) => ({ ...a, state: batch.states[a.rule.id] }));
  const base = { style: { spacing: batch.options.spacing, punctuation: batch.options.punctuation }, data };
  return batch.pages.map((p) => {
    if (batch.keepEdits) return runRules(p.text, withState, { ...base, layout: p.layout });
    const tally: EditTally = new Map();
    return { text: runRules(p.text, withState, { ...base, layout: p.layout }, undefined, undefined, tally).text, edits: [], tally };
  });
}

export function warm(options: Options): boolean {
  setup(options);
  return true;
}

export function signatures(texts: string[]): Array<Uint32Array | null> {
  return texts.map(pageSignature);
}

export function findings(job: { options: Options; texts: string[] }): number[] {
  const { data } = setup(job.options);
  return job.texts.map((t) => ruleFindings(t, job.options, data));
}
