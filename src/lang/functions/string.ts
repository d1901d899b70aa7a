/**
 * String functions: chomp endswith formatlist-free helpers, indent join lower regex
 * regexall replace split startswith strcontains strrev substr templatestring title trim
 * trimprefix trimsuffix trimspace upper. (format/formatlist live in format.ts.)
 */
import * as T from '../types.js';
import { Value, True, False, stringVal, boolVal, unknownVal, isWhollyKnown, listVal, emptyListVal } from '../value.js';
import type { FunctionDef, FunctionContext } from './function.js';
import { FunctionError } from './function.js';
import { fixed, param } from './util.js';
import { graphemes } from './graphemes.js';
import { compileRE2, regexFunctions, replaceAllRE2 } from './re2.js';
import { convert } from '../convert.js';

const str = param('str', T.String);

function s1(description: string, f: (s: string) => string): FunctionDef {
  return fixed(description, [str], T.String, ([a]) => stringVal(f(a!.str)));
}

// Go's unicode.IsSpace set (JS \s also includes U+FEFF, which Go does not trim).
const GO_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const LEADING_SPACE = new RegExp(`^[${GO_SPACE}]+`);
const TRAILING_SPACE = new RegExp(`[${GO_SPACE}]+$`);
const TRAILING_NEWLINES = /(?:\r\n?|\n)*$/;

// eslint-disable-next-line no-control-regex
const ASCII_ONLY = /^[\x00-\x7f]*$/;

/**
 * Go's strings.ToUpper/ToLower: rune by rune with simple case mappings only (no
 * expansions such as ß -> SS, no context such as final sigma).
 */
export function goCase(s: string, upper: boolean): string {
  if (ASCII_ONLY.test(s)) return upper ? s.toUpperCase() : s.toLowerCase();
  let out = '';
  for (const ch of s) {
    if (!upper && ch === '\u0130') { out += 'i'; continue; }
    const m = upper ? ch.toUpperCase() : ch.toLowerCase();
    out += m.length === ch.length && [...m].length === 1 ? m : ch;
  }
  return out;
}

