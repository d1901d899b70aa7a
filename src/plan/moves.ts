/**
 * `moved` blocks: before planning, objects recorded in state at a `from` address are
 * moved to the `to` address (whole modules, whole resources, or single instances), as
 * Terraform does, so a rename is a no-op instead of a destroy and create.
 */
import {
  AbsResource, AbsResourceInstance, ModuleInstance, instanceKeyString, parseMoveEndpoint, checkMoveEndpoints, type MoveEndpoint,
} from '../addrs/index.js';
import type { Traversal } from '../hcl/ast.js';
import { errorDiag, type Diagnostic } from '../hcl/diagnostic.js';
import type { Config, ModuleNode } from '../config/module.js';
import type { State } from '../state/index.js';

/** Terraform's spelling of a static traversal (`module.a.aws_x.y["k"]`). */
export function traversalString(t: Traversal): string {
  let s = t.root;
  for (const st of t.steps) s += st.kind === 'attr' ? `.${st.name}` : typeof st.key === 'number' ? `[${st.key}]` : `[${JSON.stringify(st.key)}]`;
  return s;
}

/** Applies every `moved` block of the configuration to `state`. */
export function applyMoves(config: Config, state: State, moved: Map<string, string> = new Map()): Diagnostic[] {
  const diags: Diagnostic[] = [];
  // new instance address -> its address in the previous run (chained moves resolve to the first).
  const record = (from: AbsResourceInstance, to: AbsResourceInstance) => {
    const f = from.toString();
    const first = moved.get(f) ?? f;
    moved.delete(f);
    moved.set(to.toString(), first);
  };
  const visit = (node: ModuleNode) => {
    for (const m of node.module.moved) {
      const from = parseMoveEndpoint(traversalString(m.from));
      const to = parseMoveEndpoint(traversalString(m.to));
      if (!from.value || !to.value) {
        diags.push(...[...from.diags, ...to.diags].map((d) => ({ ...d, subject: m.range })));
        continue;
      }
      const check = checkMoveEndpoints(from.value, to.value);
      if (check.length) { diags.push(...check.map((d) => ({ ...d, subject: m.range }))); continue; }
      // moved blocks in a module apply to every instance of it.
      const mis = node.path.length === 0 ? [ModuleInstance.ROOT] : moduleInstancesInState(state, node.path);
      for (const mi of mis) moveOne(state, from.value.inModule(mi), to.value.inModule(mi), m.range, diags, record);
    }
    for (const c of node.children.values()) visit(c);
  };
  visit(config.root);
  return diags;
}

function moduleInstancesInState(state: State, path: string[]): ModuleInstance[] {
  const out = new Map<string, ModuleInstance>();
  for (const m of state.modules.values()) {
    if (m.addr.steps.length < path.length) continue;
    if (path.every((p, i) => m.addr.steps[i]!.name === p)) {
      const mi = new ModuleInstance(m.addr.steps.slice(0, path.length));
      out.set(mi.toString(), mi);
    }
  }
  return [...out.values()];
}

type Recorder = (from: AbsResourceInstance, to: AbsResourceInstance) => void;

function moveOne(state: State, from: MoveEndpoint, to: MoveEndpoint, range: import('../hcl/diagnostic.js').Range, diags: Diagnostic[], record: Recorder): void {
  const f = from.subject, t = to.subject;
  if (f instanceof ModuleInstance && t instanceof ModuleInstance) {
    const moving = [...state.resources()].filter((r) => f.contains(r.addr.module));
    if (moving.length === 0) return;
    if ([...state.resources()].some((r) => t.contains(r.addr.module))) {
      diags.push(errorDiag('Moved object still exists', `This statement declares a move from ${f} to ${t}, but ${t} already has objects in the state. Remove the moved block or the objects at the new address.`, range));
      return;
    }
    for (const r of moving) {
      const newMod = new ModuleInstance([...t.steps, ...r.addr.module.steps.slice(f.steps.length)]);
      moveResource(state, r.addr, new AbsResource(newMod, r.addr.resource), record);
    }
    return;
  }
  if (f instanceof AbsResource && t instanceof AbsResource) {
    if (!state.resource(f)) return;
    if (state.resource(t)) {
      diags.push(errorDiag('Moved object still exists', `This statement declares a move from ${f} to ${t}, but ${t} is already in the state. Remove the moved block, or move ${t} first.`, range));
      return;
    }
    moveResource(state, f, t, record);
    return;
  }
  if (f instanceof AbsResourceInstance && t instanceof AbsResourceInstance) {
    const obj = state.instance(f);
    if (!obj) return;
    if (state.instance(t)) {
      diags.push(errorDiag('Moved object still exists', `This statement declares a move from ${f} to ${t}, but ${t} is already in the state.`, range));
      return;
    }
    const provider = state.resource(f.containingResource())!.provider;
    if (obj.current) state.setCurrent(t, obj.current, provider);
    for (const [k, d] of obj.deposed) state.setDeposed(t, k, d, provider);
    state.setCurrent(f, undefined, provider);
    for (const k of [...obj.deposed.keys()]) state.setDeposed(f, k, undefined, provider);
    record(f, t);
    return;
  }
  // A resource moved to one instance (adding count/for_each) or the reverse.
  if (f instanceof AbsResource && t instanceof AbsResourceInstance) {
    const r = state.resource(f);
    const single = r?.instances.get(instanceKeyString(null));
    if (!r || !single?.current) return;
    state.setCurrent(t, single.current, r.provider);
    state.setCurrent(f.instance(null), undefined, r.provider);
    record(f.instance(null), t);
    return;
  }
  if (f instanceof AbsResourceInstance && t instanceof AbsResource) {
    const obj = state.instance(f);
    const r = state.resource(f.containingResource());
    if (!obj?.current || !r) return;
    state.setCurrent(t.instance(null), obj.current, r.provider);
    state.setCurrent(f, undefined, r.provider);
    record(f, t.instance(null));
  }
}

function moveResource(state: State, from: AbsResource, to: AbsResource, record: Recorder): void {
  const r = state.resource(from);
  if (!r) return;
  const dest = state.ensureResource(to, r.provider);
  for (const [k, is] of r.instances) {
    dest.instances.set(k, is);
    record(from.instance(is.key), to.instance(is.key));
  }
  state.removeResource(from);
}
