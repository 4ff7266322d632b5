import { describe, expect, it } from 'vitest';
import { protectedSpans, touchesProtected, urlSpans } from '../src/rules/protect.js';

const urls = (s: string) => urlSpans(s).map((u) => s.slice(u.start, u.end));

describe('urlSpans', () => {
  it('runs from the scheme to whitespace, keeping a CJK path segment', () => {
    expect(urls('见 https://docs.example.com/指南/安装.html 页面')).toEqual(['https://docs.example.com/指南/安装.html']);
    expect(urls('搜索 https://s.example.org/q?k=向量&n=2 即可')).toEqual(['https://s.example.org/q?k=向量&n=2']);
  });
  it('stops before Chinese prose glued to the URL', () => {
    expect(urls('文档https://github.com/org/repo,其中给出了结果')).toEqual(['https://github.com/org/repo']);
    expect(urls('打开 http://a.example/app上面的按钮')).toEqual(['http://a.example/app']);
    expect(urls('地址是 https://a.example/x.其他')).toEqual(['https://a.example/x']);
  });
  it('leaves out trailing sentence marks and an unbalanced closing bracket', () => {
    expect(urls('(见 https://b.example/y).')).toEqual(['https://b.example/y']);
    expect(urls('see https://en.example.org/wiki/Tree_(graph).')).toEqual(['https://en.example.org/wiki/Tree_(graph)']);
    expect(urls('以及 www.example.com/docs。')).toEqual(['www.example.com/docs']);
  });
});

describe('protectedSpans', () => {
  it('covers e-mails, paths, code spans, versions, times and C++-like tokens', () => {
    const text = '写信给 a.b@example.org，配置在 /etc/app/conf.d 下，运行 `make test`，需要 v2.10.3 与 C++ 在 09:30:00';
    const kinds = protectedSpans(text).map((s) => text.slice(s.start, s.end));
    for (const t of ['a.b@example.org', '/etc/app/conf.d', '`make test`', 'v2.10.3', 'C++', '09:30:00']) expect(kinds).toContain(t);
  });
  it('lets an insertion touch a span edge but not its inside', () => {
    const spans = [{ start: 3, end: 8, kind: 'url' }];
    expect(touchesProtected(spans, 3, 3)).toBe(false);
    expect(touchesProtected(spans, 8, 8)).toBe(false);
    expect(touchesProtected(spans, 5, 5)).toBe(true);
    expect(touchesProtected(spans, 2, 4)).toBe(true);
  });
  it('protects the user\'s ignore words and /regex/ patterns', () => {
    const text = '术语 FooBar 和 ID-1234 不动';
    const spans = protectedSpans(text, ['FooBar', '/ID-\\d+/']).map((s) => text.slice(s.start, s.end));
    expect(spans).toEqual(expect.arrayContaining(['FooBar', 'ID-1234']));
  });
});
