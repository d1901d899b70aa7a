/**
 * Type constraints written in configuration (`type = list(object({a = string, b =
 * optional(number, 5)}))`), read with HCL's typeexpr rules and messages plus
 * Terraform's extras: the bare `list`/`map` shorthands and the legacy quoted forms.
 */
import type { Expression } from '../hcl/ast.js';
import { errorDiag, rangeBetween, type Diagnostic, type Range } from '../hcl/diagnostic.js';
import * as T from './types.js';
import type { Type } from './types.js';
import type { Value } from './value.js';
import { tryConvert, ConversionError } from './convert.js';
import { evaluate } from './eval.js';
import type { TypeDefaults } from './defaults.js';

const INVALID = 'Invalid type specification';

/** A parsed type constraint with its optional-attribute defaults. */
export interface TypeConstraint {
  type: Type;
  /** Defaults from `optional(T, default)`, applied with `applyDefaults`. */
  defaults?: TypeDefaults;
  /** How values given as plain text (-var, TF_VAR_) are read: primitives literally, others as HCL. */
  parseMode: 'literal' | 'hcl';
  diags: Diagnostic[];
}

/** The keyword an expression spells (`string`, `list`), or '' (hcl.ExprAsKeyword). */
export function exprAsKeyword(e: Expression): string {
  switch (e.kind) {
    case 'scopeTraversal': return e.traversal.steps.length === 0 ? e.traversal.root : '';
    case 'literal':
      if (e.value === null) return 'null';
      if (e.value === true) return 'true';
      if (e.value === false) return 'false';
      return '';
    case 'objectKey': return e.forceNonLiteral ? '' : exprAsKeyword(e.wrapped);
    case 'parens': return '';
    default: return '';
  }
}

/**
 * Terraform's variable `type` argument: the constraint, its defaults, and diagnostics
 * (including "Invalid quoted type constraints" for the pre-0.12 quoted forms).
 */
export function variableTypeConstraint(expr: Expression): TypeConstraint {
  if (isQuotedString(expr)) {
    const s = quotedText(expr);
    if (s === 'string' || s === 'list' || s === 'map') {
      const tail = s === 'string'
        ? 'Remove the quotes around "string".'
        : `Remove the quotes around "${s}" and write ${s}(string) instead to explicitly indicate that the ${s} elements are strings.`;
      return {
        type: T.Dynamic, parseMode: s === 'string' ? 'literal' : 'hcl',
        diags: [errorDiag('Invalid quoted type constraints', `Terraform 0.11 and earlier required type constraints to be given in quotes, but that form is now deprecated and will be removed in a future version of Terraform. ${tail}`, expr.range)],
      };
    }
    return {
      type: T.Dynamic, parseMode: 'hcl',
      diags: [errorDiag('Invalid legacy variable type hint', 'To provide a full type expression, remove the surrounding quotes and give the type expression directly.', expr.range)],
    };
  }
  const kw = exprAsKeyword(expr);
  if (kw === 'list') return { type: T.List(T.Dynamic), parseMode: 'hcl', diags: [] };
  if (kw === 'map') return { type: T.Map(T.Dynamic), parseMode: 'hcl', diags: [] };
  const diags: Diagnostic[] = [];
  const r = getType(expr, true, true, diags);
  const ok = !diags.some((d) => d.severity === 'error');
  return {
    type: ok ? r.type : T.Dynamic,
    defaults: ok ? r.defaults : undefined,
    parseMode: ok && T.isPrimitive(r.type) ? 'literal' : 'hcl',
    diags,
  };
}

/** An exact type (`any` and `optional` not allowed), e.g. for provider-defined function signatures. */
export function typeExpr(expr: Expression): { type: Type; diags: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const r = getType(expr, false, false, diags);
  return { type: r.type, diags };
}

/** A type constraint without defaults processing (optional(T) only). */
export function typeConstraint(expr: Expression): { type: Type; diags: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const r = getType(expr, true, false, diags);
  return { type: r.type, diags };
}

function isQuotedString(e: Expression): boolean {
  return e.kind === 'template' && e.parts.length === 1 && e.parts[0]!.kind === 'literal' && typeof (e.parts[0] as { value: unknown }).value === 'string';
}
function quotedText(e: Expression): string {
  return (e as { parts: { value: string }[] }).parts[0]!.value;
}

interface Got { type: Type; defaults?: TypeDefaults }

function argsRange(e: Extract<Expression, { kind: 'functionCall' }>): Range {
  return rangeBetween(e.openParenRange, e.closeParenRange);
}

