/**
 * -target and -exclude: which nodes of the graph a plan may touch. A target brings in
 * everything it depends on; a resource named by a target with an instance key plans only
 * the instances named (its dependencies plan all of theirs), as Terraform does. A root
 * output is kept when every resource it depends on is included (and there is at least
 * one); other outputs keep their prior value. An exclusion also excludes everything that
 * depends on it (as OpenTofu's -exclude does); excluding an instance skips that instance.
 */
import { AbsResourceInstance, moduleTargetContains, parseTarget, targetContains, type Target } from '../addrs/index.js';
import { errorDiag, type Diagnostic } from '../hcl/diagnostic.js';
import type { Graph } from '../graph/dag.js';
import { ModuleInstance } from '../addrs/index.js';
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

/** What a targeted (or excluding) run includes. */
export interface TargetFilter {
  /** The graph keys the run walks. */
  included: Set<string>;
  /** Whether an instance of an included resource (by its graph key) is planned. */
  instanceIncluded: (resourceKey: string, addr: AbsResourceInstance) => boolean;
  /**
   * Whether a module instance's outputs are evaluated: with -target, only in instances a
   * target lies in or contains (`-target=module.m[1]` leaves `module.m[0]`'s outputs
   * unevaluated, as Terraform does); with -exclude, not in excluded instances.
   */
  moduleInstanceIncluded: (mi: ModuleInstance) => boolean;
  diags: Diagnostic[];
}

function targetModule(t: Target): ModuleInstance {
  return t.subject instanceof ModuleInstance ? t.subject : t.subject.module;
}

/** The nodes and instances a targeted (or excluding) run includes. */
export function filterTargets(g: Graph<EngineNode>, targets: string[], excludes: string[]): TargetFilter {
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
  const addDeps = (set: Set<string>, start: string[]) => {
    const stack = [...start];
    while (stack.length) {
      const k = stack.pop()!;
      if (set.has(k)) continue;
      set.add(k);
      for (const d of g.dependencies(k)) stack.push(d);
    }
  };
  // Resources a target names directly plan only the instances a target contains.
  const direct = new Set<string>();
  let included: Set<string>;
  if (ts.length) {
    included = new Set();
    for (const k of resourceKeys) if (matches(ts, k)) direct.add(k);
    addDeps(included, [...direct]);
    for (const k of g.keys()) {
      const n = g.get(k)!;
      if (n.kind !== 'output' || n.node.path.length !== 0) continue;
      const deps = new Set<string>();
      addDeps(deps, [...g.dependencies(k)]);
      const res = [...deps].filter((d) => g.get(d)!.kind === 'resource');
      if (res.length > 0 && res.every((d) => included.has(d))) addDeps(included, [k]);
    }
  } else included = new Set([...g.keys()]);
  // An exclusion naming instances leaves the resource's other instances in.
  const partly = new Set<string>();
  if (xs.length) {
    const whole = (t: Target) => !(t.subject instanceof AbsResourceInstance);
    const stack: string[] = [];
    for (const k of resourceKeys) {
      if (matches(xs.filter(whole), k)) stack.push(k);
      else if (matches(xs, k)) { partly.add(k); stack.push(...g.dependents(k)); }
    }
    const excluded = new Set<string>();
    while (stack.length) {
      const k = stack.pop()!;
      if (excluded.has(k)) continue;
      excluded.add(k);
      for (const d of g.dependents(k)) stack.push(d);
    }
    for (const k of excluded) { included.delete(k); partly.delete(k); }
  }
  const instanceIncluded = (k: string, addr: AbsResourceInstance): boolean => {
    if (!included.has(k)) return false;
    if (direct.has(k) && !ts.some((t) => targetContains(t.subject, addr))) return false;
    if (partly.has(k) && xs.some((t) => targetContains(t.subject, addr))) return false;
    return true;
  };
  const moduleInstanceIncluded = (mi: ModuleInstance): boolean => {
    if (ts.length && !ts.some((t) => moduleTargetContains(targetModule(t), mi) || mi.contains(targetModule(t)))) return false;
    return !xs.some((t) => t.subject instanceof ModuleInstance && moduleTargetContains(t.subject, mi));
  };
  return { included, instanceIncluded, moduleInstanceIncluded, diags };
}
