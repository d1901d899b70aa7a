/** `output "name"` blocks. */
import type { ContentBlock } from '../hcl/body.js';
import type { Diagnostic } from '../hcl/diagnostic.js';
import type { Output } from './module.js';
import { exprAsTraversalList, requireBool, requireString } from './static.js';
import { decodeCheckRule } from './decode-check-rule.js';

const outputSchema = {
  attributes: [{ name: 'value', required: true }, { name: 'description' }, { name: 'sensitive' }, { name: 'ephemeral' }, { name: 'depends_on' }],
  blocks: [{ type: 'precondition', labelNames: [] }],
};

/** Decodes an output block. */
export function decodeOutput(block: ContentBlock, diags: Diagnostic[]): Output | undefined {
  const name = block.labels[0];
  if (name === undefined) return undefined;
  const { content, diags: d } = block.body.content(outputSchema);
  diags.push(...d);
  const value = content.attributes.get('value');
  if (!value) return undefined;
  const o: Output = {
    name, expr: value.expr, sensitive: false, ephemeral: false, dependsOn: [], preconditions: [],
    range: block.defRange, nameRange: block.labelRanges[0] ?? block.defRange,
  };
  const a = content.attributes;
  const desc = a.get('description');
  if (desc) { const s = requireString(desc.expr, 'description', diags); if (s !== undefined) o.description = s; }
  const sens = a.get('sensitive');
  if (sens) o.sensitive = requireBool(sens.expr, 'sensitive', diags) ?? false;
  const eph = a.get('ephemeral');
  if (eph) o.ephemeral = requireBool(eph.expr, 'ephemeral', diags) ?? false;
  const dep = a.get('depends_on');
  if (dep) o.dependsOn = exprAsTraversalList(dep.expr, diags, 'warn');
  for (const b of content.blocks) {
    const rule = decodeCheckRule(b, diags);
    if (rule) o.preconditions.push(rule);
  }
  return o;
}
