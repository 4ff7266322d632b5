/**
 * The config file `ocrtidy.config.json`: discovery (walking up from the current directory), validation against
 * the JSON schema that ships in the package (schema/ocrtidy.config.schema.json, validated with ajv so the schema
 * IS the validator), and merging with the command line (command line > config > defaults).
 *
 * Errors: every problem is a {@link ConfigError} whose message names the config file and the key
 * (`ocrtidy.config.json: unknown key "spacng"`); the CLI turns it into exit code 2.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type { Ajv as AjvClass, ErrorObject } from 'ajv';
import { DEFAULT_OPTIONS, type Options } from './options.js';
import { RULES } from './rules/index.js';
import type { Level } from './types.js';

/** The file name looked for in the current directory and its parents. */
export const CONFIG_FILE = 'ocrtidy.config.json';

/** The package's JSON schema for the config file. */
export const SCHEMA_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'schema', 'ocrtidy.config.schema.json');

/** Rule ids accepted in `rules` and `--rule` besides the registry: levels of steps that are not text rules. */
export const PSEUDO_RULES: readonly string[] = ['pages/duplicate-pass'];

/** A config file that cannot be read, is not JSON, or breaks the schema. The message names the file and key. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** What a config file sets: a part of {@link Options}, plus the walk patterns. Paths are resolved. */
export interface LoadedConfig {
  /** Absolute path of the config file. */
  file: string;
  /** The options the file sets (glossary paths resolved against the file's folder). */
  options: Partial<Options>;
  /** `ignorePatterns`: gitignore-syntax patterns relative to {@link LoadedConfig.dir}. */
  ignorePatterns: string[];
  /** The folder of the config file. */
  dir: string;
}

/** Schema keys that are not {@link Options} fields. */
export const NON_OPTION_KEYS: readonly string[] = ['$schema', 'ignorePatterns'];

/** The config keys that map one to one onto an {@link Options} field: every other key of the schema. */
export function optionKeys(): Array<keyof Options> {
  return Object.keys(configSchema().properties as object).filter((k) => !NON_OPTION_KEYS.includes(k)) as Array<keyof Options>;
}

/**
 * Finds `ocrtidy.config.json` in `dir` or the nearest parent folder that has one.
 * @returns the absolute path, or undefined when there is none up to the filesystem root
 */
export function findConfig(dir: string): string | undefined {
  let cur = path.resolve(dir);
  for (;;) {
    const f = path.join(cur, CONFIG_FILE);
    if (fs.existsSync(f) && fs.statSync(f).isFile()) return f;
    const up = path.dirname(cur);
    if (up === cur) return undefined;
    cur = up;
  }
}

let schemaCache: Record<string, unknown> | undefined;
/** The parsed schema (read once). */
export function configSchema(): Record<string, unknown> {
  schemaCache ??= JSON.parse(fs.readFileSync(SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
  return schemaCache;
}

let validator: ReturnType<AjvClass['compile']> | undefined;
function validate(value: unknown): ErrorObject[] {
  if (!validator) {
    // loaded on first use: runs without a config file do not pay for ajv
    const { Ajv } = createRequire(import.meta.url)('ajv') as { Ajv: typeof AjvClass };
    validator = new Ajv({ allErrors: true, strict: true }).compile(configSchema());
  }
  return validator(value) ? [] : [...(validator.errors ?? [])];
}

/** `/rules/space~1cjk-latin` -> `rules.space/cjk-latin`, `/glossary/0` -> `glossary[0]`. */
function keyName(pointer: string): string {
  let out = '';
  for (const seg of pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))) {
    out += /^\d+$/.test(seg) ? `[${seg}]` : out ? `.${seg}` : seg;
  }
  return out;
}

const show = (v: unknown) => JSON.stringify(v);

/** Turns ajv errors into one message per problem, each naming the key. */
function describeErrors(errors: ErrorObject[], value: unknown): string[] {
  const out: string[] = [];
  for (const e of errors) {
    const key = keyName(e.instancePath);
    switch (e.keyword) {
      case 'additionalProperties': {
        const k = (e.params as { additionalProperty: string }).additionalProperty;
        out.push(`unknown key "${key ? `${key}.${k}` : k}"${key ? '' : ` (known keys: ${Object.keys((configSchema().properties as object)).filter((x) => x !== '$schema').join(', ')})`}`);
        break;
      }
      case 'propertyNames':
        out.push(`"${key}": "${(e.params as { propertyName: string }).propertyName}" is not a rule id (namespace/name; see: ocrtidy rules)`);
        break;
      case 'pattern':
        if (e.propertyName !== undefined) break; // reported by propertyNames
        out.push(`"${key}" ${e.message}`);
        break;
      case 'enum':
        out.push(`"${key}" must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')} (got ${show(pointerGet(value, e.instancePath))})`);
        break;
      case 'type':
        out.push(`"${key || '(top level)'}" must be ${/^[aeiou]/.test(String(e.params.type)) ? 'an' : 'a'} ${e.params.type} (got ${show(pointerGet(value, e.instancePath))})`);
        break;
      default:
        out.push(`"${key}" ${e.message} (got ${show(pointerGet(value, e.instancePath))})`);
    }
  }
  return [...new Set(out)];
}

