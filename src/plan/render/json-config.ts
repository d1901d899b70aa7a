/**
 * The `configuration` object of Terraform's JSON plan format (`show -json PLANFILE`): the
 * provider configurations of the whole tree, and per module its outputs, resources (with
 * their argument expressions as `constant_value` or `references`), module calls and
 * variables. Maps are written with sorted keys, as Go's encoding/json does.
 */
import type { Expression } from '../../hcl/ast.js';
import type { HclBody } from '../../hcl/body.js';
import type { Config, ModuleNode, Resource } from '../../config/module.js';
import { providerKey } from '../../config/module.js';
import { evaluate } from '../../lang/eval.js';
import { traversalStr } from '../../lang/diag-values.js';
import { parseRef, subjectString, traversalsOf } from '../../lang/references.js';
import { isWhollyKnown } from '../../lang/value.js';
import type { DecodeBlock } from '../../lang/decode-body.js';
import { ProviderResolver } from '../provider-resolve.js';
import { plainJSON } from './json-values.js';
import type { SchemaLookup } from './json-state.js';

/** The provider configuration schema of a provider source, when terrane has it. */
export type ProviderSchemaLookup = (providerSource: string) => DecodeBlock | undefined;

/** Terraform's expression object: `constant_value` when it needs nothing, else its `references`. */
export interface JsonExpression { constant_value?: unknown; references?: string[] }

type Json = Record<string, unknown>;

function sortedObject(entries: Iterable<[string, unknown]>): Json {
  const o: Json = {};
  for (const [k, v] of [...entries].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) o[k] = v;
  return o;
}

function sortKeysDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeysDeep);
  if (v && typeof v === 'object') return sortedObject(Object.entries(v as Json).map(([k, x]) => [k, sortKeysDeep(x)]));
  return v;
}

/**
 * Terraform's marshalExpression: the value when the expression evaluates with no scope
 * at all, and every reference unwrapped step by step down to its subject (plus the
 * resource or module call without instance key).
 */
export function expressionJSON(e: Expression | undefined): JsonExpression {
  const out: JsonExpression = {};
  if (!e) return out;
  const r = evaluate(e, {});
  if (!r.diags.some((d) => d.severity === 'error') && isWhollyKnown(r.value)) out.constant_value = sortKeysDeep(plainJSON(r.value));
  const refs: string[] = [];
  for (const t of traversalsOf(e)) {
    const p = parseRef(t);
    if (!p.ref) continue;
    const subject = subjectString(p.ref.subject);
    for (let n = p.ref.remaining.length; n > 0; n--) refs.push(subject + traversalStr({ ...t, root: '', steps: p.ref.remaining.slice(0, n) }));
    refs.push(subject);
    const s = p.ref.subject;
    if (s.kind === 'resource' && s.key !== undefined) refs.push(subjectString({ ...s, key: undefined }));
    // An output reference adds its module call instance; a keyed call adds the call.
    if (s.kind === 'module' && s.output !== undefined) refs.push(subjectString({ ...s, output: undefined }));
    else if (s.kind === 'module' && s.key !== undefined) refs.push(`module.${s.name}`);
  }
  if (refs.length) out.references = refs;
  return out;
}

const isEmpty = (e: JsonExpression): boolean => e.constant_value === undefined && e.references === undefined;

