/**
 * The apply graph: the configuration graph plus a destroy node per resource that has
 * objects to delete, ordered the way Terraform orders destruction: dependents are
 * destroyed before what they depend on; a destroy-then-create replacement deletes before
 * it creates; create_before_destroy creates (and updates dependents) before deleting;
 * otherwise an object deleted goes before what it depended on, and what its state says
 * depends on it, is created or updated.
 */
import type { Graph } from '../graph/dag.js';
import type { Plan, ResourceInstanceChange } from '../plan/plan.js';
import { keys, nodeDisplayName, type EngineNode } from '../plan/graph-build.js';
import { resourceDependencies } from '../plan/resource-dependencies.js';
import { newDeposedKey, type State } from '../state/index.js';
import { parseAbsResourceInstance, type ConfigResource } from '../addrs/index.js';

/** A node of the apply graph: a configuration node, or the deletions of one resource. */
export type ApplyNode =
  | EngineNode
  | { kind: 'destroy'; resourceKey: string; changes: ResourceInstanceChange[] };

/** The static graph key of a resource given its configuration address. */
export function staticResourceKey(cr: ConfigResource): string {
  const r = cr.resource;
  return keys.resource({ path: cr.module.names as string[] } as never, { mode: r.mode, type: r.type, name: r.name });
}

/** The static key of the resource an instance address belongs to. */
export function staticKeyOfInstance(addr: string): string | undefined {
  const p = parseAbsResourceInstance(addr).value;
  if (!p) return undefined;
  return staticResourceKey(p.containingResource().config());
}

/** Builds the apply graph from the configuration graph and the plan. */
export function buildApplyGraph(config: Graph<EngineNode>, plan: Plan, state: State): Graph<ApplyNode> {
  const g = config.clone() as unknown as Graph<ApplyNode>;
  const destroyKey = (rk: string) => `destroy:${rk}`;
  const deletions = new Map<string, ResourceInstanceChange[]>();
  const dtc = new Set<string>(), cbd = new Set<string>(), creating = new Set<string>();
  for (const c of plan.changes) {
    const rk = staticKeyOfInstance(c.addr);
    if (!rk) continue;
    // A forgotten object leaves the state where a destroyed one would.
    if (c.action === 'delete' || c.action === 'delete-then-create' || c.action === 'create-then-delete' || c.action === 'forget') {
      const list = deletions.get(rk) ?? [];
      list.push(c);
      deletions.set(rk, list);
    }
    if (c.action === 'create' || c.action === 'update' || c.action === 'delete-then-create' || c.action === 'create-then-delete') creating.add(rk);
    if (c.action === 'delete-then-create') dtc.add(rk);
    if (c.action === 'create-then-delete') cbd.add(rk);
  }
  for (const [rk, changes] of deletions) {
    g.add(destroyKey(rk), { kind: 'destroy', resourceKey: rk, changes });
    // Orphans need their provider configured first.
    const provider = `provider:${changes[0]!.providerAddr}`;
    if (g.has(provider)) g.connect(destroyKey(rk), provider);
    if (dtc.has(rk) && g.has(rk)) g.connect(rk, destroyKey(rk));
    if (cbd.has(rk) && g.has(rk)) g.connect(destroyKey(rk), rk);
  }
  // Who depends on whom, from configuration and from the dependencies recorded in state.
  const dependents = new Map<string, Set<string>>();
  const addDep = (dependent: string, dependency: string) => {
    if (dependent === dependency) return;
    let s = dependents.get(dependency);
    if (!s) { s = new Set(); dependents.set(dependency, s); }
    s.add(dependent);
  };
  for (const k of config.keys()) {
    const n = config.get(k)!;
    if (n.kind !== 'resource') continue;
    for (const d of resourceDependencies(config, k)) addDep(k, staticResourceKey(d));
  }
  // What each object being deleted depended on, by its state record; and who depends on
  // a resource by their state records (Terraform orders destruction by these alone).
  const recorded = new Map<string, Set<string>>();
  const stateDependents = new Map<string, Set<string>>();
  for (const { addr, instance } of state.instances()) {
    const obj = instance.current ?? [...instance.deposed.values()][0];
    if (!obj) continue;
    const rk = staticResourceKey(addr.containingResource().config());
    for (const dep of obj.dependencies) {
      addDep(rk, staticResourceKey(dep));
      const dk = staticResourceKey(dep);
      if (dk !== rk) {
        let s = stateDependents.get(dk);
        if (!s) { s = new Set(); stateDependents.set(dk, s); }
        s.add(rk);
      }
      if (deletions.has(rk)) {
        let s = recorded.get(rk);
        if (!s) { s = new Set(); recorded.set(rk, s); }
        s.add(staticResourceKey(dep));
      }
    }
  }
  for (const [rk, changes] of deletions) {
    // An object deleted with create_before_destroy (a replacement, or an orphan whose state
    // says so) goes after its dependents are updated to stop using it.
    const late = cbd.has(rk) || changes.some((c) => c.action === 'delete' && createBeforeDestroyInState(state, c.addr));
    for (const dependent of dependents.get(rk) ?? []) {
      if (g.has(destroyKey(dependent))) g.connect(destroyKey(rk), destroyKey(dependent));
      if (late && g.has(dependent) && plan.mode !== 'destroy') g.connect(destroyKey(rk), dependent);
    }
    if (late || plan.mode === 'destroy') continue;
    // Otherwise, as Terraform orders it, what is created or updated while its state records
    // a dependency on the resource waits for the deletion (the old object goes first).
    for (const dependent of stateDependents.get(rk) ?? []) {
      if (!creating.has(dependent) || !g.has(dependent) || g.ancestors(destroyKey(rk)).has(dependent)) continue;
      g.connect(dependent, destroyKey(rk));
    }
  }
  // An object deleted outright (or replaced destroy-first) goes before what it depended on
  // is created or updated, as Terraform orders it: the old object may still use the old
  // value. Skipped where that order would contradict one already there (a changed dependency).
  if (plan.mode !== 'destroy') {
    for (const [rk, deps] of recorded) {
      if (cbd.has(rk)) continue;
      for (const d of deps) {
        if (!creating.has(d) || !g.has(d) || d === rk) continue;
        if (g.ancestors(destroyKey(rk)).has(d)) continue;
        g.connect(d, destroyKey(rk));
      }
    }
  }
  return g;
}

