/**
 * The dependency graph of a configuration: one node per variable, local, output,
 * resource, module call (its expansion) and provider configuration in each module, with
 * edges from references and depends_on (Terraform's reference and module transformers).
 * Instances are expanded during the walk, not here.
 */
import type { Expression, Traversal } from '../hcl/ast.js';
import { errorDiag, type Diagnostic } from '../hcl/diagnostic.js';
import type { Config, ModuleNode, Resource } from '../config/module.js';
import { Graph } from '../graph/dag.js';
import { findCycles } from '../graph/cycles.js';
import { parseRef, traversalsOf, type Reference } from '../lang/references.js';
import { bodyTraversals } from '../lang/decode-body.js';
import type { AbsProviderConfig } from '../addrs/index.js';
import { isConfigurationAlias, namedProviderConfig, providerNotPresentDiag, type ProviderConfigNode, type ProviderResolver } from './provider-resolve.js';
import type { ProviderManager } from './provider-manager.js';

export type EngineNode =
  | { kind: 'var'; node: ModuleNode; name: string }
  | { kind: 'local'; node: ModuleNode; name: string }
  | { kind: 'output'; node: ModuleNode; name: string }
  | {
    kind: 'resource'; node: ModuleNode; res: Resource; provider: AbsProviderConfig; source: string;
    /**
     * Set when the body reads the resource itself or an object its module does not declare:
     * only then do the validate and plan walks parse the body's references again to report it.
     */
    suspectRefs?: true;
  }
  | { kind: 'modcall'; node: ModuleNode; name: string }
  | { kind: 'provider'; cfg: ProviderConfigNode; source: string };

const p = (node: ModuleNode) => node.path.join('.');
/** Graph keys. */
export const keys = {
  var: (n: ModuleNode, name: string) => `var:${p(n)}:${name}`,
  local: (n: ModuleNode, name: string) => `local:${p(n)}:${name}`,
  output: (n: ModuleNode, name: string) => `output:${p(n)}:${name}`,
  resource: (n: ModuleNode, r: { mode: string; type: string; name: string }) => `resource:${p(n)}:${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`,
  modcall: (n: ModuleNode, name: string) => `modcall:${p(n)}:${name}`,
  provider: (addr: string) => `provider:${addr}`,
};

/** Terraform's display name of a graph node (used in cycle errors and `terrane graph`). */
export function nodeDisplayName(n: EngineNode): string {
  const prefix = 'node' in n && n.node.path.length ? n.node.path.map((s) => `module.${s}`).join('.') + '.' : '';
  switch (n.kind) {
    case 'var': return `${prefix}var.${n.name}`;
    case 'local': return `${prefix}local.${n.name}`;
    case 'output': return `${prefix}output.${n.name}`;
    case 'resource': return resourceDisplayName(n.node, n.res);
    case 'modcall': return `${prefix}module.${n.name}`;
    case 'provider': return n.cfg.addr.toString();
  }
}

/**
 * A node as Terraform's validate graph names it in a `Cycle: ...` error: resources and
 * providers by address, the other objects by their expansion node (`local.a (expand)`).
 */
function cycleNodeName(n: EngineNode): string {
  const name = nodeDisplayName(n);
  return n.kind === 'resource' || n.kind === 'provider' ? name : `${name} (expand)`;
}

/** `module.m.data.t.n`: a resource's address in its module, without instance keys. */
function resourceDisplayName(node: ModuleNode, r: { mode: string; type: string; name: string }): string {
  const prefix = node.path.map((s) => `module.${s}.`).join('');
  return `${prefix}${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`;
}

export interface BuiltGraph {
  graph: Graph<EngineNode>;
  diags: Diagnostic[];
  /**
   * Each reference to a module as a whole (`module.m` in an expression or depends_on), as
   * [referrer, module call key]: Terraform has such a referrer wait for `module.m (close)`.
   */
  moduleRefs: [string, string][];
  /**
   * With `instanceRefs` asked for: per referring node, the resources it reads with a literal
   * instance key only (`aws_subnet.a[0]`), by resource key, with those keys. A resource
   * read whole anywhere in the node is absent. `terrane graph` draws an apply-time edge to
   * just those instances, as Terraform does.
   */
  instanceRefs?: Map<string, Map<string, Set<number | string>>>;
}

