/**
 * aws_eip and aws_nat_gateway through the provider protocol against the in-process cloud:
 * AWS formats of the computed fields, no drift after apply, association with an instance
 * in place, import by allocation id and by public IP, NAT gateways waited for until
 * available and deleted, the EIP freed by the NAT gateway's deletion, errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AllocateAddressCommand, CreateSubnetCommand, CreateVpcCommand, DescribeAddressesCommand, DescribeImagesCommand, DescribeNatGatewaysCommand, DisassociateAddressCommand,
  RunInstancesCommand, type Address,
} from '@aws-sdk/client-ec2';
import { isWhollyKnown } from '../../src/lang/value.js';
import { js } from './harness.js';
import { applyCreate, expectNoChange, netWorld, type NetWorld } from './aws-ec2-support.js';

let w: NetWorld;
let instanceId: string;

beforeAll(async () => {
  w = await netWorld('10.80.0.0/16');
  const images = (await w.ec2.send(new DescribeImagesCommand({ Owners: ['099720109477'] }))).Images!;
  const image = images.find((i) => i.Architecture === 'x86_64')!.ImageId!;
  const run = await w.ec2.send(new RunInstancesCommand({ ImageId: image, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, SubnetId: w.subnetId }));
  instanceId = run.Instances![0]!.InstanceId!;
});
afterAll(async () => { await w?.close(); });

async function address(id: string): Promise<Address | undefined> {
  try {
    return (await w.ec2.send(new DescribeAddressesCommand({ AllocationIds: [id] }))).Addresses?.[0];
  } catch {
    return undefined;
  }
}

describe('aws_eip', () => {
  const E = 'aws_eip';

  it('allocates an address with AWS formats, plans no change, associates with an instance in place and releases', async () => {
    const cfg = { domain: 'vpc', tags: { Name: 'ip' } };
    const state = await w.h.create(E, cfg);
    expect(isWhollyKnown(state)).toBe(true);
    const s = js(state);
    expect(s.id).toMatch(/^eipalloc-[0-9a-f]{17}$/);
    expect(s.allocation_id).toBe(s.id);
    expect(s.arn).toMatch(new RegExp(`^arn:aws:ec2:us-east-1:\\d{12}:elastic-ip/${s.id}$`));
    expect(s.public_ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(s.public_dns).toBe(`ec2-${(s.public_ip as string).replace(/\./g, '-')}.compute-1.amazonaws.com`);
    expect(s).toMatchObject({ domain: 'vpc', vpc: true, association_id: '', instance: '', network_interface: '', private_ip: '', public_ipv4_pool: 'amazon', network_border_group: 'us-east-1' });
    expect(s.private_dns).toBeNull();
    await expectNoChange(w.h, E, state, cfg);

    const attached = { ...cfg, instance: instanceId };
    const plan = await w.h.plan(E, state, attached);
    expect(plan.requiresReplace).toEqual([]);
    const after = await w.h.apply(E, state, plan.plannedState, attached);
    const a = js(after);
    expect(a.association_id).toMatch(/^eipassoc-/);
    expect(a.private_ip).toMatch(/^10\.80\.1\.\d+$/);
    expect(a.private_dns).toBe(`ip-${(a.private_ip as string).replace(/\./g, '-')}.ec2.internal`);
    expect((await address(s.id as string))?.InstanceId).toBe(instanceId);
    await expectNoChange(w.h, E, after, attached);

    // Disassociated by hand: the next plan associates again.
    await w.ec2.send(new DisassociateAddressCommand({ AssociationId: a.association_id as string }));
    const drifted = await w.h.read(E, after);
    expect(js(drifted).instance).toBe('');
    const fix = await w.h.plan(E, drifted, attached);
    expect(js(fix.plannedState).instance).toBe(instanceId);

    expect((await w.h.plan(E, after, { domain: 'standard' })).requiresReplace).toContainEqual([{ attr: 'domain' }]);
    await w.h.destroy(E, drifted!);
    expect(await address(s.id as string)).toBeUndefined();
  });

  it('imports by allocation id and by public IP', async () => {
    const made = await w.ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
    for (const id of [made.AllocationId!, made.PublicIp!]) {
      const imp = await w.h.importState(E, id);
      expect(imp.diagnostics).toEqual([]);
      const st = imp.importedResources[0]!.state;
      expect(js(st).id).toBe(made.AllocationId);
      await expectNoChange(w.h, E, st, { domain: 'vpc' });
    }
  });

  it('reports AWS errors naming the operation', async () => {
    const r = await applyCreate(w.h, E, { domain: 'vpc', network_border_group: 'us-west-2' });
    expect(r.diagnostics[0]?.summary).toMatch(/^creating EC2 EIP: InvalidParameterValue: /);
  });
});

describe('aws_nat_gateway', () => {
  const N = 'aws_nat_gateway';
  const E = 'aws_eip';

  it('creates a public gateway, waits until available, plans no change, and frees the EIP on delete', async () => {
    const eip = js(await w.h.create(E, { domain: 'vpc' }));
    const cfg = { allocation_id: eip.id, subnet_id: w.subnetId, tags: { Name: 'nat' } };
    const state = await w.h.create(N, cfg);
    expect(isWhollyKnown(state)).toBe(true);
    const s = js(state);
    expect(s.id).toMatch(/^nat-[0-9a-f]{17}$/);
    expect(s).toMatchObject({
      connectivity_type: 'public', public_ip: eip.public_ip, secondary_private_ip_address_count: 0, secondary_private_ip_addresses: [],
      secondary_allocation_ids: null,
    });
    expect(s.association_id).toMatch(/^eipassoc-/);
    expect(s.network_interface_id).toMatch(/^eni-/);
    expect(s.private_ip).toMatch(/^10\.80\.1\.\d+$/);
    const g = (await w.ec2.send(new DescribeNatGatewaysCommand({ NatGatewayIds: [s.id as string] }))).NatGateways![0]!;
    expect(g.State).toBe('available');
    await expectNoChange(w.h, N, state, cfg);

    const imp = await w.h.importState(N, s.id as string);
    expect(imp.diagnostics).toEqual([]);
    await expectNoChange(w.h, N, imp.importedResources[0]!.state, cfg);

    // Tags change in place; the subnet forces a new gateway.
    const retag = { ...cfg, tags: { Name: 'nat2' } };
    const p = await w.h.plan(N, state, retag);
    expect(p.requiresReplace).toEqual([]);
    const retagged = await w.h.apply(N, state, p.plannedState, retag);
    expect(js(retagged).tags_all).toEqual({ Name: 'nat2' });
    expect((await w.h.plan(N, retagged, { ...retag, subnet_id: 'subnet-0000000000000beef' })).requiresReplace).toContainEqual([{ attr: 'subnet_id' }]);

    await w.h.destroy(N, retagged);
    const after = (await w.ec2.send(new DescribeNatGatewaysCommand({ NatGatewayIds: [s.id as string] }))).NatGateways![0]!;
    expect(after.State).toBe('deleted');
    expect(await w.h.read(N, retagged)).toBeNull();
    expect((await address(eip.id as string))?.AssociationId).toBeUndefined();
  });

  it('creates a private gateway without an address', async () => {
    const cfg = { connectivity_type: 'private', subnet_id: w.subnetId };
    const state = await w.h.create(N, cfg);
    expect(js(state)).toMatchObject({ connectivity_type: 'private', allocation_id: null, public_ip: '' });
    await expectNoChange(w.h, N, state, cfg);
    await w.h.destroy(N, state);
  });

  it('adds and removes secondary addresses in place (Elastic IPs on a public gateway, private IPs on a private one)', async () => {
    const [e1, e2] = [js(await w.h.create(E, { domain: 'vpc' })), js(await w.h.create(E, { domain: 'vpc' }))];
    const cfg = { allocation_id: e1.id, subnet_id: w.subnetId, secondary_allocation_ids: [] as unknown[] };
    const state = await w.h.create(N, cfg);
    const more = { ...cfg, secondary_allocation_ids: [e2.id] };
    const plan = await w.h.plan(N, state, more);
    expect(plan.requiresReplace).toEqual([]);
    // What AWS will report for the secondary private IPs is only known after the change.
    expect(js(plan.plannedState).secondary_private_ip_address_count).toBeUndefined();
    const after = await w.h.apply(N, state, plan.plannedState, more);
    expect(js(after)).toMatchObject({ secondary_allocation_ids: [e2.id], secondary_private_ip_address_count: 1 });
    expect((await address(e2.id as string))?.AssociationId).toMatch(/^eipassoc-/);
    await expectNoChange(w.h, N, after, more);
    const back = await w.h.apply(N, after, (await w.h.plan(N, after, cfg)).plannedState, cfg);
    expect(js(back).secondary_allocation_ids).toEqual([]);
    expect((await address(e2.id as string))?.AssociationId).toBeUndefined();
    await w.h.destroy(N, back);

    const pcfg = { connectivity_type: 'private', subnet_id: w.subnetId, secondary_private_ip_addresses: ['10.80.1.200'] };
    const priv = await w.h.create(N, pcfg);
    expect(js(priv)).toMatchObject({ secondary_private_ip_addresses: ['10.80.1.200'], secondary_private_ip_address_count: 1 });
    await expectNoChange(w.h, N, priv, pcfg);
    const two = { ...pcfg, secondary_private_ip_addresses: ['10.80.1.201'] };
    const p2 = await w.h.plan(N, priv, two);
    expect(p2.requiresReplace).toEqual([]);
    const moved = await w.h.apply(N, priv, p2.plannedState, two);
    expect(js(moved).secondary_private_ip_addresses).toEqual(['10.80.1.201']);
    await w.h.destroy(N, moved);
  });

  it('checks the connectivity type as hashicorp does and reports AWS errors', async () => {
    const bad = await w.h.plan(N, null, { connectivity_type: 'private', allocation_id: 'eipalloc-1', subnet_id: w.subnetId });
    expect(bad.diagnostics.map((d) => d.summary)).toContain('allocation_id is not supported with connectivity_type = "private"');
    const r = await applyCreate(w.h, N, { allocation_id: 'eipalloc-0000000000000dead', subnet_id: w.subnetId });
    expect(r.diagnostics[0]?.summary).toMatch(/^creating EC2 NAT Gateway: InvalidAllocationID\.NotFound: /);
  });

  it('reports a gateway that fails (no internet gateway in the VPC) with AWS\'s reason', async () => {
    const vpc = (await w.ec2.send(new CreateVpcCommand({ CidrBlock: '10.81.0.0/16' }))).Vpc!.VpcId!;
    const subnet = (await w.ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.81.1.0/24' }))).Subnet!.SubnetId!;
    const eip = await w.ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
    const r = await applyCreate(w.h, N, { allocation_id: eip.AllocationId, subnet_id: subnet });
    expect(r.diagnostics[0]?.summary).toMatch(new RegExp(
      `^waiting for EC2 NAT Gateway \\(nat-[0-9a-f]+\\) create: unexpected state 'failed', wanted target 'available'\\. last error: Network ${vpc} has no Internet gateway attached$`));
  });
});
