import { describe, expect, it } from 'vitest';
import { analyzeWidth, punctWidth } from '../src/rules/punct-width.js';
import { applyRule, clean } from './helpers.js';

const fix = (s: string, punctuation: 'auto' | 'fullwidth' | 'halfwidth' | 'keep' = 'auto') =>
  applyRule(punctWidth, s, { style: { spacing: 'always', punctuation } });
const auto = { spacing: 'always' as const, punctuation: 'auto' as const };

describe('punct/width', () => {
  it('falls back to the guidelines with little evidence: full width in Chinese sentences', () => {
    expect(fix('提示:请先保存')).toBe('提示：请先保存');
    expect(fix('先编译;再测试')).toBe('先编译；再测试');
    expect(fix('为什么会失败?')).toBe('为什么会失败？');
  });
  it('keeps marks inside English sentences, times, ratios and URLs', () => {
    for (const s of ['他说：“Keep it simple, stupid.”然后走了。', '会议在 10:30 开始', '比例为 3:4', '访问 http://example.org:8080/ 即可']) {
      expect(fix(s)).toBe(s);
    }
  });
  it('turns a sentence-final period after Chinese into 。, but not a label period or a decimal', () => {
    expect(fix('结果见表（第二节）.')).toBe('结果见表（第二节）。');
    expect(fix('这叫“回退”.')).toBe('这叫“回退”。');
    expect(fix('• 数据准备. 收集并清洗原始数据。')).toBe('• 数据准备. 收集并清洗原始数据。');
    expect(fix('误差约为 0.05 左右')).toBe('误差约为 0.05 左右');
  });
  it('turns paired ASCII quotes around Chinese into “”', () => {
    expect(fix('所谓"梯度消失"，是指梯度越来越小。')).toBe('所谓“梯度消失”，是指梯度越来越小。');
    expect(fix('运行 "npm test" 即可')).toBe('运行 "npm test" 即可');
  });
  it('unifies a bracket pair of mixed widths', () => {
    expect(fix('容器编排(Kubernetes）很流行')).toBe('容器编排（Kubernetes）很流行');
    // with no space between it and the words outside it
    expect(fix('容器编排 (Kubernetes） 很流行')).toBe('容器编排（Kubernetes）很流行');
    expect(fix('日志系统 （journald) 负责记录')).toBe('日志系统（journald）负责记录');
    // a space next to a mark outside it stays for space/punctuation to judge
    expect(fix('第一行写得整齐，没有空格。\n先安装。 (参见附录）')).toBe('第一行写得整齐，没有空格。\n先安装。 （参见附录）');
    expect(fix('调用 vim(1) 编辑')).toBe('调用 vim(1) 编辑');
  });
  it('leaves a matched ASCII pair set off by spaces (the typesetter\'s Latin-style parenthesis) in a full-width document', () => {
    const doc = '第一段，第二段，第三段（补充），第四段；配置文件 (参见 fstab(5)) 决定挂载点。';
    expect(fix(doc)).toBe(doc);
    expect(fix('第一段，第二段，第三段（补充），第四段；配置文件(参见手册)决定挂载点。')).toBe('第一段，第二段，第三段（补充），第四段；配置文件（参见手册）决定挂载点。');
    expect(fix('配置文件 (参见手册) 决定', 'fullwidth')).toBe('配置文件 （参见手册） 决定');
    // a space between the pair and a mark is padding, not typesetting: the same answer before and after it goes
    expect(clean('( 模) :    ')).toBe(clean(clean('( 模) :    ')));
  });
  it('follows the document majority: a half-width book keeps , : ; ( ) half width', () => {
    const doc = '第一段,第二段,第三段(补充),第四段;第五段,第六段，第七段。';
    const st = analyzeWidth([doc], auto);
    expect(st.marks).toBe('halfwidth');
    expect(fix(doc)).toBe('第一段,第二段,第三段(补充),第四段;第五段,第六段,第七段。');
  });
  it('follows the document majority: a full-width book gets full-width marks', () => {
    const doc = '第一段，第二段，第三段（补充），第四段；第五段,第六段。';
    expect(analyzeWidth([doc], auto).marks).toBe('fullwidth');
    expect(fix(doc)).toBe('第一段，第二段，第三段（补充），第四段；第五段，第六段。');
  });
  it('lets a family with its own clear majority keep its width (commas full, brackets half)', () => {
    const doc = '甲，乙，丙，丁，戊，己(一)庚(二)辛(三)壬(四)。';
    const st = analyzeWidth([doc], auto);
    expect(st.family.comma).toBe('fullwidth');
    expect(st.family.bracket).toBe('halfwidth');
    expect(fix(doc)).toBe(doc);
  });
  it('pools the evidence over all pages of the document', () => {
    const st = analyzeWidth(['甲,乙,丙', '丁,戊', '己，庚'], auto);
    expect(st.counts.half).toBe(3);
    expect(st.counts.full).toBe(1);
  });
  it('forces a width with fullwidth/halfwidth and does nothing with keep', () => {
    expect(fix('第一,第二,第三,第四,第五,第六', 'fullwidth')).toBe('第一，第二，第三，第四，第五，第六');
    expect(fix('第一，第二', 'halfwidth')).toBe('第一,第二');
    expect(fix('提示:请先保存', 'keep')).toBe('提示:请先保存');
  });
  it('leaves an English-style list comma after a Latin word or bracket alone', () => {
    expect(fix('支持 ssh(1), 和 scp(1)')).toBe('支持 ssh(1), 和 scp(1)');
  });
  it('turns a sentence-final period into 。 only when the document clearly ends its sentences with 。', () => {
    const mixed = '第一句。第二句。第三句. 第四句。第五句. 第六句.';
    expect(analyzeWidth([mixed], auto).fullStop).toBe(false);
    const mostly = '第一句。第二句。第三句。第四句。第五句. 第六句。';
    expect(analyzeWidth([mostly], auto).fullStop).toBe(true);
  });
});

