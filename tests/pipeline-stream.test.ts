/**
 * The pipeline's long-dump paths: the cleaned text handed over page by page (`sink`), edits only counted
 * (`keepEdits: false`), and the kept pages' rules shared with another runner (processDocumentShared). Each must
 * give exactly what the plain run gives.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, type Options } from '../src/options.js';
import { processDocument, processDocumentShared, type PageBatchRunner, type EditTally } from '../src/pipeline.js';
import { activeRules, ruleFindings } from '../src/pipeline.js';
import { pageSignature } from '../src/pages/dedupe.js';
import { runRules } from '../src/rules/runner.js';
import { makeDump, makePage } from './cli-helpers.js';

const data = { ignore: [] };
const opts = (o: Partial<Options> = {}): Options => ({ ...DEFAULT_OPTIONS, ...o });

/** Counts a plain run's edits per rule. */
function countOf(edits: ReadonlyArray<{ rule: string; status: string }>): EditTally {
  const m: EditTally = new Map();
  for (const e of edits) {
    const c = m.get(e.rule) ?? { fix: 0, suggest: 0, heldBack: 0 };
    if (e.status === 'applied') c.fix++;
    else if (e.status === 'suggested') c.suggest++;
    else c.heldBack++;
    m.set(e.rule, c);
  }
  return m;
}

// a dump with a duplicated page (a letter-spaced pass of page 2 after page 4), pages moved and dropped
const pages = Array.from({ length: 6 }, (_, i) => makePage(50 + i, 300));
const spaced = Array.from(pages[1]).join(' ');
const dump = [pages[0], pages[1], pages[2], pages[3], spaced, pages[4], pages[5]].join('\n') + '\n';

describe('sink and keepEdits', () => {
  it('hands over the same text page by page, in order, and says whether it changed', () => {
    const plain = processDocument(dump, opts(), data);
    const chunks: string[] = [];
    const streamed = processDocument(dump, opts(), data, undefined, { sink: (c) => chunks.push(c) });
    expect(streamed.output).toBe('');
    expect(chunks.join('')).toBe(plain.output);
    expect(chunks.length).toBeGreaterThan(plain.pagesOut - 1);
    expect(streamed.changed).toBe(true);
    expect(plain.pagesOut).toBe(6);
  });

  it('counts the same edits per rule without listing them', () => {
    const plain = processDocument(dump, opts(), data);
    const counted = processDocument(dump, opts(), data, undefined, { keepEdits: false });
    expect(counted.edits).toEqual([]);
    expect(counted.tally).toEqual(countOf(plain.edits));
    expect(plain.tally).toEqual(countOf(plain.edits));
    expect(counted.tally.get('pages/duplicate-pass')?.fix).toBe(1);
    expect(counted.output).toBe(plain.output);
  });

  it('reports no change for text already in house style, and a change when only a page is dropped', () => {
    const tidy = '第一页的正文写得很整齐。\n第二页也是一样，没有错误。\n';
    const r = processDocument(tidy, opts({ pages: 'line' }), data, undefined, { sink: () => undefined });
    expect(r.changed).toBe(false);
    const twice = `${pages[0]}\n${pages[0]}\n`;
    const chunks: string[] = [];
    const d = processDocument(twice, opts(), data, undefined, { sink: (c) => chunks.push(c) });
    expect(chunks.join('')).toBe(processDocument(twice, opts(), data).output);
    expect(d.changed).toBe(true);
  });
});

