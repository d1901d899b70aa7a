/**
 * aws_eip, as hashicorp/aws defines it: import id = the allocation id (or the public IP);
 * instance / network_interface associate in place; delete disassociates then releases.
 */
import {
  AllocateAddressCommand, AssociateAddressCommand, DescribeAddressesAttributeCommand, DescribeAddressesCommand,
  DisassociateAddressCommand, ReleaseAddressCommand, type Address,
} from '@aws-sdk/client-ec2';
import { isIP } from 'node:net';
import type { Value } from '../../../lang/value.js';
import { bool, str, withAttrs } from '../../sdk/obj.js';
import { ProviderError, type ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsCall, awsFailure, isAwsCode } from '../errors.js';
import { planTagsAll, tagMap, tagsForState, updateEc2Tags } from '../tags.js';
import { eipSchema } from './schemas.js';
import { tagSpec } from './vpc.js';

/** The aws_eip resource. */
export const awsEip: ResourceDef<AwsMeta> = {
  schema: eipSchema,

  customizePlan: (ctx, p) => planTagsAll(ctx.meta, p),

  async create(ctx, planned) {
    const domain = str(planned, 'domain') || (bool(planned, 'vpc') === false ? undefined : 'vpc');
    const out = await awsCall('creating EC2 EIP', () => ctx.meta.ec2().send(new AllocateAddressCommand({
      Address: str(planned, 'address') || undefined,
      CustomerOwnedIpv4Pool: str(planned, 'customer_owned_ipv4_pool') || undefined,
      Domain: domain as 'vpc' | undefined,
      IpamPoolId: str(planned, 'ipam_pool_id') || undefined,
      NetworkBorderGroup: str(planned, 'network_border_group') || undefined,
      PublicIpv4Pool: str(planned, 'public_ipv4_pool') || undefined,
      TagSpecifications: tagSpec('elastic-ip', tagMap(planned, 'tags_all')),
    })));
    const id = out.AllocationId!;
    const instance = str(planned, 'instance') ?? '', eni = str(planned, 'network_interface') ?? '';
    if (instance || eni) await associate(ctx.meta, id, instance, eni, str(planned, 'associate_with_private_ip') ?? '');
    return mustRead(ctx.meta, id, planned);
  },

  async read(ctx, state) {
    return readEip(ctx.meta, str(state, 'id')!, state);
  },

  async update(ctx, prior, planned) {
    const id = str(prior, 'id')!;
    const changed = ['associate_with_private_ip', 'instance', 'network_interface'].some((k) => str(prior, k) !== str(planned, k));
    if (changed) {
      const assoc = str(prior, 'association_id') ?? '';
      if (str(prior, 'instance') || assoc) await disassociate(ctx.meta, assoc);
      const instance = str(planned, 'instance') ?? '', eni = str(planned, 'network_interface') ?? '';
      if (instance || eni) await associate(ctx.meta, id, instance, eni, str(planned, 'associate_with_private_ip') ?? '');
    }
    await updateEc2Tags(ctx.meta, id, tagMap(prior, 'tags_all'), tagMap(planned, 'tags_all'));
    return mustRead(ctx.meta, id, planned);
  },

  async delete(ctx, state) {
    const id = str(state, 'id')!;
    const assoc = str(state, 'association_id') ?? '';
    if (assoc || str(state, 'instance')) await disassociate(ctx.meta, assoc);
    try {
      await ctx.meta.ec2().send(new ReleaseAddressCommand({ AllocationId: id, NetworkBorderGroup: str(state, 'network_border_group') || undefined }));
    } catch (e) {
      if (isAwsCode(e, 'InvalidAllocationID.NotFound')) return;
      throw awsFailure(`deleting EC2 EIP (${id})`, e);
    }
  },
};

async function associate(meta: AwsMeta, id: string, instance: string, eni: string, privateIp: string): Promise<void> {
  await awsCall(`associating EC2 EIP (${id})`, () => meta.ec2().send(new AssociateAddressCommand({
    AllocationId: id, InstanceId: instance || undefined, NetworkInterfaceId: eni || undefined, PrivateIpAddress: privateIp || undefined,
  })));
}

