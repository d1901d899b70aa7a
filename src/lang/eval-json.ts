/**
 * Expressions from .tf.json files. With an evaluation scope, Terraform reads JSON strings
 * as templates (`"${var.x}"`), arrays as tuples and objects as objects whose keys are
 * templates too; numbers, bools and null are literals. The JSON value is rewritten once
 * into the native AST (cached per node) and then evaluated like native syntax.
 */
import type { Expression, JsonExpr } from '../hcl/ast.js';
import type { Diagnostic, Pos } from '../hcl/diagnostic.js';
import { jsonExprToNative } from '../hcl/json/expr.js';
import { parseTemplate } from '../hcl/parse.js';

/** Parses template source into an expression (the native template parser). */
export type TemplateParser = (src: string, filename: string, start: Pos) => { expr: Expression; diags: Diagnostic[] };

/** The template parser used by templatefile/templatestring rendering. */
export function getTemplateParser(): TemplateParser {
  return parseTemplate;
}

const cache = new WeakMap<JsonExpr, { expr: Expression; diags: Diagnostic[] }>();

/** The native-syntax equivalent of a JSON expression (template mode), with template parse errors. */
export function jsonAsNative(e: JsonExpr): { expr: Expression; diags: Diagnostic[] } {
  let r = cache.get(e);
  if (!r) {
    r = jsonExprToNative(e, 'template');
    cache.set(e, r);
  }
  return r;
}
