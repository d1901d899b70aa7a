/**
 * Cycle detection with Tarjan's strongly connected components, iterative so that long
 * chains cannot overflow the stack. Every node of every cycle is named, so the engine can
 * report `Cycle: a, b, c` the way Terraform does.
 */
import { errorDiag, type Diagnostic } from '../hcl/diagnostic.js';
import type { Graph } from './dag.js';

/**
 * The strongly connected components of the graph, each as a list of keys, in the order
 * Tarjan's algorithm completes them (dependencies before dependents).
 */
export function stronglyConnected(g: Graph<unknown>): string[][] {
  const keys = Array.from(g.keys());
  const idx = new Map<string, number>();
  keys.forEach((k, i) => idx.set(k, i));
  const n = keys.length;
  const adj: number[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const ds = g.dependencies(keys[i]!);
    const a: number[] = new Array(ds.size);
    let j = 0;
    for (const d of ds) a[j++] = idx.get(d)!;
    adj[i] = a;
  }
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
    if (index[s] !== -1) continue;
    callNode.push(s); callPos.push(0);
    index[s] = low[s] = counter++;
    stack.push(s); onStack[s] = 1;
    while (callNode.length) {
      const top = callNode.length - 1;
      const v = callNode[top]!;
      const a = adj[v]!;
      if (callPos[top]! < a.length) {
        const w = a[callPos[top]!++]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w); onStack[w] = 1;
          callNode.push(w); callPos.push(0);
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
  const cycles: string[][] = [];
  for (const comp of stronglyConnected(g)) {
    if (comp.length > 1 || g.hasEdge(comp[0]!, comp[0]!)) cycles.push(comp.sort());
  }
  return cycles;
}

/**
 * One error per cycle, worded as Terraform's: `Cycle: a, b, c`. `name` turns a key into
 * what the user should read (by default the key itself).
 */
export function cycleDiagnostics(cycles: readonly string[][], name: (key: string) => string = (k) => k): Diagnostic[] {
  return cycles.map((c) => errorDiag(`Cycle: ${c.map(name).join(', ')}`));
}
