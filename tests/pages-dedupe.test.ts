import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { main } from '../src/cli/index.js';
import { DEFAULT_OPTIONS } from '../src/options.js';
import { compare, findGroups, MIN_CHARS, OVERRULE_CHARS, overrulesFolios, samePage } from '../src/pages/dedupe.js';
import { folioValue, foliosDisagree, foliosMatch, pageBody, pageFolios } from '../src/pages/folio.js';
import { align, fuse, shape, spots } from '../src/pages/fuse.js';
import { candidatePairs, EXHAUSTIVE_MAX, shingleHashes, signature, squeeze } from '../src/pages/minhash.js';
import { dedupePages } from '../src/pages/passes.js';
import * as quality from '../src/pages/quality.js';
import { bigramKeyOf, countLookalikeBigrams, hasFolio, hasLookalike, lookalikeOddities, symptoms, unmatchedBrackets } from '../src/pages/quality.js';
import { processDocument } from '../src/pipeline.js';
import { clean } from './helpers.js';

/** Deterministic pseudo-random pages built from a small vocabulary (our own words). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}
const WORDS = ['缓存', '索引', '事务', '日志', '副本', '分片', '查询', '写入', '延迟', '吞吐', '节点', '集群', '配置', '监控', '告警',
  '回滚', '快照', '压缩', '校验', '重试', '超时', '队列', '消费者', '生产者', '租约', '选主', '心跳', '版本', '迁移', '备份'];
function page(r: () => number, n = 60): string {
  let out = '';
  for (let i = 0; i < n; i++) out += WORDS[Math.floor(r() * WORDS.length)] + (r() < 0.15 ? '，' : r() < 0.05 ? '。' : '');
  return out + '。';
}
/** A second OCR pass: a few characters misread, spaces inserted. */
function damage(text: string, r: () => number, rate = 0.03): string {
  return Array.from(text).map((c) => (r() < rate ? '口' : c) + (r() < 0.05 ? ' ' : '')).join('');
}

describe('grouping (MinHash/LSH + exact confirmation)', () => {
  it('groups two passes of one page wherever they are in the dump', () => {
    const r = rng(1);
    const pages = Array.from({ length: 8 }, () => page(r));
    const texts = [...pages, damage(pages[2], r), damage(pages[6], r)];
    const groups = findGroups(texts, 0.35).map((g) => g.members);
    expect(groups).toEqual([[2, 8], [6, 9]]);
  });
  it('is order independent', () => {
    const r = rng(2);
    const pages = Array.from({ length: 10 }, () => page(r));
    const texts = [...pages, damage(pages[1], r), damage(pages[7], r), damage(pages[7], r)];
    const perm = texts.map((_, i) => i).reverse();
    const a = findGroups(texts).map((g) => g.members.map((m) => texts[m]).sort());
    const b = findGroups(perm.map((i) => texts[i])).map((g) => g.members.map((m) => texts[perm[m]]).sort());
    expect(new Set(b.map((x) => x.join('|')))).toEqual(new Set(a.map((x) => x.join('|'))));
    expect(a.map((x) => x.length).sort()).toEqual([2, 3]);
  });
  it('does not group pages that share only a running head or an opening sentence', () => {
    const head = '第七章 存储引擎 ';
    const opening = '写入路径先追加日志再更新内存表，';
    const a = head + opening + '随后后台线程把内存表刷成有序文件。';
    const b = head + opening + '读取时则要合并多个层级的文件并过滤删除标记。';
    expect(compare(a, b).jaccard).toBeGreaterThan(0.2);
    expect(findGroups([a, b])).toEqual([]);
    expect(clean(`${a}\f${b}`)).toBe(`${a}\f${b}`);
  });
  it('never groups pages too short to judge, and rejects a threshold outside 0..1', () => {
    expect(findGroups(['短页一', '短页一'])).toEqual([]);
    expect('短页一'.length).toBeLessThan(MIN_CHARS);
    expect(() => findGroups(['a'], 1.5)).toThrow(RangeError);
  });
  it('uses LSH banding above the exhaustive size and still finds the passes', () => {
    const r = rng(3);
    const pages = Array.from({ length: EXHAUSTIVE_MAX + 100 }, () => page(r, 80));
    const texts = [...pages, damage(pages[17], r), damage(pages[450], r)];
    const sigs = texts.map((t) => signature(shingleHashes(squeeze(t))));
    const cands = candidatePairs(sigs, 0.2);
    expect(cands).toContainEqual([17, pages.length]);
    expect(cands.length).toBeLessThan(texts.length); // near-linear: no flood of candidates
    expect(findGroups(texts).map((g) => g.members)).toEqual([[17, pages.length], [450, pages.length + 1]]);
  });
});

