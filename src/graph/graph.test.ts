import { describe, it, expect } from 'vitest';
import { Graph, findCycles, cycleDiagnostics, topologicalOrder, toDot, walk, stronglyConnected, goQuote } from './index.js';
import { errorDiag, warningDiag, type Diagnostic } from '../hcl/diagnostic.js';

/** Builds a graph from "a->b" strings (a depends on b); lone names are nodes. */
function build(spec: string[]): Graph<string> {
  const g = new Graph<string>();
  for (const s of spec) {
    const [a, b] = s.split('->');
    if (!g.has(a!)) g.add(a!, a!);
    if (b !== undefined) {
      if (!g.has(b)) g.add(b, b);
      g.connect(a!, b);
    }
  }
  return g;
}

const tick = () => new Promise<void>((r) => setTimeout(r, 1));

describe('Graph', () => {
  it('tracks edges both ways and removes nodes with their edges', () => {
    const g = build(['a->b', 'b->c', 'a->c', 'd']);
    expect([...g.dependencies('a')].sort()).toEqual(['b', 'c']);
    expect([...g.dependents('c')].sort()).toEqual(['a', 'b']);
    expect(g.edgeSize).toBe(3);
    g.connect('a', 'b');
    expect(g.edgeSize).toBe(3);
    g.remove('b');
    expect(g.edgeSize).toBe(1);
    expect([...g.dependents('c')]).toEqual(['a']);
    expect(g.disconnect('a', 'c')).toBe(true);
    expect(g.edgeSize).toBe(0);
  });
  it('keeps edges exact for nodes with many neighbours (past the small-list size)', () => {
    // A provider-like hub: 40 dependents, added twice, some removed, then re-added.
    const spec = Array.from({ length: 40 }, (_, i) => `r${i}->hub`);
    const g = build([...spec, ...spec, 'hub->root']);
    expect(g.edgeSize).toBe(41);
    expect(g.dependentCount('hub')).toBe(40);
    for (let i = 0; i < 40; i += 2) g.remove(`r${i}`);
    expect(g.dependentCount('hub')).toBe(20);
    expect([...g.dependents('hub')].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `r${2 * i + 1}`).sort());
    expect(g.hasEdge('r1', 'hub')).toBe(true);
    expect(g.hasEdge('r2', 'hub')).toBe(false);
    g.add('r2', 'r2').connect('r2', 'hub').connect('r2', 'hub');
    expect(g.dependentCount('hub')).toBe(21);
    expect(g.disconnect('r3', 'hub')).toBe(true);
    expect(g.disconnect('r3', 'hub')).toBe(false);
    expect(g.dependentCount('hub')).toBe(20);
    expect(g.edgeSize).toBe(21);
    expect(g.roots().sort()).toEqual(['r3', ...Array.from({ length: 20 }, (_, i) => `r${2 * i + 1}`).filter((k) => k !== 'r3'), 'r2'].sort());
  });
  it('refuses edges to missing nodes', () => {
    expect(() => build(['a']).connect('a', 'zz')).toThrow();
  });
  it('computes ancestors and descendants transitively', () => {
    const g = build(['a->b', 'b->c', 'c->d', 'x->c']);
    expect([...g.ancestors('a')].sort()).toEqual(['b', 'c', 'd']);
    expect([...g.descendants('c')].sort()).toEqual(['a', 'b', 'x']);
    expect(g.roots().sort()).toEqual(['a', 'x']);
    expect(g.leaves()).toEqual(['d']);
  });
  it('reduces transitively implied edges', () => {
    const g = build(['a->b', 'b->c', 'a->c', 'a->d']);
    g.transitiveReduction();
    expect([...g.edges()].map((e) => e.join('->')).sort()).toEqual(['a->b', 'a->d', 'b->c']);
  });
  it('reverses edges', () => {
    const r = build(['a->b']).reverse();
    expect(r.hasEdge('b', 'a')).toBe(true);
    expect(r.hasEdge('a', 'b')).toBe(false);
  });
});

