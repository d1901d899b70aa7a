/**
 * JSON strings in generated configuration: genconfig writes a string attribute that holds a
 * JSON object or array (an IAM policy, say) as `jsonencode(<the value as HCL>)`, the
 * idiomatic form. The value is cty's reading of the JSON (objects with sorted keys,
 * arrays as tuples, numbers as exact decimals), written as hclwrite writes constants.
 */
import { compareStrings } from '../lang/types.js';
import { escapeQuotedStringLit } from '../hcl/fmt.js';
import { lex } from '../hcl/parse.js';
import { TokenType } from '../hcl/token.js';

type Json =
  | { kind: 'null' }
  | { kind: 'bool'; v: boolean }
  | { kind: 'number'; text: string }
  | { kind: 'string'; v: string }
  | { kind: 'array'; elems: Json[] }
  | { kind: 'object'; entries: Map<string, Json> };

/**
 * How genconfig writes `s`: undefined when it is not JSON (or JSON cty cannot read, such as
 * an object with a duplicate key), `primitive` when it is a lone string, number or bool
 * (written as the string it is), else the HCL tokens of the value for `jsonencode(...)`.
 */
export function jsonForGeneration(s: string): { primitive: true } | { primitive: false; tokens: string } | undefined {
  const p = new JsonParser(s);
  const v = p.document();
  if (!v) return undefined;
  if (v.kind === 'string' || v.kind === 'number' || v.kind === 'bool') return { primitive: true };
  return { primitive: false, tokens: jsonTokens(v) };
}

function jsonTokens(v: Json): string {
  switch (v.kind) {
    case 'null': return 'null';
    case 'bool': return v.v ? 'true' : 'false';
    case 'number': return decimalText(v.text);
    case 'string': return `"${escapeQuotedStringLit(v.v)}"`;
    case 'array': return `[${v.elems.map(jsonTokens).join(', ')}]`;
    case 'object': {
      if (v.entries.size === 0) return '{}';
      let s = '{\n';
      for (const k of [...v.entries.keys()].sort(compareStrings)) {
        s += `${objectKey(k)} = ${jsonTokens(v.entries.get(k)!)}\n`;
      }
      return s + '}';
    }
  }
}

/** An object key as hclwrite writes it: bare when it is a valid identifier, else quoted. */
export function objectKey(key: string): string {
  return isIdentifier(key) ? key : `"${escapeQuotedStringLit(key)}"`;
}

/** hclsyntax.ValidIdentifier: the text is exactly one identifier token. */
export function isIdentifier(s: string): boolean {
  if (s === '') return false;
  const toks = lex(s, '');
  return toks.length === 2 && toks[0]!.type === TokenType.Ident && toks[0]!.text === s;
}

/** A JSON number literal as big.Float's Text('f', -1) prints the exact value: no exponent. */
export function decimalText(text: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return text;
  const neg = m[1] === '-';
  let digits = m[2]! + (m[3] ?? '');
  let point = m[2]!.length + Number(m[4] ?? 0);
  while (digits.length > 1 && digits[0] === '0') { digits = digits.slice(1); point--; }
  digits = digits.replace(/0+$/, '');
  if (digits === '') return neg ? '-0' : '0';
  let out: string;
  if (point <= 0) out = '0.' + '0'.repeat(-point) + digits;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = digits.slice(0, point) + '.' + digits.slice(point);
  return neg ? '-' + out : out;
}

/** A strict RFC 8259 parser (Go's json.Valid accepts exactly this) that keeps number text. */
class JsonParser {
  private i = 0;
  constructor(private readonly s: string) {}

  document(): Json | undefined {
    try {
      const v = this.value();
      this.ws();
      return this.i === this.s.length ? v : undefined;
    } catch {
      return undefined;
    }
  }

  private ws(): void {
    while (this.i < this.s.length && ' \t\n\r'.includes(this.s[this.i]!)) this.i++;
  }

  private fail(): never { throw new Error('invalid JSON'); }

  private value(): Json {
    this.ws();
    const c = this.s[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return { kind: 'string', v: this.string() };
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    for (const [word, v] of [['true', { kind: 'bool', v: true }], ['false', { kind: 'bool', v: false }], ['null', { kind: 'null' }]] as const) {
      if (this.s.startsWith(word, this.i)) { this.i += word.length; return v as Json; }
    }
    return this.fail();
  }

  private object(): Json {
    this.i++;
    const entries = new Map<string, Json>();
    this.ws();
    if (this.s[this.i] === '}') { this.i++; return { kind: 'object', entries }; }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.fail();
      const k = this.string();
      // cty refuses a duplicate property when it infers the object's type.
      if (entries.has(k)) this.fail();
      this.ws();
      if (this.s[this.i++] !== ':') this.fail();
      entries.set(k, this.value());
      this.ws();
      const c = this.s[this.i++];
      if (c === '}') return { kind: 'object', entries };
      if (c !== ',') this.fail();
    }
  }

  private array(): Json {
    this.i++;
    const elems: Json[] = [];
    this.ws();
    if (this.s[this.i] === ']') { this.i++; return { kind: 'array', elems }; }
    for (;;) {
      elems.push(this.value());
      this.ws();
      const c = this.s[this.i++];
      if (c === ']') return { kind: 'array', elems };
      if (c !== ',') this.fail();
    }
  }

  private string(): string {
    const start = this.i;
    this.i++;
    for (;;) {
      const c = this.s.charCodeAt(this.i);
      if (Number.isNaN(c) || c < 0x20) this.fail();
      if (c === 0x22) { this.i++; break; }
      if (c === 0x5c) {
        const e = this.s[this.i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.s.slice(this.i + 2, this.i + 6))) this.fail();
          this.i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) this.i += 2;
        else this.fail();
        continue;
      }
      this.i++;
    }
    return JSON.parse(this.s.slice(start, this.i)) as string;
  }

  private number(): Json {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.s.slice(this.i));
    if (!m) this.fail();
    this.i += m[0].length;
    return { kind: 'number', text: m[0] };
  }
}
