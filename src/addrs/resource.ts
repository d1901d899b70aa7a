/**
 * Resource addresses relative to a module: `aws_instance.web`, `data.aws_ami.u`, and
 * their instances `aws_instance.web[0]`, `aws_instance.web["a"]`.
 */
import { type InstanceKey, instanceKeyString, compareInstanceKeys, compareBytes } from './instance-key.js';

/** Managed resources (`resource` blocks), data sources (`data`), ephemeral resources. */
export type ResourceMode = 'managed' | 'data' | 'ephemeral';

/** The prefix a mode adds to an address (`data.`, `ephemeral.`; none for managed). */
export function modePrefix(mode: ResourceMode): string {
  return mode === 'managed' ? '' : mode + '.';
}

/** Words that cannot start a managed resource address unless written with a `resource.` prefix. */
export const RESERVED_ROOT_NAMES: ReadonlySet<string> = new Set(['count', 'each', 'local', 'module', 'path', 'self', 'terraform', 'var', 'template', 'lazy', 'arg', 'data', 'ephemeral', 'resource', 'list']);

/** A resource in a module: mode, type and name. */
export class Resource {
  private str?: string;
  constructor(readonly mode: ResourceMode, readonly type: string, readonly name: string) {}

  /** An instance of this resource with the given key. */
  instance(key: InstanceKey = null): ResourceInstance { return new ResourceInstance(this, key); }

  /** `aws_instance.web` / `data.aws_ami.u`. */
  toString(): string {
    if (this.str === undefined) {
      // A managed resource whose type is a keyword keeps the `resource.` prefix so it parses back.
      const prefix = this.mode === 'managed' && RESERVED_ROOT_NAMES.has(this.type) ? 'resource.' : modePrefix(this.mode);
      this.str = prefix + this.type + '.' + this.name;
    }
    return this.str;
  }
  uniqueKey(): string { return 'r:' + this.toString(); }
  equals(o: Resource): boolean {
    return this === o || (this.mode === o.mode && this.type === o.type && this.name === o.name);
  }
  /** Orders as Terraform's state file does: mode (data before managed), type, name. */
  compare(o: Resource): number {
    if (this.mode !== o.mode) return compareBytes(this.mode, o.mode);
    if (this.type !== o.type) return compareBytes(this.type, o.type);
    return compareBytes(this.name, o.name);
  }
  /**
   * The provider local name implied by the resource type: the part before the first
   * underscore (`aws_instance` -> `aws`), as Terraform assumes without a `provider` argument.
   */
  impliedProvider(): string {
    const i = this.type.indexOf('_');
    return i < 0 ? this.type : this.type.slice(0, i);
  }
}

/** One instance of a resource: the resource and its instance key (`[0]`, `["a"]` or none). */
export class ResourceInstance {
  private str?: string;
  constructor(readonly resource: Resource, readonly key: InstanceKey = null) {}

  toString(): string {
    if (this.str === undefined) this.str = this.resource.toString() + instanceKeyString(this.key);
    return this.str;
  }
  uniqueKey(): string { return 'ri:' + this.toString(); }
  equals(o: ResourceInstance): boolean {
    return this === o || (this.key === o.key && this.resource.equals(o.resource));
  }
  compare(o: ResourceInstance): number {
    return this.resource.compare(o.resource) || compareInstanceKeys(this.key, o.key);
  }
}
