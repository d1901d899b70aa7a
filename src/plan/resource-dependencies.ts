/**
 * What state records as an instance's `dependencies`, worked out from the configuration
 * graph as Terraform does (its AttachDependencies step over the graph's ancestors).
 */
import { ConfigResource, Module as ModulePath, Resource } from '../addrs/index.js';
import type { Graph } from '../graph/dag.js';
import { NO_DEPENDENCIES } from '../state/index.js';
import type { EngineNode } from './graph-build.js';

/**
 * The configuration resources a resource node depends on, directly or not, through locals,
 * variables, outputs, module calls and other resources (what state records as
 * `dependencies`): Terraform records every resource among the node's ancestors, sorted,
 * so that destroying orphans later still orders them without the configuration. With
 * `shared`, every dependent gets the same address object for a resource.
 */
export function resourceDependencies(g: Graph<EngineNode>, start: string, shared?: Map<string, ConfigResource>): ConfigResource[] {
  const out = new Map<string, ConfigResource>();
  const seen = new Set<string>([start]);
  const stack = [...g.dependencies(start)];
  while (stack.length) {
    const k = stack.pop()!;
    if (seen.has(k)) continue;
    seen.add(k);
    const n = g.get(k);
    if (!n || n.kind === 'provider') continue;
    if (n.kind === 'resource') {
      // One address object per resource, shared by every dependent that records it.
      let cr = shared?.get(k);
      if (!cr) {
        cr = new ConfigResource(n.node.path.length ? new ModulePath(n.node.path) : ModulePath.ROOT, new Resource(n.res.mode, n.res.type, n.res.name));
        shared?.set(k, cr);
      }
      out.set(cr.toString(), cr);
    }
    for (const d of g.dependencies(k)) stack.push(d);
  }
  return out.size === 0 ? NO_DEPENDENCIES : out.size === 1 ? [...out.values()] : [...out.values()].sort((a, b) => (a.toString() < b.toString() ? -1 : 1));
}

/** Whether two sorted dependency lists name the same resources. */
export function sameDependencies(a: readonly ConfigResource[], b: readonly ConfigResource[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.toString() !== b[i]!.toString()) return false;
  return true;
}
