/**
 * What state records as an instance's `dependencies`, worked out from the configuration
 * graph.
 *
 * Terraform records every resource among an instance's ancestors. In a chain of N
 * resources that is N*(N-1)/2 entries: a 10,000-link chain would write a state file of
 * about a gigabyte and take minutes to plan. terrane records the nearest resources on
 * every path instead: through locals, variables, outputs, module calls and data
 * sources (whose own records are empty), not through another managed resource. The
 * order is the same: the other ancestors are in the recorded resources' own records, so
 * destroying orphans without the configuration still follows it. Terraform reads these
 * lists and rewrites them at its next refresh.
 */
import { ConfigResource, Module as ModulePath, Resource } from '../addrs/index.js';
import type { Graph } from '../graph/dag.js';
import { NO_DEPENDENCIES } from '../state/index.js';
import type { EngineNode } from './graph-build.js';

/**
 * The nearest configuration resources a resource node depends on, through locals,
 * variables, outputs, module calls and data sources (what state records as
 * `dependencies`), sorted.
 * With `shared`, every dependent gets the same address object for a resource.
 */
export function resourceDependencies(g: Graph<EngineNode>, start: string, shared?: Map<string, ConfigResource>): ConfigResource[] {
  // Each graph node is one resource, so the seen set also keeps `out` free of repeats.
  let out: ConfigResource[] | undefined;
  const seen = new Set<string>();
  const stack: string[] = [];
  for (const d of g.dependencies(start)) stack.push(d);
  while (stack.length) {
    const k = stack.pop()!;
    if (k === start || seen.has(k)) continue;
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
      (out ??= []).push(cr);
      // A data source's state records nothing, so what it depends on is recorded here.
      if (n.res.mode === 'managed') continue;
    }
    for (const d of g.dependencies(k)) stack.push(d);
  }
  if (!out) return NO_DEPENDENCIES;
  if (out.length > 1) out.sort((a, b) => (a.toString() < b.toString() ? -1 : 1));
  return out;
}

/** Whether two sorted dependency lists name the same resources. */
export function sameDependencies(a: readonly ConfigResource[], b: readonly ConfigResource[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && a[i]!.toString() !== b[i]!.toString()) return false;
  return true;
}