/** Terraform's marshalExpressions: the arguments and nested blocks of a body, by its schema. */
export function expressionsJSON(body: HclBody, schema: DecodeBlock): Json {
  const { content } = body.partialContent({
    attributes: Object.keys(schema.attributes).map((name) => ({ name })),
    blocks: Object.entries(schema.blockTypes).map(([type, nb]) => ({ type, labelNames: nb.nesting === 'map' ? ['key'] : [] })),
  });
  const out = new Map<string, unknown>();
  for (const [name, a] of content.attributes) out.set(name, expressionJSON(a.expr));
  for (const b of content.blocks) {
    const nb = schema.blockTypes[b.type];
    if (!nb) continue;
    const inner = expressionsJSON(b.body, nb.block);
    if (nb.nesting === 'single' || nb.nesting === 'group') out.set(b.type, inner);
    else if (nb.nesting === 'map') out.set(b.type, sortedObject([...Object.entries((out.get(b.type) as Json | undefined) ?? {}), [b.labels[0] ?? '', inner]]));
    else out.set(b.type, [...((out.get(b.type) as unknown[] | undefined) ?? []), inner]);
  }
  return sortedObject(out);
}

const moduleAddr = (node: ModuleNode): string => node.path.map((p) => `module.${p}`).join('.');
const opaqueKey = (provider: string, addr: string): string => (addr ? `${addr}:${provider}` : provider);

/** The local name a module gives a provider source. */
function localName(node: ModuleNode, source: string, fallback: string): string {
  for (const [name, req] of node.module.terraform.requiredProviders) if (req.source === source) return name;
  return fallback;
}

function dependsOn(ts: readonly import('../../hcl/ast.js').Traversal[]): string[] | undefined {
  if (!ts.length) return undefined;
  return ts.map((t) => { const p = parseRef(t); return p.ref ? subjectString(p.ref.subject) : ''; });
}

class ConfigMarshaller {
  readonly resolver: ProviderResolver;
  readonly providerConfigs = new Map<string, Json>();

  constructor(readonly config: Config, readonly schemas: SchemaLookup, readonly providerSchema?: ProviderSchemaLookup) {
    this.resolver = new ProviderResolver(config);
  }

  /** The provider_config key of the configuration a resource uses (resolved through module calls). */
  private resourceProviderKey(node: ModuleNode, r: Resource): { key: string; source?: string } {
    const addr = this.resolver.forResource(node, r);
    if (!addr) return { key: opaqueKey(providerKey(r.provider?.name ?? r.type.split('_')[0]!, r.provider?.alias), moduleAddr(node)) };
    const source = addr.provider.toString();
    const cfg = this.resolver.configs.get(addr.toString());
    const owner = cfg?.node ?? this.config.root;
    const name = cfg?.block?.name ?? localName(owner, source, addr.provider.type);
    const key = opaqueKey(providerKey(name, addr.alias), moduleAddr(owner));
    if (!this.providerConfigs.has(key)) this.providerConfigs.set(key, this.providerEntry(owner, name, source, addr.alias, cfg?.block?.config));
    return { key, source };
  }

  private providerEntry(owner: ModuleNode, name: string, source: string, alias?: string, body?: HclBody): Json {
    const e: Json = { name, full_name: source };
    if (alias) e.alias = alias;
    const version = owner.module.terraform.requiredProviders.get(name)?.version;
    if (version) e.version_constraint = version;
    if (owner.path.length) e.module_address = moduleAddr(owner);
    const schema = this.providerSchema?.(source);
    if (body && schema) {
      const ex = expressionsJSON(body, schema);
      if (Object.keys(ex).length) e.expressions = ex;
    }
    return e;
  }

  /** Provider blocks and required providers that no resource uses still appear, as in Terraform. */
  declaredProviders(node: ModuleNode): void {
    const addr = moduleAddr(node);
    for (const pb of node.module.providers.values()) {
      const key = opaqueKey(providerKey(pb.name, pb.alias), addr);
      const source = node.module.terraform.requiredProviders.get(pb.name)?.source ?? (pb.name === 'terraform' ? 'terraform.io/builtin/terraform' : `registry.terraform.io/hashicorp/${pb.name}`);
      if (!this.providerConfigs.has(key)) this.providerConfigs.set(key, this.providerEntry(node, pb.name, source, pb.alias, pb.config));
    }
    if (node.path.length === 0) {
      for (const [name, req] of node.module.terraform.requiredProviders) {
        if (!this.providerConfigs.has(name)) this.providerConfigs.set(name, this.providerEntry(node, name, req.source));
      }
    }
    for (const c of node.children.values()) this.declaredProviders(c);
  }

