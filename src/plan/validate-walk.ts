/**
 * Terraform's validate walk: every module evaluated once, whatever its count or for_each,
 * with root variables, count.index, each.* and every resource's attributes unknown. What
 * fails then fails for any values: undeclared references, count/for_each values that are
 * wrong as written, arguments that do not fit the schema. Providers are not configured.
 */
import { SmallMap } from '../hcl/small-map.js';
import { AbsResource, ModuleInstance, Resource as ResourceAddr } from '../addrs/index.js';
import type { HclBody } from '../hcl/body.js';
import type { BlockSchema, ProviderDiagnostic } from '../providers/protocol.js';
import { stripMarks } from './objchange.js';
import { resourceDiags } from './provider-manager.js';
import { ephemeralResourceDiags } from './ephemeral-checks.js';
import { errorDiag, hasErrors, type Diagnostic } from '../hcl/diagnostic.js';
import type { Config, ModuleNode, Resource } from '../config/module.js';
import { decodeBody } from '../lang/decode-body.js';
import type { Traversal } from '../hcl/ast.js';
import type { Scope } from '../lang/scope.js';
import { evaluate } from '../lang/eval.js';
import { parseRef, type Reference } from '../lang/references.js';
import { unknownVal, type Value } from '../lang/value.js';
import type { Graph } from '../graph/dag.js';
import { impliedType } from '../providers/schema.js';
import { resourceBodyRefs, type EngineNode } from './graph-build.js';
import type { RunContext } from './eval-data.js';
import type { ProviderManager } from './provider-manager.js';
import { unsupportedTypeDiag } from './unsupported-type.js';
import { expandRepetition, Walker } from './walker.js';

type ResourceNode = Extract<EngineNode, { kind: 'resource' }>;

/**
 * Runs the validate walk over a built graph; returns its diagnostics. `unwritten` are
 * stand-in blocks whose body is not written yet (plan -generate-config-out): their
 * bodies are not checked.
 */
export async function validateWalk(
  config: Config, graph: Graph<EngineNode>, providers: ProviderManager, run: RunContext, unwritten: ReadonlySet<Resource> = new Set(),
  providerWarnings = true,
): Promise<Diagnostic[]> {
  const variables = new Map<string, Value>();
  for (const v of config.root.module.variables.values()) variables.set(v.name, unknownVal(v.type));
  return new ValidateWalker(config, providers, { run, variables, parallelism: 10 }, unwritten, providerWarnings).walk(graph);
}

class ValidateWalker extends Walker {
  /**
   * `providerWarnings`: whether the providers' validation warnings are kept. A plan's own
   * walk validates each instance again and reports them there, so plan keeps errors only.
   */
  constructor(
    config: Config, providers: ProviderManager, opts: ConstructorParameters<typeof Walker>[2],
    private readonly unwritten: ReadonlySet<Resource>, private readonly providerWarnings: boolean,
  ) {
    super(config, providers, opts);
  }

  /**
   * The provider's own checks of a decoded configuration (Terraform's ValidateResourceConfig
   * and friends), unknown values included, placed at the argument each names.
   */
  private providerValidation(check: () => ProviderDiagnostic[], body: HclBody, address?: string): Diagnostic[] {
    const out = resourceDiags(check(), body, undefined, address);
    return this.providerWarnings ? out : out.filter((d) => d.severity === 'error');
  }

  protected override async visit(n: EngineNode): Promise<Diagnostic[]> {
    switch (n.kind) {
      case 'modcall': return this.visitCall(n.node, n.name);
      case 'provider': return this.visitProviderConfig(n);
      case 'resource': return this.visitResource(n);
      default: return super.visit(n);
    }
  }

  /** count/for_each checked as written; the module then evaluated once for all its instances. */
  private async visitCall(node: ModuleNode, name: string): Promise<Diagnostic[]> {
    const diags: Diagnostic[] = [];
    const call = node.module.moduleCalls.get(name)!;
    for (const mi of this.values.moduleInstances(node.path)) {
      expandRepetition(call.count, call.forEach, this.scope(node, mi), diags, true);
      const kind = call.count ? 'count' : call.forEach ? 'for_each' : 'single';
      this.values.setExpansion(mi, name, { kind, keys: [null], placeholder: true });
    }
    return diags;
  }