function getType(expr: Expression, constraint: boolean, withDefaults: boolean, diags: Diagnostic[]): Got {
  const kw = exprAsKeyword(expr);
  const fail = (detail: string, subject: Range, context?: Range): Got => {
    diags.push(errorDiag(INVALID, detail, subject, context));
    return { type: T.Dynamic };
  };
  switch (kw) {
    case 'bool': return { type: T.Bool };
    case 'string': return { type: T.String };
    case 'number': return { type: T.Number };
    case 'any':
      if (constraint) return { type: T.Dynamic };
      return fail(`The keyword "any" cannot be used in this type specification: an exact type is required.`, expr.range);
    case 'list': case 'map': case 'set':
      return fail(`The ${kw} type constructor requires one argument specifying the element type.`, expr.range);
    case 'object':
      return fail('The object type constructor requires one argument specifying the attribute types and values as a map.', expr.range);
    case 'tuple':
      return fail('The tuple type constructor requires one argument specifying the element types as a list.', expr.range);
    case '':
      break;
    default:
      return fail(`The keyword "${kw}" is not a valid type specification.`, expr.range);
  }
  if (expr.kind !== 'functionCall' || expr.expandFinal) {
    return fail('A type specification is either a primitive type keyword (bool, number, string) or a complex type constructor call, like list(string).', expr.range);
  }
  const call = expr;
  const ar = argsRange(call);
  switch (call.name) {
    case 'bool': case 'string': case 'number':
      return fail(`Primitive type keyword "${call.name}" does not expect arguments.`, ar);
    case 'any':
      return fail(`Type constraint keyword "${call.name}" does not expect arguments.`, ar);
  }
  const args = call.args;
  if (args.length !== 1 && ['list', 'set', 'map', 'object', 'tuple'].includes(call.name)) {
    const subject = args.length > 1 ? rangeBetween(args[1]!.range, args[args.length - 1]!.range) : ar;
    switch (call.name) {
      case 'list': case 'set': case 'map':
        return fail(`The ${call.name} type constructor requires one argument specifying the element type.`, subject, ar);
      case 'object':
        return fail('The object type constructor requires one argument specifying the attribute types and values as a map.', subject, ar);
      default:
        return fail('The tuple type constructor requires one argument specifying the element types as a list.', subject, ar);
    }
  }
  switch (call.name) {
    case 'list': case 'set': case 'map': {
      const inner = getType(args[0]!, constraint, withDefaults, diags);
      const mk = call.name === 'list' ? T.List : call.name === 'set' ? T.Set : T.Map;
      const type = mk(inner.type);
      return { type, defaults: inner.defaults ? { type, values: new Map(), children: new Map([['', inner.defaults]]) } : undefined };
    }
    case 'object': return objectType(call, constraint, withDefaults, diags);
    case 'tuple': {
      const a = args[0]!;
      if (a.kind !== 'tuple') {
        return fail('Tuple type constructor requires a list of element types.', a.range, expr.range);
      }
      const children = new Map<string, TypeDefaults>();
      const elems = a.exprs.map((x, i) => {
        const g = getType(x, constraint, withDefaults, diags);
        if (g.defaults) children.set(String(i), g.defaults);
        return g.type;
      });
      const type = T.Tuple(elems);
      return { type, defaults: children.size ? { type, values: new Map(), children } : undefined };
    }
    case 'optional':
      return fail('Keyword "optional" is valid only as a modifier for object type attributes.', call.nameRange);
    default:
      return fail(`Keyword "${call.name}" is not a valid type constructor.`, expr.range);
  }
}

function objectType(call: Extract<Expression, { kind: 'functionCall' }>, constraint: boolean, withDefaults: boolean, diags: Diagnostic[]): Got {
  const a = call.args[0]!;
  if (a.kind !== 'object') {
    diags.push(errorDiag(INVALID, 'Object type constructor requires a map whose keys are attribute names and whose values are the corresponding attribute types.', a.range, call.range));
    return { type: T.Dynamic };
  }
  const attrs: Record<string, Type> = {};
  const optional: string[] = [];
  const values = new Map<string, Value>();
  const children = new Map<string, TypeDefaults>();
  for (const item of a.items) {
    const name = exprAsKeyword(item.key);
    if (name === '') {
      diags.push(errorDiag(INVALID, 'Object constructor map keys must be attribute names.', item.key.range, call.range));
      continue;
    }
    if (name in attrs) {
      diags.push(errorDiag(INVALID, 'Object constructor map keys must be unique.', item.key.range, call.range));
      continue;
    }
    let atyExpr = item.value;
    let defaultExpr: Expression | undefined;
    let defaultVal: Value | undefined;
    if (atyExpr.kind === 'functionCall' && atyExpr.name === 'optional') {
      const oc = atyExpr;
      const ar = argsRange(oc);
      if (oc.args.length < 1) {
        diags.push(errorDiag(INVALID, 'Optional attribute modifier requires the attribute type as its argument.', ar, oc.range));
        continue;
      }
      if (!constraint) {
        diags.push(errorDiag(INVALID, 'Optional attribute modifier is only for type constraints, not for exact types.', oc.nameRange, oc.range));
      } else if (withDefaults) {
        if (oc.args.length === 2) {
          defaultExpr = oc.args[1]!;
          const r = evaluate(defaultExpr, {});
          diags.push(...r.diags);
          if (!r.diags.some((d) => d.severity === 'error')) {
            optional.push(name);
            defaultVal = r.value;
          }
        } else if (oc.args.length === 1) {
          optional.push(name);
        } else {
          diags.push(errorDiag(INVALID, 'Optional attribute modifier expects at most two arguments: the attribute type, and a default value.', ar, oc.range));
        }
      } else if (oc.args.length === 1) {
        optional.push(name);
      } else {
        diags.push(errorDiag(INVALID, 'Optional attribute modifier expects only one argument: the attribute type.', ar, oc.range));
      }
      atyExpr = oc.args[0]!;
    }
    const g = getType(atyExpr, constraint, withDefaults, diags);
    if (defaultVal !== undefined) {
      const cv = tryConvert(defaultVal, g.type);
      if (cv instanceof ConversionError) {
        diags.push(errorDiag('Invalid default value for optional attribute',
          `This default value is not compatible with the attribute's type constraint: ${cv.message}.`, defaultExpr!.range));
      } else {
        values.set(name, cv);
      }
    }
    attrs[name] = g.type;
    if (g.defaults) children.set(name, g.defaults);
  }
  const defaultsRecord: Record<string, unknown> = {};
  for (const [k, v] of values) defaultsRecord[k] = v;
  const type = T.Object_(attrs, optional, defaultsRecord);
  if (values.size === 0 && children.size === 0) return { type };
  return { type, defaults: { type, values, children } };
}
