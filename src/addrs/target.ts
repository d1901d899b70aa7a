/**
 * Targets for `-target`, `-exclude` and `-replace`: a module instance, a whole resource
 * or one resource instance (`module.a`, `aws_instance.web`, `module.a.aws_instance.web[0]`).
 */
import { AbsResource, AbsResourceInstance, parseResourceSteps } from './abs-resource.js';
import { ModuleInstance, parseModuleInstancePrefix } from './module-instance.js';
import { ResourceInstance } from './resource.js';
import { parseTraversal, rangeOf, type Parsed } from './traversal.js';
import type { Range } from '../hcl/diagnostic.js';

/** What a target can name. */
export type Targetable = ModuleInstance | AbsResource | AbsResourceInstance;

/** A parsed target and the source range it came from. */
export interface Target {
  subject: Targetable;
  range: Range;
}

/**
 * Parses a target string. As in Terraform, a resource written without an instance key
 * targets the whole resource (every instance).
 */
export function parseTarget(src: string): Parsed<Target> {
  const t = parseTraversal(src);
  if (!t.value) return { value: undefined, diags: t.diags };
  const p = parseModuleInstancePrefix(src, t.value);
  if (!p.value) return { value: undefined, diags: p.diags };
  const range = rangeOf(src, 0, src.length);
  if (p.value.remain.length === 0) return { value: { subject: p.value.path, range }, diags: [] };
  const r = parseResourceSteps(src, p.value.remain);
  if (!r.value) return { value: undefined, diags: r.diags };
  const subject = r.value.hasKey
    ? new AbsResourceInstance(p.value.path, new ResourceInstance(r.value.resource, r.value.key))
    : new AbsResource(p.value.path, r.value.resource);
  return { value: { subject, range }, diags: [] };
}

/**
 * True when module instance target `t` selects `mi` or lies above it. As in Terraform, a
 * last step without a key stands for every instance: `module.m` selects `module.m[0]`
 * and `module.m["a"]` too.
 */
export function moduleTargetContains(t: ModuleInstance, mi: ModuleInstance): boolean {
  if (mi.steps.length < t.steps.length) return false;
  for (let i = 0; i < t.steps.length; i++) {
    const a = t.steps[i]!, b = mi.steps[i]!;
    if (a.name !== b.name) return false;
    if (i === t.steps.length - 1 && a.key === null) return true;
    if (a.key !== b.key) return false;
  }
  return true;
}

/**
 * True when `target` selects `addr`: a module instance selects everything inside it, a
 * resource selects all its instances, an instance selects only itself.
 */
export function targetContains(target: Targetable, addr: Targetable): boolean {
  if (target instanceof ModuleInstance) return moduleTargetContains(target, addr instanceof ModuleInstance ? addr : addr.module);
  if (addr instanceof ModuleInstance) return false;
  if (target instanceof AbsResource) {
    const r = addr instanceof AbsResource ? addr : addr.containingResource();
    return target.equals(r);
  }
  return addr instanceof AbsResourceInstance && target.equals(addr);
}
