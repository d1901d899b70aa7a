/**
 * Expression evaluation with HCL's and Terraform's semantics: every AST node kind,
 * unknown values flowing through ("known after apply"), marks (sensitive) carried to
 * results, and diagnostics pointing at the failing sub-expression with hclsyntax's words.
 *
 * `evaluate` never throws for user mistakes: it returns a value (unknown where an error
 * made the real one unobtainable) and the diagnostics.
 */
import type { Expression, Traverser, ObjectConsKeyExpr, Traversal } from '../hcl/ast.js';
import { rangeBetween, type Diagnostic, type Range } from '../hcl/diagnostic.js';
import type { SourceIndex } from '../hcl/source-index.js';
import { withRanges } from '../hcl/ast-nodes.js';
import { nameSuggestion } from '../hcl/didyoumean.js';
import * as T from './types.js';
import {
  Value, UNKNOWN, DynamicUnknown, NullDynamic, True, False, numberVal, stringVal, tupleVal, objectValFromMap, unknownVal,
} from './value.js';
import { unify, tryConvert, ConversionError, getConversion } from './convert.js';
import { friendlyName } from './convert-mismatch.js';
import { EvalCtx, startRange } from './eval-context.js';
import { getAttr, index, keyValue } from './traverse.js';
import { binaryOp, unaryOp, operandType, resultType, convertOperand, OpError } from './ops.js';
import { parseRef } from './references.js';
import type { Scope, Lookup } from './scope.js';
import { evalTemplate, evalTemplateJoin } from './eval-template.js';
import { evalFor } from './eval-for.js';
import { evalSplat } from './eval-splat.js';
import { evalCall } from './eval-call.js';
import { jsonAsNative } from './eval-json.js';
import { attachExpressionValues } from './diag-values.js';

export type { Scope } from './scope.js';

/** The result of evaluating an expression. */
export interface EvalResult {
  value: Value;
  diags: Diagnostic[];
}

/** Evaluates `expr` in `scope`. */
export function evaluate(expr: Expression, scope: Scope): EvalResult {
  const diags: Diagnostic[] = [];
  const c = new EvalCtx(scope, diags);
  c.describe = describeInPlace;
  const value = ev(expr, c);
  if (diags.length) attachExpressionValues(diags, (t) => resolveQuietly(t, scope));
  return { value, diags };
}

/**
 * `d`, about `expr`, with the values `expr` reads attached ("x is y" lines), as Terraform
 * does for checks made on an expression's value outside the evaluator (count, for_each);
 * `cause` says what made the value unusable, for the wording of those lines.
 */
export function withExpressionValues(d: Diagnostic, expr: Expression, scope: Scope, cause?: 'unknown' | 'sensitive'): Diagnostic {
  d.expression = expr;
  if (cause === 'unknown') d.extra = { ...d.extra, causedByUnknown: true };
  if (cause === 'sensitive') d.extra = { ...d.extra, causedBySensitive: true };
  attachExpressionValues([d], (t) => resolveQuietly(t, scope));
  return d;
}

// The value of a traversal in `scope` (and `frame`), or undefined when it cannot be resolved.
function resolveQuietly(t0: Traversal, scope: Scope, frame: EvalCtx['frame'] = null): Value | undefined {
  const t = withRanges(t0);
  const c = new EvalCtx(scope, []);
  c.frame = frame;
  const v = evalScopeTraversal(t, c, { kind: 'scopeTraversal', traversal: t, range: t.range });
  return c.diags.some((d) => d.severity === 'error') ? undefined : v;
}

function describeInPlace(d: Diagnostic, c: EvalCtx): void {
  const frame = c.frame;
  attachExpressionValues([d], (t) => resolveQuietly(t, c.scope, frame), true);
}

/**
 * Evaluates and converts to `want` (Terraform's EvalExpr): a value that does not fit is
 * "Incorrect value type" and the result is unknown of `want`.
 */
export function evaluateAs(expr: Expression, scope: Scope, want: T.Type): EvalResult {
  const r = evaluate(expr, scope);
  if (want.kind === 'dynamic' || r.value.type === want) return r;
  const c = tryConvert(r.value, want);
  if (c instanceof ConversionError) {
    r.diags.push({
      severity: 'error', summary: 'Incorrect value type',
      detail: `Invalid expression value: ${formatConversionError(c)}.`, subject: expr.range, expression: expr,
    });
    return { value: unknownVal(want), diags: r.diags };
  }
  return { value: c, diags: r.diags };
}

