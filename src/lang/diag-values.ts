/**
 * The "├──────────────── var.x is "abc"" lines Terraform prints under an expression's
 * error: for each value the failing expression reads, a short statement about it
 * (Terraform's statementStr / CompactValueStr / TraversalStr). Sensitive values are only
 * mentioned when the diagnostic says it was caused by one, unknown values are described
 * by type. The result goes to `diag.extra.values` for the diagnostic renderer.
 */
import type { Expression, Traversal } from '../hcl/ast.js';
import type { Diagnostic } from '../hcl/diagnostic.js';
import * as T from './types.js';
import { Value, UNKNOWN, Mark } from './value.js';
import { friendlyName } from './convert-mismatch.js';
import { goQuote } from './format-console.js';
import { traversalsOf } from './references.js';

/** One "traversal statement" line. */
export interface ExpressionValue {
  traversal: string;
  statement: string;
}

/** Flags a diagnostic can carry in `extra` to allow mentioning unknown or sensitive values. */
export interface CausedBy {
  causedByUnknown?: boolean;
  causedBySensitive?: boolean;
  causedByEphemeral?: boolean;
}

/**
 * Statements for the values `expr` reads. `resolve` evaluates a traversal in the scope the
 * expression was evaluated in (undefined when that fails).
 */
export function expressionValues(
  expr: Expression, resolve: (t: Traversal) => Value | undefined, caused: CausedBy = {}, skipBound = true,
): ExpressionValue[] {
  const bound = skipBound ? boundNames(expr) : new Set<string>();
  const out: ExpressionValue[] = [];
  const seen = new Set<string>();
  for (const t0 of traversalsOf(expr)) {
    if (bound.has(t0.root)) continue;
    for (let n = t0.steps.length; n >= 1; n--) {
      const t: Traversal = n === t0.steps.length ? t0 : { ...t0, steps: t0.steps.slice(0, n) };
      const v = resolve(t);
      if (v === undefined) continue;
      const ts = traversalStr(t);
      if (seen.has(ts)) break;
      const stmt = statementStr(v, caused);
      if (stmt !== undefined) {
        out.push({ traversal: ts, statement: stmt });
        seen.add(ts);
      }
      break;
    }
  }
  return out.sort((a, b) => T.compareStrings(a.traversal, b.traversal));
}

function boundNames(e: Expression): Set<string> {
  const names = new Set<string>();
  const visit = (x: Expression): void => {
    switch (x.kind) {
      case 'for':
        names.add(x.valVar);
        if (x.keyVar) names.add(x.keyVar);
        visit(x.collExpr); visit(x.valExpr);
        if (x.keyExpr) visit(x.keyExpr);
        if (x.condExpr) visit(x.condExpr);
        return;
      case 'template': x.parts.forEach(visit); return;
      case 'templateWrap': visit(x.wrapped); return;
      case 'templateJoin': visit(x.tuple); return;
      case 'relativeTraversal': visit(x.source); return;
      case 'index': visit(x.collection); visit(x.key); return;
      case 'splat': visit(x.source); visit(x.each); return;
      case 'functionCall': x.args.forEach(visit); return;
      case 'conditional': visit(x.condition); visit(x.trueResult); visit(x.falseResult); return;
      case 'binaryOp': visit(x.lhs); visit(x.rhs); return;
      case 'unaryOp': visit(x.operand); return;
      case 'tuple': x.exprs.forEach(visit); return;
      case 'object': x.items.forEach((i) => { visit(i.key); visit(i.value); }); return;
      case 'objectKey': visit(x.wrapped); return;
      case 'parens': visit(x.wrapped); return;
      default: return;
    }
  };
  visit(e);
  return names;
}

