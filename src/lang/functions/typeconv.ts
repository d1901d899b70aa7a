/**
 * Type conversion and marking functions: tobool tolist tomap tonumber toset tostring,
 * type (console only), sensitive nonsensitive issensitive ephemeralasnull, and the
 * declarations of the special forms try and can (evaluated by the evaluator itself).
 */
import * as T from '../types.js';
import type { Type } from '../types.js';
import { Value, True, False, Mark, unknownVal, nullVal, stringVal, containsMarks } from '../value.js';
import { convert, ConversionError, getConversion, mismatchMessage, friendlyNameForConstraint } from '../convert.js';
import { formatConsoleType } from '../format-console.js';
import type { FunctionDef } from './function.js';
import { FunctionError } from './function.js';
import { param } from './util.js';

const anyParam = param('v', T.Dynamic, { allowNull: true, allowMarked: true, allowDynamicType: true });

function makeTo(want: Type, description: string): FunctionDef {
  return {
    description,
    params: [anyParam],
    refineNotNull: false,
    returnType: ([v]) => {
      const got = v!.type;
      if (T.typeEquals(got, want)) return want;
      if (!getConversion(got, want, true)) {
        if (got.kind === 'tuple' && want.kind === 'tuple') throw new FunctionError(`incompatible tuple type for conversion: ${mismatchMessage(got, want)}`, 0);
        if (got.kind === 'object' && want.kind === 'object') throw new FunctionError(`incompatible object type for conversion: ${mismatchMessage(got, want)}`, 0);
        throw new FunctionError(`cannot convert ${T.friendlyName(got)} to ${friendlyNameForConstraint(want)}`, 0);
      }
      return want;
    },
    impl: ([v]) => {
      try {
        return convert(v!, want);
      } catch (e) {
        if (!(e instanceof ConversionError)) throw e;
        const got = v!.type;
        if (containsMarks(v!, Mark.Sensitive)) throw new FunctionError(`cannot convert this sensitive ${T.friendlyName(got)} to ${friendlyNameForConstraint(want)}`, 0);
        const raw = v!.unmark();
        const what = raw.isNull ? 'string' : got.kind === 'string' ? JSON.stringify(raw.str) : '';
        if (got.kind === 'string' && want.kind === 'bool') throw new FunctionError(`cannot convert ${what} to bool; only the strings "true" or "false" are allowed`, 0);
        if (got.kind === 'string' && want.kind === 'number') throw new FunctionError(`cannot convert ${what} to number; given string must be a decimal representation of a number`, 0);
        throw new FunctionError(`cannot convert ${T.friendlyName(got)} to ${friendlyNameForConstraint(want)}`, 0);
      }
    },
  };
}

const markParam = param('value', T.Dynamic, { allowUnknown: true, allowNull: true, allowMarked: true, allowDynamicType: true });

/** Replaces every ephemeral-marked part of a value by a null of its type. */
function removeEphemeral(v: Value): Value {
  if (v.marks & Mark.Ephemeral) {
    const rest = v.marks & ~Mark.Ephemeral;
    return (v.isKnown ? nullVal(v.type) : unknownVal(v.type)).withMarks(rest);
  }
  if (!v.isKnown || v.isNull) return v;
  const k = v.type.kind;
  // Set elements cannot carry marks of their own: an ephemeral element makes the set ephemeral.
  if (k === 'set' && containsMarks(v, Mark.Ephemeral)) return nullVal(v.type).withMarks(v.marks);
  if (k === 'list' || k === 'set' || k === 'tuple') {
    let changed = false;
    const es = v.elems.map((e) => { const r = removeEphemeral(e); if (r !== e) changed = true; return r; });
    return changed ? new Value(v.type, es, v.marks) : v;
  }
  if (k === 'map' || k === 'object') {
    let changed = false;
    const m = new Map<string, Value>();
    for (const [key, e] of v.attrs) { const r = removeEphemeral(e); if (r !== e) changed = true; m.set(key, r); }
    return changed ? new Value(v.type, m, v.marks) : v;
  }
  return v;
}

const typeResults = new WeakSet<Value>();

/** True for the value `type(...)` returns: the console prints its string raw, not quoted. */
export function isTypeResult(v: Value): boolean {
  return typeResults.has(v);
}

/** The type-conversion and marking function table. */
export const typeconvFunctions: Record<string, FunctionDef> = {
  tobool: makeTo(T.Bool, 'Converts its argument to a boolean value.'),
  tolist: makeTo(T.List(T.Dynamic), 'Converts its argument to a list value.'),
  tomap: makeTo(T.Map(T.Dynamic), 'Converts its argument to a map value.'),
  tonumber: makeTo(T.Number, 'Converts its argument to a number value.'),
  toset: makeTo(T.Set(T.Dynamic), 'Converts its argument to a set value.'),
  tostring: makeTo(T.String, 'Converts its argument to a string value.'),

  sensitive: {
    description: 'Treats the given value as sensitive.',
    params: [markParam],
    returnType: ([v]) => v!.type,
    impl: ([v]) => v!.mark(Mark.Sensitive),
  },
  nonsensitive: {
    description: 'Removes the sensitive marking from a value that Terraform considers sensitive.',
    params: [markParam],
    returnType: ([v]) => v!.type,
    impl: ([v]) => v!.withMarks(v!.marks & ~Mark.Sensitive),
  },
  issensitive: {
    description: 'Returns `true` if the given value is marked as sensitive.',
    params: [markParam],
    returnType: () => T.Bool,
    impl: ([v]) => ((v!.marks & Mark.Sensitive) !== 0 ? True : !v!.isKnown ? unknownVal(T.Bool) : False),
  },
  ephemeralasnull: {
    description: 'Takes a value and returns the same value with all ephemeral values replaced by null.',
    params: [markParam],
    returnType: ([v]) => v!.type,
    impl: ([v]) => removeEphemeral(v!),
  },

  type: {
    description: 'Returns the type of the given value (terraform console only).',
    params: [param('value', T.Dynamic, { allowUnknown: true, allowNull: true, allowMarked: true, allowDynamicType: true })],
    returnType: () => T.String,
    impl: ([v]) => {
      const out = stringVal(formatConsoleType(v!.type));
      const fresh = new Value(out.type, out.v);
      typeResults.add(fresh);
      return fresh;
    },
    consoleOnly: true,
  },

  try: {
    description: 'Tries to evaluate each of its argument expressions in turn, returning the result of the first one that does not produce any errors.',
    params: [],
    varParam: param('expressions', T.Dynamic, { allowUnknown: true, allowNull: true, allowMarked: true, allowDynamicType: true }),
    returnType: (args) => {
      if (args.length === 0) throw new FunctionError('at least one argument is required');
      return args[0]!.type;
    },
    impl: (args) => args[0]!,
    special: 'try',
  },
  can: {
    description: 'Tries to evaluate the expression given in its first argument.',
    params: [param('expression', T.Dynamic, { allowUnknown: true, allowNull: true, allowMarked: true, allowDynamicType: true })],
    returnType: () => T.Bool,
    impl: () => True,
    special: 'can',
  },
};
