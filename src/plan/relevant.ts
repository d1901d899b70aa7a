/**
 * Which drift matters to a plan (Terraform's "relevant attributes"): a change made outside
 * terrane is worth showing in a normal plan only when something that the plan changes
 * refers to the drifted attribute, directly or through other resources, local values and
 * module inputs and outputs. A reference to a whole resource makes all of its attributes
 * relevant.
 */
import { parseAbsResourceInstance } from '../addrs/index.js';
import type { Expression, Traversal } from '../hcl/ast.js';
import type { Config, ModuleNode, Resource } from '../config/module.js';
import { bodyTraversals } from '../lang/decode-body.js';
import { parseRef, traversalsOf } from '../lang/references.js';
import { rawEquals, type Value } from '../lang/value.js';
import type { Plan, ResourceInstanceChange } from './plan.js';
import type { ProviderManager } from './provider-manager.js';
import { sourceForLocalName } from './provider-resolve.js';

/** A resource (static address, e.g. `module.net.aws_vpc.main`) and an attribute path in it ([] for all). */
export interface RelevantAttribute {
  resource: string;
  attr: string[];
  /** The instance key the reference names (`aws_instance.a[0]`), if it names one. */
  key?: string | number;
  /** The attribute path as written, names and literal index keys (Terraform's JSON `attribute`). */
  path?: (string | number)[];
}

/** The attributes that the plan's changes (resources and root outputs) depend on. */
export function relevantAttributes(config: Config, plan: Pick<Plan, 'changes' | 'outputChanges'> & Partial<Pick<Plan, 'mode'>>, providers: ProviderManager): RelevantAttribute[] {
  const w = new Walk(config, providers);
  for (const ch of plan.changes) {
    if (ch.action === 'no-op') continue;
    const addr = parseAbsResourceInstance(ch.addr).value;
    if (!addr) continue;
    const r = addr.resource.resource;
    if (r.mode === 'managed' || r.mode === 'data') w.resource(addr.module.steps.map((s) => s.name), r.mode, r.type, r.name);
  }
  for (const o of plan.outputChanges) {
    if (o.action === 'no-op') continue;
    const out = config.root.module.outputs.get(o.name);
    if (out) w.traversals([], traversalsOf(out.expr));
  }
  // Terraform plans a change for every output of a called module (their values are not
  // kept in state), so what module outputs refer to is relevant, except when destroying.
  const modules = (node: ModuleNode): void => {
    for (const child of node.children.values()) {
      for (const out of child.module.outputs.values()) w.traversals(child.path, traversalsOf(out.expr));
      modules(child);
    }
  };
  if (plan.mode !== 'destroy') modules(config.root);
  return [...w.out.values()];
}

/** True when drift `d` touches an attribute in `relevant`. */
export function driftIsRelevant(d: ResourceInstanceChange, relevant: readonly RelevantAttribute[]): boolean {
  const addr = parseAbsResourceInstance(d.addr).value;
  if (!addr) return true;
  const res = staticAddr(addr.module.module().toString(), addr.resource.resource.toString());
  return relevant.some((r) => r.resource === res && (r.attr.length === 0 || attrChanged(d.before, d.after, r.attr[0]!)));
}

function attrChanged(before: Value, after: Value, name: string): boolean {
  if (before.isNull || after.isNull || !before.isKnown || !after.isKnown) return true;
  const b = before.attrs?.get(name), a = after.attrs?.get(name);
  if (!b || !a) return true;
  return !rawEquals(b, a);
}

/**
 * Follows references, directly or through other resources, local values, module inputs
 * and module outputs, collecting every resource attribute reached (Terraform's
 * "contributing resource references").
 */
class Walk {
  readonly out = new Map<string, RelevantAttribute>();
  private readonly seen = new Set<string>();
  constructor(private readonly config: Config, private readonly providers: ProviderManager) {}

