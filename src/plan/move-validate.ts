/**
 * Terraform's checks of `moved` blocks against the planned configuration and the moves
 * made to the prior state: a `from` still declared, two statements moving one object to
 * different places (or two objects to one place), chains that form a cycle, moves that
 * -target leaves out, and moves blocked by an object already at the destination.
 */
import { AbsResource, AbsResourceInstance, ModuleInstance, targetContains, parseTarget, type MoveEndpoint } from '../addrs/index.js';
import { errorDiag, warningDiag, type Diagnostic, type Range } from '../hcl/diagnostic.js';
import { moduleNodeAt, type Config } from '../config/module.js';
import { chainEdges, type InstanceMove, type MoveStatement } from './moves.js';
import { compareAddr } from './planner.js';

/** Which module instances, resources and resource instances the plan declared. */
export interface DeclaredInstances {
  moduleInstances(path: readonly string[]): ModuleInstance[];
  hasResource(addr: AbsResource): boolean;
  hasResourceInstance(addr: AbsResourceInstance): boolean;
}

type Subject = MoveEndpoint['subject'];

/** `file:line,col`, Terraform's StartString of a range. */
function startString(r: Range): string {
  return `${r.filename}:${r.start.line},${r.start.column}`;
}

function declared(addr: Subject, d: DeclaredInstances): boolean {
  if (addr instanceof ModuleInstance) return d.moduleInstances(addr.steps.map((s) => s.name)).some((mi) => mi.equals(addr));
  if (addr instanceof AbsResource) return d.hasResource(addr);
  return d.hasResourceInstance(addr);
}

/** Where an object is declared; for instances, the count or for_each that decides them. */
function declRange(addr: Subject, config: Config): Range | undefined {
  if (addr instanceof ModuleInstance) {
    const call = moduleNodeAt(config.root, addr.parent().steps)?.module.moduleCalls.get(addr.lastStep()!.name);
    return call && (call.forEach?.range ?? call.count?.range ?? call.declRange);
  }
  const r = addr instanceof AbsResource ? addr.resource : addr.resource.resource;
  const mod = moduleNodeAt(config.root, addr.module.steps)?.module;
  const res = (r.mode === 'data' ? mod?.dataResources : mod?.managedResources)?.get(`${r.type}.${r.name}`);
  if (!res) return undefined;
  return addr instanceof AbsResource ? res.declRange : (res.forEach?.range ?? res.count?.range ?? res.declRange);
}

function nouns(addr: Subject): [string, string] {
  if (addr instanceof ModuleInstance) return ['module instance', 'instance'];
  if (addr instanceof AbsResource) return ['resource', 'resource'];
  return ['resource instance', 'instance'];
}

/** The checks Terraform makes after planning (its ValidateMoves). */
export function validateMoves(stmts: readonly MoveStatement[], config: Config, d: DeclaredInstances): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const byFrom = new Map<string, { other: Subject; range: Range }>();
  const byTo = new Map<string, { other: Subject; range: Range }>();
  for (const s of stmts) {
    for (const mi of d.moduleInstances(s.path)) {
      const from = s.from.inModule(mi).subject, to = s.to.inModule(mi).subject;
      const [noun, shortNoun] = nouns(from);
      if (declared(from, d)) {
        const at = declRange(from, config);
        diags.push(errorDiag('Moved object still exists',
          `This statement declares a move from ${from}, but that ${noun} is still declared${at ? ` at ${startString(at)}` : ''}.\n\nChange your configuration so that this ${shortNoun} will be declared as ${to} instead.`, s.range));
      }
      const f = byFrom.get(from.toString());
      if (!f) byFrom.set(from.toString(), { other: to, range: s.range });
      else if (f.other.toString() !== to.toString()) {
        diags.push(errorDiag('Ambiguous move statements',
          `A statement at ${startString(f.range)} declared that ${from} moved to ${f.other}, but this statement instead declares that it moved to ${to}.\n\nEach ${noun} can move to only one destination ${shortNoun}.`, s.range));
      }
      const t = byTo.get(to.toString());
      if (!t) byTo.set(to.toString(), { other: from, range: s.range });
      else if (t.other.toString() !== from.toString()) {
        diags.push(errorDiag('Ambiguous move statements',
          `A statement at ${startString(t.range)} declared that ${t.other} moved to ${to}, but this statement instead declares that ${from} moved there.\n\nEach ${noun} can have moved from only one source ${shortNoun}.`, s.range));
      }
    }
  }
  // As in Terraform, a cycle is reported only when nothing more specific was.
  if (diags.length === 0) diags.push(...cycleDiags(stmts));
  return diags;
}

