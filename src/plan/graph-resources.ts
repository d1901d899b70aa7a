/**
 * The picture `terraform graph` draws without -type: only the resources, each linked to
 * the resources it waits for. As Terraform does, it starts from the plan graph (the one
 * `-type=plan` draws), drops every other node while linking its dependents to its
 * dependencies (so an edge through a local, variable, output or module call survives),
 * reduces the result transitively, and merges the nodes of one resource (an orphan's
 * instances) into one node named by the resource's configuration address.
 */
import { Graph } from '../graph/dag.js';
import { findCycles } from '../graph/cycles.js';
import { goQuote } from '../hcl/go-format.js';
import type { ConfigResource } from '../addrs/index.js';
import type { OpNode } from './graph-operation.js';

/** The resources of a plan graph and the direct dependencies among them. */
export function resourceGraph(plan: Graph<OpNode>): Graph<ConfigResource> {
  const g = plan.clone();
  for (const [k, n] of [...g.entries()]) {
    if (n.resource) continue;
    const dependents = [...g.dependents(k)];
    const dependencies = [...g.dependencies(k)];
    for (const a of dependents) for (const b of dependencies) if (a !== b) g.connect(a, b);
    g.remove(k);
  }
  // Terraform reduces even a cyclic graph (with -draw-cycles); its result then depends on
  // its map order, so terrane keeps a cycle's edges as they are.
  if (findCycles(g).length === 0) g.transitiveReduction();
  const out = new Graph<ConfigResource>();
  for (const [, n] of g.entries()) out.add(n.resource!.toString(), n.resource!);
  for (const [a, b] of g.edges()) {
    const from = g.get(a)!.resource!.toString(), to = g.get(b)!.resource!.toString();
    if (from !== to) out.connect(from, to);
  }
  return out;
}

/** Terraform's order: by module path, then data sources before the rest, then type and name. */
function compareResources(a: ConfigResource, b: ConfigResource): number {
  const am = a.module.toString(), bm = b.module.toString();
  if (am !== bm) return am < bm ? -1 : 1;
  const ar = a.resource, br = b.resource;
  if (ar.mode !== br.mode && (ar.mode === 'data' || br.mode === 'data')) return ar.mode === 'data' ? -1 : 1;
  if (ar.type !== br.type) return ar.type < br.type ? -1 : 1;
  return ar.name < br.name ? -1 : ar.name > br.name ? 1 : 0;
}

/**
 * The DOT text of a resource graph, laid out as Terraform's: right to left, one cluster per
 * module (labelled with the module path, nodes with their address inside it), then the
 * edges in node order.
 */
export function resourceDot(g: Graph<ConfigResource>): string {
  const lines = ['digraph G {', '  rankdir = "RL";', '  node [shape = rect, fontname = "sans-serif"];'];
  const order = [...g.entries()].map(([, r]) => r).sort(compareResources);
  if (order.length === 0) {
    // Terraform's note, naming this command instead (the closing marks stay aligned).
    lines.push('  /* This configuration does not contain any resources.         */');
    lines.push('  /* For a more detailed graph, try: terrane graph -type=plan   */');
  }
  let module = '';
  for (const r of order) {
    const m = r.module.toString();
    if (m !== module) {
      if (module !== '') lines.push('  }');
      module = m;
      lines.push(`  subgraph ${goQuote(`cluster_${m}`)} {`, `    label = ${goQuote(m)}`, '    fontname = "sans-serif"');
    }
    lines.push(`${module === '' ? '  ' : '    '}${goQuote(r.toString())} [label=${goQuote(r.resource.toString())}];`);
  }
  if (module !== '') lines.push('  }');
  for (const from of order) {
    const deps = new Set(g.dependencies(from.toString()));
    for (const to of order) if (deps.has(to.toString())) lines.push(`  ${goQuote(from.toString())} -> ${goQuote(to.toString())};`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}
