/**
 * JSON text exactly as Go's encoding/json writes it, which is what Terraform's state
 * files are made of: `MarshalIndent` with two spaces, strings escaped Go's way (HTML
 * characters `<`, `>`, `&` and U+2028/U+2029 as `\u003c`...), embedded raw JSON
 * (attributes) compacted, HTML-escaped and re-indented in place.
 */

// Characters Go escapes in strings: controls, quote, backslash, HTML specials, line/paragraph separators, lone surrogates.
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[\u0000-\u001f"\\<>&\u2028\u2029\ud800-\udfff]/;
// eslint-disable-next-line no-control-regex
const ESCAPE_ALL = /[\u0000-\u001f"\\<>&\u2028\u2029]|[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]/g;
const HEX = '0123456789abcdef';

function escapeChar(c: string): string {
  switch (c) {
    case '"': return '\\"';
    case '\\': return '\\\\';
    case '\n': return '\\n';
    case '\r': return '\\r';
    case '\t': return '\\t';
    case '\b': return '\\b';
    case '\f': return '\\f';
  }
  if (c.length === 2) return c; // a valid surrogate pair
  const code = c.charCodeAt(0);
  if (code >= 0xd800 && code <= 0xdfff) return '\\ufffd'; // invalid UTF-16 becomes U+FFFD, as Go does for invalid UTF-8
  return '\\u' + HEX[(code >> 12) & 15] + HEX[(code >> 8) & 15] + HEX[(code >> 4) & 15] + HEX[code & 15];
}

/** A JSON string literal as Go's encoder writes it. */
export function goString(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return '"' + s + '"';
  return '"' + s.replace(ESCAPE_ALL, escapeChar) + '"';
}

// Inside an already-escaped JSON string only the HTML characters still need rewriting.
const HTML_IN_STRING = /[<>&\u2028\u2029]/g;
function htmlEscape(c: string): string {
  return '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');
}

/** Removes insignificant whitespace from JSON text (strings untouched). */
export function compactJSON(raw: string): string {
  if (!/[\s]/.test(raw)) return raw;
  return raw.replace(/("(?:[^"\\]|\\.)*")|\s+/g, (_m, s: string | undefined) => s ?? '');
}

const INDENTS: string[] = [];
function nlIndent(level: number, indent: string): string {
  if (indent !== '  ') return '\n' + indent.repeat(level);
  let s = INDENTS[level];
  if (s === undefined) { s = '\n' + '  '.repeat(level); INDENTS[level] = s; }
  return s;
}

/** Index just past the closing quote of the JSON string starting at `raw[i] === '"'`. */
export function stringEnd(raw: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const q = raw.indexOf('"', j);
    if (q < 0) return raw.length;
    let b = q - 1;
    while (raw.charCodeAt(b) === 92) b--;
    // An even number of backslashes before the quote means it is not escaped.
    if ((q - 1 - b) % 2 === 0) return q + 1;
    j = q + 1;
  }
}

const HTML_CHARS = /[<>&\u2028\u2029]/;

/**
 * Writes JSON text `raw` indented as Go's `json.Indent` would at nesting `depth`
 * (the opening brace stays on the current line). Empty objects and arrays stay `{}`/`[]`.
 * Whitespace outside strings is dropped, so `raw` need not be compact.
 */
export function indentRaw(raw: string, depth: number, indent = '  '): string {
  const out: string[] = [];
  let level = depth;
  let pendingOpen = false; // just wrote `{` or `[` and not yet a newline
  const n = raw.length;
  let i = 0;
  while (i < n) {
    const c = raw.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) { i++; continue; }
    if (c === 0x7d || c === 0x5d) { // } ]
      level--;
      if (pendingOpen) pendingOpen = false;
      else out.push(nlIndent(level, indent));
      out.push(c === 0x7d ? '}' : ']');
      i++;
      continue;
    }
    if (pendingOpen) { out.push(nlIndent(level, indent)); pendingOpen = false; }
    if (c === 0x7b || c === 0x5b) { // { [
      out.push(c === 0x7b ? '{' : '[');
      level++;
      pendingOpen = true;
      i++;
    } else if (c === 0x2c) { // ,
      out.push(',' + nlIndent(level, indent));
      i++;
    } else if (c === 0x3a) { // :
      out.push(': ');
      i++;
    } else if (c === 0x22) { // "
      const e = stringEnd(raw, i);
      const t = raw.slice(i, e);
      out.push(HTML_CHARS.test(t) ? t.replace(HTML_IN_STRING, htmlEscape) : t);
      i = e;
    } else {
      let e = i + 1;
      while (e < n) {
        const d = raw.charCodeAt(e);
        if (d === 0x2c || d === 0x7d || d === 0x5d || d === 0x3a || d === 0x20 || d === 0x0a || d === 0x0d || d === 0x09) break;
        e++;
      }
      out.push(raw.slice(i, e));
      i = e;
    }
  }
  return out.join('');
}

/**
 * A JSON writer for Go-ordered documents: objects are written in the order the fields
 * are given (Go writes struct fields in declaration order and map keys sorted).
 */
export class GoJSONWriter {
  private parts: string[] = [];
  private level = 0;
  private first: boolean[] = [];
  private afterKey = false;

  /** `startLevel`: the nesting level the first value is written at (for text spliced in later with `rawIndented`). */
  constructor(private readonly indent = '  ', startLevel = 0) {
    this.level = startLevel;
  }

  /** The current nesting level. */
  get depth(): number { return this.level; }

  private nl(): string { return nlIndent(this.level, this.indent); }

  private beforeValue(): void {
    if (this.afterKey) { this.afterKey = false; return; }
    if (this.first.length === 0) return;
    const top = this.first.length - 1;
    if (this.first[top]) { this.first[top] = false; this.parts.push(this.nl()); }
    else this.parts.push(',', this.nl());
  }

  /** Opens an object (`{`). */
  openObject(): this { return this.open('{'); }
  /** Opens an array (`[`). */
  openArray(): this { return this.open('['); }
  private open(c: string): this {
    this.beforeValue();
    this.parts.push(c);
    this.level++;
    this.first.push(true);
    return this;
  }
  /** Closes the innermost object or array; an empty one is written `{}`/`[]`. */
  close(c: '}' | ']'): this {
    this.level--;
    const empty = this.first.pop();
    this.parts.push(empty ? c : this.nl() + c);
    return this;
  }
  /** Writes an object key; the next write is its value. */
  key(k: string): this {
    this.beforeValue();
    this.parts.push(goString(k) + ': ');
    this.afterKey = true;
    return this;
  }
  string(s: string): this { this.beforeValue(); this.parts.push(goString(s)); return this; }
  /** Writes a number already formatted as JSON (integers as `String(n)`). */
  number(n: number | string): this { this.beforeValue(); this.parts.push(String(n)); return this; }
  bool(b: boolean): this { this.beforeValue(); this.parts.push(b ? 'true' : 'false'); return this; }
  null(): this { this.beforeValue(); this.parts.push('null'); return this; }
  /** Writes raw JSON text (compacted, HTML-escaped and re-indented at the current level). */
  raw(json: string): this {
    this.beforeValue();
    this.parts.push(indentRaw(json, this.level, this.indent));
    return this;
  }
  /** Writes JSON text that is already in its final form (no re-indentation). */
  rawIndented(json: string): this {
    this.beforeValue();
    this.parts.push(json);
    return this;
  }
  /** The text written so far, with the trailing newline Terraform adds. */
  toString(): string { return this.parts.join('') + '\n'; }
  /** The text written so far, as a value to splice into another writer at this writer's start level. */
  body(): string { return this.parts.join(''); }
}
