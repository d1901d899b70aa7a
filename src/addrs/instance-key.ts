/**
 * Instance keys: the `[0]` or `["a"]` after a resource or module call that uses `count`
 * or `for_each`. `null` means "no key" (a single instance).
 */

/** No key (`null`), a whole-number key (count) or a string key (for_each). */
export type InstanceKey = null | number | string;

/** The canonical "no key" value. */
export const NoKey: InstanceKey = null;

/**
 * The key as Terraform prints it after an address: `` for no key, `[3]`, `["a"]`
 * (strings quoted with HCL's rules so the result parses back).
 */
export function instanceKeyString(k: InstanceKey): string {
  if (k === null) return '';
  if (typeof k === 'number') return `[${k}]`;
  return `[${hclQuote(k)}]`;
}

/** True when both keys are the same key (same kind and value). */
export function instanceKeyEquals(a: InstanceKey, b: InstanceKey): boolean {
  return a === b;
}

/**
 * Orders keys as Terraform sorts instances: no key first, then integers ascending, then
 * strings in byte order.
 */
export function compareInstanceKeys(a: InstanceKey, b: InstanceKey): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number') return typeof b === 'number' ? a - b : -1;
  if (typeof b === 'number') return 1;
  return compareBytes(a, b);
}

/**
 * Compares strings by their UTF-8 bytes, as Go's `<` on strings does. Differs from JS's
 * UTF-16 comparison only when astral characters meet characters above U+E000.
 */
export function compareBytes(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i), cb = b.charCodeAt(i);
    if (ca !== cb) {
      const sa = ca >= 0xd800 && ca <= 0xdfff, sb = cb >= 0xd800 && cb <= 0xdfff;
      // Surrogates encode code points above U+FFFF, which sort after every BMP character in UTF-8.
      if (sa !== sb) return sa ? 1 : -1;
      return ca - cb;
    }
  }
  return a.length - b.length;
}

// Unicode's printable classes as Go's unicode.IsPrint sees them (letters, marks, numbers,
// punctuation, symbols and the ASCII space).
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/**
 * Quotes a string the way Terraform prints string instance keys: HCL's escapes for
 * `"`, `\`, newline, CR and tab; `${` and `%{` doubled to `$${`/`%%{`; other
 * non-printable characters as `\uXXXX` / `\UXXXXXXXX`.
 */
export function hclQuote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    switch (c) {
      case '\n': out += '\\n'; continue;
      case '\r': out += '\\r'; continue;
      case '\t': out += '\\t'; continue;
      case '"': out += '\\"'; continue;
      case '\\': out += '\\\\'; continue;
      case '$':
      case '%':
        out += c;
        if (s[i + 1] === '{') out += c;
        continue;
    }
    const cp = s.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    if (cp > 0xffff) i++;
    if (cp < 0x80 ? cp >= 0x20 && cp < 0x7f : PRINTABLE.test(ch)) out += ch;
    else if (cp < 0x10000) out += '\\u' + cp.toString(16).padStart(4, '0');
    else out += '\\U' + cp.toString(16).padStart(8, '0');
  }
  return out + '"';
}
