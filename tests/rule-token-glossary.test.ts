import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tokenGlossary } from '../src/rules/token-glossary.js';
import { loadLexicon, parseGlossary, parseLookalikes } from '../src/rules/lexicon.js';
import { runRules } from '../src/rules/runner.js';
import { applyRule } from './helpers.js';

const fix = (s: string) => applyRule(tokenGlossary, s);
const logOf = (s: string) =>
  runRules(s, [{ rule: tokenGlossary, level: 'fix' }], { style: { spacing: 'always', punctuation: 'auto' }, layout: 'block', data: { ignore: [] } }).edits;

describe('token/glossary', () => {
  it('repairs lookalike glyphs inside a known term', () => {
    expect(fix('采用RoBE求Ta的方法')).toBe('采用RoBERTa的方法');
    expect(fix('基于ELECT℉A预训练')).toBe('基于ELECTRA预训练');
    expect(fix('光盘格式 1SO9660 很常见')).toBe('光盘格式 ISO9660 很常见');
    expect(fix('使用 Kubemetes 编排')).toBe('使用 Kubernetes 编排');
    expect(fix('框架 Tensorf1ow 与公司 0penAI')).toBe('框架 TensorFlow 与公司 OpenAI');
  });
  it('puts version forms and glued terms in their glossary form', () => {
    expect(fix('对比GPT2与GPT3')).toBe('对比GPT-2与GPT-3');
    expect(fix('开源的LLaMA2模型')).toBe('开源的LLaMA-2模型');
    expect(fix('调用GPT-4API完成')).toBe('调用GPT-4 API完成');
    expect(fix('升级到Windows11后')).toBe('升级到Windows 11后');
  });
  it('repairs one dropped letter: long terms, or short ones with category evidence', () => {
    expect(fix('在 A4 Science 领域')).toBe('在 AI4Science 领域');
    expect(fix('使用 Debin 发行版')).toBe('使用 Debian 发行版');
    expect(fix('发布了Gemm模型')).toBe('发布了Gemma模型');
  });
  it('only suggests an uncertain one-letter repair', () => {
    expect(fix('这是 Kras 的用法')).toBe('这是 Kras 的用法');
    const log = logOf('这是 Kras 的用法');
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ level: 'suggest', after: 'Keras' });
  });
  it('gives proper nouns their casing in prose, except ordinary words, commands and acronyms', () => {
    expect(fix('在ubuntu和github上')).toBe('在Ubuntu和GitHub上');
    expect(fix('用iphone看youtube')).toBe('用iPhone看YouTube');
    expect(fix('买了一个 apple 和 windows 的教程')).toBe('买了一个 apple 和 windows 的教程');
    expect(fix('运行 docker 和 perl(1)，走 http 协议')).toBe('运行 docker 和 perl(1)，走 http 协议');
    expect(fix('执行 ubuntu -v 查看')).toBe('执行 ubuntu -v 查看');
  });
  it('never touches URLs, paths, code spans, identifiers and known terms', () => {
    for (const ok of [
      '见 https://example.org/linux/gpt4',
      '目录 /opt/ubuntu/BE求T 不存在',
      '命令 `ubuntu-drivers` 可用',
      '序列号 9A3L-0OK7 已失效',
      '变量 gpt4_model 与 linux.version',
      'GPT-4 与 BERT 以及 PyTorch 都已拼写正确',
      'Transformers 库和 GPTs 应用',
    ]) expect(fix(ok)).toBe(ok);
  });
  it('leaves spelling variants that are not OCR damage', () => {
    for (const ok of ['兼容 MSDOS 文件系统', '打开 Libreoffice 文档', '写信给 admin at ubuntu dot com', '支持 WiFi 连接']) {
      expect(fix(ok)).toBe(ok);
    }
  });
  it('respects identity entries from a user glossary', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocrtidy-gl-'));
    const file = path.join(dir, 'mine.txt');
    fs.writeFileSync(file, '[model]\nZephyrX\nGPT4 => GPT4\n');
    const lexicon = loadLexicon([file]);
    const data = { ignore: [], lexicon };
    expect(applyRule(tokenGlossary, '模型GPT4和ZephyrX', { data })).toBe('模型GPT4和ZephyrX');
    expect(applyRule(tokenGlossary, '模型 Zephyr求X 很好', { data })).toBe('模型 ZephyrX 很好');
  });
});

