/**
 * A hand-written JSON parser producing `JsonValue` trees with a range on every part. Its
 * error summaries, details and recovery follow HCL's JSON parser, so a malformed .tf.json
 * reads the same as under Terraform. Duplicate keys are kept here: whether they are an
 * error depends on how the object is later decoded (body or expression).
 */
import type { JsonValue } from '../ast.js';
import type { Diagnostic, Pos, Range } from '../diagnostic.js';
import { errorDiag, rangeBetween } from '../diagnostic.js';
import { nameSuggestion } from '../didyoumean.js';
import { goQuote } from '../go-format.js';
import { scanJson, type JsonToken } from './scanner.js';

/** The result of parsing one JSON value; `value` is absent when nothing usable was read. */
export interface JsonParseResult {
  value?: JsonValue;
  diags: Diagnostic[];
}

class Peeker {
  private i = 0;
  constructor(private readonly toks: JsonToken[]) {}
  peek(): JsonToken { return this.toks[this.i]!; }
  read(): JsonToken {
    const t = this.toks[this.i]!;
    if (t.type !== 'eof') this.i++;
    return t;
  }
}

/** Parses `src` as exactly one JSON value followed by nothing but whitespace. */
export function parseJsonValue(src: string, filename: string, start: Pos = { line: 1, column: 1, byte: 0 }): JsonParseResult {
  const p = new Peeker(scanJson(src, filename, start));
  const { value, diags } = parseValue(p);
  if (diags.length === 0 && p.peek().type !== 'eof') {
    diags.push(errorDiag('Extraneous data after value', 'Extra characters appear after the JSON value.', p.peek().range));
  }
  return { value, diags };
}

const VALUE_START = 'A JSON value must start with a brace, a bracket, a number, a string, or a keyword.';

function parseValue(p: Peeker): JsonParseResult {
  const tok = p.peek();
  switch (tok.type) {
    case '{': return parseObject(p);
    case '[': return parseArray(p);
    case 'number': return parseNumber(p);
    case 'string': return parseString(p);
    case 'keyword': return parseKeyword(p);
    case '}': return { diags: [errorDiag('Missing JSON value', VALUE_START, tok.range)] };
    case ']': return { diags: [errorDiag('Missing array element value', VALUE_START, tok.range)] };
    case 'eof': return { diags: [errorDiag('Missing value', 'The JSON data ends prematurely.', tok.range)] };
    default: return { diags: [errorDiag('Invalid start of value', VALUE_START, tok.range)] };
  }
}

/** Skips to what looks like the end of the current container, so parsing can resume. */
function recover(p: Peeker, tok: JsonToken, open: '{' | '[', close: '}' | ']'): void {
  let depth = 1;
  for (;;) {
    if (tok.type === open) depth++;
    else if (tok.type === close) {
      depth--;
      if (depth <= 1) return;
    } else if (tok.type === 'eof') return;
    tok = p.read();
  }
}

