/** Topological ordering (Kahn's algorithm): dependencies before dependents, stable. */
import type { Graph } from './dag.js';
import { findCycles } from './cycles.js';

/** The order, or the cycles that prevent one. */
export type TopoResult = { order: string[]; cycles?: undefined } | { order?: undefined; cycles: string[][] };

/**
 * Orders the nodes so that each comes after everything it depends on. Among nodes that
 * are ready at the same time, insertion order is kept, so the result is deterministic.
 */
export function topologicalOrder(g: Graph<unknown>): TopoResult {
  const pending = new Map<string, number>();
  const order: string[] = [];
  for (const k of g.keys()) {
    const n = g.dependencies(k).size;
    pending.set(k, n);
    if (n === 0) order.push(k);
  }
  for (let head = 0; head < order.length; head++) {
    for (const r of g.dependents(order[head]!)) {
      const left = pending.get(r)! - 1;
      pending.set(r, left);
      if (left === 0) order.push(r);
    }
  }
  if (order.length !== g.size) return { cycles: findCycles(g) };
  return { order };
}
