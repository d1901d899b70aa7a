/**
 * `resource` and `data` blocks: meta-arguments (count, for_each, provider, depends_on,
 * lifecycle) are decoded here; everything else stays in `config` for the provider's schema.
 */
import type { ContentBlock, BodySchema, HclBody } from '../hcl/body.js';
import type { Expression, Traversal } from '../hcl/ast.js';
import type { BlockSpans } from '../hcl/ast-nodes.js';
import { errorDiag, warningDiag, type Diagnostic, type Range } from '../hcl/diagnostic.js';
import type { SourceIndex } from '../hcl/source-index.js';
import type { Lifecycle, Resource, CheckRule, ProviderRef } from './module.js';
import { exprAsKeyword, exprAsProviderRef, exprAsTraversalList, requireBool } from './static.js';
import { decodeCheckRule } from './decode-check-rule.js';

const resourceMetaSchema: BodySchema = {
  attributes: [{ name: 'count' }, { name: 'for_each' }, { name: 'provider' }, { name: 'depends_on' }],
  blocks: [
    { type: 'lifecycle', labelNames: [] },
    { type: 'connection', labelNames: [] },
    { type: 'provisioner', labelNames: ['type'] },
    { type: '_', labelNames: [] },
  ],
};

const dataMetaSchema: BodySchema = {
  attributes: [{ name: 'count' }, { name: 'for_each' }, { name: 'provider' }, { name: 'depends_on' }],
  blocks: [{ type: 'lifecycle', labelNames: [] }],
};

const lifecycleSchema: BodySchema = {
  attributes: [
    { name: 'create_before_destroy' }, { name: 'prevent_destroy' }, { name: 'ignore_changes' }, { name: 'replace_triggered_by' },
  ],
  blocks: [{ type: 'precondition', labelNames: [] }, { type: 'postcondition', labelNames: [] }],
};

/** An empty lifecycle (Terraform's defaults). */
export function defaultLifecycle(): Lifecycle {
  return { createBeforeDestroy: false, createBeforeDestroySet: false, ignoreChanges: [], replaceTriggeredBy: [], preconditions: [], postconditions: [] };
}

const NONE: never[] = Object.freeze([]) as unknown as never[];
const DEFAULT_LIFECYCLE: Lifecycle = Object.freeze({
  createBeforeDestroy: false, createBeforeDestroySet: false, ignoreChanges: NONE, replaceTriggeredBy: NONE, preconditions: NONE, postconditions: NONE,
});

/**
 * A resource from a native-syntax block: its three ranges are kept as offsets into the
 * file and built when asked for (only diagnostics and tools ask). As objects they cost
 * about 430 bytes per block, a fifth of what a 100k-block configuration holds.
 */
class SpannedResource implements Resource {
  count?: Expression;
  forEach?: Expression;
  provider?: ProviderRef;
  dependsOn: Traversal[] = NONE;
  lifecycle: Lifecycle = DEFAULT_LIFECYCLE;
  provisionerRanges: Range[] = NONE;
  private readonly index: SourceIndex;
  private readonly s: number;
  private readonly e: number;
  private readonly de: number;
  private readonly ls0: number;
  private readonly le0: number;

  constructor(readonly mode: 'managed' | 'data', readonly type: string, readonly name: string, readonly config: HclBody, sp: BlockSpans) {
    this.index = sp.index;
    this.s = sp.s;
    this.e = sp.e;
    this.de = sp.de;
    this.ls0 = sp.ls0;
    this.le0 = sp.le0;
  }

  get range(): Range { return this.index.range(this.s, this.e); }
  get declRange(): Range { return this.index.range(this.s, this.de); }
  get typeRange(): Range { return this.index.range(this.ls0, this.le0); }
}

