import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checkConfig, CONFIG_FILE, ConfigError, configSchema, findConfig, loadConfig, mergeOptions, NON_OPTION_KEYS, optionKeys, PSEUDO_RULES,
  resolveConfig, starterConfig,
} from '../src/config.js';
import { ENCODINGS } from '../src/io/decode.js';
import { DEFAULT_OPTIONS, type Options } from '../src/options.js';
import { PAGE_MODES } from '../src/pages/split.js';
import { RULES } from '../src/rules/index.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocrtidy-config-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (rel: string, content: unknown) => {
  const p = path.join(dir, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
};
const problems = (value: unknown) => checkConfig(value, path.join(dir, CONFIG_FILE));
const props = () => configSchema().properties as Record<string, { enum?: string[] }>;

describe('the schema', () => {
  it('compiles in ajv strict mode', () => {
    expect(() => new Ajv({ strict: true }).compile(configSchema())).not.toThrow();
  });
  it('has a key for every option, and every key it has is an option or a walk setting', () => {
    const keys = Object.keys(props());
    for (const k of Object.keys(DEFAULT_OPTIONS)) expect(keys, `option ${k} missing from schema/ocrtidy.config.schema.json`).toContain(k);
    for (const k of optionKeys()) expect(Object.keys(DEFAULT_OPTIONS)).toContain(k);
    expect(keys.filter((k) => !(k in DEFAULT_OPTIONS)).sort()).toEqual([...NON_OPTION_KEYS].sort());
  });
  it('offers for completion only rule ids that exist (scripts/schema-rules.mjs writes them)', () => {
    const listed = Object.keys((props().rules as { properties?: object }).properties ?? {});
    const known = [...RULES.map((r) => r.id), ...PSEUDO_RULES];
    for (const id of listed) expect(known, `schema lists rule ${id}, which does not exist`).toContain(id);
  });
  it('lists the same choices as the code', () => {
    expect(props().pages.enum).toEqual([...PAGE_MODES]);
    expect(props().encoding.enum).toEqual([...ENCODINGS]);
  });
  it('accepts every listed choice and rejects others, naming the key', () => {
    for (const key of ['spacing', 'punctuation', 'pages', 'encoding']) {
      for (const v of props()[key].enum!) expect(problems({ [key]: v })).toEqual([]);
      expect(problems({ [key]: 'sometimes' })).toEqual([`"${key}" must be one of ${props()[key].enum!.join(', ')} (got "sometimes")`]);
    }
  });
});

