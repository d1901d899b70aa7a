/**
 * Encoding functions: base64decode base64encode base64gzip csvdecode jsondecode jsonencode
 * textdecodebase64 textencodebase64 urlencode yamldecode yamlencode.
 */
import { deflateRawSync, constants as zc } from 'node:zlib';
import { crc32 } from './crc32.js';
import * as T from '../types.js';
import { Value, stringVal, unknownVal, isWhollyKnown, listVal, emptyListVal, objectVal } from '../value.js';
import type { FunctionDef } from './function.js';
import { FunctionError } from './function.js';
import { fixed, param, typed } from './util.js';
import { jsonDecode, jsonEncodeValue } from './json.js';
import { yamlDecode, yamlEncode } from './yaml.js';

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Go's base64.StdEncoding.DecodeString (strict padding; CR/LF ignored). Undefined when invalid. */
export function decodeBase64Strict(s: string): Buffer | undefined {
  const t = s.replace(/[\r\n]/g, '');
  if (t.length % 4 !== 0 || !B64.test(t)) return undefined;
  const buf = Buffer.from(t, 'base64');
  // Reject non-canonical trailing bits the way Go's strict decoder does not (Go is lenient here).
  return buf;
}

/** The byte offset of the first invalid base64 symbol, as Go's CorruptInputError reports it. */
function corruptOffset(s: string): number {
  const t = s.replace(/[\r\n]/g, '');
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (c === '=') {
      const rest = t.slice(i);
      if ((t.length % 4 === 0) && /^={1,2}$/.test(rest) && i >= t.length - 2) return -1;
      return i;
    }
    if (!/[A-Za-z0-9+/]/.test(c)) return i;
  }
  return t.length % 4 === 0 ? -1 : t.length - (t.length % 4);
}

const ENCODINGS: Record<string, string> = {
  'utf-8': 'utf-8', utf8: 'utf-8', 'unicode-1-1-utf-8': 'utf-8',
  'utf-16': 'utf-16', 'utf-16le': 'utf-16le', 'utf-16be': 'utf-16be',
  'iso-8859-1': 'latin1', 'iso_8859-1': 'latin1', latin1: 'latin1', l1: 'latin1', 'iso-ir-100': 'latin1', ibm819: 'latin1', cp819: 'latin1', csisolatin1: 'latin1',
  'us-ascii': 'ascii', ascii: 'ascii', 'iso-ir-6': 'ascii', 'ansi_x3.4-1968': 'ascii', us: 'ascii', ibm367: 'ascii', cp367: 'ascii', csascii: 'ascii',
  'windows-1252': 'windows-1252', cp1252: 'windows-1252',
  cp936: 'gbk', 'windows-1250': 'windows-1250', cp1250: 'windows-1250', ibm437: 'ibm437', cp437: 'ibm437', '437': 'ibm437', cspc8codepage437: 'ibm437', 'shift_jis': 'shift_jis', 'euc-jp': 'euc-jp', 'euc-kr': 'euc-kr', 'gbk': 'gbk', 'gb18030': 'gb18030', 'big5': 'big5', 'iso-8859-2': 'iso-8859-2', 'iso-8859-15': 'iso-8859-15', 'koi8-r': 'koi8-r', 'windows-1251': 'windows-1251',
};

/** The IANA name Terraform prints for an encoding in its messages. */
const CANONICAL: Record<string, string> = {
  'utf-8': 'UTF-8', 'utf-16': 'UTF-16', 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE', latin1: 'ISO-8859-1', ascii: 'US-ASCII',
  'windows-1252': 'windows-1252', 'windows-1250': 'windows-1250', ibm437: 'IBM437', gbk: 'GBK', 'shift_jis': 'Shift_JIS', 'euc-jp': 'EUC-JP',
  'euc-kr': 'EUC-KR', gb18030: 'GB18030', big5: 'Big5', 'iso-8859-2': 'ISO-8859-2', 'iso-8859-15': 'ISO-8859-15', 'koi8-r': 'KOI8-R', 'windows-1251': 'windows-1251',
};

