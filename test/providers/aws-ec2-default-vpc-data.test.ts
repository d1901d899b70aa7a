/**
 * aws_default_vpc and the data sources aws_vpc, aws_subnet and aws_subnets through the
 * provider protocol: adopting the region's default VPC (and forgetting it on destroy unless
 * force_destroy), DNS settings updated in place, lookups by id, default flag, tags and
 * filter blocks, and hashicorp's errors when none or several objects match.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateTagsCommand, DeleteSubnetCommand, DeleteVpcCommand, DescribeSubnetsCommand, DescribeVpcAttributeCommand,
  DescribeVpcsCommand, DetachInternetGatewayCommand, DeleteInternetGatewayCommand, DescribeInternetGatewaysCommand,
} from '@aws-sdk/client-ec2';
import { js } from './harness.js';
import { expectNoChange, netWorld, readData, type NetWorld } from './aws-ec2-support.js';

let w: NetWorld;
let defaultVpc: string;

beforeAll(async () => {
  w = await netWorld('10.90.0.0/16');
  await w.ec2.send(new CreateTagsCommand({ Resources: [w.vpcId, w.subnetId], Tags: [{ Key: 'Tier', Value: 'app' }] }));
  defaultVpc = (await w.ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs![0]!.VpcId!;
});
afterAll(async () => { await w?.close(); });

describe('data sources', () => {
  it('aws_vpc finds the default VPC, a VPC by id and by tags, with the VPC\'s attributes', async () => {
    const byDefault = await readData(w.h, 'aws_vpc', { default: true });
    expect(byDefault.diagnostics).toEqual([]);
    const d = js(byDefault.state);
    expect(d).toMatchObject({ id: defaultVpc, cidr_block: '172.31.0.0/16', default: true, enable_dns_hostnames: true, enable_dns_support: true, state: 'available', instance_tenancy: 'default' });
    expect(d.arn).toBe(`arn:aws:ec2:us-east-1:${d.owner_id}:vpc/${defaultVpc}`);
    expect(d.main_route_table_id).toMatch(/^rtb-/);
    expect(d.cidr_block_associations).toEqual([{ association_id: expect.stringMatching(/^vpc-cidr-assoc-/), cidr_block: '172.31.0.0/16', state: 'associated' }]);
    expect(d.filter).toEqual([]);

    const byId = js((await readData(w.h, 'aws_vpc', { id: w.vpcId })).state);
    expect(byId).toMatchObject({ id: w.vpcId, default: false, cidr_block: '10.90.0.0/16', tags: { Tier: 'app' }, enable_dns_hostnames: false });
    const byTags = js((await readData(w.h, 'aws_vpc', { tags: { Tier: 'app' } })).state);
    expect(byTags.id).toBe(w.vpcId);
    const byFilter = js((await readData(w.h, 'aws_vpc', { filter: [{ name: 'cidr-block', values: ['10.90.0.0/16'] }] })).state);
    expect(byFilter.id).toBe(w.vpcId);
  });

  it('aws_vpc reports no match and several matches as hashicorp does', async () => {
    const none = await readData(w.h, 'aws_vpc', { tags: { Tier: 'none' } });
    expect(none.diagnostics[0]?.summary).toBe('no matching EC2 VPC found');
    const many = await readData(w.h, 'aws_vpc', {});
    expect(many.diagnostics[0]?.summary).toBe('multiple EC2 VPCs matched; use additional constraints to reduce matches to a single EC2 VPC');
  });

  it('aws_subnets lists the ids matching filters and tags; aws_subnet reads one', async () => {
    const all = js((await readData(w.h, 'aws_subnets', { filter: [{ name: 'vpc-id', values: [defaultVpc] }] })).state);
    const remote = (await w.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [defaultVpc] }] }))).Subnets!;
    expect((all.ids as string[]).sort()).toEqual(remote.map((s) => s.SubnetId).sort());
    expect(all.id).toBe('us-east-1');
    expect(js((await readData(w.h, 'aws_subnets', { tags: { Tier: 'app' } })).state).ids).toEqual([w.subnetId]);
    expect(js((await readData(w.h, 'aws_subnets', { tags: { Tier: 'none' } })).state).ids).toEqual([]);

    const one = js((await readData(w.h, 'aws_subnet', { id: w.subnetId })).state);
    expect(one).toMatchObject({
      id: w.subnetId, vpc_id: w.vpcId, cidr_block: '10.90.1.0/24', default_for_az: false, map_public_ip_on_launch: false,
      available_ip_address_count: 251, state: 'available', tags: { Tier: 'app' },
    });
    expect(one.arn).toBe(`arn:aws:ec2:us-east-1:${one.owner_id}:subnet/${w.subnetId}`);
    expect(one.availability_zone).toMatch(/^us-east-1[a-z]$/);

    const zone = remote[0]!.AvailabilityZone!;
    const dflt = js((await readData(w.h, 'aws_subnet', { availability_zone: zone, default_for_az: true })).state);
    expect(dflt).toMatchObject({ vpc_id: defaultVpc, default_for_az: true, map_public_ip_on_launch: true, availability_zone: zone });
    const byVpc = js((await readData(w.h, 'aws_subnet', { vpc_id: w.vpcId, filter: [{ name: 'tag:Tier', values: ['app'] }] })).state);
    expect(byVpc.id).toBe(w.subnetId);

    const many = await readData(w.h, 'aws_subnet', { vpc_id: defaultVpc });
    expect(many.diagnostics[0]?.summary).toBe('multiple EC2 Subnets matched; use additional constraints to reduce matches to a single EC2 Subnet');
    const none = await readData(w.h, 'aws_subnet', { cidr_block: '10.255.0.0/24' });
    expect(none.diagnostics[0]?.summary).toBe('no matching EC2 Subnet found');
  });
});

describe('aws_default_vpc', () => {
  const D = 'aws_default_vpc';

  it('adopts the default VPC, updates DNS settings and tags in place, and only forgets it on destroy', async () => {
    const cfg = { tags: { Name: 'Default VPC' } };
    const state = await w.h.create(D, cfg);
    const s = js(state);
    expect(s).toMatchObject({
      id: defaultVpc, existing_default_vpc: true, cidr_block: '172.31.0.0/16', enable_dns_hostnames: true, enable_dns_support: true,
      force_destroy: false, instance_tenancy: 'default', tags_all: { Name: 'Default VPC' },
    });
    expect(s.default_security_group_id).toMatch(/^sg-/);
    expect(s.main_route_table_id).toMatch(/^rtb-/);
    await expectNoChange(w.h, D, state, cfg);

    const off = { ...cfg, enable_dns_hostnames: false };
    const plan = await w.h.plan(D, state, off);
    expect(plan.requiresReplace).toEqual([]);
    const after = await w.h.apply(D, state, plan.plannedState, off);
    const attr = await w.ec2.send(new DescribeVpcAttributeCommand({ VpcId: defaultVpc, Attribute: 'enableDnsHostnames' }));
    expect(attr.EnableDnsHostnames?.Value).toBe(false);
    await expectNoChange(w.h, D, after, off);

    await w.h.destroy(D, after);
    expect((await w.ec2.send(new DescribeVpcsCommand({ VpcIds: [defaultVpc] }))).Vpcs).toHaveLength(1);
  });

  it('creates a default VPC when the region has none, and deletes it with force_destroy', async () => {
    // Remove the default VPC by hand (its subnets and gateway first).
    const subnets = (await w.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [defaultVpc] }] }))).Subnets!;
    for (const sn of subnets) await w.ec2.send(new DeleteSubnetCommand({ SubnetId: sn.SubnetId }));
    const igws = (await w.ec2.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [defaultVpc] }] }))).InternetGateways!;
    for (const g of igws) {
      await w.ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: g.InternetGatewayId, VpcId: defaultVpc }));
      await w.ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: g.InternetGatewayId }));
    }
    await w.ec2.send(new DeleteVpcCommand({ VpcId: defaultVpc }));

    const cfg = { force_destroy: true };
    const state = await w.h.create(D, cfg);
    const s = js(state);
    expect(s.existing_default_vpc).toBe(false);
    expect(s.id).not.toBe(defaultVpc);
    await expectNoChange(w.h, D, state, cfg);

    // force_destroy deletes the VPC, which AWS refuses while default subnets remain: clear them as a user would.
    const made = (await w.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [s.id as string] }] }))).Subnets!;
    for (const sn of made) await w.ec2.send(new DeleteSubnetCommand({ SubnetId: sn.SubnetId }));
    const gws = (await w.ec2.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [s.id as string] }] }))).InternetGateways!;
    for (const g of gws) {
      await w.ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: g.InternetGatewayId, VpcId: s.id as string }));
      await w.ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: g.InternetGatewayId }));
    }
    await w.h.destroy(D, state);
    const left = (await w.ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs ?? [];
    expect(left).toEqual([]);
  });
});
