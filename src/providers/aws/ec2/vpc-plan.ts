/**
 * aws_vpc's configuration checks and plan adjustments as hashicorp's plugin SDK makes them:
 * the schema's ConflictsWith / RequiredWith rules, and the SDK's rule that an unset
 * argument equals its type's zero value, so the `false` / `0` / `""` hashicorp/aws reads
 * for an unset IPv6 argument are no change from an absent one.
 */
import type { Value } from '../../../lang/value.js';
import type { ProviderDiagnostic } from '../../protocol.js';
import { attr, withAttrs } from '../../sdk/obj.js';
import type { PlanCustomization } from '../../sdk/resource.js';
import { vpcCidrDiags } from './cidr-validate.js';

/** hashicorp/aws 5.100's ConflictsWith lists of aws_vpc. */
const CONFLICTS: [string, string[]][] = [
  ['assign_generated_ipv6_cidr_block', ['ipv6_ipam_pool_id']],
  ['cidr_block', ['ipv4_netmask_length']],
  ['ipv4_netmask_length', ['cidr_block']],
  ['ipv6_ipam_pool_id', ['assign_generated_ipv6_cidr_block']],
  ['ipv6_netmask_length', ['ipv6_cidr_block']],
];

/** hashicorp/aws 5.100's RequiredWith lists of aws_vpc. */
const REQUIRED_WITH: [string, string[]][] = [
  ['ipv4_netmask_length', ['ipv4_ipam_pool_id']],
  ['ipv6_cidr_block', ['ipv6_ipam_pool_id']],
  ['ipv6_netmask_length', ['ipv6_ipam_pool_id']],
];

/** Set in configuration, as the SDK sees it: an unknown value counts as set. */
const isSet = (config: Value, name: string) => !attr(config, name).isNull;

/** The CIDR checks, then the SDK's ConflictsWith and RequiredWith errors, of an aws_vpc configuration. */
export function validateVpc(config: Value): ProviderDiagnostic[] {
  const out: ProviderDiagnostic[] = vpcCidrDiags(config);
  for (const [k, others] of CONFLICTS) {
    if (!isSet(config, k)) continue;
    // The SDK skips a conflicting value that is not known yet.
    const hit = others.find((o) => isSet(config, o) && attr(config, o).isKnown);
    if (hit) out.push({ severity: 'error', summary: 'Conflicting configuration arguments', detail: `"${k}": conflicts with ${hit}`, attribute: [{ attr: k }] });
  }
  for (const [k, with_] of REQUIRED_WITH) {
    if (!isSet(config, k)) continue;
    const all = [...new Set([...with_, k])].sort();
    if (all.some((o) => !isSet(config, o))) {
      out.push({ severity: 'error', summary: 'Missing required argument', detail: `"${k}": all of \`${all.join(',')}\` must be specified`, attribute: [{ attr: k }] });
    }
  }
  return out;
}

/** Optional arguments hashicorp/aws reads as their zero value when AWS has none. */
const ZERO_READ = ['assign_generated_ipv6_cidr_block', 'ipv6_ipam_pool_id', 'ipv6_netmask_length'];

function isZero(v: Value): boolean {
  if (v.isNull || !v.isKnown) return false;
  switch (v.type.kind) {
    case 'bool': return v.bool === false;
    case 'number': return v.num === 0;
    case 'string': return v.str === '';
    default: return false;
  }
}

/** Keeps a prior zero value of an argument the configuration leaves unset (no change, as in the SDK). */
export function keepZeroValues(p: PlanCustomization): PlanCustomization {
  if (!p.prior || p.prior.isNull) return p;
  const keep: Record<string, Value> = {};
  for (const name of ZERO_READ) {
    const prior = attr(p.prior, name);
    if (attr(p.config, name).isNull && isZero(prior)) keep[name] = prior;
  }
  return Object.keys(keep).length ? { ...p, planned: withAttrs(p.planned, keep) } : p;
}
