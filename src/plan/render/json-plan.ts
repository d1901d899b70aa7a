/**
 * Terraform's JSON output format for plans (`show -json PLANFILE`, `plan -json`'s
 * document): planned_values, resource_drift, resource_changes, output_changes,
 * prior_state, configuration, timestamp and errored.
 */
import { isWhollyKnown, unmarkDeep, type Value } from '../../lang/value.js';
import type { Config } from '../../config/module.js';
import { typeToJSONValue, type State } from '../../state/index.js';
import { VERSION } from '../../version.js';
import { instanceKeyString, parseAbsResourceInstance } from '../../addrs/index.js';
import type { Action, Plan, ResourceInstanceChange } from '../plan.js';
import { mirror, plainJSON, sensitiveMirror } from './json-values.js';
import { configurationJSON, type ProviderSchemaLookup } from './json-config.js';
import { moduleTree, stateJSON, stateValuesJSON, type JSONResource, type SchemaLookup } from './json-state.js';
import { checksJSON } from './json-checks.js';
import type { RelevantAttribute } from '../relevant.js';

/** Terraform's `actions` list for an action. */
export function jsonActions(a: Action): string[] {
  switch (a) {
    case 'delete-then-create': return ['delete', 'create'];
    case 'create-then-delete': return ['create', 'delete'];
    default: return [a];
  }
}

function providerName(providerAddr: string): string {
  const m = /provider\["([^"]+)"\]/.exec(providerAddr);
  return m ? m[1]! : providerAddr;
}

function changeJSON(ch: ResourceInstanceChange): Record<string, unknown> {
  const a = parseAbsResourceInstance(ch.addr).value;
  const before = ch.before.isNull ? null : plainJSON(ch.before);
  // Unknown attributes are left out of `after` (Terraform's omitUnknowns); after_unknown says where.
  const after = ch.after.isNull ? null : knownJSON(ch.after);
  const afterUnknown = ch.after.isNull ? {} : mirror(unmarkDeep(ch.after)[0], (v) => !v.isKnown);
  const c: Record<string, unknown> = {
    actions: jsonActions(ch.action),
    before, ...(after === undefined ? {} : { after }),
    after_unknown: afterUnknown === false ? {} : afterUnknown,
    before_sensitive: ch.before.isNull ? false : sensitiveMirror(ch.before),
    after_sensitive: ch.after.isNull ? false : sensitiveMirror(ch.after),
  };
  if (ch.requiredReplace.length) {
    c.replace_paths = ch.requiredReplace.map((p) => p.map((s) => ('attr' in s ? s.attr : typeof s.index === 'object' ? plainJSON(s.index) : s.index)));
  }
  if (ch.importing) c.importing = { id: ch.importing.id };
  if (ch.generatedConfig) c.generated_config = ch.generatedConfig;
  return {
    address: ch.addr,
    ...(a && !a.module.isRoot ? { module_address: a.module.toString() } : {}),
    mode: ch.mode, type: ch.type, name: ch.name,
    ...(a && a.key !== null ? { index: a.key } : {}),
    ...(ch.deposedKey ? { deposed: ch.deposedKey } : {}),
    ...(ch.prevRunAddr && ch.prevRunAddr !== ch.addr ? { previous_address: ch.prevRunAddr } : {}),
    provider_name: providerName(ch.providerAddr),
    change: c,
    ...(ch.actionReason ? { action_reason: ch.actionReason } : {}),
  };
}

/**
 * Planned values as Terraform writes them (its omitUnknowns): unknown attributes left out,
 * unknown elements of sequences as null; undefined for a wholly unknown value.
 */
export function knownJSON(v: Value): unknown {
  if (v.isNull) return null;
  if (!v.isKnown) return undefined;
  switch (v.type.kind) {
    case 'list': case 'set': case 'tuple': return v.elems.map((e) => knownJSON(e) ?? null);
    case 'map': case 'object': {
      const o: Record<string, unknown> = {};
      for (const [k, e] of v.attrs) {
        const j = knownJSON(e);
        if (j !== undefined) o[k] = j;
      }
      return o;
    }
    default: return plainJSON(v);
  }
}

function plannedValues(plan: Plan, prior: State, schemas: SchemaLookup): Record<string, unknown> {
  const byModule = new Map<string, JSONResource[]>([['', []]]);
  for (const ch of plan.changes) {
    // Terraform lists a forgotten object with no values and `sensitive_values: false`.
    const forget = ch.action === 'forget';
    if (ch.deposedKey || (ch.after.isNull && !forget)) continue;
    const a = parseAbsResourceInstance(ch.addr).value;
    const r: JSONResource = {
      address: ch.addr, mode: ch.mode, type: ch.type, name: ch.name,
      ...(a && a.key !== null ? { index: a.key } : {}),
      provider_name: providerName(ch.providerAddr),
      schema_version: schemas(providerName(ch.providerAddr), ch.mode, ch.type)?.version ?? 0,
      ...(forget ? {} : { values: knownJSON(ch.after) ?? null }),
      sensitive_values: forget ? false : sensitiveMirror(ch.after),
    };
    const m = a ? a.module.toString() : '';
    if (!byModule.has(m)) byModule.set(m, []);
    byModule.get(m)!.push(r);
  }
  const outputs: Record<string, unknown> = {};
  for (const o of plan.outputChanges) {
    if (o.action === 'delete') continue;
    const bare = unmarkDeep(o.after)[0];
    // A known value comes with its type, sensitive or not, as in Terraform's planned outputs.
    outputs[o.name] = { sensitive: o.sensitive, ...(isWhollyKnown(bare) ? { type: typeToJSONValue(bare.type), value: plainJSON(bare) } : {}) };
  }
  void prior;
  return { ...(Object.keys(outputs).length ? { outputs } : {}), root_module: moduleTree(byModule) };
}

