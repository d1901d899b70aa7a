/** `variable "name"` blocks: type constraint, default (converted to the type), validations. */
import type { ContentBlock } from '../hcl/body.js';
import { errorDiag, hasErrors, type Diagnostic } from '../hcl/diagnostic.js';
import * as T from '../lang/types.js';
import { evaluate } from '../lang/eval.js';
import { variableTypeConstraint } from '../lang/typeexpr.js';
import { jsonStringAsExpression } from '../hcl/json/expr.js';
import { convertForVariable } from './variable-values.js';
import type { Variable } from './module.js';
import { requireBool, requireString } from './static.js';
import { decodeCheckRule } from './decode-check-rule.js';

const variableSchema = {
  attributes: [
    { name: 'description' }, { name: 'default' }, { name: 'type' }, { name: 'sensitive' }, { name: 'nullable' }, { name: 'ephemeral' },
  ],
  blocks: [{ type: 'validation', labelNames: [] }],
};

const RESERVED = new Set(['source', 'version', 'providers', 'count', 'for_each', 'lifecycle', 'depends_on', 'locals']);
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Decodes a variable block. */
export function decodeVariable(block: ContentBlock, diags: Diagnostic[]): Variable | undefined {
  const name = block.labels[0];
  if (name === undefined) return undefined;
  const nameRange = block.labelRanges[0] ?? block.defRange;
  if (!NAME_RE.test(name)) {
    diags.push(errorDiag('Invalid variable name', 'A name must start with a letter or underscore and may contain only letters, digits, underscores, and dashes.', nameRange));
  } else if (RESERVED.has(name)) {
    diags.push(errorDiag('Invalid variable name', `The variable name "${name}" is reserved due to its special meaning inside module blocks.`, nameRange));
  }
  const { content, diags: d } = block.body.content(variableSchema);
  diags.push(...d);
  const v: Variable = {
    name, type: T.Dynamic, typeSet: false, parseMode: 'literal', sensitive: false, nullable: true, ephemeral: false, validations: [],
    range: block.defRange, nameRange,
  };
  const a = content.attributes;
  const desc = a.get('description');
  if (desc) { const s = requireString(desc.expr, 'description', diags); if (s !== undefined) v.description = s; }
  const typ = a.get('type');
  if (typ) {
    // In JSON the type is a string holding a type expression.
    let typeExpr = typ.expr;
    if (typeExpr.kind === 'json') {
      const j = jsonStringAsExpression(typeExpr);
      diags.push(...j.diags);
      if (j.expr) typeExpr = j.expr;
    }
    const r = variableTypeConstraint(typeExpr);
    diags.push(...r.diags);
    v.parseMode = r.parseMode;
    if (!hasErrors(r.diags)) {
      v.type = r.type;
      v.typeSet = true;
      if (r.defaults) v.typeDefaults = r.defaults;
    }
  }
  const sens = a.get('sensitive');
  if (sens) v.sensitive = requireBool(sens.expr, 'sensitive', diags) ?? false;
  const nullable = a.get('nullable');
  if (nullable) v.nullable = requireBool(nullable.expr, 'nullable', diags) ?? true;
  const eph = a.get('ephemeral');
  if (eph) v.ephemeral = requireBool(eph.expr, 'ephemeral', diags) ?? false;
  const def = a.get('default');
  if (def) {
    // Defaults are constant: no references, no function calls (Terraform's rule).
    const r = evaluate(def.expr, {});
    diags.push(...r.diags);
    if (!hasErrors(r.diags)) {
      const c = convertForVariable(r.value, v, def.expr.range, 'default');
      if ('diag' in c) diags.push(c.diag);
      else if (!v.nullable && c.value.isNull) {
        diags.push(errorDiag('Invalid default value for variable', 'A null default value is not valid when nullable=false.', def.expr.range));
      } else v.default = c.value;
    }
  }
  for (const b of content.blocks) {
    const rule = decodeCheckRule(b, diags);
    if (rule) v.validations.push({ condition: rule.condition, errorMessage: rule.errorMessage, range: rule.range });
  }
  return v;
}