/** Whether the current object of the instance at `addr` was created with create_before_destroy. */
function createBeforeDestroyInState(state: State, addr: string): boolean {
  const a = parseAbsResourceInstance(addr).value;
  return a !== undefined && state.current(a)?.createBeforeDestroy === true;
}

/**
 * The deposed key each create_before_destroy replacement will move its current object to,
 * by instance address, chosen before the apply starts as Terraform does, so the destroy
 * of that object can be named (`terraform_data.a (destroy deposed 7b430506)`) up front.
 */
export function preallocateDeposedKeys(plan: Plan, state: State): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of plan.changes) {
    if (c.action !== 'create-then-delete') continue;
    const addr = parseAbsResourceInstance(c.addr).value;
    const inst = addr && state.instance(addr);
    if (!inst?.current) continue;
    let key = newDeposedKey();
    while (inst.deposed.has(key)) key = newDeposedKey();
    out.set(c.addr, key);
  }
  return out;
}

/**
 * What Terraform's apply graph calls a node, for a `Cycle: ...` error: the resource
 * address for a configuration node, and per instance `ADDR (destroy)` or, for a
 * create_before_destroy replacement, `ADDR (destroy deposed KEY)` for a destroy node.
 */
export function applyNodeName(g: Graph<ApplyNode>, key: string, deposedKeys: ReadonlyMap<string, string>): string {
  const n = g.get(key);
  if (!n) return key;
  if (n.kind !== 'destroy') return nodeDisplayName(n);
  return n.changes.map((c) => {
    const dk = c.action === 'create-then-delete' ? deposedKeys.get(c.addr) : undefined;
    return dk ? `${c.addr} (destroy deposed ${dk})` : `${c.addr} (destroy)`;
  }).join(', ');
}
