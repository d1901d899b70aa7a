/**
 * aws_nat_gateway, as hashicorp/aws defines it: import id = the gateway id; create waits
 * until the gateway is available and delete until it is deleted; secondary addresses of
 * a public gateway (secondary_allocation_ids) change in place.
 */
import {
  AssignPrivateNatGatewayAddressCommand, AssociateNatGatewayAddressCommand, CreateNatGatewayCommand, DeleteNatGatewayCommand, DescribeNatGatewaysCommand,
  DisassociateNatGatewayAddressCommand, UnassignPrivateNatGatewayAddressCommand, type NatGateway,
} from '@aws-sdk/client-ec2';
import { randomUUID } from 'node:crypto';
import * as T from '../../../lang/types.js';
import { rawEquals, unknownVal, type Value } from '../../../lang/value.js';
import { attr, num, str, toJS, withAttrs } from '../../sdk/obj.js';
import { ProviderError, type ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsCall, awsFailure, isAwsCode } from '../errors.js';
import { planTagsAll, tagMap, tagsForState, updateEc2Tags } from '../tags.js';
import { natGatewaySchema } from './schemas.js';
import { tagSpec } from './vpc.js';
import { timeoutOf, waitForState } from './wait.js';

const MINUTE = 60_000;

function setOf(v: Value, name: string): string[] {
  const a = attr(v, name);
  return a.isNull || !a.isKnown ? [] : (toJS(a) as string[]);
}

/** The aws_nat_gateway resource. */
export const awsNatGateway: ResourceDef<AwsMeta> = {
  schema: natGatewaySchema,

  customizePlan(ctx, p) {
    const out = planTagsAll(ctx.meta, p);
    if (!p.prior || p.requiresReplace.length) return out;
    // Secondary addresses changing in place change what AWS reports for the computed ones.
    const changed = (name: string) => {
      const a = attr(out.planned, name), b = attr(p.prior!, name);
      return !a.isKnown || !rawEquals(a, b);
    };
    const unknown: Record<string, Value> = {};
    if (changed('secondary_allocation_ids') || changed('secondary_private_ip_addresses')) {
      unknown.secondary_private_ip_address_count = unknownVal(T.Number);
      if (attr(p.config, 'secondary_private_ip_addresses').isNull) unknown.secondary_private_ip_addresses = unknownVal(T.Set(T.String));
    }
    return Object.keys(unknown).length ? { ...out, planned: withAttrs(out.planned, unknown) } : out;
  },

  async create(ctx, planned) {
    const secondaryIps = setOf(planned, 'secondary_private_ip_addresses');
    const secondaryAllocs = setOf(planned, 'secondary_allocation_ids');
    const out = await awsCall('creating EC2 NAT Gateway', () => ctx.meta.ec2().send(new CreateNatGatewayCommand({
      ClientToken: randomUUID(),
      AllocationId: str(planned, 'allocation_id') || undefined,
      ConnectivityType: (str(planned, 'connectivity_type') || undefined) as 'public' | undefined,
      PrivateIpAddress: str(planned, 'private_ip') || undefined,
      SecondaryAllocationIds: secondaryAllocs.length ? secondaryAllocs : undefined,
      SecondaryPrivateIpAddressCount: num(planned, 'secondary_private_ip_address_count') || undefined,
      SecondaryPrivateIpAddresses: secondaryIps.length ? secondaryIps : undefined,
      SubnetId: str(planned, 'subnet_id'),
      TagSpecifications: tagSpec('natgateway', tagMap(planned, 'tags_all')),
    })));
    const id = out.NatGateway!.NatGatewayId!;
    await waitForState(`waiting for EC2 NAT Gateway (${id}) create`, async () => {
      const g = await findNatGateway(ctx.meta, id);
      return { state: g?.State ?? 'notfound', error: g?.FailureMessage };
    }, ['available'], { pending: ['pending', 'notfound'], timeoutMs: timeoutOf(planned, 'create', 10 * MINUTE), signal: ctx.signal });
    return mustRead(ctx.meta, id, planned);
  },

  async read(ctx, state) {
    return readNatGateway(ctx.meta, str(state, 'id')!, state);
  },

  async update(ctx, prior, planned) {
    const id = str(prior, 'id')!;
    const ec2 = ctx.meta.ec2();
    if (str(planned, 'connectivity_type') === 'public' && attr(planned, 'secondary_allocation_ids').isKnown) {
      const before = setOf(prior, 'secondary_allocation_ids'), after = setOf(planned, 'secondary_allocation_ids');
      const add = after.filter((x) => !before.includes(x)), del = before.filter((x) => !after.includes(x));
      if (add.length) {
        await awsCall(`associating EC2 NAT Gateway (${id}) allocation IDs`, () => ec2.send(new AssociateNatGatewayAddressCommand({ NatGatewayId: id, AllocationIds: add })));
      }
      if (del.length) {
        const g = await findNatGateway(ctx.meta, id);
        const assocs = (g?.NatGatewayAddresses ?? []).filter((x) => del.includes(x.AllocationId ?? '')).map((x) => x.AssociationId!);
        await awsCall(`disassociating EC2 NAT Gateway (${id}) allocation IDs`, () => ec2.send(new DisassociateNatGatewayAddressCommand({ NatGatewayId: id, AssociationIds: assocs })));
      }
    }
    if (str(planned, 'connectivity_type') === 'private' && attr(planned, 'secondary_private_ip_addresses').isKnown) {
      const before = setOf(prior, 'secondary_private_ip_addresses'), after = setOf(planned, 'secondary_private_ip_addresses');
      const add = after.filter((x) => !before.includes(x)), del = before.filter((x) => !after.includes(x));
      if (add.length) {
        await awsCall(`assigning EC2 NAT Gateway (${id}) private IP addresses`, () => ec2.send(new AssignPrivateNatGatewayAddressCommand({ NatGatewayId: id, PrivateIpAddresses: add })));
      }
      if (del.length) {
        await awsCall(`unassigning EC2 NAT Gateway (${id}) private IP addresses`, () => ec2.send(new UnassignPrivateNatGatewayAddressCommand({ NatGatewayId: id, PrivateIpAddresses: del })));
      }
    }
    await updateEc2Tags(ctx.meta, id, tagMap(prior, 'tags_all'), tagMap(planned, 'tags_all'));
    return mustRead(ctx.meta, id, planned);
  },

  async delete(ctx, state) {
    const id = str(state, 'id')!;
    try {
      await ctx.meta.ec2().send(new DeleteNatGatewayCommand({ NatGatewayId: id }));
    } catch (e) {
      if (isAwsCode(e, 'NatGatewayNotFound')) return;
      throw awsFailure(`deleting EC2 NAT Gateway (${id})`, e);
    }
    await waitForState(`waiting for EC2 NAT Gateway (${id}) delete`, async () => ({ state: (await findNatGateway(ctx.meta, id, true))?.State ?? 'deleted' }),
      ['deleted'], { pending: ['deleting'], timeoutMs: timeoutOf(state, 'delete', 30 * MINUTE), signal: ctx.signal });
  },
};

