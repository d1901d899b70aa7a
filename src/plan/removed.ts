/**
 * `removed` blocks: a resource or a whole module taken out of the configuration on
 * purpose. With `lifecycle { destroy = false }` its objects in state are forgotten (action
 * `forget`: dropped from state, left alone in the world); otherwise they are destroyed as
 * any object with no configuration is. Modelled on Terraform's refactoring.RemoveStatement.
 */
import type { AbsResourceInstance } from '../addrs/index.js';
import type { Traversal } from '../hcl/ast.js';
import { errorDiag, warningDiag, type Diagnostic, type Range } from '../hcl/diagnostic.js';
import type { Config, ModuleNode } from '../config/module.js';
import type { ResourceInstanceChange } from './plan.js';

/** One `removed` block, with its `from` made absolute (module path from the root). */
export interface RemoveStatement {
  /** Module call names from the root: the module removed, or the one holding the resource. */
  module: string[];
  /** `type.name` of the removed managed resource; undefined when a whole module is removed. */
  resource?: string;
  destroy: boolean;
}

/** The `removed` statements of a configuration, keyed by absolute config address. */
export type RemoveStatements = Map<string, RemoveStatement>;

/**
 * Every `removed` block of the configuration, and the errors Terraform gives for those
 * whose resource or module is still declared. As in Terraform, a block in a parent module
 * wins over one in a child naming the same object (parents are visited first).
 */
export function findRemoveStatements(config: Config): { stmts: RemoveStatements; diags: Diagnostic[] } {
  const stmts: RemoveStatements = new Map();
  const visit = (node: ModuleNode) => {
    for (const r of node.module.removed) {
      const st = statementOf(node.path, r.from, r.destroy);
      if (!st) continue;
      const key = configAddr(st);
      if (!stmts.has(key)) stmts.set(key, st);
    }
    for (const c of node.children.values()) visit(c);
  };
  visit(config.root);
  return { stmts, diags: stillDeclared(config, stmts) };
}

/** `module.a.module.b` then `type.name` pairs, made absolute under `path`; undefined if not that shape. */
function statementOf(path: string[], from: Traversal, destroy: boolean): RemoveStatement | undefined {
  const names = [from.root];
  for (const s of from.steps) {
    if (s.kind !== 'attr') return undefined;
    names.push(s.name);
  }
  if (names.length % 2 !== 0) return undefined;
  const module = [...path];
  let i = 0;
  for (; i < names.length && names[i] === 'module'; i += 2) module.push(names[i + 1]!);
  if (i === names.length) return { module, destroy };
  if (i !== names.length - 2 || names[i] === 'data') return undefined;
  return { module, resource: `${names[i]}.${names[i + 1]}`, destroy };
}

function configAddr(st: RemoveStatement): string {
  return [...st.module.map((m) => `module.${m}`), ...(st.resource ? [st.resource] : [])].join('.');
}

function nodeAt(config: Config, path: readonly string[]): ModuleNode | undefined {
  let node: ModuleNode | undefined = config.root;
  for (const name of path) node = node?.children.get(name);
  return node;
}

/** Terraform's "Removed resource/module still exists" errors, in source order. */
function stillDeclared(config: Config, stmts: RemoveStatements): Diagnostic[] {
  const diags: Diagnostic[] = [];
  for (const [addr, st] of stmts) {
    const detail = `This statement declares that ${addr} was removed, but it is still declared in configuration.`;
    if (st.resource) {
      const res = nodeAt(config, st.module)?.module.managedResources.get(st.resource);
      if (res) diags.push(errorDiag('Removed resource still exists', detail, res.declRange));
    } else {
      const call = nodeAt(config, st.module)?.call;
      if (call) diags.push(errorDiag('Removed module still exists', detail, call.declRange));
    }
  }
  return diags.sort((a, b) => sourceOrder(a.subject!, b.subject!));
}

function sourceOrder(a: Range, b: Range): number {
  if (a.filename !== b.filename) return a.filename < b.filename ? -1 : 1;
  return a.start.byte - b.start.byte;
}

/** The statement that covers an instance in state: its resource's, or that of a module holding it. */
export function removeStatementFor(stmts: RemoveStatements, addr: AbsResourceInstance): RemoveStatement | undefined {
  if (!stmts.size) return undefined;
  const path = addr.module.steps.map((s) => s.name);
  const r = addr.resource.resource;
  const own = stmts.get([...path.map((m) => `module.${m}`), `${r.type}.${r.name}`].join('.'));
  if (own) return own;
  for (let n = path.length; n > 0; n--) {
    const st = stmts.get(path.slice(0, n).map((m) => `module.${m}`).join('.'));
    if (st) return st;
  }
  return undefined;
}

/**
 * Terraform's warning for a plan that forgets objects, listing them (Terraform lists them
 * in no set order; here they come in plan order).
 */
export function forgetWarning(changes: readonly ResourceInstanceChange[]): Diagnostic | undefined {
  const forgotten = changes.filter((c) => c.action === 'forget');
  if (!forgotten.length) return undefined;
  const list = forgotten.map((c) => ` - ${c.addr}`).join('\n');
  return warningDiag('Some objects will no longer be managed by terrane',
    `If you apply this plan, terrane will discard its tracking information for the following objects, but it will not delete them:\n${list}\n\nAfter applying this plan, terrane will no longer manage these objects. You will need to import them into terrane to manage them again.`);
}