describe('a period before a bracket this run converts', () => {
  const doc = '他们用了各种工具(例如编辑器等.)来完成工作。这是第二句。还有第三句。';
  it('becomes 。 in the same run as the bracket, so a second run has nothing left to do', () => {
    const once = clean(doc);
    expect(once).toContain('（例如编辑器等。）');
    expect(clean(once)).toBe(once);
  });
  it('stays a period before a Latin-style ASCII pair, which is not converted', () => {
    const latin = '见手册 (参见 ls(1) 等.) 的说明。这是第二句。还有第三句。';
    const once = clean(latin);
    expect(once).toContain('等.)');
    expect(clean(once)).toBe(once);
  });
});

describe('a period after a closing bracket or quote in the middle of a line', () => {
  it('ends the sentence before more Chinese text (Simplified and Traditional)', () => {
    expect(fix('公式推导见第四节（引理三）.接着给出证明。')).toBe('公式推导见第四节（引理三）。接着给出证明。');
    expect(fix('請參閱（附錄乙）.其餘略過。')).toBe('請參閱（附錄乙）。其餘略過。');
    expect(fix('这种结构叫“跳跃连接”.随后我们看实验.')).toBe('这种结构叫“跳跃连接”。随后我们看实验。');
    expect(fix('参考《算法导论》.本章只讲排序。')).toBe('参考《算法导论》。本章只讲排序。');
    expect(fix('这叫「快取」.下面說明。')).toBe('这叫「快取」。下面說明。');
  });
  it('becomes 。 in the same run as an ASCII bracket pair this run converts', () => {
    expect(fix('详见第二章(概念).后面还有练习。')).toBe('详见第二章（概念）。后面还有练习。');
  });
  it('leaves a period before Latin text, a file name after a quote, and a label after a plain Han character', () => {
    for (const s of ['配置写在“settings”.json 里。', '见（附录）.NET 部分的说明。', '一.概述', '甲.乙两种方案都可行。',
      '[1] 周志华.《机器学习》.北京：清华大学出版社，2016.', '李航.《统计学习方法》.北京：清华大学出版社', '步骤 3.\n打开终端。',
      '1）.安装依赖', '（一）.概述', '周志华.机器学习（第2版）.北京：清华大学出版社', '《三体》.刘慈欣.重庆出版社.2008.']) expect(fix(s)).toBe(s);
    // a closing ASCII quote this run makes ” counts as a closer already: one run does what two would
    const once = clean('所谓"瓶颈".然后我们看。');
    expect(once).toBe('所谓“瓶颈”。然后我们看。');
    expect(clean(once)).toBe(once);
  });
  it('keeps the document\'s own half-width periods', () => {
    const doc = '第一句. 第二句. 第三句（注）.第四句. 第五句.';
    expect(analyzeWidth([doc], auto).fullStop).toBe(false);
    expect(fix(doc)).toBe(doc);
    expect(fix('见附表（二）.再看下文。', 'halfwidth')).toBe('见附表(二).再看下文。');
  });
});

