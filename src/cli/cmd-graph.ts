/**
 * `terrane graph [-type=plan|plan-refresh-only|plan-destroy|apply] [-plan=FILE] [-draw-cycles]`:
 * without -type the resources and their dependencies (graph-resources.ts); with it (or a
 * saved plan) the operation graph terrane walks, drawn in DOT with the node names and
 * layout of `terraform graph`.
 */
import { resolve } from 'node:path';
import { errorDiag, hasErrors, type Diagnostic } from '../hcl/diagnostic.js';
import { buildGraph, type BuiltGraph } from '../plan/graph-build.js';
import { resourceDot, resourceGraph } from '../plan/graph-resources.js';
import { connectImportRefs, withImportTargetNodes } from '../plan/graph-import-targets.js';
import { addOrphans, addRemovedOutputs, configOperationGraph, cycleNames, finishOperationGraph, operationDot, type OpNode } from '../plan/graph-operation.js';
import { destroyOperationGraph, type DestroyEntry } from '../plan/graph-operation-destroy.js';
import { applyOperationGraph } from '../plan/graph-operation-apply.js';
import { readPlanFile, type SavedPlan } from '../plan/plan-file.js';
import type { Plan } from '../plan/plan.js';
import type { Config } from '../config/module.js';
import type { State } from '../state/index.js';
import { parseAbsResourceInstance } from '../addrs/index.js';
import { ProviderResolver } from '../plan/provider-resolve.js';
import { Graph } from '../graph/dag.js';
import { flagsHelp, parseFlags } from './flags.js';
import type { CommandIO } from './io.js';
import { emitDiags, openWorkdir, useColor } from './ui.js';
import { colors } from '../plan/render/colors.js';

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

/** Runs `terrane graph`. */
export async function run(args: string[], io: CommandIO): Promise<number> {
  const p = parseFlags(args, SPEC);
  if (p.error) { io.stderr.write(`${p.error}\n\n${USAGE}${flagsHelp(SPEC)}`); return 1; }
  if (p.flags.help) { io.stdout.write(USAGE + flagsHelp(SPEC)); return 0; }
  const color = useColor(p, io);
  const planArg = typeof p.flags.plan === 'string' && p.flags.plan !== '' ? p.flags.plan : undefined;
  let saved: SavedPlan | undefined;
  if (planArg !== undefined) {
    const r = await readPlanFile(resolve(io.cwd, planArg), planArg);
    // Terraform reports a plan file it cannot read as a bare red line, not a diagnostic.
    if (r.unreadable) { io.stderr.write(`${colors(color).red(r.unreadable)}\n`); return 1; }
    if (!r.saved) { emitDiags(io, r.diags, new Map(), color); return 1; }
    saved = r.saved;
  }
  // A saved plan is graphed with the configuration it was made from.
  const wd = await openWorkdir(io, p, color, undefined, saved?.config);
  if (!wd) return 1;
  try {
    // With a saved plan the default is the apply graph of that plan, as Terraform's.
    const type = typeof p.flags.type === 'string' && p.flags.type !== '' ? p.flags.type : saved ? 'apply' : '';
    const typeDiags = graphTypeDiags(type);
    // Terraform ends the errors of its graph step with one more blank line.
    if (typeDiags.length) { emitDiags(io, typeDiags, wd.config.sources, color); io.stderr.write('\n'); return 1; }
    // Only a normal plan's graph has import targets in it.
    const normalPlan = type === '' || type === 'plan';
    const config = normalPlan ? withImportTargetNodes(wd.config) : wd.config;
    const resolver = new ProviderResolver(config);
    const built = buildGraph(config, resolver, wd.providers, { instanceRefs: true });
    const drawCycles = p.flags['draw-cycles'] === true;
    // Cycles are reported on the operation graph, with its node names.
    const diags = built.diags.filter((d) => !d.summary.startsWith('Cycle: '));
    if (hasErrors(diags)) { emitDiags(io, diags, wd.config.sources, color); return 1; }
    let state = saved?.prior;
    if (!state) {
      const r = await wd.readState();
      if (hasErrors(r.diags)) { emitDiags(io, r.diags, wd.config.sources, color); return 1; }
      state = r.state;
    }
    // Without -type, Terraform reduces its plan graph to the resources alone.
    const g = operationGraph(type === '' ? 'plan' : type as GraphType, built, config, state, saved?.plan);
    if (normalPlan) connectImportRefs(g, config);
    const cycles = finishOperationGraph(g);
    if (cycles.length && !drawCycles) {
      emitDiags(io, cycles.map((c) => errorDiag(`Cycle: ${cycleNames(g, c)}`)), wd.config.sources, color);
      io.stderr.write('\n');
      return 1;
    }
    io.stdout.write(type === '' ? resourceDot(resourceGraph(g)) : operationDot(g, drawCycles ? cycles : []));
    return 0;
  } finally { await wd.close(); }
}

type GraphType = 'plan' | 'plan-refresh-only' | 'plan-destroy' | 'apply';

/** Terraform's errors for a -type it does not draw. */
function graphTypeDiags(type: string): Diagnostic[] {
  if (type === '' || type === 'plan' || type === 'plan-refresh-only' || type === 'plan-destroy' || type === 'apply') return [];
  if (type === 'eval' || type === 'validate') {
    return [errorDiag('Graph type no longer available', `The graph type "${type}" is no longer available. Use -type=plan instead to get a similar result.`)];
  }
  return [errorDiag('Unsupported graph type', 'The -type=... argument must be either "plan", "plan-refresh-only", "plan-destroy", or "apply".')];
}

/**
 * The operation graph of a type. `apply` without a saved plan draws the apply of a plan
 * with no changes, as Terraform does: the configuration's nodes, no instance nodes.
 */
function operationGraph(type: GraphType, cfg: BuiltGraph, config: Config, state: State, plan?: Plan): Graph<OpNode> {
  if (type === 'apply' && plan && plan.mode !== 'destroy') return applyOperationGraph(cfg, config, plan, state);
  const destroying = type === 'plan-destroy' || (type === 'apply' && plan?.mode === 'destroy');
  const g = type === 'plan-destroy' ? destroyOperationGraph(config, stateDestroyEntries(state), false)
    : destroying ? destroyOperationGraph(config, planDestroyEntries(plan!, state), true)
    : configOperationGraph(cfg);
  if (type !== 'apply' && !destroying) addOrphans(g, state);
  addRemovedOutputs(g, state, config);
  return g;
}

/** Every current object in state, to be destroyed. */
function stateDestroyEntries(state: State): DestroyEntry[] {
  const out: DestroyEntry[] = [];
  for (const { addr, resource, instance } of state.instances()) {
    if (instance.current) out.push({ addr, provider: resource.provider.toString(), dependencies: instance.current.dependencies });
  }
  return out;
}

/** The deletions of a saved destroy plan, with what state says each depended on. */
function planDestroyEntries(plan: Plan, prior: State): DestroyEntry[] {
  const out: DestroyEntry[] = [];
  for (const c of plan.changes) {
    if (c.action !== 'delete' && c.action !== 'forget') continue;
    const addr = parseAbsResourceInstance(c.addr).value;
    if (!addr) continue;
    const inst = prior.instance(addr);
    const obj = c.deposedKey ? inst?.deposed.get(c.deposedKey) : inst?.current;
    out.push({ addr, provider: c.providerAddr, dependencies: obj?.dependencies ?? [], ...(c.deposedKey ? { deposedKey: c.deposedKey } : {}) });
  }
  return out;
}
