/**
 * The import-block errors `terraform validate` reports (Terraform 1.11): blocks outside the
 * root module, duplicate targets, data source targets, a `provider` argument on a target
 * that has configuration, an id that refers to its own target, and a `to` key that does not
 * fit the target's count / for_each (or, for targets without configuration, anything that
 * rules out generating it).
 */
import { errorDiag, type Diagnostic, type Range } from '../hcl/diagnostic.js';
import type { Expression } from '../hcl/ast.js';
import type { Config, Import, ModuleNode, Resource } from '../config/module.js';
import { parseAbsResourceInstance } from '../addrs/index.js';
import { evaluate, type Scope } from '../lang/eval.js';
import { referencesOf } from '../lang/references.js';
import type { Value } from '../lang/value.js';
import { traversalString } from './moves.js';
import { checkImportTargets } from './generate-config-targets.js';

const BAD_TO = "Invalid import 'to' expression";

/** `file:line,col-col` (or `file:line,col-line,col`), as Go's hcl.Range prints itself. */
function rangeString(r: Import['range']): string {
  const end = r.start.line === r.end.line ? `${r.end.column}` : `${r.end.line},${r.end.column}`;
  return `${r.filename}:${r.start.line},${r.start.column}-${end}`;
}

/** The target written in `to`: its resource and, when the key is a constant, the key. */
interface Target { modules: string[]; mode: string; type: string; name: string; key: string | number | null; keyExpr?: Expression }

function targetOf(to: Expression): Target | undefined {
  let keyExpr: Expression | undefined;
  let traversal;
  if (to.kind === 'scopeTraversal') traversal = to.traversal;
  else if (to.kind === 'index' && to.collection.kind === 'scopeTraversal') { traversal = to.collection.traversal; keyExpr = to.key; } else return undefined;
  const p = parseAbsResourceInstance(traversalString(traversal)).value;
  if (!p) return undefined;
  const r = p.resource.resource;
  return { modules: p.module.steps.map((s) => s.name), mode: r.mode, type: r.type, name: r.name, key: p.key, ...(keyExpr ? { keyExpr } : {}) };
}

function resourceAt(config: Config, t: Target): Resource | undefined {
  let node: ModuleNode | undefined = config.root;
  for (const m of t.modules) node = node?.children.get(m);
  return node?.module.managedResources.get(`${t.type}.${t.name}`);
}

/** Terraform's check that a `to` key agrees with how the target resource repeats. */
function expansionDiags(res: Resource | undefined, key: string | number | null, to: Expression): Diagnostic[] {
  const forEach = res?.forEach !== undefined, count = res?.count !== undefined;
  if (typeof key === 'string') return forEach ? [] : [errorDiag(BAD_TO, 'The target resource does not use for_each.', to.range)];
  if (typeof key === 'number') return count ? [] : [errorDiag(BAD_TO, 'The target resource does not use count.', to.range)];
  const out: Diagnostic[] = [];
  if (forEach) out.push(errorDiag(BAD_TO, 'The target resource is using for_each.', to.range));
  if (count) out.push(errorDiag(BAD_TO, 'The target resource is using count.', to.range));
  return out;
}

function keyOf(v: Value): string | number | null | undefined {
  if (!v.isKnown || v.isNull) return undefined;
  if (v.type.kind === 'number') return v.num;
  if (v.type.kind === 'string') return v.str;
  return undefined;
}

const PROVIDER_ONLY_GENERATING = 'The provider argument can only be specified in import blocks that will generate configuration.';

/**
 * An import's `provider` is for generated configuration: a target in a module takes its
 * provider from the module call, and a configured target from its resource block (the same
 * provider written in both places is accepted, so generated configuration stays valid).
 */
function providerDiags(config: Config, p: NonNullable<Import['provider']>, at: Range, t: Target): Diagnostic[] {
  if (t.modules.length) {
    return [errorDiag('Invalid import provider argument', `${PROVIDER_ONLY_GENERATING}\n\nUse the providers argument within the module block to configure providers for all resources within a module, including imported resources.`, at)];
  }
  const res = config.root.module.managedResources.get(`${t.type}.${t.name}`);
  if (!res) return [];
  if (res.provider && res.provider.name === p.name && (res.provider.alias ?? '') === (p.alias ?? '')) return [];
  return [errorDiag('Invalid import provider argument', `${PROVIDER_ONLY_GENERATING}\n\nUse the provider argument in the target resource block to configure the provider for a resource with explicit provider configuration.`, at)];
}

