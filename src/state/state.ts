/**
 * The decoded state: what terrane knows exists. Modules hold resources, resources hold
 * instances, and an instance holds its current object and any deposed objects (left by
 * create_before_destroy replacements). The serialized form is in state-v4-json.ts.
 */
import { SmallMap } from '../hcl/small-map.js';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  AbsProviderConfig, AbsResource, AbsResourceInstance, ConfigResource, ModuleInstance, Resource,
  type InstanceKey, instanceKeyString, compareInstanceKeys,
} from '../addrs/index.js';
import type { Path } from '../lang/value.js';
import type { Value } from '../lang/value.js';

/** `ready` objects are in use; `tainted` ones are replaced by the next apply. */
export type ObjectStatus = 'ready' | 'tainted';

/** One remote object as recorded in state. Immutable: replace it, do not edit it. */
export interface ResourceInstanceObject {
  readonly status: ObjectStatus;
  /** The provider's schema version the attributes were written with. */
  readonly schemaVersion: number;
  /**
   * Attributes as cty JSON of the resource's schema type. Decoded states keep the text as
   * the file had it (whitespace included); the encoder re-indents it either way.
   */
  readonly attrsJSON?: string;
  /** Attributes in the pre-0.12 flatmap form (only from very old states, upgraded by providers). */
  readonly attrsFlat?: Readonly<Record<string, string>>;
  /** Paths of sensitive attributes. */
  readonly sensitivePaths: readonly Path[];
  /** The identity schema version (Terraform 1.12+ writes it, 0 when the provider has none). */
  readonly identitySchemaVersion?: number;
  /** The resource identity as compact JSON, when the provider supports identities. */
  readonly identityJSON?: string;
  /** Opaque provider data (the `private` field, base64 in the file). */
  readonly private?: Uint8Array;
  /** Resources this object depended on when it was last applied. */
  readonly dependencies: readonly ConfigResource[];
  readonly createBeforeDestroy: boolean;
}

/** An instance: its current object (if any) and objects deposed by create_before_destroy. */
export interface ResourceInstanceState {
  readonly key: InstanceKey;
  current?: ResourceInstanceObject;
  /**
   * Deposed objects by their 8-hex-digit deposed key. Almost always empty, so instances
   * share one empty map until State gives them their own (large states hold 100k instances).
   */
  deposed: ReadonlyMap<string, ResourceInstanceObject>;
}

/**
 * The sensitive paths and dependencies of objects that have none (most of them): shared,
 * frozen, never changed (a state can hold 100k objects).
 */
export const NO_SENSITIVE_PATHS: Path[] = Object.freeze([]) as unknown as Path[];
export const NO_DEPENDENCIES: ConfigResource[] = Object.freeze([]) as unknown as ConfigResource[];

/** The deposed map of instances without deposed objects (shared, never changed). */
const NO_DEPOSED: ReadonlyMap<string, ResourceInstanceObject> = new Map();

/** The instance's own, changeable deposed map. */
function ownDeposed(is: ResourceInstanceState): Map<string, ResourceInstanceObject> {
  if (is.deposed === NO_DEPOSED) is.deposed = new Map();
  return is.deposed as Map<string, ResourceInstanceObject>;
}

/** A resource: its provider configuration and instances by key. */
export interface ResourceState {
  readonly addr: AbsResource;
  provider: AbsProviderConfig;
  /** Instances keyed by `instanceKeyString(key)` (`''`, `[0]`, `["a"]`). */
  readonly instances: Map<string, ResourceInstanceState>;
}

/** A module instance and its resources (keyed by `Resource.toString()`). */
export interface ModuleState {
  readonly addr: ModuleInstance;
  readonly resources: Map<string, ResourceState>;
}

/** A root module output as saved in state. */
export interface OutputState {
  readonly value: Value;
  readonly sensitive: boolean;
}

/** Check statuses saved between runs. */
export type CheckStatus = 'pass' | 'fail' | 'error' | 'unknown';
/**
 * Results of one checkable configuration object (a resource with conditions, an output
 * with preconditions, a check block, a variable with validation rules). `objects` is
 * empty both when there are no instances and when they are not known yet (status unknown).
 */