/** Terraform's FormatError: the path (`.a[0]`) then the message. */
export function formatConversionError(e: ConversionError): string {
  if (e.path.length === 0) return e.message;
  let p = '';
  for (const s of e.path) {
    if ('attr' in s) p += `.${s.attr}`;
    else if (typeof s.index === 'number') p += `[${s.index}]`;
    else if (typeof s.index === 'string') p += `[${JSON.stringify(s.index)}]`;
    else p += '[...]';
  }
  return `${p}: ${e.message}`;
}

/** Evaluates one node (internal entry point shared by the eval-*.ts files). */
export function ev(e: Expression, c: EvalCtx): Value {
  switch (e.kind) {
    case 'literal': {
      const v = e.value;
      if (typeof v === 'number') return numberVal(v);
      if (typeof v === 'string') return stringVal(v);
      if (typeof v === 'boolean') return v ? True : False;
      return NullDynamic;
    }
    case 'template': return evalTemplate(e, c);
    case 'templateWrap': return ev(e.wrapped, c);
    case 'templateJoin': return evalTemplateJoin(e, c);
    case 'scopeTraversal': return evalScopeTraversal(e.traversal, c, e);
    case 'relativeTraversal': return applySteps(ev(e.source, c), e.steps, 0, c, e);
    case 'index': {
      const coll = ev(e.collection, c);
      const key = ev(e.key, c);
      const r = index(coll, key, undefined);
      if (r instanceof Value) return r;
      r.subject = e.bracketRange;
      r.expression = e;
      c.push(r);
      return DynamicUnknown;
    }
    case 'splat': return evalSplat(e, c);
    case 'anonSymbol': return c.anon?.get(e.id) ?? DynamicUnknown;
    case 'functionCall': return evalCall(e, c);
    case 'conditional': return evalConditional(e, c);
    case 'binaryOp': return evalBinary(e, c);
    case 'unaryOp': return evalUnary(e, c);
    case 'tuple': {
      const n = e.exprs.length;
      if (n === 0) return tupleVal([]);
      const vals = new Array<Value>(n);
      for (let i = 0; i < n; i++) vals[i] = ev(e.exprs[i]!, c);
      return tupleVal(vals);
    }
    case 'object': return evalObject(e, c);
    case 'objectKey': return evalObjectKey(e, c);
    case 'for': return evalFor(e, c);
    case 'parens': return ev(e.wrapped, c);
    case 'json': {
      const n = jsonAsNative(e);
      if (n.diags.length) c.diags.push(...n.diags);
      return n.expr.kind === 'json' ? DynamicUnknown : ev(n.expr, c);
    }
  }
}

// ---------- traversals ----------