describe('folios and page furniture', () => {
  // our own sentences: a chapter on networking with a running head, short bodies and folios
  const head = '计算机网络导论';
  const pageOf = (body: string, folio: string) => `${head}\n\n${body}\n\n${folio}`;
  it('reads folios at the edges: folio lines, a head ending in its folio, N / M, digit lookalikes', () => {
    expect(pageFolios(pageOf('路由器根据目的地址转发分组。', '58'))).toEqual([58]);
    expect(pageFolios('正文一句话。\n\n- 58 -')).toEqual([58]);
    expect(pageFolios('正文一句话。\n\n· 58 ·')).toEqual([58]);
    expect(pageFolios('第 4 章 传输层 58\n\n拥塞窗口随确认到达而增长。')).toEqual([58]);
    expect(pageFolios('58 计算机网络导论\n\n拥塞窗口随确认到达而增长。')).toEqual([58]);
    expect(pageFolios('网络手册 58 / 240 拥塞窗口随确认到达而增长，慢启动阶段呈指数增长。')).toEqual([58]);
    expect(pageFolios('网络手册 58/240 拥塞窗口随确认到达而增长。')).toEqual([58]);
    // a one-page-per-line dump: the folio closes the line
    expect(pageFolios('拥塞窗口随确认到达而增长，慢启动阶段呈指数增长。 58')).toEqual([58]);
    // OCR reads l or I for 1 and O for 0; full-width digits
    expect(pageFolios(pageOf('路由器根据目的地址转发分组。', '5l'))).toEqual([51]);
    expect(pageFolios(pageOf('路由器根据目的地址转发分组。', '1O4'))).toEqual([104]);
    expect(pageFolios(pageOf('路由器根据目的地址转发分组。', '５８'))).toEqual([58]);
    expect(folioValue('lI')).toBeNull(); // no real digit: a word, not a folio
  });
  it('reads no folio where there is none: glued digits, ranges, the page count of N / M, numbers inside the page', () => {
    expect(pageFolios(pageOf('路由器根据目的地址转发分组。', 'Zi'))).toEqual([]);
    expect(pageFolios('端口号共有 65536 个，其中 1024 以下保留给知名服务。')).toEqual([]);
    expect(pageFolios('拥塞窗口随确认到达而增长，见图3')).toEqual([]);
    expect(pageFolios('拥塞窗口随确认到达而增长，见图 3-12')).toEqual([]);
    expect(pageFolios('拥塞窗口随确认到达而增长。网络手册 58 / 240')).toEqual([58]); // 240 is the page count
    expect(pageFolios('在 http://example.com/a/12 上可以下载。')).toEqual([]);
  });
  it('agrees when one reading is common, disagrees only when both carry folios and share none', () => {
    expect(foliosDisagree([58], [59])).toBe(true);
    expect(foliosDisagree([3, 58], [58])).toBe(false);
    expect(foliosDisagree([58], [])).toBe(false);
    expect(foliosDisagree([], [])).toBe(false);
    // a digit lost at either end still agrees; neighbouring pages never do
    expect(foliosMatch(58, 5)).toBe(true);
    expect(foliosMatch(158, 58)).toBe(true);
    expect(foliosMatch(58, 18)).toBe(false);
    for (let n = 0; n < 2000; n++) expect(foliosMatch(n, n + 1)).toBe(false);
  });
  it('takes short first and last lines off the body, never a page\'s only line', () => {
    expect(pageBody(pageOf('路由器根据目的地址转发分组。', '58'))).toBe('路由器根据目的地址转发分组。');
    expect(pageBody('路由器根据目的地址转发分组。')).toBe('路由器根据目的地址转发分组。');
    const long = '交换机'.repeat(25);
    expect(pageBody(`${long}\n${long}`)).toBe(`${long}\n${long}`);
  });
  it('keeps different pages apart when they share a running head and their folios differ', () => {
    const a = pageOf('本节讲解地址解析协议。', '58');
    const b = pageOf('本节讲解地址转换协议。', '59');
    // on its own, the shingle test is fooled: the head dominates such short pages
    expect(compare(a, b).jaccard).toBeGreaterThan(0.35);
    expect(samePage(a, b).same).toBe(false);
    expect(findGroups([a, b])).toEqual([]);
    expect(clean(`${a}\f${b}`)).toBe(`${a}\f${b}`);
    // Traditional characters, three pages in a row
    const t = ['本節講解位址解析協定。', '本節講解位址轉換協定。', '本節講解路由選擇協定。'].map((x, i) => `網路導論\n\n${x}\n\n${101 + i}`);
    expect(findGroups(t)).toEqual([]);
    expect(clean(t.join('\f'))).toBe(t.join('\f'));
  });
  it('with --strip-headers keeps both pages and strips their furniture', () => {
    const a = pageOf('本节讲解地址解析协议。', '58');
    const b = pageOf('本节讲解地址转换协议。', '59');
    expect(clean(`${a}\f${b}`, { stripHeaders: true })).toBe('本节讲解地址解析协议。\f本节讲解地址转换协议。');
  });
  it('still groups passes of one short page: OCR noise with the same folio, a folio read as letters, a folio or a digit of it lost', () => {
    const a = pageOf('路由器根据目的地址查表，再把分组转发到下一跳。', '58');
    const noisy = pageOf('路由器根据目的地址查衰，再把分组转发到下一跳.', '58');
    expect(findGroups([a, noisy]).map((g) => g.members)).toEqual([[0, 1]]);
    expect(findGroups([a, pageOf('路由器根据目的地址查表，再把分组转发到下一跳。', '5B')]).map((g) => g.members)).toEqual([[0, 1]]);
    expect(findGroups([pageOf('路由器根据目的地址查表，再把分组转发到下一跳。', '21'), pageOf('路由器根据目的地址查表，再把分组转发到下一跳。', '2l')]).map((g) => g.members)).toEqual([[0, 1]]);
    expect(findGroups([a, `${head}\n\n路由器根据目的地址查表，再把分组转发到下一跳。`]).map((g) => g.members)).toEqual([[0, 1]]);
    expect(findGroups([a, pageOf('路由器根据目的地址查表，再把分组转发到下一跳。', '5')]).map((g) => g.members)).toEqual([[0, 1]]);
    expect(clean(`${a}\f${noisy}`)).toBe(a);
  });
  it('groups pages without folios as before', () => {
    const a = `${head}\n\n路由器根据目的地址查表，再把分组转发到下一跳。`;
    expect(findGroups([a, a.replace('查表', '查衰')]).map((g) => g.members)).toEqual([[0, 1]]);
    const c = '网络层负责把分组从源主机送到目的主机，路由选择是它的核心功能。';
    expect(findGroups([c, '网络层负责把分组从源主机送到目的主机，拥塞控制由传输层完成。'])).toEqual([]);
  });
  it('lets a long body overrule a misread folio, but not a short one', () => {
    const r = rng(7);
    const body = page(r, 60);
    expect(body.replace(/\s/gu, '').length).toBeGreaterThan(OVERRULE_CHARS);
    // a long page: 72 read as 12 in the second pass
    const a = `${head}\n\n${body}\n\n72`, b = `${head}\n\n${damage(body, r)}\n\n12`;
    expect(overrulesFolios(a, b)).toBe(true);
    expect(findGroups([a, b]).map((g) => g.members)).toEqual([[0, 1]]);
    // a short page with the same misread stays as two pages (nothing is lost)
    const s1 = pageOf('路由器根据目的地址查表，再把分组转发到下一跳。', '72');
    const s2 = pageOf('路由器根据目的地址查表，再把分组转发到下一跳。', '12');
    expect(overrulesFolios(s1, s2)).toBe(false);
    expect(findGroups([s1, s2])).toEqual([]);
  });
  it('never lets a pass without a folio chain two numbered pages into one group', () => {
    const one = pageOf('本节讲解地址解析协议的报文格式。', '58');
    const two = pageOf('本节讲解地址解析协议的报文流程。', '59');
    const bare = `${head}\n\n本节讲解地址解析协议的报文格式。`; // a pass of page 58 that lost its folio
    expect(samePage(bare, one).same).toBe(true);
    expect(samePage(bare, two).same).toBe(true);
    expect(samePage(one, two).same).toBe(false);
    for (const texts of [[one, two, bare], [bare, two, one], [two, bare, one]]) {
      const groups = findGroups(texts).map((g) => g.members.map((m) => texts[m]).sort());
      expect(groups).toEqual([[bare, one].sort()]);
    }
  });
});