async function disassociate(meta: AwsMeta, association: string): Promise<void> {
  if (!association) return;
  try {
    await meta.ec2().send(new DisassociateAddressCommand({ AssociationId: association }));
  } catch (e) {
    if (isAwsCode(e, 'InvalidAssociationID.NotFound')) return;
    throw awsFailure(`disassociating EC2 EIP (${association})`, e);
  }
}

async function mustRead(meta: AwsMeta, id: string, planned: Value): Promise<Value> {
  const got = await readEip(meta, id, planned);
  if (!got) throw new ProviderError(`reading EC2 EIP (${id}): couldn't find resource`);
  return got;
}

/** The address `id` names (an allocation id, or a public IP when imported by it). */
async function findAddress(meta: AwsMeta, id: string): Promise<Address | undefined> {
  try {
    const out = await meta.ec2().send(new DescribeAddressesCommand(isIP(id) ? { PublicIps: [id] } : { AllocationIds: [id] }));
    return out.Addresses?.[0];
  } catch (e) {
    if (isAwsCode(e, 'InvalidAllocationID.NotFound', 'InvalidAddress.NotFound')) return undefined;
    throw awsFailure(`reading EC2 EIP (${id})`, e);
  }
}

/** The private DNS name AWS gives a private IPv4 address in the region. */
function privateDns(meta: AwsMeta, ip: string): string {
  const host = `ip-${ip.replace(/\./g, '-')}`;
  return meta.region === 'us-east-1' ? `${host}.ec2.internal` : `${host}.${meta.region}.compute.internal`;
}

/** The public DNS name AWS gives a public IPv4 address in the region. */
function publicDns(meta: AwsMeta, ip: string): string {
  const host = `ec2-${ip.replace(/\./g, '-')}`;
  return meta.region === 'us-east-1' ? `${host}.compute-1.amazonaws.com` : `${host}.${meta.region}.compute.amazonaws.com`;
}

/** The full state of the address, or null when it no longer exists. */
export async function readEip(meta: AwsMeta, id: string, prior: Value): Promise<Value | null> {
  if (!id.startsWith('eipalloc-') && !isIP(id)) {
    throw new ProviderError('with the retirement of EC2-Classic standard domain EC2 EIPs are no longer supported');
  }
  const a = await findAddress(meta, id);
  if (!a) return null;
  const alloc = a.AllocationId!;
  let ptr: string | null = null;
  try {
    const attr = await meta.ec2().send(new DescribeAddressesAttributeCommand({ AllocationIds: [alloc], Attribute: 'domain-name' }));
    const found = attr.Addresses?.find((x) => x.AllocationId === alloc);
    if (found) ptr = (found.PtrRecord ?? '').replace(/\.$/, '');
  } catch (e) {
    if (!isAwsCode(e, 'InvalidAction', 'InvalidAllocationID.NotFound')) throw awsFailure(`reading EC2 EIP (${alloc}) domain name attribute`, e);
  }
  const pool = a.PublicIpv4Pool ?? '';
  return withAttrs(prior, {
    id: alloc, allocation_id: alloc, arn: `arn:${meta.partition}:ec2:${meta.region}:${meta.accountId}:elastic-ip/${alloc}`,
    association_id: a.AssociationId ?? '', carrier_ip: a.CarrierIp ?? '', customer_owned_ip: a.CustomerOwnedIp ?? '',
    customer_owned_ipv4_pool: a.CustomerOwnedIpv4Pool || (str(prior, 'customer_owned_ipv4_pool') === undefined ? null : ''),
    domain: a.Domain ?? '', instance: a.InstanceId ?? '',
    ipam_pool_id: pool.startsWith('ipam-pool-') ? pool : (str(prior, 'ipam_pool_id') ?? null),
    network_border_group: a.NetworkBorderGroup ?? '', network_interface: a.NetworkInterfaceId ?? '',
    public_ipv4_pool: pool, private_ip: a.PrivateIpAddress ?? '',
    private_dns: a.PrivateIpAddress ? privateDns(meta, a.PrivateIpAddress) : null,
    public_ip: a.PublicIp ?? '', public_dns: a.PublicIp ? publicDns(meta, a.PublicIp) : null,
    ptr_record: ptr, vpc: a.Domain === 'vpc',
    ...tagsForState(meta, a.Tags, prior),
  });
}
