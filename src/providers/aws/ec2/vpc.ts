/**
 * aws_vpc, as hashicorp/aws defines it: import id = the VPC id; cidr_block forces a new
 * VPC; DNS attributes and instance_tenancy update in place; the default security group,
 * network ACL and main route table AWS creates with the VPC are exported as ids.
 */
import {
  AssociateVpcCidrBlockCommand, CreateVpcCommand, DisassociateVpcCidrBlockCommand, DeleteVpcCommand, DescribeNetworkAclsCommand, DescribeRouteTablesCommand, DescribeSecurityGroupsCommand,
  DescribeVpcAttributeCommand, DescribeVpcsCommand, ModifyVpcAttributeCommand, ModifyVpcTenancyCommand, type ResourceType, type Vpc,
} from '@aws-sdk/client-ec2';
import type { Value } from '../../../lang/value.js';
import { impliedType } from '../../schema.js';
import { bool, num, str, withAttrs } from '../../sdk/obj.js';
import { nullObject } from '../../sdk/provider.js';
import type { ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { vpcSchema } from './schemas.js';
import { keepZeroValues } from './vpc-plan.js';
import { awsCall, isAwsCode, retryDependencyViolation } from '../errors.js';
import { ec2Tags, planTagsAll, tagMap, tagsForState, updateEc2Tags } from '../tags.js';

/** The aws_vpc resource. */
export const awsVpc: ResourceDef<AwsMeta> = {
  schema: vpcSchema,

  customizePlan: (ctx, p) => planTagsAll(ctx.meta, keepZeroValues(p)),

  async create(ctx, planned) {
    const ec2 = ctx.meta.ec2();
    const out = await awsCall('creating EC2 VPC', () => ec2.send(new CreateVpcCommand({
      CidrBlock: str(planned, 'cidr_block'),
      InstanceTenancy: (str(planned, 'instance_tenancy') ?? 'default') as 'default',
      AmazonProvidedIpv6CidrBlock: bool(planned, 'assign_generated_ipv6_cidr_block'),
      Ipv4IpamPoolId: str(planned, 'ipv4_ipam_pool_id'),
      TagSpecifications: tagSpec('vpc', tagMap(planned, 'tags_all')),
    })));
    const id = out.Vpc!.VpcId!;
    await setDnsAttributes(ctx.meta, id, planned, null);
    const got = await readVpc(ctx.meta, id, planned);
    if (!got) throw new Error(`reading EC2 VPC (${id}): not found after creation`);
    return got;
  },

  async read(ctx, state) {
    return readVpc(ctx.meta, str(state, 'id')!, state);
  },

  async update(ctx, prior, planned) {
    const id = str(prior, 'id')!;
    const ec2 = ctx.meta.ec2();
    await setDnsAttributes(ctx.meta, id, planned, prior);
    const wantV6 = bool(planned, 'assign_generated_ipv6_cidr_block') ?? false, hadV6 = bool(prior, 'assign_generated_ipv6_cidr_block') ?? false;
    if (wantV6 && !hadV6) {
      await awsCall(`updating EC2 VPC (${id}) IPv6 CIDR block`, () => ec2.send(new AssociateVpcCidrBlockCommand({ VpcId: id, AmazonProvidedIpv6CidrBlock: true })));
    } else if (!wantV6 && hadV6 && str(prior, 'ipv6_association_id')) {
      await awsCall(`updating EC2 VPC (${id}) IPv6 CIDR block`, () => ec2.send(new DisassociateVpcCidrBlockCommand({ AssociationId: str(prior, 'ipv6_association_id') })));
    }
    const tenancy = str(planned, 'instance_tenancy');
    if (tenancy && tenancy !== str(prior, 'instance_tenancy')) {
      await awsCall(`updating EC2 VPC (${id}) InstanceTenancy`, () => ec2.send(new ModifyVpcTenancyCommand({ VpcId: id, InstanceTenancy: tenancy as 'default' })));
    }
    await updateEc2Tags(ctx.meta, id, tagMap(prior, 'tags_all'), tagMap(planned, 'tags_all'));
    const got = await readVpc(ctx.meta, id, planned);
    if (!got) throw new Error(`reading EC2 VPC (${id}): not found after update`);
    return got;
  },

  async delete(ctx, state) {
    const id = str(state, 'id')!;
    try {
      await retryDependencyViolation(() => ctx.meta.ec2().send(new DeleteVpcCommand({ VpcId: id })));
    } catch (e) {
      if (isAwsCode(e, 'InvalidVpcID.NotFound')) return;
      await awsCall(`deleting EC2 VPC (${id})`, () => Promise.reject(e));
    }
  },

  async importState(_ctx, id) {
    return withAttrs(nullObject(impliedType(awsVpc.schema.block)), { id, enable_dns_support: true, instance_tenancy: 'default' });
  },
};

/** EC2 TagSpecifications for a create call of `type` (undefined when there are no tags). */
function tagSpec(type: ResourceType, all: Record<string, string>) {
  const tags = ec2Tags(all);
  return tags ? [{ ResourceType: type, Tags: tags }] : undefined;
}
export { tagSpec };

/** Sets the DNS and NAU attributes that differ between `planned` and `prior` (null: AWS defaults). */
export async function setDnsAttributes(meta: AwsMeta, id: string, planned: Value, prior: Value | null): Promise<void> {
  const ec2 = meta.ec2();
  const pairs: [string, 'EnableDnsSupport' | 'EnableDnsHostnames' | 'EnableNetworkAddressUsageMetrics'][] = [
    ['enable_dns_support', 'EnableDnsSupport'], ['enable_dns_hostnames', 'EnableDnsHostnames'],
    ['enable_network_address_usage_metrics', 'EnableNetworkAddressUsageMetrics'],
  ];
  for (const [name, field] of pairs) {
    const want = bool(planned, name);
    if (want === undefined) continue;
    // On create, AWS's defaults already hold for support=true and hostnames/metrics=false.
    const have = prior ? bool(prior, name) : name === 'enable_dns_support';
    if (want === have) continue;
    await awsCall(`modifying EC2 VPC (${id}) attribute (${field})`, () =>
      ec2.send(new ModifyVpcAttributeCommand({ VpcId: id, [field]: { Value: want } })));
  }
}

/** The full state of VPC `id`, or null when it no longer exists. */
export async function readVpc(meta: AwsMeta, id: string, prior: Value): Promise<Value | null> {
  const ec2 = meta.ec2();
  let vpc: Vpc | undefined;
  try {
    const out = await ec2.send(new DescribeVpcsCommand({ VpcIds: [id] }));
    vpc = out.Vpcs?.[0];
  } catch (e) {
    if (isAwsCode(e, 'InvalidVpcID.NotFound')) return null;
    return awsCall(`reading EC2 VPC (${id})`, () => Promise.reject(e));
  }
  if (!vpc) return null;
  const attribute = async (a: 'enableDnsSupport' | 'enableDnsHostnames' | 'enableNetworkAddressUsageMetrics') => {
    const r = await awsCall(`reading EC2 VPC (${id}) attribute (${a})`, () => ec2.send(new DescribeVpcAttributeCommand({ VpcId: id, Attribute: a })));
    const key = (a[0]!.toUpperCase() + a.slice(1)) as 'EnableDnsSupport' | 'EnableDnsHostnames' | 'EnableNetworkAddressUsageMetrics';
    return r[key]?.Value ?? false;
  };
  const filters = (extra: { Name: string; Values: string[] }) => ({ Filters: [{ Name: 'vpc-id', Values: [id] }, extra] });
  const [dnsSupport, dnsHostnames, nau, sgs, rts, acls] = await Promise.all([
    attribute('enableDnsSupport'), attribute('enableDnsHostnames'), attribute('enableNetworkAddressUsageMetrics'),
    awsCall(`reading EC2 VPC (${id}) default Security Group`, () => ec2.send(new DescribeSecurityGroupsCommand(filters({ Name: 'group-name', Values: ['default'] })))),
    awsCall(`reading EC2 VPC (${id}) main Route Table`, () => ec2.send(new DescribeRouteTablesCommand(filters({ Name: 'association.main', Values: ['true'] })))),
    awsCall(`reading EC2 VPC (${id}) default Network ACL`, () => ec2.send(new DescribeNetworkAclsCommand(filters({ Name: 'default', Values: ['true'] })))),
  ]);
  const ipv6 = vpc.Ipv6CidrBlockAssociationSet?.find((a) => a.Ipv6CidrBlockState?.State === 'associated');
  const mainRt = rts.RouteTables?.[0]?.RouteTableId;
  const owner = vpc.OwnerId ?? meta.accountId;
  return withAttrs(prior, {
    id, arn: `arn:${meta.partition}:ec2:${meta.region}:${owner}:vpc/${id}`,
    cidr_block: vpc.CidrBlock, instance_tenancy: vpc.InstanceTenancy, dhcp_options_id: vpc.DhcpOptionsId, owner_id: owner,
    enable_dns_support: dnsSupport, enable_dns_hostnames: dnsHostnames, enable_network_address_usage_metrics: nau,
    default_security_group_id: sgs.SecurityGroups?.[0]?.GroupId ?? '', main_route_table_id: mainRt ?? '', default_route_table_id: mainRt ?? '',
    default_network_acl_id: acls.NetworkAcls?.[0]?.NetworkAclId ?? '',
    // hashicorp/aws resets the IPv6 arguments to their zero values unless a block is associated.
    assign_generated_ipv6_cidr_block: ipv6 ? true : false,
    ipv6_ipam_pool_id: ipv6 ? str(prior, 'ipv6_ipam_pool_id') ?? '' : '',
    ipv6_netmask_length: ipv6 ? num(prior, 'ipv6_netmask_length') ?? 0 : 0,
    ipv6_association_id: ipv6?.AssociationId ?? '', ipv6_cidr_block: ipv6?.Ipv6CidrBlock ?? '',
    ipv6_cidr_block_network_border_group: ipv6?.NetworkBorderGroup ?? '',
    ...tagsForState(meta, vpc.Tags, prior),
  });
}
