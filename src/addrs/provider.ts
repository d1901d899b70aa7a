/**
 * Provider source addresses: `registry.terraform.io/hashicorp/aws`, written in
 * configuration as `hashicorp/aws` or implied from a local name (`aws`).
 */
import { errorDiag } from '../hcl/diagnostic.js';
import type { Parsed } from './traversal.js';

/** The public registry's hostname, omitted when a source address is displayed. */
export const DEFAULT_REGISTRY_HOST = 'registry.terraform.io';
/** The namespace of providers implied from a local name. */
export const DEFAULT_NAMESPACE = 'hashicorp';
/** The host and namespace of providers built into Terraform (the `terraform` provider). */
export const BUILTIN_HOST = 'terraform.io';
export const BUILTIN_NAMESPACE = 'builtin';
/** The namespace Terraform 0.12 state files imply (`-`), before provider sources existed. */
export const LEGACY_NAMESPACE = '-';

/** A provider's fully-qualified source address. */
export class Provider {
  private str?: string;
  constructor(readonly hostname: string, readonly namespace: string, readonly type: string) {}

  /** `registry.terraform.io/hashicorp/aws`. */
  toString(): string {
    if (this.str === undefined) this.str = `${this.hostname}/${this.namespace}/${this.type}`;
    return this.str;
  }
  /** The short form people write: `hashicorp/aws` (hostname shown only when not the public registry). */
  forDisplay(): string {
    return this.hostname === DEFAULT_REGISTRY_HOST ? `${this.namespace}/${this.type}` : this.toString();
  }
  uniqueKey(): string { return 'p:' + this.toString(); }
  equals(o: Provider): boolean {
    return this === o || (this.hostname === o.hostname && this.namespace === o.namespace && this.type === o.type);
  }
  get isBuiltIn(): boolean { return this.hostname === BUILTIN_HOST && this.namespace === BUILTIN_NAMESPACE; }
  get isLegacy(): boolean { return this.namespace === LEGACY_NAMESPACE; }
  get isDefault(): boolean { return this.hostname === DEFAULT_REGISTRY_HOST && this.namespace === DEFAULT_NAMESPACE; }
}

/**
 * The provider Terraform assumes for a local name with no `required_providers` entry:
 * `hashicorp/<name>`, except `terraform`, which is built in.
 */
export function impliedProvider(localName: string): Provider {
  if (localName === 'terraform') return new Provider(BUILTIN_HOST, BUILTIN_NAMESPACE, 'terraform');
  return new Provider(DEFAULT_REGISTRY_HOST, DEFAULT_NAMESPACE, localName);
}

const NAME_PART = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const HOST = /^[a-z0-9.-]+(?::[0-9]+)?$/;

/**
 * Parses a `source` string from `required_providers`: `TYPE`, `NAMESPACE/TYPE` or
 * `HOSTNAME/NAMESPACE/TYPE`. Names are case-insensitive and normalised to lower case.
 */
export function parseProviderSource(src: string): Parsed<Provider> {
  const bad = (detail: string): Parsed<Provider> => ({
    value: undefined,
    diags: [errorDiag('Invalid provider source address', `The source address "${src}" is not valid: ${detail}`)],
  });
  const parts = src.split('/');
  if (parts.length > 3) return bad('a provider source address has at most three parts, separated by slashes: [HOSTNAME/]NAMESPACE/TYPE.');
  if (parts.some((p) => p === '')) return bad('source address parts must not be empty.');
  const [hostRaw, nsRaw, typeRaw] = parts.length === 3 ? parts : parts.length === 2 ? [DEFAULT_REGISTRY_HOST, ...parts] : [DEFAULT_REGISTRY_HOST, DEFAULT_NAMESPACE, parts[0]!];
  const host = hostRaw!.toLowerCase(), ns = nsRaw!.toLowerCase(), type = typeRaw!.toLowerCase();
  if (!HOST.test(host)) return bad(`"${hostRaw}" is not a valid hostname.`);
  if (ns !== LEGACY_NAMESPACE && !NAME_PART.test(ns)) return bad(`invalid provider namespace "${nsRaw}": must contain only letters, digits and dashes, and may not start or end with a dash.`);
  if (!NAME_PART.test(type)) return bad(`invalid provider type "${typeRaw}": must contain only letters, digits and dashes, and may not start or end with a dash.`);
  if (type.startsWith('terraform-provider-')) return bad(`the "terraform-provider-" prefix is not part of a provider type; did you mean "${type.slice('terraform-provider-'.length)}"?`);
  if (parts.length === 1 && type === 'terraform') return { value: impliedProvider('terraform'), diags: [] };
  return { value: new Provider(host, ns, type), diags: [] };
}
