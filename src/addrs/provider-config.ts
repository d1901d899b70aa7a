/**
 * Provider configuration addresses: which `provider` block serves a resource.
 * Absolute form (state files): `provider["registry.terraform.io/hashicorp/aws"].west`,
 * `module.x.provider["registry.terraform.io/hashicorp/aws"]`. Local form (configuration):
 * `aws`, `aws.west`.
 */
import { errorDiag } from '../hcl/diagnostic.js';
import { hclQuote } from './instance-key.js';
import { Module } from './module.js';
import { LEGACY_NAMESPACE, DEFAULT_REGISTRY_HOST, Provider, parseProviderSource } from './provider.js';
import { parseTraversal, stepsRange, type Parsed } from './traversal.js';

/** A provider configuration in a module: the provider, and the alias (if any). */
export class AbsProviderConfig {
  private str?: string;
  constructor(readonly module: Module, readonly provider: Provider, readonly alias?: string) {}

  /** `module.x.provider["registry.terraform.io/hashicorp/aws"].west`. */
  toString(): string {
    if (this.str === undefined) {
      let s = `provider[${hclQuote(this.provider.toString())}]`;
      if (this.alias !== undefined) s += '.' + this.alias;
      this.str = this.module.isRoot ? s : `${this.module.toString()}.${s}`;
    }
    return this.str;
  }
  uniqueKey(): string { return 'pc:' + this.toString(); }
  equals(o: AbsProviderConfig): boolean {
    return this === o || (this.alias === o.alias && this.provider.equals(o.provider) && this.module.equals(o.module));
  }
}

/** A provider configuration as configuration refers to it: `aws` or `aws.west`. */
export class LocalProviderConfig {
  constructor(readonly localName: string, readonly alias?: string) {}
  toString(): string { return this.alias === undefined ? this.localName : `${this.localName}.${this.alias}`; }
  uniqueKey(): string { return 'lpc:' + this.toString(); }
  equals(o: LocalProviderConfig): boolean { return this.localName === o.localName && this.alias === o.alias; }
}

/**
 * Parses an absolute provider configuration address as found in state files. Also
 * accepts the pre-0.13 forms `provider.aws` / `module.x.provider.aws.west`, giving a
 * provider in the legacy namespace `-`.
 */
export function parseAbsProviderConfig(src: string): Parsed<AbsProviderConfig> {
  const t = parseTraversal(src);
  if (!t.value) return { value: undefined, diags: t.diags };
  const steps = t.value;
  const fail = (detail: string, at = steps): Parsed<AbsProviderConfig> => ({
    value: undefined,
    diags: [errorDiag('Invalid provider configuration address', detail, stepsRange(src, at))],
  });
  const names: string[] = [];
  let i = 0;
  for (;;) {
    const s = steps[i];
    if (!s || (s.type !== 'root' && s.type !== 'attr')) return fail('Provider address must begin with "provider.", followed by a provider type name.');
    if (s.name !== 'module') break;
    const n = steps[i + 1];
    if (!n || n.type !== 'attr') return fail('Prefix "module." must be followed by a module name.');
    if (steps[i + 2]?.type === 'index') return fail('Provider address cannot contain module indexes.', [steps[i + 2]!]);
    names.push(n.name);
    i += 2;
  }
  if ((steps[i] as { name?: string }).name !== 'provider') return fail('Provider address must begin with "provider.", followed by a provider type name.');
  const typeStep = steps[i + 1];
  let provider: Provider;
  if (typeStep?.type === 'index' && typeof typeStep.key === 'string') {
    const p = parseProviderSource(typeStep.key);
    if (!p.value) return { value: undefined, diags: p.diags };
    provider = p.value;
  } else if (typeStep?.type === 'attr') {
    provider = new Provider(DEFAULT_REGISTRY_HOST, LEGACY_NAMESPACE, typeStep.name);
  } else {
    return fail('The prefix "provider." must be followed by a provider type name.');
  }
  let alias: string | undefined;
  const aliasStep = steps[i + 2];
  if (aliasStep) {
    if (aliasStep.type !== 'attr') return fail('Provider type name must be followed by a configuration alias name.', [aliasStep]);
    alias = aliasStep.name;
  }
  if (steps.length > i + 3) return fail('Extraneous operators after provider configuration alias.', steps.slice(i + 3));
  return { value: new AbsProviderConfig(new Module(names), provider, alias), diags: [] };
}

/** Parses `aws` or `aws.west` (the `provider` argument of a resource). */
export function parseLocalProviderConfig(src: string): Parsed<LocalProviderConfig> {
  const t = parseTraversal(src);
  if (!t.value) return { value: undefined, diags: t.diags };
  const [root, alias, extra] = t.value;
  if (alias && alias.type !== 'attr') {
    return { value: undefined, diags: [errorDiag('Invalid provider configuration reference', 'Provider name must either stand alone or be followed by a period and then a configuration alias.', alias.range)] };
  }
  if (extra) {
    return { value: undefined, diags: [errorDiag('Invalid provider configuration reference', 'Extraneous extra operators after provider configuration reference.', extra.range)] };
  }
  return { value: new LocalProviderConfig((root as { name: string }).name, alias?.name), diags: [] };
}
