/**
 * `pages/duplicate-pass`: groups pages of one document that are passes of the same printed page and picks the
 * pass to keep.
 *
 * Similarity is the Jaccard index of the pages' character 3-gram sets with all whitespace removed (Chinese has no
 * word spaces). Two pages that only share a running head or an opening sentence have a low index, since the rest
 * of their shingles differ.
 */
import type { Page } from './split.js';

/** A group of passes of one printed page. Page indexes are 0-based indexes into the split document. */
export interface PassGroup {
  members: number[];
  kept: number;
  /** Lowest pairwise similarity between the kept page and the others (0..1). */
  similarity: number;
  /** Why the kept pass was chosen. */
  reason: string;
}

export interface GroupOptions {
  /** Minimum Jaccard similarity of shingle sets. */
  threshold: number;
  /** Quality of a pass, higher is better. */
  quality: (text: string) => number;
}

/** Character shingle size. */
export const SHINGLE = 3;
/** Pages with fewer non-space characters than this are never grouped (too little evidence). */
export const MIN_CHARS = 20;

/** The set of character n-grams of `text` with whitespace removed. */
export function shingles(text: string, n = SHINGLE): Set<string> {
  const chars = Array.from(text.replace(/\s+/gu, ''));
  const out = new Set<string>();
  for (let i = 0; i + n <= chars.length; i++) out.add(chars.slice(i, i + n).join(''));
  return out;
}

/** Jaccard index of two sets. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  const [small, big] = a.size < b.size ? [a, b] : [b, a];
  for (const x of small) if (big.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/**
 * Groups duplicate passes among `pages` (pairwise; union-find over pairs above the threshold).
 * @returns groups of two or more members, members sorted by page index
 */
export function groupPasses(pages: readonly Page[], opts: GroupOptions): PassGroup[] {
  const eligible = pages.filter((p) => p.text.replace(/\s+/gu, '').length >= MIN_CHARS);
  const sh = eligible.map((p) => shingles(p.text));
  const parent = eligible.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const sim = new Map<string, number>();
  for (let i = 0; i < eligible.length; i++) {
    for (let j = i + 1; j < eligible.length; j++) {
      const s = jaccard(sh[i], sh[j]);
      if (s >= opts.threshold) {
        sim.set(`${i},${j}`, s);
        parent[find(j)] = find(i);
      }
    }
  }
  const byRoot = new Map<number, number[]>();
  eligible.forEach((_, i) => {
    const r = find(i);
    byRoot.set(r, [...(byRoot.get(r) ?? []), i]);
  });
  const groups: PassGroup[] = [];
  for (const members of byRoot.values()) {
    if (members.length < 2) continue;
    const scored = members.map((i) => ({ i, q: opts.quality(eligible[i].text) }));
    // best quality first; ties keep the earlier pass
    scored.sort((a, b) => b.q - a.q || a.i - b.i);
    const best = scored[0].i;
    let similarity = 1;
    for (const m of members) if (m !== best) similarity = Math.min(similarity, jaccard(sh[best], sh[m]));
    groups.push({
      members: members.map((i) => eligible[i].index).sort((a, b) => a - b),
      kept: eligible[best].index,
      similarity,
      reason: `fewest rule findings (${scored.map((s) => `page ${eligible[s.i].index + 1}: ${(-s.q).toFixed(2)}/100 chars`).join(', ')})`,
    });
  }
  return groups.sort((a, b) => a.members[0] - b.members[0]);
}
