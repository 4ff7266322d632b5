import { describe, expect, it } from 'vitest';
import { tokenUrl } from '../src/rules/token-url.js';
import { applyRule, clean } from './helpers.js';

const fix = (s: string) => applyRule(tokenUrl, s);
const line = (s: string) => applyRule(tokenUrl, s, { layout: 'line' });

describe('token/url', () => {
  it('repairs a broken scheme separator', () => {
    expect(fix('代码见 https:/gitlab.com/team/app 仓库')).toBe('代码见 https://gitlab.com/team/app 仓库');
    expect(fix('镜像 http//mirror.example.net/iso 可用')).toBe('镜像 http://mirror.example.net/iso 可用');
    expect(fix('地址 ftp: //files.example.org/pub 有效')).toBe('地址 ftp://files.example.org/pub 有效');
  });
  it('restores the dot that OCR turned into a space inside the host', () => {
    expect(fix('主页 https://www.example org/docs 上有说明')).toBe('主页 https://www.example.org/docs 上有说明');
    expect(fix('参见 https://pypi. org/project/x 页面')).toBe('参见 https://pypi.org/project/x 页面');
  });
  it('rejoins a URL broken by a printed line wrap', () => {
    expect(fix('教程位于 https://example.com/guide/\nsetup/intro.html，请先阅读')).toBe('教程位于 https://example.com/guide/setup/intro.html，请先阅读');
    expect(line('链接 https://example.com/a-very-long- path/file.txt 已更新')).toBe('链接 https://example.com/a-very-long-path/file.txt 已更新');
  });
  it('turns a sentence-final . after a URL into 。 in a document that uses 。', () => {
    expect(fix('数据来自 https://data.example.org/v2. 下一节讲清洗。')).toBe('数据来自 https://data.example.org/v2。 下一节讲清洗。');
    expect(fix('See https://example.org/x. Then run it.')).toBe('See https://example.org/x. Then run it.');
  });
  it('restores a slash lost between two well-known FHS directories', () => {
    expect(fix('可执行文件在 /usrbin/ 下，日志在 /varlog/syslog 里')).toBe('可执行文件在 /usr/bin/ 下，日志在 /var/log/syslog 里');
    expect(fix('打开 "usr/share/doc" 目录')).toBe('打开 "/usr/share/doc" 目录');
  });
  it('leaves correct URLs, e-mails and paths alone', () => {
    for (const ok of [
      '见 https://github.com/org/repo/blob/main/README.md。',
      '写信到 admin@example.com 询问',
      '配置在 /etc/default/grub 中',
      '相对路径 src/usr/local.ts 不变',
      '源码 http://example.com/ 与说明\n另起一行的文字',
    ]) expect(fix(ok)).toBe(ok);
  });
  it('works together with CJK-Latin spacing (URL stays whole)', () => {
    expect(clean('主页是https:/example com/app 上的页面。')).toBe('主页是 https://example.com/app 上的页面。');
  });
});

describe('token/url host gaps stay conservative', () => {
  it('does not join a following word that happens to be a TLD', () => {
    const ok = 'See https://example.com in the docs, or https://example.org it is.';
    expect(applyRule(tokenUrl, ok)).toBe(ok);
  });
});