function pointerGet(value: unknown, pointer: string): unknown {
  let cur = value;
  for (const seg of pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

/**
 * Checks a parsed config value: the schema first, then what a schema cannot say (rule ids that exist, regular
 * expressions that compile, glossary files that exist).
 * @param value the parsed JSON
 * @param file the config file's path (for messages and for resolving relative paths)
 * @returns the problems, one message per problem, each naming the key; empty when the config is valid
 */
export function checkConfig(value: unknown, file: string): string[] {
  const problems = describeErrors(validate(value), value);
  if (problems.length > 0 || value === null || typeof value !== 'object') return problems;
  const v = value as Record<string, unknown>;
  const known = new Set([...RULES.map((r) => r.id), ...PSEUDO_RULES]);
  for (const id of Object.keys((v.rules as Record<string, string>) ?? {})) {
    if (!known.has(id)) problems.push(`"rules.${id}": unknown rule "${id}" (see: ocrtidy rules)`);
  }
  ((v.ignore as string[]) ?? []).forEach((w, i) => {
    const m = /^\/(.+)\/([a-z]*)$/.exec(w);
    if (!m) return;
    try {
      new RegExp(m[1], m[2]);
    } catch (e) {
      problems.push(`"ignore[${i}]": bad regular expression ${w}: ${(e as Error).message}`);
    }
  });
  ((v.glossary as string[]) ?? []).forEach((g, i) => {
    const p = path.resolve(path.dirname(file), g);
    if (!fs.existsSync(p)) problems.push(`"glossary[${i}]": file not found: ${g} (resolved to ${p})`);
  });
  return problems;
}

/**
 * Reads and checks a config file.
 * @param file path of the config file (relative to `cwd`)
 * @throws ConfigError naming the file and every bad key
 */
export function loadConfig(file: string, cwd = process.cwd()): LoadedConfig {
  const abs = path.resolve(cwd, file);
  let text: string;
  try {
    text = fs.readFileSync(abs, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError(`${file}: cannot read the config file (${code === 'ENOENT' ? 'no such file' : code ?? (e as Error).message})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ConfigError(`${file}: not valid JSON: ${(e as Error).message}`);
  }
  const problems = checkConfig(value, abs);
  if (problems.length === 1) throw new ConfigError(`${file}: ${problems[0]}`);
  if (problems.length > 1) throw new ConfigError(`${file}: ${problems.length} problems:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  const v = value as Record<string, unknown>;
  const dir = path.dirname(abs);
  const options: Partial<Options> = {};
  for (const k of optionKeys()) if (v[k] !== undefined) (options as Record<string, unknown>)[k] = v[k];
  if (options.glossary) options.glossary = options.glossary.map((g) => path.resolve(dir, g));
  if (options.rules) options.rules = { ...(options.rules as Record<string, Level>) };
  return { file: abs, dir, options, ignorePatterns: (v.ignorePatterns as string[] | undefined) ?? [] };
}

/**
 * The config of a run: the `--config FILE` given, none when `--no-config` (`given === false`), else the nearest
 * `ocrtidy.config.json` up from `cwd`.
 * @throws ConfigError
 */
export function resolveConfig(given: string | boolean | undefined, cwd: string): LoadedConfig | undefined {
  if (given === false) return undefined;
  if (typeof given === 'string') return loadConfig(given, cwd);
  const found = findConfig(cwd);
  return found ? loadConfig(path.relative(cwd, found) || found, cwd) : undefined;
}

/**
 * Merges the options: defaults < config < options given on the command line. `fromCli` holds every option as the
 * command line parser filled it (defaults included); `explicit(key)` says whether the user typed that option, so a
 * parser default never hides a config value. `rules` merge per rule id; `glossary` and `ignore` lists add up.
 */
export function mergeOptions(fromCli: Options, config: LoadedConfig | undefined, explicit: (key: keyof Options) => boolean): Options {
  const out: Options = { ...DEFAULT_OPTIONS, ...(config?.options ?? {}) };
  for (const k of Object.keys(fromCli) as Array<keyof Options>) {
    if (k === 'rules') out.rules = { ...(config?.options.rules ?? {}), ...fromCli.rules };
    else if (k === 'glossary' || k === 'ignore') out[k] = [...(config?.options[k] ?? []), ...fromCli[k].filter((x) => !(config?.options[k] ?? []).includes(x))];
    else if (explicit(k)) (out as unknown as Record<string, unknown>)[k] = fromCli[k];
  }
  return out;
}

/**
 * The starter config written by `ocrtidy init`: every key with its default, every rule at its default level.
 * @param dir the folder the config goes to (for the relative `$schema` path)
 */
export function starterConfig(dir: string): string {
  // relative, so the file still works when committed (the usual layout: node_modules/ocrtidy/schema/...)
  const schema = path.relative(dir, SCHEMA_PATH).split(path.sep).join('/');
  const cfg = {
    $schema: schema,
    rules: Object.fromEntries(RULES.map((r) => [r.id, r.defaultLevel])),
    spacing: DEFAULT_OPTIONS.spacing,
    punctuation: DEFAULT_OPTIONS.punctuation,
    pages: DEFAULT_OPTIONS.pages,
    dedupe: DEFAULT_OPTIONS.dedupe,
    dedupeAcrossFiles: DEFAULT_OPTIONS.dedupeAcrossFiles,
    dedupeThreshold: DEFAULT_OPTIONS.dedupeThreshold,
    fuse: DEFAULT_OPTIONS.fuse,
    reflow: DEFAULT_OPTIONS.reflow,
    stripHeaders: DEFAULT_OPTIONS.stripHeaders,
    encoding: DEFAULT_OPTIONS.encoding,
    glossary: [],
    ignore: [],
    ignorePatterns: [],
  };
  return JSON.stringify(cfg, null, 2) + '\n';
}
