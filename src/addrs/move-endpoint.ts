/**
 * Endpoints of `moved` blocks (`from`/`to`): a module call instance
 * (`module.a`, `module.a[1]`), a whole resource (`aws_x.y`) or a resource instance
 * (`aws_x.y["k"]`), relative to the module holding the block.
 */
import { errorDiag, type Diagnostic } from '../hcl/diagnostic.js';
import { AbsResource, AbsResourceInstance, parseResourceSteps } from './abs-resource.js';
import { ModuleInstance, parseModuleInstancePrefix } from './module-instance.js';
import { ResourceInstance } from './resource.js';
import { parseTraversal, type Parsed } from './traversal.js';

/** Module endpoints move whole module instances; resource endpoints move resources or instances. */
export type MoveEndpointKind = 'module' | 'resource';

/** One side of a `moved` block. */
export class MoveEndpoint {
  constructor(readonly subject: ModuleInstance | AbsResource | AbsResourceInstance) {}

  get kind(): MoveEndpointKind { return this.subject instanceof ModuleInstance ? 'module' : 'resource'; }

  /** The endpoint made absolute by placing it inside `module` (where the `moved` block is). */
  inModule(module: ModuleInstance): MoveEndpoint {
    if (module.isRoot) return this;
    const s = this.subject;
    if (s instanceof ModuleInstance) return new MoveEndpoint(new ModuleInstance([...module.steps, ...s.steps]));
    const m = new ModuleInstance([...module.steps, ...s.module.steps]);
    return new MoveEndpoint(s instanceof AbsResource ? new AbsResource(m, s.resource) : new AbsResourceInstance(m, s.resource));
  }

  /**
   * True when `addr` is this endpoint or lies inside it: `module.a` contains everything in
   * that module instance (`module.a.aws_x.y`, `module.a.module.b`), a resource contains its
   * instances, an instance contains only itself.
   */
  contains(addr: ModuleInstance | AbsResource | AbsResourceInstance): boolean {
    const s = this.subject;
    if (s instanceof ModuleInstance) return s.contains(addr instanceof ModuleInstance ? addr : addr.module);
    if (addr instanceof ModuleInstance) return false;
    if (s instanceof AbsResource) return s.equals(addr instanceof AbsResource ? addr : addr.containingResource());
    return addr instanceof AbsResourceInstance && s.equals(addr);
  }

  toString(): string { return this.subject.toString(); }
  uniqueKey(): string { return 'me:' + this.subject.uniqueKey(); }
  equals(o: MoveEndpoint): boolean { return this.uniqueKey() === o.uniqueKey(); }
}

/** Parses a `moved` endpoint. The root module alone is not a valid endpoint. */
export function parseMoveEndpoint(src: string): Parsed<MoveEndpoint> {
  const t = parseTraversal(src);
  if (!t.value) return { value: undefined, diags: t.diags };
  const p = parseModuleInstancePrefix(src, t.value);
  if (!p.value) return { value: undefined, diags: p.diags };
  if (p.value.remain.length === 0) return { value: new MoveEndpoint(p.value.path), diags: [] };
  const r = parseResourceSteps(src, p.value.remain);
  if (!r.value) return { value: undefined, diags: r.diags };
  const subject = r.value.hasKey
    ? new AbsResourceInstance(p.value.path, new ResourceInstance(r.value.resource, r.value.key))
    : new AbsResource(p.value.path, r.value.resource);
  return { value: new MoveEndpoint(subject), diags: [] };
}

/**
 * Checks that `from` and `to` of one `moved` block can be paired, with Terraform's
 * messages: same kind, different addresses, same resource mode.
 */
export function checkMoveEndpoints(from: MoveEndpoint, to: MoveEndpoint): Diagnostic[] {
  if (from.kind !== to.kind) {
    return [errorDiag('Invalid "moved" addresses', 'The "from" and "to" addresses must either both refer to resources or both refer to modules.')];
  }
  if (from.equals(to)) {
    return [errorDiag('Redundant move statement', `This statement declares a move from ${from} to the same address, which is the same as not declaring this move at all.`)];
  }
  if (from.kind === 'resource') {
    const fr = resourceOf(from), tr = resourceOf(to);
    if (fr.resource.mode !== tr.resource.mode) {
      return [errorDiag('Invalid "moved" addresses', 'The "from" and "to" addresses must both refer to resources of the same mode (both managed resources or both data sources).')];
    }
  }
  return [];
}

function resourceOf(e: MoveEndpoint): AbsResource {
  const s = e.subject as AbsResource | AbsResourceInstance;
  return s instanceof AbsResource ? s : s.containingResource();
}
