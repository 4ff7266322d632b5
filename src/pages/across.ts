/**
 * `--dedupe-across-files`: groups the passes of one printed page across the files of a run (dumps stored one page
 * per file), before the files are processed one by one. Without the option every file is its own document.
 *
 * The files' pages are taken in run order (files as resolved, pages in file order). In each group the kept pass
 * takes the position of the group's first member: that page's text is replaced by the kept pass (from whatever
 * file), and every other member is dropped from its file. The group is reported with the file of its first member.
 */
import type { DocPlan } from '../pipeline.js';
import { LineIndex } from '../pipeline.js';
import { dedupePages, type PageRef } from './passes.js';
import { splitPages, type PageMode } from './split.js';

/** One decoded input file. */
export interface AcrossInput {
  file: string;
  text: string;
}

/**
 * Plans the duplicate-pass removal across `docs`.
 * @returns a plan per file name (every file gets one, possibly empty)
 */
export function planAcrossFiles(
  docs: readonly AcrossInput[],
  pageMode: PageMode,
  threshold: number,
  ruleFindings: (text: string) => number,
): Map<string, DocPlan> {
  const refs: PageRef[] = [];
  const owner: Array<{ doc: number; page: number }> = [];
  docs.forEach((d, di) => {
    const lines = new LineIndex(d.text);
    for (const p of splitPages(d.text, pageMode).pages) {
      refs.push({ text: p.text, page: p.index, line: lines.at(p.offset).line, file: d.file });
      owner.push({ doc: di, page: p.index });
    }
  });
  const plans = new Map<string, DocPlan>();
  for (const d of docs) plans.set(d.file, { groups: [], drop: new Map(), replace: new Map(), others: new Map() });
  const where = (i: number) => `${refs[i].file} page ${refs[i].page + 1}`;
  for (const g of dedupePages(refs, threshold, ruleFindings)) {
    const first = g.members[0];
    const firstPlan = plans.get(docs[owner[first].doc].file)!;
    firstPlan.groups.push(g);
    for (const m of g.members) {
      if (m === first) continue;
      plans.get(docs[owner[m].doc].file)!.drop.set(owner[m].page,
        `duplicate pass of ${where(first)} (similarity ${g.similarity.toFixed(2)}); kept ${where(g.kept)}${g.kept === m ? ', moved to the place of the first pass' : ''}: ${g.reason}`);
    }
    firstPlan.others!.set(owner[first].page, g.members.filter((m) => m !== g.kept).map((m) => ({ text: refs[m].text, name: where(m) })));
    if (g.kept !== first) {
      firstPlan.replace.set(owner[first].page, { text: refs[g.kept].text, message: `replaced by the better pass ${where(g.kept)} (similarity ${g.similarity.toFixed(2)}): ${g.reason}` });
    }
  }
  return plans;
}
