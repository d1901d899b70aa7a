/**
 * Configuration checks worded like hashicorp's plugin-SDK validators ("expected X to be in
 * the range (a - b), got n", "conflicts with"), shared by the sqs, sns, dynamodb and ecr
 * areas. Unknown values pass. No AWS SDK import.
 */
import type { Value } from '../../../lang/value.js';
import type { ProviderDiagnostic } from '../../protocol.js';
import { attr } from '../../sdk/obj.js';

function known(v: Value): boolean {
  return v.isKnown && !v.isNull;
}

function err(name: string, summary: string): ProviderDiagnostic {
  return { severity: 'error', summary, attribute: [{ attr: name }] };
}

/** `name` must lie in [lo, hi] when set. */
export function intBetween(config: Value, name: string, lo: number, hi: number): ProviderDiagnostic[] {
  const v = attr(config, name);
  if (!known(v)) return [];
  const n = v.v as number;
  return n < lo || n > hi ? [err(name, `expected ${name} to be in the range (${lo} - ${hi}), got ${n}`)] : [];
}

/** `name` must be one of `values` when set. */
export function stringInSlice(config: Value, name: string, values: string[]): ProviderDiagnostic[] {
  const v = attr(config, name);
  if (!known(v)) return [];
  return values.includes(v.v as string) ? [] : [err(name, `expected ${name} to be one of [${values.map((x) => JSON.stringify(x)).join(' ')}], got ${v.v as string}`)];
}

/** `name` must hold valid JSON when set. */
export function stringIsJson(config: Value, name: string): ProviderDiagnostic[] {
  const v = attr(config, name);
  if (!known(v) || v.v === '') return [];
  try {
    JSON.parse(v.v as string);
    return [];
  } catch (e) {
    return [err(name, `"${name}" contains an invalid JSON: ${e instanceof Error ? e.message : String(e)}`)];
  }
}

/** `a` and `b` may not both be set. */
export function conflicts(config: Value, x: string, y: string): ProviderDiagnostic[] {
  const vx = attr(config, x), vy = attr(config, y);
  if (vx.isNull || vy.isNull) return [];
  return [err(x, `"${x}": conflicts with ${y}`)];
}
