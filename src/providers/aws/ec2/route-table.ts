/**
 * aws_route_table, as hashicorp/aws defines it: import id = the route table id; vpc_id
 * forces a new table; inline routes and propagating VGWs update in place (a route is
 * matched by its destination: a new target replaces it, a missing one is deleted).
 */
import {
  CreateRouteCommand, CreateRouteTableCommand, DeleteRouteCommand, DeleteRouteTableCommand, DescribeRouteTablesCommand,
  DisableVgwRoutePropagationCommand, DisassociateRouteTableCommand, EnableVgwRoutePropagationCommand, ReplaceRouteCommand,
  type CreateRouteCommandInput, type RouteTable,
} from '@aws-sdk/client-ec2';
import type { Value } from '../../../lang/value.js';
import { attr, str, toJS, withAttrs } from '../../sdk/obj.js';
import { ProviderError, type ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsCall, awsFailure, isAwsCode } from '../errors.js';
import { planTagsAll, tagMap, tagsForState, updateEc2Tags } from '../tags.js';
import { planRoutes, routeDestination, routesForState, routesOf, routeTarget, ROUTE_DESTINATIONS, ROUTE_TARGETS, type RouteMap } from './route-table-routes.js';
import { routeTableSchema } from './schemas.js';
import { tagSpec } from './vpc.js';
import { timeoutOf, waitForState } from './wait.js';

const MINUTE = 60_000;

/** The aws_route_table resource. */
export const awsRouteTable: ResourceDef<AwsMeta> = {
  schema: routeTableSchema,

  customizePlan(ctx, p) {
    const withTags = planTagsAll(ctx.meta, p);
    return { ...withTags, planned: planRoutes(withTags.planned, p.prior, p.config) };
  },

  async create(ctx, planned) {
    const ec2 = ctx.meta.ec2();
    const out = await awsCall('creating Route Table', () => ec2.send(new CreateRouteTableCommand({
      VpcId: str(planned, 'vpc_id'),
      TagSpecifications: tagSpec('route-table', tagMap(planned, 'tags_all')),
    })));
    const id = out.RouteTable!.RouteTableId!;
    const timeout = timeoutOf(planned, 'create', 5 * MINUTE);
    await waitForState(`waiting for Route Table (${id}) create`, async () => ({ state: (await findRouteTable(ctx.meta, id)) ? 'ready' : 'notfound' }), ['ready'], { timeoutMs: timeout, signal: ctx.signal });
    for (const vgw of setOf(planned, 'propagating_vgws')) await enableVgw(ctx.meta, id, vgw);
    for (const r of routesOf(planned)) await addRoute(ctx.meta, id, r);
    return mustRead(ctx.meta, id, planned);
  },

  async read(ctx, state) {
    return readRouteTable(ctx.meta, str(state, 'id')!, state);
  },

  async update(ctx, prior, planned) {
    const id = str(prior, 'id')!;
    const ec2 = ctx.meta.ec2();
    const before = setOf(prior, 'propagating_vgws'), after = setOf(planned, 'propagating_vgws');
    if (attr(planned, 'propagating_vgws').isKnown) {
      for (const v of before) {
        if (after.includes(v)) continue;
        await awsCall(`disabling Route Table (${id}) VPN Gateway (${v}) route propagation`, () =>
          ec2.send(new DisableVgwRoutePropagationCommand({ RouteTableId: id, GatewayId: v })));
      }
      for (const v of after) if (!before.includes(v)) await enableVgw(ctx.meta, id, v);
    }
    const oldRoutes = routesOf(prior), newRoutes = routesOf(planned);
    if (attr(planned, 'route').isKnown) {
      for (const n of newRoutes) {
        const [, dest] = routeDestination(n);
        const old = oldRoutes.find((o) => routeDestination(o)[1] === dest);
        if (!old) await addRoute(ctx.meta, id, n);
        else if (routeTarget(old)[1] !== routeTarget(n)[1]) await replaceRoute(ctx.meta, id, n);
      }
      for (const o of oldRoutes) {
        const [, dest] = routeDestination(o);
        if (!newRoutes.some((n) => routeDestination(n)[1] === dest)) await deleteRoute(ctx.meta, id, o);
      }
    }
    await updateEc2Tags(ctx.meta, id, tagMap(prior, 'tags_all'), tagMap(planned, 'tags_all'));
    return mustRead(ctx.meta, id, planned);
  },

  async delete(ctx, state) {
    const id = str(state, 'id')!;
    const ec2 = ctx.meta.ec2();
    const t = await findRouteTable(ctx.meta, id);
    if (!t) return;
    for (const a of t.Associations ?? []) {
      try {
        await ec2.send(new DisassociateRouteTableCommand({ AssociationId: a.RouteTableAssociationId }));
      } catch (e) {
        if (!isAwsCode(e, 'InvalidAssociationID.NotFound')) throw awsFailure(`deleting Route Table (${id})`, e);
      }
    }
    try {
      await ec2.send(new DeleteRouteTableCommand({ RouteTableId: id }));
    } catch (e) {
      if (isAwsCode(e, 'InvalidRouteTableID.NotFound')) return;
      throw awsFailure(`deleting Route Table (${id})`, e);
    }
    await waitForState(`waiting for Route Table (${id}) delete`, async () => ({ state: (await findRouteTable(ctx.meta, id)) ? 'ready' : 'deleted' }), ['deleted'],
      { timeoutMs: timeoutOf(state, 'delete', 5 * MINUTE), signal: ctx.signal });
  },
};

