/**
 * Which provider configuration serves each resource: Terraform's rules of local names
 * (required_providers, or the implied `hashicorp/<prefix>`), explicit `provider = x.y`,
 * `providers = {...}` maps on module calls, and implicit inheritance of default
 * (unaliased) configurations from the calling module. A provider with no block anywhere
 * gets an implicit empty configuration in the root module.
 */
import { AbsProviderConfig, Module as ModulePath, Provider } from '../addrs/index.js';
import { errorDiag, type Diagnostic, type Range } from '../hcl/diagnostic.js';
import type { Config, ModuleNode, ProviderBlock, Resource } from '../config/module.js';
import { providerKey } from '../config/module.js';
import { impliedProviderName } from '../config/provider-source.js';

/** A provider configuration the run needs: where it is declared, and its block (if written). */
export interface ProviderConfigNode {
  addr: AbsProviderConfig;
  /** The module that declares (or implies) it. */
  node: ModuleNode;
  block?: ProviderBlock;
}

/** The full source address a local name means in a module. */
export function sourceForLocalName(node: ModuleNode, localName: string): string {
  const req = node.module.terraform.requiredProviders.get(localName);
  if (req) return req.source;
  if (localName === 'terraform') return 'terraform.io/builtin/terraform';
  return `registry.terraform.io/hashicorp/${localName}`;
}

/** Builds a Provider address from a full source string. */
export function providerFromSource(source: string): Provider {
  const [hostname, namespace, type] = source.split('/') as [string, string, string];
  return new Provider(hostname, namespace, type);
}

/** Resolves provider configurations for a whole configuration tree. */
export class ProviderResolver {
  /** Every provider configuration in use, by address string. */
  readonly configs = new Map<string, ProviderConfigNode>();
  readonly diags: Diagnostic[] = [];

  constructor(private readonly config: Config) {
    // Every written provider block is a configuration, used or not (Terraform configures them all).
    this.visit(config.root);
  }

  private visit(node: ModuleNode): void {
    for (const pb of node.module.providers.values()) {
      const addr = new AbsProviderConfig(new ModulePath(node.path), providerFromSource(sourceForLocalName(node, pb.name)), pb.alias);
      this.configs.set(addr.toString(), { addr, node, block: pb });
    }
    if (node.call) this.diags.push(...missingAliasDiags(node));
    for (const c of node.children.values()) this.visit(c);
  }

  /** Resolutions that succeeded, by module node, local name and alias (failures are reported per resource). */
  private readonly resolved = new Map<ModuleNode, Map<string, AbsProviderConfig>>();

  /**
   * The provider configuration of a resource in `node`, or undefined when the one it names
   * is not there (the caller reports that with the resource's address).
   */
  forResource(node: ModuleNode, r: Resource): AbsProviderConfig | undefined {
    const localName = r.provider?.name ?? impliedProviderName(r.type);
    const alias = r.provider?.alias;
    let byName = this.resolved.get(node);
    if (!byName) this.resolved.set(node, (byName = new Map()));
    const key = providerKey(localName, alias);
    const hit = byName.get(key);
    if (hit) return hit;
    const addr = this.resolve(node, localName, alias);
    if (addr) byName.set(key, addr);
    return addr;
  }

  /** Resolves `localName[.alias]` as seen from `node`. */
  resolve(node: ModuleNode, localName: string, alias: string | undefined): AbsProviderConfig | undefined {
    const key = providerKey(localName, alias);
    if (node.module.providers.has(key)) {
      const addr = new AbsProviderConfig(new ModulePath(node.path), providerFromSource(sourceForLocalName(node, localName)), alias);
      return this.configs.get(addr.toString())?.addr ?? addr;
    }
    const parent = this.parentOf(node);
    if (node.call && parent) {
      const passed = node.call.providers.find((p) => p.inChild.name === localName && p.inChild.alias === alias);
      if (passed) return this.resolve(parent, passed.inParent.name, passed.inParent.alias);
      if (alias === undefined) {
        // Implicit inheritance: the parent's default configuration of the same provider.
        const src = sourceForLocalName(node, localName);
        const parentName = this.localNameFor(parent, src) ?? localName;
        return this.resolve(parent, parentName, undefined);
      }
      return undefined;
    }
    if (alias !== undefined) return undefined;
    // No block anywhere: an implicit empty configuration in the root module.
    const addr = new AbsProviderConfig(new ModulePath([]), providerFromSource(sourceForLocalName(node, localName)));
    const k = addr.toString();
    if (!this.configs.has(k)) this.configs.set(k, { addr, node: this.config.root });
    return this.configs.get(k)!.addr;
  }

  private localNameFor(node: ModuleNode, source: string): string | undefined {
    for (const [name, req] of node.module.terraform.requiredProviders) if (req.source === source) return name;
    return undefined;
  }

  private parentOf(node: ModuleNode): ModuleNode | undefined {
    if (node.path.length === 0) return undefined;
    let cur = this.config.root;
    for (const step of node.path.slice(0, -1)) {
      const next = cur.children.get(step);
      if (!next) return undefined;
      cur = next;
    }
    return cur;
  }
}

/**
 * Terraform's error for a resource whose provider configuration does not exist (an alias
 * with no block, or never passed in): the same text it gives for such an object in state.
 */
export function providerNotPresentDiag(resource: string, cfgAddr: string): Diagnostic {
  return errorDiag('Provider configuration not present', `To work with ${resource} its original provider configuration at ${cfgAddr} is required, but it has been removed. This occurs when a provider configuration is removed while objects created by that provider still exist in the state. Re-add the provider configuration to destroy ${resource}, after which you can remove the provider configuration again.`);
}

/** The configuration a resource in `node` names: its own module's, whether or not it exists. */
export function namedProviderConfig(node: ModuleNode, r: Resource): AbsProviderConfig {
  const localName = r.provider?.name ?? impliedProviderName(r.type);
  return new AbsProviderConfig(new ModulePath(node.path), providerFromSource(sourceForLocalName(node, localName)), r.provider?.alias);
}

/** True when `node` declares `name.alias` in a `configuration_aliases` list. */
export function isConfigurationAlias(node: ModuleNode, name: string, alias: string | undefined): boolean {
  return alias !== undefined && (node.module.terraform.requiredProviders.get(name)?.configurationAliases.includes(alias) ?? false);
}

/**
 * Terraform's load-time check that a module call passes every `configuration_aliases`
 * entry the child declares (reported at the module block).
 */
function missingAliasDiags(node: ModuleNode): Diagnostic[] {
  const call = node.call!;
  const out: Diagnostic[] = [];
  for (const [name, req] of node.module.terraform.requiredProviders) {
    for (const alias of req.configurationAliases) {
      if (node.module.providers.has(providerKey(name, alias))) continue;
      if (call.providers.some((p) => p.inChild.name === name && p.inChild.alias === alias)) continue;
      const local = `${name}.${alias}`;
      out.push(errorDiag('Missing required provider configuration',
        `The child module requires an additional configuration for provider ${req.source}, with the local name "${local}".\n\nRefer to the module's documentation to understand the intended purpose of this additional provider configuration, and then add an entry for ${local} in the "providers" meta-argument in the module block to choose which provider configuration the module should use for that purpose.`, call.declRange));
    }
  }
  return out;
}
