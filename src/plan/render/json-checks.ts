/**
 * The `checks` array of Terraform's JSON plan and state documents (its jsonchecks
 * package): one entry per checkable configuration object with its instances, addresses
 * as objects whose keys come in Go's sorted map order, entries sorted by display address.
 */
import { parseAbsResourceInstance, parseModuleInstance } from '../../addrs/index.js';
import type { CheckResult } from '../../state/index.js';

const KIND: Record<CheckResult['objectKind'], string> = { resource: 'resource', output: 'output_value', check: 'check', var: 'var' };

/** Splits `module.a.module.b.check.x` into its module part and the rest. */
function splitModule(addr: string): { module: string; rest: string } {
  const m = /^((?:module\.[^.[]+(?:\[[^\]]*\])?\.)*)(.*)$/.exec(addr)!;
  return { module: m[1]!.replace(/\.$/, ''), rest: m[2]! };
}

/** Builds an object with its keys in Go's order for map[string]interface{} (sorted). */
function sortedObject(entries: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(entries).sort()) out[k] = entries[k];
  return out;
}

function staticAddress(c: CheckResult): Record<string, unknown> {
  const { module, rest } = splitModule(c.configAddr);
  const a: Record<string, unknown> = { to_display: c.configAddr, kind: KIND[c.objectKind] };
  if (module) a.module = module;
  if (c.objectKind === 'resource') {
    const data = rest.startsWith('data.');
    const [type, name] = (data ? rest.slice(5) : rest).split('.');
    a.mode = data ? 'data' : 'managed';
    a.type = type;
    a.name = name;
  } else {
    a.name = rest.slice(rest.indexOf('.') + 1);
  }
  return sortedObject(a);
}

function dynamicAddress(kind: CheckResult['objectKind'], addr: string): Record<string, unknown> {
  const a: Record<string, unknown> = { to_display: addr };
  if (kind === 'resource') {
    const p = parseAbsResourceInstance(addr).value;
    if (p && !p.module.isRoot) a.module = p.module.toString();
    if (p && p.key !== null) a.instance_key = p.key;
  } else {
    const { module } = splitModule(addr);
    if (module && parseModuleInstance(module).value) a.module = module;
  }
  return sortedObject(a);
}

/** Go's byte order on strings, which jsonchecks sorts display addresses by. */
function byBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** Terraform's `checks` value, or undefined when there are no checkable objects. */
export function checksJSON(results: readonly CheckResult[]): unknown[] | undefined {
  if (!results.length) return undefined;
  return [...results].sort((x, y) => byBytes(x.configAddr, y.configAddr)).map((c) => {
    const instances = [...c.objects].sort((x, y) => byBytes(x.objectAddr, y.objectAddr)).map((o) => ({
      address: dynamicAddress(c.objectKind, o.objectAddr),
      status: o.status,
      ...(o.failureMessages?.length ? { problems: [...o.failureMessages].sort(byBytes).map((message) => ({ message })) } : {}),
    }));
    return { address: staticAddress(c), status: c.status, ...(instances.length ? { instances } : {}) };
  });
}
