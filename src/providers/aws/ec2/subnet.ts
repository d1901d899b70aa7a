/**
 * aws_subnet, as hashicorp/aws defines it: import id = the subnet id; vpc_id, cidr_block and
 * the availability zone force a new subnet; map_public_ip_on_launch updates in place.
 */
import {
  CreateSubnetCommand, DeleteSubnetCommand, DescribeSubnetsCommand, ModifySubnetAttributeCommand, type Subnet,
} from '@aws-sdk/client-ec2';
import type { Value } from '../../../lang/value.js';
import { impliedType } from '../../schema.js';
import { bool, str, withAttrs } from '../../sdk/obj.js';
import { nullObject } from '../../sdk/provider.js';
import type { ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { subnetSchema } from './schemas.js';
import { awsCall, isAwsCode, retryDependencyViolation } from '../errors.js';
import { planTagsAll, tagMap, tagsForState, updateEc2Tags } from '../tags.js';
import { tagSpec } from './vpc.js';

/** The aws_subnet resource. */
export const awsSubnet: ResourceDef<AwsMeta> = {
  schema: subnetSchema,

  customizePlan: (ctx, p) => planTagsAll(ctx.meta, p),

  async create(ctx, planned) {
    const ec2 = ctx.meta.ec2();
    const out = await awsCall('creating EC2 Subnet', () => ec2.send(new CreateSubnetCommand({
      VpcId: str(planned, 'vpc_id'),
      CidrBlock: str(planned, 'cidr_block'),
      AvailabilityZone: str(planned, 'availability_zone'),
      AvailabilityZoneId: str(planned, 'availability_zone_id'),
      Ipv6CidrBlock: str(planned, 'ipv6_cidr_block'),
      Ipv6Native: bool(planned, 'ipv6_native') || undefined,
      TagSpecifications: tagSpec('subnet', tagMap(planned, 'tags_all')),
    })));
    const id = out.Subnet!.SubnetId!;
    if (bool(planned, 'map_public_ip_on_launch')) await setMapPublicIp(ctx.meta, id, true);
    const got = await readSubnet(ctx.meta, id, planned);
    if (!got) throw new Error(`reading EC2 Subnet (${id}): not found after creation`);
    return got;
  },

  async read(ctx, state) {
    return readSubnet(ctx.meta, str(state, 'id')!, state);
  },

  async update(ctx, prior, planned) {
    const id = str(prior, 'id')!;
    const want = bool(planned, 'map_public_ip_on_launch') ?? false;
    if (want !== (bool(prior, 'map_public_ip_on_launch') ?? false)) await setMapPublicIp(ctx.meta, id, want);
    await updateEc2Tags(ctx.meta, id, tagMap(prior, 'tags_all'), tagMap(planned, 'tags_all'));
    const got = await readSubnet(ctx.meta, id, planned);
    if (!got) throw new Error(`reading EC2 Subnet (${id}): not found after update`);
    return got;
  },

  async delete(ctx, state) {
    const id = str(state, 'id')!;
    try {
      await retryDependencyViolation(() => ctx.meta.ec2().send(new DeleteSubnetCommand({ SubnetId: id })));
    } catch (e) {
      if (isAwsCode(e, 'InvalidSubnetID.NotFound')) return;
      await awsCall(`deleting EC2 Subnet (${id})`, () => Promise.reject(e));
    }
  },

  async importState(_ctx, id) {
    return withAttrs(nullObject(impliedType(awsSubnet.schema.block)), {
      id, assign_ipv6_address_on_creation: false, enable_dns64: false, enable_resource_name_dns_a_record_on_launch: false,
      enable_resource_name_dns_aaaa_record_on_launch: false, ipv6_native: false, map_public_ip_on_launch: false,
    });
  },
};

async function setMapPublicIp(meta: AwsMeta, id: string, on: boolean): Promise<void> {
  await awsCall(`setting EC2 Subnet (${id}) MapPublicIpOnLaunch`, () =>
    meta.ec2().send(new ModifySubnetAttributeCommand({ SubnetId: id, MapPublicIpOnLaunch: { Value: on } })));
}

/** The full state of subnet `id`, or null when it no longer exists. */
export async function readSubnet(meta: AwsMeta, id: string, prior: Value): Promise<Value | null> {
  let s: Subnet | undefined;
  try {
    s = (await meta.ec2().send(new DescribeSubnetsCommand({ SubnetIds: [id] }))).Subnets?.[0];
  } catch (e) {
    if (isAwsCode(e, 'InvalidSubnetID.NotFound')) return null;
    return awsCall(`reading EC2 Subnet (${id})`, () => Promise.reject(e));
  }
  if (!s) return null;
  const ipv6 = s.Ipv6CidrBlockAssociationSet?.find((a) => a.Ipv6CidrBlockState?.State === 'associated');
  const owner = s.OwnerId ?? meta.accountId;
  const dns = s.PrivateDnsNameOptionsOnLaunch;
  return withAttrs(prior, {
    id, arn: s.SubnetArn ?? `arn:${meta.partition}:ec2:${meta.region}:${owner}:subnet/${id}`,
    vpc_id: s.VpcId, cidr_block: s.CidrBlock, availability_zone: s.AvailabilityZone, availability_zone_id: s.AvailabilityZoneId,
    owner_id: owner, map_public_ip_on_launch: s.MapPublicIpOnLaunch ?? false,
    assign_ipv6_address_on_creation: s.AssignIpv6AddressOnCreation ?? false,
    enable_dns64: s.EnableDns64 ?? false, ipv6_native: s.Ipv6Native ?? false,
    enable_lni_at_device_index: s.EnableLniAtDeviceIndex ?? 0,
    enable_resource_name_dns_a_record_on_launch: dns?.EnableResourceNameDnsARecord ?? false,
    enable_resource_name_dns_aaaa_record_on_launch: dns?.EnableResourceNameDnsAAAARecord ?? false,
    private_dns_hostname_type_on_launch: dns?.HostnameType ?? 'ip-name',
    ipv6_cidr_block: ipv6?.Ipv6CidrBlock ?? (str(prior, 'ipv6_cidr_block') === undefined ? null : ''),
    ipv6_cidr_block_association_id: ipv6?.AssociationId ?? '',
    map_customer_owned_ip_on_launch: s.CustomerOwnedIpv4Pool ? s.MapCustomerOwnedIpOnLaunch : bool(prior, 'map_customer_owned_ip_on_launch'),
    customer_owned_ipv4_pool: s.CustomerOwnedIpv4Pool || str(prior, 'customer_owned_ipv4_pool'),
    outpost_arn: s.OutpostArn || str(prior, 'outpost_arn'),
    ...tagsForState(meta, s.Tags, prior),
  });
}
