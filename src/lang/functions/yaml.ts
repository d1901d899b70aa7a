/**
 * YAML as Terraform's yamlencode/yamldecode (go-cty-yaml) write and read it: block style,
 * every string double-quoted (literal block style when it has newlines), keys in lexical
 * order, `{}`/`[]` for empty collections; decoding with YAML 1.1 scalars, anchors and
 * aliases, and errors for unsupported tags.
 */
import { parseDocument, isMap, isSeq, isScalar, isAlias, isDocument } from 'yaml';
import type { Node as YNode, Document } from 'yaml';
import * as T from '../types.js';
import { Value, stringVal, numberVal, boolVal, nullVal, tupleVal, objectVal, formatNumber } from '../value.js';
import { FunctionError } from './function.js';

/** go-yaml's double-quoted scalar. */
function dq(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (c) {
      case 0: out += '\\0'; continue;
      case 7: out += '\\a'; continue;
      case 8: out += '\\b'; continue;
      case 9: out += '\\t'; continue;
      case 10: out += '\\n'; continue;
      case 11: out += '\\v'; continue;
      case 12: out += '\\f'; continue;
      case 13: out += '\\r'; continue;
      case 27: out += '\\e'; continue;
      case 0x22: out += '\\"'; continue;
      case 0x5c: out += '\\\\'; continue;
      case 0x85: out += '\\N'; continue;
      case 0xa0: out += '\\_'; continue;
      case 0x2028: out += '\\L'; continue;
      case 0x2029: out += '\\P'; continue;
    }
    const printable = c === 0x0a || (c >= 0x20 && c <= 0x7e) || c === 0x85 || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff) || (c >= 0x10000 && c <= 0x10ffff);
    if (printable) out += ch;
    else if (c <= 0xff) out += '\\x' + c.toString(16).toUpperCase().padStart(2, '0');
    else if (c <= 0xffff) out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
    else out += '\\U' + c.toString(16).toUpperCase().padStart(8, '0');
  }
  return out + '"';
}

function literalBlock(s: string, indent: number): string {
  const lead = s.startsWith(' ') || s.startsWith('\n') ? String(2) : '';
  let chomp = '-';
  if (s.endsWith('\n')) chomp = s.endsWith('\n\n') || s === '\n' ? '+' : '';
  const pad = ' '.repeat(indent);
  const body = (chomp === '-' ? s : s.replace(/\n$/, '')).split('\n').map((l) => (l === '' ? '' : pad + l)).join('\n');
  return `|${lead}${chomp}\n${body}`;
}

function scalar(v: Value, indent: number): string | undefined {
  if (v.isNull) return 'null';
  switch (v.type.kind) {
    case 'string': return v.str.includes('\n') ? literalBlock(v.str, indent) : dq(v.str);
    case 'number': return formatNumber(v.num);
    case 'bool': return v.bool ? 'true' : 'false';
    case 'list': case 'set': case 'tuple': return v.elems.length === 0 ? '[]' : undefined;
    case 'map': case 'object': return v.attrs.size === 0 ? '{}' : undefined;
    default: throw new FunctionError('cannot serialize unknown value as YAML');
  }
}

function emit(v: Value, indent: number, out: string[]): void {
  const pad = ' '.repeat(indent);
  const k = v.type.kind;
  if (k === 'list' || k === 'set' || k === 'tuple') {
    for (const e of v.elems) {
      const s = scalar(e, indent + 2);
      if (s !== undefined) { out.push(`${pad}- ${s}`); continue; }
      const sub: string[] = [];
      emit(e, indent + 2, sub);
      out.push(`${pad}- ${sub[0]!.slice(indent + 2)}`, ...sub.slice(1));
    }
    return;
  }
  for (const [key, e] of v.attrs) {
    const s = scalar(e, indent + 2);
    if (s !== undefined) { out.push(`${pad}${dq(key)}: ${s}`); continue; }
    out.push(`${pad}${dq(key)}:`);
    const ek = e.type.kind;
    emit(e, ek === 'map' || ek === 'object' ? indent + 2 : indent, out);
  }
}