  /** The provider block evaluated against its schema, without configuring the provider. */
  private async visitProviderConfig(n: Extract<EngineNode, { kind: 'provider' }>): Promise<Diagnostic[]> {
    const schema = this.providers.schema(n.source);
    if (!schema || !n.cfg.block) return [];
    const mi = this.values.moduleInstances(n.cfg.node.path)[0] ?? ModuleInstance.ROOT;
    const body = n.cfg.block.config;
    const d = decodeBody(body, schema.provider.block, this.scope(n.cfg.node, mi));
    if (hasErrors(d.diags)) return d.diags;
    const p = this.providers.instance(n.cfg.addr.toString(), n.source);
    const config = stripMarks(d.value)[0];
    return [...d.diags, ...this.providerValidation(() => p?.validateProviderConfig?.(config) ?? [], body)];
  }

  /**
   * A resource body decoded against its schema; then, when it decodes, no ephemeral values
   * where state would keep them, and the provider's own validation.
   */
  private bodyDiags(n: ResourceNode, mi: ModuleInstance, scope: Scope, block: BlockSchema): Diagnostic[] {
    const { res, source } = n;
    const d = decodeBody(res.config, block, scope);
    if (hasErrors(d.diags)) return d.diags;
    const [config, marks] = stripMarks(d.value);
    // The address only for messages: most bodies have none.
    const addr = () => new AbsResource(mi, new ResourceAddr(res.mode, res.type, res.name)).toString();
    const eph = res.mode === 'managed' && marks.length ? ephemeralResourceDiags(marks, block, res.config, addr()) : [];
    if (eph.length) return [...d.diags, ...eph];
    const p = this.providers.instance(n.provider.toString(), source);
    const found = (res.mode === 'data' ? p?.validateDataSourceConfig?.(res.type, config) : p?.validateResourceConfig?.(res.type, config)) ?? [];
    return found.length ? [...d.diags, ...this.providerValidation(() => found, res.config, addr())] : d.diags;
  }

  protected async visitResource(n: ResourceNode): Promise<Diagnostic[]> {
    const { node, res, source } = n;
    const schema = this.providers.resourceSchema(source, res.mode, res.type);
    if (!schema) return this.providers.schema(source) ? [unsupportedTypeDiag(this.providers, source, res)] : [];
    const diags: Diagnostic[] = [];
    const key = `${res.mode === 'data' ? 'data.' : ''}${res.type}.${res.name}`;
    for (const mi of this.values.moduleInstances(node.path)) {
      const scope = this.scope(node, mi, { hasCount: res.count !== undefined, hasForEach: res.forEach !== undefined });
      expandRepetition(res.count, res.forEach, this.scope(node, mi), diags, true);
      diags.push(...dependsOnDiags(res, (e) => evaluate(e, scope).diags));
      if (this.unwritten.has(res)) continue;
      // As Terraform's EvalBlock: undeclared objects are reported alone, before evaluating.
      const undeclared = n.suspectRefs ? undeclaredObjectDiags(resourceBodyRefs(res, schema.block), scope) : [];
      diags.push(...(undeclared.length ? undeclared : this.bodyDiags(n, mi, scope, schema.block)));
      if (res.count || res.forEach) this.values.setResource(mi, key, { kind: res.count ? 'count' : 'for_each', instances: new SmallMap(), unknownExpansion: true });
      else this.values.setResourceInstance(mi, key, 'single', null, unknownVal(impliedType(schema.block)));
    }
    return diags;
  }
}

/** Terraform's StaticValidateReferences: references to resources and module calls that are not declared. */
function undeclaredObjectDiags(refs: readonly Reference[], scope: Scope): Diagnostic[] {
  const out: Diagnostic[] = [];
  const data = scope.data!;
  for (const s of refs) {
    const sub = s.subject;
    const got = sub.kind === 'resource' ? data.getResource(sub.mode, sub.type, sub.name, s.range) : sub.kind === 'module' ? data.getModule(sub.name, s.range) : undefined;
    if (Array.isArray(got)) out.push(...got);
  }
  return out;
}

/**
 * Terraform's validateDependsOn: each entry names a whole object, and one that exists
 * (checked by evaluating it, which reports undeclared ones).
 */
function dependsOnDiags(res: Resource, evalDiags: (e: Parameters<typeof evaluate>[0]) => Diagnostic[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const t of res.dependsOn) {
    const { ref, diags } = parseRef(t);
    out.push(...diags);
    if (ref && ref.remaining.length) {
      const first = ref.remaining[0]!.range, last = ref.remaining[ref.remaining.length - 1]!.range;
      out.push(errorDiag('Invalid depends_on reference', 'References in depends_on must be to a whole object (resource, etc), not to an attribute of an object.', { filename: first.filename, start: first.start, end: last.end }));
    }
    if (!hasErrors(diags)) out.push(...evalDiags({ kind: 'scopeTraversal', traversal: t, range: t.range } as never));
  }
  return out;
}