function parseObject(p: Peeker): JsonParseResult {
  const diags: Diagnostic[] = [];
  const open = p.read();
  const props: { name: string; nameRange: Range; value: JsonValue }[] = [];
  for (;;) {
    if (p.peek().type === '}') break;
    const key = parseValue(p);
    diags.push(...key.diags);
    if (!key.value) return { diags };
    if (key.value.type !== 'string') {
      diags.push(errorDiag('Invalid object property name', 'A JSON object property name must be a string', startRange(key.value)));
      return { diags };
    }
    const colon = p.read();
    if (colon.type !== ':') {
      recover(p, colon, '{', '}');
      if (colon.type === '}' || colon.type === ',') {
        diags.push(errorDiag('Missing object value', 'A JSON object attribute must have a value, introduced by a colon.', colon.range));
      } else if (colon.type === '=') {
        diags.push(errorDiag('Missing property value colon', 'JSON uses a colon as its name/value delimiter, not an equals sign.', colon.range));
      } else {
        diags.push(errorDiag('Missing property value colon', "A colon must appear between an object property's name and its value.", colon.range));
      }
      return { diags };
    }
    const val = parseValue(p);
    diags.push(...val.diags);
    if (!val.value) return { diags };
    props.push({ name: key.value.value, nameRange: key.value.range, value: val.value });
    const next = p.peek();
    if (next.type === ',') {
      const comma = p.read();
      if (p.peek().type === '}') {
        diags.push(errorDiag('Trailing comma in object', 'JSON does not permit a trailing comma after the final property in an object.', comma.range));
        return { diags };
      }
      continue;
    }
    if (next.type === 'eof') {
      diags.push(errorDiag('Unclosed object', 'No closing brace was found for this JSON object.', open.range));
      return { diags };
    }
    if (next.type === ']') {
      p.read();
      diags.push(errorDiag('Mismatched braces', 'A JSON object must be closed with a brace, not a bracket.', p.peek().range));
      return { diags };
    }
    if (next.type === '}') break;
    recover(p, p.read(), '{', '}');
    diags.push(errorDiag('Missing attribute seperator comma', 'A comma must appear between each property definition in an object.', p.peek().range));
    return { diags };
  }
  const close = p.read();
  return { value: { type: 'object', props, range: rangeBetween(open.range, close.range) }, diags };
}

function parseArray(p: Peeker): JsonParseResult {
  const diags: Diagnostic[] = [];
  const open = p.read();
  const items: JsonValue[] = [];
  for (;;) {
    if (p.peek().type === ']') break;
    const val = parseValue(p);
    diags.push(...val.diags);
    if (!val.value) return { diags };
    items.push(val.value);
    const next = p.peek();
    if (next.type === ',') {
      const comma = p.read();
      if (p.peek().type === ']') {
        diags.push(errorDiag('Trailing comma in array', 'JSON does not permit a trailing comma after the final value in an array.', comma.range));
        return { diags };
      }
      continue;
    }
    if (next.type === ':') {
      recover(p, p.read(), '[', ']');
      diags.push(errorDiag('Invalid array value', 'A colon is not used to introduce values in a JSON array.', p.peek().range));
      return { diags };
    }
    if (next.type === 'eof') {
      recover(p, p.read(), '[', ']');
      diags.push(errorDiag('Unclosed object', 'No closing bracket was found for this JSON array.', open.range));
      return { diags };
    }
    if (next.type === '}') {
      recover(p, p.read(), '[', ']');
      diags.push(errorDiag('Mismatched brackets', 'A JSON array must be closed with a bracket, not a brace.', p.peek().range));
      return { diags };
    }
    if (next.type === ']') break;
    recover(p, p.read(), '[', ']');
    diags.push(errorDiag('Missing attribute seperator comma', 'A comma must appear between each value in an array.', p.peek().range));
    return { diags };
  }
  const close = p.read();
  return { value: { type: 'array', items, range: rangeBetween(open.range, close.range) }, diags };
}

const NUMBER_RE = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

function parseNumber(p: Peeker): JsonParseResult {
  const tok = p.read();
  if (!NUMBER_RE.test(tok.text)) {
    return { diags: [errorDiag('Invalid JSON number', 'There is a syntax error in the given JSON number.', tok.range)] };
  }
  return { value: { type: 'number', value: Number(tok.text), raw: tok.text, range: tok.range }, diags: [] };
}