  module(node: ModuleNode): Json {
    const m = node.module;
    const out: Json = {};
    const outputs = sortedObject([...m.outputs.values()].map((o) => {
      const j: Json = {};
      if (o.sensitive) j.sensitive = true;
      j.expression = expressionJSON(o.expr);
      const deps = dependsOn(o.dependsOn);
      if (deps) j.depends_on = deps;
      if (o.description) j.description = o.description;
      return [o.name, j];
    }));
    if (Object.keys(outputs).length) out.outputs = outputs;
    const resources = [...this.resources(node, [...m.managedResources.values()]), ...this.resources(node, [...m.dataResources.values()])];
    if (resources.length) out.resources = resources;
    const calls = sortedObject([...m.moduleCalls.values()].map((mc) => [mc.name, this.moduleCall(node, mc.name)]));
    if (Object.keys(calls).length) out.module_calls = calls;
    const vars = sortedObject([...m.variables.values()].map((v) => {
      const j: Json = {};
      if (v.default !== undefined) j.default = sortKeysDeep(plainJSON(v.default));
      if (v.description) j.description = v.description;
      if (v.sensitive) j.sensitive = true;
      return [v.name, j];
    }));
    if (Object.keys(vars).length) out.variables = vars;
    return out;
  }

  private resources(node: ModuleNode, rs: Resource[]): Json[] {
    const out = rs.map((r) => {
      const address = `${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`;
      const { key, source } = this.resourceProviderKey(node, r);
      const schema = source ? this.schemas(source, r.mode, r.type) : undefined;
      const j: Json = { address, mode: r.mode, type: r.type, name: r.name, provider_config_key: key };
      const ex = schema ? expressionsJSON(r.config, schema.block) : {};
      if (Object.keys(ex).length) j.expressions = ex;
      j.schema_version = schema?.version ?? 0;
      const count = expressionJSON(r.count);
      if (!isEmpty(count)) j.count_expression = count;
      else {
        const fe = expressionJSON(r.forEach);
        if (!isEmpty(fe)) j.for_each_expression = fe;
      }
      const deps = dependsOn(r.dependsOn);
      if (deps) j.depends_on = deps;
      return j;
    });
    return out.sort((a, b) => (String(a.address) < String(b.address) ? -1 : String(a.address) > String(b.address) ? 1 : 0));
  }

  private moduleCall(node: ModuleNode, name: string): Json {
    const mc = node.module.moduleCalls.get(name)!;
    const child = node.children.get(name);
    if (!child) return {};
    const j: Json = { source: mc.source };
    const ex = sortedObject([...mc.inputs].filter(([k]) => child.module.variables.has(k)).map(([k, v]) => [k, expressionJSON(v.expr)]));
    if (Object.keys(ex).length) j.expressions = ex;
    const count = expressionJSON(mc.count);
    if (!isEmpty(count)) j.count_expression = count;
    else {
      const fe = expressionJSON(mc.forEach);
      if (!isEmpty(fe)) j.for_each_expression = fe;
    }
    j.module = this.module(child);
    if (mc.version) j.version_constraint = mc.version;
    const deps = dependsOn(mc.dependsOn);
    if (deps) j.depends_on = deps;
    return j;
  }
}

/** The whole `configuration` object. */
export function configurationJSON(config: Config, schemas: SchemaLookup, providerSchema?: ProviderSchemaLookup): Json {
  const m = new ConfigMarshaller(config, schemas, providerSchema);
  const root = m.module(config.root);
  m.declaredProviders(config.root);
  const out: Json = {};
  if (m.providerConfigs.size) out.provider_config = sortedObject(m.providerConfigs);
  out.root_module = root;
  return out;
}
