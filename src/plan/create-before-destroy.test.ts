import { describe, expect, it } from 'vitest';
import { Graph } from '../graph/dag.js';
import type { EngineNode } from './graph-build.js';
import { createBeforeDestroyResources } from './create-before-destroy.js';

/** A resource node with only what the rule reads. */
const resource = (cbd: boolean, mode = 'managed') => ({ kind: 'resource', res: { mode, lifecycle: { createBeforeDestroy: cbd } } }) as unknown as EngineNode;
const local = { kind: 'local' } as unknown as EngineNode;

/** Builds a graph from "a->b" (a depends on b); `cbd` names the nodes with create_before_destroy set. */
function graph(edges: string[], cbd: string[], data: string[] = []): Graph<EngineNode> {
  const g = new Graph<EngineNode>();
  const node = (k: string) => {
    if (!g.has(k)) g.add(k, k.startsWith('local') ? local : resource(cbd.includes(k), data.includes(k) ? 'data' : 'managed'));
  };
  for (const e of edges) {
    const [a, b] = e.split('->') as [string, string];
    node(a); node(b);
    g.connect(a, b);
  }
  return g;
}

describe('createBeforeDestroyResources', () => {
  it.each([
    { name: 'forces it on what a create_before_destroy resource depends on, transitively', edges: ['c->a', 'a->b', 'b->z'], cbd: ['a'], want: ['a', 'b', 'z'] },
    { name: 'follows dependencies through locals and other nodes', edges: ['a->local1', 'local1->b'], cbd: ['a'], want: ['a', 'b'] },
    { name: 'leaves dependents and unrelated resources alone', edges: ['c->a', 'd->e'], cbd: ['a'], want: ['a'] },
    { name: 'with no create_before_destroy resource, none', edges: ['c->a', 'a->b'], cbd: [], want: [] },
    { name: 'never counts data sources', edges: ['a->d', 'd->b'], cbd: ['a'], data: ['d'], want: ['a', 'b'] },
  ])('$name', ({ edges, cbd, data, want }) => {
    expect([...createBeforeDestroyResources(graph(edges, cbd, data))].sort()).toEqual(want);
  });
});
