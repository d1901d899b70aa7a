/**
 * Terraform's JSON output format for state values (`show -json`, and `prior_state` /
 * `planned_values` in plans): values.root_module with resources and child_modules, and
 * outputs.
 */
import { checksJSON } from './json-checks.js';
import { Mark, markWithPaths, unmarkDeep, type Value } from '../../lang/value.js';
import type { Schema } from '../../providers/protocol.js';
import { impliedType } from '../../providers/schema.js';
import { decodeAttributes, typeToJSONValue, type State } from '../../state/index.js';
import { VERSION } from '../../version.js';
import { plainJSON, sensitiveFromPaths, sensitiveMirror } from './json-values.js';

/** Finds the schema of a resource type (undefined: the raw state JSON is used). */
export type SchemaLookup = (providerSource: string, mode: 'managed' | 'data', type: string) => Schema | undefined;

/** One resource in a `values` module. */
export interface JSONResource {
  address: string;
  mode: string;
  type: string;
  name: string;
  index?: number | string;
  provider_name: string;
  schema_version: number;
  /** Absent for an object the plan forgets (Terraform's planned_values). */
  values?: unknown;
  sensitive_values: unknown;
  depends_on?: string[];
  tainted?: boolean;
  deposed_key?: string;
}

/** A module in `values`. */
export interface JSONModule {
  resources?: JSONResource[];
  address?: string;
  child_modules?: JSONModule[];
}

/** Builds a module tree from resources keyed by their module address ('' = root). */
export function moduleTree(byModule: Map<string, JSONResource[]>): JSONModule {
  const root: JSONModule = {};
  const nodes = new Map<string, JSONModule>([['', root]]);
  const ensure = (addr: string): JSONModule => {
    let n = nodes.get(addr);
    if (n) return n;
    n = { address: addr };
    nodes.set(addr, n);
    const parentAddr = addr.replace(/\.?module\.[^.[]+(\[[^\]]*\])?$/, '');
    const parent = ensure(parentAddr);
    (parent.child_modules ??= []).push(n);
    return n;
  };
  for (const [m, rs] of [...byModule].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const n = ensure(m);
    if (rs.length) {
      const list = (n.resources ??= []);
      list.push(...rs);
    }
  }
  // Terraform puts `resources` before `address` and `child_modules` in child modules.
  const order = (n: JSONModule): JSONModule => ({
    ...(n.resources ? { resources: n.resources } : {}),
    ...(n.address !== undefined ? { address: n.address } : {}),
    ...(n.child_modules ? { child_modules: n.child_modules.map(order) } : {}),
  });
  return order(root);
}

function outputsJSON(state: State): Record<string, unknown> | undefined {
  if (state.outputs.size === 0) return undefined;
  const out: Record<string, unknown> = {};
  for (const name of [...state.outputs.keys()].sort()) {
    const o = state.outputs.get(name)!;
    const [bare] = unmarkDeep(o.value);
    out[name] = { sensitive: o.sensitive, value: plainJSON(bare), type: typeToJSONValue(bare.type) };
  }
  return out;
}

/** The `values` of a state: outputs and the module tree of resources. */
export function stateValuesJSON(state: State, schemas: SchemaLookup): { outputs?: Record<string, unknown>; root_module: JSONModule } {
  const byModule = new Map<string, JSONResource[]>();
  for (const { addr, resource, instance } of state.instances()) {
    const obj = instance.current;
    if (!obj) continue;
    const r = addr.resource.resource;
    const mode = r.mode === 'data' ? 'data' : 'managed';
    const schema = schemas(resource.provider.provider.toString(), mode, r.type);
    let values: unknown;
    let sensitive: unknown;
    if (schema && obj.attrsJSON !== undefined && schema.version === obj.schemaVersion) {
      const d = decodeAttributes(obj, impliedType(schema.block), addr.toString());
      values = d.value ? plainJSON(d.value as Value) : safeParse(obj.attrsJSON);
      // Terraform mirrors the whole value (`[false, false]` for a list), not only the sensitive paths.
      if (d.value) sensitive = sensitiveMirror(markWithPaths(d.value as Value, obj.sensitivePaths.map((path) => ({ path, marks: Mark.Sensitive }))));
    } else values = obj.attrsJSON !== undefined ? safeParse(obj.attrsJSON) : { ...obj.attrsFlat };
    const jr: JSONResource = {
      address: addr.toString(), mode, type: r.type, name: r.name,
      ...(addr.key !== null ? { index: addr.key } : {}),
      provider_name: resource.provider.provider.toString(),
      schema_version: obj.schemaVersion,
      values,
      sensitive_values: sensitive ?? sensitiveFromPaths(obj.sensitivePaths),
      ...(obj.dependencies.length ? { depends_on: obj.dependencies.map((d) => d.toString()).sort() } : {}),
      ...(obj.status === 'tainted' ? { tainted: true } : {}),
    };
    const m = addr.module.toString();
    if (!byModule.has(m)) byModule.set(m, []);
    byModule.get(m)!.push(jr);
  }
  if (!byModule.has('')) byModule.set('', []);
  const outputs = outputsJSON(state);
  return { ...(outputs ? { outputs } : {}), root_module: moduleTree(byModule) };
}

function safeParse(s: string): unknown {
  try { return JSON.parse(s) as unknown; } catch { return null; }
}

/** The whole `show -json` document for a state (`{"format_version":"1.0"}` when there is none). */
export function stateJSON(state: State | undefined, schemas: SchemaLookup): Record<string, unknown> {
  if (!state) return { format_version: '1.0' };
  const checks = checksJSON(state.checkResults);
  return { format_version: '1.0', terraform_version: VERSION, values: stateValuesJSON(state, schemas), ...(checks ? { checks } : {}) };
}
