/**
 * YAML as Terraform's yamlencode/yamldecode (go-cty-yaml) write and read it: block style,
 * every string double-quoted (literal block style when it has newlines), keys in lexical
 * order, `{}`/`[]` for empty collections; decoding with YAML 1.1 scalars, anchors and
 * aliases, and errors for unsupported tags.
 */
import { createRequire } from 'node:module';
import type * as YAML from 'yaml';
import type { Node as YNode, Document } from 'yaml';

// The yaml package is loaded on first use: loading it costs every command ~50 ms, and
// few configurations decode YAML.
let yamlLib: typeof YAML | undefined;
const yaml = (): typeof YAML => (yamlLib ??= createRequire(import.meta.url)('yaml') as typeof YAML);
import * as T from '../types.js';
import { Value, stringVal, numberVal, boolVal, nullVal, tupleVal, objectVal, formatNumber } from '../value.js';
import { FunctionError } from './function.js';

const BEST_WIDTH = 80;

/** libyaml's is_printable (tabs, 4-byte UTF-8 and BOM are not). */
function printable(c: number): boolean {
  return c === 0x0a || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff);
}
function isBreak(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;
}

const ESCAPES: Record<number, string> = {
  0: '0', 7: 'a', 8: 'b', 9: 't', 10: 'n', 11: 'v', 12: 'f', 13: 'r', 27: 'e', 0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P',
};

/**
 * go-yaml's double-quoted scalar, starting at output column `column`; long lines fold at
 * a space once past column 80, continuing at `indent`.
 */
function dq(s: string, column = 0, indent = 2): string {
  let out = '"';
  let col = column + 1;
  let spaces = false;
  const cps = [...s];
  for (let i = 0; i < cps.length; i++) {
    const ch = cps[i]!;
    const c = ch.codePointAt(0)!;
    if (!printable(c) || isBreak(c) || c === 0x22 || c === 0x5c) {
      let e = ESCAPES[c];
      if (e === undefined) {
        const w = c <= 0xff ? 2 : c <= 0xffff ? 4 : 8;
        e = (w === 2 ? 'x' : w === 4 ? 'u' : 'U') + c.toString(16).toUpperCase().padStart(w, '0');
      }
      out += '\\' + e;
      col += 1 + e.length;
      spaces = false;
    } else if (c === 0x20) {
      if (!spaces && col > BEST_WIDTH && i > 0 && i < cps.length - 1) {
        out += '\n' + ' '.repeat(indent);
        col = indent;
        if (cps[i + 1] === ' ') { out += '\\'; col++; }
      } else { out += ' '; col++; }
      spaces = true;
    } else {
      out += ch;
      col++;
      spaces = false;
    }
  }
  return out + '"';
}

/** libyaml allows a literal block only without trailing spaces, space-before-break or special characters. */
function literalAllowed(s: string): boolean {
  if (s.endsWith(' ')) return false;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (!printable(c) && !isBreak(c)) return false;
    if (c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029) return false;
  }
  return !/ \n/.test(s);
}

function literalBlock(s: string, indent: number): string {
  const lead = s.startsWith(' ') || s.startsWith('\n') ? String(2) : '';
  let chomp = '-';
  if (s.endsWith('\n')) chomp = s.endsWith('\n\n') || s === '\n' ? '+' : '';
  const pad = ' '.repeat(indent);
  const body = (chomp === '-' ? s : s.replace(/\n$/, '')).split('\n').map((l) => (l === '' ? '' : pad + l)).join('\n');
  return `|${lead}${chomp}\n${body}`;
}

