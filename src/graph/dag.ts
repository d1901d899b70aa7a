/**
 * A directed graph keyed by strings, used as a DAG of work. An edge `a -> b` means "a
 * depends on b" (b must happen first), which is Terraform's convention and how
 * `terraform graph` draws arrows.
 */

/** A graph of nodes with values of type `N`, identified by string keys. */
export class Graph<N = unknown> {
  private readonly nodes = new Map<string, N>();
  /** key -> keys it depends on. */
  private readonly deps = new Map<string, Set<string>>();
  /** key -> keys that depend on it. */
  private readonly rdeps = new Map<string, Set<string>>();
  private edgeCount = 0;

  /** Adds a node (or replaces its value), keeping its edges. */
  add(key: string, value: N): this {
    if (!this.nodes.has(key)) {
      this.deps.set(key, new Set());
      this.rdeps.set(key, new Set());
    }
    this.nodes.set(key, value);
    return this;
  }

  has(key: string): boolean { return this.nodes.has(key); }
  get(key: string): N | undefined { return this.nodes.get(key); }
  get size(): number { return this.nodes.size; }
  get edgeSize(): number { return this.edgeCount; }

  /** Node keys in insertion order. */
  keys(): IterableIterator<string> { return this.nodes.keys(); }
  /** [key, value] pairs in insertion order. */
  entries(): IterableIterator<[string, N]> { return this.nodes.entries(); }

  /** Removes a node and every edge touching it. */
  remove(key: string): boolean {
    if (!this.nodes.has(key)) return false;
    for (const d of this.deps.get(key)!) { this.rdeps.get(d)!.delete(key); this.edgeCount--; }
    for (const r of this.rdeps.get(key)!) { this.deps.get(r)!.delete(key); this.edgeCount--; }
    this.nodes.delete(key);
    this.deps.delete(key);
    this.rdeps.delete(key);
    return true;
  }

  /**
   * Records that `dependent` depends on `dependency`. Both must already be nodes;
   * duplicate edges are ignored. A self-edge is allowed (and is a cycle).
   */
  connect(dependent: string, dependency: string): this {
    const out = this.deps.get(dependent);
    const inn = this.rdeps.get(dependency);
    if (!out || !inn) throw new Error(`graph: connect(${dependent}, ${dependency}) names a missing node`);
    if (!out.has(dependency)) {
      out.add(dependency);
      inn.add(dependent);
      this.edgeCount++;
    }
    return this;
  }

  /** Removes the edge `dependent -> dependency` if present. */
  disconnect(dependent: string, dependency: string): boolean {
    const out = this.deps.get(dependent);
    if (!out?.delete(dependency)) return false;
    this.rdeps.get(dependency)!.delete(dependent);
    this.edgeCount--;
    return true;
  }

  hasEdge(dependent: string, dependency: string): boolean {
    return this.deps.get(dependent)?.has(dependency) ?? false;
  }

  /** Direct dependencies of `key` (what must happen before it). */
  dependencies(key: string): ReadonlySet<string> { return this.deps.get(key) ?? EMPTY; }
  /** Direct dependents of `key` (what waits for it). */
  dependents(key: string): ReadonlySet<string> { return this.rdeps.get(key) ?? EMPTY; }

  /** Every edge as [dependent, dependency]. */
  *edges(): IterableIterator<[string, string]> {
    for (const [k, ds] of this.deps) for (const d of ds) yield [k, d];
  }

  /** Everything `key` depends on, directly or not (Terraform's "ancestors"). */
  ancestors(key: string): Set<string> { return this.reach(key, this.deps); }
  /** Everything that depends on `key`, directly or not (Terraform's "descendants"). */
  descendants(key: string): Set<string> { return this.reach(key, this.rdeps); }

  private reach(start: string, adj: Map<string, Set<string>>): Set<string> {
    const seen = new Set<string>();
    const stack = [start];
    while (stack.length) {
      const k = stack.pop()!;
      for (const n of adj.get(k) ?? EMPTY) {
        if (!seen.has(n)) { seen.add(n); stack.push(n); }
      }
    }
    return seen;
  }

  /** Nodes nothing depends on (the last to run, the first to destroy). */
  roots(): string[] {
    const out: string[] = [];
    for (const [k, r] of this.rdeps) if (r.size === 0) out.push(k);
    return out;
  }
  /** Nodes with no dependencies (the first to run). */
  leaves(): string[] {
    const out: string[] = [];
    for (const [k, d] of this.deps) if (d.size === 0) out.push(k);
    return out;
  }

  /** A copy with every edge reversed (used for destroy ordering). */
  reverse(): Graph<N> {
    const g = new Graph<N>();
    for (const [k, v] of this.nodes) g.add(k, v);
    for (const [a, b] of this.edges()) g.connect(b, a);
    return g;
  }

  /** A copy of this graph (values shared). */
  clone(): Graph<N> {
    const g = new Graph<N>();
    for (const [k, v] of this.nodes) g.add(k, v);
    for (const [a, b] of this.edges()) g.connect(a, b);
    return g;
  }

  /**
   * Removes edges implied by others (a -> c when a -> b -> c), keeping reachability.
   * Costs O(V * E) in the worst case: meant for display (`graph`), not for the hot path.
   * The graph must be acyclic.
   */
  transitiveReduction(): void {
    for (const k of this.nodes.keys()) {
      const direct = this.deps.get(k)!;
      if (direct.size < 2) continue;
      // Anything reachable from a direct dependency through at least one step is redundant.
      const seen = new Set<string>();
      const stack: string[] = [];
      for (const d of direct) for (const n of this.deps.get(d)!) stack.push(n);
      while (stack.length) {
        const n = stack.pop()!;
        if (seen.has(n)) continue;
        seen.add(n);
        for (const m of this.deps.get(n)!) if (!seen.has(m)) stack.push(m);
      }
      for (const d of Array.from(direct)) if (seen.has(d)) this.disconnect(k, d);
    }
  }
}

const EMPTY: ReadonlySet<string> = new Set();
