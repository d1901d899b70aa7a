/**
 * Cycle detection with Tarjan's strongly connected components, iterative so that long
 * chains cannot overflow the stack. Every node of every cycle is named, so the engine can
 * report `Cycle: a, b, c` the way Terraform does.
 */
import { errorDiag, type Diagnostic } from '../hcl/diagnostic.js';
import type { Graph } from './dag.js';
import { indexGraph, kahnOrder, type IndexedGraph } from './indexed.js';

/**
 * The strongly connected components of the graph, each as a list of keys, in the order
 * Tarjan's algorithm completes them (dependencies before dependents).
 */
export function stronglyConnected(g: Graph<unknown>): string[][] {
  return tarjan(indexGraph(g), undefined);
}

// Tarjan's algorithm over the indexed graph, optionally restricted to `only` (ids with a 1).
function tarjan(ix: IndexedGraph, only: Uint8Array | undefined): string[][] {
  const { keys, depStart, deps } = ix;
  const n = keys.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const out: string[][] = [];
  let counter = 0;
  // Explicit call stack: node and position in its adjacency list.
  const callNode: number[] = [];
  const callPos: number[] = [];
  for (let s = 0; s < n; s++) {
    if (index[s] !== -1 || (only && !only[s])) continue;
    callNode.push(s); callPos.push(depStart[s]!);
    index[s] = low[s] = counter++;
    stack.push(s); onStack[s] = 1;
    while (callNode.length) {
      const top = callNode.length - 1;
      const v = callNode[top]!;
      if (callPos[top]! < depStart[v + 1]!) {
        const w = deps[callPos[top]!++]!;
        if (only && !only[w]) continue;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w); onStack[w] = 1;
          callNode.push(w); callPos.push(depStart[w]!);
        } else if (onStack[w]) {
          if (index[w]! < low[v]!) low[v] = index[w]!;
        }
        continue;
      }
      callNode.pop(); callPos.pop();
      if (callNode.length) {
        const p = callNode[callNode.length - 1]!;
        if (low[v]! < low[p]!) low[p] = low[v]!;
      }
      if (low[v] === index[v]) {
        const comp: string[] = [];
        let w: number;
        do { w = stack.pop()!; onStack[w] = 0; comp.push(keys[w]!); } while (w !== v);
        out.push(comp);
      }
    }
  }
  return out;
}

/**
 * Every cycle in the graph: each strongly connected component with more than one node,
 * and each node that depends on itself. Keys in a cycle are sorted for stable messages.
 */
export function findCycles(g: Graph<unknown>): string[][] {
  return findCyclesIndexed(indexGraph(g), g);
}

/** `findCycles` on an already indexed graph. */
export function findCyclesIndexed(ix: IndexedGraph, g: Graph<unknown>): string[][] {
  // Cheap first pass: everything Kahn's algorithm can order is on no cycle.
  const ordered = kahnOrder(ix);
  if (ordered.length === ix.keys.length) return [];
  const rest = new Uint8Array(ix.keys.length).fill(1);
  for (const i of ordered) rest[i] = 0;
  const cycles: string[][] = [];
  for (const comp of tarjan(ix, rest)) {
    if (comp.length > 1 || g.hasEdge(comp[0]!, comp[0]!)) cycles.push(comp.sort());
  }
  return cycles;
}

/**
 * One error per cycle, worded as Terraform's: `Cycle: a, b, c`. `name` turns a key into
 * what the user should read (by default the key itself); names are listed sorted.
 */
export function cycleDiagnostics(cycles: readonly string[][], name: (key: string) => string = (k) => k): Diagnostic[] {
  return cycles.map((c) => errorDiag(`Cycle: ${c.map(name).sort().join(', ')}`));
}
