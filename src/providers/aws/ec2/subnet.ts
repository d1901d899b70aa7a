/**
 * aws_subnet, as hashicorp/aws defines it: import id = the subnet id; vpc_id, cidr_block and
 * the availability zone force a new subnet; the launch attributes (public IP mapping, DNS64,
 * resource-name DNS records, hostname type...) update in place.
 */
import {
  AssociateSubnetCidrBlockCommand, CreateSubnetCommand, DisassociateSubnetCidrBlockCommand, DeleteSubnetCommand, DescribeSubnetsCommand, ModifySubnetAttributeCommand, type ModifySubnetAttributeCommandInput,
  type Subnet,
} from '@aws-sdk/client-ec2';
import type { Value } from '../../../lang/value.js';
import { impliedType } from '../../schema.js';
import { attr, bool, num, str, withAttrs } from '../../sdk/obj.js';
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
    await setAttributes(ctx.meta, id, planned, null);
    const got = await readSubnet(ctx.meta, id, planned);
    if (!got) throw new Error(`reading EC2 Subnet (${id}): not found after creation`);
    return got;
  },

  async read(ctx, state) {
    return readSubnet(ctx.meta, str(state, 'id')!, state);
  },

  async update(ctx, prior, planned) {
    const id = str(prior, 'id')!;
    const ec2 = ctx.meta.ec2();
    let before = prior;
    const oldV6 = str(prior, 'ipv6_cidr_block') ?? '', newV6 = str(planned, 'ipv6_cidr_block') ?? '';
    if (attr(planned, 'ipv6_cidr_block').isKnown && oldV6 !== newV6) {
      // AWS refuses to drop the block while new interfaces still get IPv6 addresses from it.
      if (oldV6 && bool(prior, 'assign_ipv6_address_on_creation')) {
        await awsCall(`setting EC2 Subnet (${id}) AssignIpv6AddressOnCreation`, () =>
          ec2.send(new ModifySubnetAttributeCommand({ SubnetId: id, AssignIpv6AddressOnCreation: { Value: false } })));
      }
      const assoc = str(prior, 'ipv6_cidr_block_association_id');
      if (oldV6 && assoc) {
        await awsCall(`disassociating EC2 Subnet (${id}) IPv6 CIDR block (${assoc})`, () =>
          ec2.send(new DisassociateSubnetCidrBlockCommand({ AssociationId: assoc })));
      }
      if (newV6) {
        await awsCall(`associating EC2 Subnet (${id}) IPv6 CIDR block (${newV6})`, () =>
          ec2.send(new AssociateSubnetCidrBlockCommand({ SubnetId: id, Ipv6CidrBlock: newV6 })));
      }
      before = (await readSubnet(ctx.meta, id, prior)) ?? prior;
    }
    await setAttributes(ctx.meta, id, planned, before);
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

/** The boolean attributes ModifySubnetAttribute sets one at a time, with AWS's values for a new subnet. */
const BOOL_ATTRIBUTES: [name: string, field: string, initial: boolean][] = [
  ['map_public_ip_on_launch', 'MapPublicIpOnLaunch', false],
  ['assign_ipv6_address_on_creation', 'AssignIpv6AddressOnCreation', false],
  ['enable_dns64', 'EnableDns64', false],
  ['enable_resource_name_dns_a_record_on_launch', 'EnableResourceNameDnsARecordOnLaunch', false],
  ['enable_resource_name_dns_aaaa_record_on_launch', 'EnableResourceNameDnsAAAARecordOnLaunch', false],
];

/**
 * Sets the subnet attributes whose planned value differs from `prior` (null: what AWS gives
 * a new subnet), one ModifySubnetAttribute call each, as hashicorp does.
 */
async function setAttributes(meta: AwsMeta, id: string, planned: Value, prior: Value | null): Promise<void> {
  const ec2 = meta.ec2();
  const modify = (what: string, input: Omit<ModifySubnetAttributeCommandInput, 'SubnetId'>) =>
    awsCall(`setting EC2 Subnet (${id}) ${what}`, () => ec2.send(new ModifySubnetAttributeCommand({ SubnetId: id, ...input })));
  for (const [name, field, initial] of BOOL_ATTRIBUTES) {
    const want = bool(planned, name);
    if (want === undefined) continue;
    const have = prior ? bool(prior, name) ?? initial : initial;
    if (want !== have) await modify(field, { [field]: { Value: want } });
  }
  const hostType = str(planned, 'private_dns_hostname_type_on_launch');
  const priorHostType = prior ? str(prior, 'private_dns_hostname_type_on_launch') : 'ip-name';
  if (hostType && hostType !== priorHostType) await modify('PrivateDnsHostnameTypeOnLaunch', { PrivateDnsHostnameTypeOnLaunch: hostType as 'ip-name' });
  const lni = num(planned, 'enable_lni_at_device_index');
  if (lni !== undefined && lni !== (prior ? num(prior, 'enable_lni_at_device_index') ?? 0 : 0) && lni !== 0) {
    await modify('EnableLniAtDeviceIndex', { EnableLniAtDeviceIndex: lni });
  }
  const mapCoip = bool(planned, 'map_customer_owned_ip_on_launch');
  if (mapCoip !== undefined && mapCoip !== (prior ? bool(prior, 'map_customer_owned_ip_on_launch') : undefined)) {
    await modify('MapCustomerOwnedIpOnLaunch', {
      MapCustomerOwnedIpOnLaunch: { Value: mapCoip }, CustomerOwnedIpv4Pool: str(planned, 'customer_owned_ipv4_pool'),
    });
  }
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
