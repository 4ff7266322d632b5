/**
 * Helpers shared by the report formats: page layout of a reported file, end positions of edits, rule metadata,
 * and small text utilities. Pure; no I/O except reading the package version once.
 *
 * Units: offsets are UTF-16 code units into the decoded original document (LF line endings, BOM removed);
 * lines and columns are 1-based, columns in UTF-16 code units.
 */
import fs from 'node:fs';
import { LineIndex, type DocEdit } from '../pipeline.js';
import { splitPages, type PageMode } from '../pages/split.js';
import { RULES } from '../rules/index.js';
import type { Level } from '../types.js';
import type { FileReport } from './model.js';

/** Metadata of a rule as the reports show it. */
export interface RuleMeta {
  id: string;
  description: string;
  defaultLevel: Level;
  example: { before: string; after: string };
  source: string;
}

/** `pages/duplicate-pass` is done by the page stage, not by a registry rule; this is its metadata. */
export const DUPLICATE_PASS: RuleMeta = {
  id: 'pages/duplicate-pass',
  description: 'A page that is a second OCR pass of another page of the same file is dropped; the better pass is kept.',
  defaultLevel: 'fix',
  example: { before: 'page 1: 第二章基础介绍 …\npage 2: 第二章 基础介绍 …', after: 'page 2: 第二章 基础介绍 …' },
  source: 'observed in OCR dumps: the same printed page scanned or recognised twice',
};

/** Every rule the reports may name: the registry in pipeline order, then the page stage's rule. */
export function allRules(): RuleMeta[] {
  const list: RuleMeta[] = RULES.map((r) => ({ id: r.id, description: r.description, defaultLevel: r.defaultLevel, example: r.example, source: r.source }));
  if (!list.some((r) => r.id === DUPLICATE_PASS.id)) list.push(DUPLICATE_PASS);
  return list;
}

let version: string | undefined;
/** The package version (read once from package.json next to dist/). */
export function toolVersion(): string {
  if (version === undefined) {
    try {
      version = (JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
    } catch {
      version = '0.0.0';
    }
  }
  return version;
}

/** A page of a reported file, as the json and html formats list it. */
export interface PageInfo {
  /** 0-based index of the page in the input. */
  index: number;
  /** Offset of the page's first character and its length (without the separator), in UTF-16 code units. */
  offset: number;
  length: number;
  /** 1-based line of the page's first character in the original. */
  line: number;
  /** False when the page was dropped as a duplicate pass. */
  kept: boolean;
  /** For a dropped page: the index of the page kept in its place. */
  duplicateOf?: number;
}

/** The pages of a file report, re-split from its original text with the mode the run used. */
export function pagesOf(f: FileReport): Array<PageInfo & { text: string }> {
  if (f.original === undefined) return [];
  const mode = (f.pageMode ?? 'auto') as PageMode;
  const dropped = new Map<number, number>();
  for (const g of f.groups) for (const m of g.members) if (m !== g.kept) dropped.set(m, g.kept);
  const lines = lineIndex(f);
  return splitPages(f.original, mode).pages.map((p) => ({
    index: p.index,
    offset: p.offset,
    length: p.text.length,
    line: lines.at(p.offset).line,
    kept: !dropped.has(p.index),
    ...(dropped.has(p.index) ? { duplicateOf: dropped.get(p.index) } : {}),
    text: p.text,
  }));
}

const indexes = new WeakMap<FileReport, LineIndex>();
/** The line index of a file's original text (built once per report). */
export function lineIndex(f: FileReport): LineIndex {
  let ix = indexes.get(f);
  if (!ix) {
    ix = new LineIndex(f.original ?? '');
    indexes.set(f, ix);
  }
  return ix;
}

/** 1-based end line and end column (exclusive: the column just after the edit's last character) of an edit. */
export function endOf(f: FileReport, e: DocEdit): { endLine: number; endColumn: number } {
  const p = lineIndex(f).at(e.endOffset);
  return { endLine: p.line, endColumn: p.column };
}

/** True when the edit's `before` is exactly the original text at its range, so it can be replayed on the file. */
export function replayable(f: FileReport, e: DocEdit): boolean {
  return f.original !== undefined && f.original.slice(e.offset, e.endOffset) === e.before;
}

/** Shows line breaks and form feeds as visible symbols, so a change fits on one report line. */
export const oneLine = (s: string): string => s.replace(/\r/g, '␍').replace(/\n/g, '⏎').replace(/\f/g, '␌');

/** Clips `s` to `max` code points, with an ellipsis on the clipped side. */
export function clip(s: string, max: number, fromEnd = false): string {
  const chars = Array.from(s);
  if (chars.length <= max) return s;
  return fromEnd ? '…' + chars.slice(-max).join('') : chars.slice(0, max).join('') + '…';
}

/**
 * A short human description of an edit for annotations: the rule's message (when it has one) and the change in a
 * few characters of context, `…pre[-old-]{+new+}post…`.
 */
export function describeEdit(e: DocEdit, src: string): string {
  const change = wordDiff(src, e, 8);
  const held = e.status === 'held-back' ? ' (held back: overlaps another edit of the same rule)' : '';
  return (e.message ? `${e.message}: ${change}` : change) + held;
}

/** `…pre[-old-]{+new+}post…` for one edit (line breaks shown as ⏎). */
export function wordDiff(src: string, e: DocEdit, context = 12): string {
  const pre = oneLine(clip(src.slice(Math.max(0, e.offset - context * 2), e.offset), context, true));
  const post = oneLine(clip(src.slice(e.endOffset, e.endOffset + context * 2), context));
  const del = e.before ? `[-${oneLine(clip(e.before, 60))}-]` : '';
  const ins = e.after ? `{+${oneLine(clip(e.after, 60))}+}` : '';
  return `${pre}${del}${ins}${post}`;
}
