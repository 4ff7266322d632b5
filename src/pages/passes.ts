/**
 * Duplicate passes end to end: group (dedupe.ts), score each member (quality.ts plus the rules' findings) and choose
 * the pass to keep. Used for one document (pipeline.ts) and across the files of a run (`--dedupe-across-files`).
 */
import { collectGarbage } from '../io/memory.js';
import { findGroups, pairSimilarity, type GroupMember, type PassGroup, type RawGroup } from './dedupe.js';
import { BigramTable, ChosenBigrams, countLookalikeBigrams, hasFolio, hasLookalike, judgeSpots, latinWords, lookalikeSpots, spotBigrams, squeezedUnits, symptoms, unattestedAmong, unsharedWords, WordCounter } from './quality.js';

/** A page offered to grouping. */
export interface PageRef {
  text: string;
  /** Index of the page in its file (0-based). */
  page: number;
  /** 1-based line of the page's first character in its file. */
  line: number;
  /** The file, when grouping across files. */
  file?: string;
}

/** Weight of a missing folio when a sibling pass has one. */
const NO_FOLIO = 2;

/**
 * Groups the passes among `refs` and chooses the kept pass of each group.
 * @param refs pages in dump order (across files: files in run order, pages in file order)
 * @param threshold minimum similarity (see dedupe.ts)
 * @param ruleFindings number of edits the active rules would make on a text (fix + suggest)
 * @param given the groups of {@link findGroups} over the same texts, when they were found already
 * @returns groups whose `members` and `kept` are indexes into `refs`; the detail names file, page and line
 */
export function dedupePages(refs: readonly PageRef[], threshold: number, ruleFindings: (text: string) => number, given?: RawGroup[]): PassGroup[] {
  const texts = refs.map((r) => r.text);
  const raw = given ?? findGroups(texts, threshold);
  if (raw.length === 0) return [];
  // a long dump: the shingles and signatures are garbage now, before the passes are scored (io/memory.ts)
  if (texts.length > 1000) collectGarbage();
  // Latin words: only the words a pass has and its siblings do not are ever looked up in the rest of the document
  // (unattestedLatin), so only they are counted over all pages
  const unshared = raw.map((g) => unsharedWords(g.members.map((i) => latinWords(texts[i]))));
  const words = new WordCounter(unshared.flat());
  for (const t of texts) words.addText(t);
  // lookalike spots of each group's passes, and the document evidence for them: counts over all pages of the
  // bigrams that judging the spots asks for, minus the group's own pages
  const spots = raw.map((g) => {
    const memberTexts = g.members.map((i) => texts[i]);
    return memberTexts.some(hasLookalike) ? lookalikeSpots(memberTexts) : undefined;
  });
  const asked = spotBigrams(spots.flatMap((s) => s ?? []));
  const all = new ChosenBigrams(asked);
  if (asked.length) for (const t of texts) all.addText(t);
  const own = new BigramTable();
  const groups: PassGroup[] = [];
  for (const [gi, g] of raw.entries()) {
    const memberTexts = g.members.map((i) => texts[i]);
    let odd: Array<{ n: number; examples: string[] }> = memberTexts.map(() => ({ n: 0, examples: [] }));
    const groupSpots = spots[gi];
    if (groupSpots && groupSpots.some((s) => s.length > 0)) {
      own.clear();
      for (const t of memberTexts) countLookalikeBigrams(t, own);
      odd = judgeSpots(groupSpots, { get: (key) => all.get(key) - (own.get(key) ?? 0) });
    }
    // a word of one pass only: its count in the group is its count in that pass's list
    const ownWords = new Map<string, number>();
    for (const list of unshared[gi]) for (const w of list) ownWords.set(w, (ownWords.get(w) ?? 0) + 1);
    const latin = unattestedAmong(unshared[gi], (w) => words.get(w) - ownWords.get(w)!);
    const folios = memberTexts.map(hasFolio);
    const anyFolio = folios.some(Boolean);
    const scored = g.members.map((idx, k) => {
      const t = texts[idx];
      const findings: Record<string, number> = { ...symptoms(t) };
      const rules = ruleFindings(t);
      if (rules) findings.rules = rules;
      if (odd[k].n) findings.lookalike = odd[k].n;
      if (latin[k].n) findings['unattested-latin'] = latin[k].n;
      if (anyFolio && !folios[k]) findings['no-page-number'] = NO_FOLIO;
      const total = Object.values(findings).reduce((a, b) => a + b, 0);
      const chars = Math.max(1, squeezedUnits(t));
      return { idx, k, findings, quality: -(100 * total) / chars, examples: [...odd[k].examples, ...latin[k].examples] };
    });
    // best quality first; ties keep the earlier pass
    const ranked = [...scored].sort((a, b) => b.quality - a.quality || a.idx - b.idx);
    const best = ranked[0];
    const detail: GroupMember[] = scored.map((s) => ({
      page: refs[s.idx].page,
      line: refs[s.idx].line,
      ...(refs[s.idx].file !== undefined ? { file: refs[s.idx].file } : {}),
      similarity: s.idx === best.idx ? 1 : pairSimilarity(g, texts, best.idx, s.idx),
      quality: Number(s.quality.toFixed(3)),
      findings: s.findings,
      kept: s.idx === best.idx,
    }));
    const similarity = Math.min(...detail.filter((d) => !d.kept).map((d) => d.similarity));
    groups.push({ members: g.members, kept: best.idx, similarity, reason: reasonText(ranked, refs), detail });
  }
  return groups;
}

const where = (r: PageRef) => `${r.file ? `${r.file} ` : ''}page ${r.page + 1} (line ${r.line})`;
const describe = (f: Record<string, number>) => {
  const parts = Object.entries(f).filter(([, v]) => v > 0).map(([k, v]) => `${k} ${Number(v.toFixed(2))}`);
  return parts.length ? parts.join(', ') : 'no anomalies';
};

function reasonText(
  ranked: ReadonlyArray<{ idx: number; quality: number; findings: Record<string, number>; examples: string[] }>,
  refs: readonly PageRef[],
): string {
  const [best, ...rest] = ranked;
  const tie = rest.length > 0 && rest[0].quality === best.quality;
  const head = tie ? `equal quality, kept the first pass` : `fewest anomalies per 100 characters`;
  const list = ranked
    .map((s) => `${where(refs[s.idx])}: ${(-s.quality).toFixed(2)}/100 chars [${describe(s.findings)}${s.examples.length ? `: ${s.examples.join(' ')}` : ''}]`)
    .join('; ');
  return `${head} (${list})`;
}
