/**
 * The values known so far during a walk (plan, apply, console): input variables, locals
 * and outputs per module instance, resource instance objects, and how module calls
 * expanded. The EvalData of each module instance reads from here.
 */
import { SmallMap } from '../hcl/small-map.js';
import { ModuleInstance, type InstanceKey, instanceKeyString, compareInstanceKeys } from '../addrs/index.js';
import type { Value } from '../lang/value.js';
import { withConcreteTypes } from '../lang/concrete-type.js';
import type { Type } from '../lang/types.js';

/** How a resource or module call repeats. */
export type RepetitionKind = 'single' | 'count' | 'for_each';

/** The instances of one resource in one module instance. */
export interface ResourceValues {
  kind: RepetitionKind;
  /** Instance key string (`''`, `[0]`, `["a"]`) -> key and object value. */
  instances: Map<string, { key: InstanceKey; value: Value }>;
  /** True when count/for_each is not known yet: the whole resource value is unknown. */
  unknownExpansion?: boolean;
  /**
   * The type of one instance's object (the schema's): a counted resource's value holds an
   * unknown of this type for each index the walk left without a value (see resourceValue).
   */
  objectType?: Type;
  /**
   * The whole resource's value (see resourceValue), kept until an instance changes: with
   * `aws_instance.web[*].id` in many bodies, rebuilding it for each would be quadratic.
   */
  combined?: Value | undefined;
}

/** The instances a module call expanded to in one module instance of its caller. */
export interface ModuleExpansion {
  kind: RepetitionKind;
  keys: InstanceKey[];
  /** For for_each: each.value per key string, for the child's evaluation of its inputs. */
  eachValues?: Map<string, Value>;
  unknown?: boolean;
  /**
   * Validate's stand-in: one instance (key null) evaluates the module for all its
   * instances, with count.index / each.* unknown; the call's value is unknown.
   */
  placeholder?: boolean;
}

const miKey = (mi: ModuleInstance) => mi.toString();

export class WorkingValues {
  readonly vars = new Map<string, Map<string, Value>>();
  readonly locals = new Map<string, Map<string, Value>>();
  readonly outputs = new Map<string, Map<string, Value>>();
  /** Module instance key -> resource key (`type.name`, `data.type.name`) -> its values. */
  private readonly resources = new Map<string, Map<string, ResourceValues>>();
  readonly expansions = new Map<string, ModuleExpansion>();

  private put(m: Map<string, Map<string, Value>>, mi: ModuleInstance, name: string, v: Value): void {
    const k = miKey(mi);
    let inner = m.get(k);
    if (!inner) { inner = new Map(); m.set(k, inner); }
    inner.set(name, v);
  }

  setVar(mi: ModuleInstance, name: string, v: Value): void { this.put(this.vars, mi, name, v); }
  getVar(mi: ModuleInstance, name: string): Value | undefined { return this.vars.get(miKey(mi))?.get(name); }
  setLocal(mi: ModuleInstance, name: string, v: Value): void { this.put(this.locals, mi, name, v); }
  getLocal(mi: ModuleInstance, name: string): Value | undefined { return this.locals.get(miKey(mi))?.get(name); }
  setOutput(mi: ModuleInstance, name: string, v: Value): void { this.put(this.outputs, mi, name, v); }
  getOutput(mi: ModuleInstance, name: string): Value | undefined { return this.outputs.get(miKey(mi))?.get(name); }

  private resourcesOf(mi: ModuleInstance): Map<string, ResourceValues> {
    const k = miKey(mi);
    let m = this.resources.get(k);
    if (!m) this.resources.set(k, m = new Map());
    return m;
  }
  setResource(mi: ModuleInstance, resource: string, rv: ResourceValues): void { this.resourcesOf(mi).set(resource, rv); }
  getResource(mi: ModuleInstance, resource: string): ResourceValues | undefined { return this.resources.get(miKey(mi))?.get(resource); }

  /**
   * Records (or replaces) one instance's object value. Expressions see it with cty's
   * concrete types (a dynamic attribute typed by what it holds), as in Terraform: an output
   * holding the object saves that type, and compares equal to the one Terraform saved.
   */
  setResourceInstance(mi: ModuleInstance, resource: string, kind: RepetitionKind, key: InstanceKey, v: Value): void {
    const m = this.resourcesOf(mi);
    let rv = m.get(resource);
    if (!rv) { rv = { kind, instances: new SmallMap() }; m.set(resource, rv); }
    rv.instances.set(instanceKeyString(key), { key, value: withConcreteTypes(v) });
    if (rv.combined) rv.combined = undefined;
  }

  setExpansion(parent: ModuleInstance, call: string, e: ModuleExpansion): void { this.expansions.set(`${miKey(parent)}|${call}`, e); }
  getExpansion(parent: ModuleInstance, call: string): ModuleExpansion | undefined { return this.expansions.get(`${miKey(parent)}|${call}`); }

  /**
   * The instances of the module at static `path` (call names from the root), from the
   * expansions recorded so far; instances under an unknown expansion are left out.
   */
  moduleInstances(path: readonly string[]): ModuleInstance[] {
    let cur: ModuleInstance[] = [ModuleInstance.ROOT];
    for (const name of path) {
      const next: ModuleInstance[] = [];
      for (const mi of cur) {
        const e = this.getExpansion(mi, name);
        if (!e || e.unknown) continue;
        for (const key of [...e.keys].sort(compareInstanceKeys)) next.push(mi.child(name, key));
      }
      cur = next;
    }
    return cur;
  }
}
