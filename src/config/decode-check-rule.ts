/** `precondition`, `postcondition`, `validation` and `assert` blocks: a condition and an error message. */
import type { ContentBlock } from '../hcl/body.js';
import type { Diagnostic } from '../hcl/diagnostic.js';
import type { CheckRule } from './module.js';

const ruleSchema = { attributes: [{ name: 'condition', required: true }, { name: 'error_message', required: true }], blocks: [] };

/** Decodes a check rule block; undefined when a required argument is missing (already diagnosed). */
export function decodeCheckRule(block: ContentBlock, diags: Diagnostic[]): CheckRule | undefined {
  const { content, diags: d } = block.body.content(ruleSchema);
  diags.push(...d);
  const condition = content.attributes.get('condition');
  const errorMessage = content.attributes.get('error_message');
  if (!condition || !errorMessage) return undefined;
  return { condition: condition.expr, errorMessage: errorMessage.expr, range: block.defRange };
}