describe('choosing the kept pass', () => {
  const opts = { ...DEFAULT_OPTIONS };
  it('keeps the pass with fewer OCR symptoms and puts it at the first member\'s place', () => {
    const good = '分布式事务需要两阶段提交，协调者先询问所有参与者能否提交，再统一下达提交或回滚的指令。';
    const spaced = Array.from(good).join(' ');
    const other = '第二页讲述副本之间的日志复制，以及领导者失效以后如何重新选出新的领导者继续服务。';
    const out = processDocument(`${spaced}\f${other}\f${good}`, opts, { ignore: [] });
    expect(out.output).toBe(`${good}\f${other}`);
    expect(out.groups).toHaveLength(1);
    expect(out.groups[0].detail?.find((d) => d.kept)?.page).toBe(2);
    expect(out.groups[0].reason).toMatch(/letter-spacing/);
  });
  it('judges a lookalike CJK character by the rest of the document, not by the string', () => {
    const p1 = '系统己经启动了全部的后台服务，可以开始接收外部请求并写入日志。';
    const p2 = '系统已经启动了全部的后台服务，可以开始接收外部请求并写入日志。';
    const elsewhere = '迁移工作已经完成，旧的集群已经下线，新的集群已经接管全部流量。';
    const groups = dedupePages([p1, p2, elsewhere].map((text, i) => ({ text, page: i, line: i + 1 })), 0.35, () => 0);
    expect(groups[0].kept).toBe(1);
    expect(groups[0].detail?.[0].findings?.lookalike).toBe(1);
  });
  it('counts Latin words that neither a sibling pass nor the rest of the document attests', () => {
    const { unattestedLatin } = quality;
    const a = '使用 Kafka 作为消息队列，QRX 消费者按分区读取。';
    const b = '使用 Kafka 作为消息队列，每个消费者按分区读取。';
    const res = unattestedLatin([a, b], (w) => (w === 'Kafka' ? 3 : 0));
    expect(res.map((r) => r.n)).toEqual([1, 0]);
    expect(res[0].examples).toEqual(['QRX']);
  });
  it('falls back on the more frequent lookalike when the document gives no evidence', () => {
    const odd = lookalikeOddities(['我们展望末来的发展', '我们展望未来的发展'], new Map());
    expect(odd.map((o) => o.n)).toEqual([1, 0]);
  });
  it('counts OCR symptoms, brackets and folios', () => {
    expect(symptoms('数 据 库')['letter-spacing']).toBe(2);
    expect(symptoms('索引      重建')['space-run']).toBe(1);
    expect(symptoms('日志 © 文件')['stray-symbol']).toBe(1);
    expect(unmatchedBrackets('函数（参数) 与 [1]')).toBe(0);
    expect(unmatchedBrackets('函数（参数 与 [1')).toBe(2);
    expect(hasFolio('正文结束。 37')).toBe(true);
    expect(hasFolio('正文结束。')).toBe(false);
  });
});

