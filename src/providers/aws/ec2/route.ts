/**
 * aws_route, as hashicorp/aws defines it: one route of a route table, id
 * "r-<route table id><crc32 of the destination>", import id "<route table id>_<destination>";
 * the destination and the table force a new route, a new target replaces it in place.
 */
import { crc32 } from 'node:zlib';
import { CreateRouteCommand, DeleteRouteCommand, ReplaceRouteCommand, type Route } from '@aws-sdk/client-ec2';
import type { Value } from '../../../lang/value.js';
import { impliedType } from '../../schema.js';
import { str, withAttrs } from '../../sdk/obj.js';
import { nullObject } from '../../sdk/provider.js';
import { ProviderError, type ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsFailure, isAwsCode } from '../errors.js';
import { optString } from './optional.js';
import { findRouteTable } from './route-table.js';
import { routeSchema } from './schemas.js';
import { ROUTE_RESOURCE_DESTINATIONS, ROUTE_RESOURCE_TARGETS } from './route-validate.js';
import { timeoutOf, waitForState } from './wait.js';

const MINUTE = 60_000;

/** hashicorp's route id: "r-" + table id + the CRC-32 of the destination in decimal. */
export function routeId(tableId: string, destination: string): string {
  return `r-${tableId}${crc32(destination)}`;
}

/** The API field each destination attribute sets. */
const DEST_FIELD: Record<string, 'DestinationCidrBlock' | 'DestinationIpv6CidrBlock' | 'DestinationPrefixListId'> = {
  destination_cidr_block: 'DestinationCidrBlock', destination_ipv6_cidr_block: 'DestinationIpv6CidrBlock', destination_prefix_list_id: 'DestinationPrefixListId',
};
/** The API field each target attribute sets. */
const TARGET_FIELD: Record<string, string> = {
  carrier_gateway_id: 'CarrierGatewayId', core_network_arn: 'CoreNetworkArn', egress_only_gateway_id: 'EgressOnlyInternetGatewayId',
  gateway_id: 'GatewayId', instance_id: 'InstanceId', local_gateway_id: 'LocalGatewayId', nat_gateway_id: 'NatGatewayId',
  network_interface_id: 'NetworkInterfaceId', transit_gateway_id: 'TransitGatewayId', vpc_endpoint_id: 'VpcEndpointId',
  vpc_peering_connection_id: 'VpcPeeringConnectionId',
};

function destinationOf(v: Value): [string, string] {
  for (const k of ROUTE_RESOURCE_DESTINATIONS) {
    const x = str(v, k);
    if (x) return [k, x];
  }
  throw new ProviderError('reading Route: unexpected route destination attribute: ""');
}

function targetOf(v: Value, config: Value): [string, string] {
  // network_interface_id is also computed (instance routes): prefer what the config names.
  for (const k of ROUTE_RESOURCE_TARGETS) {
    const x = str(config, k);
    if (x) return [k, x];
  }
  for (const k of ROUTE_RESOURCE_TARGETS) {
    const x = str(v, k);
    if (x) return [k, x];
  }
  return ['', ''];
}

