/**
 * Calling a built-in function the way HCL + cty do: arity check, conversion of each
 * argument to its parameter type, null rejection, short-circuit to an unknown result for
 * unknown or not-yet-typed arguments, and marks stripped from arguments and re-applied
 * (as top-level marks) to the result.
 */
import * as T from '../types.js';
import type { Type } from '../types.js';
import { Value, unknownVal, deepMarks, unmarkDeep, containsMarks } from '../value.js';
import { convert, ConversionError } from '../convert.js';
import { FunctionError } from './function.js';
import type { FunctionContext, FunctionDef, Param } from './function.js';

/**
 * Calls `def` (registered as `name`) with evaluated `args`. Throws FunctionError for
 * every user mistake (wrong arity, unconvertible argument, null argument, failure inside
 * the function); turn it into a diagnostic with `describeFunctionError`.
 */
export function callFunction(name: string, def: FunctionDef, args: Value[], ctx: FunctionContext): Value {
  const params = def.params;
  const vp = def.varParam;
  if (args.length < params.length) {
    const missing = params[args.length]!;
    throw new FunctionError(
      `Function "${name}" expects${vp ? ' at least' : ''} ${params.length} argument(s). Missing value for "${missing.name}".`,
      undefined, 'Not enough function arguments');
  }
  if (!vp && args.length > params.length) {
    throw new FunctionError(`Function "${name}" expects only ${params.length} argument(s).`, params.length, 'Too many function arguments');
  }

  // HCL converts every argument to its parameter type before cty sees it.
  const conv: Value[] = new Array(args.length);
  for (let i = 0; i < args.length; i++) {
    const p = i < params.length ? params[i]! : vp!;
    conv[i] = convertArg(args[i]!, p.type, i);
  }

  // cty's returnTypeForValues: nulls, dynamic-typed args, then the type callback with
  // marks removed from args that do not accept them.
  let dynTyped = false;
  let marks = 0;
  let returnUnknown = false;
  const bare: Value[] = conv;
  for (let i = 0; i < conv.length; i++) {
    const p: Param = i < params.length ? params[i]! : vp!;
    const a = conv[i]!;
    if (a.isNull && !p.allowNull) throw new FunctionError('argument must not be null', i);
    if (a.type.kind === 'dynamic' && !p.allowDynamicType) dynTyped = true;
    if (!p.allowMarked && (a.marks !== 0 || containsMarks(a))) {
      marks |= deepMarks(a);
      bare[i] = unmarkDeep(a)[0];
    }
    if (!a.isKnown && !p.allowUnknown) returnUnknown = true;
  }
  if (dynTyped) return unknownVal(T.Dynamic).withMarks(marks);

  let retType: Type;
  try {
    retType = def.returnType(bare);
  } catch (e) {
    throw asFunctionError(e);
  }
  if (returnUnknown || (def.impure && ctx.impureUnknown)) return unknownResult(def, retType, marks);

  let result: Value;
  try {
    result = def.impl(bare, ctx, retType);
  } catch (e) {
    throw asFunctionError(e);
  }
  return marks !== 0 ? result.mark(marks) : result;
}

function unknownResult(def: FunctionDef, t: Type, marks: number): Value {
  const u = def.refineNotNull && t.kind !== 'dynamic' ? unknownVal(t, { notNull: true }) : unknownVal(t);
  return marks !== 0 ? u.withMarks(marks) : u;
}

function convertArg(v: Value, want: Type, i: number): Value {
  if (want.kind === 'dynamic') return v;
  if (T.typeEquals(v.type, want)) return v;
  try {
    return convert(v, want);
  } catch (e) {
    if (e instanceof ConversionError) throw new FunctionError(e.message, i);
    throw e;
  }
}

function asFunctionError(e: unknown): FunctionError {
  if (e instanceof FunctionError) return e;
  if (e instanceof ConversionError) return new FunctionError(e.message);
  const msg = e instanceof Error ? e.message : String(e);
  return new FunctionError(`panic in function implementation: ${msg}`);
}

/** A diagnostic's summary and detail for a FunctionError, in HCL's wording. */
export interface FunctionErrorText {
  summary: string;
  detail: string;
}

/**
 * Terraform's wording for a failed call: "Invalid function argument" /
 * `Invalid value for "x" parameter: <msg>.` when the error names an argument, else
 * "Error in function call" / `Call to function "f" failed: <msg>.`; arity errors keep
 * their own summary.
 */
export function describeFunctionError(name: string, def: FunctionDef, err: FunctionError): FunctionErrorText {
  if (err.summary) return { summary: err.summary, detail: err.message };
  if (err.argIndex !== undefined) {
    const p = err.argIndex < def.params.length ? def.params[err.argIndex] : def.varParam;
    if (p) return { summary: 'Invalid function argument', detail: `Invalid value for "${p.name}" parameter: ${err.message}.` };
  }
  return { summary: 'Error in function call', detail: `Call to function "${name}" failed: ${err.message}.` };
}
