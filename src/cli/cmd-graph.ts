/** `terrane graph [-type=plan|apply|plan-destroy] [-draw-cycles]`: the dependency graph in DOT, Terraform's node names. */
import { hasErrors } from '../hcl/diagnostic.js';
import { buildGraph, nodeDisplayName, type EngineNode } from '../plan/graph-build.js';
import { ProviderResolver } from '../plan/provider-resolve.js';
import { toDot } from '../graph/dot.js';
import { Graph } from '../graph/dag.js';
import { flagsHelp, parseFlags } from './flags.js';
import type { CommandIO } from './io.js';
import { emitDiags, openWorkdir, useColor } from './ui.js';

const SPEC = {
  plan: { type: 'string' as const, arg: 'tfplan', help: 'Render graph using the specified plan file instead of the configuration in the current directory. Implies -type=apply.' },
  'draw-cycles': { type: 'bool' as const, help: 'Highlight any cycles in the graph with colored edges. This helps when diagnosing cycle errors. This option is supported only when illustrating a real evaluation graph, selected using the -type=TYPE option.' },
  type: { type: 'string' as const, arg: 'TYPE', help: 'Type of operation graph to output. Can be: plan, plan-refresh-only, plan-destroy, or apply. By default terrane just summarizes the relationships between the resources in your configuration, without any particular operation in mind.' },
  'module-depth': { type: 'int' as const, default: -1, arg: 'n', help: '(deprecated) In prior versions of terrane, specified the depth of modules to show in the output.' },
  'no-color': { type: 'bool' as const },
  help: { type: 'bool' as const },
};

const USAGE = `Usage: terrane [global options] graph [options]

  Produces a representation of the dependency graph between different
  objects in the current configuration and state.

  By default the graph shows a summary only of the relationships between
  resources in the configuration, since those are the main objects that
  have side-effects whose ordering is significant. You can generate more
  detailed graphs reflecting terrane's actual evaluation strategy
  by specifying the -type=TYPE option to select an operation type.

  The graph is presented in the DOT language. The typical program that can
  read this format is GraphViz, but many web services are also available
  to read this format.

Options:

`;

const TYPES = new Set(['plan', 'plan-refresh-only', 'plan-destroy', 'apply']);

/** Runs `terrane graph`. */
export async function run(args: string[], io: CommandIO): Promise<number> {
  const p = parseFlags(args, SPEC);
  if (p.error) { io.stderr.write(`${p.error}\n\n${USAGE}${flagsHelp(SPEC)}`); return 1; }
  if (p.flags.help) { io.stdout.write(USAGE + flagsHelp(SPEC)); return 0; }
  const color = useColor(p, io);
  const type = typeof p.flags.type === 'string' ? p.flags.type : '';
  if (type && !TYPES.has(type)) {
    io.stderr.write(`Invalid graph type requested: ${type}\n`);
    return 1;
  }
  const wd = await openWorkdir(io, p, color);
  if (!wd) return 1;
  try {
    const resolver = new ProviderResolver(wd.config);
    const built = buildGraph(wd.config, resolver, wd.providers);
    const diags = built.diags;
    const graph = type === '' ? resourceSummary(built.graph) : built.graph;
    if (hasErrors(diags) && !p.flags['draw-cycles']) { emitDiags(io, diags, wd.config.sources, color); return 1; }
    const node = (k: string): EngineNode | undefined => graph.get(k);
    // Without -type, Terraform summarizes only the resources and their relationships.
    const include = (k: string): boolean => type !== '' || node(k)?.kind === 'resource';
    const name = (k: string): string => {
      const n = node(k);
      if (!n) return k;
      const base = nodeDisplayName(n);
      if (type === '') return base;
      if (n.kind === 'resource' || n.kind === 'modcall') return `${base} (expand)`;
      if (n.kind === 'provider') return base;
      return `${base} (expand)`;
    };
    const dot = toDot(graph, {
      include,
      id: (k) => `[root] ${name(k)}`,
      label: (k) => name(k),
      shape: (k) => {
        const n = node(k);
        return n?.kind === 'provider' ? 'diamond' : n?.kind === 'output' || n?.kind === 'local' ? 'note' : 'box';
      },
    });
    io.stdout.write(dot);
    return 0;
  } finally { await wd.close(); }
}

/** Only the resources, each linked to the nearest resources it depends on through any other nodes. */
function resourceSummary(g: Graph<EngineNode>): Graph<EngineNode> {
  const out = new Graph<EngineNode>();
  for (const k of g.keys()) if (g.get(k)?.kind === 'resource') out.add(k, g.get(k)!);
  for (const k of out.keys()) {
    const seen = new Set<string>();
    const stack = [...g.dependencies(k)];
    while (stack.length) {
      const d = stack.pop()!;
      if (seen.has(d)) continue;
      seen.add(d);
      if (out.has(d)) out.connect(k, d);
      else stack.push(...g.dependencies(d));
    }
  }
  return out;
}
