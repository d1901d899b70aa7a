/**
 * References in expressions: which traversals an expression reads (hcl's Variables(),
 * without names bound by `for` expressions and splats) and what Terraform object each
 * one names (addrs.ParseRef): `var.x`, `local.y`, `aws_instance.web[0]`, `data.t.n`,
 * `module.m.out`, `count.index`, `each.key`, `path.module`, `terraform.workspace`, `self`.
 * The graph builder uses these to order evaluation.
 */
import type { Expression, Traversal, Traverser } from '../hcl/ast.js';
import { errorDiag, rangeBetween, type Diagnostic, type Range } from '../hcl/diagnostic.js';
import type { ResourceMode } from './scope.js';
import { jsonAsNative } from './eval-json.js';

/** What a reference names. Instance keys are kept when written literally. */
export type RefSubject =
  | { kind: 'var'; name: string }
  | { kind: 'local'; name: string }
  | { kind: 'resource'; mode: ResourceMode; type: string; name: string; key?: string | number }
  | { kind: 'module'; name: string; key?: string | number; output?: string }
  | { kind: 'count'; name: string }
  | { kind: 'each'; name: string }
  | { kind: 'path'; name: string }
  | { kind: 'terraform'; name: string }
  | { kind: 'output'; name: string }
  | { kind: 'self' };

/** A parsed reference (Terraform's addrs.Reference). */
export interface Reference {
  subject: RefSubject;
  /** The range of the part of the traversal that names the subject. */
  range: Range;
  /** Steps after the subject (e.g. `.id` in `aws_instance.web[0].id`). */
  remaining: Traverser[];
  /** The whole traversal. */
  traversal: Traversal;
  /**
   * How many steps (after the root) select the object the evaluator fetches from
   * EvalData: 1 for `var.x`, `aws_instance.web`, `module.m`; 2 for `data.t.n`; 0 for `self`.
   */
  valueSteps: number;
}

/** The result of parsing one traversal as a reference. */
export interface ParsedRef {
  ref?: Reference;
  diags: Diagnostic[];
}

function singleAttr(t: Traversal): { name: string; range: Range } | Diagnostic {
  const s = t.steps[0];
  if (!s) {
    return errorDiag('Invalid reference', `The "${t.root}" object cannot be accessed directly. Instead, access one of its attributes.`, t.rootRange);
  }
  if (s.kind !== 'attr') return errorDiag('Invalid reference', `The "${t.root}" object does not support this operation.`, s.range);
  return { name: s.name, range: rangeBetween(t.rootRange, s.range) };
}

/** Terraform's addrs.ParseRef for one traversal. */
export function parseRef(t: Traversal): ParsedRef {
  const root = t.root;
  switch (root) {
    case 'var': case 'local': case 'count': case 'each': case 'path': case 'terraform':
      return simpleRef(t, root);
    case 'self':
      return { ref: { subject: { kind: 'self' }, range: t.rootRange, remaining: t.steps, traversal: t, valueSteps: 0 }, diags: [] };
    case 'module': return parseModuleRef(t);
    case 'data':
    case 'ephemeral': {
      if (t.steps.length < 2) {
        const what = root === 'data' ? 'the data source type and the resource name' : 'the ephemeral resource type and the resource name';
        return { diags: [errorDiag('Invalid reference', `The "${root}" object must be followed by two attribute names: ${what}.`, t.range)] };
      }
      return parseResourceRef(root === 'data' ? 'data' : 'ephemeral', t, 0);
    }
    case 'resource': {
      if (t.steps.length < 2) {
        return { diags: [errorDiag('Invalid reference', 'The "resource" object must be followed by two attribute names: the resource type and the resource name.', t.range)] };
      }
      return parseResourceRef('managed', t, 0);
    }
    case 'template': case 'lazy': case 'arg':
      return { diags: [errorDiag('Reserved symbol name', `The symbol name "${root}" is reserved for use in a future Terraform version. If you are using a provider that already uses this as a resource type name, add the prefix "resource." to force interpretation as a resource type name.`, t.rootRange)] };
    default:
      return parseResourceRef('managed', t, -1);
  }
}

function simpleRef(t: Traversal, kind: 'var' | 'local' | 'count' | 'each' | 'path' | 'terraform' | 'output'): ParsedRef {
  const a = singleAttr(t);
  if ('severity' in a) return { diags: [a] };
  return { ref: { subject: { kind, name: a.name }, range: a.range, remaining: t.steps.slice(1), traversal: t, valueSteps: 1 }, diags: [] };
}

// `typeAt` is the step index holding the resource type (-1: the root itself).
function parseResourceRef(mode: ResourceMode, t: Traversal, typeAt: number): ParsedRef {
  const typeStep = typeAt < 0 ? undefined : t.steps[typeAt];
  if (typeStep && typeStep.kind !== 'attr') {
    const what = mode === 'managed' ? 'resource' : mode;
    return { diags: [errorDiag('Invalid reference', `The "${what}" object does not support this operation.`, typeStep.range)] };
  }
  const type = typeStep && typeStep.kind === 'attr' ? typeStep.name : t.root;
  const nameStep = t.steps[typeAt + 1];
  if (!nameStep) {
    return { diags: [errorDiag('Invalid reference', 'A reference to a resource type must be followed by at least one attribute access, specifying the resource name.', t.range)] };
  }
  if (nameStep.kind !== 'attr') {
    const what = mode === 'data' ? 'a data source' : mode === 'ephemeral' ? 'an ephemeral resource type' : 'a resource type';
    return { diags: [errorDiag('Invalid reference', `A reference to ${what} must be followed by at least one attribute access, specifying the resource name.`, nameStep.range)] };
  }
  let range = rangeBetween(t.rootRange, nameStep.range);
  let rest = t.steps.slice(typeAt + 2);
  const subject: RefSubject = { kind: 'resource', mode, type, name: nameStep.name };
  const first = rest[0];
  if (first && first.kind === 'index') {
    subject.key = first.key;
    range = rangeBetween(range, first.range);
    rest = rest.slice(1);
  }
  return { ref: { subject, range, remaining: rest, traversal: t, valueSteps: typeAt + 2 }, diags: [] };
}

