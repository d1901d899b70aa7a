/**
 * A directed graph keyed by strings, used as a DAG of work. An edge `a -> b` means "a
 * depends on b" (b must happen first), which is Terraform's convention and how
 * `terraform graph` draws arrows.
 */

/**
 * A node's neighbours. Most nodes have a handful, so they are a plain array (a Set costs
 * about four times the memory, and a 100k-node graph holds two per node); past
 * `SMALL` entries they become a Set, so nodes with many neighbours (a provider, a
 * variable used everywhere) still add and remove edges in constant time.
 */
type Adjacent = string[] | Set<string>;
const SMALL = 16;

interface Entry<N> {
  /** The node's key as first added: edges hold this string, not the caller's equal copies. */
  readonly key: string;
  value: N;
  /** Keys this node depends on (created on the first edge). */
  deps?: Adjacent;
  /** Keys that depend on this node (created on the first edge). */
  rdeps?: Adjacent;
}

function adjHas(a: Adjacent | undefined, k: string): boolean {
  return a === undefined ? false : Array.isArray(a) ? a.includes(k) : a.has(k);
}
/** Adds `k` (known to be absent); returns the list to store, which may have become a Set. */
function adjAdd(a: Adjacent | undefined, k: string): Adjacent {
  if (a === undefined) return [k];
  if (!Array.isArray(a)) return a.add(k);
  // concat allocates exactly what it needs; push would reserve room for 16 more.
  if (a.length < SMALL) return a.concat(k);
  return new Set(a).add(k);
}
function adjDelete(a: Adjacent | undefined, k: string): boolean {
  if (a === undefined) return false;
  if (!Array.isArray(a)) return a.delete(k);
  const i = a.indexOf(k);
  if (i < 0) return false;
  a.splice(i, 1);
  return true;
}
function adjSize(a: Adjacent | undefined): number {
  return a === undefined ? 0 : Array.isArray(a) ? a.length : a.size;
}

/** A graph of nodes with values of type `N`, identified by string keys. */
export class Graph<N = unknown> {
  private readonly nodes = new Map<string, Entry<N>>();
  private edgeCount = 0;
  private changes = 0;

  /**
   * Changes when a node or an edge is added or removed (not when a value is replaced):
   * lets the indexed form (indexed.ts) be built once for the checks and walks of one graph.
   */
  get version(): number { return this.changes; }

  /** Adds a node (or replaces its value), keeping its edges. */
  add(key: string, value: N): this {
    const e = this.nodes.get(key);
    if (e) e.value = value;
    else {
      // Every field from the start: V8 then keeps them inside the object (no separate property store).
      this.nodes.set(key, { key, value, deps: undefined, rdeps: undefined });
      this.changes++;
    }
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
    if (e.deps) for (const d of e.deps) { adjDelete(this.nodes.get(d)!.rdeps, key); this.edgeCount--; }
    if (e.rdeps) for (const r of e.rdeps) { adjDelete(this.nodes.get(r)!.deps, key); this.edgeCount--; }
    this.nodes.delete(key);
    this.changes++;
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
    if (!adjHas(a.deps, dependency)) {
      a.deps = adjAdd(a.deps, b.key);
      b.rdeps = adjAdd(b.rdeps, a.key);
      this.edgeCount++;
      this.changes++;
    }
    return this;
  }

  /** Removes the edge `dependent -> dependency` if present. */
  disconnect(dependent: string, dependency: string): boolean {
    const a = this.nodes.get(dependent);
    if (!a || !adjDelete(a.deps, dependency)) return false;
    adjDelete(this.nodes.get(dependency)!.rdeps, dependent);
    this.edgeCount--;
    this.changes++;
    return true;
  }

  hasEdge(dependent: string, dependency: string): boolean {
    return adjHas(this.nodes.get(dependent)?.deps, dependency);
  }

  /** Direct dependencies of `key` (what must happen before it), each once. */
  dependencies(key: string): Iterable<string> { return this.nodes.get(key)?.deps ?? EMPTY; }
  /** Direct dependents of `key` (what waits for it), each once. */
  dependents(key: string): Iterable<string> { return this.nodes.get(key)?.rdeps ?? EMPTY; }
  /** How many direct dependencies `key` has. */
  dependencyCount(key: string): number { return adjSize(this.nodes.get(key)?.deps); }
  /** How many direct dependents `key` has. */
  dependentCount(key: string): number { return adjSize(this.nodes.get(key)?.rdeps); }

  /** Every edge as [dependent, dependency]. */
  *edges(): IterableIterator<[string, string]> {
    for (const [k, e] of this.nodes) if (e.deps) for (const d of e.deps) yield [k, d];
  }

  /** Everything `key` depends on, directly or not (Terraform's "ancestors"). */
  ancestors(key: string): Set<string> { return this.reach([key], (e) => e.deps); }
  /** Everything any of `keys` depends on, directly or not (the keys themselves only when one depends on another). */
  ancestorsOf(keys: Iterable<string>): Set<string> { return this.reach(keys, (e) => e.deps); }
  /** Everything that depends on `key`, directly or not (Terraform's "descendants"). */
  descendants(key: string): Set<string> { return this.reach([key], (e) => e.rdeps); }

  private reach(starts: Iterable<string>, adj: (e: Entry<N>) => Adjacent | undefined): Set<string> {
    const seen = new Set<string>();
    const stack = [...starts];
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
    for (const [k, e] of this.nodes) if (adjSize(e.rdeps) === 0) out.push(k);
    return out;
  }
  /** Nodes with no dependencies (the first to run). */
  leaves(): string[] {
    const out: string[] = [];
    for (const [k, e] of this.nodes) if (adjSize(e.deps) === 0) out.push(k);
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
      if (this.dependencyCount(k) < 2) continue;
      const direct = this.dependencies(k);
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

const EMPTY: readonly string[] = Object.freeze([]);
