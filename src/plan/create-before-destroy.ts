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
  const configured: string[] = [];
  for (const [k, n] of g.entries()) if (n.kind === 'resource' && n.res.lifecycle.createBeforeDestroy) configured.push(k);
  const out = new Set<string>();
  for (const k of [...configured, ...g.ancestorsOf(configured)]) {
    const n = g.get(k);
    if (n?.kind === 'resource' && n.res.mode === 'managed') out.add(k);
  }
  return out;
}
