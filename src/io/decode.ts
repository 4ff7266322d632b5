/**
 * Bytes <-> text, remembering everything needed to write the text back byte-for-byte where nothing changed:
 * encoding, BOM and line-ending style. (DESIGN.md pipeline step 1.)
 */
import { isUtf8 } from 'node:buffer';
import { lazyRequire } from './lazy.js';

const iconvLite = lazyRequire<typeof import('iconv-lite')>('iconv-lite');

/** Encodings accepted by `--encoding`. `auto` = UTF-8, or UTF-16 when a UTF-16 BOM is present. */
export type EncodingName = 'auto' | 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';
export const ENCODINGS: readonly EncodingName[] = ['auto', 'utf-8', 'utf-16le', 'utf-16be', 'gb18030', 'big5'];

/** A decoded text and how it was stored. */
export interface Decoded {
  /** The text with a leading BOM removed and, when `eol` is `crlf`, every CRLF turned into LF. */
  text: string;
  encoding: Exclude<EncodingName, 'auto'>;
  bom: boolean;
  /** `crlf` only when every line break in the file is CRLF; mixed files are kept as they are (`lf`). */
  eol: 'lf' | 'crlf';
}

/** An input that cannot be read as text. `offset` is a byte offset into the file. */
export class InputError extends Error {
  constructor(
    readonly file: string,
    message: string,
    readonly offset?: number,
  ) {
    super(`${file}: ${message}${offset !== undefined ? ` (byte offset ${offset})` : ''}`);
    this.name = 'InputError';
  }
}

/** Finds the byte offset of the first invalid UTF-8 sequence, or -1. */
export function invalidUtf8Offset(buf: Uint8Array): number {
  let i = 0;
  const n = buf.length;
  while (i < n) {
    const b = buf[i];
    if (b < 0x80) { i++; continue; }
    let need: number, min: number;
    if (b >= 0xc2 && b <= 0xdf) { need = 1; min = 0x80; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; min = 0x800; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; min = 0x10000; }
    else return i;
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Decodes a file's bytes.
 * @param buf the file's bytes
 * @param file the name used in errors
 * @param encoding `auto` detects UTF-16 by BOM and otherwise requires valid UTF-8
 * @throws InputError for a binary file (NUL byte in a non-UTF-16 file) or invalid UTF-8, with the byte offset
 */
export function decode(buf: Uint8Array, file: string, encoding: EncodingName = 'auto'): Decoded {
  let enc: Exclude<EncodingName, 'auto'>;
  let bom = false;
  let start = 0;
  if (encoding === 'auto') {
    if (buf[0] === 0xff && buf[1] === 0xfe) { enc = 'utf-16le'; bom = true; start = 2; }
    else if (buf[0] === 0xfe && buf[1] === 0xff) { enc = 'utf-16be'; bom = true; start = 2; }
    else enc = 'utf-8';
  } else enc = encoding;
  if (enc === 'utf-8' && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) { bom = true; start = 3; }
  if ((enc === 'utf-16le' && buf[0] === 0xff && buf[1] === 0xfe) || (enc === 'utf-16be' && buf[0] === 0xfe && buf[1] === 0xff)) { bom = true; start = 2; }
  const body = buf.subarray(start);
  let text: string;
  if (enc === 'utf-8') {
    const nul = body.indexOf(0);
    if (nul >= 0) throw new InputError(file, 'binary file (NUL byte), not text', nul + start);
    // the native check first (fast); the offset of the first bad byte only when there is one
    const bad = isUtf8(body) ? -1 : invalidUtf8Offset(body);
    if (bad >= 0) throw new InputError(file, 'invalid UTF-8 (use --encoding gb18030 or big5 for legacy Chinese encodings)', bad + start);
    text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  } else if (enc === 'utf-16le' || enc === 'utf-16be') {
    if (body.length % 2 !== 0) throw new InputError(file, `odd number of bytes for ${enc}`, buf.length - 1);
    try {
      text = new TextDecoder(enc, { fatal: true }).decode(body);
    } catch {
      throw new InputError(file, `invalid ${enc} (unpaired surrogate)`);
    }
  } else {
    const nul = body.indexOf(0);
    if (nul >= 0) throw new InputError(file, 'binary file (NUL byte), not text', nul + start);
    try {
      text = new TextDecoder(enc, { fatal: true }).decode(body);
    } catch {
      // find the first bad byte by decoding growing prefixes would be slow; report the file only
      throw new InputError(file, `invalid ${enc} text`);
    }
  }
  if (text.includes('\0')) throw new InputError(file, 'binary file (NUL character), not text');
  let crlf = 0, lf = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    lf++;
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
  }
  const eol = crlf > 0 && crlf === lf ? 'crlf' : 'lf';
  if (eol === 'crlf') text = text.replace(/\r\n/g, '\n');
  return { text, encoding: enc, bom, eol };
}

/**
 * Encodes text back the way it was read (BOM, line endings, encoding).
 * @returns the bytes to write
 */
export function encode(text: string, how: Omit<Decoded, 'text'>): Buffer {
  const t = how.eol === 'crlf' ? text.replace(/\n/g, '\r\n') : text;
  switch (how.encoding) {
    case 'utf-8':
      return Buffer.concat([how.bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(t, 'utf8')]);
    case 'utf-16le':
      return Buffer.concat([how.bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(t, 'utf16le')]);
    case 'utf-16be': {
      const le = Buffer.from(t, 'utf16le');
      le.swap16();
      return Buffer.concat([how.bom ? Buffer.from([0xfe, 0xff]) : Buffer.alloc(0), le]);
    }
    default:
      return iconvLite().encode(t, how.encoding);
  }
}

/**
 * A stateful encoder for output written in pieces (a page at a time): each call returns the bytes of one piece of
 * LF text in the input's encoding and line endings, with the BOM before the first piece when the input had one.
 * The pieces' bytes, joined, equal `encode(pieces.join(''), how)`, provided no piece ends between the two halves
 * of a surrogate pair (pages never do).
 */
export function chunkEncoder(how: Omit<Decoded, 'text'>): (piece: string) => Buffer {
  let first = true;
  return (piece: string) => {
    const b = encode(piece, { ...how, bom: first && how.bom });
    first = false;
    return b;
  };
}
