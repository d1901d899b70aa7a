/**
 * JSON text exactly as Go's encoding/json writes it (json.Marshal and json.MarshalIndent
 * with two spaces), which is what hashicorp/aws stores for policy documents: `<`, `>`, `&`,
 * U+2028 and U+2029 escaped as \uXXXX, invalid UTF-16 as \ufffd, and map keys in byte order.
 * Objects here keep their keys in insertion order; callers sort map-like objects with
 * `goSortedKeys` first. No AWS SDK import.
 */

/** A JSON value to encode; `undefined` members of objects are omitted. */
export type GoJson = string | number | boolean | null | GoJson[] | { [k: string]: GoJson | undefined };

const SHORT: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

/** A Go-encoded JSON string literal. */
export function goString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const c = s.charCodeAt(i);
    const short = SHORT[ch];
    if (short) out += short;
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) {
      out += ch + s[i + 1]!;
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
    else out += ch;
  }
  return out + '"';
}

function goNumber(n: number): string {
  if (!Number.isFinite(n)) return 'null';
  // Go uses %f between 1e-6 and 1e21 and a short exponent form elsewhere, like JS.
  return String(n).replace(/e([+-])0*(\d)/, 'e$1$2');
}

function encode(v: GoJson, indent: string | null, depth: number): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return goString(v);
  if (typeof v === 'number') return goNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const nl = indent === null ? '' : '\n' + indent.repeat(depth + 1);
  const end = indent === null ? '' : '\n' + indent.repeat(depth);
  const colon = indent === null ? ':' : ': ';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return '[' + v.map((e) => nl + encode(e, indent, depth + 1)).join(',') + end + ']';
  }
  const entries = Object.entries(v).filter((e): e is [string, GoJson] => e[1] !== undefined);
  if (entries.length === 0) return '{}';
  return '{' + entries.map(([k, e]) => nl + goString(k) + colon + encode(e, indent, depth + 1)).join(',') + end + '}';
}

/** Go's json.Marshal. */
export function goMarshal(v: GoJson): string {
  return encode(v, null, 0);
}

/** Go's json.MarshalIndent(v, "", "  "). */
export function goMarshalIndent(v: GoJson): string {
  return encode(v, '  ', 0);
}

/** Compares strings by their UTF-8 bytes, the order Go sorts map keys and strings in. */
export function goCompare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** The object's own keys in Go's map order (by UTF-8 bytes), as a new object. */
export function goSortedKeys<T>(o: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(o).sort(goCompare)) out[k] = o[k]!;
  return out;
}
