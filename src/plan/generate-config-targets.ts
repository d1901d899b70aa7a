/**
 * `import` blocks whose target has no `resource` block: the checks Terraform makes on them
 * (only root-module targets without instance keys or for_each can have configuration
 * generated; without -generate-config-out the missing configuration is an error), and,
 * with -generate-config-out, a placeholder resource per target that the plan walks like
 * any other: once the object is imported, the placeholder gets the generated body.
 */
import { basename } from 'node:path';
import { parseAbsResource, parseAbsResourceInstance, type AbsProviderConfig } from '../addrs/index.js';
import type { Config, Import, Resource } from '../config/module.js';
import { defaultLifecycle } from '../config/decode-resource.js';
import { bodyOf, type BodySchema, type HclBody } from '../hcl/body.js';
import { errorDiag, hasErrors, type Diagnostic } from '../hcl/diagnostic.js';
import { parseConfig } from '../hcl/parse.js';
import type { Value } from '../lang/value.js';
import type { Schema } from '../providers/protocol.js';
import type { GeneratedResource } from './generate-config-file.js';
import { generateResourceContents, generationSchema, wrapResourceContents } from './generate-config.js';
import { traversalString } from './moves.js';
import type { PlanMode, ResourceInstanceChange } from './plan.js';

/** An import block whose target configuration will be generated. */
export interface GenerationTarget {
  /** The target instance (a root-module resource without a key), e.g. `aws_vpc.main`. */
  addr: string;
  imp: Import;
  /** The stand-in `resource` block, with an empty body until the object is imported. */
  resource: Resource;
}

/** What the checks found. */
export interface ImportTargetCheck {
  diags: Diagnostic[];
  targets: GenerationTarget[];
  /**
   * for_each import blocks whose `to` key is an expression and whose resource has no
   * configuration: their keys are checked (keyedTargetDiags) once values are known.
   */
  keyed: Import[];
}

const CONFIG_MISSING = 'Configuration for import target does not exist';

/**
 * Checks the root module's import blocks whose targets have no configuration. `generate`
 * is true with -generate-config-out; `inState` says whether an instance is already in the
 * state (then its import block has nothing left to do); `cliImport` is true for the plan
 * `terrane import ADDR ID` makes, which leaves import blocks alone.
 */
export function checkImportTargets(config: Config, opts: { generate: boolean; mode: PlanMode; inState: (addr: string) => boolean; cliImport?: boolean }): ImportTargetCheck {
  const out: ImportTargetCheck = { diags: [], targets: [], keyed: [] };
  if (opts.cliImport) return out;
  for (const imp of config.root.module.imports) {
    const to = staticTarget(imp);
    if (!to || to.mode !== 'managed') continue;
    const cfgAddr = [...to.modules.map((m) => `module.${m}`), `${to.type}.${to.name}`].join('.');
    let node: Config['root'] | undefined = config.root;
    for (const m of to.modules) node = node?.children.get(m);
    if (!node) {
      if (opts.mode !== 'destroy') {
        out.diags.push(errorDiag(CONFIG_MISSING, `The configuration for the given import target ${cfgAddr} does not exist. All target instances must have an associated configuration to be imported.`, imp.to.range));
      }
      continue;
    }
    if (node.module.managedResources.has(`${to.type}.${to.name}`)) continue;
    if (to.modules.length) {
      out.diags.push(errorDiag(CONFIG_MISSING, `Resource ${cfgAddr} not found. Only resources within the root module are eligible for config generation.`, imp.to.range));
      continue;
    }
    if (!to.static) {
      if (imp.forEach) out.keyed.push(imp);
      continue;
    }
    if (to.keyed || imp.forEach) {
      out.diags.push(errorDiag(CONFIG_MISSING, 'The given import block is not compatible with config generation. The -generate-config-out option cannot be used with import blocks which use for_each, or resources which use for_each or count.', imp.to.range));
      continue;
    }
    if (opts.mode !== 'normal' || opts.inState(cfgAddr) || out.targets.some((t) => t.addr === cfgAddr)) continue;
    if (!opts.generate) {
      out.diags.push(errorDiag(CONFIG_MISSING, `The configuration for the given import target ${cfgAddr} does not exist. If you wish to automatically generate config for this resource, use the -generate-config-out option within terrane plan. Otherwise, make sure the target resource exists within your configuration. For example:\n\n  terrane plan -generate-config-out=generated.tf`, imp.to.range));
      continue;
    }
    out.targets.push({ addr: cfgAddr, imp, resource: placeholder(to.type, to.name, imp) });
  }
  return out;
}