describe('checkConfig', () => {
  it('accepts the starter config and an empty one', () => {
    expect(problems(JSON.parse(starterConfig(dir)))).toEqual([]);
    expect(problems({})).toEqual([]);
  });
  it('names unknown keys and lists the known ones', () => {
    expect(problems({ spacng: 'keep' })[0]).toMatch(/^unknown key "spacng" \(known keys: .*spacing/);
  });
  it('names keys with values of the wrong type', () => {
    expect(problems({ dedupe: 'yes' })).toEqual(['"dedupe" must be a boolean (got "yes")']);
    expect(problems({ glossary: 'terms.txt' })).toEqual(['"glossary" must be an array (got "terms.txt")']);
    expect(problems({ ignore: ['ok', 3] })).toEqual(['"ignore[1]" must be a string (got 3)']);
    expect(problems({ dedupeThreshold: 2 })[0]).toMatch(/^"dedupeThreshold" must be <= 1 \(got 2\)/);
    expect(problems([])).toEqual(['"(top level)" must be an object (got [])']);
  });
  it('checks rule ids and levels', () => {
    expect(problems({ rules: { 'space/cjk-latin': 'suggest', 'pages/duplicate-pass': 'off' } })).toEqual([]);
    expect(problems({ rules: { 'space/cjk-latin': 'error' } })).toEqual(['"rules.space/cjk-latin" must be one of off, fix, suggest (got "error")']);
    expect(problems({ rules: { 'space/nothing': 'off' } })).toEqual(['"rules.space/nothing": unknown rule "space/nothing" (see: ocrtidy rules)']);
    expect(problems({ rules: { Spacing: 'off' } })[0]).toMatch(/"rules": "Spacing" is not a rule id/);
  });
  it('checks that /regex/ ignore entries compile and glossary files exist (relative to the config file)', () => {
    expect(problems({ ignore: ['/[a-/'] })[0]).toMatch(/^"ignore\[0\]": bad regular expression \/\[a-\//);
    expect(problems({ ignore: ['v1.2', '/\\bGPT-\\d\\b/u'] })).toEqual([]);
    expect(problems({ glossary: ['terms.txt'] })[0]).toMatch(/^"glossary\[0\]": file not found: terms.txt/);
    write('terms.txt', 'BERT\n');
    expect(problems({ glossary: ['terms.txt'] })).toEqual([]);
  });
  it('reports every problem at once', () => {
    expect(problems({ spacng: 1, dedupe: 0 })).toHaveLength(2);
  });
});

describe('findConfig and loadConfig', () => {
  it('walks up from the current directory to the nearest config', () => {
    const top = write(CONFIG_FILE, { spacing: 'keep' });
    fs.mkdirSync(path.join(dir, 'a', 'b'), { recursive: true });
    expect(findConfig(path.join(dir, 'a', 'b'))).toBe(top);
    const mid = write(`a/${CONFIG_FILE}`, { spacing: 'never' });
    expect(findConfig(path.join(dir, 'a', 'b'))).toBe(mid);
    expect(resolveConfig(undefined, path.join(dir, 'a', 'b'))?.options.spacing).toBe('never');
    expect(resolveConfig(false, path.join(dir, 'a', 'b'))).toBeUndefined();
    expect(resolveConfig(path.join('..', '..', CONFIG_FILE), path.join(dir, 'a', 'b'))?.options.spacing).toBe('keep');
  });
  it('resolves glossary paths against the config file\'s folder', () => {
    write('cfg/terms.txt', 'BERT\n');
    const f = write(`cfg/${CONFIG_FILE}`, { glossary: ['terms.txt'], ignorePatterns: ['drafts/'] });
    const c = loadConfig(f);
    expect(c.options.glossary).toEqual([path.join(dir, 'cfg', 'terms.txt')]);
    expect(c.ignorePatterns).toEqual(['drafts/']);
    expect(c.dir).toBe(path.join(dir, 'cfg'));
    expect('ignorePatterns' in c.options).toBe(false);
  });
  it('throws a ConfigError naming the file for unreadable, non-JSON and invalid configs', () => {
    expect(() => loadConfig('nope.json', dir)).toThrow(/^nope.json: cannot read the config file \(no such file\)/);
    write('bad.json', '{ "spacing": ');
    expect(() => loadConfig('bad.json', dir)).toThrow(ConfigError);
    expect(() => loadConfig('bad.json', dir)).toThrow(/^bad.json: not valid JSON/);
    write('unknown.json', { colour: true });
    expect(() => loadConfig('unknown.json', dir)).toThrow(/^unknown.json: unknown key "colour"/);
    write('two.json', { colour: true, dedupe: 1 });
    expect(() => loadConfig('two.json', dir)).toThrow(/^two.json: 2 problems:\n {2}unknown key "colour".*\n {2}"dedupe" must be a boolean/);
  });
  it('accepts a UTF-8 BOM', () => {
    write('bom.json', '\uFEFF{"spacing":"keep"}');
    expect(loadConfig('bom.json', dir).options.spacing).toBe('keep');
  });
});

describe('mergeOptions', () => {
  const cfg = (options: Partial<Options>) => ({ file: '/x/' + CONFIG_FILE, dir: '/x', options, ignorePatterns: [] });
  it('config beats defaults, explicit command-line options beat the config', () => {
    const fromCli: Options = { ...DEFAULT_OPTIONS, spacing: 'always', pages: 'line' };
    const explicit = (k: keyof Options) => k === 'pages';
    const m = mergeOptions(fromCli, cfg({ spacing: 'never', pages: 'formfeed', dedupe: false }), explicit);
    expect(m.spacing).toBe('never'); // the command line default does not hide the config value
    expect(m.pages).toBe('line'); // typed on the command line
    expect(m.dedupe).toBe(false);
  });
  it('merges rule levels per id and adds glossary and ignore lists', () => {
    const fromCli: Options = { ...DEFAULT_OPTIONS, rules: { 'space/cjk-latin': 'fix' }, glossary: ['b.txt'], ignore: [] };
    const m = mergeOptions(fromCli, cfg({ rules: { 'space/cjk-latin': 'off', 'punct/bullet': 'suggest' }, glossary: ['/x/a.txt'], ignore: ['v2'] }), () => false);
    expect(m.rules).toEqual({ 'space/cjk-latin': 'fix', 'punct/bullet': 'suggest' });
    expect(m.glossary).toEqual(['/x/a.txt', 'b.txt']);
    expect(m.ignore).toEqual(['v2']);
  });
  it('without a config gives the command-line options', () => {
    const fromCli: Options = { ...DEFAULT_OPTIONS, spacing: 'keep' };
    expect(mergeOptions(fromCli, undefined, (k) => k === 'spacing')).toEqual(fromCli);
  });
});

describe('starterConfig', () => {
  it('sets every rule to its default level and points $schema at the shipped schema', () => {
    const c = JSON.parse(starterConfig(dir));
    expect(c.rules).toEqual(Object.fromEntries(RULES.map((r) => [r.id, r.defaultLevel])));
    const schema = path.resolve(dir, c.$schema);
    expect(fs.existsSync(schema)).toBe(true);
  });
});

describe('configure (command line over config over defaults, by option value source)', async () => {
  const { Command, Option } = await import('commander');
  const { configure } = await import('../src/cli/configure.js');
  const parse = (args: string[]) => {
    const cmd = new Command()
      .addOption(new Option('--spacing <s>').choices(['always', 'never', 'keep']).default('always'))
      .option('--no-dedupe')
      .option('--join-lines')
      .option('--config <file>')
      .option('--no-config')
      .exitOverride();
    cmd.parse(args, { from: 'user' });
    const o = cmd.opts();
    // as src/cli/index.ts toOptions does, plus an option whose flag name differs from its Options key
    const fromCli: Options = { ...DEFAULT_OPTIONS, spacing: o.spacing, dedupe: o.dedupe !== false, reflow: o.joinLines === true };
    return configure(cmd, o, fromCli, dir).options;
  };
  it('a parser default does not hide a config value; a typed option beats it', () => {
    write(CONFIG_FILE, { spacing: 'never', dedupe: false, reflow: false });
    expect(parse([])).toMatchObject({ spacing: 'never', dedupe: false });
    expect(parse(['--spacing', 'always'])).toMatchObject({ spacing: 'always', dedupe: false });
    expect(parse(['--no-config'])).toMatchObject({ spacing: 'always', dedupe: true });
  });
  it('an option without a commander option of the same name counts as typed when it differs from the default', () => {
    write(CONFIG_FILE, { reflow: false });
    expect(parse([]).reflow).toBe(false);
    write(CONFIG_FILE, { reflow: true });
    expect(parse([]).reflow).toBe(true);
    write(CONFIG_FILE, {});
    expect(parse(['--join-lines']).reflow).toBe(true);
  });
});

describe('the README', () => {
  it('shows a config example that validates (given its glossary file)', () => {
    const readme = fs.readFileSync(path.resolve(__dirname, '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Configuration'));
    const example = JSON.parse(/```json\n([\s\S]*?)```/.exec(section)![1]);
    for (const g of example.glossary) write(g, 'BERT\n');
    expect(problems(example)).toEqual([]);
  });
});
