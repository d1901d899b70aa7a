/** The `terraform` block: required_version, required_providers, backend, cloud, experiments. */
import type { ContentBlock } from '../hcl/body.js';
import { errorDiag, type Diagnostic } from '../hcl/diagnostic.js';
import type { Expression } from '../hcl/ast.js';
import type { RequiredProvider, TerraformSettings } from './module.js';
import { exprAsTraversalList, requireString, staticString } from './static.js';
import { normalizeProviderSource } from './provider-source.js';

const terraformSchema = {
  attributes: [{ name: 'required_version' }, { name: 'experiments' }, { name: 'language' }],
  blocks: [
    { type: 'required_providers', labelNames: [] },
    { type: 'backend', labelNames: ['type'] },
    { type: 'cloud', labelNames: [] },
    { type: 'provider_meta', labelNames: ['provider'] },
    { type: 'encryption', labelNames: [] },
  ],
};

/** An empty settings record. */
export function emptyTerraformSettings(): TerraformSettings {
  return { requiredVersion: [], requiredProviders: new Map(), experiments: [] };
}

/** Merges one `terraform` block into `into`. */
export function decodeTerraformBlock(block: ContentBlock, into: TerraformSettings, diags: Diagnostic[]): void {
  const { content, diags: d } = block.body.content(terraformSchema);
  diags.push(...d);
  const rv = content.attributes.get('required_version');
  if (rv) {
    const s = requireString(rv.expr, 'required_version', diags);
    if (s !== undefined) into.requiredVersion.push({ constraint: s, range: rv.range });
  }
  const ex = content.attributes.get('experiments');
  if (ex) for (const t of exprAsTraversalList(ex.expr, diags)) into.experiments.push(t.root);
  for (const b of content.blocks) {
    switch (b.type) {
      case 'required_providers':
        decodeRequiredProviders(b, into, diags);
        break;
      case 'backend':
        if (into.backend) {
          diags.push(errorDiag('Duplicate backend configuration', `A module may have only one backend configuration. The backend was previously configured at ${into.backend.range.filename}:${into.backend.range.start.line}.`, b.defRange));
          break;
        }
        into.backend = { type: b.labels[0]!, config: b.body, range: b.defRange, typeRange: b.labelRanges[0] ?? b.defRange };
        break;
      case 'cloud':
        into.cloudRange = b.defRange;
        break;
      default:
        break;
    }
  }
}

function decodeRequiredProviders(block: ContentBlock, into: TerraformSettings, diags: Diagnostic[]): void {
  const { attributes, diags: d } = block.body.justAttributes();
  diags.push(...d);
  for (const [name, attr] of attributes) {
    const req: RequiredProvider = { name, source: '', configurationAliases: [], range: attr.range };
    const expr = attr.expr;
    const legacy = staticString(expr);
    if (legacy !== undefined) {
      // `aws = "~> 5.0"`: the pre-0.13 form, a version constraint only.
      req.version = legacy;
    } else {
      const fields = objectFields(expr);
      if (!fields) {
        diags.push(errorDiag('Invalid required_providers object', 'required_providers entries must be strings or objects.', expr.range));
        continue;
      }
      for (const [k, v] of fields) {
        if (k === 'source') {
          const s = requireString(v, 'source', diags);
          if (s !== undefined) req.source = s;
        } else if (k === 'version') {
          const s = requireString(v, 'version', diags);
          if (s !== undefined) req.version = s;
        } else if (k === 'configuration_aliases') {
          for (const t of exprAsTraversalList(v, diags)) {
            const step = t.steps[0];
            if (step && step.kind === 'attr') req.configurationAliases.push(step.name);
          }
        } else {
          diags.push(errorDiag('Invalid required_providers object', 'required_providers objects can only contain "version", "source" and "configuration_aliases" attributes. To configure a provider, use a "provider" block.', v.range));
        }
      }
    }
    const src = normalizeProviderSource(req.source || name);
    if (typeof src !== 'string') {
      diags.push(errorDiag('Invalid provider source string', src.error, attr.expr.range));
      continue;
    }
    req.source = src;
    into.requiredProviders.set(name, req);
  }
}

/** Key/value pairs of an object constructor with static keys (native or JSON). */
export function objectFields(expr: Expression): [string, Expression][] | undefined {
  if (expr.kind === 'object') {
    const out: [string, Expression][] = [];
    for (const item of expr.items) {
      const k = item.key.kind === 'objectKey' ? item.key.wrapped : item.key;
      const name = k.kind === 'scopeTraversal' && k.traversal.steps.length === 0 ? k.traversal.root : staticString(k);
      if (name === undefined) return undefined;
      out.push([name, item.value]);
    }
    return out;
  }
  if (expr.kind === 'json' && expr.value.type === 'object') {
    return expr.value.props.map((p) => [p.name, { kind: 'json', value: p.value, range: p.value.range } as Expression]);
  }
  return undefined;
}