/** Decodes a `resource "type" "name"` or `data "type" "name"` block. */
export function decodeResource(block: ContentBlock, mode: 'managed' | 'data', diags: Diagnostic[]): Resource | undefined {
  const [type, name] = block.labels;
  if (type === undefined || name === undefined) return undefined;
  checkName(name, block, mode, diags);
  const { content, remain, diags: d } = block.body.partialContent(mode === 'managed' ? resourceMetaSchema : dataMetaSchema);
  diags.push(...d);
  // Most blocks have no lifecycle, depends_on or provisioners: they share the frozen
  // defaults (a configuration can hold 100k resource blocks).
  const r: Resource = block.spans
    ? new SpannedResource(mode, type, name, remain, block.spans)
    : {
      mode, type, name, config: remain, dependsOn: NONE, lifecycle: DEFAULT_LIFECYCLE, provisionerRanges: NONE,
      range: block.range, declRange: block.defRange, typeRange: block.labelRanges[0] ?? block.defRange,
    };
  const a = content.attributes;
  const count = a.get('count'), forEach = a.get('for_each');
  if (count) r.count = count.expr;
  if (forEach) r.forEach = forEach.expr;
  if (count && forEach) {
    diags.push(errorDiag('Invalid combination of "count" and "for_each"', 'The "count" and "for_each" meta-arguments are mutually-exclusive, only one should be used to be explicit about the number of resources to be created.', forEach.nameRange));
  }
  const provider = a.get('provider');
  if (provider) {
    const ref = exprAsProviderRef(provider.expr, diags, 'warn');
    if (ref) r.provider = ref;
  }
  const dependsOn = a.get('depends_on');
  if (dependsOn) r.dependsOn = exprAsTraversalList(dependsOn.expr, diags, 'warn');

  let sawLifecycle = false;
  for (const b of content.blocks) {
    switch (b.type) {
      case 'lifecycle':
        if (sawLifecycle) {
          diags.push(errorDiag('Duplicate lifecycle block', `This resource already has a lifecycle block at ${b.defRange.filename}.`, b.defRange));
          break;
        }
        sawLifecycle = true;
        r.lifecycle = decodeLifecycle(b, mode, diags);
        break;
      case 'provisioner':
      case 'connection':
        r.provisionerRanges = [...r.provisionerRanges, b.defRange];
        break;
      case '_':
        diags.push(errorDiag('Unsupported block type', 'The "_" block type is reserved for future use.', b.defRange));
        break;
    }
  }
  if (r.provisionerRanges.length > 0) {
    diags.push(warningDiag('Provisioners are not run by terrane', 'terrane does not run provisioners or use connection blocks; configure the instance with user_data or a configuration tool instead.', r.provisionerRanges[0]));
  }
  return r;
}

function decodeLifecycle(block: ContentBlock, mode: 'managed' | 'data', diags: Diagnostic[]): Lifecycle {
  const { content, diags: d } = block.body.content(lifecycleSchema);
  diags.push(...d);
  const lc = defaultLifecycle();
  const a = content.attributes;
  if (mode === 'data') {
    for (const name of ['create_before_destroy', 'prevent_destroy', 'ignore_changes', 'replace_triggered_by']) {
      const at = a.get(name);
      if (at) diags.push(errorDiag('Invalid data resource lifecycle argument', `The lifecycle argument "${name}" is defined only for managed resources ("resource" blocks), and is not valid for data resources.`, at.nameRange));
    }
  }
  const cbd = a.get('create_before_destroy');
  if (cbd) {
    const v = requireBool(cbd.expr, 'create_before_destroy', diags);
    if (v !== undefined) { lc.createBeforeDestroy = v; lc.createBeforeDestroySet = true; }
  }
  const pd = a.get('prevent_destroy');
  if (pd) lc.preventDestroy = pd.expr;
  const ic = a.get('ignore_changes');
  if (ic) {
    const kw = exprAsKeyword(ic.expr);
    if (kw === 'all') lc.ignoreChanges = 'all';
    else if (kw !== undefined) {
      diags.push(errorDiag('Invalid ignore_changes wildcard', 'The ignore_changes argument requires a list of attribute references or the keyword "all".', ic.expr.range));
    } else lc.ignoreChanges = exprAsTraversalList(ic.expr, diags, 'warn');
  }
  const rtb = a.get('replace_triggered_by');
  if (rtb) {
    const expr = rtb.expr;
    if (expr.kind === 'tuple') lc.replaceTriggeredBy = expr.exprs;
    else diags.push(errorDiag('Invalid replace_triggered_by expression', 'The replace_triggered_by argument requires a list of resource or attribute references.', expr.range));
  }
  for (const b of content.blocks) {
    const rule: CheckRule | undefined = decodeCheckRule(b, diags);
    if (!rule) continue;
    if (b.type === 'precondition') lc.preconditions.push(rule);
    else lc.postconditions.push(rule);
  }
  return lc;
}

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function checkName(name: string, block: ContentBlock, mode: 'managed' | 'data', diags: Diagnostic[]): void {
  if (!NAME_RE.test(name)) {
    diags.push(errorDiag(
      `Invalid ${mode === 'managed' ? 'resource' : 'data source'} name`,
      'A name must start with a letter or underscore and may contain only letters, digits, underscores, and dashes.',
      block.labelRanges[1] ?? block.defRange,
    ));
  }
}