/** Go's strings.Title: upper-cases the first letter of every word. */
export function goTitle(s: string): string {
  let out = '';
  let prev = ' ';
  for (const ch of s) {
    out += isSeparator(prev) ? titleCase(ch) : ch;
    prev = ch;
  }
  return out;
}
function titleCase(ch: string): string {
  const u = ch.toUpperCase();
  return [...u].length === 1 ? u : ch;
}
function isSeparator(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  if (c <= 0x7f) {
    if ((c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95) return false;
    return true;
  }
  if (/[\p{L}\p{Nd}\p{Nl}\p{No}]/u.test(ch)) return false;
  return /\s/u.test(ch);
}

/** Go's strings.Trim(s, cutset): removes leading and trailing runes found in cutset. */
function goTrim(s: string, cutset: string): string {
  if (s === '' || cutset === '') return s;
  const set = new Set(cutset);
  const chars = [...s];
  let i = 0, j = chars.length;
  while (i < j && set.has(chars[i]!)) i++;
  while (j > i && set.has(chars[j - 1]!)) j--;
  return chars.slice(i, j).join('');
}

function substr(s: string, offset: number, length: number): string {
  const g = graphemes(s);
  if (offset < 0) offset += g.length;
  else if (length === 0) return '';
  const sub = offset > 0 ? g.slice(offset) : g;
  if (length <= 0) return sub.join('');
  return sub.slice(0, length).join('');
}

function toInt(v: Value): number {
  const n = v.num;
  if (!Number.isInteger(n)) throw new FunctionError(`value must be a whole number, got ${n}`);
  return n;
}

const IDENT = /^[\p{L}_][\p{L}\p{N}_-]*$/u;

/**
 * Checks a template's vars argument as Terraform does and returns its entries. Shared by
 * templatefile (filesystem.ts).
 */
export function templateVars(v: Value): ReadonlyMap<string, Value> {
  const k = v.type.kind;
  if (k !== 'map' && k !== 'object') throw new FunctionError('invalid vars value: must be a map', 1);
  for (const n of v.attrs.keys()) {
    if (!IDENT.test(n)) {
      throw new FunctionError(`invalid template variable name ${JSON.stringify(n)}: must start with a letter, followed by zero or more letters, digits, and underscores`, 1);
    }
  }
  return v.attrs;
}

const FS_FUNCTIONS = ['file', 'fileexists', 'fileset', 'filebase64', 'filebase64sha256', 'filebase64sha512', 'filemd5', 'filesha1', 'filesha256', 'filesha512', 'templatefile'];
const TEMPLATE_FUNCTIONS = ['templatefile', 'templatestring'];
const tableCache = new WeakMap<ReadonlyMap<string, FunctionDef>, [ReadonlyMap<string, FunctionDef>, ReadonlyMap<string, FunctionDef>]>();

function failing(def: FunctionDef, msg: string): FunctionDef {
  return { ...def, returnType: () => { throw new FunctionError(msg); }, impl: () => { throw new FunctionError(msg); } };
}

/**
 * The functions a template may call (Terraform's makeRenderTemplateFunc): the template
 * functions cannot recurse, and templatestring templates cannot touch the filesystem.
 */
export function templateFunctions(fns: ReadonlyMap<string, FunctionDef>, allowFS: boolean): ReadonlyMap<string, FunctionDef> {
  let cached = tableCache.get(fns);
  if (!cached) {
    const build = (fs: boolean): Map<string, FunctionDef> => {
      const out = new Map<string, FunctionDef>();
      for (const [name, def] of fns) {
        const plain = name.startsWith('core::') ? name.slice(6) : name;
        if (TEMPLATE_FUNCTIONS.includes(plain)) out.set(name, failing(def, `cannot recursively call ${plain} from inside another template function`));
        else if (!fs && FS_FUNCTIONS.includes(plain)) out.set(name, failing(def, `cannot use filesystem access functions like ${plain} in templatestring templates; consider passing the function result as a template variable instead`));
        else out.set(name, def);
      }
      return out;
    };
    cached = [build(true), build(false)];
    tableCache.set(fns, cached);
  }
  return allowFS ? cached[0] : cached[1];
}

/** Renders a template source via the evaluator's callback and converts the result to a string. */
export function renderTemplateString(ctx: FunctionContext, src: string, filename: string, vars: Value): Value {
  const entries = templateVars(vars);
  if (!ctx.renderTemplate) throw new FunctionError('template rendering is not available in this context');
  const out = ctx.renderTemplate(src, filename, entries, ctx.functions && templateFunctions(ctx.functions, false));
  if (out.isNull) throw new FunctionError('The result of the template is null, which is not a valid result for a templatestring call');
  try {
    return convert(out, T.String);
  } catch (e) {
    throw new FunctionError(`invalid template result: ${(e as Error).message}`);
  }
}

/** The string function table. */
export const stringFunctions: Record<string, FunctionDef> = {
  upper: s1('Converts all cased letters in the given string to uppercase.', (s) => goCase(s, true)),
  lower: s1('Converts all cased letters in the given string to lowercase.', (s) => goCase(s, false)),
  strrev: s1('Reverses the characters in a string.', (s) => graphemes(s).reverse().join('')),
  title: s1('Converts the first letter of each word in the given string to uppercase.', goTitle),
  trimspace: s1('Removes any space characters from the start and end of the given string.',
    (s) => s.replace(LEADING_SPACE, '').replace(TRAILING_SPACE, '')),
  chomp: s1('Removes one or more newline characters from the end of the given string.', (s) => s.replace(TRAILING_NEWLINES, '')),

  startswith: fixed('Checks whether a string starts with the given prefix.',
    [param('str', T.String, { allowUnknown: true }), param('prefix', T.String)], T.Bool, ([s, p]) => {
      const prefix = p!.str;
      if (!s!.isKnown) {
        if (prefix === '') return True;
        const known = s!.refinement?.stringPrefix ?? '';
        if (known !== '') {
          if (known.startsWith(prefix)) return True;
          if (known.length >= prefix.length) return False;
        }
        return unknownVal(T.Bool, { notNull: true });
      }
      return boolVal(s!.str.startsWith(prefix));
    }),
  endswith: fixed('Checks whether a string ends with the given suffix.', [str, param('suffix', T.String)], T.Bool,
    ([s, x]) => boolVal(s!.str.endsWith(x!.str))),
  strcontains: fixed('Checks whether a substring is within another string.', [str, param('substr', T.String)], T.Bool,
    ([s, x]) => boolVal(s!.str.includes(x!.str)), { refineNotNull: false }),

  indent: fixed('Adds a given number of spaces to the beginnings of all but the first line in a given multi-line string.',
    [param('spaces', T.Number), str], T.String, ([n, s]) => {
      const pad = ' '.repeat(Math.max(0, toInt(n!)));
      return stringVal(s!.str.split('\n').join('\n' + pad));
    }),

  join: fixed('Concatenates together the string elements of one or more lists with a given separator.',
    [param('separator', T.String)], T.String, (args) => {
      const sep = args[0]!.str;
      const lists = args.slice(1);
      if (lists.length < 1) throw new FunctionError('at least one list is required');
      for (const l of lists) if (!isWhollyKnown(l)) return unknownVal(T.String, { notNull: true });
      const items: string[] = [];
      lists.forEach((l, ai) => {
        l.elems.forEach((e, ei) => {
          if (e.isNull) {
            throw new FunctionError(lists.length > 1
              ? `element ${ei} of list ${ai + 1} is null; cannot concatenate null values`
              : `element ${ei} is null; cannot concatenate null values`, ai + 1);
          }
          items.push(e.str);
        });
      });
      return stringVal(items.join(sep));
    }, { varParam: param('lists', T.List(T.String)) }),

  split: fixed('Produces a list by dividing a given string at all occurrences of a given separator.',
    [param('separator', T.String), str], T.List(T.String), ([sep, s]) => {
      const parts = goSplit(s!.str, sep!.str);
      return parts.length === 0 ? emptyListVal(T.String) : listVal(parts.map(stringVal), T.String);
    }),

  replace: fixed('Searches a given string for another given substring, and replaces each occurrence with a given replacement string.',
    [str, param('substr', T.String), param('replace', T.String)], T.String, ([s, sub, rep]) => {
      const x = sub!.str;
      if (x.length > 1 && x[0] === '/' && x[x.length - 1] === '/') {
        const re = compileRE2(x.slice(1, -1));
        return stringVal(replaceAllRE2(re, s!.str, rep!.str));
      }
      return stringVal(goReplaceAll(s!.str, x, rep!.str));
    }),

  substr: fixed('Extracts a substring from the given string.',
    [str, param('offset', T.Number), param('length', T.Number)], T.String,
    ([s, o, l]) => stringVal(substr(s!.str, toInt(o!), toInt(l!)))),

  trim: fixed('Removes the specified set of characters from the start and end of the given string.',
    [str, param('cutset', T.String)], T.String, ([s, c]) => stringVal(goTrim(s!.str, c!.str))),
  trimprefix: fixed('Removes the specified prefix from the start of the given string, if present.',
    [str, param('prefix', T.String)], T.String, ([s, p]) => stringVal(s!.str.startsWith(p!.str) ? s!.str.slice(p!.str.length) : s!.str)),
  trimsuffix: fixed('Removes the specified suffix from the end of the given string.',
    [str, param('suffix', T.String)], T.String,
    ([s, p]) => stringVal(p!.str !== '' && s!.str.endsWith(p!.str) ? s!.str.slice(0, s!.str.length - p!.str.length) : s!.str)),

  templatestring: fixed('Renders a template string with the given variables.',
    [param('template', T.String, { allowMarked: true }), param('vars', T.Dynamic)], T.String, ([t, vars], ctx) => {
      const src = t!.unmark();
      return renderTemplateString(ctx, src.str, '<templatestring argument>', vars!).mark(t!.marks);
    }),

  ...regexFunctions,
};

/** Go's strings.Split: an empty separator splits into UTF-8 sequences (code points). */
function goSplit(s: string, sep: string): string[] {
  if (sep === '') return [...s];
  return s.split(sep);
}

/** Go's strings.Replace(s, old, new, -1): an empty `old` matches at every code point boundary. */
function goReplaceAll(s: string, old: string, rep: string): string {
  if (old === '') {
    const cps = [...s];
    return rep + cps.map((c) => c + rep).join('');
  }
  return s.split(old).join(rep);
}

