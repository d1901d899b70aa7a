/**
 * Absolute resource addresses: a module instance path plus a resource
 * (`module.net["a"].aws_subnet.public`), an instance of one
 * (`module.net["a"].aws_subnet.public[0]`), and the static configuration form
 * (`module.net.aws_subnet.public`) that `dependencies` in state use.
 */
import { errorDiag } from '../hcl/diagnostic.js';
import type { InstanceKey } from './instance-key.js';
import { Module } from './module.js';
import { ModuleInstance, parseModuleInstancePrefix, toInstanceKey } from './module-instance.js';
import { Resource, ResourceInstance, type ResourceMode } from './resource.js';
import { parseTraversal, stepsRange, type Parsed, type TraversalStep } from './traversal.js';

function join(prefix: string, rest: string): string {
  return prefix === '' ? rest : prefix + '.' + rest;
}

/** A resource inside a particular module instance. */
export class AbsResource {
  private str?: string;
  constructor(readonly module: ModuleInstance, readonly resource: Resource) {}

  instance(key: InstanceKey = null): AbsResourceInstance {
    return new AbsResourceInstance(this.module, new ResourceInstance(this.resource, key));
  }
  /** The resource in the static configuration tree (instance keys of modules dropped). */
  config(): ConfigResource { return new ConfigResource(this.module.module(), this.resource); }

  toString(): string {
    if (this.str === undefined) this.str = join(this.module.toString(), this.resource.toString());
    return this.str;
  }
  uniqueKey(): string { return 'ar:' + this.toString(); }
  equals(o: AbsResource): boolean {
    return this === o || (this.resource.equals(o.resource) && this.module.equals(o.module));
  }
  /** Orders by module path, then mode, type and name. */
  compare(o: AbsResource): number {
    return this.module.compare(o.module) || this.resource.compare(o.resource);
  }
}

/** One instance of a resource inside a particular module instance. */
export class AbsResourceInstance {
  private str?: string;
  constructor(readonly module: ModuleInstance, readonly resource: ResourceInstance) {}

  /** The resource this is an instance of. */
  containingResource(): AbsResource { return new AbsResource(this.module, this.resource.resource); }
  get key(): InstanceKey { return this.resource.key; }

  toString(): string {
    if (this.str === undefined) this.str = join(this.module.toString(), this.resource.toString());
    return this.str;
  }
  uniqueKey(): string { return 'ari:' + this.toString(); }
  equals(o: AbsResourceInstance): boolean {
    return this === o || (this.resource.equals(o.resource) && this.module.equals(o.module));
  }
  compare(o: AbsResourceInstance): number {
    return this.module.compare(o.module) || this.resource.compare(o.resource);
  }
}

/** A resource in the static configuration tree: `module.net.aws_subnet.public`. */
export class ConfigResource {
  private str?: string;
  constructor(readonly module: Module, readonly resource: Resource) {}

  toString(): string {
    if (this.str === undefined) this.str = join(this.module.toString(), this.resource.toString());
    return this.str;
  }
  uniqueKey(): string { return 'cr:' + this.toString(); }
  equals(o: ConfigResource): boolean {
    return this === o || (this.resource.equals(o.resource) && this.module.equals(o.module));
  }
}

const RESERVED = new Set(['count', 'each', 'local', 'module', 'path', 'self', 'terraform', 'var', 'template', 'lazy', 'arg']);

/** The pieces of a resource (instance) address after its module prefix. */
export interface ResourceParts {
  resource: Resource;
  key: InstanceKey;
  /** True when the key was `[*]`. */
  wildcard: boolean;
  /** True when an index step was written (even `[*]`). */
  hasKey: boolean;
}

/**
 * Interprets the steps after a module prefix as `[data.|ephemeral.|resource.]TYPE.NAME[KEY]`,
 * with Terraform's messages.
 */
