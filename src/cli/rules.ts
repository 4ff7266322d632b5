/**
 * `ocrtidy rules [ID] [--json]`: every rule with its id, level, what it fixes and an example, or one rule
 * explained (description, level, source, example, how to set it).
 */
import { oneLine } from '../report/common.js';
import { PSEUDO_RULES } from '../config.js';
import type { Options } from '../options.js';
import { RULES } from '../rules/index.js';
import type { Level } from '../types.js';

/** What `rules` shows of a rule. */
export interface RuleInfo {
  id: string;
  description: string;
  defaultLevel: Level;
  /** The level in this run (config file and --rule applied). */
  level: Level;
  example: { before: string; after: string };
  source: string;
  editsProtected: boolean;
}

/** Steps with a rule id that are not text rules (listed so that every id in a report is explained). */
const PSEUDO_INFO: Record<string, Omit<RuleInfo, 'level'>> = {
  'pages/duplicate-pass': {
    id: 'pages/duplicate-pass',
    description: 'The same printed page OCR\'d twice: keep the better pass and report the group (off with --no-dedupe).',
    defaultLevel: 'fix',
    example: { before: 'page 7 (pass 1) ... page 7 (pass 2)', after: 'page 7 (the better pass)' },
    source: 'observed in OCR dumps: scanners and OCR runs emit a page once per pass',
    editsProtected: true,
  },
};

/** Every rule in pipeline order, then the pseudo rules not (yet) in the registry. */
export function ruleInfos(options: Pick<Options, 'rules'>): RuleInfo[] {
  const list: Array<Omit<RuleInfo, 'level'>> = RULES.map((r) => ({
    id: r.id, description: r.description, defaultLevel: r.defaultLevel, example: r.example, source: r.source,
    editsProtected: Boolean(r.editsProtected),
  }));
  for (const id of PSEUDO_RULES) if (!list.some((r) => r.id === id) && PSEUDO_INFO[id]) list.push(PSEUDO_INFO[id]);
  return list.map((r) => ({ ...r, level: options.rules[r.id] ?? r.defaultLevel }));
}

const levelText = (r: RuleInfo) => (r.level === r.defaultLevel ? r.level : `${r.level} (default ${r.defaultLevel})`);

/** The plain-text listing: one block of two lines per rule. */
export function formatRuleList(infos: readonly RuleInfo[]): string {
  const w = Math.max(...infos.map((r) => r.id.length)) + 2;
  const lw = Math.max(...infos.map((r) => levelText(r).length)) + 2;
  const pad = ''.padEnd(w + lw);
  return infos.map((r) => `${r.id.padEnd(w)}${levelText(r).padEnd(lw)}${r.description}\n${pad}e.g. ${oneLine(r.example.before)}  ->  ${oneLine(r.example.after)}\n`).join('');
}

/** The explanation of one rule. */
export function formatRuleDetail(r: RuleInfo): string {
  return [
    r.id,
    `  ${r.description}`,
    `  level:    ${levelText(r)}`,
    `  source:   ${r.source}`,
    `  example:  ${oneLine(r.example.before)}`,
    `        ->  ${oneLine(r.example.after)}`,
    `  protected spans (URLs, paths, code, ignore list): ${r.editsProtected ? 'may be edited (this rule repairs such tokens)' : 'never edited'}`,
    `  set it:   --rule ${r.id}=off|fix|suggest, or "rules": { "${r.id}": "suggest" } in ocrtidy.config.json`,
    '',
  ].join('\n');
}

/** Rule ids close to `id` (same namespace or same name), for "did you mean". */
export function similarIds(id: string, infos: readonly RuleInfo[]): string[] {
  const [ns, name] = id.split('/');
  return infos.map((r) => r.id).filter((x) => {
    const [n2, m2] = x.split('/');
    // (a name part of one or two letters says nothing: `nope/x` is no near miss of pages/doubled-text)
    const near = name !== undefined && (m2 === name || (name.length >= 3 && (m2.includes(name) || name.includes(m2))));
    return near || n2 === ns || (id.length >= 3 && x.includes(id));
  });
}
