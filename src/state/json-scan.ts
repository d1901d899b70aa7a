/**
 * A strict JSON parser that can hand back chosen parts as raw text instead of values.
 * State files keep resource attributes as the JSON the provider produced; reading them
 * through JSON.parse would reorder integer-like keys and round big numbers, so the
 * codec captures them verbatim and converts them only when a schema is known.
 */

import { stringEnd } from './go-json.js';

/** Raw JSON text captured at a requested path, as written (insignificant whitespace included). */
export class RawJSON {
  constructor(readonly json: string) {}
}

/** A syntax error with the byte offset Go's decoder would report. */
export class JSONSyntaxError extends Error {
  override name = 'JSONSyntaxError';
  constructor(message: string, readonly byteOffset: number) { super(message); }
}

/**
 * `s` as a string of its own. V8 makes a slice of 13 characters or more a view into its
 * parent, and what is parsed from a state file lives as long as the state: one view would
 * keep the whole file's text (tens of MB at 100k instances) in memory. Slicing a
 * concatenation makes V8 copy the characters into a new string instead.
 */
export function own(s: string): string {
  return s.length < 13 ? s : (s + ' ').slice(0, -1);
}

/**
 * `raw` (valid JSON) without the whitespace between tokens, as a string of its own. A
 * state file indents each object's attributes deeply: kept as written, 100k objects
 * would hold twice the text, and a slice would keep the whole file alive.
 */
function compact(raw: string): string {
  const parts: string[] = [];
  const n = raw.length;
  let from = 0;
  let i = 0;
  while (i < n) {
    const c = raw.charCodeAt(i);
    if (c === 0x22) { i = stringEnd(raw, i); continue; }
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      if (i > from) parts.push(raw.slice(from, i));
      while (i < n && (raw.charCodeAt(i) === 0x20 || raw.charCodeAt(i) === 0x0a || raw.charCodeAt(i) === 0x0d || raw.charCodeAt(i) === 0x09)) i++;
      from = i;
      continue;
    }
    i++;
  }
  if (from === 0) return own(raw);
  if (from < n) parts.push(raw.slice(from));
  // join builds one flat string: no part of it points back into `raw`.
  return parts.join('');
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/**
 * Parses `text`. `capture(path)` is asked for each object member (path = keys from the
 * root, array elements as `*`); when it says yes, the member's value is returned as a
 * RawJSON. Throws JSONSyntaxError on invalid input.
 */
export function parseJSONCapturing(text: string, capture: (path: readonly string[]) => boolean): unknown {
  let i = 0;
  const n = text.length;
  const path: string[] = [];

  const fail = (what: string, at = i): never => {
    const byteOffset = Buffer.byteLength(text.slice(0, at));
    const ch = text[at];
    const msg = ch === undefined ? 'unexpected end of JSON input' : `invalid character ${JSON.stringify(ch)} ${what}`;
    throw new JSONSyntaxError(msg, byteOffset);
  };
  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else return;
    }
  };
  const str = (): string => {
    const e = stringEnd(text, i);
    if (e > n || text.charCodeAt(e - 1) !== 0x22 || e === i + 1) return fail('in string literal');
    const s = text.slice(i, e);
    i = e;
    if (s.indexOf('\\') < 0) return own(s.slice(1, -1));
    try { return JSON.parse(s) as string; } catch { return fail('in string literal', e - 1); }
  };

  // Skips one value and returns its text as written (whitespace included). The text is
  // validated with the native parser, which is fast and leaves no garbage behind.
  const skip = (): string => {
    ws();
    const start = i;
    let depth = 0;
    for (;;) {
      if (i >= n) return fail('', n);
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        const e = stringEnd(text, i);
        if (text.charCodeAt(e - 1) !== 0x22 || e === i + 1) return fail('in string literal');
        i = e;
      } else if (c === 0x7b || c === 0x5b) {
        depth++;
        i++;
      } else if (c === 0x7d || c === 0x5d) {
        if (depth === 0) break;
        depth--;
        i++;
      } else if (c === 0x2c && depth === 0) {
        break;
      } else {
        i++;
      }
    }
    let end = i;
    while (end > start) {
      const c = text.charCodeAt(end - 1);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) end--;
      else break;
    }
    const raw = text.slice(start, end);
    try { JSON.parse(raw); } catch { return fail('looking for beginning of value', start); }
    return compact(raw);
  };

  const value = (): unknown => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: Record<string, unknown> = {};
      ws();
      if (text[i] === '}') { i++; return obj; }
      for (;;) {
        ws();
        if (text[i] !== '"') return fail('looking for beginning of object key string');
        const k = str();
        ws();
        if (text[i] !== ':') return fail('after object key');
        i++;
        path.push(k);
        const v = capture(path) ? new RawJSON(skip()) : value();
        path.pop();
        // Go keeps the last of duplicate keys too. `__proto__` must stay an ordinary key.
        if (k === '__proto__') Object.defineProperty(obj, k, { value: v, enumerable: true, writable: true, configurable: true });
        else obj[k] = v;
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return obj; }
        return fail('after object key:value pair');
      }
    }
    if (c === '[') {
      i++;
      const arr: unknown[] = [];
      ws();
      if (text[i] === ']') { i++; return arr; }
      path.push('*');
      for (;;) {
        arr.push(value());
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; path.pop(); return arr; }
        return fail('after array element');
      }
    }
    if (c === '"') return str();
    if (c === 't' && text.startsWith('true', i)) { i += 4; return true; }
    if (c === 'f' && text.startsWith('false', i)) { i += 5; return false; }
    if (c === 'n' && text.startsWith('null', i)) { i += 4; return null; }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m) return fail('looking for beginning of value');
    i = NUMBER.lastIndex;
    return Number(m[0]);
  };

  const out = value();
  ws();
  if (i < n) fail('after top-level value');
  return out;
}