/** Serialises a wholly known value as yamlencode does (always ends with a newline). */
export function yamlEncode(v: Value): string {
  const s = scalar(v, 2);
  if (s !== undefined) return s + '\n';
  const out: string[] = [];
  emit(v, 0, out);
  return out.join('\n') + '\n';
}

const SUPPORTED_TAGS = new Set([
  'tag:yaml.org,2002:str', 'tag:yaml.org,2002:int', 'tag:yaml.org,2002:float', 'tag:yaml.org,2002:bool',
  'tag:yaml.org,2002:null', 'tag:yaml.org,2002:map', 'tag:yaml.org,2002:seq', 'tag:yaml.org,2002:timestamp',
  'tag:yaml.org,2002:binary', 'tag:yaml.org,2002:merge',
]);

/** Parses YAML into a value with an implied type (mappings -> objects, sequences -> tuples). */
export function yamlDecode(src: string): Value {
  let doc: Document;
  try {
    doc = parseDocument(src, { version: '1.1', uniqueKeys: true, prettyErrors: false });
  } catch (e) {
    throw new FunctionError((e as Error).message);
  }
  if (doc.errors.length > 0) throw new FunctionError(yamlErr(doc.errors[0]!));
  if (!isDocument(doc)) throw new FunctionError('invalid YAML');
  const anchors = new Map<string, YNode>();
  const inProgress = new Set<string>();
  const conv = (n: YNode | null | undefined): Value => {
    if (n === null || n === undefined) return nullVal(T.Dynamic);
    if (isAlias(n)) {
      if (inProgress.has(n.source)) throw new FunctionError(`cannot refer to anchor "${n.source}" from inside its own definition`);
      const target = anchors.get(n.source);
      if (!target) throw new FunctionError(`unknown anchor "${n.source}" referenced`);
      return conv(target);
    }
    const anchor = (n as { anchor?: string }).anchor;
    if (anchor) { anchors.set(anchor, n); inProgress.add(anchor); }
    const tag = (n as { tag?: string }).tag;
    if (tag && !SUPPORTED_TAGS.has(tag)) throw new FunctionError(`unsupported tag ${JSON.stringify(tag)}`);
    let out: Value;
    if (isMap(n)) {
      const m = new Map<string, Value>();
      for (const pair of n.items) {
        const kv = conv(pair.key as YNode);
        let key: string;
        if (kv.type.kind === 'string') key = kv.str;
        else if (kv.type.kind === 'number') key = formatNumber(kv.num);
        else if (kv.type.kind === 'bool') key = kv.bool ? 'true' : 'false';
        else throw new FunctionError('only string keys are supported');
        m.set(key, conv(pair.value as YNode));
      }
      out = objectVal(m);
    } else if (isSeq(n)) {
      out = tupleVal(n.items.map((i) => conv(i as YNode)));
    } else if (isScalar(n)) {
      const v = n.value;
      if (v === null || v === undefined) out = nullVal(T.Dynamic);
      else if (typeof v === 'boolean') out = boolVal(v);
      else if (typeof v === 'number') out = numberVal(v);
      else if (typeof v === 'bigint') out = numberVal(Number(v));
      else if (v instanceof Date) out = stringVal(n.source ?? v.toISOString());
      else if (v instanceof Uint8Array) out = stringVal(Buffer.from(v).toString('utf8'));
      else out = stringVal(String(v));
    } else out = nullVal(T.Dynamic);
    if (anchor) inProgress.delete(anchor);
    return out;
  };
  return conv(doc.contents as YNode | null);
}

function yamlErr(e: { message: string; linePos?: { line: number; col: number }[] }): string {
  const first = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  const line = e.linePos?.[0]?.line;
  return line !== undefined ? `on line ${line}, column ${e.linePos![0]!.col}: ${first}` : first;
}
