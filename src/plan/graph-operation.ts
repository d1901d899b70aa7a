/**
 * The operation graphs `terrane graph -type=...` draws, named the way `terraform graph`
 * names them: the configuration graph terrane walks (graph-build.ts), each node called
 * `ADDR (expand)` (root variables plain `var.x`), plus the nodes Terraform adds around
 * it: orphaned instances from state (`ADDR[key] (orphan)`), removed root outputs
 * (`output.x (destroy)`), `module.m (close)`, `provider[...] (close)` and `root`. The
 * result is transitively reduced, as Terraform's is.
 */
import { Graph } from '../graph/dag.js';
import { findCycles } from '../graph/cycles.js';
import { toDot } from '../graph/dot.js';
import type { State } from '../state/index.js';
import type { Config } from '../config/module.js';
import { keys, nodeDisplayName, type BuiltGraph, type EngineNode } from './graph-build.js';
import { staticResourceKey } from '../apply/apply-graph.js';
import { ConfigResource, Module, Resource } from '../addrs/index.js';

/** A node of an operation graph. */
export interface OpNode {
  /** Terraform's vertex name, drawn as `[root] NAME`. */
  name: string;
  /** Set for the nodes Terraform declares with a shape (resources, providers, root variables). */
  shape?: 'box' | 'diamond' | 'note';
  /** The declared label (defaults to the name). */
  label?: string;
  /** The graph key of the provider configuration a resource node uses. */
  provider?: string;
  /** The module the node belongs to (for `module.m (close)`). */
  module?: readonly string[];
  /** For a resource's node (also an orphan's): the resource, as the default `graph` picture names it. */
  resource?: ConfigResource;
}

/** The static path of a module call's own module. */
const inside = (n: EngineNode): readonly string[] | undefined => ('node' in n ? n.node.path : n.cfg.node.path);

/** The operation-graph node for a configuration node. */
export function configOpNode(n: EngineNode, providerKey?: string): OpNode {
  const base = nodeDisplayName(n);
  const module = inside(n);
  switch (n.kind) {
    case 'resource': {
      const resource = new ConfigResource(new Module(n.node.path), new Resource(n.res.mode, n.res.type, n.res.name));
      return { name: `${base} (expand)`, shape: 'box', label: base, provider: providerKey, module, resource };
    }
    case 'provider': return { name: base, shape: 'diamond', module };
    // Root variables are set from outside: Terraform has one node each, not an expansion.
    case 'var': return n.node.path.length === 0 ? { name: base, shape: 'note', module } : { name: `${base} (expand)`, module };
    default: return { name: `${base} (expand)`, module };
  }
}

/**
 * The configuration part of the plan (and apply) graph: every configuration node and
 * edge; a reference to a whole module (`module.m`, also in depends_on) waits for
 * `module.m (close)`.
 */
export function configOperationGraph(built: BuiltGraph): Graph<OpNode> {
  const cfg = built.graph;
  const g = new Graph<OpNode>();
  for (const [k, n] of cfg.entries()) g.add(k, configOpNode(n, n.kind === 'resource' ? keys.provider(n.provider.toString()) : undefined));
  for (const [a, b] of cfg.edges()) g.connect(a, b);
  addModuleClosers(g, cfg);
  for (const [from, call] of built.moduleRefs) if (g.has(from) && g.has(closeKey(call))) g.connect(from, closeKey(call));
  return g;
}

const closeKey = (modcallKey: string) => `close:${modcallKey}`;

/** `module.m (close)` per module call: it waits for everything inside the module. */
function addModuleClosers(g: Graph<OpNode>, cfg: Graph<EngineNode>): void {
  for (const [k, n] of cfg.entries()) {
    if (n.kind !== 'modcall') continue;
    g.add(closeKey(k), { name: `${nodeDisplayName(n)} (close)`, module: n.node.path });
    g.connect(closeKey(k), k);
  }
  for (const [k, n] of cfg.entries()) {
    if (n.kind !== 'modcall') continue;
    const path = [...n.node.path, n.name];
    for (const [ok, on] of g.entries()) {
      const m = on.module;
      if (ok === closeKey(k) || !m || m.length < path.length || !path.every((s, i) => m[i] === s)) continue;
      g.connect(closeKey(k), ok);
    }
  }
}

