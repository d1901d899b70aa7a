/**
 * Numeric functions: abs ceil floor log max min parseint pow signum.
 * Numbers are IEEE doubles here (cty uses arbitrary precision; integers up to 2^53 and
 * the usual fractions behave the same).
 */
import * as T from '../types.js';
import { numberVal } from '../value.js';
import type { FunctionDef } from './function.js';
import { FunctionError } from './function.js';
import { fixed, param } from './util.js';

const num = param('num', T.Number);

/** Digits of Go's big.Int SetString for bases up to 62. */
function digitValue(c: number, base: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 122) return c - 97 + 10;
  if (c >= 65 && c <= 90) return base <= 36 ? c - 65 + 10 : c - 65 + 36;
  return 99;
}

/** Parses like Go's big.Int.SetString(s, base): optional sign, no prefix, no underscores. */
export function parseBigInt(s: string, base: number): bigint | undefined {
  let i = 0;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') { neg = s[0] === '-'; i = 1; }
  if (i >= s.length) return undefined;
  const b = BigInt(base);
  let n = 0n;
  for (; i < s.length; i++) {
    const d = digitValue(s.charCodeAt(i), base);
    if (d >= base) return undefined;
    n = n * b + BigInt(d);
  }
  return neg ? -n : n;
}

/** The numeric function table. */
export const numericFunctions: Record<string, FunctionDef> = {
  abs: fixed('Returns the absolute value of the given number.', [param('num', T.Number, { allowMarked: true })], T.Number,
    ([a]) => (a!.num < 0 ? numberVal(-a!.num).withMarks(a!.marks) : a!)),
  ceil: fixed('Returns the closest whole number that is greater than or equal to the given value.', [num], T.Number,
    ([a]) => numberVal(Math.ceil(a!.num) || 0)),
  floor: fixed('Returns the closest whole number that is less than or equal to the given value.', [num], T.Number,
    ([a]) => numberVal(Math.floor(a!.num) || 0)),
  log: fixed('Returns the logarithm of a given number in a given base.', [num, param('base', T.Number)], T.Number, ([n, b]) => {
    const r = Math.log(n!.num) / Math.log(b!.num);
    if (Number.isNaN(r)) throw new FunctionError('result is not a number');
    return numberVal(r);
  }),
  pow: fixed('Calculates an exponent, by raising its first argument to the power of the second argument.',
    [num, param('power', T.Number)], T.Number, ([n, p]) => {
      const r = Math.pow(n!.num, p!.num);
      if (Number.isNaN(r)) throw new FunctionError('result is not a number');
      return numberVal(r);
    }),
  signum: fixed('Determines the sign of a number, returning a number between -1 and 1 to represent the sign.', [num], T.Number,
    ([a]) => numberVal(a!.num < 0 ? -1 : a!.num > 0 ? 1 : 0)),
  max: fixed('Takes one or more numbers and returns the greatest number from the set.', [], T.Number, (args) => {
    if (args.length === 0) throw new FunctionError('must pass at least one number');
    let best = args[0]!;
    for (const a of args) if (a.num > best.num) best = a;
    return best;
  }, { varParam: param('numbers', T.Number, { allowDynamicType: true }) }),
  min: fixed('Takes one or more numbers and returns the smallest number from the set.', [], T.Number, (args) => {
    if (args.length === 0) throw new FunctionError('must pass at least one number');
    let best = args[0]!;
    for (const a of args) if (a.num < best.num) best = a;
    return best;
  }, { varParam: param('numbers', T.Number, { allowDynamicType: true }) }),
  parseint: {
    description: 'Parses the given string as a representation of an integer in the specified base and returns the resulting number. The base must be between 2 and 62 inclusive.',
    params: [param('number', T.Dynamic), param('base', T.Number)],
    returnType: ([s]) => {
      if (s!.type.kind !== 'string') throw new FunctionError(`first argument must be a string, not ${T.friendlyName(s!.type)}`, 0);
      return T.Number;
    },
    impl: ([s, b]) => {
      const base = b!.num;
      if (!Number.isInteger(base)) throw new FunctionError('value must be a whole number', 1);
      if (base < 2 || base > 62) throw new FunctionError('base must be a whole number between 2 and 62 inclusive', 1);
      const n = parseBigInt(s!.str, base);
      if (n === undefined) throw new FunctionError(`cannot parse ${goQuote(s!.str)} as a base ${base} integer`, 0);
      return numberVal(Number(n));
    },
    refineNotNull: true,
  },
};

/** Go's %q of a string (strconv.Quote): printable runes kept, the rest escaped. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c === 11) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if ((c >= 0x80 && c < 0xa0) || c === 0xad || c === 0xfeff || (c >= 0xd800 && c < 0xe000)) {
      out += c > 0xffff ? '\\U' + c.toString(16).padStart(8, '0') : '\\u' + c.toString(16).padStart(4, '0');
    } else out += ch;
  }
  return out + '"';
}