function outputChangesJSON(plan: Plan): Record<string, unknown> | undefined {
  if (!plan.outputChanges.length) return undefined;
  const out: Record<string, unknown> = {};
  for (const o of [...plan.outputChanges].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const bare = unmarkDeep(o.after)[0];
    const after = isWhollyKnown(bare) ? plainJSON(bare) : knownJSON(bare);
    const unknown = isWhollyKnown(bare) ? false : mirror(bare, (v) => !v.isKnown);
    out[o.name] = {
      actions: [o.action],
      before: o.before.isNull ? null : plainJSON(o.before),
      // Left out when wholly unknown, as Terraform does.
      ...(after === undefined ? {} : { after }),
      after_unknown: unknown,
      before_sensitive: o.sensitive,
      after_sensitive: o.sensitive,
    };
  }
  return out;
}

/** The whole JSON document for a saved plan. */
export function planJSON(plan: Plan, prior: State, schemas: SchemaLookup, config?: Config, providerSchema?: ProviderSchemaLookup): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(plan.variables)) vars[k] = { value: plainJSON(v as Value) };
  // A plan's prior state never carries check results (Terraform discards them when planning).
  const { checks: _priorChecks, ...priorDoc } = stateJSON(prior, schemas);
  void _priorChecks;
  const checks = checksJSON(plan.checks);
  const relevant = relevantAttributesJSON(plan.relevantAttributes ?? [], moduleInstancesOf(plan, prior));
  const changes = plan.changes.filter((c) => !(plan.mode === 'refresh-only' && c.action === 'no-op'));
  const outChanges = outputChangesJSON(plan);
  return {
    format_version: '1.2',
    terraform_version: VERSION,
    ...(Object.keys(vars).length ? { variables: vars } : {}),
    planned_values: plannedValues(plan, prior, schemas),
    ...(plan.drift.length ? { resource_drift: plan.drift.map(changeJSON) } : {}),
    ...(changes.length ? { resource_changes: changes.map(changeJSON) } : {}),
    ...(outChanges ? { output_changes: outChanges } : {}),
    ...(prior.isEmpty ? {} : { prior_state: { ...priorDoc, values: stateValuesJSON(prior, schemas) } }),
    configuration: config ? configurationJSON(config, schemas, providerSchema) : {},
    ...(relevant.length ? { relevant_attributes: relevant } : {}),
    ...(checks ? { checks } : {}),
    ...(plan.targets.length ? { target_addrs: plan.targets } : {}),
    timestamp: plan.timestamp.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    applyable: !plan.errored && (changes.some((c) => c.action !== 'no-op') || Boolean(outChanges && plan.outputChanges.some((o) => o.action !== 'no-op'))),
    complete: !plan.errored,
    errored: plan.errored,
  };
}

/**
 * Terraform's `relevant_attributes`: each resource an attribute of which the plan's
 * changes depend on, with the attribute as path steps; sorted so the output is stable.
 */
export function relevantAttributesJSON(
  attrs: readonly RelevantAttribute[], moduleInstances: ReadonlyMap<string, readonly string[]> = new Map(),
): { resource: string; attribute: (string | number)[] }[] {
  const seen = new Set<string>();
  const out: { resource: string; attribute: (string | number)[] }[] = [];
  for (const a of attrs) {
    const resource = a.resource + (a.key !== undefined ? instanceKeyString(a.key) : '');
    // Terraform names the resource in each module instance (`module.m[0].x.y`).
    const m = /^((?:module\.[^.]+\.)+)(.*)$/.exec(resource);
    const instances = m ? moduleInstances.get(m[1]!.slice(0, -1)) : undefined;
    for (const res of instances?.length ? instances.map((mi) => `${mi}.${m![2]}`) : [resource]) {
      const r = { resource: res, attribute: [...(a.path ?? a.attr)] };
      const k = JSON.stringify(r);
      if (!seen.has(k)) { seen.add(k); out.push(r); }
    }
  }
  const key = (a: { resource: string; attribute: (string | number)[] }) => `${a.resource}\0${JSON.stringify(a.attribute)}`;
  return out.sort((a, b) => Buffer.compare(Buffer.from(key(a)), Buffer.from(key(b))));
}

/** The module instances the plan and its prior state know, by static module path (`module.m` -> `module.m[0]`, ...). */
function moduleInstancesOf(plan: Plan, prior: State): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  const add = (mi: import('../../addrs/index.js').ModuleInstance) => {
    if (mi.isRoot) return;
    const k = mi.module().toString();
    if (!out.has(k)) out.set(k, new Set());
    out.get(k)!.add(mi.toString());
  };
  for (const c of [...plan.changes, ...plan.drift]) {
    const a = parseAbsResourceInstance(c.addr).value;
    if (a) add(a.module);
  }
  for (const { addr } of prior.instances()) add(addr.module);
  return new Map([...out].map(([k, v]) => [k, [...v]]));
}