/** An endpoint as Terraform prints a statement: a keyless last step stands for all instances (`[*]`). */
function relString(e: MoveEndpoint): string {
  const s = e.subject;
  if (s instanceof ModuleInstance) return s.lastStep()?.key === null ? `${s}[*]` : s.toString();
  return s instanceof AbsResource ? `${s}[*]` : s.toString();
}

/** One error per cycle of chained statements (strongly connected components, Tarjan's). */
function cycleDiags(stmts: readonly MoveStatement[]): Diagnostic[] {
  const edges = chainEdges(stmts);
  const index = new Map<number, number>(), low = new Map<number, number>(), onStack = new Set<number>();
  const stack: number[] = [];
  const cycles: number[][] = [];
  let next = 0;
  const connect = (v: number) => {
    index.set(v, next); low.set(v, next); next++;
    stack.push(v); onStack.add(v);
    for (const w of edges[v]!) {
      if (!index.has(w)) { connect(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const comp: number[] = [];
    for (let w = stack.pop()!; ; w = stack.pop()!) { onStack.delete(w); comp.push(w); if (w === v) break; }
    if (comp.length > 1) cycles.push(comp);
  };
  for (let i = 0; i < stmts.length; i++) if (!index.has(i)) connect(i);
  // Each cycle's lines sorted as text (as Terraform does); cycles in source order.
  const first = (c: number[]) => Math.min(...c.map((i) => stmts[i]!.range.start.byte));
  cycles.sort((a, b) => stmts[a[0]!]!.range.filename.localeCompare(stmts[b[0]!]!.range.filename) || first(a) - first(b));
  const texts = cycles.map((c) => c.map((i) => {
    const s = stmts[i]!;
    return `\n  - ${startString(s.range)}: ${relString(s.from)} → ${relString(s.to)}`;
  }).sort().join(''));
  return texts.map((t) => errorDiag('Cyclic dependency in move statements',
    `The following chained move statements form a cycle, and so there is no final location to move objects to:${t}\n\nA chain of move statements must end with an address that doesn't appear in any other statements, and which typically also refers to an object still declared in the configuration.`));
}

/**
 * Terraform refuses a targeted plan when moved instances lie outside the targets (or, with
 * -exclude, inside an exclusion): both ends of every move must be planned.
 */
export function targetedMoveDiags(changes: readonly InstanceMove[], targets: readonly string[], excludes: readonly string[]): Diagnostic[] {
  const parse = (list: readonly string[]) => list.flatMap((t) => { const p = parseTarget(t).value; return p ? [p.subject] : []; });
  const ts = parse(targets), xs = parse(excludes);
  const exclude = ts.length > 0;
  if (!exclude && xs.length === 0) return [];
  const out: AbsResourceInstance[] = [];
  for (const c of changes) {
    for (const a of [c.from, c.to]) {
      const hit = (exclude ? ts : xs).some((t) => targetContains(t, a));
      if (exclude ? !hit : hit) out.push(a);
    }
  }
  if (out.length === 0) return [];
  const resources = [...new Set(out.map((a) => a.toString()).sort(compareAddr).map((a) => out.find((o) => o.toString() === a)!.containingResource().toString()))];
  const flag = exclude ? 'target' : 'exclude';
  const list = resources.map((r) => `\n  -${flag}=${JSON.stringify(r)}`).join('');
  return [errorDiag('Moved resource instances excluded by targeting', exclude
    ? `Resource instances in your current state have moved to new addresses in the latest configuration. terrane must include those resource instances while planning in order to ensure a correct result, but your -target=... options do not fully cover all of those resource instances.\n\nTo create a valid plan, either remove your -target=... options altogether or add the following additional target options:${list}\n\nNote that adding these options may include further additional resource instances in your plan, in order to respect object dependencies.`
    : `Resource instances in your current state have moved to new addresses in the latest configuration. terrane must include those resource instances while planning in order to ensure a correct result, but your -exclude=... options exclude some of those resource instances.\n\nTo create a valid plan, either remove your -exclude=... options altogether or just specifically remove the following options:${list}\n\nNote that removing these options may include further additional resource instances in your plan, in order to respect object dependencies.`)];
}

/** Terraform's warning for moves not made because the destination was already in state. */
export function blockedMovesWarning(blocked: readonly InstanceMove[]): Diagnostic | undefined {
  if (blocked.length === 0) return undefined;
  const lines = [...blocked].sort((a, b) => compareAddr(a.from.toString(), b.from.toString()))
    .map((b) => `\n  - ${b.from} could not move to ${b.to}`).join('');
  return warningDiag('Unresolved resource instance address changes',
    `terrane tried to adjust resource instance addresses in the prior state based on change information recorded in the configuration, but some adjustments did not succeed due to existing objects already at the intended addresses:${lines}\n\nterrane has planned to destroy these objects. If terrane's proposed changes aren't appropriate, you must first resolve the conflicts using the "terrane state" subcommands and then create a new plan.`);
}
