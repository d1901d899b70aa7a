/**
 * Data sources aws_vpc, aws_subnet and aws_subnets: EC2 describe calls filtered by the
 * arguments given, tags (tag:<key> filters) and `filter` blocks, with hashicorp's errors
 * when none or several objects match a singular data source.
 */
import {
  DescribeRouteTablesCommand, DescribeSubnetsCommand, DescribeVpcAttributeCommand, DescribeVpcsCommand,
  type Filter, type Subnet, type Vpc,
} from '@aws-sdk/client-ec2';
import type { Value } from '../../../lang/value.js';
import { emptySetVal } from '../../../lang/value.js';
import { impliedType } from '../../schema.js';
import { attr, str, toJS, withAttrs } from '../../sdk/obj.js';
import { ProviderError, type DataSourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsCall, isAwsCode } from '../errors.js';
import { filterBlock, subnetDataSchema, subnetsDataSchema, vpcDataSchema } from './data-schemas.js';

const filterType = impliedType(filterBlock.block);

/** Filters from attribute arguments (name -> EC2 filter name), tags and `filter` blocks. */
function filtersOf(config: Value, byAttribute: Record<string, string>): Filter[] {
  const out: Filter[] = [];
  for (const [name, filter] of Object.entries(byAttribute)) {
    const v = attr(config, name);
    if (v.isNull || !v.isKnown) continue;
    const s = v.type.kind === 'bool' ? String(v.v) : (v.v as string);
    if (s !== '') out.push({ Name: filter, Values: [s] });
  }
  const tags = (toJS(attr(config, 'tags')) as Record<string, string> | null) ?? {};
  for (const [k, v] of Object.entries(tags)) out.push({ Name: `tag:${k}`, Values: [v] });
  for (const f of (toJS(attr(config, 'filter')) as { name: string; values: string[] }[] | null) ?? []) out.push({ Name: f.name, Values: f.values });
  return out;
}

function tagsOf(tags: { Key?: string; Value?: string }[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) if (t.Key !== undefined && !t.Key.startsWith('aws:')) out[t.Key] = t.Value ?? '';
  return out;
}

/** `filter` as configured, or an empty set (what the SDK stores when none are written). */
function filterAttr(config: Value): Value {
  const f = attr(config, 'filter');
  return f.isNull ? emptySetVal(filterType) : f;
}

/** Exactly one match, or hashicorp's singular data source errors. */
function single<R>(found: R[], what: string): R {
  if (found.length === 0) throw new ProviderError(`no matching ${what} found`);
  if (found.length > 1) throw new ProviderError(`multiple ${what}s matched; use additional constraints to reduce matches to a single ${what}`);
  return found[0]!;
}

async function describeVpcs(meta: AwsMeta, ids: string[] | undefined, filters: Filter[]): Promise<Vpc[]> {
  const found: Vpc[] = [];
  let token: string | undefined;
  do {
    const page = await awsCall('reading EC2 VPCs', async () => {
      try {
        return await meta.ec2().send(new DescribeVpcsCommand({ VpcIds: ids, Filters: filters.length ? filters : undefined, NextToken: token }));
      } catch (e) {
        if (isAwsCode(e, 'InvalidVpcID.NotFound')) return { Vpcs: [], NextToken: undefined };
        throw e;
      }
    });
    found.push(...(page.Vpcs ?? []));
    token = page.NextToken;
  } while (token);
  return found;
}

async function describeSubnets(meta: AwsMeta, ids: string[] | undefined, filters: Filter[]): Promise<Subnet[]> {
  const found: Subnet[] = [];
  let token: string | undefined;
  do {
    const page = await awsCall('reading EC2 Subnets', async () => {
      try {
        return await meta.ec2().send(new DescribeSubnetsCommand({ SubnetIds: ids, Filters: filters.length ? filters : undefined, NextToken: token }));
      } catch (e) {
        if (isAwsCode(e, 'InvalidSubnetID.NotFound')) return { Subnets: [], NextToken: undefined };
        throw e;
      }
    });
    found.push(...(page.Subnets ?? []));
    token = page.NextToken;
  } while (token);
  return found;
}