describe('token/url every lost dot of the host', () => {
  it('restores several lost dots before a path, with or without a broken scheme', () => {
    expect(fix('安装包在 http:/www example net/files 目录')).toBe('安装包在 http://www.example.net/files 目录');
    expect(fix('手册见 https://help example org/guide 一节')).toBe('手册见 https://help.example.org/guide 一节');
    expect(fix('镜像站 https://mirror lab school edu cn/help 说明')).toBe('镜像站 https://mirror.lab.school.edu.cn/help 说明');
    expect(fix('门户 http://www portal com cn/news 页面')).toBe('门户 http://www.portal.com.cn/news 页面');
    expect(fix('下载 https://www. example. org/get 即可')).toBe('下载 https://www.example.org/get 即可');
    expect(fix('接口 https://api example io:8443/v1 可用')).toBe('接口 https://api.example.io:8443/v1 可用');
    expect(fix('查询 https://find example com?q=ocr 可用')).toBe('查询 https://find.example.com?q=ocr 可用');
    expect(fix('门户 http://www 360 cn/ 首页')).toBe('门户 http://www.360.cn/ 首页');
  });
  it('restores the dots of a host without a path when its last label is a common TLD', () => {
    expect(fix('项目主页 https:/gitee com 上有镜像')).toBe('项目主页 https://gitee.com 上有镜像');
    expect(fix('官网 https://www example org。')).toBe('官网 https://www.example.org。');
    expect(fix('（官网：https://tools example net）')).toBe('（官网：https://tools.example.net）');
    expect(fix('官网是 http://www school edu cn，欢迎访问')).toBe('官网是 http://www.school.edu.cn，欢迎访问');
    expect(fix('首页 https://example com')).toBe('首页 https://example.com');
    expect(fix('Visit https://example com for more.')).toBe('Visit https://example.com for more.');
    expect(fix('官网 https://example com的首页')).toBe('官网 https://example.com的首页');
    expect(fix('第一行 https://gitee com\n第二行 https://github.com/x 不变。')).toBe('第一行 https://gitee.com\n第二行 https://github.com/x 不变。');
    expect(clean('原始碼見 https:/gitee com 網站。')).toBe('原始碼見 https://gitee.com 網站。');
  });
  it('leaves complete hosts and the words after them alone', () => {
    for (const ok of [
      'see https://example.com for more',
      '地址 https://example.com 上的文档',
      '地址 https://example.com上的文档',
      '见 https://www.example.org/download 页面',
      'Use https://example.com in your browser, or https://example.org me too.',
      '访问 https://example.org io/x 页面',
      '服务在 http://localhost com 上',
      '服务在 http://localhost and example com/x 上',
      '地址 http://192.168.1.1 and example com/x 不变',
      '站点 https://foo bar 不是网址',
      '站点 https://intranet 上的页面',
      '写作 https://example.com co 不变',
    ]) expect(fix(ok)).toBe(ok);
  });
  it('does not end a host without a path at a TLD that is also an English word or a Pinyin syllable', () => {
    for (const ok of ['打开 http://intranet in 浏览器', '打开 http://server me 页面', '见 http://host de 说明']) expect(fix(ok)).toBe(ok);
  });
});

describe('token/url lookalikes in well-known paths', () => {
  it('repairs a lookalike letter in a top FHS directory and a leading / read as V', () => {
    expect(fix('模块在 /Lib/modules/ 下，配置在 “Vetc/hosts” 里')).toBe('模块在 /lib/modules/ 下，配置在 “/etc/hosts” 里');
    expect(fix('见 /usr/1ib/python3/ 与 "/etc/defauLt/keyboard"')).toBe('见 /usr/lib/python3/ 与 "/etc/default/keyboard"');
    expect(fix('文档在\nVusr/share/doc/ 下')).toBe('文档在\n/usr/share/doc/ 下');
  });
  it('repairs such a path after any white space, as after a space (a line start, a tab, U+3000, U+00A0)', () => {
    for (const sp of [' ', '\n', '\t', '\u3000', '\u00a0']) {
      expect(fix(`安装目录${sp}/usr/1ib/x 中的文件`)).toBe(`安装目录${sp}/usr/lib/x 中的文件`);
      expect(fix(`驱动在${sp}/Lib/firmware 里`)).toBe(`驱动在${sp}/lib/firmware 里`);
      expect(fix(`系统盘${sp}/b00t/efi 分区`)).toBe(`系统盘${sp}/boot/efi 分区`);
    }
  });
  it('leaves other capitalised or unknown directories alone', () => {
    for (const ok of ['字体在 /Library/Fonts/ 下', '见 /Lab/notes/ 目录', '运行 ./L1/run.sh', '字母 V 和 "Vim/" 目录', '版本 Vetc/notes 与 Vusr/x']) {
      expect(fix(ok)).toBe(ok);
    }
  });
});

describe('token/url fast exits (each pattern is skipped only on a page that cannot match it)', () => {
  const long = '这一段正文没有任何路径，只谈缓存的写回策略。'.repeat(10);
  it('still finds a lone fix at the very end of a long page', () => {
    expect(fix(`${long}启动脚本是“Vinit”`)).toBe(`${long}启动脚本是“/init”`);
    expect(fix(`${long}配置在“Vetc/hosts”`)).toBe(`${long}配置在“/etc/hosts”`);
    expect(fix(`${long}文档在 Vusr/share/doc/x 下`)).toBe(`${long}文档在 /usr/share/doc/x 下`);
    expect(fix(`${long}日志在 /varlog 里`)).toBe(`${long}日志在 /var/log 里`);
    expect(fix(`${long}见“usr/bin/env”`)).toBe(`${long}见“/usr/bin/env”`);
    expect(fix(`${long}库在 /usr/1ib/x 中`)).toBe(`${long}库在 /usr/lib/x 中`);
  });
  it('leaves a page with slashes but nothing to repair alone', () => {
    for (const s of [`${long}比例是 3/4，路径 a/b/c 不变`, `${long}Vim 与 VS Code`]) expect(fix(s)).toBe(s);
  });
});
