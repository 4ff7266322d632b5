/**
 * The confusable-character table (rules/confusables.txt): sets of visually similar CJK characters that OCR reads
 * for one another, each with where the confusion was observed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { RULES_DIR } from '../rules/data.js';

/** For each character, the characters it may be a misreading of (its set-mates), in file order. */
export type ConfusableTable = ReadonlyMap<string, readonly string[]>;

/** The package's table. */
export const CONFUSABLES_FILE = path.join(RULES_DIR, 'confusables.txt');

/**
 * Parses a confusables file: `A B C | where observed` per line, `#` comments, blank lines.
 * @throws Error naming the file and line when a line has fewer than two characters, a token that is not one
 *   CJK character, or no `| source`
 */
export function parseConfusables(text: string, file: string): ConfusableTable {
  const table = new Map<string, string[]>();
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const bar = line.indexOf('|');
    if (bar < 0 || line.slice(bar + 1).trim() === '') throw new Error(`${file}:${i + 1}: expected "A B | where observed"`);
    const chars = line.slice(0, bar).trim().split(/\s+/u);
    if (chars.length < 2) throw new Error(`${file}:${i + 1}: a set needs at least two characters`);
    for (const c of chars) {
      if (!/^\p{Script=Han}$/u.test(c)) throw new Error(`${file}:${i + 1}: "${c}" is not one CJK character`);
    }
    for (const c of chars) {
      const alts = table.get(c) ?? [];
      for (const d of chars) if (d !== c && !alts.includes(d)) alts.push(d);
      table.set(c, alts);
    }
  });
  return table;
}

let table: ConfusableTable | undefined;
/** The package's table, read once. */
export function defaultConfusables(): ConfusableTable {
  return (table ??= parseConfusables(fs.readFileSync(CONFUSABLES_FILE, 'utf8'), CONFUSABLES_FILE));
}