/**
 * Resources in state that the configuration no longer has: one `ADDR (orphan)` node per
 * instance, using the provider recorded in state.
 */
export function addOrphans(g: Graph<OpNode>, state: State): void {
  for (const { addr, resource, instance } of state.instances()) {
    if (!instance.current) continue;
    if (g.has(staticResourceKey(addr.containingResource().config()))) continue;
    const pk = ensureProvider(g, resource.provider.toString());
    const k = `orphan:${addr.toString()}`;
    const configAddr = addr.containingResource().config();
    const module = configAddr.module.names;
    g.add(k, { name: `${addr.toString()} (orphan)`, shape: 'box', label: configAddr.toString(), provider: pk, module, resource: configAddr });
    g.connect(k, pk);
    // Inside a module the configuration still calls, the orphan waits for the module's
    // expansion, and the module's closing (and its callers') waits for the orphan.
    for (let i = 1; i <= module.length; i++) {
      const call = keys.modcall({ path: module.slice(0, i - 1) } as never, module[i - 1]!);
      if (i === module.length && g.has(call)) g.connect(k, call);
      if (g.has(closeKey(call))) g.connect(closeKey(call), k);
    }
  }
}

/** The provider node for an address, added when no configuration node uses it. */
export function ensureProvider(g: Graph<OpNode>, addr: string): string {
  const pk = keys.provider(addr);
  if (!g.has(pk)) g.add(pk, { name: addr, shape: 'diamond' });
  return pk;
}

/** Root outputs recorded in state that the configuration dropped: `output.x (destroy)`. */
export function addRemovedOutputs(g: Graph<OpNode>, state: State, config: Config): void {
  for (const name of state.outputs.keys()) {
    if (config.root.module.outputs.has(name)) continue;
    g.add(`outdestroy:${name}`, { name: `output.${name} (destroy)`, shape: 'note', label: `output.${name} (destroy)` });
  }
}

/**
 * Adds `provider (close)` nodes (after the provider and everything using it) and `root`
 * (after everything), then reduces the graph as Terraform does unless it has cycles.
 * Returns the cycles found (each a list of keys).
 */
export function finishOperationGraph(g: Graph<OpNode>): string[][] {
  const users = new Map<string, string[]>();
  for (const [k, n] of g.entries()) if (n.provider) users.set(n.provider, [...(users.get(n.provider) ?? []), k]);
  for (const [k, n] of [...g.entries()]) {
    if (n.shape !== 'diamond') continue;
    const ck = `close:${k}`;
    g.add(ck, { name: `${n.name} (close)` });
    g.connect(ck, k);
    for (const u of users.get(k) ?? []) g.connect(ck, u);
  }
  const tops = g.roots();
  g.add('root', { name: 'root' });
  for (const k of tops) g.connect('root', k);
  const cycles = findCycles(g);
  if (cycles.length === 0) g.transitiveReduction();
  return cycles;
}

/** DOT text of an operation graph; with `cycles`, their edges are drawn red as -draw-cycles asks. */
export function operationDot(g: Graph<OpNode>, cycles: readonly string[][] = []): string {
  const comp = new Map<string, number>();
  cycles.forEach((c, i) => { for (const k of c) comp.set(k, i); });
  return toDot(g, {
    id: (k) => `[root] ${g.get(k)!.name}`,
    label: (k) => g.get(k)!.label ?? g.get(k)!.name,
    shape: (k) => g.get(k)!.shape ?? 'box',
    declare: (k) => g.get(k)!.shape !== undefined,
    edgeAttrs: (a, b) => (comp.has(a) && comp.get(a) === comp.get(b) ? '[color = "red", penwidth = "2.0"]' : undefined),
  });
}

/** The names of a cycle's nodes, as Terraform's `Cycle: ...` error lists them. */
export function cycleNames(g: Graph<OpNode>, cycle: readonly string[]): string {
  return cycle.map((k) => g.get(k)?.name ?? k).sort().join(', ');
}