/** The errors for a keyed import target without configuration, given its evaluated keys. */
export function keyedTargetDiags(imp: Import, keys: readonly Value[]): Diagnostic[] {
  for (const k of keys) {
    if (!k.isKnown || k.isNull) continue;
    if (k.type.kind === 'string') return [errorDiag("Invalid import 'to' expression", 'The target resource does not use for_each.', imp.to.range)];
    if (k.type.kind === 'number') return [errorDiag("Invalid import 'to' expression", 'The target resource does not use count.', imp.to.range)];
  }
  return [];
}

/** `config` with the placeholders of `targets` added to its root module (config itself is unchanged). */
export function withGenerationTargets(config: Config, targets: readonly GenerationTarget[]): Config {
  if (!targets.length) return config;
  const managedResources = new Map(config.root.module.managedResources);
  for (const t of targets) managedResources.set(`${t.resource.type}.${t.resource.name}`, t.resource);
  return { ...config, root: { ...config.root, module: { ...config.root.module, managedResources } } };
}

/** The meta-arguments of a resource block: removed from a generated body, as Terraform does. */
const RESOURCE_META: BodySchema = {
  attributes: [{ name: 'count' }, { name: 'for_each' }, { name: 'provider' }, { name: 'depends_on' }],
  blocks: [{ type: 'lifecycle', labelNames: [] }, { type: 'connection', labelNames: [] }, { type: 'provisioner', labelNames: ['type'] }],
};

/**
 * Generates the configuration of an imported object: the block for the file, and the body
 * the plan goes on with (parsed from the generated text under the file's base name).
 */
export function generateForImport(
  addr: string, res: Resource, provider: AbsProviderConfig, schema: Schema, value: Value, importId: string, outPath: string,
): { entry: GeneratedResource; body?: HclBody; diags: Diagnostic[] } {
  const contents = generateResourceContents(res.type, generationSchema(schema.block), { type: provider.provider.type, ...(provider.alias !== undefined ? { alias: provider.alias } : {}) }, value);
  const entry: GeneratedResource = { addr, importId, config: wrapResourceContents(res.type, res.name, contents) };
  const parsed = parseConfig(contents, basename(outPath));
  if (hasErrors(parsed.diags)) return { entry, diags: parsed.diags };
  const { remain, diags } = bodyOf(parsed.file).partialContent(RESOURCE_META);
  return { entry, body: remain, diags };
}

/**
 * The generated blocks as the plan keeps them, in address order (Terraform writes them in
 * the order its walk finished them; terrane's order is stable). A block whose instance
 * failed to plan loses its import id, as in Terraform, whose stand-in change for it
 * carries the configuration but no import.
 */
export function generatedInPlan(entries: readonly GeneratedResource[], changes: readonly ResourceInstanceChange[]): GeneratedResource[] {
  return entries
    .map((g) => (changes.some((c) => c.addr === g.addr && c.importing) ? g : { addr: g.addr, config: g.config }))
    .sort((a, b) => (a.addr < b.addr ? -1 : a.addr > b.addr ? 1 : 0));
}

/** What an import block's `to` names (see staticTarget). */
export interface StaticTarget { modules: string[]; mode: string; type: string; name: string; static: boolean; keyed: boolean }

/** The resource an import block's `to` names, whether the address is static, and whether it has a key. */
export function staticTarget(imp: Import): StaticTarget | undefined {
  const to = imp.to;
  if (to.kind === 'scopeTraversal') {
    const p = parseAbsResourceInstance(traversalString(to.traversal)).value;
    if (!p) return undefined;
    const r = p.resource.resource;
    return { modules: p.module.steps.map((s) => s.name), mode: r.mode, type: r.type, name: r.name, static: true, keyed: p.key !== null };
  }
  if (to.kind === 'index' && to.collection.kind === 'scopeTraversal') {
    const p = parseAbsResource(traversalString(to.collection.traversal)).value;
    if (!p) return undefined;
    const r = p.resource;
    return { modules: p.module.steps.map((s) => s.name), mode: r.mode, type: r.type, name: r.name, static: false, keyed: true };
  }
  return undefined;
}

/** A stand-in `resource` block with an empty body for an import target without one. */
export function placeholder(type: string, name: string, imp: Import): Resource {
  // Problems with the object before its configuration exists point at the import's target.
  const body = bodyOf(parseConfig('', imp.to.range.filename, imp.to.range.start).file);
  return {
    mode: 'managed', type, name, config: body, dependsOn: [], lifecycle: defaultLifecycle(), provisionerRanges: [],
    range: imp.range, declRange: imp.range, typeRange: imp.range, ...(imp.provider ? { provider: imp.provider } : {}),
  };
}