function setOf(v: Value, name: string): string[] {
  const a = attr(v, name);
  return a.isNull || !a.isKnown ? [] : (toJS(a) as string[]);
}

async function enableVgw(meta: AwsMeta, id: string, vgw: string): Promise<void> {
  await awsCall(`enabling Route Table (${id}) VPN Gateway (${vgw}) route propagation`, () =>
    meta.ec2().send(new EnableVgwRoutePropagationCommand({ RouteTableId: id, GatewayId: vgw })));
}

/** The CreateRoute/ReplaceRoute fields of a route element. */
function routeInput(r: RouteMap): Omit<CreateRouteCommandInput, 'RouteTableId'> {
  const v = (k: string) => r[k] || undefined;
  return {
    DestinationCidrBlock: v('cidr_block'), DestinationIpv6CidrBlock: v('ipv6_cidr_block'), DestinationPrefixListId: v('destination_prefix_list_id'),
    CarrierGatewayId: v('carrier_gateway_id'), CoreNetworkArn: v('core_network_arn'), EgressOnlyInternetGatewayId: v('egress_only_gateway_id'),
    GatewayId: v('gateway_id'), LocalGatewayId: v('local_gateway_id'), NatGatewayId: v('nat_gateway_id'),
    NetworkInterfaceId: v('network_interface_id'), TransitGatewayId: v('transit_gateway_id'), VpcEndpointId: v('vpc_endpoint_id'),
    VpcPeeringConnectionId: v('vpc_peering_connection_id'),
  };
}

/** hashicorp's nested ExactlyOneOf check of a route's destination and target. */
function checkRoute(op: string, r: RouteMap): void {
  for (const keys of [ROUTE_DESTINATIONS, ROUTE_TARGETS]) {
    const set = keys.filter((k) => r[k]);
    if (set.length === 0) throw new ProviderError(`${op} route: one of \`${keys.join(',')}\` must be specified`);
    if (set.length > 1) throw new ProviderError(`${op} route: only one of \`${keys.join(',')}\` can be specified, but \`${set.join(',')}\` were specified.`);
  }
}

async function addRoute(meta: AwsMeta, id: string, r: RouteMap): Promise<void> {
  checkRoute('creating', r);
  const [, dest] = routeDestination(r);
  await awsCall(`creating Route in Route Table (${id}) with destination (${dest})`, () =>
    meta.ec2().send(new CreateRouteCommand({ RouteTableId: id, ...routeInput(r) })));
}

async function replaceRoute(meta: AwsMeta, id: string, r: RouteMap): Promise<void> {
  checkRoute('updating', r);
  const [, dest] = routeDestination(r);
  await awsCall(`updating Route in Route Table (${id}) with destination (${dest})`, () =>
    meta.ec2().send(new ReplaceRouteCommand({ RouteTableId: id, ...routeInput(r) })));
}

async function deleteRoute(meta: AwsMeta, id: string, r: RouteMap): Promise<void> {
  const [key, dest] = routeDestination(r);
  const input = key === 'cidr_block' ? { DestinationCidrBlock: dest } : key === 'ipv6_cidr_block' ? { DestinationIpv6CidrBlock: dest } : { DestinationPrefixListId: dest };
  try {
    await meta.ec2().send(new DeleteRouteCommand({ RouteTableId: id, ...input }));
  } catch (e) {
    if (isAwsCode(e, 'InvalidRoute.NotFound')) return;
    throw awsFailure(`deleting Route in Route Table (${id}) with destination (${dest})`, e);
  }
}

/** Route table `id`, or undefined when it does not exist. */
export async function findRouteTable(meta: AwsMeta, id: string): Promise<RouteTable | undefined> {
  try {
    const out = await meta.ec2().send(new DescribeRouteTablesCommand({ RouteTableIds: [id] }));
    return out.RouteTables?.find((t) => t.RouteTableId === id);
  } catch (e) {
    if (isAwsCode(e, 'InvalidRouteTableID.NotFound')) return undefined;
    throw awsFailure(`reading Route Table (${id})`, e);
  }
}

async function mustRead(meta: AwsMeta, id: string, planned: Value): Promise<Value> {
  const got = await readRouteTable(meta, id, planned);
  if (!got) throw new ProviderError(`reading Route Table (${id}): couldn't find resource`);
  return got;
}

/** The full state of route table `id`, or null when it no longer exists. */
export async function readRouteTable(meta: AwsMeta, id: string, prior: Value): Promise<Value | null> {
  const t = await findRouteTable(meta, id);
  if (!t) return null;
  const owner = t.OwnerId ?? meta.accountId;
  return withAttrs(prior, {
    id, arn: `arn:${meta.partition}:ec2:${meta.region}:${owner}:route-table/${id}`, owner_id: owner, vpc_id: t.VpcId,
    propagating_vgws: (t.PropagatingVgws ?? []).map((v) => v.GatewayId),
    route: routesForState(t.Routes),
    ...tagsForState(meta, t.Tags, prior),
  });
}