function parseString(p: Peeker): JsonParseResult {
  const tok = p.read();
  const r = decodeJsonString(tok.text);
  if (typeof r === 'string') return { value: { type: 'string', value: r, range: tok.range }, diags: [] };
  // Like HCL, point just past the byte where Go's JSON decoder gave up.
  const s = tok.range.start;
  const errStart: Pos = { line: s.line, column: s.column + r.offset, byte: s.byte + r.offset };
  const errEnd: Pos = { line: s.line, column: errStart.column + 1, byte: errStart.byte + 1 };
  const subject: Range = { filename: tok.range.filename, start: errStart, end: errEnd };
  return { diags: [errorDiag('Invalid JSON string', 'There is a syntax error in the given JSON string.', subject, tok.range)] };
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Decodes a JSON string literal (quotes included). On a syntax error returns the UTF-8
 * byte offset Go's decoder reports (one past the offending byte, or the length at EOF).
 */
export function decodeJsonString(text: string): string | { offset: number } {
  let out = '';
  let bytes = 1;
  let i = 1;
  const bad = (): { offset: number } => ({ offset: bytes + 1 });
  while (i < text.length) {
    const c = text[i]!;
    const code = c.charCodeAt(0);
    if (c === '"') {
      if (i !== text.length - 1) return { offset: bytes + 1 };
      return out;
    }
    if (code < 0x20) return bad();
    if (c === '\\') {
      const e = text[i + 1];
      if (e === undefined) return { offset: Buffer.byteLength(text) };
      if (e in ESCAPES) { out += ESCAPES[e]; i += 2; bytes += 2; continue; }
      if (e !== 'u') { bytes += 1; return bad(); }
      let hi = 0;
      for (let k = 0; k < 4; k++) {
        const h = text[i + 2 + k];
        if (h === undefined) return { offset: Buffer.byteLength(text) };
        if (!/[0-9a-fA-F]/.test(h)) { bytes += 2 + k; return bad(); }
        hi = hi * 16 + parseInt(h, 16);
      }
      i += 6; bytes += 6;
      if (hi >= 0xd800 && hi < 0xdc00) {
        // A high surrogate pairs with a following \uDC00-\uDFFF; otherwise it is U+FFFD.
        const m = /^\\u([dD][c-fC-F][0-9a-fA-F]{2})/.exec(text.slice(i));
        if (m) { out += String.fromCharCode(hi, parseInt(m[1]!, 16)); i += 6; bytes += 6; continue; }
        out += '\uFFFD';
        continue;
      }
      out += hi >= 0xdc00 && hi < 0xe000 ? '\uFFFD' : String.fromCharCode(hi);
      continue;
    }
    const cp = text.codePointAt(i)!;
    const units = cp > 0xffff ? 2 : 1;
    out += text.slice(i, i + units);
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += units;
  }
  return { offset: Buffer.byteLength(text) };
}

function parseKeyword(p: Peeker): JsonParseResult {
  const tok = p.read();
  switch (tok.text) {
    case 'true': return { value: { type: 'bool', value: true, range: tok.range }, diags: [] };
    case 'false': return { value: { type: 'bool', value: false, range: tok.range }, diags: [] };
    case 'null': return { value: { type: 'null', range: tok.range }, diags: [] };
    case 'undefined': case 'NaN': case 'Infinity':
      return { diags: [errorDiag('Invalid JSON keyword', `The JavaScript identifier ${goQuote(tok.text)} cannot be used in JSON.`, tok.range)] };
    default: {
      const s = nameSuggestion(tok.text, ['false', 'true', 'null']);
      const dym = s ? ` Did you mean ${goQuote(s)}?` : '';
      return { diags: [errorDiag('Invalid JSON keyword', `${goQuote(tok.text)} is not a valid JSON keyword.${dym}`, tok.range)] };
    }
  }
}

/** The range of the first character of a value: the opening brace/bracket or the token. */
export function startRange(v: JsonValue): Range {
  if (v.type !== 'object' && v.type !== 'array') return v.range;
  const s = v.range.start;
  return { filename: v.range.filename, start: s, end: { line: s.line, column: s.column + 1, byte: s.byte + 1 } };
}

/** The range of the closing brace/bracket of an object or array. */
export function closeRange(v: JsonValue): Range {
  const e = v.range.end;
  return { filename: v.range.filename, start: { line: e.line, column: e.column - 1, byte: e.byte - 1 }, end: e };
}