/** The aws_vpc data source. */
export const awsVpcData: DataSourceDef<AwsMeta> = {
  schema: vpcDataSchema,
  async read(ctx, config) {
    const meta = ctx.meta;
    const id = str(config, 'id');
    const filters = filtersOf(config, { cidr_block: 'cidr', dhcp_options_id: 'dhcp-options-id', default: 'isDefault', state: 'state' });
    const vpc = single(await describeVpcs(meta, id ? [id] : undefined, filters), 'EC2 VPC');
    const vpcId = vpc.VpcId!;
    const ec2 = meta.ec2();
    const attribute = async (a: 'enableDnsSupport' | 'enableDnsHostnames' | 'enableNetworkAddressUsageMetrics') => {
      const r = await awsCall(`reading EC2 VPC (${vpcId}) Attribute (${a})`, () => ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: a })));
      return (r.EnableDnsSupport ?? r.EnableDnsHostnames ?? r.EnableNetworkAddressUsageMetrics)?.Value ?? false;
    };
    const [dnsSupport, dnsHostnames, nau, rts] = await Promise.all([
      attribute('enableDnsSupport'), attribute('enableDnsHostnames'), attribute('enableNetworkAddressUsageMetrics'),
      awsCall(`reading EC2 VPC (${vpcId}) main Route Table`, () => ec2.send(new DescribeRouteTablesCommand({
        Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'association.main', Values: ['true'] }],
      }))),
    ]);
    const owner = vpc.OwnerId ?? meta.accountId;
    const ipv6 = vpc.Ipv6CidrBlockAssociationSet?.[0];
    return withAttrs(config, {
      id: vpcId, arn: `arn:${meta.partition}:ec2:${meta.region}:${owner}:vpc/${vpcId}`,
      cidr_block: vpc.CidrBlock, default: vpc.IsDefault ?? false, dhcp_options_id: vpc.DhcpOptionsId,
      instance_tenancy: vpc.InstanceTenancy, owner_id: owner, state: vpc.State,
      enable_dns_support: dnsSupport, enable_dns_hostnames: dnsHostnames, enable_network_address_usage_metrics: nau,
      main_route_table_id: rts.RouteTables?.[0]?.RouteTableId ?? '',
      cidr_block_associations: (vpc.CidrBlockAssociationSet ?? []).map((a) => ({
        association_id: a.AssociationId, cidr_block: a.CidrBlock, state: a.CidrBlockState?.State,
      })),
      ipv6_association_id: ipv6?.AssociationId ?? '', ipv6_cidr_block: ipv6?.Ipv6CidrBlock ?? '',
      tags: tagsOf(vpc.Tags), filter: filterAttr(config),
    });
  },
};

/** The aws_subnet data source. */
export const awsSubnetData: DataSourceDef<AwsMeta> = {
  schema: subnetDataSchema,
  async read(ctx, config) {
    const meta = ctx.meta;
    const id = str(config, 'id');
    const filters = filtersOf(config, {
      availability_zone: 'availabilityZone', availability_zone_id: 'availabilityZoneId', cidr_block: 'cidrBlock',
      default_for_az: 'defaultForAz', state: 'state', vpc_id: 'vpc-id', ipv6_cidr_block: 'ipv6-cidr-block-association.ipv6-cidr-block',
    });
    const s = single(await describeSubnets(meta, id ? [id] : undefined, filters), 'EC2 Subnet');
    const owner = s.OwnerId ?? meta.accountId;
    const ipv6 = s.Ipv6CidrBlockAssociationSet?.find((a) => a.Ipv6CidrBlockState?.State === 'associated');
    const dns = s.PrivateDnsNameOptionsOnLaunch;
    return withAttrs(config, {
      id: s.SubnetId, arn: s.SubnetArn ?? `arn:${meta.partition}:ec2:${meta.region}:${owner}:subnet/${s.SubnetId}`,
      assign_ipv6_address_on_creation: s.AssignIpv6AddressOnCreation ?? false,
      availability_zone: s.AvailabilityZone, availability_zone_id: s.AvailabilityZoneId,
      available_ip_address_count: s.AvailableIpAddressCount ?? 0, cidr_block: s.CidrBlock,
      customer_owned_ipv4_pool: s.CustomerOwnedIpv4Pool ?? '', default_for_az: s.DefaultForAz ?? false,
      enable_dns64: s.EnableDns64 ?? false, enable_lni_at_device_index: s.EnableLniAtDeviceIndex ?? 0,
      enable_resource_name_dns_a_record_on_launch: dns?.EnableResourceNameDnsARecord ?? false,
      enable_resource_name_dns_aaaa_record_on_launch: dns?.EnableResourceNameDnsAAAARecord ?? false,
      ipv6_cidr_block: ipv6?.Ipv6CidrBlock ?? '', ipv6_cidr_block_association_id: ipv6?.AssociationId ?? '',
      ipv6_native: s.Ipv6Native ?? false, map_customer_owned_ip_on_launch: s.MapCustomerOwnedIpOnLaunch ?? false,
      map_public_ip_on_launch: s.MapPublicIpOnLaunch ?? false, outpost_arn: s.OutpostArn ?? '', owner_id: owner,
      private_dns_hostname_type_on_launch: dns?.HostnameType ?? '', state: s.State, tags: tagsOf(s.Tags), vpc_id: s.VpcId,
      filter: filterAttr(config),
    });
  },
};

/** The aws_subnets data source: the ids of every matching subnet (none is not an error). */
export const awsSubnetsData: DataSourceDef<AwsMeta> = {
  schema: subnetsDataSchema,
  async read(ctx, config) {
    const found = await describeSubnets(ctx.meta, undefined, filtersOf(config, {}));
    return withAttrs(config, {
      id: ctx.meta.region, ids: found.map((s) => s.SubnetId!),
      tags: attr(config, 'tags').isNull ? null : attr(config, 'tags'), filter: filterAttr(config),
    });
  },
};

