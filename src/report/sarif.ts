/**
 * `sarif` format: SARIF 2.1.0 (OASIS), for code scanning (GitHub's upload-sarif and other viewers).
 *
 * - `tool.driver.rules`: every rule of the registry plus `pages/duplicate-pass`, with its description, help text
 *   (description, example, source) and default level.
 * - One result per edit: `ruleId`/`ruleIndex`, `level` (`warning` for a fix, `note` for a suggestion or a held-back
 *   fix), a message, and a location whose region gives startLine/startColumn/endLine/endColumn (1-based; columns
 *   in UTF-16 code units, endColumn exclusive, as `columnKind: utf16CodeUnits` says). An insertion is an empty
 *   region (startColumn = endColumn).
 * - `fixes` with the replacement, when the edit's `before` text is exactly the original at its range.
 * - Files that could not be read become `toolExecutionNotifications` of level `error`.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { allRules, describeEdit, endOf, pagesOf, replayable, toolVersion } from './common.js';
import type { RunReport } from './model.js';

/** A path as a URI: a relative reference (forward slashes, percent-encoded), or a file: URI when absolute. */
export function toUri(file: string): string {
  if (path.isAbsolute(file)) return pathToFileURL(file).href;
  return file.replace(/\\/g, '/').split('/').map(encodeURIComponent).join('/');
}

/** Renders the SARIF log (pretty-printed JSON). */
export function formatSarif(r: RunReport): string {
  const rules = allRules();
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const driverRules = rules.map((rule) => ({
    id: rule.id,
    name: rule.id.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.description },
    fullDescription: { text: `${rule.description} Source: ${rule.source}.` },
    help: {
      text: `${rule.description}\nExample: ${rule.example.before}  ->  ${rule.example.after}\nSource: ${rule.source}`,
      markdown: `${rule.description}\n\n| before | after |\n|---|---|\n| \`${rule.example.before.replace(/\n/g, ' ')}\` | \`${rule.example.after.replace(/\n/g, ' ')}\` |\n\nSource: ${rule.source}`,
    },
    defaultConfiguration: { level: rule.defaultLevel === 'suggest' ? 'note' : rule.defaultLevel === 'off' ? 'none' : 'warning', enabled: rule.defaultLevel !== 'off' },
    properties: { source: rule.source, defaultLevel: rule.defaultLevel },
  }));

  const results: object[] = [];
  const notifications: object[] = [];
  const artifacts: object[] = [];
  for (const f of r.files) {
    if (f.status === 'error') {
      notifications.push({ level: 'error', message: { text: `${f.file}: ${f.error}` }, locations: [{ physicalLocation: { artifactLocation: { uri: toUri(f.file) } } }] });
      continue;
    }
    if (f.file === '-') continue; // standard input has no location a viewer could open
    const uri = toUri(f.file);
    const artifactIndex = artifacts.length;
    let pages: ReturnType<typeof pagesOf> | undefined;
    artifacts.push({ location: { uri }, ...(f.encoding ? { encoding: f.encoding } : {}) });
    for (const e of f.edits) {
      const region = { startLine: e.line, startColumn: e.column, ...endOf(f, e) };
      const location = { physicalLocation: { artifactLocation: { uri, index: artifactIndex }, region } };
      const rid = index.get(e.rule);
      const result: Record<string, unknown> = {
        ruleId: e.rule,
        ...(rid !== undefined ? { ruleIndex: rid } : {}),
        level: e.status === 'applied' ? 'warning' : 'note',
        kind: 'fail',
        message: { text: `${e.rule} (${e.status === 'applied' ? 'fix' : e.status === 'suggested' ? 'suggestion' : 'held back'}): ${describeEdit(e, f.original ?? '')}` },
        locations: [location],
        properties: { offset: e.offset, endOffset: e.endOffset, page: e.page, status: e.status },
      };
      if (e.rule === 'pages/duplicate-pass') {
        const g = f.groups.find((x) => x.members.includes(e.page));
        const keptPage = g ? (pages ??= pagesOf(f)).find((p) => p.index === g.kept)?.line : undefined;
        if (keptPage) result.relatedLocations = [{ id: 1, message: { text: `the pass that was kept (page ${g!.kept + 1})` }, physicalLocation: { artifactLocation: { uri, index: artifactIndex }, region: { startLine: keptPage } } }];
      }
      if (e.status !== 'held-back' && replayable(f, e)) {
        result.fixes = [{
          description: { text: `${e.rule}: ${describeEdit(e, f.original ?? '')}` },
          artifactChanges: [{ artifactLocation: { uri, index: artifactIndex }, replacements: [{ deletedRegion: region, insertedContent: { text: e.after } }] }],
        }];
      }
      results.push(result);
    }
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'ocrtidy', version: toolVersion(), semanticVersion: toolVersion(), rules: driverRules } },
      invocations: [{ executionSuccessful: notifications.length === 0, toolExecutionNotifications: notifications }],
      columnKind: 'utf16CodeUnits',
      artifacts,
      results,
    }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