describe('cycles', () => {
  it.each([
    [['a->b', 'b->a'], [['a', 'b']]],
    [['a->b', 'b->c', 'c->a', 'c->d'], [['a', 'b', 'c']]],
    [['a->a', 'b'], [['a']]],
    [['a->b', 'b->a', 'c->d', 'd->e', 'e->c', 'x->a'], [['a', 'b'], ['c', 'd', 'e']]],
    [['a->b', 'b->c', 'a->c'], []],
  ])('%j', (spec, want) => {
    const cycles = findCycles(build(spec)).sort((x, y) => x[0]!.localeCompare(y[0]!));
    expect(cycles).toEqual(want);
  });
  it('renders like Terraform', () => {
    const d = cycleDiagnostics(findCycles(build(['aws_a.x->aws_b.y', 'aws_b.y->aws_a.x'])));
    expect(d).toHaveLength(1);
    expect(d[0]!.severity).toBe('error');
    expect(d[0]!.summary).toBe('Cycle: aws_a.x, aws_b.y');
  });
  it('handles a 200k-long chain closing on itself without recursion', () => {
    const g = new Graph<number>();
    const N = 200_000;
    for (let i = 0; i < N; i++) g.add('n' + i, i);
    for (let i = 1; i < N; i++) g.connect('n' + i, 'n' + (i - 1));
    expect(findCycles(g)).toEqual([]);
    g.connect('n0', 'n' + (N - 1));
    const c = findCycles(g);
    expect(c).toHaveLength(1);
    expect(c[0]).toHaveLength(N);
    expect(stronglyConnected(g)).toHaveLength(1);
  });
});

describe('topologicalOrder', () => {
  it('puts dependencies first, stable among peers', () => {
    const r = topologicalOrder(build(['c->a', 'b->a', 'd->c', 'd->b', 'e']));
    expect(r.order).toEqual(['a', 'e', 'c', 'b', 'd']);
  });
  it('reports cycles instead of an order', () => {
    const r = topologicalOrder(build(['a->b', 'b->a', 'c']));
    expect(r.order).toBeUndefined();
    expect(r.cycles).toEqual([['a', 'b']]);
  });
});

describe('toDot', () => {
  it('prints terraform graph layout, sorted', () => {
    const g = build(['aws_instance.web->provider["registry.terraform.io/hashicorp/aws"]', 'aws_instance.web->aws_subnet.a', 'aws_subnet.a->provider["registry.terraform.io/hashicorp/aws"]']);
    const dot = toDot(g, {
      id: (k) => `[root] ${k}`,
      shape: (k) => (k.startsWith('provider') ? 'diamond' : 'box'),
    });
    expect(dot).toBe([
      'digraph {',
      '\tcompound = "true"',
      '\tnewrank = "true"',
      '\tsubgraph "root" {',
      '\t\t"[root] aws_instance.web" [label = "aws_instance.web", shape = "box"]',
      '\t\t"[root] aws_subnet.a" [label = "aws_subnet.a", shape = "box"]',
      '\t\t"[root] provider[\\"registry.terraform.io/hashicorp/aws\\"]" [label = "provider[\\"registry.terraform.io/hashicorp/aws\\"]", shape = "diamond"]',
      '\t\t"[root] aws_instance.web" -> "[root] aws_subnet.a"',
      '\t\t"[root] aws_instance.web" -> "[root] provider[\\"registry.terraform.io/hashicorp/aws\\"]"',
      '\t\t"[root] aws_subnet.a" -> "[root] provider[\\"registry.terraform.io/hashicorp/aws\\"]"',
      '\t}',
      '}',
      '',
    ].join('\n'));
  });
  it('quotes like Go', () => {
    expect(goQuote('a"b\\c\n\x01é')).toBe('"a\\"b\\\\c\\n\\x01é"');
  });
});

