/** `moved`, `import`, `removed` and `check` blocks. */
import type { ContentBlock } from '../hcl/body.js';
import type { Traversal } from '../hcl/ast.js';
import { errorDiag, type Diagnostic } from '../hcl/diagnostic.js';
import type { Check, Import, Moved, Removed } from './module.js';
import { exprAsProviderRef, exprAsTraversal, requireBool } from './static.js';
import { decodeCheckRule } from './decode-check-rule.js';
import { decodeResource } from './decode-resource.js';

/** Decodes `moved { from = ... to = ... }`. */
export function decodeMoved(block: ContentBlock, diags: Diagnostic[]): Moved | undefined {
  const { content, diags: d } = block.body.content({ attributes: [{ name: 'from', required: true }, { name: 'to', required: true }], blocks: [] });
  diags.push(...d);
  const from = content.attributes.get('from'), to = content.attributes.get('to');
  if (!from || !to) return undefined;
  const f = exprAsTraversal(from.expr, diags), t = exprAsTraversal(to.expr, diags);
  if (!f || !t) return undefined;
  return { from: f, to: t, range: block.defRange };
}

/** Decodes `import { to = ... id = ... for_each = ... provider = ... }`. */
export function decodeImport(block: ContentBlock, diags: Diagnostic[]): Import | undefined {
  const { content, diags: d } = block.body.content({
    attributes: [{ name: 'to', required: true }, { name: 'id' }, { name: 'identity' }, { name: 'for_each' }, { name: 'provider' }],
    blocks: [],
  });
  diags.push(...d);
  const to = content.attributes.get('to'), id = content.attributes.get('id');
  if (!to) return undefined;
  if (!id) {
    diags.push(errorDiag('Missing required argument', 'The argument "id" is required, but no definition was found.', block.defRange));
    return undefined;
  }
  const imp: Import = { to: to.expr, toRange: to.range, id: id.expr, range: block.defRange };
  const fe = content.attributes.get('for_each');
  if (fe) imp.forEach = fe.expr;
  const p = content.attributes.get('provider');
  if (p) { const ref = exprAsProviderRef(p.expr, diags); if (ref) { imp.provider = ref; imp.providerRange = p.range; } }
  return imp;
}

/** Decodes `removed { from = ... lifecycle { destroy = false } }`. */
export function decodeRemoved(block: ContentBlock, diags: Diagnostic[]): Removed | undefined {
  const { content, diags: d } = block.body.content({
    attributes: [{ name: 'from', required: true }],
    blocks: [{ type: 'lifecycle', labelNames: [] }, { type: 'provisioner', labelNames: ['type'] }, { type: 'connection', labelNames: [] }],
  });
  diags.push(...d);
  const from = content.attributes.get('from');
  if (!from) return undefined;
  const f = exprAsTraversal(from.expr, diags);
  if (!f) return undefined;
  const keyed = instanceKeyDiags(f);
  diags.push(...keyed);
  if (keyed.length) return undefined;
  const r: Removed = { from: f, destroy: true, range: block.defRange };
  for (const b of content.blocks) {
    if (b.type !== 'lifecycle') continue;
    const lc = b.body.content({ attributes: [{ name: 'destroy' }], blocks: [] });
    diags.push(...lc.diags);
    const destroy = lc.content.attributes.get('destroy');
    if (destroy) r.destroy = requireBool(destroy.expr, 'destroy', diags) ?? true;
  }
  return r;
}

/**
 * A `removed` block names a whole resource or module: Terraform's errors for each instance
 * key in its `from`, at the key.
 */
function instanceKeyDiags(from: Traversal): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const names = [from.root, ...from.steps.map((s) => (s.kind === 'attr' ? s.name : undefined))];
  from.steps.forEach((s, i) => {
    if (s.kind !== 'index') return;
    // names[i] is the step before the key; names[i - 1] says whether it named a module.
    if (names[i - 1] === 'module') {
      diags.push(errorDiag('Module instance keys not allowed', 'Module address must be a module (e.g. "module.foo"), not a module instance (e.g. "module.foo[1]").', s.range));
    } else {
      diags.push(errorDiag('Resource instance keys not allowed', 'Resource address must be a resource (e.g. "test_instance.foo"), not a resource instance (e.g. "test_instance.foo[1]").', s.range));
    }
  });
  return diags;
}

/** Decodes `check "name" { data ... assert { ... } }`. */
export function decodeCheck(block: ContentBlock, diags: Diagnostic[]): Check | undefined {
  const name = block.labels[0];
  if (name === undefined) return undefined;
  const { content, diags: d } = block.body.content({ attributes: [], blocks: [{ type: 'data', labelNames: ['type', 'name'] }, { type: 'assert', labelNames: [] }] });
  diags.push(...d);
  const c: Check = { name, asserts: [], data: [], range: block.defRange };
  for (const b of content.blocks) {
    if (b.type === 'assert') {
      const rule = decodeCheckRule(b, diags);
      if (rule) c.asserts.push(rule);
    } else {
      const r = decodeResource(b, 'data', diags);
      if (r) c.data.push(r);
    }
  }
  if (c.asserts.length === 0) {
    diags.push(errorDiag('Zero assert blocks', 'Check blocks must have at least one assert block.', block.defRange));
  }
  return c;
}