describe('lexicon data files', () => {
  it('parses sections, flags, variants and identity entries', () => {
    const g = parseGlossary('# c\n[os]\nLinux\nDocker ; keeplower\nPytorch => PyTorch\nBERT => BERT  # protect\n', 'g.txt');
    expect(g.terms.get('Linux')).toMatchObject({ category: 'os', keeplower: false });
    expect(g.terms.get('Docker')?.keeplower).toBe(true);
    expect(g.variants.get('Pytorch')).toBe('PyTorch');
    expect(g.variants.get('BERT')).toBe('BERT');
  });
  it('names the file and line of a malformed entry', () => {
    expect(() => parseGlossary('[OS]\n', 'x.txt')).toThrow(/x\.txt:1/);
    expect(() => parseGlossary('Term ; bogus\n', 'y.txt')).toThrow(/y\.txt:1: unknown flag "bogus"/);
    expect(() => parseGlossary('a => \n', 'z.txt')).toThrow(/z\.txt:1/);
    expect(() => parseLookalikes('abc\tX\tnote\n', 't.tsv')).toThrow(/t\.tsv:1/);
    expect(() => loadLexicon(['/no/such/file.txt'])).toThrow(/\/no\/such\/file\.txt: glossary file not found/);
  });
  it('ships several hundred glossary terms and a lookalike table with sources', () => {
    const lex = loadLexicon();
    expect(lex.terms.size).toBeGreaterThan(400);
    expect(lex.lookalikes.length).toBeGreaterThan(25);
    for (const row of lex.lookalikes) expect(row.observed.length).toBeGreaterThan(5);
  });
});

describe('token/glossary: lookalike glyphs in ordinary English words', () => {
  it('reads the glyphs back when exactly one English word results', () => {
    expect(fix('在 shel1 里运行 unstab1e 版本的 F0RMAT 命令')).toBe('在 shell 里运行 unstable 版本的 FORMAT 命令');
    expect(fix('修改 defauLt 值和 sLice 单元')).toBe('修改 default 值和 slice 单元');
  });
  it('leaves identifiers, enumerations and abbreviations alone', () => {
    for (const ok of ['文件 file1 与 file2', '循环 "fool1 fool2"', 'l10n 和 i18n', '变量 x11 与 Win10', 'Index 与 IBM', '函数 setLocale 和 getLine', 'McLaren 与 iPhone']) {
      expect(fix(ok)).toBe(ok);
    }
  });
});

describe('token/glossary: $ read as S before an environment variable', () => {
  it('repairs it in quotes or before a path', () => {
    expect(fix('把目录加入 "SPATH" 变量，缓存在 SHOME/.cache 下，编辑器取 “SEDITOR”')).toBe('把目录加入 "$PATH" 变量，缓存在 $HOME/.cache 下，编辑器取 “$EDITOR”');
  });
  it('leaves words and names that only look like it', () => {
    for (const ok of ['使用 SLANG 库和 STERM 终端', 'SPARK 与 SHOME 项目']) expect(fix(ok)).toBe(ok);
  });
});

describe('token/glossary never takes versions or commands for typos', () => {
  it('keeps a version digit glued to a term (not a dropped or extra letter)', () => {
    for (const ok of ['本书使用Python3和Python2两个版本', '服务器装的是CentOS7系统', '缓存用Redis6做', '后端用Flask2框架']) expect(fix(ok)).toBe(ok);
  });
  it('keeps the case of a package name in a command or an import', () => {
    for (const ok of ['pip install numpy 即可', 'import numpy 就能用了', '执行 npm install express 安装']) expect(fix(ok)).toBe(ok);
  });
  it('still fixes the casing of a proper noun in Chinese prose', () => {
    expect(fix('在linux上部署')).toBe('在Linux上部署');
  });
});

