/**
 * The EvalData of one module instance: how `var.`, `local.`, resources, `module.`,
 * `count.`, `each.`, `path.`, `terraform.` and `self` resolve during a walk, reading the
 * working values. Names that are not declared get Terraform's diagnostics.
 */
import { relative } from 'node:path';
import { compareInstanceKeys, type ModuleInstance, type InstanceKey } from '../addrs/index.js';
import { errorDiag, type Range } from '../hcl/diagnostic.js';
import type { ModuleNode } from '../config/module.js';
import type { EvalData, Lookup, ResourceMode, Scope } from '../lang/scope.js';
import {
  undeclaredVariableDiag, undeclaredLocalDiag, undeclaredResourceDiag, undeclaredModuleDiag, countAttrDiag, forEachAttrDiag,
  invalidPathAttrDiag, invalidTerraformAttrDiag, invalidSelfDiag,
} from '../lang/scope.js';
import { builtinFunctions } from '../lang/functions/index.js';
import type { FunctionContext } from '../lang/functions/function.js';
import {
  DynamicUnknown, numberVal, stringVal, tupleVal, objectVal, boolVal, unknownVal, nullVal, type Value,
} from '../lang/value.js';
import * as T from '../lang/types.js';
import type { WorkingValues, ResourceValues } from './working-values.js';

/** What an instance-level evaluation adds to its module's scope. */
export interface InstanceContext {
  countIndex?: number;
  eachKey?: string;
  eachValue?: Value;
  /** The resource's own object for `self` (postconditions). */
  self?: Value;
  /** True while evaluating something that has count (so `count.index` is valid, maybe unknown). */
  hasCount?: boolean;
  hasForEach?: boolean;
}

/** Run-wide facts the scope needs. */
export interface RunContext {
  /** The working directory (path.cwd) and root module directory. */
  cwd: string;
  rootDir: string;
  workspace: string;
  /** True during apply (terraform.applying). */
  applying: boolean;
  planTimestamp: Date;
}

let functionsTable: ReturnType<typeof builtinFunctions> | undefined;
function functions() {
  functionsTable ??= builtinFunctions();
  return functionsTable;
}

/** Terraform's data for one module instance. */
export class ModuleEvalData implements EvalData {
  constructor(
    private readonly values: WorkingValues,
    private readonly node: ModuleNode,
    private readonly mi: ModuleInstance,
    private readonly run: RunContext,
    private readonly inst: InstanceContext = {},
  ) {}

  getInputVariable(name: string, range: Range): Lookup {
    const decl = this.node.module.variables.get(name);
    if (!decl) return [undeclaredVariableDiag(name, this.node.module.variables.keys(), range)];
    return this.values.getVar(this.mi, name) ?? unknownVal(decl.type);
  }

  getLocalValue(name: string, range: Range): Lookup {
    if (!this.node.module.locals.has(name)) return [undeclaredLocalDiag(name, this.node.module.locals.keys(), range)];
    return this.values.getLocal(this.mi, name) ?? DynamicUnknown;
  }

  getResource(mode: ResourceMode, type: string, name: string, range: Range): Lookup {
    const m = this.node.module;
    const key = `${type}.${name}`;
    const declared = mode === 'data' ? m.dataResources.has(key) || [...m.checks.values()].some((c) => c.data.some((d) => d.type === type && d.name === name)) : m.managedResources.has(key);
    if (!declared) {
      const where = this.mi.isRoot ? 'the root module' : `module.${this.node.path.join('.module.')}`;
      return [undeclaredResourceDiag(mode, type, name, range, where, mode === 'managed' && m.dataResources.has(key))];
    }
    const addr = mode === 'data' ? `data.${key}` : key;
    return resourceValue(this.values.getResource(this.mi, addr));
  }

  getModule(name: string, range: Range): Lookup {
    const call = this.node.module.moduleCalls.get(name);
    if (!call) return [undeclaredModuleDiag(name, this.node.module.moduleCalls.keys(), range, this.mi.isRoot ? 'the root module' : `module.${this.node.path.join('.module.')}`)];
    const child = this.node.children.get(name);
    const e = this.values.getExpansion(this.mi, name);
    if (!e || e.unknown || !child || (e.placeholder && e.kind !== 'single')) return DynamicUnknown;
    const objectFor = (key: InstanceKey): Value => {
      const cmi = this.mi.child(name, key);
      const entries: [string, Value][] = [];
      // An output the walk did not evaluate (a -target left its module instance out) is
      // unknown, as in Terraform; a root output holding it is saved with null in its place.
      for (const out of child.module.outputs.keys()) entries.push([out, this.values.getOutput(cmi, out) ?? DynamicUnknown]);
      return objectVal(entries);
    };
    if (e.kind === 'single') return objectFor(null);
    const keys = [...e.keys].sort(compareInstanceKeys);
    if (e.kind === 'count') return tupleVal(keys.map(objectFor));
    return objectVal(keys.map((k) => [String(k), objectFor(k)]));
  }