function evalScopeTraversal(t: Traversal, c: EvalCtx, e: Expression): Value {
  const local = c.frame ? c.local(t.root) : undefined;
  if (local !== undefined) return applySteps(local, t.steps, 0, c, e);
  const scope = c.scope;
  const vars = scope.variables;
  if (vars) {
    const v = vars.get(t.root);
    if (v !== undefined) return applySteps(v, t.steps, 0, c, e);
  }
  if (!scope.data) {
    if (!vars) {
      c.error('Variables not allowed', 'Variables may not be used here.', t.rootRange, undefined, e);
    } else {
      const s = nameSuggestion(t.root, vars.keys());
      c.error('Unknown variable', `There is no variable named "${t.root}".${s !== undefined ? ` Did you mean "${s}"?` : ''}`, t.rootRange, undefined, e);
    }
    return DynamicUnknown;
  }
  // The common single-attribute roots resolve without building a Reference.
  const s0 = t.steps[0];
  if (s0 !== undefined && s0.kind === 'attr') {
    const data = scope.data;
    let fast: Lookup | undefined;
    switch (t.root) {
      case 'var': fast = data.getInputVariable(s0.name, refRange(t, s0)); break;
      case 'local': fast = data.getLocalValue(s0.name, refRange(t, s0)); break;
      case 'count': fast = data.getCountAttr(s0.name, refRange(t, s0)); break;
      case 'each': fast = data.getForEachAttr(s0.name, refRange(t, s0)); break;
      case 'path': fast = data.getPathAttr(s0.name, refRange(t, s0)); break;
      case 'terraform': fast = data.getTerraformAttr(s0.name, refRange(t, s0)); break;
      case 'module': case 'self': case 'resource': case 'ephemeral': case 'output': case 'template': case 'lazy': case 'arg':
        break;
      case 'data': {
        const s1 = t.steps[1];
        if (s1 !== undefined && s1.kind === 'attr') {
          const r = data.getResource('data', s0.name, s1.name, refRange(t, s1));
          if (r instanceof Value) return applySteps(r, t.steps, 2, c, e);
          for (const d of r) c.diags.push(d);
          return DynamicUnknown;
        }
        break;
      }
      default:
        fast = data.getResource('managed', t.root, s0.name, refRange(t, s0));
    }
    if (fast !== undefined) {
      if (fast instanceof Value) return applySteps(fast, t.steps, 1, c, e);
      for (const d of fast) c.diags.push(d);
      return DynamicUnknown;
    }
  }
  const p = parseRef(t);
  if (!p.ref) {
    for (const d of p.diags) c.diags.push(d);
    return DynamicUnknown;
  }
  const ref = p.ref;
  const data = scope.data;
  const s = ref.subject;
  let got: Lookup;
  const vs = ref.valueSteps;
  const fetchRange = vs === 0 ? t.rootRange : refRange(t, t.steps[vs - 1]!);
  switch (s.kind) {
    case 'var': got = data.getInputVariable(s.name, fetchRange); break;
    case 'local': got = data.getLocalValue(s.name, fetchRange); break;
    case 'resource': got = data.getResource(s.mode, s.type, s.name, fetchRange); break;
    // Terraform reports an undeclared module at the whole reference, output name included.
    case 'module': got = data.getModule(s.name, ref.range); break;
    case 'count': got = data.getCountAttr(s.name, fetchRange); break;
    case 'each': got = data.getForEachAttr(s.name, fetchRange); break;
    case 'path': got = data.getPathAttr(s.name, fetchRange); break;
    case 'terraform': got = data.getTerraformAttr(s.name, fetchRange); break;
    case 'output':
      got = data.getOutput ? data.getOutput(s.name, fetchRange) : [invalidRefDiag(fetchRange, 'output')];
      break;
    case 'self':
      got = data.getSelf ? data.getSelf(fetchRange) : [invalidRefDiag(fetchRange, 'self')];
      break;
  }
  if (!(got instanceof Value)) {
    for (const d of got) c.diags.push(d);
    return DynamicUnknown;
  }
  return applySteps(got, t.steps, vs, c, e);
}

/**
 * The range from a traversal's root to `step` (what a scope lookup reports errors on),
 * built straight from source offsets when both come from the native parser.
 */
function refRange(t: Traversal, step: Traverser): Range {
  const a = t as unknown as { f?: unknown; s: number };
  const b = step as unknown as { f?: unknown; e: number };
  if (a.f !== undefined && a.f === b.f) return (a.f as SourceIndex).range(a.s, b.e);
  return rangeBetween(t.rootRange, step.range);
}

function invalidRefDiag(range: Diagnostic['subject'], what: string): Diagnostic {
  return { severity: 'error', summary: 'Invalid reference', detail: `The reference to "${what}" is not valid in this context`, subject: range };
}

/** Applies traversal steps from `from` with HCL's attribute/index rules. */
export function applySteps(v: Value, steps: readonly Traverser[], from: number, c: EvalCtx, e?: Expression): Value {
  let cur = v;
  for (let i = from; i < steps.length; i++) {
    const s = steps[i]!;
    // The step's range is built only when the step fails (ranges of parsed nodes are
    // computed on access).
    const r = s.kind === 'attr' ? getAttr(cur, s.name, undefined) : index(cur, keyValue(s.key), undefined);
    if (!(r instanceof Value)) {
      r.subject = s.range;
      if (e) r.expression = e;
      c.push(r);
      return DynamicUnknown;
    }
    cur = r;
  }
  return cur;
}

// ---------- operators ----------