/** Gateway `id`; a deleted gateway counts as gone unless `includeDeleted`. */
async function findNatGateway(meta: AwsMeta, id: string, includeDeleted = false): Promise<NatGateway | undefined> {
  try {
    const out = await meta.ec2().send(new DescribeNatGatewaysCommand({ NatGatewayIds: [id] }));
    const g = out.NatGateways?.find((x) => x.NatGatewayId === id);
    if (g && g.State === 'deleted' && !includeDeleted) return undefined;
    return g;
  } catch (e) {
    if (isAwsCode(e, 'NatGatewayNotFound')) return undefined;
    throw awsFailure(`reading EC2 NAT Gateway (${id})`, e);
  }
}

async function mustRead(meta: AwsMeta, id: string, planned: Value): Promise<Value> {
  const got = await readNatGateway(meta, id, planned);
  if (!got) throw new ProviderError(`reading EC2 NAT Gateway (${id}): couldn't find resource`);
  return got;
}

/** The full state of gateway `id`, or null when it no longer exists. */
export async function readNatGateway(meta: AwsMeta, id: string, prior: Value): Promise<Value | null> {
  const g = await findNatGateway(meta, id);
  if (!g) return null;
  const addrs = g.NatGatewayAddresses ?? [];
  const primary = addrs.find((a) => a.IsPrimary || addrs.length === 1);
  const secondary = addrs.filter((a) => a !== primary);
  const secondaryAllocs = secondary.map((a) => a.AllocationId).filter((x): x is string => !!x);
  const priorAllocs = attr(prior, 'secondary_allocation_ids');
  return withAttrs(prior, {
    id, allocation_id: primary?.AllocationId || (str(prior, 'allocation_id') === undefined ? null : ''),
    association_id: primary?.AssociationId ?? '', network_interface_id: primary?.NetworkInterfaceId ?? '',
    private_ip: primary?.PrivateIp ?? '', public_ip: primary?.PublicIp ?? '',
    connectivity_type: g.ConnectivityType ?? 'public', subnet_id: g.SubnetId,
    // An optional, non-computed set: empty stays as configured (null) when AWS has none.
    secondary_allocation_ids: secondaryAllocs.length || (priorAllocs.isKnown && !priorAllocs.isNull) ? secondaryAllocs : null,
    secondary_private_ip_address_count: secondary.filter((a) => a.PrivateIp).length,
    secondary_private_ip_addresses: secondary.map((a) => a.PrivateIp).filter((x): x is string => !!x),
    ...tagsForState(meta, g.Tags, prior),
  });
}