  getCountAttr(name: string, range: Range): Lookup {
    if (name !== 'index' || (this.inst.countIndex === undefined && !this.inst.hasCount)) {
      return [countAttrDiag(name, this.inst.hasCount === true || this.inst.countIndex !== undefined, range)];
    }
    return this.inst.countIndex === undefined ? unknownVal(T.Number) : numberVal(this.inst.countIndex);
  }

  getForEachAttr(name: string, range: Range): Lookup {
    const has = this.inst.eachKey !== undefined || this.inst.hasForEach;
    if (!has || (name !== 'key' && name !== 'value')) return [forEachAttrDiag(name, range)];
    if (name === 'key') return this.inst.eachKey === undefined ? unknownVal(T.String) : stringVal(this.inst.eachKey);
    return this.inst.eachValue ?? DynamicUnknown;
  }

  getPathAttr(name: string, range: Range): Lookup {
    switch (name) {
      case 'module': return stringVal(relative(this.run.cwd, this.node.module.dir) || '.');
      case 'root': return stringVal(relative(this.run.cwd, this.run.rootDir) || '.');
      case 'cwd': return stringVal(this.run.cwd);
      default: return [invalidPathAttrDiag(name, range)];
    }
  }

  getTerraformAttr(name: string, range: Range): Lookup {
    if (name === 'workspace') return stringVal(this.run.workspace);
    if (name === 'applying') return boolVal(this.run.applying);
    return [invalidTerraformAttrDiag(name, range)];
  }

  getSelf(range: Range): Lookup {
    return this.inst.self ?? [invalidSelfDiag(range)];
  }
}

/**
 * The value a reference to a whole resource gives (object, tuple for count, object for
 * for_each). As Terraform builds it from the instances it holds: a count resource's tuple
 * runs to its highest index, and an index with no value (left out by -target, not yet
 * created in a refresh-only plan, failed) is unknown, so the list keeps its length; keys
 * of the other repetition (left in state by a change of count to for_each) are left out.
 */
export function resourceValue(rv: ResourceValues | undefined): Value {
  if (!rv || rv.unknownExpansion) return DynamicUnknown;
  const missing = () => (rv.objectType ? unknownVal(rv.objectType) : DynamicUnknown);
  if (rv.kind === 'single') {
    for (const i of rv.instances.values()) if (i.key === null) return i.value;
    return missing();
  }
  if (rv.combined) return rv.combined;
  if (rv.kind === 'count') {
    const vals: Value[] = [];
    for (const i of rv.instances.values()) if (typeof i.key === 'number') vals[i.key] = i.value;
    for (let k = 0; k < vals.length; k++) vals[k] ??= missing();
    return rv.combined = tupleVal(vals);
  }
  const list = [...rv.instances.values()].filter((i) => typeof i.key === 'string').sort((a, b) => compareInstanceKeys(a.key, b.key));
  return rv.combined = objectVal(list.map((i) => [String(i.key), i.value]));
}

/**
 * One function context per run: a scope is made per resource
 * instance, and the calls' contexts (with their template renderer) are cached per
 * context object, so a fresh one per scope would rebuild them for every instance.
 */
const runContexts = new WeakMap<RunContext, FunctionContext>();
function functionContextFor(run: RunContext): FunctionContext {
  let c = runContexts.get(run);
  if (!c) runContexts.set(run, (c = { baseDir: run.cwd, planTimestamp: run.planTimestamp, functions: functions() }));
  return c;
}

/** The Scope for expressions of one module instance. */
export function moduleScope(values: WorkingValues, node: ModuleNode, mi: ModuleInstance, run: RunContext, inst?: InstanceContext): Scope {
  return {
    data: new ModuleEvalData(values, node, mi, run, inst),
    functions: functions(),
    // As in Terraform, file() and friends read paths relative to the working directory in
    // every module (path.module is relative to it too: file("${path.module}/x.txt")).
    functionContext: functionContextFor(run),
  };
}

/** An error for an evaluation that must be known before apply (count, for_each, ...). */
export function unknownAtPlanDiag(what: string, range: Range): ReturnType<typeof errorDiag> {
  return errorDiag(`Invalid ${what} argument`,
    `The "${what}" value depends on resource attributes that cannot be determined until apply, so terrane cannot predict how many instances will be created. To work around this, use the -target argument to first apply only the resources that the ${what} depends on.`,
    range);
}