function evalBinary(e: Extract<Expression, { kind: 'binaryOp' }>, c: EvalCtx): Value {
  const d = c.diags;
  const n0 = d.length;
  const want = operandType(e.op);
  const lhsRaw = ev(e.lhs, c);
  const n1 = d.length;
  const rhsRaw = ev(e.rhs, c);
  const n2 = d.length;
  const lhs = convertOperand(lhsRaw, want);
  const rhs = convertOperand(rhsRaw, want);
  const rt = resultType(e.op);
  if (lhs instanceof ConversionError || rhs instanceof ConversionError) {
    const own: Diagnostic[] = [];
    if (lhs instanceof ConversionError) {
      own.push({ severity: 'error', summary: 'Invalid operand', detail: `Unsuitable value for left operand: ${lhs.message}.`, subject: e.lhs.range, context: e.range, expression: e.lhs });
    }
    if (rhs instanceof ConversionError) {
      own.push({ severity: 'error', summary: 'Invalid operand', detail: `Unsuitable value for right operand: ${rhs.message}.`, subject: e.rhs.range, context: e.range, expression: e.rhs });
    }
    if (c.frame && c.describe) for (const x of own) c.describe(x, c);
    d.splice(n0, 0, ...own);
    return unknownVal(rt);
  }
  // && and || decide from one side when they can, and then report only that side's problems.
  if ((e.op === '&&' || e.op === '||') && n2 > n0) {
    const lhsD = d.slice(n0, n1), rhsD = d.slice(n1, n2);
    const lk = lhs.v !== UNKNOWN, rk = rhs.v !== UNKNOWN;
    const decisive = e.op === '||' ? true : false;
    let keep: Diagnostic[] | undefined;
    if (!lk && !rk) keep = lhsD.some((x) => x.severity === 'error') ? undefined : lhsD;
    else if (lk && lhs.v === decisive) keep = lhsD;
    else if (rk && rhs.v === decisive) keep = rhsD;
    else if (!lk && rhs.v === !decisive) keep = lhsD;
    else if (!rk && lhs.v === !decisive) keep = rhsD;
    if (keep) {
      d.length = n0;
      d.push(...keep);
    } else if (c.errorsSince(n0)) {
      return unknownVal(rt).withMarks(lhs.marks | rhs.marks);
    }
  } else if (n2 > n0 && c.errorsSince(n0)) {
    return unknownVal(rt).withMarks(lhs.marks | rhs.marks);
  }
  try {
    return binaryOp(e.op, lhs, rhs);
  } catch (err) {
    if (!(err instanceof OpError)) throw err;
    c.error('Operation failed', `Error during operation: ${err.message}.`, e.range, undefined, e);
    return unknownVal(rt);
  }
}

function evalUnary(e: Extract<Expression, { kind: 'unaryOp' }>, c: EvalCtx): Value {
  const n0 = c.diags.length;
  const raw = ev(e.operand, c);
  const rt = resultType(e.op);
  const v = convertOperand(raw, rt);
  if (v instanceof ConversionError) {
    c.error('Invalid operand', `Unsuitable value for unary operand: ${v.message}.`, e.operand.range, e.range, e.operand);
    return unknownVal(rt);
  }
  if (c.errorsSince(n0)) return unknownVal(rt);
  try {
    return unaryOp(e.op, v);
  } catch (err) {
    if (!(err instanceof OpError)) throw err;
    c.error('Operation failed', `Error during operation: ${err.message}.`, e.range, undefined, e);
    return unknownVal(rt);
  }
}

// ---------- conditional ----------

