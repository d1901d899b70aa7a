/**
 * Provider instances for a run: one per provider configuration, created from the
 * registry, configured once (lazily, when first needed), closed at the end. Schemas are
 * cached per provider source. Provider diagnostics (attribute paths) become Diagnostics
 * pointing at the configuration.
 */
import type { HclBody } from '../hcl/body.js';
import { errorDiag, warningDiag, type Diagnostic, type Range } from '../hcl/diagnostic.js';
import type { Provider, ProviderDiagnostic, ProviderFactory, ProviderSchema, Schema } from '../providers/protocol.js';
import { availableProviders } from '../providers/registry.js';
import { shortProviderSource } from '../config/provider-source.js';
import type { Value } from '../lang/value.js';
import { VERSION } from '../version.js';

/** Converts provider diagnostics to Diagnostics at `range`, prefixing the summary when `prefix` is given. */
export function providerDiags(pd: readonly ProviderDiagnostic[], range?: Range, detailPrefix?: string): Diagnostic[] {
  return pd.map((d) => {
    const detail = detailPrefix ? (d.detail ? `${detailPrefix}\n\n${d.detail}` : detailPrefix) : d.detail;
    const out = d.severity === 'error' ? errorDiag(d.summary, detail, range) : warningDiag(d.summary, detail, range);
    if (d.attribute) out.extra = { attributePath: d.attribute };
    return out;
  });
}

/**
 * Where a provider's diagnostic about a resource points, as Terraform places it: at the
 * argument its attribute path names when the configuration sets it, else at the opening
 * brace of the resource's body (so the message reads "in resource ...").
 */
export function resourceDiagSubject(config: HclBody, d: ProviderDiagnostic): Range {
  const first = d.attribute?.[0];
  if (first && 'attr' in first) {
    const { content } = config.partialContent({ attributes: [{ name: first.attr }], blocks: [] });
    const a = content.attributes.get(first.attr);
    if (a) return a.expr.range;
  }
  return config.missingItemRange();
}

/**
 * providerDiags for a resource's own diagnostics, each placed by resourceDiagSubject; with
 * `address`, each names the instance (`with aws_vpc.main,`), as Terraform's do.
 */
export function resourceDiags(pd: readonly ProviderDiagnostic[], config: HclBody, detailPrefix?: string, address?: string): Diagnostic[] {
  const out = pd.flatMap((d) => providerDiags([d], resourceDiagSubject(config, d), detailPrefix));
  return address === undefined ? out : out.map((d) => ({ ...d, extra: { ...d.extra, address } }));
}

export class ProviderManager {
  private readonly factories: Map<string, ProviderFactory>;
  private readonly schemas = new Map<string, ProviderSchema>();
  private readonly instances = new Map<string, Provider>();
  private readonly configured = new Map<string, Promise<Diagnostic[]>>();

  constructor(factories?: Map<string, ProviderFactory>) {
    this.factories = factories ?? availableProviders();
  }

  /** True when terrane has this provider. */
  has(source: string): boolean {
    return this.factories.has(source);
  }

  /** The provider's version as terrane reports it. */
  version(source: string): string | undefined {
    return this.factories.get(source)?.version;
  }

  /** Every available provider source. */
  sources(): string[] {
    return [...this.factories.keys()].sort();
  }

  /** The schema of a provider (created once per source). */
  schema(source: string): ProviderSchema | undefined {
    let s = this.schemas.get(source);
    if (!s) {
      const f = this.factories.get(source);
      if (!f) return undefined;
      s = f.create().getSchema();
      this.schemas.set(source, s);
    }
    return s;
  }

  /** The schema of one resource or data source type, or undefined. */
  resourceSchema(source: string, mode: 'managed' | 'data', type: string): Schema | undefined {
    const s = this.schema(source);
    if (!s) return undefined;
    return mode === 'managed' ? s.resources[type] : s.dataSources[type];
  }

  /** The provider instance for a configuration address (created on first use). */
  instance(configAddr: string, source: string): Provider | undefined {
    let p = this.instances.get(configAddr);
    if (!p) {
      const f = this.factories.get(source);
      if (!f) return undefined;
      p = f.create();
      this.instances.set(configAddr, p);
    }
    return p;
  }

  /** Configures the instance once; later calls get the first result. */
  configure(configAddr: string, source: string, config: Value, range?: Range): Promise<Diagnostic[]> {
    let done = this.configured.get(configAddr);
    if (!done) {
      const p = this.instance(configAddr, source);
      if (!p) return Promise.resolve([errorDiag('Provider not available', `terrane does not have provider ${shortProviderSource(source)}.`, range)]);
      const validate = p.validateProviderConfig?.(config) ?? [];
      done = validate.some((d) => d.severity === 'error')
        ? Promise.resolve(providerDiags(validate, range))
        : p.configure({ config, terraformVersion: VERSION }).then((d) => providerDiags([...validate, ...d], range));
      this.configured.set(configAddr, done);
    }
    return done;
  }

  /** Whether configure has been called for this configuration. */
  isConfigured(configAddr: string): boolean {
    return this.configured.has(configAddr);
  }

  /** Closes every provider instance. */
  async closeAll(): Promise<void> {
    await Promise.all([...this.instances.values()].map((p) => p.close?.().catch(() => undefined)));
    this.instances.clear();
    this.configured.clear();
  }
}
