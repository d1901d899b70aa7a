/**
 * -target and -exclude: which resource nodes of the graph a plan may touch. A target
 * brings in everything it depends on; an exclusion also excludes everything that depends
 * on it (as OpenTofu's -exclude does).
 */
import { parseTarget, type Target } from '../addrs/index.js';
import { errorDiag, type Diagnostic } from '../hcl/diagnostic.js';
import type { Graph } from '../graph/dag.js';
import type { ModuleInstance } from '../addrs/index.js';
import type { Resource } from '../config/module.js';
import type { EngineNode } from './graph-build.js';
import type { ResourceInstanceChange } from './plan.js';

/** True when the target names the static resource (or a module containing it). */
function matchesStatic(t: Target, path: string[], mode: string, type: string, name: string): boolean {
  const s = t.subject;
  const steps = 'steps' in s ? s.steps : s.module.steps;
  if (steps.length > path.length) return false;
  for (let i = 0; i < steps.length; i++) if (steps[i]!.name !== path[i]) return false;
  if ('steps' in s) return true;
  if (steps.length !== path.length) return false;
  const r = 'resource' in s.resource ? s.resource.resource : s.resource;
  return r.mode === mode && r.type === type && r.name === name;
}

/** The set of graph keys a targeted (or excluding) plan includes. */
export function filterTargets(g: Graph<EngineNode>, targets: string[], excludes: string[]): { included: Set<string>; diags: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const parse = (list: string[], flag: string): Target[] => list.flatMap((t) => {
    const r = parseTarget(t);
    if (!r.value) { diags.push(errorDiag(`Invalid ${flag} address`, r.diags[0]?.detail ?? `"${t}" is not a valid resource address.`)); return []; }
    return [r.value];
  });
  const ts = parse(targets, 'target'), xs = parse(excludes, 'exclude');
  const resourceKeys = [...g.keys()].filter((k) => g.get(k)!.kind === 'resource');
  const matches = (list: Target[], k: string) => {
    const n = g.get(k)! as Extract<EngineNode, { kind: 'resource' }>;
    return list.some((t) => matchesStatic(t, n.node.path, n.res.mode, n.res.type, n.res.name));
  };
  let included: Set<string>;
  if (ts.length) {
    included = new Set();
    const stack = resourceKeys.filter((k) => matches(ts, k));
    while (stack.length) {
      const k = stack.pop()!;
      if (included.has(k)) continue;
      included.add(k);
      for (const d of g.dependencies(k)) stack.push(d);
    }
  } else included = new Set([...g.keys()]);
  if (xs.length) {
    const stack = resourceKeys.filter((k) => matches(xs, k));
    const excluded = new Set<string>();
    while (stack.length) {
      const k = stack.pop()!;
      if (excluded.has(k)) continue;
      excluded.add(k);
      for (const d of g.dependents(k)) stack.push(d);
    }
    for (const k of excluded) included.delete(k);
  }
  return { included, diags };
}

/** True when a data source's depends_on names something with a planned change (its read waits for apply). */
export function dependsOnPending(res: Resource, changes: readonly ResourceInstanceChange[], mi: ModuleInstance): boolean {
  if (res.dependsOn.length === 0) return false;
  const prefix = mi.isRoot ? '' : mi.toString() + '.';
  for (const t of res.dependsOn) {
    const first = t.steps[0];
    const base = t.root === 'module' && first?.kind === 'attr' ? `${prefix}module.${first.name}` : `${prefix}${t.root}${first?.kind === 'attr' ? '.' + first.name : ''}`;
    if (changes.some((c) => c.action !== 'no-op' && c.action !== 'read' && (c.addr === base || c.addr.startsWith(base + '[') || c.addr.startsWith(base + '.')))) return true;
  }
  return false;
}
