/**
 * String templates (`"a-${x}"`, heredocs) and `%{ for }` joins, with HCL's rules: each
 * interpolated value is converted to string, null is an error, an unknown part makes the
 * whole string unknown (refined with its known prefix), marks of every part mark the result.
 */
import type { TemplateExpr, TemplateJoinExpr } from '../hcl/ast.js';
import * as T from './types.js';
import { Value, UNKNOWN, stringVal, unknownVal } from './value.js';
import { tryConvert, ConversionError } from './convert.js';
import { formatNumber } from './value.js';
import type { EvalCtx } from './eval-context.js';
import { ev } from './eval.js';

const UnknownStringNotNull = unknownVal(T.String, { notNull: true });

/** A template's value. */
export function evalTemplate(e: TemplateExpr, c: EvalCtx): Value {
  const parts = e.parts;
  // A plain quoted string is a single literal part: no work beyond the value.
  if (parts.length === 1) {
    const p = parts[0]!;
    if (p.kind === 'literal' && typeof p.value === 'string') return stringVal(p.value);
  }
  const n0 = c.diags.length;
  let buf = '';
  let known = true;
  let marks = 0;
  for (const part of parts) {
    if (part.kind === 'literal' && typeof part.value === 'string') {
      if (known) buf += part.value;
      continue;
    }
    const v = ev(part, c);
    if (v.v === null) {
      c.error('Invalid template interpolation value', 'The expression result is null. Cannot include a null value in a string template.', part.range, e.range, part);
      continue;
    }
    marks |= v.marks;
    if (v.v === UNKNOWN) { known = false; continue; }
    const s = toStr(v);
    if (s instanceof ConversionError) {
      c.error('Invalid template interpolation value', `Cannot include the given value in a string template: ${s.message}.`, part.range, e.range, part);
      continue;
    }
    if (known) buf += s;
  }
  let r: Value;
  if (!known) {
    const prefix = c.errorsSince(n0) ? '' : buf;
    r = prefix ? unknownVal(T.String, { notNull: true, stringPrefix: prefix.slice(0, 128) }) : UnknownStringNotNull;
  } else {
    r = stringVal(buf);
  }
  return marks ? r.withMarks(marks) : r;
}

function toStr(v: Value): string | ConversionError {
  switch (v.type.kind) {
    case 'string': return v.str;
    case 'number': return formatNumber(v.num);
    case 'bool': return v.bool ? 'true' : 'false';
    default: {
      const s = tryConvert(v.unmark(), T.String);
      return s instanceof ConversionError ? s : s.str;
    }
  }
}

/** The string from a `%{ for }` directive: its tuple's elements concatenated. */
export function evalTemplateJoin(e: TemplateJoinExpr, c: EvalCtx): Value {
  const tuple = ev(e.tuple, c);
  if (tuple.type.kind === 'dynamic' || tuple.v === UNKNOWN || tuple.v === null) return unknownVal(T.String).withMarks(tuple.marks);
  let marks = tuple.marks;
  let buf = '';
  for (const val of tuple.elems) {
    if (val.v === null) {
      c.error('Invalid template interpolation value', 'An iteration result is null. Cannot include a null value in a string template.', e.range, undefined, e);
      continue;
    }
    if (val.type.kind === 'dynamic') return unknownVal(T.String).withMarks(tuple.marks);
    const s = val.v === UNKNOWN ? undefined : toStr(val.unmark());
    if (s instanceof ConversionError) {
      c.error('Invalid template interpolation value', `Cannot include one of the interpolation results into the string template: ${s.message}.`, e.range, undefined, e);
      continue;
    }
    if (s === undefined) return unknownVal(T.String).withMarks(tuple.marks);
    marks |= val.marks;
    buf += s;
  }
  const r = stringVal(buf);
  return marks ? r.withMarks(marks) : r;
}
