/**
 * aws_route, aws_route_table_association and aws_main_route_table_association through the
 * provider protocol: hashicorp's ids and import ids, no drift after apply, in-place target
 * and route table changes, force-new destinations, hand-made drift, configuration checks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc32 } from 'node:zlib';
import {
  AllocateAddressCommand, CreateNatGatewayCommand, CreateRouteTableCommand, CreateSubnetCommand, DeleteRouteCommand, DescribeRouteTablesCommand, DisassociateRouteTableCommand, type RouteTable,
} from '@aws-sdk/client-ec2';
import { js } from './harness.js';
import { applyCreate, expectNoChange, netWorld, type NetWorld } from './aws-ec2-support.js';

let w: NetWorld;
let rtb: string;
let natId: string;

beforeAll(async () => {
  w = await netWorld('10.70.0.0/16');
  const eip = await w.ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
  natId = (await w.ec2.send(new CreateNatGatewayCommand({ SubnetId: w.subnetId, AllocationId: eip.AllocationId }))).NatGateway!.NatGatewayId!;
  rtb = (await w.ec2.send(new CreateRouteTableCommand({ VpcId: w.vpcId }))).RouteTable!.RouteTableId!;
});
afterAll(async () => { await w?.close(); });

async function table(id: string): Promise<RouteTable | undefined> {
  return (await w.ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [id] }))).RouteTables?.[0];
}

async function mainTableOf(vpc: string): Promise<string> {
  const out = await w.ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }, { Name: 'association.main', Values: ['true'] }] }));
  return out.RouteTables![0]!.RouteTableId!;
}

describe('aws_route', () => {
  const R = 'aws_route';

  it('creates a route with hashicorp id and computed fields, plans no change, and changes its target in place', async () => {
    const cfg = { route_table_id: rtb, destination_cidr_block: '0.0.0.0/0', gateway_id: w.igwId };
    const state = await w.h.create(R, cfg);
    const s = js(state);
    expect(s.id).toBe(`r-${rtb}${crc32('0.0.0.0/0')}`);
    expect(s).toMatchObject({ origin: 'CreateRoute', state: 'active', instance_id: '', network_interface_id: '', gateway_id: w.igwId });
    expect(s.nat_gateway_id).toBeNull();
    await expectNoChange(w.h, R, state, cfg);

    const other = { route_table_id: rtb, destination_cidr_block: '10.1.0.0/16', gateway_id: w.igwId };
    const repl = await w.h.plan(R, state, other);
    expect(repl.requiresReplace).toContainEqual([{ attr: 'destination_cidr_block' }]);

    const toNat = { route_table_id: rtb, destination_cidr_block: '0.0.0.0/0', nat_gateway_id: natId };
    const change = await w.h.plan(R, state, toNat);
    expect(change.requiresReplace).toEqual([]);
    const changed = await w.h.apply(R, state, change.plannedState, toNat);
    expect(js(changed)).toMatchObject({ id: s.id, nat_gateway_id: natId, gateway_id: null });
    expect((await table(rtb))?.Routes?.find((r) => r.DestinationCidrBlock === '0.0.0.0/0')?.NatGatewayId).toBe(natId);
    await expectNoChange(w.h, R, changed, toNat);
    await w.h.apply(R, changed, (await w.h.plan(R, changed, cfg)).plannedState, cfg);

    // Importing by "<table>_<destination>" gives the same state.
    const imp = await w.h.importState(R, `${rtb}_0.0.0.0/0`);
    expect(imp.diagnostics).toEqual([]);
    const imported = imp.importedResources[0]!.state;
    expect(js(imported).id).toBe(s.id);
    await expectNoChange(w.h, R, imported, cfg);

    // Deleted by hand: read reports it gone, so the next plan creates it again.
    await w.ec2.send(new DeleteRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0' }));
    expect(await w.h.read(R, state)).toBeNull();
    await w.h.destroy(R, state);
  });

  it('rejects a route with no target or two destinations as hashicorp does', async () => {
    const none = await w.h.plan(R, null, { route_table_id: rtb, destination_cidr_block: '0.0.0.0/0' });
    expect(none.diagnostics.map((d) => d.detail)).toContainEqual(expect.stringContaining('"carrier_gateway_id": one of `carrier_gateway_id,core_network_arn,'));
    const two = await w.h.plan(R, null, { route_table_id: rtb, destination_cidr_block: '0.0.0.0/0', destination_prefix_list_id: 'pl-1', gateway_id: w.igwId });
    expect(two.diagnostics.some((d) => d.detail?.includes('only one of `destination_cidr_block,destination_ipv6_cidr_block,destination_prefix_list_id` can be specified'))).toBe(true);
    const bad = await w.h.importState(R, 'rtb-only');
    expect(bad.diagnostics[0]?.summary).toContain('expected ROUTETABLEID_DESTINATION');
  });

  it('reports AWS errors naming the table and destination', async () => {
    const r = await applyCreate(w.h, R, { route_table_id: rtb, destination_cidr_block: '0.0.0.0/0', nat_gateway_id: 'nat-0000000000000dead' });
    expect(r.diagnostics[0]?.summary).toMatch(new RegExp(`^creating Route in Route Table \\(${rtb}\\) with destination \\(0\\.0\\.0\\.0/0\\): InvalidNatGatewayID\\.NotFound: `));
  });
});

describe('aws_route_table_association', () => {
  const A = 'aws_route_table_association';

  it('associates a subnet, moves it to another table in place, imports by subnet/table and disassociates', async () => {
    const cfg = { subnet_id: w.subnetId, route_table_id: rtb };
    const state = await w.h.create(A, cfg);
    const s = js(state);
    expect(s.id).toMatch(/^rtbassoc-[0-9a-f]{17}$/);
    expect(s.gateway_id).toBeNull();
    expect((await table(rtb))?.Associations?.some((a) => a.SubnetId === w.subnetId)).toBe(true);
    await expectNoChange(w.h, A, state, cfg);

    const imp = await w.h.importState(A, `${w.subnetId}/${rtb}`);
    expect(imp.diagnostics).toEqual([]);
    await expectNoChange(w.h, A, imp.importedResources[0]!.state, cfg);

    const rtb2 = (await w.ec2.send(new CreateRouteTableCommand({ VpcId: w.vpcId }))).RouteTable!.RouteTableId!;
    const moved = { subnet_id: w.subnetId, route_table_id: rtb2 };
    const plan = await w.h.plan(A, state, moved);
    expect(plan.requiresReplace).toEqual([]);
    const after = await w.h.apply(A, state, plan.plannedState, moved);
    expect(js(after).id).not.toBe(s.id);
    expect((await table(rtb2))?.Associations?.some((a) => a.SubnetId === w.subnetId)).toBe(true);
    expect((await table(rtb))?.Associations ?? []).toEqual([]);

    const other = (await w.ec2.send(new CreateSubnetCommand({ VpcId: w.vpcId, CidrBlock: '10.70.2.0/24' }))).Subnet!.SubnetId!;
    expect((await w.h.plan(A, after, { subnet_id: other, route_table_id: rtb2 })).requiresReplace).toContainEqual([{ attr: 'subnet_id' }]);

    await w.ec2.send(new DisassociateRouteTableCommand({ AssociationId: js(after).id as string }));
    expect(await w.h.read(A, after)).toBeNull();
    await w.h.destroy(A, after);
  });

  it('associates an internet gateway (edge association) and checks exactly one target', async () => {
    const cfg = { gateway_id: w.igwId, route_table_id: rtb };
    const state = await w.h.create(A, cfg);
    expect(js(state)).toMatchObject({ gateway_id: w.igwId, subnet_id: null, route_table_id: rtb });
    await expectNoChange(w.h, A, state, cfg);
    await w.h.destroy(A, state);
    expect((await table(rtb))?.Associations ?? []).toEqual([]);

    const both = await w.h.plan(A, null, { gateway_id: w.igwId, subnet_id: w.subnetId, route_table_id: rtb });
    expect(both.diagnostics.length).toBeGreaterThan(0);
    const bad = await w.h.importState(A, 'subnet-1');
    expect(bad.diagnostics[0]?.summary).toContain("Use 'subnet ID/route table ID' or 'gateway ID/route table ID");
  });
});

describe('aws_main_route_table_association', () => {
  const M = 'aws_main_route_table_association';

  it('makes a table the main one, switches in place, and gives the role back on destroy', async () => {
    const original = await mainTableOf(w.vpcId);
    const cfg = { vpc_id: w.vpcId, route_table_id: rtb };
    const state = await w.h.create(M, cfg);
    expect(js(state)).toMatchObject({ original_route_table_id: original, route_table_id: rtb });
    expect(await mainTableOf(w.vpcId)).toBe(rtb);
    await expectNoChange(w.h, M, state, cfg);

    const rtb3 = (await w.ec2.send(new CreateRouteTableCommand({ VpcId: w.vpcId }))).RouteTable!.RouteTableId!;
    const plan = await w.h.plan(M, state, { vpc_id: w.vpcId, route_table_id: rtb3 });
    expect(plan.requiresReplace).toEqual([]);
    const after = await w.h.apply(M, state, plan.plannedState, { vpc_id: w.vpcId, route_table_id: rtb3 });
    expect(await mainTableOf(w.vpcId)).toBe(rtb3);
    expect(js(after).original_route_table_id).toBe(original);

    await w.h.destroy(M, after);
    expect(await mainTableOf(w.vpcId)).toBe(original);
  });
});
