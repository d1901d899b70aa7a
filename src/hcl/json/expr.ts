/**
 * Meaning of JSON-syntax expressions, following Terraform's rules for .tf.json:
 * - Evaluated with a scope (most arguments), a string is a template: `"${var.x}-a"`.
 *   Object keys are templates too. Numbers, bools, null, arrays and objects map to the
 *   matching native constructors. `jsonExprToNative(e, 'template')` does this conversion,
 *   so the evaluator only ever sees native AST.
 * - Read statically (a variable's `default`, .tfvars.json values), strings are literal:
 *   `jsonExprToNative(e, 'literal')`.
 * - Some arguments hold native syntax inside a string: a variable's `type`
 *   (`"map(string)"`: `jsonStringAsExpression`), and references such as `depends_on`,
 *   `provider`, `lifecycle.ignore_changes` and `replace_triggered_by` entries
 *   (`"aws_instance.web"`: `jsonStringAsTraversal`, `jsonExprAsTraversalList`).
 */
import type { Expression, JsonExpr, JsonValue, ObjectConsItem, Traversal } from '../ast.js';
import type { Diagnostic, Pos } from '../diagnostic.js';
import { errorDiag } from '../diagnostic.js';
import { parseExpression, parseTemplate, parseTraversalAbs } from '../parse.js';
import { startRange } from './parser.js';

/** Just after the opening quote of a string token (HCL's approximation: escapes shift it). */
function afterQuote(p: Pos): Pos {
  return { line: p.line, column: p.column + 1, byte: p.byte + 1 };
}

function stringExpr(value: string, v: JsonValue, mode: 'template' | 'literal', diags: Diagnostic[]): Expression {
  if (mode === 'literal') return { kind: 'literal', value, range: v.range };
  const r = parseTemplate(value, v.range.filename, afterQuote(v.range.start));
  diags.push(...r.diags);
  return r.expr;
}

function convert(v: JsonValue, mode: 'template' | 'literal', diags: Diagnostic[]): Expression {
  switch (v.type) {
    case 'string': return stringExpr(v.value, v, mode, diags);
    case 'number': return { kind: 'literal', value: v.value, raw: v.raw, range: v.range };
    case 'bool': return { kind: 'literal', value: v.value, range: v.range };
    case 'null': return { kind: 'literal', value: null, range: v.range };
    case 'array':
      return { kind: 'tuple', exprs: v.items.map((i) => convert(i, mode, diags)), range: v.range, openRange: startRange(v) };
    case 'object': {
      const items: ObjectConsItem[] = v.props.map((p) => ({
        key: mode === 'literal'
          ? { kind: 'literal', value: p.name, range: p.nameRange }
          : stringExpr(p.name, { type: 'string', value: p.name, range: p.nameRange }, mode, diags),
        value: convert(p.value, mode, diags),
      }));
      return { kind: 'object', items, range: v.range, openRange: startRange(v) };
    }
  }
}

/**
 * Converts a JSON-syntax expression into native AST nodes: arrays to tuple constructors,
 * objects to object constructors (keys as templates in 'template' mode), strings to
 * parsed templates ('template') or literal strings ('literal'). Template syntax errors
 * are returned as diagnostics next to the partial result.
 */
export function jsonExprToNative(e: JsonExpr, mode: 'template' | 'literal'): { expr: Expression; diags: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const expr = convert(e.value, mode, diags);
  return { expr, diags };
}

/**
 * A string holding a native-syntax expression, such as a variable's `type`
 * (`"list(object({a=string}))"`). Non-strings are an error.
 */
export function jsonStringAsExpression(e: JsonExpr): { expr?: Expression; diags: Diagnostic[] } {
  const v = e.value;
  if (v.type !== 'string') {
    return { diags: [errorDiag('Invalid expression', 'A string containing an expression is required here.', startRange(v))] };
  }
  // HCL starts the nested parse at the string token's own start, quote included.
  return parseExpression(v.value, v.range.filename, v.range.start);
}

/**
 * A string holding an absolute traversal (`"aws_instance.web"`, `"aws.west"`), as in
 * `depends_on`, `provider` or `ignore_changes`. On failure the diagnostic is Terraform's
 * "Invalid expression" / "A single static variable reference is required." pointing at the
 * value, which is what Terraform reports for such arguments.
 */
export function jsonStringAsTraversal(e: JsonExpr): { traversal?: Traversal; diags: Diagnostic[] } {
  const v = e.value;
  const invalid = (): { diags: Diagnostic[] } => ({
    diags: [errorDiag('Invalid expression', 'A single static variable reference is required: only attribute access and indexing with constant keys. No calculations, function calls, template expressions, etc are allowed here.', v.range)],
  });
  if (v.type !== 'string') return invalid();
  const r = parseTraversalAbs(v.value, v.range.filename, v.range.start);
  if (!r.traversal || r.diags.some((d) => d.severity === 'error')) return invalid();
  return { traversal: r.traversal, diags: [] };
}

/**
 * An array of traversal strings, as in `depends_on: ["aws_instance.a", "module.b"]`.
 * A non-array is Terraform's "Invalid expression" / "A static list expression is required."
 */
export function jsonExprAsTraversalList(e: JsonExpr): { traversals: Traversal[]; diags: Diagnostic[] } {
  const v = e.value;
  if (v.type !== 'array') {
    return { traversals: [], diags: [errorDiag('Invalid expression', 'A static list expression is required.', v.range)] };
  }
  const traversals: Traversal[] = [];
  const diags: Diagnostic[] = [];
  for (const item of v.items) {
    const r = jsonStringAsTraversal({ kind: 'json', value: item, range: item.range });
    diags.push(...r.diags);
    if (r.traversal) traversals.push(r.traversal);
  }
  return { traversals, diags };
}