describe('token/glossary: lower-case version forms of names in Chinese prose', () => {
  it('gives a lower-case versioned model, product or hardware name its glossary spelling', () => {
    expect(fix('这一章用gpt4写摘要')).toBe('这一章用GPT-4写摘要');
    // a form with a hyphen or a dot is the API's model identifier: left as written
    for (const s of ['先试 gpt-4，再换 gpt3.5。', '将 model 参数设为 gpt-4 即可。']) expect(fix(s)).toBe(s);
    // inside ASCII quotes around Chinese text (which punct/width makes “”), not in a quoted literal alone
    expect(fix('"我们使用gpt4"')).toBe('"我们使用GPT-4"');
    expect(fix('用"linux"命令')).toBe('用"linux"命令');
    expect(fix('新出的gpt4o速度更快')).toBe('新出的GPT-4o速度更快');
    expect(fix('租了四张a100显卡，本地用rtx4090调试')).toBe('租了四张A100显卡，本地用RTX 4090调试');
    expect(fix('在gsm8k上评测')).toBe('在GSM8K上评测');
    expect(fix('系统是windows11家庭版')).toBe('系统是Windows 11家庭版');
  });
  it('leaves lower-case identifiers of other kinds, and names in commands, paths and code, alone', () => {
    for (const ok of [
      '表的字符集设为utf8，不是utf8mb4',
      '把音频存成mp3文件，视频存成 .mp4 文件',
      '这个字段是int8类型，训练开fp16',
      '先装python3，再装 python3-pip',
      '镜像有arm64和amd64两种',
      '装好x11和grub2软件包',
      '运行 pip install gpt2 下载',
      '权重在 models/gpt2 目录，用 `gpt2` 加载',
      '调用 gpt4_client 和 gpt4.run()',
      '配置写成 model=gpt4 即可',
      '模型名 gpt4 -v 可查',
      'try gpt4 in English text',
      '对比llama2和llama3',
    ]) expect(fix(ok)).toBe(ok);
  });
});

describe('token/glossary caches (token decisions cached per token, text checks per occurrence)', () => {
  const long = '这一段正文讲缓存的写回策略与失效时机，没有术语。'.repeat(8);
  it('repairs a lone typo at the very end of a long page', () => {
    expect(fix(`${long}采用RoBE求Ta`)).toBe(`${long}采用RoBERTa`);
    expect(fix(`${long}在ubuntu`)).toBe(`${long}在Ubuntu`);
  });
  it('handles a surrogate-pair CJK character right next to the token', () => {
    expect(fix('𠀀GPT4𠀀')).toBe('𠀀GPT-4𠀀');
    expect(fix('在𠀀 RoBE求Ta𠀀')).toBe('在𠀀 RoBERTa𠀀');
  });
  it('still reads the text around each occurrence of a cached token', () => {
    // the same token twice: casing in Chinese prose, not after a command word
    expect(fix('在ubuntu上，或 pip install ubuntu')).toBe('在Ubuntu上，或 pip install ubuntu');
    // a one-letter repair needs the category word after this occurrence
    expect(fix('发布了Gemm模型，Gemm 的说明')).toBe('发布了Gemma模型，Gemm 的说明');
    // a trailing digit: the sibling check reads the whole page
    expect(fix('文件 unstab1e 出现')).toBe(fix('文件 unstab1e 出现'));
    expect(fix('变量 shel1 和 shel2')).toBe('变量 shel1 和 shel2');
  });
  it('inCode reads the characters around the token', () => {
    for (const ok of ['路径 a/linux 不变', '标识 linux_x 不变', '邮件 x@linux 不变', '点号 a.linux 不变']) expect(fix(ok)).toBe(ok);
  });
});
