/**
 * A small parser for the absolute traversals addresses are written in
 * (`module.a["x"].aws_instance.web[0]`), following HCL's traversal syntax: a root name,
 * then `.name` and `[key]` steps, where a key is a whole number or a quoted string with
 * HCL's escapes. `[*]` is accepted as a splat step for partial addresses.
 */
import { errorDiag, type Diagnostic, type Range } from '../hcl/diagnostic.js';

/** One step of a parsed traversal, with its source range. */
export type TraversalStep =
  | { readonly type: 'root' | 'attr'; readonly name: string; readonly range: Range }
  | { readonly type: 'index'; readonly key: number | string; readonly range: Range }
  | { readonly type: 'splat'; readonly range: Range };

/** A parse result: the value (undefined when there were errors) and diagnostics. */
export interface Parsed<T> {
  value: T | undefined;
  diags: Diagnostic[];
}

const IDENT_START = /[\p{ID_Start}_]/u;
const IDENT_CONT = /[\p{ID_Continue}\-]/u;

/** The range of characters [from, to) of `src`, as a one-line source range. */
export function rangeOf(src: string, from: number, to: number, filename = ''): Range {
  const pos = (i: number) => ({ line: 1, column: i + 1, byte: Buffer.byteLength(src.slice(0, i)) });
  return { filename, start: pos(from), end: pos(to) };
}

/** The range spanning the given steps (or the whole source when there are none). */
export function stepsRange(src: string, steps: readonly TraversalStep[]): Range {
  if (steps.length === 0) return rangeOf(src, 0, src.length);
  return { filename: '', start: steps[0]!.range.start, end: steps[steps.length - 1]!.range.end };
}

/** Parses `src` as an absolute traversal. */
export function parseTraversal(src: string): Parsed<TraversalStep[]> {
  const steps: TraversalStep[] = [];
  let i = 0;
  const fail = (summary: string, detail: string, from: number, to = from + 1): Parsed<TraversalStep[]> => ({
    value: undefined,
    diags: [errorDiag(summary, detail, rangeOf(src, from, Math.min(Math.max(to, from), src.length)))],
  });
  const ident = (): string | undefined => {
    const start = i;
    const first = src.codePointAt(i);
    if (first === undefined || !IDENT_START.test(String.fromCodePoint(first))) return undefined;
    i += first > 0xffff ? 2 : 1;
    while (i < src.length) {
      const cp = src.codePointAt(i)!;
      if (!IDENT_CONT.test(String.fromCodePoint(cp))) break;
      i += cp > 0xffff ? 2 : 1;
    }
    return src.slice(start, i);
  };

  const root = ident();
  if (root === undefined) return fail('Variable name required', 'Must begin with a variable name.', 0);
  steps.push({ type: 'root', name: root, range: rangeOf(src, 0, i) });

  while (i < src.length) {
    const start = i;
    const c = src[i];
    if (c === '.') {
      i++;
      const name = ident();
      if (name !== undefined) {
        steps.push({ type: 'attr', name, range: rangeOf(src, start, i) });
        continue;
      }
      // HCL's legacy index form `.0`.
      const m = /^[0-9]+/.exec(src.slice(i));
      if (m) {
        i += m[0].length;
        steps.push({ type: 'index', key: Number(m[0]), range: rangeOf(src, start, i) });
        continue;
      }
      return fail('Invalid attribute name', 'Dot must be followed by attribute name.', start, i + 1);
    }
    if (c === '[') {
      i++;
      if (src[i] === '*' && src[i + 1] === ']') {
        i += 2;
        steps.push({ type: 'splat', range: rangeOf(src, start, i) });
        continue;
      }
      let key: number | string;
      if (src[i] === '"') {
        const r = parseQuoted(src, i);
        if ('error' in r) return fail('Invalid string literal', r.error, r.at, r.at + 1);
        key = r.value;
        i = r.end;
      } else {
        const m = /^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(src.slice(i));
        if (!m) {
          return fail('Invalid index', 'Index key must be a literal number or a quoted string.', i, i + 1);
        }
        key = Number(m[0]);
        i += m[0].length;
      }
      if (src[i] !== ']') {
        return fail('Missing close bracket on index', 'The index operator must end with a closing bracket ("]").', i, i + 1);
      }
      i++;
      steps.push({ type: 'index', key, range: rangeOf(src, start, i) });
      continue;
    }
    return fail('Extra characters after traversal', 'The input contains characters that are not part of an address.', i, src.length);
  }
  return { value: steps, diags: [] };
}

/** Parses an HCL quoted string starting at `src[at] === '"'`. */
function parseQuoted(src: string, at: number): { value: string; end: number } | { error: string; at: number } {
  let out = '';
  let i = at + 1;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '"') return { value: out, end: i + 1 };
    if (c === '\n') break;
    if (c === '\\') {
      const e = src[i + 1];
      switch (e) {
        case 'n': out += '\n'; i += 2; continue;
        case 'r': out += '\r'; i += 2; continue;
        case 't': out += '\t'; i += 2; continue;
        case '"': out += '"'; i += 2; continue;
        case '\\': out += '\\'; i += 2; continue;
        case 'u':
        case 'U': {
          const n = e === 'u' ? 4 : 8;
          const hex = src.slice(i + 2, i + 2 + n);
          if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) {
            return { error: `The \\${e} escape must be followed by ${n} hexadecimal digits.`, at: i };
          }
          const cp = parseInt(hex, 16);
          if (cp > 0x10ffff) return { error: 'The escape sequence names an invalid Unicode character.', at: i };
          out += String.fromCodePoint(cp);
          i += 2 + n;
          continue;
        }
        default:
          return { error: `The symbol "${e ?? ''}" is not a valid escape sequence selector.`, at: i };
      }
    }
    if ((c === '$' || c === '%') && src[i + 1] === c && src[i + 2] === '{') {
      out += c + '{';
      i += 3;
      continue;
    }
    if ((c === '$' || c === '%') && src[i + 1] === '{') {
      return { error: 'Template sequences are not allowed in an address.', at: i };
    }
    out += c;
    i++;
  }
  return { error: 'The string literal is not terminated.', at };
}
