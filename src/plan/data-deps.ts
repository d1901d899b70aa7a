/**
 * When a data source is read: during plan, unless something it depends on has a change
 * pending, in which case the read waits for apply ("depends on a resource or a module with
 * changes pending"). Terraform's rule (its data resource depends_on): a data source
 * depends on
 *   - every managed resource its configuration refers to directly (a reference states an
 *     intent to wait for that resource, even when the value read is already known);
 *   - whatever its depends_on names: a resource itself, or for a module, local, variable
 *     or output, every managed resource upstream of it (a module: everything inside it);
 *   - the same for the depends_on of every module call it sits in.
 * References to other data sources do not count: reads have no side effects, and a data
 * source that waits makes its own dependents wait through their references' unknowns.
 */
import type { Graph } from '../graph/dag.js';
import type { ModuleNode } from '../config/module.js';
import type { Traversal } from '../hcl/ast.js';
import { refTargets, resourcesInside, type EngineNode } from './graph-build.js';

/** The graph keys of the managed resources whose pending changes defer the read of data source `key`. */
export function dataDependencies(g: Graph<EngineNode>, root: ModuleNode, key: string): string[] {
  const n = g.get(key);
  if (!n || n.kind !== 'resource' || n.res.mode !== 'data') return [];
  const out = new Set<string>();
  for (const d of g.dependencies(key)) if (isManaged(g.get(d))) out.add(d);
  const upstream: string[] = [...dependsOnTargets(g, n.node, n.res.dependsOn)];
  // The module calls this data source is inside.
  let parent = root;
  for (const name of n.node.path) {
    const child = parent.children.get(name);
    if (!child?.call) break;
    for (const k of dependsOnTargets(g, parent, child.call.dependsOn)) upstream.push(k);
    parent = child;
  }
  for (const k of upstream) if (isManaged(g.get(k))) out.add(k);
  for (const k of g.ancestorsOf(upstream)) if (isManaged(g.get(k))) out.add(k);
  return [...out];
}

/** The graph nodes a depends_on list names, a module standing for every node inside it. */
function dependsOnTargets(g: Graph<EngineNode>, node: ModuleNode, dependsOn: readonly Traversal[]): string[] {
  const out: string[] = [];
  for (const t of dependsOn) {
    for (const k of refTargets(t, node)) {
      const target = g.get(k);
      if (target?.kind === 'modcall') {
        const child = target.node.children.get(target.name);
        if (child) for (const r of resourcesInside(g, child.path)) out.push(r);
      }
      if (target) out.push(k);
    }
  }
  return out;
}

function isManaged(n: EngineNode | undefined): boolean {
  return n?.kind === 'resource' && n.res.mode === 'managed';
}
