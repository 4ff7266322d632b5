import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { decode, encode, InputError, invalidUtf8Offset } from '../src/io/decode.js';
import { coalesce } from '../src/io/files.js';

const roundTrip = (bytes: Buffer, enc: Parameters<typeof decode>[2] = 'auto') => {
  const d = decode(bytes, 'x.txt', enc);
  return { d, back: encode(d.text, d) };
};

describe('decode/encode', () => {
  it('reads UTF-8 without BOM and writes it back byte for byte', () => {
    const b = Buffer.from('第一行 Alpha\n第二行\n', 'utf8');
    const { d, back } = roundTrip(b);
    expect(d).toMatchObject({ encoding: 'utf-8', bom: false, eol: 'lf', text: '第一行 Alpha\n第二行\n' });
    expect(back.equals(b)).toBe(true);
  });
  it('remembers a UTF-8 BOM and strips it from the text', () => {
    const b = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('正文', 'utf8')]);
    const { d, back } = roundTrip(b);
    expect(d.bom).toBe(true);
    expect(d.text).toBe('正文');
    expect(back.equals(b)).toBe(true);
  });
  it('turns CRLF into LF for the rules and restores it on write', () => {
    const b = Buffer.from('甲\r\n乙\r\n', 'utf8');
    const { d, back } = roundTrip(b);
    expect(d.eol).toBe('crlf');
    expect(d.text).toBe('甲\n乙\n');
    expect(back.equals(b)).toBe(true);
  });
  it('keeps mixed line endings as they are', () => {
    const b = Buffer.from('甲\r\n乙\n', 'utf8');
    const { d, back } = roundTrip(b);
    expect(d.eol).toBe('lf');
    expect(back.equals(b)).toBe(true);
  });
  it('detects UTF-16 LE and BE by BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('模型 v2', 'utf16le')]);
    const r1 = roundTrip(le);
    expect(r1.d).toMatchObject({ encoding: 'utf-16le', bom: true, text: '模型 v2' });
    expect(r1.back.equals(le)).toBe(true);
    const beBody = Buffer.from('模型 v2', 'utf16le');
    beBody.swap16();
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), beBody]);
    const r2 = roundTrip(be);
    expect(r2.d).toMatchObject({ encoding: 'utf-16be', bom: true, text: '模型 v2' });
    expect(r2.back.equals(be)).toBe(true);
  });
  it('reads and writes GB18030 and Big5 on request', () => {
    const gb = iconv.encode('简体中文扫描件', 'gb18030');
    const r1 = roundTrip(gb, 'gb18030');
    expect(r1.d.text).toBe('简体中文扫描件');
    expect(r1.back.equals(gb)).toBe(true);
    const big5 = iconv.encode('繁體中文掃描', 'big5');
    const r2 = roundTrip(big5, 'big5');
    expect(r2.d.text).toBe('繁體中文掃描');
    expect(r2.back.equals(big5)).toBe(true);
  });
  it('rejects invalid UTF-8 with the byte offset', () => {
    const b = Buffer.concat([Buffer.from('正常', 'utf8'), Buffer.from([0xc3, 0x28])]);
    expect(invalidUtf8Offset(b)).toBe(6);
    expect(() => decode(b, 'bad.txt')).toThrow(InputError);
    expect(() => decode(b, 'bad.txt')).toThrow(/bad\.txt: invalid UTF-8.*byte offset 6/);
  });
  it('rejects overlong and surrogate encodings', () => {
    expect(invalidUtf8Offset(Buffer.from([0x41, 0xc0, 0x80]))).toBe(1);
    expect(invalidUtf8Offset(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0);
    expect(invalidUtf8Offset(Buffer.from([0xf0, 0x9f, 0x98, 0x80]))).toBe(-1);
  });
  it('rejects a binary file (NUL byte) naming the offset', () => {
    const b = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x01]);
    expect(() => decode(b, 'scan.zip')).toThrow(/scan\.zip: binary file.*byte offset 4/);
  });
});

describe('collectGarbage', () => {
  it('frees garbage when the heap is over the threshold, and does nothing under it', async () => {
    const { allowCollections, collectGarbage } = await import('../src/io/memory.js');
    allowCollections();
    let junk: unknown[] | undefined = Array.from({ length: 200_000 }, (_, i) => ({ i, s: `第${i}页` }));
    const held = process.memoryUsage().heapUsed;
    junk = undefined;
    collectGarbage(Number.MAX_SAFE_INTEGER); // under the threshold: no collection asked for
    collectGarbage(0);
    expect(junk).toBeUndefined();
    expect(process.memoryUsage().heapUsed).toBeLessThan(held - 5 * 2 ** 20);
  });
});

describe('coalesce', () => {
  it('hands the pieces on in order, joined into writes of about the given size, and the rest at flush', () => {
    const writes: Buffer[] = [];
    const out = coalesce((b) => writes.push(b), 10);
    const pieces = ['页一', 'abc', '', '第二页的文字', 'x', 'yz'].map((s) => Buffer.from(s));
    for (const p of pieces) out.push(p);
    const before = writes.length;
    out.flush();
    out.flush(); // nothing left: no empty write
    expect(Buffer.concat(writes).toString()).toBe('页一abc第二页的文字xyz');
    expect(before).toBeGreaterThan(0); // the size was reached before the end
    expect(writes.length).toBe(before + 1);
    expect(writes.every((w) => w.length > 0)).toBe(true);
    expect(writes.slice(0, before).every((w) => w.length >= 10)).toBe(true);
  });
  it('writes nothing when nothing came', () => {
    const writes: Buffer[] = [];
    const out = coalesce((b) => writes.push(b));
    out.push(Buffer.alloc(0));
    out.flush();
    expect(writes).toEqual([]);
  });
});