describe('fusion', () => {
  it('aligns within a band and finds the disagreement spots', () => {
    const a = Array.from('缓存命中率下降'), b = Array.from('缓存命中卒下降了');
    expect(spots(align(a, b))).toEqual([{ aFrom: 4, aTo: 5, bFrom: 4, bTo: 5 }, { aFrom: 7, aTo: 7, bFrom: 7, bTo: 8 }]);
  });
  it('takes the other pass\'s reading where it has fewer anomalies and reports each spot', () => {
    const base = '调用接口时传入参数 © 并检查返回值，失败时按退避策略重试三次。';
    const other = '调用接口时传入参数，并检查返回值，失败时按退避策略重试三次。';
    const edits = fuse(base, [{ text: other, name: 'page 2' }], (t) => Object.values(symptoms(t)).reduce((x, y) => x + y, 0));
    expect(edits).toHaveLength(1);
    expect(edits[0].message).toMatch(/page 2/);
    const doc = processDocument(`${base}\f${other}`, { ...DEFAULT_OPTIONS, fuse: true }, { ignore: [] });
    expect(doc.output).toBe(other);
  });
  it('never swaps a CJK reading for Latin letters', () => {
    expect(shape('系统')).toBe('CC');
    const base = '系统参数在启动时读取，然后缓存起来供后续使用。';
    const other = '系统参数在启动时读取，然后AR起来供后续使用。';
    expect(fuse(base, [{ text: other, name: 'p' }], () => 0)).toEqual([]);
  });
});

