/**
 * Core types of the edit model (see DESIGN.md "Core types").
 *
 * Offsets everywhere in the rule layer are UTF-16 code units (JavaScript string indices) into the text the
 * rule was given. The runner maps them back to the original page and the report maps pages back to the file.
 */

/** A rule id, `namespace/name` (e.g. `space/cjk-latin`). */
export type RuleId = string;

/** How a rule's edits are treated: applied (`fix`), only reported (`suggest`), or not run (`off`). */
export type Level = 'fix' | 'suggest' | 'off';

/** A change to a page's text: replace [start, end) with `text`. Offsets are UTF-16 code units. */
export interface Edit {
  start: number;
  end: number;
  text: string;
  rule: RuleId;
  level: 'fix' | 'suggest';
  message?: string;
}

/** House-style options that rules read. */
export interface StyleOptions {
  /** Space between CJK and Latin letters/digits: add (`always`), remove (`never`) or leave (`keep`). */
  spacing: 'always' | 'never' | 'keep';
  /** Width of CJK punctuation: follow the document (`auto`), force one width, or leave (`keep`). */
  punctuation: 'auto' | 'fullwidth' | 'halfwidth' | 'keep';
}

/** How the page's text is laid out, which decides what a single space after a mark means. */
export type PageLayout =
  /** one page per line, printed line wraps turned into single spaces (the seed dump) */
  | 'line'
  /** the page keeps its printed line breaks as newlines */
  | 'block';

/** What a rule gets besides the text. Everything here is read-only for rules. */
export interface RuleContext {
  style: StyleOptions;
  layout: PageLayout;
  /** Per-document state computed once by the rule's `analyze` (e.g. the pooled punctuation width). */
  state?: unknown;
  /** Shared rule data (glossary, lookalikes), loaded once per run. */
  data: RuleData;
}

/** Data files loaded from rules/ and user packs. Kept open-ended so rules can add their own tables. */
export interface RuleData {
  /** Words and patterns never to touch (config `ignore`). */
  ignore: string[];
  [key: string]: unknown;
}

/** A rule: pure, deterministic, no I/O. */
export interface Rule {
  id: RuleId;
  /** One line: what the rule fixes. */
  description: string;
  /** The default level when neither config nor `--rule` says otherwise. */
  defaultLevel: Level;
  /** A before/after pair shown by `ocrtidy rules`. */
  example: { before: string; after: string };
  /** Where the convention comes from (style guide, standard, observed OCR error). */
  source: string;
  /**
   * When true the runner lets this rule edit inside protected spans (URLs, paths, code); rules that repair
   * those tokens themselves (token/url) need it. Default false: edits touching a protected span's inside are dropped.
   */
  editsProtected?: boolean;
  /** Optional per-document analysis over all kept pages, run once before the rule is applied to any page. */
  analyze?(pages: readonly string[], ctx: Omit<RuleContext, 'state'>): unknown;
  /** Returns the edits this rule proposes for `text`. Must not throw on any input. */
  apply(text: string, ctx: RuleContext): Edit[];
}