/** Terraform's statementStr: what to say about one value, or undefined to say nothing. */
export function statementStr(v: Value, caused: CausedBy = {}): string | undefined {
  const sens = (v.marks & Mark.Sensitive) !== 0, eph = (v.marks & Mark.Ephemeral) !== 0;
  if (sens && eph) return caused.causedBySensitive && caused.causedByEphemeral ? 'has an ephemeral, sensitive value' : undefined;
  if (sens) return caused.causedBySensitive ? 'has a sensitive value' : undefined;
  if (eph) return caused.causedByEphemeral ? 'has an ephemeral value' : undefined;
  if (v.v === UNKNOWN) {
    const ty = v.type;
    if (ty.kind === 'dynamic') return caused.causedByUnknown ? 'will be known only after apply' : undefined;
    if (!caused.causedByUnknown) return `is a ${friendlyName(ty)}`;
    if (T.isCollection(ty)) {
      const min = v.refinement?.lengthLower ?? 0;
      const max = v.refinement?.lengthUpper ?? Infinity;
      if (min === max) return `is a ${friendlyName(ty)} of length ${min}, known only after apply`;
      if (min !== 0 && max <= 1024) return `is a ${friendlyName(ty)} with between ${min} and ${max} elements, known only after apply`;
      if (min !== 0) return `is a ${friendlyName(ty)} with at least ${min} elements, known only after apply`;
      if (max <= 1024) return `is a ${friendlyName(ty)} with up to ${max} elements, known only after apply`;
    }
    return `is a ${friendlyName(ty)}, known only after apply`;
  }
  return `is ${compactValueStr(v)}`;
}

/** Terraform's CompactValueStr: a value in a few words (never a collection's elements). */
export function compactValueStr(v: Value): string {
  if (v.marks & Mark.Sensitive) return '(sensitive value)';
  if (v.marks & Mark.Ephemeral) return '(ephemeral value)';
  const ty = v.type;
  if (v.v === null) return 'null';
  if (v.v === UNKNOWN) return '(not yet known)';
  switch (ty.kind) {
    case 'bool': return v.bool ? 'true' : 'false';
    case 'number': return goG10(v.num);
    case 'string': return goQuote(v.str);
    case 'list': case 'set': case 'map': case 'tuple': {
      const l = ty.kind === 'map' ? v.attrs.size : v.elems.length;
      const name = friendlyName(ty);
      if (l === 0) return `empty ${name}`;
      if (l === 1) return `${name} with 1 element`;
      return `${name} with ${l} elements`;
    }
    case 'object': {
      const keys = Object.keys(ty.attrs);
      if (keys.length === 0) return 'object with no attributes';
      if (keys.length === 1) return `object with 1 attribute ${goQuote(keys[0]!)}`;
      return `object with ${keys.length} attributes`;
    }
    default: return friendlyName(ty);
  }
}

/** Go's strconv 'g' format with 10 significant digits. */
function goG10(n: number): string {
  if (n === 0) return '0';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  const [mant, expStr] = n.toExponential(9).split('e') as [string, string];
  const exp = Number(expStr);
  const trim = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (exp < -4 || exp >= 10) {
    const e = Math.abs(exp) < 10 ? `0${Math.abs(exp)}` : String(Math.abs(exp));
    return `${trim(mant)}e${exp < 0 ? '-' : '+'}${e}`;
  }
  return trim(n.toFixed(Math.max(0, 9 - exp)));
}

/** Terraform's TraversalStr: `var.x`, `aws_instance.web[0].id`, `local.m["k"]`. */
export function traversalStr(t: Traversal): string {
  let s = t.root;
  for (const st of t.steps) {
    if (st.kind === 'attr') s += '.' + st.name;
    else s += '[' + (typeof st.key === 'number' ? goG10(st.key) : goQuote(st.key)) + ']';
  }
  return s;
}

/**
 * Attaches `extra.values` to diagnostics that name their failing expression. `inScope`
 * says the resolver sees the names bound where the error happened (for variables).
 */
export function attachExpressionValues(diags: readonly Diagnostic[], resolve: (t: Traversal) => Value | undefined, inScope = false): void {
  for (const d of diags) {
    const e = d.expression as Expression | undefined;
    if (!e || typeof e !== 'object' || !('kind' in e)) continue;
    const extra = (d.extra ??= {});
    if (extra.values) continue;
    const values = expressionValues(e, resolve, extra as CausedBy, !inScope);
    extra.values = values;
  }
}
