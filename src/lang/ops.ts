/**
 * HCL's operators with cty's semantics: arithmetic and comparison on numbers, logical
 * operators with HCL's short-circuit rules for unknowns, and `==`/`!=` on any values
 * (no conversion: values of different types are unequal; unknowns give unknown).
 * Marks on operands carry over to results. Messages are hclsyntax's.
 */
import * as T from './types.js';
import type { BinaryOp, UnaryOp } from '../hcl/ast.js';
import {
  Value, UNKNOWN, True, False, boolVal, numberVal, unknownVal, deepMarks, unmarkDeep, isWhollyKnown,
} from './value.js';
import { ConversionError, tryConvert } from './convert.js';

/** An operation failure: the detail text after "Error during operation: ". */
export class OpError extends Error {
  override name = 'OpError';
}

const UnknownBool = unknownVal(T.Bool, { notNull: true });
const UnknownNumber = unknownVal(T.Number, { notNull: true });

/** The parameter type of each operator's operands (what operands are converted to first). */
export function operandType(op: BinaryOp): T.Type {
  switch (op) {
    case '||': case '&&': return T.Bool;
    case '==': case '!=': return T.Dynamic;
    default: return T.Number;
  }
}

/** The result type of each operator (for unknown results after errors). */
export function resultType(op: BinaryOp | UnaryOp): T.Type {
  switch (op) {
    case '+': case '-': case '*': case '/': case '%': return T.Number;
    default: return T.Bool;
  }
}

/**
 * Converts an operand to the operator's parameter type; returns a ConversionError on
 * failure. Fast when the type already matches (the common case).
 */
export function convertOperand(v: Value, want: T.Type): Value | ConversionError {
  if (want.kind === 'dynamic' || v.type === want) return v;
  return tryConvert(v, want);
}

/**
 * Applies a binary operator to operands already converted to `operandType(op)`.
 * Throws OpError for "Operation failed" cases (null operands, 0/0).
 */
export function binaryOp(op: BinaryOp, lhs: Value, rhs: Value): Value {
  if (op === '==' || op === '!=') {
    const eq = equals(lhs, rhs);
    return op === '==' ? eq : not(eq);
  }
  const marks = lhs.marks | rhs.marks;
  const a = marks ? lhs.unmark() : lhs;
  const b = marks ? rhs.unmark() : rhs;
  let r: Value;
  if (op === '&&' || op === '||') {
    const sc = shortCircuit(op, a, b);
    if (sc) r = sc;
    else {
      if (a.v === null || b.v === null) throw new OpError('argument must not be null');
      r = op === '&&' ? boolVal(a.bool && b.bool) : boolVal(a.bool || b.bool);
    }
  } else {
    if (a.v === null || b.v === null) throw new OpError('argument must not be null');
    if (a.v === UNKNOWN || b.v === UNKNOWN) {
      r = resultType(op).kind === 'number' ? UnknownNumber : UnknownBool;
    } else {
      r = arith(op, a.num, b.num);
    }
  }
  return marks ? r.withMarks(marks) : r;
}

function shortCircuit(op: '&&' | '||', a: Value, b: Value): Value | undefined {
  const ak = a.v !== UNKNOWN, bk = b.v !== UNKNOWN;
  if (!ak && !bk) return UnknownBool;
  if (op === '||') {
    if (ak && a.v === true) return True;
    if (bk && b.v === true) return True;
    if (!ak && b.v === false) return UnknownBool;
    if (!bk && a.v === false) return UnknownBool;
  } else {
    if (ak && a.v === false) return False;
    if (bk && b.v === false) return False;
    if (!ak && b.v === true) return UnknownBool;
    if (!bk && a.v === true) return UnknownBool;
  }
  if (!ak || !bk) {
    // One side unknown, the other null: cty's function call reports the null first.
    if (a.v === null || b.v === null) throw new OpError('argument must not be null');
    return UnknownBool;
  }
  return undefined;
}

function arith(op: BinaryOp, x: number, y: number): Value {
  switch (op) {
    case '+': {
      if (x === Infinity && y === -Infinity || x === -Infinity && y === Infinity) throw new OpError("can't compute sum of opposing infinities");
      return numberVal(tidy(x + y));
    }
    case '-': {
      if (x === y && !Number.isFinite(x)) throw new OpError("can't subtract infinity from itself");
      return numberVal(tidy(x - y));
    }
    case '*': {
      if ((x === 0 && !Number.isFinite(y)) || (y === 0 && !Number.isFinite(x))) throw new OpError("can't multiply zero by infinity");
      return numberVal(tidy(x * y));
    }
    case '/': {
      if ((x === 0 && y === 0) || (!Number.isFinite(x) && !Number.isFinite(y))) {
        throw new OpError("can't divide zero by zero or infinity by infinity");
      }
      return numberVal(x / y);
    }
    case '%': {
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        if ((x === 0 && !Number.isFinite(y)) || (y === 0 && !Number.isFinite(x))) throw new OpError("can't use modulo with zero and infinity");
        return numberVal(x * y);
      }
      if (y === 0) return numberVal(x);
      return numberVal(tidy(x % y));
    }
    case '<': return boolVal(x < y);
    case '<=': return boolVal(x <= y);
    case '>': return boolVal(x > y);
    case '>=': return boolVal(x >= y);
  }
  return numberVal(NaN);
}

