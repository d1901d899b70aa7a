/**
 * `moved` blocks: before planning, objects recorded in state at a `from` address are
 * moved to the `to` address (whole modules, whole resources, or single instances), as
 * Terraform does, so a rename is a no-op instead of a destroy and create. Statements run
 * in chain order (a `to` that another statement's `from` names runs first), whatever
 * order they are written in; a move whose destination is already in state is blocked and
 * reported after planning (move-validate.ts).
 */
import {
  AbsResource, AbsResourceInstance, ModuleInstance, instanceKeyString, parseMoveEndpoint, checkMoveEndpoints, type MoveEndpoint,
} from '../addrs/index.js';
import type { Traversal } from '../hcl/ast.js';
import type { Diagnostic, Range } from '../hcl/diagnostic.js';
import type { Config, ModuleNode } from '../config/module.js';
import type { State } from '../state/index.js';

/** Terraform's spelling of a static traversal (`module.a.aws_x.y["k"]`). */
export function traversalString(t: Traversal): string {
  let s = t.root;
  for (const st of t.steps) s += st.kind === 'attr' ? `.${st.name}` : typeof st.key === 'number' ? `[${st.key}]` : `[${JSON.stringify(st.key)}]`;
  return s;
}

/** One valid `moved` block, its endpoints relative to the module that declares it. */
export interface MoveStatement {
  from: MoveEndpoint;
  to: MoveEndpoint;
  range: Range;
  /** Static path (call names) of the module holding the block. */
  path: string[];
}

/** One resource instance moved (or not) by a statement. */
export interface InstanceMove { from: AbsResourceInstance; to: AbsResourceInstance }

/** What applying the statements to a state did. */
export interface MoveResults {
  stmts: MoveStatement[];
  /** Instances moved, in the order moved. */
  changes: InstanceMove[];
  /** Moves not made because an object was already at the destination. */
  blocked: InstanceMove[];
  diags: Diagnostic[];
}

/** The configuration's valid `moved` blocks in the order they must run, with errors for the others. */
export function findMoveStatements(config: Config): { stmts: MoveStatement[]; diags: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const stmts: MoveStatement[] = [];
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
      stmts.push({ from: from.value, to: to.value, range: m.range, path: node.path });
    }
    for (const c of node.children.values()) visit(c);
  };
  visit(config.root);
  return { stmts: chainOrder(stmts), diags };
}

/** True when one endpoint lies within the other (the same module holding both statements). */
export function endpointsOverlap(a: MoveEndpoint, b: MoveEndpoint): boolean {
  return a.contains(b.subject) || b.contains(a.subject);
}

/** Statement indexes each statement must run before: those whose `from` its `to` reaches. */
export function chainEdges(stmts: readonly MoveStatement[]): number[][] {
  return stmts.map((s, i) => stmts.flatMap((o, j) =>
    (i !== j && s.path.join('.') === o.path.join('.') && endpointsOverlap(s.to, o.from) ? [j] : [])));
}

/**
 * Orders statements so that in a chain (`a -> b`, `b -> c`) the earlier link runs first,
 * keeping the written order otherwise; statements in a cycle stay in written order
 * (the cycle is an error reported after planning).
 */
function chainOrder(stmts: MoveStatement[]): MoveStatement[] {
  const edges = chainEdges(stmts);
  const indegree = stmts.map(() => 0);
  for (const e of edges) for (const j of e) indegree[j]!++;
  const out: number[] = [];
  const done = new Set<number>();
  for (;;) {
    const next = stmts.findIndex((_, i) => !done.has(i) && indegree[i] === 0);
    if (next < 0) break;
    done.add(next);
    out.push(next);
    for (const j of edges[next]!) indegree[j]!--;
  }
  for (let i = 0; i < stmts.length; i++) if (!done.has(i)) out.push(i);
  return out.map((i) => stmts[i]!);
}

/**
 * Applies every `moved` block of the configuration to `state`. `moved` collects, for each
 * new instance address, its address in the previous run (chained moves resolve to the first).
 */
export function applyMoves(config: Config, state: State, moved: Map<string, string> = new Map()): MoveResults {
  const { stmts, diags } = findMoveStatements(config);
  const changes: InstanceMove[] = [], blocked: InstanceMove[] = [];
  const record = (from: AbsResourceInstance, to: AbsResourceInstance) => {
    const f = from.toString();
    const first = moved.get(f) ?? f;
    moved.delete(f);
    moved.set(to.toString(), first);
    changes.push({ from, to });
  };
  const ctx: MoveContext = { state, record, block: (from, to) => blocked.push({ from, to }) };
  for (const s of stmts) {
    // moved blocks in a module apply to every instance of it.
    const mis = s.path.length === 0 ? [ModuleInstance.ROOT] : moduleInstancesInState(state, s.path);
    for (const mi of mis) moveOne(ctx, s.from.inModule(mi), s.to.inModule(mi));
  }
  return { stmts, changes, blocked, diags };
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

interface MoveContext {
  state: State;
  record: (from: AbsResourceInstance, to: AbsResourceInstance) => void;
  block: (from: AbsResourceInstance, to: AbsResourceInstance) => void;
}

function moveOne(ctx: MoveContext, from: MoveEndpoint, to: MoveEndpoint): void {
  const { state } = ctx;
  const f = from.subject, t = to.subject;
  if (f instanceof ModuleInstance && t instanceof ModuleInstance) {
    for (const r of [...state.resources()].filter((r) => f.contains(r.addr.module))) {
      const newMod = new ModuleInstance([...t.steps, ...r.addr.module.steps.slice(f.steps.length)]);
      moveResource(ctx, r.addr, new AbsResource(newMod, r.addr.resource));
    }
    return;
  }
  if (f instanceof AbsResource && t instanceof AbsResource) { moveResource(ctx, f, t); return; }
  if (f instanceof AbsResourceInstance && t instanceof AbsResourceInstance) { moveInstance(ctx, f, t); return; }
  // A resource moved to one instance (adding count/for_each) or the reverse.
  if (f instanceof AbsResource && t instanceof AbsResourceInstance) {
    if (state.resource(f)?.instances.get(instanceKeyString(null))?.current) moveInstance(ctx, f.instance(null), t);
    return;
  }
  if (f instanceof AbsResourceInstance && t instanceof AbsResource) moveInstance(ctx, f, t.instance(null));
}

function moveResource(ctx: MoveContext, from: AbsResource, to: AbsResource): void {
  const r = ctx.state.resource(from);
  if (!r) return;
  for (const is of [...r.instances.values()]) moveInstance(ctx, from.instance(is.key), to.instance(is.key));
}

/** Moves one instance's objects (current and deposed), unless the destination is taken. */
function moveInstance(ctx: MoveContext, f: AbsResourceInstance, t: AbsResourceInstance): void {
  const { state } = ctx;
  const obj = state.instance(f);
  if (!obj) return;
  if (state.instance(t)) { ctx.block(f, t); return; }
  const provider = state.resource(f.containingResource())!.provider;
  if (obj.current) state.setCurrent(t, obj.current, provider);
  for (const [k, d] of obj.deposed) state.setDeposed(t, k, d, provider);
  state.setCurrent(f, undefined, provider);
  for (const k of [...obj.deposed.keys()]) state.setDeposed(f, k, undefined, provider);
  ctx.record(f, t);
}