export interface CheckResult {
  readonly objectKind: 'resource' | 'output' | 'check' | 'var';
  readonly configAddr: string;
  readonly status: CheckStatus;
  readonly objects: readonly { readonly objectAddr: string; readonly status: CheckStatus; readonly failureMessages?: readonly string[] }[];
}

/** A fresh lineage: a random UUID, as Terraform generates when it creates a state. */
export function newLineage(): string {
  return randomUUID();
}

/** A fresh deposed key: 8 lowercase hex digits, like Terraform's. */
export function newDeposedKey(): string {
  return randomBytes(4).toString('hex');
}

/**
 * The `terraform_version` terrane records in states it creates: the Terraform release
 * whose file format (e.g. `identity_schema_version` on every object) terrane writes.
 * A state read from a file keeps the version it had.
 */
export const TERRAFORM_COMPAT_VERSION = '1.12.2';

/** The state of everything terrane manages for one workspace. */
export class State {
  /** The Terraform version that wrote the file ('' when unknown). */
  terraformVersion = TERRAFORM_COMPAT_VERSION;
  serial = 0;
  lineage: string;
  readonly modules = new Map<string, ModuleState>();
  readonly outputs = new Map<string, OutputState>();
  checkResults: CheckResult[] = [];

  constructor(lineage: string = newLineage()) {
    this.lineage = lineage;
  }

  /** The module instance's state, if it has any resources. */
  module(addr: ModuleInstance): ModuleState | undefined {
    return this.modules.get(addr.toString());
  }

  ensureModule(addr: ModuleInstance): ModuleState {
    const k = addr.toString();
    let m = this.modules.get(k);
    if (!m) { m = { addr, resources: new Map() }; this.modules.set(k, m); }
    return m;
  }

  resource(addr: AbsResource): ResourceState | undefined {
    return this.module(addr.module)?.resources.get(addr.resource.toString());
  }

  /** The resource's state, created (with `provider`) when missing; an existing one takes `provider`. */
  ensureResource(addr: AbsResource, provider: AbsProviderConfig): ResourceState {
    const m = this.ensureModule(addr.module);
    const k = addr.resource.toString();
    let r = m.resources.get(k);
    if (!r) { r = { addr, provider, instances: new SmallMap() }; m.resources.set(k, r); }
    else r.provider = provider;
    return r;
  }

  instance(addr: AbsResourceInstance): ResourceInstanceState | undefined {
    return this.resource(addr.containingResource())?.instances.get(instanceKeyString(addr.key));
  }

  /** The current object of an instance, if any. */
  current(addr: AbsResourceInstance): ResourceInstanceObject | undefined {
    return this.instance(addr)?.current;
  }

  /**
   * Sets (or with `undefined`, removes) an instance's current object. Removing the last
   * object of an instance removes the instance; removing the last instance removes the
   * resource, and an emptied module goes too (as Terraform does).
   */
  setCurrent(addr: AbsResourceInstance, obj: ResourceInstanceObject | undefined, provider: AbsProviderConfig): void {
    const rAddr = addr.containingResource();
    if (!obj) {
      const is = this.instance(addr);
      if (!is) return;
      is.current = undefined;
      this.pruneInstance(rAddr, addr.key);
      return;
    }
    const r = this.ensureResource(rAddr, provider);
    const ik = instanceKeyString(addr.key);
    let is = r.instances.get(ik);
    if (!is) { is = { key: addr.key, current: undefined, deposed: NO_DEPOSED }; r.instances.set(ik, is); }
    is.current = obj;
  }

  /** Sets or removes one deposed object of an instance. */
  setDeposed(addr: AbsResourceInstance, deposedKey: string, obj: ResourceInstanceObject | undefined, provider: AbsProviderConfig): void {
    const rAddr = addr.containingResource();
    if (!obj) {
      const is = this.instance(addr);
      if (!is) return;
      if (is.deposed.has(deposedKey)) ownDeposed(is).delete(deposedKey);
      this.pruneInstance(rAddr, addr.key);
      return;
    }
    const r = this.ensureResource(rAddr, provider);
    const ik = instanceKeyString(addr.key);
    let is = r.instances.get(ik);
    if (!is) { is = { key: addr.key, current: undefined, deposed: NO_DEPOSED }; r.instances.set(ik, is); }
    ownDeposed(is).set(deposedKey, obj);
  }