/** Builds the graph; reports cycles (naming every node in each) as errors. */
export function buildGraph(config: Config, resolver: ProviderResolver, providers: ProviderManager, opts: { instanceRefs?: boolean } = {}): BuiltGraph {
  const g = new Graph<EngineNode>();
  const diags: Diagnostic[] = [];
  const pending: [string, ModuleNode, readonly Reference[]][] = [];
  // depends_on lists, for the modules they name (see below).
  const dependsOn: [string, ModuleNode, Traversal[]][] = [];

  for (const cfg of resolver.configs.values()) {
    const source = cfg.addr.provider.toString();
    g.add(keys.provider(cfg.addr.toString()), { kind: 'provider', cfg, source });
  }

  const visit = (node: ModuleNode, parent?: ModuleNode) => {
    const m = node.module;
    const own: string[] = [];
    for (const v of m.variables.values()) {
      const k = keys.var(node, v.name);
      g.add(k, { kind: 'var', node, name: v.name });
      own.push(k);
      const refs: Traversal[] = [];
      for (const val of v.validations) refs.push(...traversalsOf(val.condition), ...traversalsOf(val.errorMessage));
      pending.push([k, node, parsed(refs.filter((t) => !(t.root === 'var' && t.steps[0]?.kind === 'attr' && t.steps[0].name === v.name)))]);
      if (parent && node.call) {
        const input = node.call.inputs.get(v.name);
        if (input) pending.push([k, parent, parsed(traversalsOf(input.expr))]);
      }
    }
    for (const l of m.locals.values()) {
      const k = keys.local(node, l.name);
      g.add(k, { kind: 'local', node, name: l.name });
      own.push(k);
      pending.push([k, node, parsed(traversalsOf(l.expr))]);
    }
    for (const o of m.outputs.values()) {
      const k = keys.output(node, o.name);
      g.add(k, { kind: 'output', node, name: o.name });
      own.push(k);
      const refs = [...traversalsOf(o.expr), ...o.dependsOn];
      for (const pc of o.preconditions) refs.push(...traversalsOf(pc.condition), ...traversalsOf(pc.errorMessage));
      pending.push([k, node, parsed(refs)]);
      dependsOn.push([k, node, o.dependsOn]);
    }
    for (const r of [...m.managedResources.values(), ...m.dataResources.values(), ...[...m.checks.values()].flatMap((c) => c.data)]) {
      const k = keys.resource(node, r);
      const provider = resolver.forResource(node, r);
      if (!provider) {
        // An undeclared configuration_aliases entry is already reported at the module call.
        if (!isConfigurationAlias(node, r.provider?.name ?? '', r.provider?.alias)) diags.push(providerNotPresentDiag(resourceDisplayName(node, r), namedProviderConfig(node, r).toString()));
        continue;
      }
      const source = provider.provider.toString();
      const schema = providers.resourceSchema(source, r.mode, r.type);
      g.add(k, { kind: 'resource', node, res: r, provider, source });
      own.push(k);
      const pk = keys.provider(provider.toString());
      // Implied (block-less) configurations appear as resources are resolved.
      if (!g.has(pk)) g.add(pk, { kind: 'provider', cfg: resolver.configs.get(provider.toString())!, source });
      g.connect(k, pk);
      const refs: Traversal[] = [...r.dependsOn];
      const exprs: Expression[] = [];
      if (r.count) exprs.push(r.count);
      if (r.forEach) exprs.push(r.forEach);
      for (const e of r.lifecycle.replaceTriggeredBy) exprs.push(e);
      for (const c of [...r.lifecycle.preconditions, ...r.lifecycle.postconditions]) exprs.push(c.condition, c.errorMessage);
      for (const e of exprs) refs.push(...traversalsOf(e));
      const all = parsed(refs);
      if (schema) for (const ref of resourceBodyRefs(r, schema.block)) all.push(ref);
      pending.push([k, node, all.filter((ref) => ref.subject.kind !== 'self')]);
      dependsOn.push([k, node, r.dependsOn]);
    }
    for (const mc of m.moduleCalls.values()) {
      const k = keys.modcall(node, mc.name);
      g.add(k, { kind: 'modcall', node, name: mc.name });
      own.push(k);
      const refs: Traversal[] = [...mc.dependsOn];
      if (mc.count) refs.push(...traversalsOf(mc.count));
      if (mc.forEach) refs.push(...traversalsOf(mc.forEach));
      pending.push([k, node, parsed(refs)]);
      dependsOn.push([k, node, mc.dependsOn]);
    }
    // Everything in a called module waits for the call's expansion.
    if (parent && node.call) {
      const mk = keys.modcall(parent, node.call.name);
      for (const k of own) if (k !== mk) g.add(mk, { kind: 'modcall', node: parent, name: node.call.name }).connect(k, mk);
    }
    for (const child of node.children.values()) visit(child, node);
  };
  visit(config.root);
  diags.unshift(...resolver.diags);

  for (const cfg of resolver.configs.values()) {
    if (!cfg.block) continue;
    const schema = providers.schema(cfg.addr.provider.toString());
    if (schema) pending.push([keys.provider(cfg.addr.toString()), cfg.node, parsed(bodyTraversals(cfg.block.config, schema.provider.block))]);
  }

  const moduleRefs: [string, string][] = [];
  const instanceRefs = opts.instanceRefs ? new Map<string, Map<string, Set<number | string>>>() : undefined;
  for (const [from, node, refs] of pending) {
    if (instanceRefs) recordInstanceRefs(instanceRefs, from, node, refs);
    const fromNode = g.get(from);
    for (const ref of refs) {
      for (const to of refTargetsOf(ref, node)) {
        if (to !== from && g.has(to)) g.connect(from, to);
        // The resource itself, or a resource or module call with no node (see suspectRefs;
        // an ephemeral resource has none either). A false alarm only costs a second parse.
        else if (fromNode?.kind === 'resource' && (ref.subject.kind === 'resource' || ref.subject.kind === 'module')) fromNode.suspectRefs = true;
      }
      if (fromNode?.kind === 'resource' && ref.subject.kind === 'resource' && ref.subject.mode === 'ephemeral') fromNode.suspectRefs = true;
      const child = calledModuleOf(ref, node);
      if (child?.call) moduleRefs.push([from, keys.modcall(node, child.call.name)]);
    }
  }

  // `depends_on = [module.m]` waits for everything in the module, not only its outputs.
  for (const [from, node, traversals] of dependsOn) {
    for (const t of traversals) {
      const child = calledModule(t, node);
      if (child) for (const to of resourcesInside(g, child.path)) if (to !== from) g.connect(from, to);
    }
  }

  // Terraform's cycle error is the summary alone, naming each node as its validate graph
  // does; it lists them in no fixed order, terrane sorts them.
  for (const c of findCycles(g)) diags.push(errorDiag('Cycle: ' + c.map((k) => cycleNodeName(g.get(k)!)).sort().join(', ')));
  return { graph: g, diags, moduleRefs, ...(instanceRefs ? { instanceRefs } : {}) };
}

