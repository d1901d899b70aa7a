/**
 * A strict JSON parser that can hand back chosen parts as raw text instead of values.
 * State files keep resource attributes as the JSON the provider produced; reading them
 * through JSON.parse would reorder integer-like keys and round big numbers, so the
 * codec captures them verbatim and converts them only when a schema is known.
 */

/** Raw JSON text captured at a requested path (compacted: no insignificant whitespace). */
export class RawJSON {
  constructor(readonly json: string) {}
}

/** A syntax error with the byte offset Go's decoder would report. */
export class JSONSyntaxError extends Error {
  override name = 'JSONSyntaxError';
  constructor(message: string, readonly byteOffset: number) { super(message); }
}

const STRING = /"(?:[^"\\\u0000-\u001f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"/y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const WS = /[ \t\n\r]*/y;

/**
 * Parses `text`. `capture(path)` is asked for each object member (path = keys from the
 * root, array elements as `*`); when it says yes, the member's value is returned as a
 * RawJSON. Throws JSONSyntaxError on invalid input.
 */
export function parseJSONCapturing(text: string, capture: (path: readonly string[]) => boolean): unknown {
  let i = 0;
  const path: string[] = [];

  const fail = (what: string): never => {
    const byteOffset = Buffer.byteLength(text.slice(0, i));
    const ch = text[i];
    const msg = ch === undefined ? 'unexpected end of JSON input' : `invalid character ${JSON.stringify(ch)} ${what}`;
    throw new JSONSyntaxError(msg, byteOffset);
  };
  const ws = () => { WS.lastIndex = i; WS.exec(text); i = WS.lastIndex; };
  const str = (): string => {
    STRING.lastIndex = i;
    const m = STRING.exec(text);
    if (!m) return fail('in string literal');
    i = STRING.lastIndex;
    const s = m[0];
    return s.indexOf('\\') < 0 ? s.slice(1, -1) : (JSON.parse(s) as string);
  };

  // Validates a value and returns the compacted text, without building it.
  const skip = (): string => {
    ws();
    const start = i;
    let depth = 0;
    let compact = '';
    let segStart = i;
    const flushWs = () => { compact += text.slice(segStart, i); };
    // Iterative: a structural stack of expected closers.
    const closers: string[] = [];
    let expectValue = true;
    for (;;) {
      if (expectValue) {
        const c = text[i];
        if (c === '{' || c === '[') {
          closers.push(c === '{' ? '}' : ']');
          depth++;
          i++;
          flushWs(); WS.lastIndex = i; WS.exec(text); i = WS.lastIndex; segStart = i;
          if (text[i] === closers[closers.length - 1]) { expectValue = false; continue; }
          if (c === '{') {
            STRING.lastIndex = i;
            if (!STRING.exec(text)) return fail('looking for beginning of object key string');
            i = STRING.lastIndex;
            flushWs(); ws(); segStart = i;
            if (text[i] !== ':') return fail("after object key");
            i++;
            flushWs(); ws(); segStart = i;
          }
          continue;
        }
        if (c === '"') {
          STRING.lastIndex = i;
          if (!STRING.exec(text)) return fail('in string literal');
          i = STRING.lastIndex;
        } else if (c === 't' && text.startsWith('true', i)) i += 4;
        else if (c === 'f' && text.startsWith('false', i)) i += 5;
        else if (c === 'n' && text.startsWith('null', i)) i += 4;
        else {
          NUMBER.lastIndex = i;
          if (!NUMBER.exec(text)) return fail('looking for beginning of value');
          i = NUMBER.lastIndex;
        }
        expectValue = false;
      }
      if (depth === 0) break;
      flushWs(); ws(); segStart = i;
      const c = text[i];
      const closer = closers[closers.length - 1]!;
      if (c === closer) {
        closers.pop();
        depth--;
        i++;
        if (depth === 0) break;
        continue;
      }
      if (c !== ',') return fail(closer === '}' ? 'after object key:value pair' : 'after array element');
      i++;
      flushWs(); ws(); segStart = i;
      if (closer === '}') {
        STRING.lastIndex = i;
        if (!STRING.exec(text)) return fail('looking for beginning of object key string');
        i = STRING.lastIndex;
        flushWs(); ws(); segStart = i;
        if (text[i] !== ':') return fail('after object key');
        i++;
        flushWs(); ws(); segStart = i;
      }
      expectValue = true;
    }
    void start;
    compact += text.slice(segStart, i);
    return compact;
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
        // Go keeps the last of duplicate keys too.
        Object.defineProperty(obj, k, { value: v, enumerable: true, writable: true, configurable: true });
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
  if (i < text.length) fail('after top-level value');
  return out;
}
