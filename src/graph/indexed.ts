/**
 * A frozen, array-based copy of a graph's structure (compressed sparse rows), which the
 * walker, the topological sort and the cycle finder share: integer node ids, flat
 * adjacency arrays, no per-node allocation.
 */
import type { Graph } from './dag.js';

/** Nodes as ids 0..n-1 with dependency and dependent lists as slices of flat arrays. */
export interface IndexedGraph {
  readonly keys: string[];
  /** `deps[depStart[i] .. depStart[i+1])` are the ids node i depends on. */
  readonly depStart: Int32Array;
  readonly deps: Int32Array;
  /** `rdeps[rdepStart[i] .. rdepStart[i+1])` are the ids that depend on node i. */
  readonly rdepStart: Int32Array;
  readonly rdeps: Int32Array;
}

/**
 * The indexed form of `g`, built in O(V + E) and kept until the graph's structure changes
 * (plan checks a graph for cycles, then walks it twice: validate and plan).
 */
export function indexGraph(g: Graph<unknown>): IndexedGraph {
  const hit = built.get(g);
  if (hit && hit.version === g.version) return hit.ix;
  const ix = buildIndex(g);
  built.set(g, { version: g.version, ix });
  return ix;
}

const built = new WeakMap<Graph<unknown>, { version: number; ix: IndexedGraph }>();

function buildIndex(g: Graph<unknown>): IndexedGraph {
  const keys = Array.from(g.keys());
  const n = keys.length;
  const id = new Map<string, number>();
  for (let i = 0; i < n; i++) id.set(keys[i]!, i);
  const depStart = new Int32Array(n + 1);
  const rdepStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    depStart[i + 1] = depStart[i]! + g.dependencyCount(keys[i]!);
    rdepStart[i + 1] = rdepStart[i]! + g.dependentCount(keys[i]!);
  }
  const deps = new Int32Array(depStart[n]!);
  const rdeps = new Int32Array(rdepStart[n]!);
  for (let i = 0; i < n; i++) {
    const k = keys[i]!;
    let p = depStart[i]!;
    for (const d of g.dependencies(k)) deps[p++] = id.get(d)!;
    p = rdepStart[i]!;
    for (const r of g.dependents(k)) rdeps[p++] = id.get(r)!;
  }
  return { keys, depStart, deps, rdepStart, rdeps };
}

/**
 * Kahn's algorithm on the indexed form: ids in dependency order (stable by insertion
 * among peers). Fewer than n ids means the rest sit on or behind a cycle.
 */
export function kahnOrder(ix: IndexedGraph): Int32Array {
  const n = ix.keys.length;
  const pending = new Int32Array(n);
  const order = new Int32Array(n);
  let tail = 0;
  for (let i = 0; i < n; i++) {
    pending[i] = ix.depStart[i + 1]! - ix.depStart[i]!;
    if (pending[i] === 0) order[tail++] = i;
  }
  for (let head = 0; head < tail; head++) {
    const v = order[head]!;
    for (let p = ix.rdepStart[v]!; p < ix.rdepStart[v + 1]!; p++) {
      const r = ix.rdeps[p]!;
      if (--pending[r]! === 0) order[tail++] = r;
    }
  }
  return order.subarray(0, tail);
}