describe('within one page', () => {
  it('a page repeated back to back becomes one copy in the pipeline', () => {
    const p = '本页介绍索引的维护方式，包括重建与增量更新。';
    expect(clean(`${p}\n\n${p}`)).toBe(p);
  });
});

describe('--dedupe-across-files', () => {
  const sink = () => {
    const chunks: string[] = [];
    const w = new Writable({ write(c, _e, cb) { chunks.push(String(c)); cb(); } });
    return { w, text: () => chunks.join('') };
  };
  it('groups passes stored in different files only when asked', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocrtidy-across-'));
    const good = '快照隔离让每个事务看到一致的数据版本，写写冲突在提交时检测并回滚其中一个事务。';
    fs.writeFileSync(path.join(dir, 'a.txt'), Array.from(good).join(' '));
    fs.writeFileSync(path.join(dir, 'b.txt'), good);
    fs.writeFileSync(path.join(dir, 'c.txt'), '另一页：日志结构合并树把随机写变成顺序写，代价是读放大与后台合并。');
    const run = async (extra: string[]) => {
      const out = path.join(dir, `out${extra.length}`);
      const o = sink(), e = sink();
      const code = await main(['node', 'ocrtidy', 'clean', '-q', ...extra, '--out-dir', out, 'a.txt', 'b.txt', 'c.txt'], { stdout: o.w as never, stderr: e.w, cwd: dir });
      return { code, read: (f: string) => fs.readFileSync(path.join(out, f), 'utf8') };
    };
    const prev = process.cwd();
    process.chdir(dir);
    try {
      const plain = await run([]);
      expect(plain.code).toBe(0);
      expect(plain.read('b.txt')).toBe(good);
      const across = await run(['--dedupe-across-files']);
      expect(across.code).toBe(0);
      expect(across.read('a.txt')).toBe(good);
      expect(across.read('b.txt')).toBe('');
      expect(across.read('c.txt')).toMatch(/^另一页/);
    } finally {
      process.chdir(prev);
    }
  });
});

describe('report', () => {
  it('json groups carry every pass with page, line, similarity, quality and which was kept', async () => {
    const { formatJson } = await import('../src/report/formats.js');
    const good = '容器镜像按层存储，相同的层只保存一份，拉取时只下载本地缺少的层。';
    const other = '另一页：编排系统根据声明的期望状态不断调和实际状态，直到两者一致。';
    const res = processDocument(`${Array.from(good).join(' ')}\n${other}\n${good}`, { ...DEFAULT_OPTIONS, pages: 'line' }, { ignore: [] });
    const json = JSON.parse(formatJson({ command: 'check', seconds: 0, files: [{ file: 'd.txt', status: 'changed', groups: res.groups, edits: res.edits }] }));
    const g = json.files[0].groups[0];
    expect(g.passes.map((p: { line: number; kept: boolean }) => [p.line, p.kept])).toEqual([[1, false], [3, true]]);
    expect(g.passes[0].similarity).toBeGreaterThan(0.9);
    expect(g.passes[0].findings['letter-spacing']).toBeGreaterThan(0);
    expect(g.reason).toMatch(/page 3 \(line 3\)/);
    expect(res.edits.filter((e) => e.rule === 'pages/duplicate-pass').map((e) => e.line)).toEqual([1, 3]);
  });
});

