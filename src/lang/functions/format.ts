/**
 * format and formatlist: Go-style verbs as cty implements them (%v %#v %s %q %d %b %o %x
 * %X %e %E %f %g %G %t %%), with flags, width, precision and explicit argument indexes
 * (`%[2]s`). Widths count grapheme clusters; %v/%#v of non-primitive values is JSON.
 */
import * as T from '../types.js';
import { Value, stringVal, unknownVal, isWhollyKnown, listVal, emptyListVal } from '../value.js';
import { convert, ConversionError } from '../convert.js';
import type { FunctionDef } from './function.js';
import { FunctionError } from './function.js';
import { param } from './util.js';
import { graphemeLength, graphemes } from './graphemes.js';
import { goJSONString, jsonEncodeValue } from './json.js';

interface Verb {
  raw: string;
  offset: number;
  argNum: number;
  mode: string;
  zero: boolean;
  sharp: boolean;
  plus: boolean;
  minus: boolean;
  space: boolean;
  width: number; // -1 when absent
  prec: number; // -1 when absent
}

/** Go's %q of a rune (for error messages about format characters). */
function quoteRune(ch: string): string {
  if (ch === "'") return "'\\''";
  if (ch === '\\') return "'\\\\'";
  const c = ch.codePointAt(0)!;
  if (c < 0x20 || c === 0x7f) return `'\\x${c.toString(16).padStart(2, '0')}'`;
  return `'${ch}'`;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** Applies a cty format string to known arguments. Offsets in errors are UTF-8 byte offsets, as in Go. */
export function formatString(format: string, args: readonly Value[]): string {
  let out = '';
  let nextArg = 1;
  let highest = 0;
  const n = format.length;
  // eslint-disable-next-line no-control-regex
  const ascii = !/[^\x00-\x7f]/.test(format);
  const byteOff = (i: number): number => (ascii ? i : Buffer.byteLength(format.slice(0, i)));
  let i = 0;
  while (i < n) {
    const c = format[i]!;
    if (c !== '%') {
      const next = format.indexOf('%', i);
      const end = next < 0 ? n : next;
      out += format.slice(i, end);
      i = end;
      continue;
    }
    if (format[i + 1] === '%') { out += '%'; i += 2; continue; }
    const start = i;
    const v: Verb = { raw: '', offset: byteOff(start), argNum: nextArg, mode: '', zero: false, sharp: false, plus: false, minus: false, space: false, width: -1, prec: -1 };
    i++;
    const fail = (): never => {
      if (i >= n) throw new FunctionError(`invalid format string starting at offset ${byteOff(n)}`);
      const ch = String.fromCodePoint(format.codePointAt(i)!);
      throw new FunctionError(`unrecognized format character ${quoteRune(ch)} at offset ${byteOff(i)}`);
    };
    for (;;) {
      const f = format[i];
      if (f === '0') v.zero = true;
      else if (f === '#') v.sharp = true;
      else if (f === '-') v.minus = true;
      else if (f === '+') v.plus = true;
      else if (f === ' ') v.space = true;
      else break;
      i++;
    }
    if (format[i] !== undefined && format[i]! >= '1' && format[i]! <= '9') {
      let w = 0;
      while (isDigit(format[i])) { w = w * 10 + (format.charCodeAt(i) - 48); i++; }
      v.width = w;
    }
    if (format[i] === '.') {
      i++;
      let p = 0;
      while (isDigit(format[i])) { p = p * 10 + (format.charCodeAt(i) - 48); i++; }
      v.prec = p;
    }
    if (format[i] === '[') {
      i++;
      if (!(format[i] !== undefined && format[i]! >= '1' && format[i]! <= '9')) fail();
      let a = 0;
      while (isDigit(format[i])) { a = a * 10 + (format.charCodeAt(i) - 48); i++; }
      if (format[i] !== ']') fail();
      i++;
      v.argNum = a;
    }
    const m = format[i];
    if (m === undefined || !/[A-Za-z]/.test(m)) fail();
    v.mode = m!;
    i++;
    v.raw = format.slice(start, i);
    if (v.argNum > highest) highest = v.argNum;
    out += formatVerb(v, args);
    nextArg = v.argNum + 1;
  }
  if (highest < args.length) {
    if (highest === 0) throw new FunctionError('too many arguments; no verbs in format string', highest + 1);
    throw new FunctionError(`too many arguments; only ${highest} used by format string`, highest + 1);
  }
  return out;
}

function goQ(s: string): string {
  return JSON.stringify(s);
}

function formatVerb(v: Verb, args: readonly Value[]): string {
  const idx = v.argNum - 1;
  if (idx >= args.length) {
    throw new FunctionError(`not enough arguments for ${goQ(v.raw)} at ${v.offset}: need index ${v.argNum} but have ${args.length} total`);
  }
  const arg = args[idx]!;
  if (v.mode !== 'v' && arg.isNull) throw new FunctionError(`unsupported value for ${goQ(v.raw)} at ${v.offset}: null value cannot be formatted`);
  const conv = (t: T.Type): Value => {
    try {
      return convert(arg, t);
    } catch (e) {
      if (e instanceof ConversionError) throw new FunctionError(`unsupported value for ${goQ(v.raw)} at ${v.offset}: ${e.message}`);
      throw e;
    }
  };
  switch (v.mode) {
    case 'v':
      if (!v.sharp && !arg.isNull) {
        if (arg.type.kind === 'string') return padWidth(v, arg.str);
        if (arg.type.kind === 'number') return padWidth(v, formatFloat(arg.num, 'g', -1));
      }
      return padWidth(v, jsonEncodeValue(arg));
    case 't':
      return conv(T.Bool).bool ? 'true' : 'false';
    case 'b': case 'd': case 'o': case 'x': case 'X': {
      const x = conv(T.Number).num;
      if (!Number.isInteger(x)) throw new FunctionError(`unsupported value for ${goQ(v.raw)} at ${v.offset}: an integer is required`);
      return formatInteger(v, BigInt(x));
    }
    case 'e': case 'E': case 'f': case 'g': case 'G':
      return padFloat(v, conv(T.Number).num);
    case 's': case 'q': {
      let s = conv(T.String).str;
      if (v.prec > 0) s = graphemes(s).slice(0, v.prec).join('');
      return padWidth(v, v.mode === 's' ? s : goJSONString(s));
    }
    default:
      throw new FunctionError(`unsupported format verb ${quoteRune(v.mode)} in ${goQ(v.raw)} at offset ${v.offset}`);
  }
}

function padWidth(v: Verb, s: string): string {
  if (v.width < 0) return s;
  const len = graphemeLength(s);
  if (len >= v.width) return s;
  const pad = (v.zero ? '0' : ' ').repeat(v.width - len);
  return v.minus ? s + pad : pad + s;
}

function formatInteger(v: Verb, x: bigint): string {
  const base = v.mode === 'b' ? 2 : v.mode === 'o' ? 8 : v.mode === 'd' ? 10 : 16;
  const neg = x < 0n;
  let digits = (neg ? -x : x).toString(base);
  if (v.mode === 'X') digits = digits.toUpperCase();
  const sign = neg ? '-' : v.plus ? '+' : v.space ? ' ' : '';
  let prefix = '';
  if (v.sharp) prefix = v.mode === 'b' ? '0b' : v.mode === 'o' ? '0' : v.mode === 'x' ? '0x' : v.mode === 'X' ? '0X' : '';
  let zeros = 0;
  if (v.prec >= 0) {
    if (digits.length < v.prec) zeros = v.prec - digits.length;
    else if (digits === '0' && v.prec === 0) return '';
  }
  let left = 0, right = 0;
  const length = sign.length + prefix.length + zeros + digits.length;
  if (v.width >= 0 && length < v.width) {
    const d = v.width - length;
    if (v.minus) right = d;
    else if (v.zero && v.prec < 0) zeros = d;
    else left = d;
  }
  return ' '.repeat(left) + sign + prefix + '0'.repeat(zeros) + digits + ' '.repeat(right);
}

function padFloat(v: Verb, x: number): string {
  let buf = formatFloat(x, v.mode, v.prec);
  let sign = '';
  if (buf[0] === '-') { sign = '-'; buf = buf.slice(1); } else if (buf[0] === '+') { sign = v.space ? ' ' : '+'; buf = buf.slice(1); } else if (v.plus) sign = '+';
  else if (v.space) sign = ' ';
  const padding = v.width > sign.length + buf.length ? v.width - sign.length - buf.length : 0;
  if (v.zero && !v.minus && Number.isFinite(x)) return sign + '0'.repeat(padding) + buf;
  if (v.minus) return sign + buf + ' '.repeat(padding);
  return ' '.repeat(padding) + sign + buf;
}

/** A decimal: value = 0.digits × 10^exp, digits without leading/trailing zeros ('' for zero). */
interface Decimal { digits: string; exp: number }

function shortestDecimal(x: number): Decimal {
  if (x === 0) return { digits: '', exp: 0 };
  const [m, e] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = m.replace('.', '').replace(/0+$/, '');
  return { digits, exp: parseInt(e, 10) + 1 };
}

/** Near-exact decimal digits of x, for rounding with Go's round-half-even rule. */
function exactDecimal(x: number): Decimal {
  if (x === 0) return { digits: '', exp: 0 };
  const [m, e] = Math.abs(x).toPrecision(100).split('e') as [string, string?];
  let intPart: string, frac: string;
  if (e !== undefined) {
    const [a, b = ''] = m.split('.') as [string, string?];
    const ex = parseInt(e, 10);
    return normalize(a + b, ex + 1);
  }
  [intPart, frac = ''] = m.split('.') as [string, string?];
  return normalize(intPart + frac, intPart.length);
}
function normalize(digits: string, exp: number): Decimal {
  let i = 0;
  while (i < digits.length && digits[i] === '0') { i++; exp--; }
  const d = digits.slice(i).replace(/0+$/, '');
  return d === '' ? { digits: '', exp: 0 } : { digits: d, exp };
}

/** Rounds to n significant digits (n may be <= 0), half to even as Go's big.Float does. */
function roundDecimal(d: Decimal, n: number): Decimal {
  if (n < 0 || n >= d.digits.length) return d;
  const up = shouldRoundUp(d, n);
  let digits = d.digits.slice(0, Math.max(n, 0));
  let exp = d.exp;
  if (up) {
    let j = digits.length - 1;
    const arr = digits.split('');
    while (j >= 0 && arr[j] === '9') { arr[j] = '0'; j--; }
    if (j < 0) { arr.unshift('1'); exp++; } else arr[j] = String.fromCharCode(arr[j]!.charCodeAt(0) + 1);
    digits = arr.join('');
    if (n >= 0 && digits.length > n && n > 0) digits = digits.slice(0, n);
  }
  return normalize(digits, exp);
}
function shouldRoundUp(d: Decimal, n: number): boolean {
  if (n < 0) return false;
  const c = d.digits[n];
  if (c === undefined) return false;
  if (c === '5' && n + 1 === d.digits.length) return n > 0 && (d.digits.charCodeAt(n - 1) - 48) % 2 === 1;
  return c >= '5';
}

/** Go's big.Float Text/Format for 'e','E','f','g','G' with precision (-1 = shortest). */
export function formatFloat(x: number, mode: string, prec: number): string {
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  const lower = mode.toLowerCase();
  const shortest = prec < 0;
  let d: Decimal;
  if (shortest) {
    d = shortestDecimal(x);
    if (lower !== 'g') prec = 6;
  } else d = exactDecimal(x);
  if (!shortest || lower !== 'g') {
    if (lower === 'e') d = roundDecimal(d, 1 + prec);
    else if (lower === 'f') d = roundDecimal(d, d.exp + prec);
    else { if (prec === 0) prec = 1; d = roundDecimal(d, prec); }
  }
  let body: string;
  if (lower === 'e') body = fmtE(d, prec, mode);
  else if (lower === 'f') body = fmtF(d, prec);
  else {
    let eprec = prec;
    if (eprec > d.digits.length && d.digits.length >= d.exp) eprec = d.digits.length;
    if (shortest) eprec = 6;
    const exp = d.exp - 1;
    if (d.digits !== '' && (exp < -4 || exp >= eprec)) {
      const p = shortest ? d.digits.length - 1 : Math.min(prec, d.digits.length) - 1;
      body = fmtE(d, Math.max(p, 0), mode === 'G' ? 'E' : 'e');
    } else body = fmtF(d, Math.max((shortest ? d.digits.length : Math.min(prec, d.digits.length)) - d.exp, 0));
  }
  return neg ? '-' + body : body;
}

function fmtE(d: Decimal, prec: number, mode: string): string {
  const digits = d.digits === '' ? '0' : d.digits;
  let s = digits[0]!;
  if (prec > 0) s += '.' + (digits.slice(1) + '0'.repeat(prec)).slice(0, prec);
  const exp = d.digits === '' ? 0 : d.exp - 1;
  const ae = Math.abs(exp);
  return s + (mode === 'E' ? 'E' : 'e') + (exp < 0 ? '-' : '+') + (ae < 10 ? '0' : '') + ae;
}

function fmtF(d: Decimal, prec: number): string {
  let intPart: string;
  if (d.exp > 0) intPart = (d.digits + '0'.repeat(Math.max(0, d.exp - d.digits.length))).slice(0, d.exp);
  else intPart = '0';
  if (intPart === '') intPart = '0';
  let s = intPart;
  if (prec > 0) {
    let frac = '';
    for (let i = 0; i < prec; i++) {
      const j = d.exp + i;
      frac += j >= 0 && j < d.digits.length ? d.digits[j] : '0';
    }
    s += '.' + frac;
  }
  return s;
}

const fmtParam = param('format', T.String);
const argsParam = param('args', T.Dynamic, { allowNull: true, allowUnknown: true, allowDynamicType: true });

/** format and formatlist. */
export const formatFunctions: Record<string, FunctionDef> = {
  format: {
    description: 'Produces a string by formatting a number of other values according to a specification string.',
    params: [fmtParam],
    varParam: argsParam,
    returnType: () => T.String,
    refineNotNull: true,
    impl: (args) => {
      const f = args[0]!.str;
      for (let i = 1; i < args.length; i++) {
        if (!isWhollyKnown(args[i]!)) {
          const idx = f.indexOf('%');
          return unknownVal(T.String, idx > 0 ? { notNull: true, stringPrefix: f.slice(0, idx) } : { notNull: true });
        }
      }
      return stringVal(formatString(f, args.slice(1)));
    },
  },
  formatlist: {
    description: 'Produces a list of strings by formatting a number of other values according to a specification string.',
    params: [fmtParam],
    varParam: argsParam,
    returnType: () => T.List(T.String),
    refineNotNull: true,
    impl: (all, _c, rt) => {
      const f = all[0]!.str;
      const args = all.slice(1);
      if (args.length === 0) return listVal([stringVal(formatString(f, []))], T.String);
      let iterLen = -1, chooser = -1;
      let unknown = false;
      const iters: (readonly Value[] | undefined)[] = [];
      args.forEach((a, i) => {
        const k = a.type.kind;
        if ((k === 'list' || k === 'set' || k === 'tuple') && !a.isNull) {
          if (k !== 'tuple' && !a.isKnown) { unknown = true; return; }
          const len = k === 'tuple' ? (a.type as T.TupleType).elems.length : a.elems.length;
          if (iterLen === -1) { iterLen = len; chooser = i; } else if (len !== iterLen) {
            throw new FunctionError(`argument ${i + 1} has length ${len}, which is inconsistent with argument ${chooser + 1} of length ${iterLen}`, i + 1);
          }
          if (!a.isKnown) { unknown = true; return; }
          iters[i] = a.elems;
        } else if (k === 'dynamic' && !a.isKnown) unknown = true;
      });
      if (unknown) return unknownVal(rt, { notNull: true });
      if (iterLen === 0) return emptyListVal(T.String);
      if (iterLen === -1) iterLen = 1;
      const out: Value[] = [];
      const fa: Value[] = new Array(args.length);
      outer: for (let it = 0; it < iterLen; it++) {
        for (let i = 0; i < args.length; i++) {
          fa[i] = iters[i] ? iters[i]![it]! : args[i]!;
          if (!isWhollyKnown(fa[i]!)) { out.push(unknownVal(T.String, { notNull: true })); continue outer; }
        }
        try {
          out.push(stringVal(formatString(f, fa)));
        } catch (e) {
          if (e instanceof FunctionError) throw new FunctionError(`error on format iteration ${it}: ${e.message}`);
          throw e;
        }
      }
      return listVal(out, T.String);
    },
  },
};

