import { describe, expect, it } from 'vitest';
import { spaceCjkLatin } from '../src/rules/space-cjk-latin.js';
import { applyRule } from './helpers.js';

const fix = (s: string) => applyRule(spaceCjkLatin, s);

describe('space/cjk-latin', () => {
  it('adds one space between CJK and Latin letters or digits, both sides', () => {
    expect(fix('1.4大语言模型')).toBe('1.4 大语言模型');
    expect(fix('我们用Python写了3个脚本')).toBe('我们用 Python 写了 3 个脚本');
    expect(fix('新版GPT-4已经发布')).toBe('新版 GPT-4 已经发布');
  });
  it('treats a leading-dot extension and a percentage as one token', () => {
    expect(fix('导出为.csv文件')).toBe('导出为 .csv 文件');
    expect(fix('约40%的样本')).toBe('约 40% 的样本');
  });
  it('keeps C++ and C# whole and spaces them from CJK', () => {
    expect(fix('用C++写')).toBe('用 C++ 写');
    expect(fix('学习C#语言')).toBe('学习 C# 语言');
  });
  it('does not touch URLs, e-mails, paths and code spans inside', () => {
    const url = '说明见 https://example.net/文档/入门.html 页面';
    expect(fix(url)).toBe(url);
    expect(fix('请写信到 help@example.org。')).toBe('请写信到 help@example.org。');
    expect(fix('配置位于 /etc/hosts 文件')).toBe('配置位于 /etc/hosts 文件');
    expect(fix('标题写作 `总览`。')).toBe('标题写作 `总览`。');
  });
  it('leaves already-spaced text and CJK punctuation alone', () => {
    const ok = '本书使用 Rust 2021 版，示例见第 3 章。';
    expect(fix(ok)).toBe(ok);
    expect(fix('结果为3，误差为0。')).toBe('结果为 3，误差为 0。');
  });
  it('removes the spaces with --spacing never and leaves them with keep', () => {
    expect(applyRule(spaceCjkLatin, '使用 Python 编写', { style: { spacing: 'never', punctuation: 'auto' } })).toBe('使用Python编写');
    expect(applyRule(spaceCjkLatin, '使用Python 编写', { style: { spacing: 'keep', punctuation: 'auto' } })).toBe('使用Python 编写');
  });
});

describe('space/cjk-latin: tokens and code lines', () => {
  it('keeps Markdown emphasis markers with the word they mark', () => {
    expect(fix('使用**Rust**编写')).toBe('使用 **Rust** 编写');
    expect(fix('这是*重点*内容')).toBe('这是*重点*内容');
    expect(applyRule(spaceCjkLatin, '使用 **Rust** 编写', { style: { spacing: 'never', punctuation: 'auto' } })).toBe('使用**Rust**编写');
  });
  it('spaces a Markdown code span from CJK on both sides, never inside it', () => {
    expect(fix('运行`make`命令')).toBe('运行 `make` 命令');
    expect(fix('先`a`再`b`')).toBe('先 `a` 再 `b`');
    expect(fix('标题写作 `总览`。')).toBe('标题写作 `总览`。');
  });
  it('spaces a lower-case file extension and .NET, not an OCR-glued period before a capital word', () => {
    expect(fix('保存为.json文件')).toBe('保存为 .json 文件');
    expect(fix('基于.NET框架')).toBe('基于 .NET 框架');
    expect(fix('档案库的根.URL')).toBe('档案库的根.URL');
  });
  it('leaves numbers with units, versions, times, dates and Windows paths whole', () => {
    for (const s of ['需要 16GB 内存', '升级到 v3.2.1 以后', '时间 08:15:00 开始', '日期 2023-11-02 发布', '路径 %APPDATA%\\工具\\配置 下']) {
      expect(fix(s)).toBe(s);
    }
  });
  it('spaces an absolute path from CJK on both sides, and no other slash', () => {
    expect(fix('程序装在/opt/tools/bin里')).toBe('程序装在 /opt/tools/bin 里');
    expect(fix('日志写到/var下面')).toBe('日志写到 /var 下面');
    expect(fix('~/文档/src/main.c中')).toBe('~/文档/src/main.c 中');
    // a CJK word after a path is no folder name: spaced on both sides in one run
    expect(fix('修改~/.bashrc和/etc/profile')).toBe('修改~/.bashrc 和 /etc/profile');
    for (const s of ['读和/或写', '时速 60km/小时', '目录/数据', '用 /etc/hosts 配置', '他/她的', '执行 cd /data/项目/src 进入', '语言可选中文/English/日本語三种', '单位为元/kg/天',
      '/home/张三/bin', 'C:/用户/张三/Desktop/a.txt', 'data/训练集/images/', 'src/组件/Button/index.tsx', '开发/dev、测试/test', '（根/root）', '首页/home']) expect(fix(s)).toBe(s);
  });
  it('never touches code or shell lines', () => {
    const code = '$ echo "你好world" > /tmp/a.txt';
    expect(fix(code)).toBe(code);
  });
});
