/** Topological ordering (Kahn's algorithm): dependencies before dependents, stable. */
import type { Graph } from './dag.js';
import { findCyclesIndexed } from './cycles.js';
import { indexGraph, kahnOrder } from './indexed.js';

/** The order, or the cycles that prevent one. */
export type TopoResult = { order: string[]; cycles?: undefined } | { order?: undefined; cycles: string[][] };

/**
 * Orders the nodes so that each comes after everything it depends on. Among nodes that
 * are ready at the same time, insertion order is kept, so the result is deterministic.
 */
export function topologicalOrder(g: Graph<unknown>): TopoResult {
  const ix = indexGraph(g);
  const order = kahnOrder(ix);
  if (order.length !== ix.keys.length) return { cycles: findCyclesIndexed(ix, g) };
  const keys = new Array<string>(order.length);
  for (let i = 0; i < order.length; i++) keys[i] = ix.keys[order[i]!]!;
  return { order: keys };
}
