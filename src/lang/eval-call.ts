/**
 * Function calls: lookup with HCL's "Call to unknown function" suggestions (including
 * `provider::ns::name` functions), `...` argument expansion, HCL's `try(...)` and
 * `can(...)` (which evaluate their arguments themselves and catch errors), and the call
 * through callFunction with HCL's diagnostics on the failing argument.
 */
import type { Expression, FunctionCallExpr } from '../hcl/ast.js';
import type { Diagnostic } from '../hcl/diagnostic.js';
import { nameSuggestion } from '../hcl/didyoumean.js';
import { Value, UNKNOWN, DynamicUnknown, True, False, unknownVal, isWhollyKnown } from './value.js';
import * as T from './types.js';
import { callFunction, describeFunctionError } from './functions/call.js';
import { FunctionError, type FunctionContext, type FunctionDef } from './functions/function.js';
import { EvalCtx, startRange } from './eval-context.js';
import { ev } from './eval.js';
import { rangeString } from './convert-diags.js';
import { renderTemplateWith } from './eval-render.js';

/** A function call's value. */
export function evalCall(e: FunctionCallExpr, c: EvalCtx): Value {
  const fns = c.scope.functions;
  if (!fns) {
    c.error('Function calls not allowed', 'Functions may not be called here.', e.range, undefined, e);
    return DynamicUnknown;
  }
  if (e.name === 'try') return evalTry(e, c);
  if (e.name === 'can') return evalCan(e, c);
  const def = fns.get(e.name);
  if (!def) return unknownFunction(e, fns, c);

  // Argument expansion: the final argument's elements become separate arguments.
  let argExprs: readonly Expression[] = e.args;
  let expanded: Value[] | undefined;
  if (e.expandFinal && e.args.length > 0) {
    const last = e.args[e.args.length - 1]!;
    const n0 = c.diags.length;
    const lv = ev(last, c);
    if (c.errorsSince(n0)) return DynamicUnknown;
    const k = lv.type.kind;
    if (k === 'dynamic' || k === 'tuple' || k === 'list' || k === 'set') {
      if (lv.v === null) {
        c.error('Invalid expanding argument value', 'The expanding argument (indicated by ...) must not be null.', last.range, e.range, last);
        tagCall(c, e.name, def);
        return DynamicUnknown;
      }
      if (lv.v === UNKNOWN) return DynamicUnknown;
      argExprs = e.args.slice(0, -1);
      expanded = lv.elems.map((x) => (lv.marks ? x.mark(lv.marks) : x));
    } else {
      c.error('Invalid expanding argument value', 'The expanding argument (indicated by ...) must be of a tuple, list, or set type.', last.range, e.range, last);
      tagCall(c, e.name, def);
      return DynamicUnknown;
    }
  }

  const nParams = def.params.length;
  const total = argExprs.length + (expanded?.length ?? 0);
  if (total < nParams) {
    const missing = def.params[total]!;
    c.error('Not enough function arguments',
      `Function "${e.name}" expects${def.varParam ? ' at least' : ''} ${nParams} argument(s). Missing value for "${missing.name}".`,
      e.closeParenRange, e.range, e);
    tagCall(c, e.name, def);
    return DynamicUnknown;
  }
  if (!def.varParam && total > nParams) {
    const extra = nParams < argExprs.length ? startRange(argExprs[nParams]!) : e.args[e.args.length - 1]!.range;
    c.error('Too many function arguments', `Function "${e.name}" expects only ${nParams} argument(s).`, extra, e.range, e);
    tagCall(c, e.name, def);
    return DynamicUnknown;
  }

  const n0 = c.diags.length;
  const args = new Array<Value>(total);
  for (let i = 0; i < argExprs.length; i++) args[i] = ev(argExprs[i]!, c);
  if (expanded) for (let i = 0; i < expanded.length; i++) args[argExprs.length + i] = expanded[i]!;
  if (c.errorsSince(n0)) return DynamicUnknown;

  try {
    return callFunction(e.name, def, args, functionContext(c));
  } catch (err) {
    if (!(err instanceof FunctionError)) throw err;
    const text = describeFunctionError(e.name, def, err);
    let subject = startRange(e);
    let expression: Expression = e;
    const ai = err.argIndex;
    if (text.summary === 'Invalid function argument' && ai !== undefined) {
      const ae = ai < argExprs.length ? argExprs[ai] : e.args[e.args.length - 1];
      if (ae) { subject = startRange(ae); expression = ae; }
      else subject = e.range;
    } else if (text.summary === 'Not enough function arguments') {
      subject = e.closeParenRange;
    }
    c.error(text.summary, text.detail, subject, e.range, expression);
    tagCall(c, e.name, def);
    return DynamicUnknown;
  }
}

