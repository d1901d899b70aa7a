/**
 * The apply graph of a saved plan as `terrane graph -plan=FILE` draws it: terrane's apply
 * graph (apply-graph.ts: configuration nodes plus one destroy node per resource with
 * deletions) spread out to Terraform's instance nodes: `ADDR[key]` for each object created
 * or updated, `ADDR[key] (destroy)` for each deleted, `ADDR (destroy deposed KEY)` for the
 * old object of a create_before_destroy replacement. An edge to or from a resource is
 * drawn to or from its changing instances.
 */
import type { Graph } from '../graph/dag.js';
import { parseAbsResourceInstance } from '../addrs/index.js';
import type { State } from '../state/index.js';
import type { Config } from '../config/module.js';
import type { Plan } from './plan.js';
import { buildApplyGraph, preallocateDeposedKeys, staticKeyOfInstance, staticResourceKey } from '../apply/apply-graph.js';
import type { BuiltGraph } from './graph-build.js';
import { addRemovedOutputs, configOperationGraph, ensureProvider, type OpNode } from './graph-operation.js';

const CREATES = new Set(['create', 'update', 'delete-then-create', 'create-then-delete', 'read']);
const DELETES = new Set(['delete', 'delete-then-create', 'create-then-delete', 'forget']);

/** The apply graph of `plan` (a normal or refresh-only plan) made against `prior`. */
export function applyOperationGraph(built: BuiltGraph, config: Config, plan: Plan, prior: State): Graph<OpNode> {
  const cfg = built.graph;
  const g = configOperationGraph(built);
  addRemovedOutputs(g, prior, config);
  const applyGraph = buildApplyGraph(cfg, plan, prior);
  const deposed = preallocateDeposedKeys(plan, prior);
  const insts = new Map<string, string[]>();
  const instKey = new Map<string, number | string | null>();
  // The module instance of each instance node (`module.m[0]`), by node key.
  const moduleOf = new Map<string, string>();
  const destroys = new Map<string, string[]>();
  // The instance node a destroy node replaces, and what a create_before_destroy destroy waits for.
  const sameAddr = new Map<string, string>();
  const cbdWaits: [string, string][] = [];
  const push = (m: Map<string, string[]>, k: string, v: string) => m.set(k, [...(m.get(k) ?? []), v]);
  for (const c of plan.changes) {
    const rk = staticKeyOfInstance(c.addr);
    const addr = parseAbsResourceInstance(c.addr).value;
    if (!rk || !addr) continue;
    const label = addr.containingResource().config().toString();
    const pk = ensureProvider(g, c.providerAddr);
    const module = addr.module.module().names;
    if (CREATES.has(c.action) && !c.deposedKey) {
      const k = `inst:${c.addr}`;
      g.add(k, { name: c.addr, shape: 'box', label, provider: pk, module });
      if (g.has(rk)) g.connect(k, rk);
      push(insts, rk, k);
      instKey.set(k, addr.resource.key);
      moduleOf.set(k, addr.module.toString());
    }
    if (DELETES.has(c.action)) {
      const dk = c.deposedKey ?? (c.action === 'create-then-delete' ? deposed.get(c.addr) : undefined);
      const k = `destroy:${c.addr}${dk ? ':' + dk : ''}`;
      g.add(k, { name: dk ? `${c.addr} (destroy deposed ${dk})` : `${c.addr} (destroy)`, shape: 'box', label, provider: pk, module });
      g.connect(k, pk);
      push(destroys, `destroy:${rk}`, k);
      moduleOf.set(k, addr.module.toString());
      if (CREATES.has(c.action)) sameAddr.set(k, `inst:${c.addr}`);
      // The old object of a create_before_destroy replacement goes after what it depended
      // on has been created or updated (terrane's walk orders it through the new object).
      if (c.action === 'create-then-delete') for (const d of prior.current(addr)?.dependencies ?? []) cbdWaits.push([k, staticResourceKey(d)]);
    }
  }
  // Modules each node waits for as a whole: their `(close)` node already covers their instances.
  const wholeModules = new Map<string, string[][]>();
  for (const [from, call] of built.moduleRefs) {
    const n = cfg.get(call);
    if (n?.kind === 'modcall') wholeModules.set(from, [...(wholeModules.get(from) ?? []), [...n.node.path, n.name]]);
  }
  const insideWhole = (a: string, b: string): boolean => {
    const n = cfg.get(b);
    return n?.kind === 'resource' && (wholeModules.get(a) ?? []).some((p) => p.every((s, i) => n.node.path[i] === s));
  };
  // As Terraform, instances of two resources of one module are ordered only within the
  // same module instance: module.m[0].a waits for nothing of module.m[1].
  const otherModuleInstance = (a: string, b: string): boolean => {
    const ma = moduleOf.get(a), mb = moduleOf.get(b);
    return ma !== undefined && mb !== undefined && ma !== mb && g.get(a)!.module!.join('.') === g.get(b)!.module!.join('.');
  };
  // What stands for a node of terrane's apply graph: its changing instances when it has some.
  const as = (k: string, m: Map<string, string[]>): string[] => m.get(k) ?? (g.has(k) ? [k] : []);
  for (const [a, b] of applyGraph.edges()) {
    // A configuration node waits for the instances it refers to; an instance replaced
    // destroy-first is created after its destroy node.
    const from = a.startsWith('destroy:') ? destroys.get(a) ?? [] : b.startsWith('destroy:') ? as(a, insts) : g.has(a) ? [a] : [];
    let to = b.startsWith('destroy:') ? destroys.get(b) ?? [] : as(b, insts);
    // `b[0]` read by a configuration node: only that instance.
    const only = !a.startsWith('destroy:') && !b.startsWith('destroy:') ? built.instanceRefs?.get(a)?.get(b) : undefined;
    if (only) to = to.filter((k) => !instKey.has(k) || only.has(instKey.get(k)!));
    if (!a.startsWith('destroy:') && !b.startsWith('destroy:') && insideWhole(a, b)) to = [b];
    // A resource's own destroy and create nodes pair up instance by instance.
    const own = a === `destroy:${b}` || b === `destroy:${a}`;
    for (const f of from) {
      for (const t of to) if (f !== t && (!own || sameAddr.get(f) === t || sameAddr.get(t) === f) && !otherModuleInstance(f, t)) g.connect(f, t);
    }
  }
  for (const [k, rk] of cbdWaits) for (const t of insts.get(rk) ?? []) if (!otherModuleInstance(k, t)) g.connect(k, t);
  return g;
}
