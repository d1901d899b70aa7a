/**
 * aws_vpc, aws_subnet and aws_internet_gateway through the provider protocol (the CLI-level
 * stack test is aws-network.test.ts): no drift after apply, in-place attribute updates,
 * force-new attributes, drift made with the AWS SDK, import by id, and AWS errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DescribeInternetGatewaysCommand, DescribeSubnetsCommand, DescribeVpcAttributeCommand, ModifySubnetAttributeCommand,
} from '@aws-sdk/client-ec2';
import { isWhollyKnown } from '../../src/lang/value.js';
import { ipv6Groups } from '../../src/cloud/services/ec2/ipv6.js';
import { js, lifecycle } from './harness.js';
import { applyCreate, expectNoChange, netWorld, type NetWorld } from './aws-ec2-support.js';

let w: NetWorld;
const S = 'aws_subnet';

beforeAll(async () => { w = await netWorld('10.100.0.0/16'); });
afterAll(async () => { await w?.close(); });

describe('aws_vpc', () => {
  const V = 'aws_vpc';

  it('creates a VPC with its default objects, updates DNS hostnames in place, and replaces for a new CIDR', async () => {
    const cfg = { cidr_block: '10.101.0.0/16', tags: { Name: 'v' } };
    const state = await lifecycle(w.h, V, cfg, { ...cfg, cidr_block: '10.102.0.0/16' }, 'cidr_block');
    const s = js(state);
    expect(s).toMatchObject({ enable_dns_support: true, enable_dns_hostnames: false, instance_tenancy: 'default', assign_generated_ipv6_cidr_block: false, ipv6_netmask_length: 0, ipv6_ipam_pool_id: '' });
    expect(s.default_route_table_id).toBe(s.main_route_table_id);
    expect(s.default_network_acl_id).toMatch(/^acl-/);
    expect(s.default_security_group_id).toMatch(/^sg-/);
    const on = { ...cfg, enable_dns_hostnames: true };
    const plan = await w.h.plan(V, state, on);
    expect(plan.requiresReplace).toEqual([]);
    const after = await w.h.apply(V, state, plan.plannedState, on);
    const attr = await w.ec2.send(new DescribeVpcAttributeCommand({ VpcId: s.id as string, Attribute: 'enableDnsHostnames' }));
    expect(attr.EnableDnsHostnames?.Value).toBe(true);
    await expectNoChange(w.h, V, after, on);
    await w.h.destroy(V, after);
  });

  it('reports an invalid CIDR as the AWS error', async () => {
    // Valid for hashicorp/aws's check, which does not look at the address family.
    const r = await applyCreate(w.h, V, { cidr_block: '2001::/20' });
    expect(r.diagnostics[0]?.summary).toBe('creating EC2 VPC: InvalidParameterValue: Value (2001::/20) for parameter cidrBlock is invalid. This is not a valid CIDR block.');
  });

  it('refuses a CIDR block that is not a network of /16 to /28 before calling AWS, in hashicorp/aws\'s words', async () => {
    const r = await w.h.plan(V, null, { cidr_block: '10.0.0.1/8' });
    expect(r.diagnostics.map((d) => [d.summary, d.attribute])).toEqual([
      ['expected cidr_block to contain a valid network Value, expected 10.0.0.0/8, got 10.0.0.1/8', [{ attr: 'cidr_block' }]],
      ['expected "cidr_block" to contain a network Value with between 16 and 28 significant bits, got: 8', [{ attr: 'cidr_block' }]],
    ]);
  });
});

describe('aws_subnet', () => {
  
  it('creates a public subnet with launch attributes, plans no change, updates them in place and sees drift', async () => {
    const cfg = {
      vpc_id: w.vpcId, cidr_block: '10.100.20.0/24', map_public_ip_on_launch: true,
      private_dns_hostname_type_on_launch: 'resource-name', enable_resource_name_dns_a_record_on_launch: true,
    };
    const state = await w.h.create(S, cfg);
    expect(isWhollyKnown(state)).toBe(true);
    const s = js(state);
    expect(s).toMatchObject({ map_public_ip_on_launch: true, private_dns_hostname_type_on_launch: 'resource-name', enable_resource_name_dns_a_record_on_launch: true });
    const remote = (await w.ec2.send(new DescribeSubnetsCommand({ SubnetIds: [s.id as string] }))).Subnets![0]!;
    expect(remote.MapPublicIpOnLaunch).toBe(true);
    expect(remote.PrivateDnsNameOptionsOnLaunch?.HostnameType).toBe('resource-name');
    await expectNoChange(w.h, S, state, cfg);

    const changed = { ...cfg, map_public_ip_on_launch: false, private_dns_hostname_type_on_launch: 'ip-name', enable_resource_name_dns_a_record_on_launch: false };
    const plan = await w.h.plan(S, state, changed);
    expect(plan.requiresReplace).toEqual([]);
    const after = await w.h.apply(S, state, plan.plannedState, changed);
    const again = (await w.ec2.send(new DescribeSubnetsCommand({ SubnetIds: [s.id as string] }))).Subnets![0]!;
    expect(again.MapPublicIpOnLaunch).toBe(false);
    expect(again.PrivateDnsNameOptionsOnLaunch?.HostnameType).toBe('ip-name');
    await expectNoChange(w.h, S, after, changed);

    await w.ec2.send(new ModifySubnetAttributeCommand({ SubnetId: s.id as string, MapPublicIpOnLaunch: { Value: true } }));
    const drifted = await w.h.read(S, after);
    expect(js(drifted).map_public_ip_on_launch).toBe(true);
    const fix = await w.h.plan(S, drifted, changed);
    expect(js(fix.plannedState).map_public_ip_on_launch).toBe(false);

    const imp = await w.h.importState(S, s.id as string);
    expect(imp.diagnostics).toEqual([]);
    expect((await w.h.plan(S, drifted, { ...changed, cidr_block: '10.100.21.0/24' })).requiresReplace).toContainEqual([{ attr: 'cidr_block' }]);
    await w.h.destroy(S, drifted!);
    expect(await w.h.read(S, drifted!)).toBeNull();
  });
});

describe('IPv6', () => {
  it('gives a VPC an Amazon /56 and a subnet a /64 of it, in place, with no drift', async () => {
    const vcfg = { cidr_block: '10.104.0.0/16', assign_generated_ipv6_cidr_block: true };
    const vpc = await w.h.create('aws_vpc', vcfg);
    const v = js(vpc);
    expect(v.ipv6_cidr_block).toMatch(/^2600:1f18:[0-9a-f:]+\/56$/);
    expect(v.ipv6_association_id).toMatch(/^vpc-cidr-assoc-/);
    expect(v.ipv6_cidr_block_network_border_group).toBe('us-east-1');
    await expectNoChange(w.h, 'aws_vpc', vpc, vcfg);

    const g = ipv6Groups((v.ipv6_cidr_block as string).split('/')[0]!)!;
    const block = (n: number) => `${g.slice(0, 3).map((x) => x.toString(16)).join(':')}:${(g[3]! + n).toString(16)}::/64`;
    const scfg = { vpc_id: v.id, cidr_block: '10.104.1.0/24', ipv6_cidr_block: block(1), assign_ipv6_address_on_creation: true };
    const sub = await w.h.create(S, scfg);
    expect(js(sub)).toMatchObject({ ipv6_cidr_block: block(1), assign_ipv6_address_on_creation: true });
    expect(js(sub).ipv6_cidr_block_association_id).toMatch(/^subnet-cidr-assoc-/);
    await expectNoChange(w.h, S, sub, scfg);

    const moved = { ...scfg, ipv6_cidr_block: block(2) };
    const plan = await w.h.plan(S, sub, moved);
    expect(plan.requiresReplace).toEqual([]);
    const after = await w.h.apply(S, sub, plan.plannedState, moved);
    expect(js(after).ipv6_cidr_block).toBe(block(2));
    await expectNoChange(w.h, S, after, moved);

    const bad = await applyCreate(w.h, S, { vpc_id: v.id, cidr_block: '10.104.3.0/24', ipv6_cidr_block: '2001:db8::/64' });
    expect(bad.diagnostics[0]?.summary).toBe("creating EC2 Subnet: InvalidSubnet.Range: The IPv6 CIDR '2001:db8::/64' is invalid.");
    await w.h.destroy(S, after);

    const off = { ...vcfg, assign_generated_ipv6_cidr_block: false };
    const p2 = await w.h.plan('aws_vpc', vpc, off);
    expect(p2.requiresReplace).toEqual([]);
    const v4 = await w.h.apply('aws_vpc', vpc, p2.plannedState, off);
    expect(js(v4)).toMatchObject({ ipv6_cidr_block: '', ipv6_association_id: '' });
    await w.h.destroy('aws_vpc', v4);
  });
});

describe('aws_internet_gateway', () => {
  const G = 'aws_internet_gateway';

  it('creates and attaches a gateway, plans no change, detaches on delete', async () => {
    const vpc = js(await w.h.create('aws_vpc', { cidr_block: '10.103.0.0/16' }));
    const cfg = { vpc_id: vpc.id, tags: { Name: 'gw' } };
    const state = await w.h.create(G, cfg);
    const s = js(state);
    expect(s.id).toMatch(/^igw-[0-9a-f]{17}$/);
    expect(s.arn).toBe(`arn:aws:ec2:us-east-1:${s.owner_id}:internet-gateway/${s.id}`);
    await expectNoChange(w.h, G, state, cfg);
    const imp = await w.h.importState(G, s.id as string);
    expect(imp.diagnostics).toEqual([]);
    await expectNoChange(w.h, G, imp.importedResources[0]!.state, cfg);
    await w.h.destroy(G, state);
    const left = (await w.ec2.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [vpc.id as string] }] }))).InternetGateways;
    expect(left).toEqual([]);
  });
});
