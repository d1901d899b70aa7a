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

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
/**
 * The end (just past the closing quote) of the JSON string starting at `text[i] === '"'`,
 * or minus one less the offset of what is wrong in it: a raw control character, an escape
 * JSON does not have, or no closing quote.
 */
function stringEndChecked(text: string, i: number): number {
  const n = text.length;
  for (let j = i + 1; j < n; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x22) return j + 1;
    if (c < 0x20) return -1 - j;
    if (c === 0x5c) {
      const e = text.charCodeAt(j + 1);
      if (e === 0x75) { // \uXXXX
        for (let k = j + 2; k < j + 6; k++) if (!isHex(text.charCodeAt(k))) return -1 - k;
        j += 5;
      } else if (e === 0x22 || e === 0x5c || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) j++;
      else return -2 - j;
    }
  }
  return -1 - n;
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

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
  // A string. `copy` makes it a string of its own (see own); object keys need none, since
  // V8 keeps an internalised copy of a property name.
  const str = (copy: boolean): string => {
    const e = stringEnd(text, i);
    if (e > n || text.charCodeAt(e - 1) !== 0x22 || e === i + 1) return fail('in string literal');
    const at = i;
    i = e;
    const s = text.slice(at + 1, e - 1);
    if (s.indexOf('\\') < 0) return copy ? own(s) : s;
    try { return JSON.parse(text.slice(at, e)) as string; } catch { return fail('in string literal', e - 1); }
  };

  // Whitespace skipped inside a captured value, as the pieces of text between it.
  let parts: string[] | null = null;
  let from = 0;
  const gap = () => {
    const at = i;
    ws();
    if (i > at) {
      if (at > from) (parts ??= []).push(text.slice(from, at));
      from = i;
    }
  };
  // Validates one value in place (nothing is allocated for well-formed text but the
  // pieces around whitespace) and leaves `i` just past it. Messages are Go's.
  const skipValue = (): void => {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const e = stringEndChecked(text, i);
      if (e < 0) return fail('in string literal', -1 - e);
      i = e;
      return;
    }
    if (c === 0x7b) {
      i++;
      gap();
      if (text.charCodeAt(i) === 0x7d) { i++; return; }
      for (;;) {
        if (text.charCodeAt(i) !== 0x22) return fail('looking for beginning of object key string');
        skipValue();
        gap();
        if (text.charCodeAt(i) !== 0x3a) return fail('after object key');
        i++;
        gap();
        skipValue();
        gap();
        const d = text.charCodeAt(i);
        if (d === 0x2c) { i++; gap(); continue; }
        if (d === 0x7d) { i++; return; }
        return fail('after object key:value pair');
      }
    }
    if (c === 0x5b) {
      i++;
      gap();
      if (text.charCodeAt(i) === 0x5d) { i++; return; }
      for (;;) {
        skipValue();
        gap();
        const d = text.charCodeAt(i);
        if (d === 0x2c) { i++; gap(); continue; }
        if (d === 0x5d) { i++; return; }
        return fail('after array element');
      }
    }
    if (c === 0x74 && text.startsWith('true', i)) { i += 4; return; }
    if (c === 0x66 && text.startsWith('false', i)) { i += 5; return; }
    if (c === 0x6e && text.startsWith('null', i)) { i += 4; return; }
    NUMBER.lastIndex = i;
    if (!NUMBER.test(text)) return fail('looking for beginning of value');
    i = NUMBER.lastIndex;
  };
  // Skips one value and returns its text without the whitespace between tokens, as a
  // string of its own: a state file indents each object's attributes deeply, and kept as
  // written 100k objects would hold twice the text (a slice would keep the whole file).
  const skip = (): string => {
    ws();
    const start = i;
    parts = null;
    from = i;
    skipValue();
    if (parts === null) return own(text.slice(start, i));
    const p: string[] = parts;
    if (i > from) p.push(text.slice(from, i));
    parts = null;
    // join builds one flat string: no part of it points back into `text`.
    return p.join('');
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
        const k = str(false);
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
    if (c === '"') return str(true);
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