function parseModuleRef(t: Traversal): ParsedRef {
  const a = singleAttr(t);
  if ('severity' in a) return { diags: [a] };
  const subject: { kind: 'module'; name: string; key?: string | number; output?: string } = { kind: 'module', name: a.name };
  let range = a.range;
  let i = 1;
  let s = t.steps[i];
  if (s && s.kind === 'index') {
    subject.key = s.key;
    range = rangeBetween(range, s.range);
    s = t.steps[++i];
  }
  if (s && s.kind === 'attr') {
    subject.output = s.name;
    range = rangeBetween(range, s.range);
    i++;
  } else if (s) {
    return { diags: [errorDiag('Invalid reference', 'Module instance objects do not support this operation.', s.range)] };
  }
  return { ref: { subject, range, remaining: t.steps.slice(i), traversal: t, valueSteps: 1 }, diags: [] };
}

/**
 * The traversals an expression reads from its scope (hcl's Variables()): names bound by
 * enclosing `for` expressions inside it are excluded, as are splat items.
 */
export function traversalsOf(expr: Expression): Traversal[] {
  const out: Traversal[] = [];
  walk(expr, null, out);
  return out;
}

interface Bound { names: ReadonlySet<string>; parent: Bound | null }

function isBound(b: Bound | null, name: string): boolean {
  for (let x = b; x; x = x.parent) if (x.names.has(name)) return true;
  return false;
}

function walk(e: Expression, bound: Bound | null, out: Traversal[]): void {
  switch (e.kind) {
    case 'literal': case 'anonSymbol': return;
    case 'scopeTraversal':
      if (!isBound(bound, e.traversal.root)) out.push(e.traversal);
      return;
    case 'template': for (const p of e.parts) walk(p, bound, out); return;
    case 'templateWrap': walk(e.wrapped, bound, out); return;
    case 'templateJoin': walk(e.tuple, bound, out); return;
    case 'relativeTraversal': walk(e.source, bound, out); return;
    case 'index': walk(e.collection, bound, out); walk(e.key, bound, out); return;
    case 'splat': walk(e.source, bound, out); walk(e.each, bound, out); return;
    case 'functionCall': for (const a of e.args) walk(a, bound, out); return;
    case 'conditional': walk(e.condition, bound, out); walk(e.trueResult, bound, out); walk(e.falseResult, bound, out); return;
    case 'binaryOp': walk(e.lhs, bound, out); walk(e.rhs, bound, out); return;
    case 'unaryOp': walk(e.operand, bound, out); return;
    case 'tuple': for (const x of e.exprs) walk(x, bound, out); return;
    case 'object': for (const it of e.items) { walk(it.key, bound, out); walk(it.value, bound, out); } return;
    case 'objectKey':
      if (!e.forceNonLiteral && e.wrapped.kind === 'scopeTraversal' && e.wrapped.traversal.steps.length === 0) return;
      walk(e.wrapped, bound, out);
      return;
    case 'for': {
      walk(e.collExpr, bound, out);
      const names = new Set<string>([e.valVar]);
      if (e.keyVar) names.add(e.keyVar);
      const inner: Bound = { names, parent: bound };
      if (e.keyExpr) walk(e.keyExpr, inner, out);
      walk(e.valExpr, inner, out);
      if (e.condExpr) walk(e.condExpr, inner, out);
      return;
    }
    case 'parens': walk(e.wrapped, bound, out); return;
    case 'json': {
      const n = jsonAsNative(e);
      if (n.expr.kind !== 'json') walk(n.expr, bound, out);
      return;
    }
  }
}

/** The references of an expression, with "Invalid reference" diagnostics for malformed ones. */
export function referencesOf(expr: Expression): { refs: Reference[]; diags: Diagnostic[] } {
  const refs: Reference[] = [];
  const diags: Diagnostic[] = [];
  for (const t of traversalsOf(expr)) {
    const p = parseRef(t);
    if (p.ref) refs.push(p.ref);
    diags.push(...p.diags);
  }
  return { refs, diags };
}

/** Terraform's display form of a reference subject (`var.x`, `aws_instance.web[0]`, `module.m.out`). */
export function subjectString(s: RefSubject): string {
  const key = (k: string | number | undefined) => (k === undefined ? '' : typeof k === 'number' ? `[${k}]` : `[${JSON.stringify(k)}]`);
  switch (s.kind) {
    case 'var': case 'local': case 'count': case 'each': case 'path': case 'terraform': case 'output':
      return `${s.kind}.${s.name}`;
    case 'self': return 'self';
    case 'resource': {
      const prefix = s.mode === 'managed' ? '' : `${s.mode}.`;
      return `${prefix}${s.type}.${s.name}${key(s.key)}`;
    }
    case 'module': return `module.${s.name}${key(s.key)}${s.output ? '.' + s.output : ''}`;
  }
}

