/**
 * A directed graph keyed by strings, used as a DAG of work. An edge `a -> b` means "a
 * depends on b" (b must happen first), which is Terraform's convention and how
 * `terraform graph` draws arrows.
 */

interface Entry<N> {
  value: N;
  /** Keys this node depends on (created on the first edge). */
  deps?: Set<string>;
  /** Keys that depend on this node (created on the first edge). */
  rdeps?: Set<string>;
}

/** A graph of nodes with values of type `N`, identified by string keys. */
export class Graph<N = unknown> {
  private readonly nodes = new Map<string, Entry<N>>();
  private edgeCount = 0;

  /** Adds a node (or replaces its value), keeping its edges. */
  add(key: string, value: N): this {
    const e = this.nodes.get(key);
    if (e) e.value = value;
    else this.nodes.set(key, { value });
    return this;
  }

  has(key: string): boolean { return this.nodes.has(key); }
  get(key: string): N | undefined { return this.nodes.get(key)?.value; }
  get size(): number { return this.nodes.size; }
  get edgeSize(): number { return this.edgeCount; }

  /** Node keys in insertion order. */
  keys(): IterableIterator<string> { return this.nodes.keys(); }
  /** [key, value] pairs in insertion order. */
  *entries(): IterableIterator<[string, N]> {
    for (const [k, e] of this.nodes) yield [k, e.value];
  }

  /** Removes a node and every edge touching it. */
  remove(key: string): boolean {
    const e = this.nodes.get(key);
    if (!e) return false;
    if (e.deps) for (const d of e.deps) { this.nodes.get(d)!.rdeps!.delete(key); this.edgeCount--; }
    if (e.rdeps) for (const r of e.rdeps) { this.nodes.get(r)!.deps!.delete(key); this.edgeCount--; }
    this.nodes.delete(key);
    return true;
  }

  /**
   * Records that `dependent` depends on `dependency`. Both must already be nodes;
   * duplicate edges are ignored. A self-edge is allowed (and is a cycle).
   */
  connect(dependent: string, dependency: string): this {
    const a = this.nodes.get(dependent);
    const b = this.nodes.get(dependency);
    if (!a || !b) throw new Error(`graph: connect(${dependent}, ${dependency}) names a missing node`);
    const out = (a.deps ??= new Set());
    if (!out.has(dependency)) {
      out.add(dependency);
      (b.rdeps ??= new Set()).add(dependent);
      this.edgeCount++;
    }
    return this;
  }

  /** Removes the edge `dependent -> dependency` if present. */
  disconnect(dependent: string, dependency: string): boolean {
    const a = this.nodes.get(dependent);
    if (!a?.deps?.delete(dependency)) return false;
    this.nodes.get(dependency)!.rdeps!.delete(dependent);
    this.edgeCount--;
    return true;
  }

  hasEdge(dependent: string, dependency: string): boolean {
    return this.nodes.get(dependent)?.deps?.has(dependency) ?? false;
  }

  /** Direct dependencies of `key` (what must happen before it). */
  dependencies(key: string): ReadonlySet<string> { return this.nodes.get(key)?.deps ?? EMPTY; }
  /** Direct dependents of `key` (what waits for it). */
  dependents(key: string): ReadonlySet<string> { return this.nodes.get(key)?.rdeps ?? EMPTY; }

  /** Every edge as [dependent, dependency]. */
  *edges(): IterableIterator<[string, string]> {
    for (const [k, e] of this.nodes) if (e.deps) for (const d of e.deps) yield [k, d];
  }

  /** Everything `key` depends on, directly or not (Terraform's "ancestors"). */
  ancestors(key: string): Set<string> { return this.reach(key, (e) => e.deps); }
  /** Everything that depends on `key`, directly or not (Terraform's "descendants"). */
  descendants(key: string): Set<string> { return this.reach(key, (e) => e.rdeps); }

  private reach(start: string, adj: (e: Entry<N>) => Set<string> | undefined): Set<string> {
    const seen = new Set<string>();
    const stack = [start];
    while (stack.length) {
      const e = this.nodes.get(stack.pop()!);
      const next = e && adj(e);
      if (!next) continue;
      for (const n of next) {
        if (!seen.has(n)) { seen.add(n); stack.push(n); }
      }
    }
    return seen;
  }

  /** Nodes nothing depends on (the last to run, the first to destroy). */
  roots(): string[] {
    const out: string[] = [];
    for (const [k, e] of this.nodes) if (!e.rdeps?.size) out.push(k);
    return out;
  }
  /** Nodes with no dependencies (the first to run). */
  leaves(): string[] {
    const out: string[] = [];
    for (const [k, e] of this.nodes) if (!e.deps?.size) out.push(k);
    return out;
  }

  /** A copy with every edge reversed (used for destroy ordering). */
  reverse(): Graph<N> {
    const g = new Graph<N>();
    for (const [k, e] of this.nodes) g.add(k, e.value);
    for (const [a, b] of this.edges()) g.connect(b, a);
    return g;
  }

  /** A copy of this graph (values shared). */
  clone(): Graph<N> {
    const g = new Graph<N>();
    for (const [k, e] of this.nodes) g.add(k, e.value);
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
      const direct = this.dependencies(k);
      if (direct.size < 2) continue;
      // Anything reachable from a direct dependency through at least one step is redundant.
      const seen = new Set<string>();
      const stack: string[] = [];
      for (const d of direct) for (const n of this.dependencies(d)) stack.push(n);
      while (stack.length) {
        const n = stack.pop()!;
        if (seen.has(n)) continue;
        seen.add(n);
        for (const m of this.dependencies(n)) if (!seen.has(m)) stack.push(m);
      }
      for (const d of Array.from(direct)) if (seen.has(d)) this.disconnect(k, d);
    }
  }
}

const EMPTY: ReadonlySet<string> = new Set();
