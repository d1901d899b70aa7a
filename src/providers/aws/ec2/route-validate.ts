/**
 * Configuration checks of the route types, worded as hashicorp's SDK words ExactlyOneOf
 * and ConflictsWith. No AWS SDK import: validation runs on every plan.
 */
import type { Value } from '../../../lang/value.js';
import type { ProviderDiagnostic } from '../../protocol.js';
import { attr } from '../../sdk/obj.js';

/** aws_route destination attributes. */
export const ROUTE_RESOURCE_DESTINATIONS = ['destination_cidr_block', 'destination_ipv6_cidr_block', 'destination_prefix_list_id'] as const;
/** aws_route target attributes (the ExactlyOneOf list hashicorp checks). */
export const ROUTE_RESOURCE_TARGETS = [
  'carrier_gateway_id', 'core_network_arn', 'egress_only_gateway_id', 'gateway_id', 'local_gateway_id', 'nat_gateway_id',
  'network_interface_id', 'transit_gateway_id', 'vpc_endpoint_id', 'vpc_peering_connection_id',
] as const;

/** "set" for ExactlyOneOf: unknown counts as set; null and "" do not. */
function isSet(config: Value, name: string): boolean {
  const v = attr(config, name);
  if (!v.isKnown) return true;
  return !v.isNull && !(v.type.kind === 'string' && v.str === '');
}

/** SDK ExactlyOneOf over `keys`, reported on each key as hashicorp does. */
export function exactlyOneOf(config: Value, keys: readonly string[]): ProviderDiagnostic[] {
  const set = keys.filter((k) => isSet(config, k));
  if (set.length === 1) return [];
  const list = keys.join(',');
  if (set.length === 0) {
    return [{ severity: 'error', summary: 'Invalid combination of arguments', detail: `"${keys[0]}": one of \`${list}\` must be specified`, attribute: [{ attr: keys[0]! }] }];
  }
  return set.map((k) => ({
    severity: 'error' as const, summary: 'Invalid combination of arguments',
    detail: `"${k}": only one of \`${list}\` can be specified, but \`${set.join(',')}\` were specified.`, attribute: [{ attr: k }],
  }));
}

/** SDK ConflictsWith of `name` with `others`. */
function conflicts(config: Value, name: string, others: string[]): ProviderDiagnostic[] {
  if (!isSet(config, name)) return [];
  return others.filter((o) => isSet(config, o)).map((o) => ({
    severity: 'error' as const, summary: 'Conflicting configuration arguments', detail: `"${name}": conflicts with ${o}`, attribute: [{ attr: name }],
  }));
}

/** Checks of aws_route. */
export function validateRoute(config: Value): ProviderDiagnostic[] {
  if (config.isNull || !config.isKnown) return [];
  return [
    ...exactlyOneOf(config, ROUTE_RESOURCE_DESTINATIONS),
    ...exactlyOneOf(config, ROUTE_RESOURCE_TARGETS),
    ...conflicts(config, 'carrier_gateway_id', ['destination_ipv6_cidr_block']),
    ...conflicts(config, 'egress_only_gateway_id', ['destination_cidr_block']),
    ...conflicts(config, 'vpc_endpoint_id', ['destination_prefix_list_id']),
  ];
}

/** Checks of aws_route_table_association. */
export function validateRouteTableAssociation(config: Value): ProviderDiagnostic[] {
  if (config.isNull || !config.isKnown) return [];
  return exactlyOneOf(config, ['gateway_id', 'subnet_id']);
}

/** Checks of aws_nat_gateway (hashicorp's CustomizeDiff, reported at plan time). */
export function validateNatGateway(config: Value): ProviderDiagnostic[] {
  if (config.isNull || !config.isKnown) return [];
  const type = attr(config, 'connectivity_type');
  const t = type.isNull ? 'public' : type.isKnown ? type.str : undefined;
  const out: ProviderDiagnostic[] = [];
  const bad = (name: string) => out.push({ severity: 'error', summary: `${name} is not supported with connectivity_type = "${t}"`, attribute: [{ attr: name }] });
  if (t === 'private') {
    if (isSet(config, 'allocation_id')) bad('allocation_id');
    const sec = attr(config, 'secondary_allocation_ids');
    if (!sec.isNull && (!sec.isKnown || sec.elems.length > 0)) bad('secondary_allocation_ids');
  } else if (t === 'public') {
    const c = attr(config, 'secondary_private_ip_address_count');
    if (c.isKnown && !c.isNull) bad('secondary_private_ip_address_count');
  }
  if (t !== undefined && t !== 'public' && t !== 'private') {
    out.push({ severity: 'error', summary: 'Invalid value', detail: `expected connectivity_type to be one of ["private" "public"], got ${t}`, attribute: [{ attr: 'connectivity_type' }] });
  }
  return out;
}