describe('several pairs of ASCII quotes around Chinese on one line', () => {
  it('all become “” when the document has too few quotes to show a house style', () => {
    expect(fix('这里要区分"精确率"和"召回率"。')).toBe('这里要区分“精确率”和“召回率”。');
    expect(fix('分成"训练集"、"验证集"与"测试集"三份。')).toBe('分成“训练集”、“验证集”与“测试集”三份。');
    expect(fix('區分"前端"與"後端"兩部分。')).toBe('區分“前端”與“後端”兩部分。');
  });
  it('leaves quotes around commands, paths and English alone', () => {
    for (const s of ['先运行 "make all" 再运行 "make test" 即可。', '编辑 "/etc/fstab" 和 "~/.profile" 两个文件。']) expect(fix(s)).toBe(s);
    expect(fix('命令 "ls -l" 列出"详细信息"。')).toBe('命令 "ls -l" 列出“详细信息”。');
  });
  it('keeps ASCII quotes in a document that clearly writes them that way', () => {
    const doc = ['他说"甲"。', '又说"乙"。', '再说"丙"。', '还说"丁"。', '最后说"戊"和“己”。'].join('\n');
    const st = analyzeWidth([doc], auto);
    expect(st.curlyQuotes).toBe(false);
    expect(fix(doc)).toBe(doc);
    expect(fix('这里要区分"精确率"和"召回率"。', 'halfwidth')).toBe('这里要区分"精确率"和"召回率"。');
  });
});

describe('a mark padded with spaces on both sides between Chinese clauses', () => {
  it('becomes full width and loses its spaces, on a page with no other padding', () => {
    expect(fix('常用的优化器有两种 : 动量法和自适应法、以及它们的变体。')).toBe('常用的优化器有两种：动量法和自适应法、以及它们的变体。');
    expect(fix('先读入数据 , 再做归一化、去重和采样。')).toBe('先读入数据，再做归一化、去重和采样。');
    expect(fix('先編譯 ; 再測試、再部署。')).toBe('先編譯；再測試、再部署。');
    expect(fix('结果如何 ? 请看下表。')).toBe('结果如何？请看下表。');
  });
  it('leaves the author\'s English-style mark (a space after only), times, code and Latin neighbours alone', () => {
    for (const s of ['支持空格, 制表符和换行符、回车符。', '时间为 10 : 30 左右、不早于九点。', '键名 a : b 在前、值在后。']) expect(fix(s)).toBe(s);
  });
  it('stays half width in a half-width document', () => {
    const doc = '第一段,第二段,第三段(补充),第四段;第五段 : 第六段。';
    expect(analyzeWidth([doc], auto).family.colon).toBe('halfwidth');
    expect(fix(doc)).toBe(doc);
  });
  it('counts brackets of either width beside it, and not quotes, so that a second run agrees', () => {
    expect(fix('（一） , 其次是数据、模型。')).toBe('（一），其次是数据、模型。');
    for (const s of ['他说 "甲" : 乙、丙。', '他说 “甲” : 乙、丙。']) expect(clean(clean(s))).toBe(clean(s));
    const once = clean('步骤 (一) , 其次是数据、模型。');
    expect(clean(once)).toBe(once);
  });
  it('is cleaned to ：with no spaces by the whole pipeline', () => {
    expect(clean('数据集可以分为三部分 : 训练、验证和测试。')).toBe('数据集可以分为三部分：训练、验证和测试。');
  });
});

describe('a sentence-final period after a number that ends a Chinese sentence', () => {
  it('becomes 。 after a whole number or a decimal', () => {
    expect(fix('动量系数取 0.9.')).toBe('动量系数取 0.9。');
    expect(fix('批大小设为 64.')).toBe('批大小设为 64。');
    expect(fix('准确率提高到 97.5%.')).toBe('准确率提高到 97.5%。');
    expect(fix('温度降到 -3.5.')).toBe('温度降到 -3.5。');
    expect(fix('權重衰減取 0.01.')).toBe('權重衰減取 0.01。');
  });
  it('never touches a decimal point, a version, an address, a date, a list number or a number after Latin text', () => {
    for (const s of [
      '动量系数取 0.9 即可。', '软件版本为 2.4.1.', '服务器地址是 10.0.0.1.', '发布日期为 2023-11-05.',
      '1. 准备数据', '  2. 训练模型', '步骤 3. 评估结果', '本书使用 Python 3.11.', '参见 RFC 2616.', '• 学习率 0.1.',
    ]) expect(fix(s)).toBe(s);
  });
});
