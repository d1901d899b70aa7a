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
    for (const c of node.children.values()) this.visit(c);
  }

  /** Resolutions that succeeded, by module node, local name and alias (failures are reported per resource). */
  private readonly resolved = new Map<ModuleNode, Map<string, AbsProviderConfig>>();

  /** The provider configuration of a resource in `node`. */
  forResource(node: ModuleNode, r: Resource): AbsProviderConfig | undefined {
    const localName = r.provider?.name ?? impliedProviderName(r.type);
    const alias = r.provider?.alias;
    let byName = this.resolved.get(node);
    if (!byName) this.resolved.set(node, (byName = new Map()));
    const key = providerKey(localName, alias);
    const hit = byName.get(key);
    if (hit) return hit;
    const addr = this.resolve(node, localName, alias, r.provider?.range ?? r.declRange);
    if (addr) byName.set(key, addr);
    return addr;
  }

  /** Resolves `localName[.alias]` as seen from `node`. */
  resolve(node: ModuleNode, localName: string, alias: string | undefined, range: Range): AbsProviderConfig | undefined {
    const key = providerKey(localName, alias);
    if (node.module.providers.has(key)) {
      const addr = new AbsProviderConfig(new ModulePath(node.path), providerFromSource(sourceForLocalName(node, localName)), alias);
      return this.configs.get(addr.toString())?.addr ?? addr;
    }
    const parent = this.parentOf(node);
    if (node.call && parent) {
      const passed = node.call.providers.find((p) => p.inChild.name === localName && p.inChild.alias === alias);
      if (passed) return this.resolve(parent, passed.inParent.name, passed.inParent.alias, passed.inParent.range);
      if (alias === undefined) {
        // Implicit inheritance: the parent's default configuration of the same provider.
        const src = sourceForLocalName(node, localName);
        const parentName = this.localNameFor(parent, src) ?? localName;
        return this.resolve(parent, parentName, undefined, range);
      }
      this.diags.push(errorDiag('Provider configuration not present',
        `To work with this resource, the module needs a configuration for provider ${localName}.${alias}, passed by the calling module in its "providers" argument.`, range));
      return undefined;
    }
    if (alias !== undefined) {
      this.diags.push(errorDiag('Provider configuration not present',
        `There is no provider "${localName}" block with alias = "${alias}" in this module. Add one, or refer to an existing configuration.`, range));
      return undefined;
    }
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