/**
 * The errors in import blocks that Terraform reports while loading the configuration;
 * Terraform stops there, before validating anything else.
 */
export function importConfigDiags(config: Config): Diagnostic[] {
  const out: Diagnostic[] = [];
  const visit = (node: ModuleNode, path: string[]): void => {
    if (path.length) {
      for (const imp of node.module.imports) {
        out.push(errorDiag('Invalid import configuration', `An import block was detected in "${path.map((m) => `module.${m}`).join('.')}". Import blocks are only allowed in the root module.`, imp.range));
      }
    }
    for (const [name, child] of node.children) visit(child, [...path, name]);
  };
  visit(config.root, []);
  const seen: { key: string; imp: Import }[] = [];
  for (const imp of config.root.module.imports) {
    const t = targetOf(imp.to);
    if (!t) {
      if (imp.to.kind !== 'scopeTraversal' && imp.to.kind !== 'index') {
        out.push(errorDiag('Invalid expression', 'A single static variable reference is required: only attribute access and indexing with constant keys. No calculations, function calls, template expressions, etc are allowed here.', imp.to.range),
          errorDiag('Invalid import address', 'Only managed resources can be imported.', imp.toRange));
      }
      continue;
    }
    const resAddr = [...t.modules.map((m) => `module.${m}`), `${t.mode === 'data' ? 'data.' : ''}${t.type}.${t.name}`].join('.');
    if (t.mode === 'data') {
      out.push(errorDiag('Invalid import address', 'Only managed resources can be imported.', imp.toRange));
      continue;
    }
    // Only addresses that need no evaluation can be compared.
    if (!t.keyExpr) {
      const key = `${resAddr}${t.key === null ? '' : JSON.stringify(t.key)}`;
      const first = seen.find((s) => s.key === key);
      if (first) {
        out.push(errorDiag(`Duplicate import configuration for "${resAddr}"`, `An import block for the resource "${resAddr}" was already declared at ${rangeString(first.imp.range)}. A resource can have only one import block.`, imp.to.range));
      } else seen.push({ key, imp });
    }
    if (imp.provider) out.push(...providerDiags(config, imp.provider, imp.providerRange ?? imp.provider.range, t));
  }
  return out;
}

/**
 * The errors Terraform's validate walk finds in the root module's import blocks. `scope`
 * evaluates for_each and keys in the root module (unknown values are left for the plan).
 * `withoutConfig: false` leaves out targets that have no configuration (the planner
 * checks those itself).
 */
export function importTargetDiags(config: Config, scope: (each?: { key: string; value: Value }) => Scope, opts: { withoutConfig: boolean } = { withoutConfig: true }): Diagnostic[] {
  const out: Diagnostic[] = [];
  // Targets without configuration: only whether generating it could work at all.
  if (opts.withoutConfig) out.push(...checkImportTargets(config, { generate: true, mode: 'normal', inState: () => false }).diags);
  for (const imp of config.root.module.imports) {
    const t = targetOf(imp.to);
    if (!t || t.mode !== 'managed') continue;
    const res = resourceAt(config, t);
    const self = referencesOf(imp.id).refs.find((r) => r.subject.kind === 'resource' && r.subject.mode === 'managed' && r.subject.type === t.type && r.subject.name === t.name);
    // Terraform compares the resource part alone, whatever module the target is in.
    if (self) {
      out.push(errorDiag('Invalid import id argument', 'The import ID cannot reference the resource being imported.', self.range));
      continue;
    }
    if (imp.forEach) {
      if (!res && !opts.withoutConfig) continue;
      const fe = evaluate(imp.forEach, scope());
      if (!fe.value.isKnown || fe.value.isNull) continue;
      const v = fe.value;
      const entries: [string, Value][] = v.type.kind === 'map' || v.type.kind === 'object'
        ? [...v.attrs] : v.type.kind === 'set' || v.type.kind === 'list' || v.type.kind === 'tuple' ? v.elems.map((e, i) => [e.type.kind === 'string' && e.isKnown && !e.isNull ? e.str : String(i), e]) : [];
      for (const [k, ev] of entries) {
        let key: string | number | null = t.key;
        if (t.keyExpr) {
          const kv = keyOf(evaluate(t.keyExpr, scope({ key: k, value: ev })).value);
          if (kv === undefined) continue;
          key = kv;
        }
        const d = expansionDiags(res, key, imp.to);
        if (d.length) { out.push(...d); break; }
      }
      continue;
    }
    // A target without configuration was checked above, for generation.
    if (res) out.push(...expansionDiags(res, t.key, imp.to));
  }
  return out;
}
