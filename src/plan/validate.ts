/**
 * `validate`: checks a configuration without state or variables: the graph (cycles,
 * provider resolution) and every resource body against its provider's schema, with
 * every reference treated as unknown.
 */
import { hasErrors, type Diagnostic } from '../hcl/diagnostic.js';
import type { Config, ModuleNode } from '../config/module.js';
import { ModuleInstance } from '../addrs/index.js';
import { decodeBody } from '../lang/decode-body.js';
import { buildGraph } from './graph-build.js';
import { ProviderResolver, sourceForLocalName } from './provider-resolve.js';
import type { ProviderManager } from './provider-manager.js';
import { moduleScope } from './eval-data.js';
import { unsupportedTypeDiag } from './unsupported-type.js';
import { WorkingValues } from './working-values.js';
import { importConfigDiags, importTargetDiags } from './validate-imports.js';

// Decoding with no values can fail on references; those are not configuration mistakes.
const SCHEMA_SUMMARIES = new Set(['Unsupported argument', 'Missing required argument', 'Unsupported block type', 'Too many blocks', 'Insufficient blocks', 'Duplicate argument', 'Missing required block']);

/** Validates the configuration; returns diagnostics (no errors means valid). */
export function validateConfig(config: Config, providers: ProviderManager, rootDir: string, cwd: string): Diagnostic[] {
  // Terraform finds these while loading the configuration and validates nothing else then.
  const loading = importConfigDiags(config);
  if (hasErrors(loading)) return loading;
  const resolver = new ProviderResolver(config);
  const { diags } = buildGraph(config, resolver, providers);
  const out: Diagnostic[] = [...diags];
  if (hasErrors(out)) return out;
  const values = new WorkingValues();
  const run = { cwd, rootDir, workspace: 'default', applying: false, planTimestamp: new Date() };
  out.push(...importTargetDiags(config, (each) => moduleScope(values, config.root, ModuleInstance.ROOT, run, each ? { eachKey: each.key, eachValue: each.value } : undefined)));
  const visit = (node: ModuleNode): void => {
    const scope = moduleScope(values, node, ModuleInstance.ROOT, run);
    for (const r of [...node.module.managedResources.values(), ...node.module.dataResources.values()]) {
      const local = r.provider?.name ?? r.type.split('_')[0]!;
      const schema = providers.resourceSchema(sourceForLocalName(node, local), r.mode, r.type);
      if (!schema) {
        // An unknown provider is reported by init and plan; a known one without the type here.
        if (providers.schema(sourceForLocalName(node, local))) out.push(unsupportedTypeDiag(providers, sourceForLocalName(node, local), r));
        continue;
      }
      try {
        const d = decodeBody(r.config, schema.block, scope);
        out.push(...d.diags.filter((x) => SCHEMA_SUMMARIES.has(x.summary)));
      } catch {
        // An evaluation that cannot run without values is checked at plan time.
      }
    }
    for (const c of node.children.values()) visit(c);
  };
  visit(config.root);
  return out;
}
