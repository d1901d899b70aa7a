/**
 * aws_route_table's inline `route` set as hashicorp stores it: every field a string ("" when
 * unset), the local route and propagated or endpoint-managed routes left out. Planning gives
 * the optional+computed set its meaning: routes not written keep what state has.
 */
import * as T from '../../../lang/types.js';
import { nullVal, objectValOfType, setVal, emptySetVal, stringVal, unknownVal, type Value } from '../../../lang/value.js';
import type { Route } from '@aws-sdk/client-ec2';
import { impliedType } from '../../schema.js';
import { attr, toJS, withAttrs } from '../../sdk/obj.js';
import { routeTableRouteBlock } from './schemas.js';

/** The type of one `route` element. */
export const routeType = impliedType(routeTableRouteBlock);

/** One route as plain strings. */
export type RouteMap = Record<string, string>;

/** Destination attributes, in hashicorp's order of precedence. */
export const ROUTE_DESTINATIONS = ['cidr_block', 'ipv6_cidr_block', 'destination_prefix_list_id'] as const;
/** Target attributes, in hashicorp's order of precedence. */
export const ROUTE_TARGETS = [
  'carrier_gateway_id', 'core_network_arn', 'egress_only_gateway_id', 'gateway_id', 'local_gateway_id', 'nat_gateway_id',
  'network_interface_id', 'transit_gateway_id', 'vpc_endpoint_id', 'vpc_peering_connection_id',
] as const;

/** The first set destination attribute and its value (["", ""] when none). */
export function routeDestination(r: RouteMap): [string, string] {
  for (const k of ROUTE_DESTINATIONS) if (r[k]) return [k, r[k]!];
  return ['', ''];
}

/** The first set target attribute and its value (["", ""] when none). */
export function routeTarget(r: RouteMap): [string, string] {
  for (const k of ROUTE_TARGETS) if (r[k]) return [k, r[k]!];
  return ['', ''];
}

/** A configured route with every unset field "" (what the provider stores). */
function normalize(v: Value): Value {
  if (v.isNull || !v.isKnown) return v;
  const entries: [string, Value][] = [];
  for (const name of Object.keys(routeType.attrs)) {
    const c = v.attrs.get(name) ?? nullVal(T.String);
    entries.push([name, c.isNull ? stringVal('') : c]);
  }
  return objectValOfType(routeType, entries);
}

/** The planned `route` given the SDK's plan, the prior state and the config. */
export function planRoutes(planned: Value, prior: Value | null, config: Value): Value {
  const c = attr(config, 'route');
  let out: Value;
  if (!c.isKnown) out = c;
  else if (!c.isNull && c.elems.length > 0) out = setVal(c.elems.map(normalize), routeType);
  else if (!c.isNull) out = emptySetVal(routeType); // `route = []`: no routes besides the local one
  else {
    const p = prior ? attr(prior, 'route') : null;
    out = p && !p.isNull ? p : unknownVal(T.Set(routeType));
  }
  return withAttrs(planned, { route: out });
}

/** The routes of a state or planned value as plain maps. */
export function routesOf(v: Value): RouteMap[] {
  const r = attr(v, 'route');
  if (r.isNull || !r.isKnown) return [];
  return (toJS(r) as Record<string, string | null>[]).map((m) => Object.fromEntries(Object.entries(m).map(([k, x]) => [k, x ?? ''])));
}

/** An AWS route as a `route` element, or undefined when hashicorp leaves it out of the set. */
export function flattenRoute(r: Route): RouteMap | undefined {
  const gw = r.GatewayId ?? '';
  if (gw === 'local' || gw === 'VpcLattice') return undefined;
  if (r.Origin === 'EnableVgwRoutePropagation') return undefined;
  if (r.DestinationPrefixListId && gw.startsWith('vpce-')) return undefined;
  const m: RouteMap = Object.fromEntries(Object.keys(routeType.attrs).map((k) => [k, '']));
  m.cidr_block = r.DestinationCidrBlock ?? '';
  m.ipv6_cidr_block = r.DestinationIpv6CidrBlock ?? '';
  m.destination_prefix_list_id = r.DestinationPrefixListId ?? '';
  m.carrier_gateway_id = r.CarrierGatewayId ?? '';
  m.core_network_arn = r.CoreNetworkArn ?? '';
  m.egress_only_gateway_id = r.EgressOnlyInternetGatewayId ?? '';
  if (gw.startsWith('vpce-')) m.vpc_endpoint_id = gw;
  else m.gateway_id = gw;
  m.local_gateway_id = r.LocalGatewayId ?? '';
  m.nat_gateway_id = r.NatGatewayId ?? '';
  m.network_interface_id = r.NetworkInterfaceId ?? '';
  m.transit_gateway_id = r.TransitGatewayId ?? '';
  m.vpc_peering_connection_id = r.VpcPeeringConnectionId ?? '';
  return m;
}

/** The routes of a route table for state. */
export function routesForState(routes: Route[] | undefined): RouteMap[] {
  return (routes ?? []).map(flattenRoute).filter((m): m is RouteMap => m !== undefined);
}