describe('walk', () => {
  it('runs dependencies before dependents', async () => {
    const g = build(['app->db', 'app->net', 'db->net', 'out->app']);
    const seen: string[] = [];
    const r = await walk(g, async (k) => { await tick(); seen.push(k); return []; }, { parallelism: 4 });
    expect(seen).toEqual(['net', 'db', 'app', 'out']);
    expect(r.succeeded).toBe(4);
    expect(r.diags).toEqual([]);
  });

  it.each([1, 3, 10])('never runs more than %i at once', async (limit) => {
    const g = new Graph<null>();
    for (let i = 0; i < 50; i++) g.add('n' + i, null);
    for (let i = 10; i < 50; i++) g.connect('n' + i, 'n' + (i % 10));
    let inFlight = 0, peak = 0;
    const r = await walk(g, async () => {
      inFlight++; peak = Math.max(peak, inFlight);
      await tick();
      inFlight--;
      return [];
    }, { parallelism: limit });
    expect(peak).toBe(limit);
    expect(r.succeeded).toBe(50);
  });

  it('skips dependents of a failure and lets independent work finish', async () => {
    const g = build(['b->a', 'c->b', 'd->c', 'x->y', 'z']);
    const ran: string[] = [];
    const r = await walk(g, async (k) => {
      await tick();
      ran.push(k);
      return k === 'b' ? [errorDiag('boom', 'b failed')] : k === 'y' ? [warningDiag('careful')] : [];
    });
    expect(r.failed).toEqual(['b']);
    expect(r.skipped.sort()).toEqual(['c', 'd']);
    expect(ran.sort()).toEqual(['a', 'b', 'x', 'y', 'z']);
    expect(r.diags.map((d) => d.summary).sort()).toEqual(['boom', 'careful']);
    expect(r.succeeded).toBe(4);
  });

  it('a node with one failed dependency is skipped even if others succeed', async () => {
    const g = build(['c->a', 'c->b']);
    const r = await walk(g, (k) => (k === 'a' ? [errorDiag('bad')] : []));
    expect(r.skipped).toEqual(['c']);
  });

  it('turns a thrown exception or rejection into an error for that node', async () => {
    const g = build(['b->a', 'c']);
    const r = await walk(g, (k) => {
      if (k === 'a') throw new Error('kaput');
      if (k === 'c') return Promise.reject(new Error('nope'));
      return [];
    });
    expect(r.failed.sort()).toEqual(['a', 'c']);
    expect(r.skipped).toEqual(['b']);
    expect(r.diags.map((d) => d.detail).sort()).toEqual(['kaput', 'nope']);
  });

  it('stops starting work when aborted and reports the rest cancelled', async () => {
    const g = new Graph<null>();
    for (let i = 0; i < 20; i++) g.add('n' + i, null);
    const ac = new AbortController();
    let started = 0;
    const r = await walk(g, async () => {
      started++;
      if (started === 3) ac.abort();
      await tick();
      return [];
    }, { parallelism: 2, signal: ac.signal });
    expect(started).toBe(3);
    expect(r.succeeded).toBe(3);
    expect(r.cancelled).toHaveLength(17);
  });

  it('reports cycles and runs nothing behind them', async () => {
    const g = build(['a->b', 'b->a', 'c->a', 'd']);
    const ran: string[] = [];
    const r = await walk(g, (k) => { ran.push(k); return []; });
    expect(ran).toEqual(['d']);
    expect(r.diags.map((d) => d.summary)).toEqual(['Cycle: a, b']);
    const r2 = await walk(build(['a->b', 'b->a']), () => []);
    expect(r2.diags.map((d) => d.summary)).toEqual(['Cycle: a, b']);
  });

  it('with refuseCycles runs nothing at all when there is a cycle, naming nodes as asked', async () => {
    const g = build(['a->b', 'b->a', 'c->a', 'd']);
    const ran: string[] = [];
    const r = await walk(g, (k) => { ran.push(k); return []; }, { refuseCycles: true, cycleName: (k) => `node ${k}` });
    expect(ran).toEqual([]);
    expect(r.diags.map((d) => d.summary)).toEqual(['Cycle: node a, node b']);
    const ok = await walk(build(['a->b', 'd']), (k) => { ran.push(k); return []; }, { refuseCycles: true });
    expect(ok.succeeded).toBe(3);
  });

  it('walks an empty graph', async () => {
    expect((await walk(new Graph(), () => [])).succeeded).toBe(0);
  });

  it('walks a 100k chain with synchronous visits without stack overflow', async () => {
    const g = new Graph<number>();
    const N = 100_000;
    for (let i = 0; i < N; i++) g.add('n' + i, i);
    for (let i = 1; i < N; i++) g.connect('n' + i, 'n' + (i - 1));
    let last = -1;
    let ordered = true;
    const r = await walk(g, (_k, v): Diagnostic[] => { if (v !== last + 1) ordered = false; last = v; return []; });
    expect(ordered).toBe(true);
    expect(r.succeeded).toBe(N);
  });
});