describe('processDocumentShared', () => {
  /** Another runner, as a worker thread would be: the same rules, with the states it is given, later. */
  const elsewhere = (o: Options, calls: number[][]): PageBatchRunner => async (batch, states) => {
    const active = activeRules(o).map((a) => ({ ...a, state: states[a.rule.id] }));
    calls.push([batch.length]);
    await new Promise((r) => setTimeout(r, 1));
    return batch.map((p) => runRules(p.text, active, { style: { spacing: o.spacing, punctuation: o.punctuation }, data, layout: p.layout }));
  };
  const big = makeDump(40, 400, 7);

  for (const batchChars of [1, 900, 1 << 18]) {
    it(`gives the same text, edits and groups as processDocument (batches of ~${batchChars} code units)`, async () => {
      const o = opts();
      const plain = processDocument(big + dump, o, data);
      const calls: number[][] = [];
      const shared = await processDocumentShared(big + dump, o, data, elsewhere(o, calls), {}, 2, batchChars);
      expect(shared.output).toBe(plain.output);
      expect(shared.edits).toEqual(plain.edits);
      expect(shared.groups).toEqual(plain.groups);
      expect(shared.tally).toEqual(plain.tally);
      if (batchChars < 1 << 18) expect(calls.length).toBeGreaterThan(0); // the other side did take batches
    });
  }

  it('runs a failed batch here, so nothing is lost', async () => {
    const o = opts();
    const plain = processDocument(big, o, data);
    const failing: PageBatchRunner = async () => {
      throw new Error('worker went away');
    };
    const chunks: string[] = [];
    const shared = await processDocumentShared(big, o, data, failing, { sink: (c) => chunks.push(c), keepEdits: false }, 1, 500);
    expect(chunks.join('')).toBe(plain.output);
    expect(shared.tally).toEqual(plain.tally);
  });

  it('merges counts sent back in place of edits', async () => {
    const o = opts();
    const plain = processDocument(big, o, data);
    const counting: PageBatchRunner = async (batch, states) => {
      const out = await elsewhere(o, [])(batch, states);
      return out.map((r) => ({ text: r.text, edits: [], tally: countOf(r.edits) }));
    };
    const shared = await processDocumentShared(big, o, data, counting, { keepEdits: false }, 1, 500);
    expect(shared.output).toBe(plain.output);
    expect(shared.tally).toEqual(plain.tally);
  });

  it('finds the same groups with signatures and rule findings computed elsewhere, or here when that fails', async () => {
    const o = opts();
    const text = big + dump;
    const plain = processDocument(text, o, data);
    const asked: string[] = [];
    const help = {
      signatures: async (texts: string[]) => {
        asked.push(`signatures ${texts.length}`);
        return texts.map(pageSignature);
      },
      findings: async (texts: string[]) => {
        asked.push(`findings ${texts.length}`);
        return texts.map((t) => ruleFindings(t, o, data));
      },
    };
    const shared = await processDocumentShared(text, o, data, elsewhere(o, []), {}, 1, 1 << 18, help);
    expect(shared.groups).toEqual(plain.groups);
    expect(shared.output).toBe(plain.output);
    expect(asked.some((a) => a.startsWith('signatures '))).toBe(true);
    expect(asked).toContain('findings 1'); // the group has two passes: one is scored here, one there
    const broken = { signatures: async () => Promise.reject(new Error('gone')), findings: async () => [] as number[] };
    const fallback = await processDocumentShared(text, o, data, elsewhere(o, []), {}, 1, 1 << 18, broken);
    expect(fallback.groups).toEqual(plain.groups);
    expect(fallback.output).toBe(plain.output);
  });

  it('treats a batch answered with the wrong number of pages as failed, and runs it here', async () => {
    const o = opts();
    const plain = processDocument(big, o, data);
    const short: PageBatchRunner = async (batch, states) => (await elsewhere(o, [])(batch, states)).slice(1);
    const shared = await processDocumentShared(big, o, data, short, {}, 1, 500);
    expect(shared.output).toBe(plain.output);
    expect(shared.edits).toEqual(plain.edits);
  });

  it('keeps every batch here when the per-document states are too large to send with each batch', async () => {
    const o = opts({ stripHeaders: true });
    const text = Array.from({ length: 1200 }, (_, i) => `书名 第一部分\n\n${makePage(900 + i, 900)}\n\n书名 第一部分`).join('\f');
    const plain = processDocument(text, o, data);
    const calls: number[][] = [];
    const shared = await processDocumentShared(text, o, data, elsewhere(o, calls), {}, 1, 5000);
    expect(shared.output).toBe(plain.output);
    expect(plain.tally.get('pages/running-head')?.fix).toBeGreaterThan(1000); // the state names most pages
    expect(calls).toEqual([]);
  });
});
