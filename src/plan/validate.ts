/**
 * `validate`: checks a configuration without state or variables: the graph (cycles,
 * provider resolution), then Terraform's validate walk (validate-walk.ts): every
 * expression evaluated with unknown values, every resource body against its schema.
 */
import { hasErrors, type Diagnostic } from '../hcl/diagnostic.js';
import type { Config } from '../config/module.js';
import { ModuleInstance } from '../addrs/index.js';
import { buildGraph } from './graph-build.js';
import { ProviderResolver } from './provider-resolve.js';
import type { ProviderManager } from './provider-manager.js';
import { moduleScope } from './eval-data.js';
import { validateWalk } from './validate-walk.js';
import { WorkingValues } from './working-values.js';
import { importConfigDiags, importTargetDiags } from './validate-imports.js';

/** Validates the configuration; returns diagnostics (no errors means valid). */
export async function validateConfig(config: Config, providers: ProviderManager, rootDir: string, cwd: string): Promise<Diagnostic[]> {
  // Terraform finds these while loading the configuration and validates nothing else then.
  const loading = importConfigDiags(config);
  if (hasErrors(loading)) return loading;
  const resolver = new ProviderResolver(config);
  const { graph, diags } = buildGraph(config, resolver, providers);
  const out: Diagnostic[] = [...diags];
  if (hasErrors(out)) return out;
  const values = new WorkingValues();
  const run = { cwd, rootDir, workspace: 'default', applying: false, planTimestamp: new Date() };
  out.push(...importTargetDiags(config, (each) => moduleScope(values, config.root, ModuleInstance.ROOT, run, each ? { eachKey: each.key, eachValue: each.value } : undefined)));
  out.push(...await validateWalk(config, graph, providers, run));
  return out;
}