  resource(path: string[], mode: 'managed' | 'data', type: string, name: string): void {
    const node = nodeAt(this.config, path);
    const key = `${path.join('.')} ${mode} ${type}.${name}`;
    if (!node || this.seen.has(key)) return;
    this.seen.add(key);
    const r = (mode === 'data' ? node.module.dataResources : node.module.managedResources).get(`${type}.${name}`);
    if (r) this.traversals(path, resourceTraversals(node, r, this.providers));
  }

  // References are followed from a work list, not by recursion: a chain of 100k resources
  // each referring to the previous one would overflow the stack.
  private readonly work: { path: string[]; ts: Traversal[] }[] = [];
  private draining = false;

  traversals(path: string[], ts: Traversal[]): void {
    this.work.push({ path, ts });
    if (this.draining) return;
    this.draining = true;
    try {
      for (let item = this.work.pop(); item; item = this.work.pop()) {
        const node = nodeAt(this.config, item.path);
        if (node) for (const t of item.ts) this.reference(node, item.path, t);
      }
    } finally {
      this.draining = false;
    }
  }

  private once(key: string): boolean {
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }

  private reference(node: ModuleNode, path: string[], t: Traversal): void {
    const { ref } = parseRef(t);
    if (!ref) return;
    const s = ref.subject;
    const here = path.join('.');
    switch (s.kind) {
      case 'local': {
        const l = node.module.locals.get(s.name);
        if (l && this.once(`${here} local.${s.name}`)) this.traversals(path, traversalsOf(l.expr));
        return;
      }
      case 'var': {
        // A module's input comes from the calling module's argument.
        if (path.length === 0) return;
        const parentPath = path.slice(0, -1);
        const call = nodeAt(this.config, parentPath)?.module.moduleCalls.get(path[path.length - 1]!);
        const input = call?.inputs.get(s.name);
        if (input && this.once(`${here} var.${s.name}`)) this.traversals(parentPath, traversalsOf(input.expr));
        return;
      }
      case 'module': {
        const child = node.children.get(s.name);
        if (!child) return;
        const outputs = s.output !== undefined ? [s.output] : [...child.module.outputs.keys()];
        for (const name of outputs) {
          const o = child.module.outputs.get(name);
          if (o && this.once(`${here} module.${s.name}.${name}`)) this.traversals([...path, s.name], traversalsOf(o.expr));
        }
        return;
      }
      case 'resource': {
        const attr: string[] = [];
        for (const step of ref.remaining) {
          if (step.kind !== 'attr') break;
          attr.push(step.name);
        }
        const steps: (string | number)[] = [];
        for (const step of ref.remaining) {
          if (step.kind === 'attr') steps.push(step.name);
          else if (step.kind === 'index') steps.push(step.key);
          else break;
        }
        const resource = staticAddr(path.map((p) => `module.${p}`).join('.'), `${s.mode === 'data' ? 'data.' : ''}${s.type}.${s.name}`);
        const key = `${resource} ${JSON.stringify(s.key ?? null)} ${JSON.stringify(steps)}`;
        if (!this.out.has(key)) this.out.set(key, { resource, attr, ...(s.key !== undefined ? { key: s.key } : {}), path: steps });
        if (s.mode === 'managed' || s.mode === 'data') this.resource(path, s.mode, s.type, s.name);
        return;
      }
      default:
        return;
    }
  }
}

function resourceTraversals(node: ModuleNode, r: Resource, providers: ProviderManager): Traversal[] {
  const out: Traversal[] = [];
  const exprs: (Expression | undefined)[] = [r.count, r.forEach];
  for (const e of exprs) if (e) out.push(...traversalsOf(e));
  const schema = providers.resourceSchema(sourceForLocalName(node, r.provider?.name ?? r.type.split('_')[0]!), r.mode, r.type);
  if (schema) out.push(...bodyTraversals(r.config, schema.block));
  return out;
}

function staticAddr(module: string, resource: string): string {
  return module ? `${module}.${resource}` : resource;
}

function nodeAt(config: Config, path: readonly string[]): ModuleNode | undefined {
  let node: ModuleNode | undefined = config.root;
  for (const name of path) node = node?.children.get(name);
  return node;
}