/**
 * cty computes with 512-bit floats, so `0.1 + 0.2` is exactly `0.3` there. Doubles leave
 * a rounding error in the last bit; drop it when a 15-digit rounding is within 2 ulps.
 */
function tidy(r: number): number {
  if (!Number.isFinite(r) || Number.isInteger(r)) return r;
  const p = Number(r.toPrecision(15));
  return Math.abs(p - r) <= Math.abs(r) * 4.5e-16 ? p : r;
}

/** Unary `!` and `-` on an operand already converted to bool/number. */
export function unaryOp(op: UnaryOp, v: Value): Value {
  if (v.v === null) throw new OpError('argument must not be null');
  if (v.v === UNKNOWN) return (op === '!' ? UnknownBool : UnknownNumber).withMarks(v.marks);
  const r = op === '!' ? boolVal(!v.bool) : numberVal(v.num === 0 ? 0 : -v.num);
  return v.marks ? r.withMarks(v.marks) : r;
}

/** Logical negation of a possibly-unknown bool, keeping marks. */
export function not(v: Value): Value {
  if (v.v === UNKNOWN) return v;
  const r = v.v ? False : True;
  return v.marks ? r.withMarks(v.marks) : r;
}

/**
 * cty's Value.Equals: a 3-valued equality. Different types are unequal (no conversion),
 * null equals only null, unknowns make the result unknown unless types already decide it.
 * Marks anywhere in either operand mark the result.
 */
export function equals(a: Value, b: Value): Value {
  const am = deepMarks(a), bm = deepMarks(b);
  if (am || bm) {
    const nulls = (a.v === null ? 1 : 0) + (b.v === null ? 1 : 0);
    const r = equals(am ? unmarkDeep(a)[0] : a, bm ? unmarkDeep(b)[0] : b);
    return r.withMarks(nulls === 1 ? a.marks | b.marks : am | bm);
  }
  if (a.v === null && b.v !== UNKNOWN && b.v !== null) return False;
  if (b.v === null && a.v !== UNKNOWN && a.v !== null) return False;
  if (a.v === null && b.v === UNKNOWN && b.refinement?.notNull) return False;
  if (b.v === null && a.v === UNKNOWN && a.refinement?.notNull) return False;
  const ak = a.v !== UNKNOWN, bk = b.v !== UNKNOWN;
  if (!ak && !bk) return UnknownBool;
  if (ak !== bk) {
    const known = ak ? a : b, unk = ak ? b : a;
    if (known.v === null || T.hasDynamicTypes(unk.type)) return UnknownBool;
    if (!T.typeEquals(known.type, unk.type)) return False;
    return UnknownBool;
  }
  if (a.v === null && b.v === null) return True;
  if (a.v === null || b.v === null) return False;
  if (T.hasDynamicTypes(a.type) || T.hasDynamicTypes(b.type)) {
    if (!T.conformsTo(a.type, b.type) && !T.conformsTo(b.type, a.type)) return False;
    return UnknownBool;
  }
  if (!T.typeEquals(a.type, b.type)) return False;
  const r = rawEq(a, b);
  return r === undefined ? UnknownBool : boolVal(r);
}

// Deep equality of two known values of the same type; undefined when unknowns decide it.
function rawEq(a: Value, b: Value): boolean | undefined {
  if (a.v === UNKNOWN || b.v === UNKNOWN) {
    const e = equals(a, b);
    return e.v === UNKNOWN ? undefined : (e.v as boolean);
  }
  if (a.v === null || b.v === null) return a.v === b.v;
  switch (a.type.kind) {
    case 'string': case 'number': case 'bool':
      return a.v === b.v;
    case 'list': case 'tuple': {
      const x = a.elems, y = b.elems;
      if (x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) {
        const r = rawEq(x[i]!, y[i]!);
        if (r !== true) return r;
      }
      return true;
    }
    case 'set': {
      if (!isWhollyKnown(a) || !isWhollyKnown(b)) return undefined;
      const x = a.elems, y = b.elems;
      if (x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) if (rawEq(x[i]!, y[i]!) !== true) return false;
      return true;
    }
    case 'map': case 'object': {
      const x = a.attrs, y = b.attrs;
      if (x.size !== y.size) return false;
      for (const [k, e] of x) {
        const o = y.get(k);
        if (o === undefined) return false;
        const r = rawEq(e, o);
        if (r !== true) return r;
      }
      return true;
    }
    default:
      return true;
  }
}