function unknownFunction(e: FunctionCallExpr, fns: ReadonlyMap<string, FunctionDef>, c: EvalCtx): Value {
  const sep = e.name.lastIndexOf('::');
  if (sep !== -1) {
    const ns = e.name.slice(0, sep + 2);
    const name = e.name.slice(sep + 2);
    const avail = [...fns.keys()].filter((k) => k.startsWith(ns));
    if (avail.length === 0) {
      c.error('Call to unknown function', `There are no functions in namespace "${ns}".`, e.nameRange, e.range, e);
    } else {
      const s = nameSuggestion(name, avail.map((a) => a.slice(ns.length)));
      c.error('Call to unknown function', `There is no function named "${name}" in namespace ${ns}.${s !== undefined ? ` Did you mean ${ns}${s}?` : ''}`, e.nameRange, e.range, e);
    }
    return DynamicUnknown;
  }
  const s = nameSuggestion(e.name, fns.keys());
  c.error('Call to unknown function', `There is no function named "${e.name}".${s !== undefined ? ` Did you mean "${s}"?` : ''}`, e.nameRange, e.range, e);
  return DynamicUnknown;
}

/** Tags the diagnostic just added with the called function, for "while calling f(a, b)". */
function tagCall(c: EvalCtx, name: string, def: FunctionDef | undefined): void {
  const d = c.diags[c.diags.length - 1];
  if (!d) return;
  const fc: { calledAs: string; params?: string[]; variadic?: string } = { calledAs: name };
  if (def) {
    fc.params = def.params.map((p) => p.name);
    if (def.varParam) fc.variadic = def.varParam.name;
  }
  (d.extra ??= {}).functionCall = fc;
}

// Built once per (function context, function table) pair, which all the scopes of one run
// share: a scope is made per resource instance, and 100k instances would otherwise make
// 100k contexts.
const contexts = new WeakMap<FunctionContext, WeakMap<object, FunctionContext>>();
const DEFAULT_CONTEXT: FunctionContext = { baseDir: '.' };

/** The FunctionContext for calls in this scope, with template rendering wired in. */
function functionContext(c: EvalCtx): FunctionContext {
  const base = c.scope.functionContext ?? DEFAULT_CONTEXT;
  const fns = base.functions ?? c.scope.functions!;
  let byFns = contexts.get(base);
  if (!byFns) contexts.set(base, (byFns = new WeakMap()));
  let ctx = byFns.get(fns);
  if (ctx) return ctx;
  ctx = {
    ...base,
    functions: fns,
    renderTemplate: base.renderTemplate ?? ((src, filename, vars) => renderTemplateWith(src, filename, vars, fns, base)),
  };
  byFns.set(fns, ctx);
  return ctx;
}

function evalTry(e: FunctionCallExpr, c: EvalCtx): Value {
  if (e.args.length === 0) {
    c.error('Error in function call', 'Call to function "try" failed: at least one argument is required.', startRange(e), e.range, e);
    return DynamicUnknown;
  }
  const collected: Diagnostic[] = [];
  for (const a of e.args) {
    const n0 = c.diags.length;
    const v = ev(a, c);
    const mine = c.diags.splice(n0);
    if (mine.some((d) => d.severity === 'error')) { collected.push(...mine); continue; }
    // A result that is not yet wholly known could still turn out to fail.
    if (!isWhollyKnown(v)) return DynamicUnknown;
    return v;
  }
  let buf = 'no expression succeeded:\n';
  for (const d of collected) {
    if (d.subject) buf += `- ${d.summary} (at ${rangeString(d.subject)})\n  ${d.detail ?? ''}\n`;
    else buf += `- ${d.summary}\n  ${d.detail ?? ''}\n`;
  }
  buf += '\nAt least one expression must produce a successful result';
  c.error('Error in function call', `Call to function "try" failed: ${buf}.`, startRange(e), e.range, e);
  return DynamicUnknown;
}

function evalCan(e: FunctionCallExpr, c: EvalCtx): Value {
  if (e.args.length !== 1) {
    if (e.args.length === 0) {
      c.error('Not enough function arguments', 'Function "can" expects 1 argument(s). Missing value for "expression".', e.closeParenRange, e.range, e);
    } else {
      c.error('Too many function arguments', 'Function "can" expects only 1 argument(s).', startRange(e.args[1]!), e.range, e);
    }
    return DynamicUnknown;
  }
  const n0 = c.diags.length;
  const v = ev(e.args[0]!, c);
  const failed = c.errorsSince(n0);
  c.diags.length = n0;
  if (failed) return False;
  return isWhollyKnown(v) ? True : unknownVal(T.Bool);
}
