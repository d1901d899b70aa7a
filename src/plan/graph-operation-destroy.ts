/**
 * The destroy graphs of `terrane graph`: `-type=plan-destroy` (from state) and the apply
 * graph of a saved destroy plan. Only destroy nodes, the providers they need, and the
 * root outputs remain; what a resource depended on (as recorded in state) is destroyed
 * after it, so every edge of the configuration points the other way.
 */
import { Graph } from '../graph/dag.js';
import type { AbsResourceInstance, ConfigResource } from '../addrs/index.js';
import type { Config } from '../config/module.js';
import { ensureProvider, type OpNode } from './graph-operation.js';

/** One object to destroy. */
export interface DestroyEntry {
  addr: AbsResourceInstance;
  /** The provider configuration address recorded for it. */
  provider: string;
  /** What the object depended on (its state record). */
  dependencies: readonly ConfigResource[];
  /** Set for a deposed object. */
  deposedKey?: string;
}

/**
 * The destroy graph. `withKeys`: a saved plan names each instance (`ADDR[0] (destroy)`);
 * `-type=plan-destroy` names the resource only, one node per instance.
 */
export function destroyOperationGraph(config: Config, entries: readonly DestroyEntry[], withKeys: boolean): Graph<OpNode> {
  const g = new Graph<OpNode>();
  const byResource = new Map<string, string[]>();
  for (const e of entries) {
    // Labels (and plan-destroy's names) are the configuration address: no instance keys.
    const res = e.addr.containingResource().config().toString();
    const shown = withKeys ? e.addr.toString() : res;
    const k = `destroy:${e.addr.toString()}${e.deposedKey ? ':' + e.deposedKey : ''}`;
    const pk = ensureProvider(g, e.provider);
    g.add(k, { name: `${shown} (destroy${e.deposedKey ? ' deposed ' + e.deposedKey : ''})`, shape: 'box', label: res, provider: pk });
    g.connect(k, pk);
    const cr = e.addr.containingResource().config().toString();
    byResource.set(cr, [...(byResource.get(cr) ?? []), k]);
  }
  // A dependency goes after everything that used it; in a saved plan's graph, as Terraform
  // draws it, only within one module instance when both are in instances of one module.
  const moduleOf = new Map(entries.map((e) => [`destroy:${e.addr.toString()}${e.deposedKey ? ':' + e.deposedKey : ''}`, e.addr.module]));
  const otherModuleInstance = (a: string, b: string): boolean => {
    const ma = moduleOf.get(a)!, mb = moduleOf.get(b)!;
    return withKeys && ma.toString() !== mb.toString() && ma.module().toString() === mb.module().toString();
  };
  entries.forEach((e) => {
    const k = `destroy:${e.addr.toString()}${e.deposedKey ? ':' + e.deposedKey : ''}`;
    for (const d of e.dependencies) for (const dk of byResource.get(d.toString()) ?? []) if (dk !== k && !otherModuleInstance(dk, k)) g.connect(dk, k);
  });
  for (const name of config.root.module.outputs.keys()) g.add(`output::${name}`, { name: `output.${name} (expand)` });
  return g;
}