describe('inline report of fused spots', () => {
  it('lists each fused spot as an edit line next to the group', async () => {
    const { formatInline } = await import('../src/report/inline.js');
    const base = '调用接口时传入参数 © 并检查返回值，失败时按退避策略重试三次，然后记录日志。';
    const other = '调用接口时传入参数，并检查返回值，失败时按退避策略重试三次 ¢ 然后记录日志。';
    const text = `${base}\f${other}`;
    const res = processDocument(text, { ...DEFAULT_OPTIONS, fuse: true }, { ignore: [] });
    const fused = res.edits.filter((e) => e.message?.startsWith('fused:'));
    expect(fused.length).toBeGreaterThan(0);
    const out = formatInline({ command: 'check', seconds: 0, files: [{ file: 'd.txt', status: 'changed', groups: res.groups, edits: res.edits, original: text, output: res.output }] }, false);
    expect(out.split('\n').filter((l) => l.includes('fused:'))).toHaveLength(fused.length);
    expect(res.output).not.toMatch(/[©¢]/u);
  });
});

describe('lookalike bigram counts', () => {
  it('counts the bigrams that hold a lookalike, across spaces and next to astral characters, and takes them back', () => {
    const counts = new Map<number, number>();
    countLookalikeBigrams('数 字写好，𠀀字', counts);
    // 数字, 字写, and 𠀀字 (a lookalike after an extension-B character); 写好, 好， and ，𠀀 hold no lookalike
    expect(counts.get(bigramKeyOf('数字'))).toBe(1);
    expect(counts.get(bigramKeyOf('字写'))).toBe(1);
    expect(counts.get(bigramKeyOf('𠀀字'))).toBe(1);
    expect(counts.has(bigramKeyOf('写好'))).toBe(false);
    expect(counts.size).toBe(3);
    countLookalikeBigrams('数 字写好，𠀀字', counts, -1);
    expect([...counts.values()].every((v) => v === 0)).toBe(true);
  });

  it('finds a lookalike anywhere in a page, and none in a page without one', () => {
    expect(hasLookalike('这一页到最后才有一个宇')).toBe(true);
    expect(hasLookalike('这页写好了')).toBe(false);
  });
});

describe('unmatchedBrackets by code unit', () => {
  // the stack of bracket families by characters, as first written: the reference
  const OPEN: Record<string, string> = { '(': 'r', '（': 'r', '[': 's', '【': 's', '〔': 's', '〈': 'a', '《': 'a', '{': 'c' };
  const CLOSE: Record<string, string> = { ')': 'r', '）': 'r', ']': 's', '】': 's', '〕': 's', '〉': 'a', '》': 'a', '}': 'c' };
  const reference = (text: string): number => {
    const stack: string[] = [];
    let bad = 0;
    for (const ch of text) {
      if (OPEN[ch]) stack.push(OPEN[ch]);
      else if (CLOSE[ch]) {
        const i = stack.lastIndexOf(CLOSE[ch]);
        if (i < 0) bad++;
        else {
          bad += stack.length - 1 - i;
          stack.length = i;
        }
      }
    }
    return bad + stack.length;
  };
  it('counts as the character-by-character stack does, whatever the mix of widths, families and astral text', () => {
    const piece = fc.constantFrom(...'()（）[]【】〔〕〈〉《》{}「」〖〗', '字', 'a', ' ', '𠀀', '\uD800', '〇');
    fc.assert(fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
      const t = parts.join('');
      expect(unmatchedBrackets(t)).toBe(reference(t));
    }));
  });
});
