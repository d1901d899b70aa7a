/**
 * JSON the way cty's json package writes and reads it: Go's encoding/json string escaping
 * (HTML-safe: <, >, & and U+2028/U+2029 escaped), object keys in lexical order, numbers
 * in Terraform's decimal form; decoding infers object/tuple types as cty does.
 */
import * as T from '../types.js';
import { Value, stringVal, numberVal, boolVal, nullVal, tupleVal, objectVal, formatNumber } from '../value.js';
import { FunctionError } from './function.js';

/** A JS string as Go's json.Marshal writes it. */
export function goJSONString(s: string): string {
  let out = '"';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string | undefined;
    if (c < 0x20) {
      rep = c === 10 ? '\\n' : c === 13 ? '\\r' : c === 9 ? '\\t' : c === 8 ? '\\b' : c === 12 ? '\\f' : '\\u00' + c.toString(16).padStart(2, '0');
    } else if (c === 0x22) rep = '\\"';
    else if (c === 0x5c) rep = '\\\\';
    else if (c === 0x3c) rep = '\\u003c';
    else if (c === 0x3e) rep = '\\u003e';
    else if (c === 0x26) rep = '\\u0026';
    else if (c === 0x2028) rep = '\\u2028';
    else if (c === 0x2029) rep = '\\u2029';
    else if (c >= 0xd800 && c <= 0xdfff) {
      // Lone surrogates are invalid UTF-8 in Go: written as U+FFFD.
      const pair = c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      if (pair) { i++; continue; }
      rep = '\\ufffd';
    }
    if (rep !== undefined) {
      out += s.slice(last, i) + rep;
      last = i + 1;
    }
  }
  return out + s.slice(last) + '"';
}

/** Serialises a wholly known value as cty's json.Marshal does (throws on unknown). */
export function jsonEncodeValue(v: Value): string {
  if (!v.isKnown) throw new FunctionError('value is not known');
  if (v.isNull) return 'null';
  switch (v.type.kind) {
    case 'string': return goJSONString(v.str);
    case 'number': return formatNumber(v.num);
    case 'bool': return v.bool ? 'true' : 'false';
    case 'list': case 'set': case 'tuple': {
      let s = '[';
      const es = v.elems;
      for (let i = 0; i < es.length; i++) { if (i) s += ','; s += jsonEncodeValue(es[i]!); }
      return s + ']';
    }
    case 'map': case 'object': {
      let s = '{';
      let first = true;
      for (const [k, e] of v.attrs) {
        if (!first) s += ',';
        first = false;
        s += goJSONString(k) + ':' + jsonEncodeValue(e);
      }
      return s + '}';
    }
    default:
      throw new FunctionError('value is not known');
  }
}

/** Parses JSON text into a cty value with an implied type (objects, tuples, numbers...). */
export function jsonDecode(src: string): Value {
  const p = new JSONParser(src);
  p.ws();
  if (p.i >= src.length) throw new FunctionError('EOF');
  const v = p.value();
  p.ws();
  if (p.i < src.length) throw new FunctionError(`extraneous data after JSON object`);
  return v;
}

class JSONParser {
  i = 0;
  constructor(private readonly s: string) {}
  ws(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s[this.i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.i++;
      else break;
    }
  }
  private err(what: string): never {
    // Go's json.Decoder reports running out of input between tokens as plain EOF.
    if (this.i >= this.s.length) throw new FunctionError('EOF');
    const ch = String.fromCodePoint(this.s.codePointAt(this.i)!);
    throw new FunctionError(`invalid character '${ch}' ${what}`);
  }
  value(): Value {
    const s = this.s;
    const c = s[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return stringVal(this.string());
    if (c === 't' && s.startsWith('true', this.i)) { this.i += 4; return boolVal(true); }
    if (c === 'f' && s.startsWith('false', this.i)) { this.i += 5; return boolVal(false); }
    if (c === 'n' && s.startsWith('null', this.i)) { this.i += 4; return nullVal(T.Dynamic); }
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(s.slice(this.i, this.i + 400));
    if (m && m[0] !== '-') { this.i += m[0].length; return numberVal(Number(m[0])); }
    return this.err('looking for beginning of value');
  }
  private string(): string {
    const s = this.s;
    const start = this.i;
    this.i++;
    for (;;) {
      if (this.i >= s.length) throw new FunctionError('unexpected EOF');
      const c = s.charCodeAt(this.i);
      if (c === 0x22) break;
      if (c === 0x5c) this.i += 2;
      else if (c < 0x20) this.err('in string literal');
      else this.i++;
    }
    this.i++;
    try {
      return JSON.parse(s.slice(start, this.i)) as string;
    } catch {
      throw new FunctionError('invalid character in string escape code');
    }
  }
  private array(): Value {
    this.i++;
    const out: Value[] = [];
    this.ws();
    if (this.s[this.i] === ']') { this.i++; return tupleVal(out); }
    for (;;) {
      this.ws();
      out.push(this.value());
      this.ws();
      const c = this.s[this.i];
      if (c === ',') { this.i++; continue; }
      if (c === ']') { this.i++; return tupleVal(out); }
      this.err('after array element');
    }
  }
  private object(): Value {
    this.i++;
    const out = new Map<string, Value>();
    this.ws();
    if (this.s[this.i] === '}') { this.i++; return objectVal(out); }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.err('looking for beginning of object key string');
      const k = this.string();
      this.ws();
      if (this.s[this.i] !== ':') this.err('after object key');
      this.i++;
      this.ws();
      const v = this.value();
      if (out.has(k)) throw new FunctionError(`duplicate "${k}" property in JSON object`);
      out.set(k, v);
      this.ws();
      const c = this.s[this.i];
      if (c === ',') { this.i++; continue; }
      if (c === '}') { this.i++; return objectVal(out); }
      this.err('after object key:value pair');
    }
  }
}
