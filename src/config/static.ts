/**
 * Reading expressions that Terraform requires to be static (literal strings, bools,
 * traversals like `depends_on = [aws_vpc.main]`), in both syntaxes, with Terraform's
 * diagnostics when they are not.
 */
import type { Expression, Traversal } from '../hcl/ast.js';
import { errorDiag, warningDiag, type Diagnostic, type Range } from '../hcl/diagnostic.js';
import { parseTraversalAbs } from '../hcl/parse.js';
import { jsonStringAsTraversal } from '../hcl/json/expr.js';

/** A literal string (a quoted string without interpolation, or a JSON string). */
export function staticString(expr: Expression): string | undefined {
  switch (expr.kind) {
    case 'template':
      if (expr.parts.length === 0) return '';
      if (expr.parts.every((p) => p.kind === 'literal' && typeof p.value === 'string')) {
        return expr.parts.map((p) => (p as { value: string }).value).join('');
      }
      return undefined;
    case 'literal':
      return typeof expr.value === 'string' ? expr.value : undefined;
    case 'json':
      return expr.value.type === 'string' ? expr.value.value : undefined;
    case 'parens':
      return staticString(expr.wrapped);
    default:
      return undefined;
  }
}

/** A literal bool (`true`/`false`, JSON booleans). */
export function staticBool(expr: Expression): boolean | undefined {
  if (expr.kind === 'literal' && typeof expr.value === 'boolean') return expr.value;
  if (expr.kind === 'json' && expr.value.type === 'bool') return expr.value.value;
  if (expr.kind === 'parens') return staticBool(expr.wrapped);
  return undefined;
}

/** A static string, or an "Invalid ... " diagnostic naming the argument. */
export function requireString(expr: Expression, argName: string, diags: Diagnostic[]): string | undefined {
  const s = staticString(expr);
  if (s === undefined) {
    diags.push(errorDiag('Invalid string literal', `The "${argName}" argument requires a literal string, without interpolation sequences.`, expr.range));
  }
  return s;
}

/** A static bool, or a diagnostic. */
export function requireBool(expr: Expression, argName: string, diags: Diagnostic[]): boolean | undefined {
  const b = staticBool(expr);
  if (b === undefined) {
    diags.push(errorDiag('Invalid value', `The "${argName}" argument must be a literal boolean value (true or false).`, expr.range));
  }
  return b;
}

/**
 * How a quoted reference (`"aws_vpc.main"`, the 0.11 style) is taken: an error, or, where
 * Terraform still accepts it (depends_on, ignore_changes, provider), with its warning.
 */
export type QuotedRefs = 'error' | 'warn';

const STATIC_REF_REQUIRED = 'A single static variable reference is required: only attribute access and indexing with constant keys. No calculations, function calls, template expressions, etc are allowed here.';

/**
 * An absolute traversal written as an expression (hcl.AbsTraversalForExpr): a bare
 * reference in native syntax, or a string holding one in JSON.
 */
export function exprAsTraversal(expr: Expression, diags: Diagnostic[], quoted: QuotedRefs = 'error'): Traversal | undefined {
  if (expr.kind === 'scopeTraversal') return expr.traversal;
  if (expr.kind === 'json' && expr.value.type === 'string') {
    const r = jsonStringAsTraversal(expr);
    diags.push(...r.diags);
    return r.traversal;
  }
  if (quoted === 'warn' && expr.kind === 'template' && expr.parts.length === 1 && expr.parts[0]!.kind === 'literal') {
    const t = quotedTraversal(expr, String((expr.parts[0] as { value: unknown }).value));
    if (t) {
      diags.push(warningDiag('Quoted references are deprecated', 'In this context, references are expected literally rather than in quotes. Terraform 0.11 and earlier required quotes, but quoted references are now deprecated and will be removed in a future version of Terraform. Remove the quotes surrounding this reference to silence this warning.', expr.range));
      return t;
    }
  }
  diags.push(errorDiag('Invalid expression', STATIC_REF_REQUIRED, expr.range));
  return undefined;
}

/** The traversal inside a quoted string (Terraform's shimTraversalInString), positioned after the quote. */
function quotedTraversal(expr: Expression, text: string): Traversal | undefined {
  const r = expr.range.start;
  const r0 = parseTraversalAbs(text, expr.range.filename, { line: r.line, column: r.column + 1, byte: r.byte + 1 });
  return r0.traversal && !r0.diags.some((d) => d.severity === 'error') ? r0.traversal : undefined;
}

/** A list of static traversals (`depends_on`, `ignore_changes`). */
export function exprAsTraversalList(expr: Expression, diags: Diagnostic[], quoted: QuotedRefs = 'error'): Traversal[] {
  const items = listItems(expr);
  if (!items) {
    diags.push(errorDiag('Invalid expression', 'A static list expression is required.', expr.range));
    return [];
  }
  const out: Traversal[] = [];
  for (const item of items) {
    const t = exprAsTraversal(item, diags, quoted);
    if (t) out.push(t);
  }
  return out;
}

/** The items of a tuple constructor (native or JSON array), or undefined. */
export function listItems(expr: Expression): Expression[] | undefined {
  if (expr.kind === 'tuple') return expr.exprs;
  if (expr.kind === 'json' && expr.value.type === 'array') {
    return expr.value.items.map((v) => ({ kind: 'json', value: v, range: v.range }) as Expression);
  }
  if (expr.kind === 'parens') return listItems(expr.wrapped);
  return undefined;
}

/** A bare keyword like `all` in `ignore_changes = all` (or `"all"` in JSON). */
export function exprAsKeyword(expr: Expression): string | undefined {
  if (expr.kind === 'scopeTraversal' && expr.traversal.steps.length === 0) return expr.traversal.root;
  if (expr.kind === 'json' && expr.value.type === 'string' && /^[A-Za-z_][A-Za-z0-9_-]*$/.test(expr.value.value)) return expr.value.value;
  return undefined;
}

/** `aws` or `aws.west` as a provider reference. */
export function exprAsProviderRef(expr: Expression, diags: Diagnostic[], quoted: QuotedRefs = 'error'): { name: string; alias?: string; range: Range } | undefined {
  const t = exprAsTraversal(expr, diags, quoted);
  if (!t) return undefined;
  const first = t.steps[0];
  if (t.steps.length > 1 || (first && first.kind !== 'attr')) {
    diags.push(errorDiag('Invalid provider configuration reference', 'A provider configuration reference must not include an index or extra attributes; use the form <provider>.<alias>.', expr.range));
    return undefined;
  }
  return first && first.kind === 'attr' ? { name: t.root, alias: first.name, range: t.range } : { name: t.root, range: t.range };
}