/**
 * The references of a resource's body (arguments and nested blocks, found through the
 * schema). Not kept on the graph node: at 100k resources they would stay alive through
 * plan and apply, and parsing them again costs less than the memory.
 */
export function resourceBodyRefs(r: Resource, block: Parameters<typeof bodyTraversals>[1]): Reference[] {
  return parsed(bodyTraversals(r.config, block));
}

/** The traversals that parse as references, parsed (the others make no edges). */
function parsed(ts: readonly Traversal[]): Reference[] {
  const out: Reference[] = [];
  for (const t of ts) { const r = parseRef(t).ref; if (r) out.push(r); }
  return out;
}

/** Adds the resources `from` reads only by literal instance key (see BuiltGraph.instanceRefs). */
function recordInstanceRefs(out: Map<string, Map<string, Set<number | string>>>, from: string, node: ModuleNode, refs: readonly Reference[]): void {
  const whole = new Set<string>();
  const keyed = new Map<string, Set<number | string>>();
  for (const ref of refs) {
    const s = ref.subject;
    if (s.kind !== 'resource' || s.mode === 'ephemeral') continue;
    const rk = keys.resource(node, s);
    if (s.key === undefined) { whole.add(rk); continue; }
    let set = keyed.get(rk);
    if (!set) { set = new Set(); keyed.set(rk, set); }
    set.add(s.key);
  }
  for (const rk of whole) keyed.delete(rk);
  if (keyed.size === 0) return;
  const prev = out.get(from);
  if (!prev) { out.set(from, keyed); return; }
  // A module variable is read in two modules (its input and its validations): merge.
  for (const [rk, set] of keyed) if (!prev.has(rk)) prev.set(rk, set); else for (const k of set) prev.get(rk)!.add(k);
}

/** The module a traversal read in `node` names as a whole (`module.m`, not `module.m.out`). */
export function calledModule(t: Traversal, node: ModuleNode): ModuleNode | undefined {
  const { ref } = parseRef(t);
  return ref && calledModuleOf(ref, node);
}

function calledModuleOf(ref: Reference, node: ModuleNode): ModuleNode | undefined {
  return ref.subject.kind === 'module' && !ref.subject.output ? node.children.get(ref.subject.name) : undefined;
}

/** The keys of every resource (managed or data) declared in the module at `path` or below it. */
export function resourcesInside(g: Graph<EngineNode>, path: readonly string[]): string[] {
  const out: string[] = [];
  for (const [k, n] of g.entries()) {
    if (n.kind !== 'resource') continue;
    const p = n.node.path;
    if (p.length >= path.length && path.every((s, i) => p[i] === s)) out.push(k);
  }
  return out;
}

/** The graph keys a traversal (read in module `node`) depends on. */
export function refTargets(t: Traversal, node: ModuleNode): string[] {
  const { ref } = parseRef(t);
  return ref ? refTargetsOf(ref, node) : [];
}

function refTargetsOf(ref: Reference, node: ModuleNode): string[] {
  const s = ref.subject;
  switch (s.kind) {
    case 'var': return [keys.var(node, s.name)];
    case 'local': return [keys.local(node, s.name)];
    case 'resource': return s.mode === 'ephemeral' ? [] : [keys.resource(node, { mode: s.mode, type: s.type, name: s.name })];
    case 'module': {
      const child = node.children.get(s.name);
      const out = [keys.modcall(node, s.name)];
      if (!child) return out;
      if (s.output) out.push(keys.output(child, s.output));
      else for (const o of child.module.outputs.keys()) out.push(keys.output(child, o));
      return out;
    }
    default: return [];
  }
}