function encodingName(v: Value): string {
  const enc = ENCODINGS[v.str.toLowerCase()];
  if (!enc) throw new FunctionError(`${JSON.stringify(v.str)} is not a supported IANA encoding name or alias in this Terraform version`, 1);
  return enc;
}

const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function encodeText(s: string, enc: string, encName: string): Buffer {
  switch (enc) {
    case 'utf-8': return Buffer.from(s, 'utf8');
    case 'utf-16le': return Buffer.from(s, 'utf16le');
    case 'utf-16be': case 'utf-16': {
      const le = Buffer.from(s, 'utf16le');
      for (let i = 0; i + 1 < le.length; i += 2) { const a = le[i]!; le[i] = le[i + 1]!; le[i + 1] = a; }
      return enc === 'utf-16' ? Buffer.concat([Buffer.from([0xfe, 0xff]), le]) : le;
    }
    case 'latin1': case 'ascii': case 'windows-1252': {
      const out: number[] = [];
      for (const ch of s) {
        const c = ch.codePointAt(0)!;
        if (enc === 'ascii' ? c < 0x80 : c < 0x100 && !(enc === 'windows-1252' && c >= 0x80 && c < 0xa0 && CP1252_HIGH.indexOf(ch) < 0)) {
          out.push(c);
          continue;
        }
        const hi = enc === 'windows-1252' ? CP1252_HIGH.indexOf(ch) : -1;
        if (hi >= 0) { out.push(0x80 + hi); continue; }
        throw new FunctionError(`the given string contains characters that cannot be represented in ${encName}`, 0);
      }
      return Buffer.from(out);
    }
    default:
      // The remaining encodings are ASCII-compatible; only ASCII text is encoded here.
      // eslint-disable-next-line no-control-regex
      if (/^[\x00-\x7f]*$/.test(s)) return Buffer.from(s, 'latin1');
      throw new FunctionError(`encoding to ${encName} is not supported by terrane for non-ASCII text`, 1);
  }
}

function decodeText(b: Buffer, enc: string, encName: string): string {
  const label = enc === 'latin1' ? 'iso-8859-1' : enc === 'ascii' ? 'windows-1252' : enc;
  try {
    const td = new TextDecoder(label === 'utf-16' ? 'utf-16be' : label, { fatal: true, ignoreBOM: false });
    if (/^(windows-|iso-8859|koi8)/.test(label)) {
      // Single-byte code pages: a byte the page leaves undefined is an error (ICU drops it).
      for (const byte of new Set(b)) {
        if (byte < 0x80) continue;
        const ch = td.decode(Uint8Array.of(byte));
        if (ch === '' || (label.startsWith('windows-') && /[\u0080-\u009f]/.test(ch))) throw new Error('undefined');
      }
    }
    return td.decode(b);
  } catch {
    throw new FunctionError(`the given string contains symbols that are not defined for ${encName}`, 0);
  }
}

/**
 * The bytes Go's gzip writer produces after Write, Flush, Close (what Terraform does):
 * header with OS "unknown", the deflate data ending in a sync-flush marker, an empty
 * final stored block, CRC-32 and length.
 */
export function goGzip(data: Buffer): Buffer {
  const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
  const body = deflateRawSync(data, { finishFlush: zc.Z_SYNC_FLUSH });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(data), 0);
  trailer.writeUInt32LE(data.length >>> 0, 4);
  return Buffer.concat([header, body, Buffer.from([1, 0, 0, 0xff, 0xff]), trailer]);
}