function evalConditional(e: Extract<Expression, { kind: 'conditional' }>, c: EvalCtx): Value {
  const d = c.diags;
  const n0 = d.length;
  let tv = ev(e.trueResult, c);
  const n1 = d.length;
  let fv = ev(e.falseResult, c);
  const n2 = d.length;
  const trueD = n1 > n0 ? d.slice(n0, n1) : undefined;
  const falseD = n2 > n1 ? d.slice(n1, n2) : undefined;
  d.length = n0;

  let rt: T.Type | undefined = T.Dynamic;
  let convTrue = false, convFalse = false;
  if (tv.v === null && tv.type.kind === 'dynamic') {
    rt = fv.type;
    convTrue = true;
  } else if (fv.v === null && fv.type.kind === 'dynamic') {
    rt = tv.type;
    convFalse = true;
  } else if (tv.type.kind !== 'dynamic' && fv.type.kind !== 'dynamic') {
    if (T.typeEquals(tv.type, fv.type)) rt = tv.type;
    else {
      rt = unify([tv.type, fv.type], true);
      if (rt) { convTrue = true; convFalse = true; }
    }
  }
  if (!rt) {
    c.error('Inconsistent conditional result types',
      `The true and false result expressions must have consistent types. ${describeMismatch(tv.type, fv.type)}.`,
      rangeBetween(e.trueResult.range, e.falseResult.range), e.range, e);
    return DynamicUnknown;
  }
  const cond = ev(e.condition, c);
  if (cond.v === null) {
    c.error('Null condition', 'The condition value is null. Conditions must either be true or false.', e.condition.range, e.range, e.condition);
    return unknownVal(rt);
  }
  const marks = cond.marks | tv.marks | fv.marks;
  if (cond.v === UNKNOWN) {
    tv = tv.unmark(); fv = fv.unmark();
    if (tv.v === null && fv.v === null) return withMarks(new Value(rt, null), marks);
    const notNull = knownNotNull(tv) && knownNotNull(fv);
    return withMarks(unknownVal(rt, notNull ? { notNull: true } : undefined), marks);
  }
  const cb = cond.type.kind === 'bool' ? cond : tryConvert(cond.unmark(), T.Bool);
  if (cb instanceof ConversionError) {
    c.error('Incorrect condition type', 'The condition expression must be of type bool.', e.condition.range, e.range, e.condition);
    return unknownVal(rt);
  }
  const takeTrue = cb.v === true;
  const ds = takeTrue ? trueD : falseD;
  if (ds) d.push(...ds);
  let r = (takeTrue ? tv : fv).unmark();
  if ((takeTrue ? convTrue : convFalse) && !T.typeEquals(r.type, rt)) {
    const conv = getConversion(r.type, rt, true);
    let failure: string | undefined;
    if (!conv) failure = 'no conversion available';
    else {
      try { r = conv(r, []); } catch (err) {
        if (!(err instanceof ConversionError)) throw err;
        failure = err.message;
      }
    }
    if (failure !== undefined) {
      const which = takeTrue ? e.trueResult : e.falseResult;
      c.error('Inconsistent conditional result types', `The ${takeTrue ? 'true' : 'false'} result value has the wrong type: ${failure}.`, which.range, e.range, which);
      r = unknownVal(rt);
    }
  }
  return withMarks(r, marks);
}

function withMarks(v: Value, m: number): Value {
  return m ? v.withMarks(v.marks | m) : v;
}

function knownNotNull(v: Value): boolean {
  if (v.v === UNKNOWN) return v.refinement?.notNull === true;
  return v.v !== null;
}

function describeMismatch(t: T.Type, f: T.Type): string {
  if (t.kind === 'object' && f.kind === 'object') {
    const tk = T.sortedKeys(t.attrs), fk = T.sortedKeys(f.attrs);
    for (const name of tk) {
      if (!(name in f.attrs)) return `The 'true' value includes object attribute "${name}", which is absent in the 'false' value`;
      const ta = t.attrs[name]!, fa = f.attrs[name]!;
      if (!T.typeEquals(ta, fa)) return `Type mismatch for object attribute "${name}": ${describeMismatch(ta, fa)}`;
    }
    for (const name of fk) {
      if (!(name in t.attrs)) return `The 'false' value includes object attribute "${name}", which is absent in the 'true' value`;
    }
  } else if (t.kind === 'tuple' && f.kind === 'tuple') {
    if (t.elems.length !== f.elems.length) return `The 'true' tuple has length ${t.elems.length}, but the 'false' tuple has length ${f.elems.length}`;
    for (let i = 0; i < t.elems.length; i++) {
      if (!T.typeEquals(t.elems[i]!, f.elems[i]!)) return `Type mismatch for tuple element ${i}: ${describeMismatch(t.elems[i]!, f.elems[i]!)}`;
    }
  } else if (T.isCollection(t) && T.isCollection(f) && t.kind === f.kind) {
    const te = t.elem, fe = f.elem;
    if ((te.kind === 'object' && fe.kind === 'object') || (te.kind === 'tuple' && fe.kind === 'tuple')) {
      return `Mismatched ${t.kind} element types: ${describeMismatch(te, fe)}`;
    }
  }
  const tn = friendlyName(t), fn = friendlyName(f);
  if (tn === fn) return "At least one deeply-nested attribute or element is not compatible across both the 'true' and the 'false' value";
  return `The 'true' value is ${tn}, but the 'false' value is ${fn}`;
}