function scalar(v: Value, indent: number, column = 0): string | undefined {
  if (v.isNull) return 'null';
  switch (v.type.kind) {
    case 'string': return v.str.includes('\n') && literalAllowed(v.str) ? literalBlock(v.str, indent) : dq(v.str, column, indent);
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
      const s = scalar(e, indent + 2, indent + 2);
      if (s !== undefined) { out.push(`${pad}- ${s}`); continue; }
      const sub: string[] = [];
      emit(e, indent + 2, sub);
      out.push(`${pad}- ${sub[0]!.slice(indent + 2)}`, ...sub.slice(1));
    }
    return;
  }
  for (const [key, e] of v.attrs) {
    const k = dq(key, indent, indent + 2);
    const s = scalar(e, indent + 2, indent + k.length + 2);
    if (s !== undefined) { out.push(`${pad}${k}: ${s}`); continue; }
    out.push(`${pad}${k}:`);
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

const RESOLVE: Record<string, Value> = {};
for (const w of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']) RESOLVE[w] = boolVal(true);
for (const w of ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']) RESOLVE[w] = boolVal(false);
for (const w of ['', '~', 'null', 'Null', 'NULL']) RESOLVE[w] = nullVal(T.Dynamic);
for (const w of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) RESOLVE[w] = numberVal(Infinity);
for (const w of ['-.inf', '-.Inf', '-.INF']) RESOLVE[w] = numberVal(-Infinity);

const INT_LITERAL = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const FLOAT_LITERAL = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const TAG = 'tag:yaml.org,2002:';

/** A YAML timestamp in the forms go-cty-yaml accepts, as RFC 3339. */
function yamlTimestamp(s: string): string | undefined {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?(?:[ \t]*(Z|[-+]\d{1,2}(?::?\d{2})?))?)?$/.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', se = '0', frac, zone] = m;
  if (m[4] !== undefined && zone === undefined && /[Tt]/.test(s)) return undefined;
  const p2 = (x: string): string => x.padStart(2, '0');
  let z = 'Z';
  if (zone && zone !== 'Z') {
    const zm = /^([-+])(\d{1,2}):?(\d{2})?$/.exec(zone)!;
    const off = p2(zm[2]!) + ':' + (zm[3] ?? '00');
    z = off === '00:00' ? 'Z' : zm[1] + off;
  }
  void frac;
  return `${y}-${p2(mo!)}-${p2(d!)}T${p2(h)}:${p2(mi)}:${p2(se)}${z}`;
}

function parseYamlNumber(src: string, tag: string): Value {
  const plain = src.replace(/_/g, '');
  let n: number;
  if (/^[-+]?0x[0-9a-fA-F]+$/.test(plain)) n = parseInt(plain.replace('0x', ''), 16) * (plain.startsWith('-') ? 1 : 1);
  else if (/^[-+]?0o[0-7]+$/.test(plain)) n = parseInt(plain.replace(/0o/, ''), 8);
  else if (FLOAT_LITERAL.test(plain)) n = Number(plain);
  else throw new FunctionError(`cannot parse ${JSON.stringify(src)} as ${tag}`);
  return numberVal(n);
}

/** go-cty-yaml's resolveScalar. */
function resolveScalar(tag: string, src: string, quoted: boolean): Value {
  const short = tag.startsWith(TAG) ? '!!' + tag.slice(TAG.length) : tag;
  if (tag !== '' && !['str', 'bool', 'int', 'float', 'null', 'timestamp', 'binary'].some((t) => tag === TAG + t)) {
    throw new FunctionError(`unsupported tag ${JSON.stringify(short)}`);
  }
  let effective = tag;
  const c = src[0];
  const hint = src === '' ? 'N' : c === '+' || c === '-' ? 'S' : c !== undefined && c >= '0' && c <= '9' ? 'D' : 'yYnNtTfFoO~'.includes(c!) ? 'M' : c === '.' ? '.' : '';
  if (hint !== '' && tag !== TAG + 'str' && tag !== TAG + 'binary') {
    if (quoted) return stringVal(src);
    const item = RESOLVE[src];
    if (item) return item;
    if (tag === '' && (src === '.nan' || src === '.NaN' || src === '.NAN')) throw new FunctionError('floating point NaN is not supported');
    if (hint === '.') {
      if (FLOAT_LITERAL.test(src)) return numberVal(Number(src));
    } else if (hint === 'D' || hint === 'S') {
      if (tag === '' || tag === TAG + 'timestamp') {
        const ts = yamlTimestamp(src);
        if (ts) return stringVal(ts);
      }
      if (INT_LITERAL.test(src)) effective = TAG + 'int';
      else if (FLOAT_LITERAL.test(src)) effective = TAG + 'float';
    }
  }
  switch (effective) {
    case TAG + 'binary':
      if (!/^[A-Za-z0-9+/\s]*={0,2}$/.test(src)) throw new FunctionError(`cannot parse ${JSON.stringify(src)} as ${short}: not valid base64`);
      return stringVal(src);
    case TAG + 'str': return stringVal(src);
    case TAG + 'bool': {
      const item = RESOLVE[src];
      if (!item || item.type.kind !== 'bool') throw new FunctionError(`cannot parse ${JSON.stringify(src)} as ${short}`);
      return item;
    }
    case TAG + 'int': case TAG + 'float': return parseYamlNumber(src, short);
    case TAG + 'timestamp': {
      const ts = yamlTimestamp(src);
      if (!ts) throw new FunctionError(`cannot parse ${JSON.stringify(src)} as ${short}`);
      return stringVal(ts);
    }
    case TAG + 'null': return nullVal(T.Dynamic);
    default: return stringVal(src);
  }
}

const SUPPORTED_TAGS = new Set([
  'tag:yaml.org,2002:str', 'tag:yaml.org,2002:int', 'tag:yaml.org,2002:float', 'tag:yaml.org,2002:bool',
  'tag:yaml.org,2002:null', 'tag:yaml.org,2002:map', 'tag:yaml.org,2002:seq', 'tag:yaml.org,2002:timestamp',
  'tag:yaml.org,2002:binary', 'tag:yaml.org,2002:merge',
]);

/** Parses YAML into a value with an implied type (mappings -> objects, sequences -> tuples). */
export function yamlDecode(src: string): Value {
  let doc: Document;
  const opts = { schema: 'failsafe', version: '1.1', uniqueKeys: true, prettyErrors: false } as const;
  try {
    const all = yaml().parseAllDocuments(src, opts);
    const docs = Array.isArray(all) ? all : [];
    if (docs.length === 0) {
      const lines = src.split('\n');
      throw new FunctionError(`on line ${lines.length}, column ${lines[lines.length - 1]!.length + 1}: missing start of document`);
    }
    if (docs.length > 1) {
      const start = docs[1]!.range[0];
      const line = src.slice(0, start).split('\n').length;
      throw new FunctionError(`on line ${line}, column 1: only a single document is allowed`);
    }
    doc = docs[0] as Document;
  } catch (e) {
    if (e instanceof FunctionError) throw e;
    throw new FunctionError((e as Error).message);
  }
  if (doc.errors.length > 0) throw new FunctionError(yamlErr(doc.errors[0]!));
  if (!yaml().isDocument(doc)) throw new FunctionError('invalid YAML');
  const anchors = new Map<string, YNode>();
  const inProgress = new Set<string>();
  const conv = (n: YNode | null | undefined): Value => {
    if (n === null || n === undefined) return nullVal(T.Dynamic);
    if (yaml().isAlias(n)) {
      if (inProgress.has(n.source)) throw new FunctionError(`cannot refer to anchor "${n.source}" from inside its own definition`);
      const target = anchors.get(n.source);
      if (!target) throw new FunctionError(`unknown anchor "${n.source}" referenced`);
      return conv(target);
    }
    const anchor = (n as { anchor?: string }).anchor;
    if (anchor) { anchors.set(anchor, n); inProgress.add(anchor); }
    const tag = (n as { tag?: string }).tag;
    if (tag && !yaml().isScalar(n) && !SUPPORTED_TAGS.has(tag)) throw new FunctionError(`unsupported tag ${JSON.stringify(tag)}`);
    let out: Value;
    if (yaml().isMap(n)) {
      const m = new Map<string, Value>();
      const merged = new Map<string, Value>();
      for (const pair of n.items) {
        const keyNode = pair.key as YNode;
        if (yaml().isScalar(keyNode) && keyNode.value === '<<' && (keyNode as { type?: string }).type === 'PLAIN') {
          const mv = conv(pair.value as YNode);
          const sources = mv.type.kind === 'tuple' ? mv.elems : [mv];
          for (const src of sources) {
            if (src.type.kind !== 'object') throw new FunctionError('map merge requires map or sequence of maps as the value');
            for (const [k, v] of src.attrs) if (!merged.has(k)) merged.set(k, v);
          }
          continue;
        }
        const kv = conv(keyNode);
        let key: string;
        if (kv.type.kind === 'string') key = kv.str;
        else if (kv.type.kind === 'number') key = formatNumber(kv.num);
        else if (kv.type.kind === 'bool') key = kv.bool ? 'true' : 'false';
        else throw new FunctionError('only string keys are supported');
        m.set(key, conv(pair.value as YNode));
      }
      for (const [k, v] of merged) if (!m.has(k)) m.set(k, v);
      out = objectVal(m);
    } else if (yaml().isSeq(n)) {
      out = tupleVal(n.items.map((i) => conv(i as YNode)));
    } else if (yaml().isScalar(n)) {
      const style = (n as { type?: string }).type;
      out = resolveScalar(tag ?? '', String(n.value ?? ''), style === 'QUOTE_DOUBLE' || style === 'QUOTE_SINGLE');
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
