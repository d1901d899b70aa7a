/**
 * Which resources replace create-before-destroy. Terraform forces create_before_destroy
 * on every resource that a create_before_destroy resource depends on, directly or through
 * anything else (its ForcedCBDTransformer): a create-before-destroy object created while
 * what it depends on is destroyed first would need that dependency gone before and after
 * its own creation, a cycle. The set is worked out from the configuration graph, so the
 * planner (choosing `+/-`) and the applier (recording `create_before_destroy` in state,
 * also for objects only created) reach the same answer.
 */
import type { Graph } from '../graph/dag.js';
import type { EngineNode } from './graph-build.js';

/**
 * The keys of the managed resource nodes that replace create-before-destroy: those whose
 * lifecycle says so and everything they depend on. One pass over the graph, O(V + E).
 */
export function createBeforeDestroyResources(g: Graph<EngineNode>): Set<string> {
  const out = new Set<string>();
  const seen = new Set<string>();
  for (const k of g.keys()) {
    const n = g.get(k)!;
    if (n.kind !== 'resource' || !n.res.lifecycle.createBeforeDestroy || seen.has(k)) continue;
    // Everything reached from a node already seen was reached then, so one shared set.
    const stack = [k];
    seen.add(k);
    while (stack.length) {
      const at = stack.pop()!;
      const node = g.get(at);
      if (node?.kind === 'resource' && node.res.mode === 'managed') out.add(at);
      for (const d of g.dependencies(at)) if (!seen.has(d)) { seen.add(d); stack.push(d); }
    }
  }
  return out;
}