  /**
   * Moves the current object aside as deposed (the first step of create_before_destroy)
   * and returns its new deposed key, or undefined when there was no current object.
   */
  deposeCurrent(addr: AbsResourceInstance, key: string = newDeposedKey()): string | undefined {
    const is = this.instance(addr);
    if (!is?.current) return undefined;
    while (is.deposed.has(key)) key = newDeposedKey();
    ownDeposed(is).set(key, is.current);
    is.current = undefined;
    return key;
  }

  /** Removes a resource and all its instances. */
  removeResource(addr: AbsResource): void {
    const m = this.module(addr.module);
    if (!m) return;
    m.resources.delete(addr.resource.toString());
    if (m.resources.size === 0 && !addr.module.isRoot) this.modules.delete(addr.module.toString());
  }

  private pruneInstance(rAddr: AbsResource, key: InstanceKey): void {
    const r = this.resource(rAddr);
    if (!r) return;
    const ik = instanceKeyString(key);
    const is = r.instances.get(ik);
    if (is && !is.current && is.deposed.size === 0) r.instances.delete(ik);
    if (r.instances.size === 0) this.removeResource(rAddr);
  }

  setOutput(name: string, value: Value, sensitive: boolean): void {
    this.outputs.set(name, { value, sensitive });
  }
  removeOutput(name: string): void {
    this.outputs.delete(name);
  }

  /** Every resource, modules in address order and resources sorted within each. */
  *resources(): IterableIterator<ResourceState> {
    const mods = Array.from(this.modules.values()).sort((a, b) => a.addr.compare(b.addr));
    for (const m of mods) {
      const rs = Array.from(m.resources.values()).sort((a, b) => a.addr.resource.compare(b.addr.resource));
      yield* rs;
    }
  }

  /** Every instance with its address, in address order. */
  *instances(): IterableIterator<{ addr: AbsResourceInstance; resource: ResourceState; instance: ResourceInstanceState }> {
    for (const r of this.resources()) {
      const list = Array.from(r.instances.values()).sort((a, b) => compareInstanceKeys(a.key, b.key));
      for (const is of list) yield { addr: r.addr.instance(is.key), resource: r, instance: is };
    }
  }

  /** Number of instances (with a current or deposed object). */
  get instanceCount(): number {
    let n = 0;
    for (const m of this.modules.values()) for (const r of m.resources.values()) n += r.instances.size;
    return n;
  }

  /** True when there are no resources and no outputs. */
  get isEmpty(): boolean {
    for (const m of this.modules.values()) if (m.resources.size > 0) return false;
    return this.outputs.size === 0;
  }

  /** A copy whose containers can be changed independently (objects and values are immutable and shared). */
  clone(): State {
    const s = new State(this.lineage);
    s.terraformVersion = this.terraformVersion;
    s.serial = this.serial;
    for (const [k, m] of this.modules) {
      const resources = new Map<string, ResourceState>();
      for (const [rk, r] of m.resources) {
        const instances = new SmallMap<string, ResourceInstanceState>();
        for (const [ik, is] of r.instances) instances.set(ik, { key: is.key, current: is.current, deposed: is.deposed.size ? new Map(is.deposed) : NO_DEPOSED });
        resources.set(rk, { addr: r.addr, provider: r.provider, instances });
      }
      s.modules.set(k, { addr: m.addr, resources });
    }
    for (const [k, o] of this.outputs) s.outputs.set(k, o);
    s.checkResults = this.checkResults.slice();
    return s;
  }
}

/** Builds a resource address from its parts (a convenience for callers holding strings). */
export function resourceAddr(module: ModuleInstance, mode: 'managed' | 'data', type: string, name: string): AbsResource {
  return new AbsResource(module, new Resource(mode, type, name));
}