/** What a JSON document starting with `prefix` can decode to (cty refines unknown strings this way). */
function jsonTypeFromPrefix(prefix: string): T.Type {
  const p = prefix.trim();
  if (p === '') return T.Dynamic;
  const r = String.fromCodePoint(p.codePointAt(0)!);
  if (r === '"') return T.String;
  if (r === 't' || r === 'f') return T.Bool;
  if (/[-0-9.]/.test(r)) return T.Number;
  if (r === '{' || r === '[' || r === 'n') return T.Dynamic;
  throw new FunctionError(`a JSON document cannot begin with the character ${JSON.stringify(r)}`, 0);
}

/** Go's url.QueryEscape. */
export function queryEscape(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

interface CsvError { line: number; msg: string }

/** Go's encoding/csv reader with default settings. */
function parseCsv(src: string): string[][] {
  const rows: string[][] = [];
  let i = 0;
  let line = 1;
  const n = src.length;
  let fieldsPer = -1;
  while (i < n) {
    // Skip empty lines.
    if (src[i] === '\n') { i++; line++; continue; }
    if (src[i] === '\r' && src[i + 1] === '\n') { i += 2; line++; continue; }
    const startLine = line;
    const row: string[] = [];
    for (;;) {
      let field = '';
      if (src[i] === '"') {
        const quoteLine = line;
        i++;
        for (;;) {
          if (i >= n) throw csvErr({ line: quoteLine, msg: 'extraneous or missing " in quoted-field' });
          const c = src[i]!;
          if (c === '"') {
            if (src[i + 1] === '"') { field += '"'; i += 2; continue; }
            i++;
            break;
          }
          if (c === '\n') line++;
          if (c === '\r' && src[i + 1] === '\n') { i++; continue; }
          field += c;
          i++;
        }
        const c = src[i];
        if (c !== undefined && c !== ',' && c !== '\n' && !(c === '\r' && src[i + 1] === '\n') && c !== '\r') {
          throw csvErr({ line, msg: 'extraneous or missing " in quoted-field' });
        }
      } else {
        while (i < n && src[i] !== ',' && src[i] !== '\n' && !(src[i] === '\r' && src[i + 1] === '\n')) {
          if (src[i] === '"') throw csvErr({ line, msg: 'bare " in non-quoted-field' });
          field += src[i];
          i++;
        }
      }
      row.push(field);
      if (src[i] === ',') { i++; continue; }
      if (src[i] === '\r' && src[i + 1] === '\n') i += 2;
      else if (src[i] === '\n') i++;
      line++;
      break;
    }
    if (fieldsPer < 0) fieldsPer = row.length;
    else if (row.length !== fieldsPer) throw csvErr({ line: startLine, msg: 'wrong number of fields' });
    rows.push(row);
  }
  return rows;
}
function csvErr(e: CsvError): FunctionError {
  return new FunctionError(`CSV parse error on line ${e.line}: ${e.msg}`);
}

const str = param('str', T.String);

/** The encoding function table. */
export const encodingFunctions: Record<string, FunctionDef> = {
  base64encode: fixed('Applies Base64 encoding to a string.', [str], T.String, ([s]) => stringVal(Buffer.from(s!.str, 'utf8').toString('base64'))),
  base64decode: fixed('Takes a string containing a Base64 character sequence and returns the original string.',
    [param('str', T.String, { allowMarked: true, allowUnknown: true })], T.String, ([s0]) => {
      const s = s0!.unmark();
      if (!s.isKnown) return unknownVal(T.String, { notNull: true }).withMarks(s0!.marks);
      const buf = decodeBase64Strict(s.str);
      if (!buf || corruptOffset(s.str) >= 0) {
        throw new FunctionError(`failed to decode base64 data ${s0!.isSensitive ? '(sensitive value)' : JSON.stringify(s.str)}`);
      }
      const out = buf.toString('utf8');
      if (Buffer.compare(Buffer.from(out, 'utf8'), buf) !== 0) throw new FunctionError('the result of decoding the provided string is not valid UTF-8');
      return stringVal(out).withMarks(s0!.marks);
    }),
  base64gzip: fixed('Compresses a string with gzip and then encodes the result in Base64 encoding.', [str], T.String, ([s]) => {
    return stringVal(goGzip(Buffer.from(s!.str, 'utf8')).toString('base64'));
  }),
  urlencode: fixed('Applies URL encoding to a given string.', [str], T.String, ([s]) => stringVal(queryEscape(s!.str))),
  textencodebase64: fixed('Encodes the unicode characters in a given string using a specified character encoding, returning the result base64 encoded.',
    [param('string', T.String), param('encoding', T.String)], T.String, ([s, e]) => {
      const enc = encodingName(e!);
      return stringVal(encodeText(s!.str, enc, CANONICAL[enc] ?? e!.str).toString('base64'));
    }),
  textdecodebase64: fixed('Decodes a string that was previously Base64-encoded, and then interprets the result as characters in a specified character encoding.',
    [param('source', T.String), param('encoding', T.String)], T.String, ([s, e]) => {
      const enc = encodingName(e!);
      const off = corruptOffset(s!.str);
      if (off >= 0) throw new FunctionError(`the given value has an invalid base64 symbol at offset ${off}`, 0);
      const buf = Buffer.from(s!.str.replace(/[\r\n]/g, ''), 'base64');
      return stringVal(decodeText(buf, enc, CANONICAL[enc] ?? e!.str));
    }),
  jsonencode: fixed('Returns a string containing a JSON representation of the given value.',
    [param('val', T.Dynamic, { allowDynamicType: true, allowNull: true })], T.String, ([v]) => {
      if (!isWhollyKnown(v!)) {
        const k = v!.type.kind;
        const pre = k === 'string' ? '"' : k === 'object' || k === 'map' ? '{' : k === 'tuple' || k === 'list' || k === 'set' ? '[' : '';
        const notNull = v!.isKnown || v!.refinement?.notNull;
        return unknownVal(T.String, notNull && pre ? { notNull: true, stringPrefix: pre } : { notNull: true });
      }
      return stringVal(jsonEncodeValue(v!));
    }),
  jsondecode: typed('Interprets a given string as JSON, returning a representation of the result of decoding that string.',
    [str], ([s]) => (s!.isKnown ? jsonDecode(s!.str).type : jsonTypeFromPrefix(s!.refinement?.stringPrefix ?? '')), ([s]) => jsonDecode(s!.str), { refineNotNull: false }),
  yamlencode: fixed('Encodes a given value to a string using YAML 1.2 block syntax.',
    [param('value', T.Dynamic, { allowDynamicType: true, allowNull: true })], T.String, ([v]) => {
      if (!isWhollyKnown(v!)) return unknownVal(T.String, { notNull: true });
      return stringVal(yamlEncode(v!));
    }),
  yamldecode: typed('Parses a string as a subset of YAML, and produces a representation of its value.',
    [param('src', T.String)], ([s]) => (s!.isKnown ? yamlDecode(s!.str).type : T.Dynamic), ([s]) => yamlDecode(s!.str), { refineNotNull: false }),
  csvdecode: typed('Decodes a string containing CSV-formatted data and produces a list of maps representing that data.',
    [str], ([s]) => {
      if (!s!.isKnown) return T.Dynamic;
      const rows = parseCsv(s!.str);
      if (rows.length === 0) throw new FunctionError('missing header line');
      const attrs: Record<string, T.Type> = {};
      for (const h of rows[0]!) {
        if (h in attrs) throw new FunctionError(`duplicate column name ${JSON.stringify(h)}`);
        attrs[h] = T.String;
      }
      return T.List(T.Object_(attrs));
    }, ([s], _c, rt) => {
      const rows = parseCsv(s!.str);
      const headers = rows[0]!;
      const out = rows.slice(1).map((r) => objectVal(headers.map((h, i) => [h, stringVal(r[i]!)] as [string, Value])));
      const et = (rt as T.ListType).elem;
      return out.length === 0 ? emptyListVal(et) : listVal(out, et);
    }),
};