export function parseResourceSteps(src: string, steps: readonly TraversalStep[], allowPartial = false): Parsed<ResourceParts> {
  const err = (detail: string, at: readonly TraversalStep[]): Parsed<ResourceParts> => ({
    value: undefined,
    diags: [errorDiag('Invalid address', detail, stepsRange(src, at))],
  });
  let mode: ResourceMode = 'managed';
  let rest = steps;
  const first = rest[0];
  const rootName = first && (first.type === 'root' || first.type === 'attr') ? first.name : undefined;
  if (rootName === 'data' || rootName === 'ephemeral') {
    mode = rootName;
    rest = rest.slice(1);
  } else if (rootName === 'resource') {
    rest = rest.slice(1);
  } else if (rootName !== undefined && RESERVED.has(rootName)) {
    return err(`The keyword "${rootName}" is reserved and cannot be used to target a resource address. If you are targeting a resource type that uses a reserved keyword, please prefix your address with "resource.".`, steps);
  }
  if (rest.length < 2) return err('Resource specification must include a resource type and name.', rest.length ? rest : steps);
  const t = rest[0]!, n = rest[1]!;
  if (t.type !== 'root' && t.type !== 'attr') {
    return err(mode === 'data' ? 'A data source name is required.' : mode === 'ephemeral' ? 'An ephemeral resource type name is required.' : 'A resource type name is required.', [t]);
  }
  if (n.type !== 'attr') return err('A resource name is required.', [n]);
  const resource = new Resource(mode, t.name, n.name);
  rest = rest.slice(2);
  if (rest.length === 0) return { value: { resource, key: null, wildcard: false, hasKey: false }, diags: [] };
  if (rest.length > 1) return err('Unexpected extra operators after address.', [rest[1]!]);
  const k = rest[0]!;
  if (k.type === 'splat' && allowPartial) return { value: { resource, key: null, wildcard: true, hasKey: true }, diags: [] };
  if (k.type !== 'index') return err('Resource instance key must be given in square brackets.', [k]);
  const key = toInstanceKey(k.key);
  if (typeof key === 'object' && key !== null) return err(`Invalid resource instance key: ${key.error}.`, [k]);
  return { value: { resource, key, wildcard: false, hasKey: true }, diags: [] };
}

function parseAbs(src: string): Parsed<{ module: ModuleInstance; parts: ResourceParts; steps: TraversalStep[] }> {
  const t = parseTraversal(src);
  if (!t.value) return { value: undefined, diags: t.diags };
  const p = parseModuleInstancePrefix(src, t.value);
  if (!p.value) return { value: undefined, diags: p.diags };
  if (p.value.remain.length === 0) {
    return { value: undefined, diags: [errorDiag('Invalid address', 'A resource address is required here. The module path must be followed by a resource specification.', stepsRange(src, t.value))] };
  }
  const r = parseResourceSteps(src, p.value.remain);
  if (!r.value) return { value: undefined, diags: r.diags };
  return { value: { module: p.value.path, parts: r.value, steps: t.value }, diags: [] };
}

/** Parses `module.x.aws_instance.web`; an instance key is an error. */
export function parseAbsResource(src: string): Parsed<AbsResource> {
  const r = parseAbs(src);
  if (!r.value) return { value: undefined, diags: r.diags };
  if (r.value.parts.hasKey) {
    const last = r.value.steps[r.value.steps.length - 1]!;
    return { value: undefined, diags: [errorDiag('Invalid address', 'A resource address is required. This instance key identifies a specific resource instance, which is not expected here.', last.range)] };
  }
  return { value: new AbsResource(r.value.module, r.value.parts.resource), diags: [] };
}

/** Parses `module.x.aws_instance.web["a"]`; no key means the no-key instance. */
export function parseAbsResourceInstance(src: string): Parsed<AbsResourceInstance> {
  const r = parseAbs(src);
  if (!r.value) return { value: undefined, diags: r.diags };
  return { value: new AbsResourceInstance(r.value.module, new ResourceInstance(r.value.parts.resource, r.value.parts.key)), diags: [] };
}

/** Parses a static resource address `module.x.aws_instance.web` (no instance keys anywhere). */
export function parseConfigResource(src: string): Parsed<ConfigResource> {
  const r = parseAbsResource(src);
  if (!r.value) return { value: undefined, diags: r.diags };
  if (r.value.module.steps.some((s) => s.key !== null)) {
    return { value: undefined, diags: [errorDiag('Invalid address', 'Module instance keys are not allowed in a resource configuration address.', undefined)] };
  }
  return { value: r.value.config(), diags: [] };
}

/** Parses a resource relative to its module: `aws_instance.web`, `data.aws_ami.u`. */
export function parseResource(src: string): Parsed<Resource> {
  const t = parseTraversal(src);
  if (!t.value) return { value: undefined, diags: t.diags };
  const r = parseResourceSteps(src, t.value);
  if (!r.value) return { value: undefined, diags: r.diags };
  if (r.value.hasKey) return { value: undefined, diags: [errorDiag('Resource instance keys not allowed', 'Resource address must be a resource (e.g. "test_instance.foo"), not a resource instance (e.g. "test_instance.foo[1]").', t.value[t.value.length - 1]!.range)] };
  return { value: r.value.resource, diags: [] };
}

/** Parses a resource instance relative to its module: `aws_instance.web[0]`. */
export function parseResourceInstance(src: string): Parsed<ResourceInstance> {
  const t = parseTraversal(src);
  if (!t.value) return { value: undefined, diags: t.diags };
  const r = parseResourceSteps(src, t.value);
  if (!r.value) return { value: undefined, diags: r.diags };
  return { value: new ResourceInstance(r.value.resource, r.value.key), diags: [] };
}
