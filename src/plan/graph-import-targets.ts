/**
 * Import blocks in Terraform's plan graph (which `terrane graph` draws, with -type=plan and
 * by default): a target that has no `resource` block still gets a node (to generate its
 * configuration into) when its module exists, and the target waits for what the block's
 * `id` and `for_each` read, in the root module's scope.
 */
import type { Config, ModuleNode, Resource } from '../config/module.js';
import { Graph } from '../graph/dag.js';
import { traversalsOf } from '../lang/references.js';
import { placeholder, staticTarget, type StaticTarget } from './generate-config-targets.js';
import { keys, refTargets } from './graph-build.js';

/** The module an import target is in, when the configuration has it. */
function targetModule(config: Config, t: StaticTarget): ModuleNode | undefined {
  let node: ModuleNode | undefined = config.root;
  for (const m of t.modules) node = node?.children.get(m);
  return node;
}

/** `config` with a stand-in resource for each import target that has none (config itself is unchanged). */
export function withImportTargetNodes(config: Config): Config {
  const adds = new Map<string, Resource[]>();
  for (const imp of config.root.module.imports) {
    const t = staticTarget(imp);
    const node = t && t.mode === 'managed' ? targetModule(config, t) : undefined;
    if (!t || !node || node.module.managedResources.has(`${t.type}.${t.name}`)) continue;
    const path = node.path.join('.');
    const list = adds.get(path) ?? [];
    if (!list.some((r) => r.type === t.type && r.name === t.name)) list.push(placeholder(t.type, t.name, imp));
    adds.set(path, list);
  }
  if (adds.size === 0) return config;
  const rebuild = (n: ModuleNode): ModuleNode => {
    const extra = adds.get(n.path.join('.')) ?? [];
    const managedResources = new Map(n.module.managedResources);
    for (const r of extra) managedResources.set(`${r.type}.${r.name}`, r);
    const children = new Map([...n.children].map(([name, c]) => [name, rebuild(c)]));
    return { ...n, module: extra.length ? { ...n.module, managedResources } : n.module, children };
  };
  return { ...config, root: rebuild(config.root) };
}

/** Links each import target's node to what its block's `id` and `for_each` read. */
export function connectImportRefs<N>(g: Graph<N>, config: Config): void {
  for (const imp of config.root.module.imports) {
    const t = staticTarget(imp);
    const node = t ? targetModule(config, t) : undefined;
    if (!t || !node) continue;
    const from = keys.resource(node, t);
    if (!g.has(from)) continue;
    for (const tr of [...traversalsOf(imp.id), ...(imp.forEach ? traversalsOf(imp.forEach) : [])]) {
      for (const to of refTargets(tr, config.root)) if (to !== from && g.has(to)) g.connect(from, to);
    }
  }
}
