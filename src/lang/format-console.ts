/**
 * Values and types printed the way `terraform console` prints them (Terraform's
 * repl.FormatValue and the console's `type()` output): `tolist([...])`, `toset([...])`,
 * `tomap({...})`, `(known after apply)`, `(sensitive value)`, heredocs for multi-line
 * strings, typed nulls such as `tostring(null)`.
 */
import * as T from './types.js';
import type { Type } from './types.js';
import { Value, UNKNOWN, Mark, formatNumber } from './value.js';
import { friendlyName } from './convert-mismatch.js';

/** A value as the console prints it, at the given indentation (0 at top level). */
export function formatConsoleValue(v: Value, indent = 0): string {
  if (v.v === UNKNOWN) return '(known after apply)';
  if (v.marks & Mark.Sensitive) return '(sensitive value)';
  if (v.marks & Mark.Ephemeral) return '(ephemeral value)';
  const ty = v.type;
  if (v.v === null) {
    switch (ty.kind) {
      case 'dynamic': return 'null';
      case 'string': return 'tostring(null)';
      case 'number': return 'tonumber(null)';
      case 'bool': return 'tobool(null)';
      case 'list': return `tolist(null) /* of ${friendlyName(ty.elem)} */`;
      case 'set': return `toset(null) /* of ${friendlyName(ty.elem)} */`;
      case 'map': return `tomap(null) /* of ${friendlyName(ty.elem)} */`;
      default: return `null /* ${friendlyName(ty)} */`;
    }
  }
  switch (ty.kind) {
    case 'string': {
      const s = v.str;
      return s.includes('\n') ? heredoc(s, indent) : goQuote(s);
    }
    case 'number': return formatNumber(v.num);
    case 'bool': return v.bool ? 'true' : 'false';
    case 'object': return mapping(v, indent);
    case 'tuple': return sequence(v, indent);
    case 'list': return `tolist(${sequence(v, indent)})`;
    case 'set': return `toset(${sequence(v, indent)})`;
    case 'map': return `tomap(${mapping(v, indent)})`;
    default: return 'null';
  }
}

function heredoc(s: string, indent: number): string {
  const lines = s.split('\n');
  const op = indent > 0 ? '<<-' : '<<';
  let delim = 'EOT';
  while (lines.some((l) => l.trim() === delim)) delim += '_';
  const pad = ' '.repeat(indent);
  let out = op + delim;
  for (const l of lines) out += '\n' + pad + l;
  return out + '\n' + pad + delim;
}

function mapping(v: Value, indent: number): string {
  const inner = indent + 2;
  const pad = ' '.repeat(inner);
  let out = '{';
  let n = 0;
  for (const [k, e] of v.attrs) {
    n++;
    out += '\n' + pad + goQuote(k) + ' = ' + formatConsoleValue(e, inner);
  }
  if (n > 0) out += '\n' + ' '.repeat(indent);
  return out + '}';
}

function sequence(v: Value, indent: number): string {
  const inner = indent + 2;
  const pad = ' '.repeat(inner);
  let out = '[';
  for (const e of v.elems) out += '\n' + pad + formatConsoleValue(e, inner) + ',';
  if (v.elems.length > 0) out += '\n' + ' '.repeat(indent);
  return out + ']';
}

/** Go's strconv.Quote: escapes quotes, backslashes, control and non-printable characters. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '"': out += '\\"'; continue;
      case '\\': out += '\\\\'; continue;
      case '\x07': out += '\\a'; continue;
      case '\b': out += '\\b'; continue;
      case '\f': out += '\\f'; continue;
      case '\n': out += '\\n'; continue;
      case '\r': out += '\\r'; continue;
      case '\t': out += '\\t'; continue;
      case '\v': out += '\\v'; continue;
    }
    if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if ((c >= 0x80 && c < 0xa0) || c === 0xad || c === 0xfeff || (c >= 0x2028 && c <= 0x2029)) {
      out += c > 0xffff ? '\\U' + c.toString(16).padStart(8, '0') : '\\u' + c.toString(16).padStart(4, '0');
    } else out += ch;
  }
  return out + '"';
}

/** A type as the console's `type()` function prints it (multi-line objects and tuples). */
export function formatConsoleType(t: Type, indent = 0): string {
  const sp = (n: number) => '    '.repeat(n);
  switch (t.kind) {
    case 'object': {
      const keys = T.sortedKeys(t.attrs);
      if (keys.length === 0) return 'object({})';
      let out = 'object({\n';
      for (const k of keys) out += `${sp(indent + 1)}${k}: ${formatConsoleType(t.attrs[k]!, indent + 1)},\n`;
      return out + sp(indent) + '})';
    }
    case 'tuple': {
      if (t.elems.length === 0) return 'tuple([])';
      let out = 'tuple([\n';
      for (const e of t.elems) out += `${sp(indent + 1)}${formatConsoleType(e, indent + 1)},\n`;
      return out + sp(indent) + '])';
    }
    case 'list': case 'map': case 'set': {
      const complex = t.elem.kind === 'object' || t.elem.kind === 'tuple';
      if (!complex) return `${t.kind}(${formatConsoleType(t.elem, indent)})`;
      return `${t.kind}(\n${sp(indent + 1)}${formatConsoleType(t.elem, indent + 1)},\n${sp(indent)})`;
    }
    case 'dynamic': return 'dynamic';
    default: return t.kind;
  }
}
