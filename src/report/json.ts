/**
 * `json` format: a stable, versioned report for programs (shape: schema/report.schema.json, documented in the
 * README). Version {@link REPORT_VERSION}; any incompatible change bumps it, additions do not.
 *
 * Positions: `offset`/`endOffset` are UTF-16 code units into the decoded original (BOM removed, CRLF read as LF);
 * `line`/`column`/`endLine`/`endColumn` are 1-based, columns in UTF-16 code units, `endColumn` exclusive.
 */
import { countByRule, REPORT_VERSION, type RunReport } from './model.js';
import { endOf, pagesOf, toolVersion } from './common.js';

/** Renders the json report (pretty-printed, one trailing newline). */
export function formatJson(r: RunReport): string {
  const files = r.files.map((f) => ({
    file: f.file,
    status: f.status,
    ...(f.error !== undefined ? { error: f.error } : {}),
    ...(f.status !== 'error'
      ? {
          encoding: f.encoding,
          bom: f.bom,
          eol: f.eol,
          pageMode: f.pageMode,
          pagesIn: f.pagesIn,
          pagesOut: f.pagesOut,
        }
      : {}),
    pages: pagesOf(f).map(({ text: _t, ...p }) => p),
    groups: f.groups.map((g) => ({
      members: g.members, kept: g.kept, similarity: Number(g.similarity.toFixed(4)), reason: g.reason,
      ...(g.detail ? { passes: g.detail.map((d) => ({ file: d.file ?? f.file, page: d.page, line: d.line, similarity: Number(d.similarity.toFixed(4)), quality: d.quality, findings: d.findings ?? {}, kept: d.kept })) } : {}),
    })),
    edits: f.edits.map((e) => ({
      rule: e.rule,
      level: e.level,
      status: e.status,
      page: e.page,
      line: e.line,
      column: e.column,
      ...endOf(f, e),
      offset: e.offset,
      endOffset: e.endOffset,
      before: e.before,
      after: e.after,
      ...(e.message ? { message: e.message } : {}),
    })),
    ...(f.writtenTo ? { writtenTo: f.writtenTo } : {}),
    // content hash of the input (ocrtidy apply refuses a file that changed since)
    ...(f.sha256 ? { sha256: f.sha256 } : {}),
  }));
  const counts = [...countByRule(r.files).values()];
  const summary = {
    files: r.files.length,
    changed: r.files.filter((f) => f.status === 'changed').length,
    errors: r.files.filter((f) => f.status === 'error').length,
    fixes: counts.reduce((n, c) => n + c.fix, 0),
    suggestions: counts.reduce((n, c) => n + c.suggest, 0),
    heldBack: counts.reduce((n, c) => n + c.heldBack, 0),
  };
  return JSON.stringify({
    version: REPORT_VERSION, tool: 'ocrtidy', toolVersion: toolVersion(), command: r.command,
    seconds: Number(r.seconds.toFixed(3)), summary, files,
  }, null, 2) + '\n';
}