/** The aws_route resource. */
export const awsRoute: ResourceDef<AwsMeta> = {
  schema: routeSchema,

  async create(ctx, planned, config) {
    const table = str(planned, 'route_table_id')!;
    const [dkey, dest] = destinationOf(planned);
    const [tkey, target] = targetOf(planned, config);
    try {
      await ctx.meta.ec2().send(new CreateRouteCommand({ RouteTableId: table, [DEST_FIELD[dkey]!]: dest, [TARGET_FIELD[tkey] ?? 'GatewayId']: target }));
    } catch (e) {
      if (isAwsCode(e, 'InvalidGatewayID.NotFound') && target === 'local') {
        throw new ProviderError('creating Route: cannot create local Route, use `terraform import` to manage existing local Routes');
      }
      throw awsFailure(`creating Route in Route Table (${table}) with destination (${dest})`, e);
    }
    await waitForState(`waiting for Route in Route Table (${table}) with destination (${dest}) to become available`,
      async () => ({ state: (await findRoute(ctx.meta, table, dkey, dest)) ? 'ready' : 'notfound' }), ['ready'],
      { timeoutMs: timeoutOf(planned, 'create', 5 * MINUTE), signal: ctx.signal });
    const got = await readRoute(ctx.meta, withAttrs(planned, { id: routeId(table, dest) }));
    if (!got) throw new ProviderError(`reading Route in Route Table (${table}) with destination (${dest}): couldn't find resource`);
    return got;
  },

  async read(ctx, state) {
    return readRoute(ctx.meta, state);
  },

  async update(ctx, prior, planned, config) {
    const table = str(planned, 'route_table_id')!;
    const [dkey, dest] = destinationOf(planned);
    const [tkey, target] = targetOf(planned, config);
    const input = target === 'local' && tkey === 'gateway_id' ? { LocalTarget: true } : { [TARGET_FIELD[tkey] ?? 'GatewayId']: target };
    try {
      await ctx.meta.ec2().send(new ReplaceRouteCommand({ RouteTableId: table, [DEST_FIELD[dkey]!]: dest, ...input }));
    } catch (e) {
      throw awsFailure(`updating Route in Route Table (${table}) with destination (${dest})`, e);
    }
    const got = await readRoute(ctx.meta, withAttrs(planned, { id: str(prior, 'id') }));
    if (!got) throw new ProviderError(`reading Route in Route Table (${table}) with destination (${dest}): couldn't find resource`);
    return got;
  },

  async delete(ctx, state) {
    const table = str(state, 'route_table_id')!;
    const [dkey, dest] = destinationOf(state);
    try {
      await ctx.meta.ec2().send(new DeleteRouteCommand({ RouteTableId: table, [DEST_FIELD[dkey]!]: dest }));
    } catch (e) {
      if (isAwsCode(e, 'InvalidRoute.NotFound', 'InvalidRouteTableID.NotFound')) return;
      // A local route (imported) cannot be deleted: it just leaves state.
      if (isAwsCode(e, 'InvalidParameterValue') && String((e as Error).message).includes('cannot remove local route')) return;
      throw awsFailure(`deleting Route in Route Table (${table}) with destination (${dest})`, e);
    }
    await waitForState(`waiting for Route in Route Table (${table}) with destination (${dest}) to delete`,
      async () => ({ state: (await findRoute(ctx.meta, table, dkey, dest)) ? 'ready' : 'deleted' }), ['deleted'],
      { timeoutMs: timeoutOf(state, 'delete', 5 * MINUTE), signal: ctx.signal });
  },

  async importState(_ctx, id) {
    const parts = id.split('_');
    if (parts.length !== 2 || !parts[0] || !parts[1]) {
      throw new ProviderError(`unexpected format of ID (${JSON.stringify(id)}), expected ROUTETABLEID_DESTINATION`);
    }
    const [table, dest] = parts as [string, string];
    const key = dest.includes(':') ? 'destination_ipv6_cidr_block' : dest.includes('.') ? 'destination_cidr_block' : 'destination_prefix_list_id';
    return withAttrs(nullObject(impliedType(routeSchema.block)), { id: routeId(table, dest), route_table_id: table, [key]: dest });
  },
};

/** The route of table `table` with destination `dest` (by attribute `key`), if any. */
async function findRoute(meta: AwsMeta, table: string, key: string, dest: string): Promise<Route | undefined> {
  const t = await findRouteTable(meta, table);
  const field = DEST_FIELD[key]!;
  const want = key === 'destination_ipv6_cidr_block' ? dest.toLowerCase() : dest;
  return t?.Routes?.find((r) => (key === 'destination_ipv6_cidr_block' ? r[field]?.toLowerCase() : r[field]) === want);
}

/** The state of the route `state` names, or null when it (or its table) is gone. */
async function readRoute(meta: AwsMeta, state: Value): Promise<Value | null> {
  const table = str(state, 'route_table_id')!;
  const [key, dest] = destinationOf(state);
  const r = await findRoute(meta, table, key, dest);
  if (!r) return null;
  const gw = r.GatewayId ?? '';
  const endpoint = gw.startsWith('vpce-');
  return withAttrs(state, {
    carrier_gateway_id: optString(state, 'carrier_gateway_id', r.CarrierGatewayId),
    core_network_arn: optString(state, 'core_network_arn', r.CoreNetworkArn),
    destination_cidr_block: optString(state, 'destination_cidr_block', r.DestinationCidrBlock),
    destination_ipv6_cidr_block: optString(state, 'destination_ipv6_cidr_block', r.DestinationIpv6CidrBlock),
    destination_prefix_list_id: optString(state, 'destination_prefix_list_id', r.DestinationPrefixListId),
    gateway_id: optString(state, 'gateway_id', endpoint ? undefined : gw),
    vpc_endpoint_id: optString(state, 'vpc_endpoint_id', endpoint ? gw : undefined),
    egress_only_gateway_id: optString(state, 'egress_only_gateway_id', r.EgressOnlyInternetGatewayId),
    nat_gateway_id: optString(state, 'nat_gateway_id', r.NatGatewayId),
    local_gateway_id: optString(state, 'local_gateway_id', r.LocalGatewayId),
    transit_gateway_id: optString(state, 'transit_gateway_id', r.TransitGatewayId),
    vpc_peering_connection_id: optString(state, 'vpc_peering_connection_id', r.VpcPeeringConnectionId),
    instance_id: r.InstanceId ?? '',
    instance_owner_id: r.InstanceOwnerId ?? '',
    network_interface_id: r.NetworkInterfaceId ?? '',
    origin: r.Origin ?? '',
    state: r.State ?? '',
  });
}