// ---------- objects ----------

// The last shape an object constructor produced: its keys in source order, the order
// that sorts them, and the object type. Re-evaluations (count instances, for bodies)
// usually produce the same shape and then skip sorting and building the type.
interface ObjectShape { keys: string[]; order: number[]; type: T.ObjectType }
const shapes = new WeakMap<object, ObjectShape>();

function evalObject(e: Extract<Expression, { kind: 'object' }>, c: EvalCtx): Value {
  const n = e.items.length;
  const keys: string[] = new Array(n);
  const vals: Value[] = new Array(n);
  let known = true;
  let marks = 0;
  for (let i = 0; i < n; i++) {
    const item = e.items[i]!;
    const n0 = c.diags.length;
    const key = ev(item.key, c);
    const keyFailed = c.errorsSince(n0);
    const val = ev(item.value, c);
    if (keyFailed) { known = false; continue; }
    if (key.v === null) {
      c.error('Null value as key', "Can't use a null value as a key.", item.value.range, undefined, item.key);
      known = false;
      continue;
    }
    marks |= key.marks;
    const k = key.marks ? key.unmark() : key;
    const ks = k.type.kind === 'string' ? k : tryConvert(k, T.String);
    if (ks instanceof ConversionError) {
      c.error('Incorrect key type', `Can't use this value as a key: ${ks.message}.`, item.key.range, undefined, item.key);
      known = false;
      continue;
    }
    if (ks.v === UNKNOWN) { known = false; continue; }
    keys[i] = ks.str;
    vals[i] = val;
  }
  if (!known) return DynamicUnknown;
  const o = buildObject(e, keys, vals);
  return marks ? o.withMarks(marks) : o;
}

function buildObject(e: object, keys: string[], vals: Value[]): Value {
  const n = keys.length;
  const shape = shapes.get(e);
  if (shape && shape.keys.length === n) {
    let same = true;
    for (let i = 0; i < n && same; i++) if (shape.keys[i] !== keys[i]) same = false;
    if (same) {
      const m = new Map<string, Value>();
      const attrs = shape.type.attrs;
      let typeSame = true;
      for (const i of shape.order) {
        const k = keys[i]!, v = vals[i]!;
        m.set(k, v);
        const at = attrs[k]!;
        if (typeSame && at !== v.type && !T.typeEquals(at, v.type)) typeSame = false;
      }
      if (typeSame) return new Value(shape.type, m);
      const o = objectValFromMap(m);
      shapes.set(e, { keys: shape.keys, order: shape.order, type: o.type as T.ObjectType });
      return o;
    }
  }
  const entries = new Map<string, Value>();
  for (let i = 0; i < n; i++) entries.set(keys[i]!, vals[i]!);
  const o = objectValFromMap(entries);
  if (entries.size === n && n > 0) {
    const order = keys.map((_, i) => i).sort((a, b) => T.compareStrings(keys[a]!, keys[b]!));
    shapes.set(e, { keys: keys.slice(), order, type: o.type as T.ObjectType });
  }
  return o;
}

function evalObjectKey(e: ObjectConsKeyExpr, c: EvalCtx): Value {
  if (!e.forceNonLiteral) {
    const w = e.wrapped;
    if (w.kind === 'scopeTraversal') {
      if (w.traversal.steps.length > 0) {
        c.error('Ambiguous attribute key',
          "If this expression is intended to be a reference, wrap it in parentheses. If it's instead intended as a literal name containing periods, wrap it in quotes to create a string literal.",
          e.range);
        return DynamicUnknown;
      }
      return stringVal(w.traversal.root);
    }
    if (w.kind === 'literal' && (w.value === null || typeof w.value === 'boolean')) return stringVal(String(w.value));
  }
  return ev(e.wrapped, c);
}

export { startRange };
