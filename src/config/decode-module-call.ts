/** `module "name"` blocks: source, version, count/for_each, providers, depends_on; other arguments are inputs. */
import type { ContentBlock } from '../hcl/body.js';
import { errorDiag, type Diagnostic, type Range } from '../hcl/diagnostic.js';
import type { ModuleCall, PassedProvider } from './module.js';
import { exprAsProviderRef, exprAsTraversalList, requireString } from './static.js';

const metaSchema = {
  attributes: [{ name: 'source', required: true }, { name: 'version' }, { name: 'count' }, { name: 'for_each' }, { name: 'providers' }, { name: 'depends_on' }],
  blocks: [{ type: '_', labelNames: [] }],
};
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Decodes a module call. */
export function decodeModuleCall(block: ContentBlock, diags: Diagnostic[]): ModuleCall | undefined {
  const name = block.labels[0];
  if (name === undefined) return undefined;
  if (!NAME_RE.test(name)) {
    diags.push(errorDiag('Invalid module instance name', 'A name must start with a letter or underscore and may contain only letters, digits, underscores, and dashes.', block.labelRanges[0]));
  }
  const { content, remain, diags: d } = block.body.partialContent(metaSchema);
  diags.push(...d);
  const source = content.attributes.get('source');
  if (!source) return undefined;
  const src = requireString(source.expr, 'source', diags);
  if (src === undefined) return undefined;
  const mc: ModuleCall = {
    name, source: src, sourceRange: source.expr.range, inputs: new Map(), providers: [], dependsOn: [],
    range: block.range, declRange: block.defRange, bodyStart: openingBrace(block.body.missingItemRange()),
  };
  const a = content.attributes;
  const version = a.get('version');
  if (version) { const s = requireString(version.expr, 'version', diags); if (s !== undefined) mc.version = s; }
  const count = a.get('count'), forEach = a.get('for_each');
  if (count) mc.count = count.expr;
  if (forEach) mc.forEach = forEach.expr;
  if (count && forEach) {
    diags.push(errorDiag('Invalid combination of "count" and "for_each"', 'The "count" and "for_each" meta-arguments are mutually-exclusive, only one should be used to be explicit about the number of resources to be created.', forEach.nameRange));
  }
  const dep = a.get('depends_on');
  if (dep) mc.dependsOn = exprAsTraversalList(dep.expr, diags, 'warn');
  const providers = a.get('providers');
  if (providers) mc.providers = decodePassedProviders(providers.expr, diags);
  const inputs = remain.justAttributes();
  diags.push(...inputs.diags);
  for (const [k, at] of inputs.attributes) mc.inputs.set(k, { expr: at.expr, range: at.range, nameRange: at.nameRange });
  return mc;
}

/** The one-character range of a body's opening brace (where Terraform points a missing argument). */
function openingBrace(at: Range): Range {
  return { filename: at.filename, start: at.start, end: { line: at.start.line, column: at.start.column + 1, byte: at.start.byte + 1 } };
}

function decodePassedProviders(expr: import('../hcl/ast.js').Expression, diags: Diagnostic[]): PassedProvider[] {
  const out: PassedProvider[] = [];
  if (expr.kind === 'object') {
    for (const item of expr.items) {
      const key = item.key.kind === 'objectKey' ? item.key.wrapped : item.key;
      const inChild = exprAsProviderRef(key, diags, 'warn');
      const inParent = exprAsProviderRef(item.value, diags, 'warn');
      if (inChild && inParent) out.push({ inChild, inParent });
    }
    return out;
  }
  if (expr.kind === 'json' && expr.value.type === 'object') {
    for (const p of expr.value.props) {
      const child = p.name.split('.');
      const inParent = exprAsProviderRef({ kind: 'json', value: p.value, range: p.value.range }, diags);
      const inChild = child[1] ? { name: child[0]!, alias: child[1], range: p.nameRange } : { name: child[0]!, range: p.nameRange };
      if (inParent) out.push({ inChild, inParent });
    }
    return out;
  }
  diags.push(errorDiag('Invalid providers argument', 'The "providers" argument must be a mapping from provider names in the child module to provider configurations in this module.', expr.range));
  return out;
}
