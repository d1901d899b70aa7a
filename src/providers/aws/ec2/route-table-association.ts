/**
 * aws_route_table_association and aws_main_route_table_association, as hashicorp/aws
 * defines them. A subnet or gateway association: import id "<subnet or gateway id>/<route
 * table id>", a new route table replaces the association in place (its id changes). The
 * main association: adopting makes the table the VPC's main one; destroying hands the main
 * role back to the table that had it before.
 */
import {
  AssociateRouteTableCommand, DescribeRouteTablesCommand, DisassociateRouteTableCommand, ReplaceRouteTableAssociationCommand,
  type RouteTableAssociation,
} from '@aws-sdk/client-ec2';
import type { Value } from '../../../lang/value.js';
import { impliedType } from '../../schema.js';
import { str, withAttrs } from '../../sdk/obj.js';
import { nullObject } from '../../sdk/provider.js';
import { ProviderError, type ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsCall, awsFailure, isAwsCode } from '../errors.js';
import { optString } from './optional.js';
import { findRouteTable } from './route-table.js';
import { mainRouteTableAssociationSchema, routeTableAssociationSchema } from './schemas.js';

/** The association `id` (with its route table id), or undefined when it does not exist. */
async function findAssociation(meta: AwsMeta, id: string): Promise<RouteTableAssociation | undefined> {
  const out = await awsCall(`reading Route Table Association (${id})`, () => meta.ec2().send(new DescribeRouteTablesCommand({
    Filters: [{ Name: 'association.route-table-association-id', Values: [id] }],
  })));
  for (const t of out.RouteTables ?? []) {
    const a = t.Associations?.find((x) => x.RouteTableAssociationId === id);
    if (a && a.AssociationState?.State !== 'disassociated') return { ...a, RouteTableId: a.RouteTableId ?? t.RouteTableId };
  }
  return undefined;
}

async function readAssociation(meta: AwsMeta, id: string, prior: Value): Promise<Value | null> {
  const a = await findAssociation(meta, id);
  if (!a || a.Main) return null;
  return withAttrs(prior, {
    id, route_table_id: a.RouteTableId,
    subnet_id: optString(prior, 'subnet_id', a.SubnetId), gateway_id: optString(prior, 'gateway_id', a.GatewayId),
  });
}

/** The aws_route_table_association resource. */
export const awsRouteTableAssociation: ResourceDef<AwsMeta> = {
  schema: routeTableAssociationSchema,

  async create(ctx, planned) {
    const table = str(planned, 'route_table_id')!;
    const out = await awsCall(`creating Route Table (${table}) Association`, () => ctx.meta.ec2().send(new AssociateRouteTableCommand({
      RouteTableId: table, SubnetId: str(planned, 'subnet_id') || undefined, GatewayId: str(planned, 'gateway_id') || undefined,
    })));
    const id = out.AssociationId!;
    const got = await readAssociation(ctx.meta, id, withAttrs(planned, { id }));
    if (!got) throw new ProviderError(`reading Route Table Association (${id}): couldn't find resource`);
    return got;
  },

  async read(ctx, state) {
    return readAssociation(ctx.meta, str(state, 'id')!, state);
  },

  async update(ctx, prior, planned, config) {
    const id = str(prior, 'id')!;
    let newId: string;
    try {
      const out = await ctx.meta.ec2().send(new ReplaceRouteTableAssociationCommand({ AssociationId: id, RouteTableId: str(planned, 'route_table_id') }));
      newId = out.NewAssociationId!;
    } catch (e) {
      // Gone behind terraform's back: associate afresh.
      if (isAwsCode(e, 'InvalidAssociationID.NotFound')) return awsRouteTableAssociation.create(ctx, planned, config);
      throw awsFailure(`updating Route Table Association (${id})`, e);
    }
    const got = await readAssociation(ctx.meta, newId, withAttrs(planned, { id: newId }));
    if (!got) throw new ProviderError(`reading Route Table Association (${newId}): couldn't find resource`);
    return got;
  },

  async delete(ctx, state) {
    const id = str(state, 'id')!;
    try {
      await ctx.meta.ec2().send(new DisassociateRouteTableCommand({ AssociationId: id }));
    } catch (e) {
      if (isAwsCode(e, 'InvalidAssociationID.NotFound')) return;
      throw awsFailure(`deleting Route Table Association (${id})`, e);
    }
  },

  async importState(ctx, id) {
    const parts = id.split('/');
    if (parts.length !== 2) {
      throw new ProviderError(`Unexpected format for import: ${id}. Use 'subnet ID/route table ID' or 'gateway ID/route table ID`);
    }
    const [target, table] = parts as [string, string];
    const t = await findRouteTable(ctx.meta, table);
    if (!t) throw new ProviderError(`reading Route Table (${table}): couldn't find resource`);
    const base = nullObject(impliedType(routeTableAssociationSchema.block));
    for (const a of t.Associations ?? []) {
      if (a.SubnetId === target) return withAttrs(base, { id: a.RouteTableAssociationId, subnet_id: target, route_table_id: table });
      if (a.GatewayId === target) return withAttrs(base, { id: a.RouteTableAssociationId, gateway_id: target, route_table_id: table });
    }
    throw new ProviderError(`No association found between route table ID ${table} and target ID ${target}`);
  },
};

/** The main route table association of VPC `vpc`. */
async function findMainAssociation(meta: AwsMeta, vpc: string): Promise<RouteTableAssociation | undefined> {
  const out = await awsCall(`reading Main Route Table Association (${vpc})`, () => meta.ec2().send(new DescribeRouteTablesCommand({
    Filters: [{ Name: 'association.main', Values: ['true'] }, { Name: 'vpc-id', Values: [vpc] }],
  })));
  for (const t of out.RouteTables ?? []) {
    const a = t.Associations?.find((x) => x.Main);
    if (a) return { ...a, RouteTableId: a.RouteTableId ?? t.RouteTableId };
  }
  return undefined;
}

async function replaceMain(meta: AwsMeta, op: string, association: string, table: string): Promise<string> {
  const out = await awsCall(op, () => meta.ec2().send(new ReplaceRouteTableAssociationCommand({ AssociationId: association, RouteTableId: table })));
  return out.NewAssociationId!;
}

/** The aws_main_route_table_association resource. */
export const awsMainRouteTableAssociation: ResourceDef<AwsMeta> = {
  schema: mainRouteTableAssociationSchema,

  async create(ctx, planned) {
    const vpc = str(planned, 'vpc_id')!;
    const table = str(planned, 'route_table_id')!;
    const main = await findMainAssociation(ctx.meta, vpc);
    if (!main) throw new ProviderError(`reading Main Route Table Association (${vpc}): couldn't find resource`);
    const id = await replaceMain(ctx.meta, `creating Main Route Table Association (${table})`, main.RouteTableAssociationId!, table);
    return withAttrs(planned, { id, original_route_table_id: main.RouteTableId });
  },

  async read(ctx, state) {
    const id = str(state, 'id')!;
    const a = await findAssociation(ctx.meta, id);
    if (!a || !a.Main) return null;
    // hashicorp only checks that the association still exists.
    return state;
  },

  async update(ctx, prior, planned) {
    const table = str(planned, 'route_table_id')!;
    const id = await replaceMain(ctx.meta, `updating Main Route Table Association (${table})`, str(prior, 'id')!, table);
    return withAttrs(planned, { id });
  },

  async delete(ctx, state) {
    await replaceMain(ctx.meta, `deleting Main Route Table Association (${str(state, 'route_table_id')})`, str(state, 'id')!, str(state, 'original_route_table_id')!);
  },
};
