/**
 * aws_route_table through the provider protocol against the in-process cloud: inline
 * routes to an internet gateway and a NAT gateway stored as hashicorp stores them (the
 * local route left out), no drift after apply, in-place route changes, a route deleted by
 * hand showing in the next plan, import by id, force-new vpc_id and AWS errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AllocateAddressCommand, CreateNatGatewayCommand, CreateVpcCommand, DeleteRouteCommand, DescribeRouteTablesCommand, type RouteTable,
} from '@aws-sdk/client-ec2';
import { isWhollyKnown } from '../../src/lang/value.js';
import { js } from './harness.js';
import { applyCreate, expectNoChange, netWorld, type NetWorld } from './aws-ec2-support.js';

const T = 'aws_route_table';
let w: NetWorld;
let natId: string;

beforeAll(async () => {
  w = await netWorld('10.60.0.0/16');
  const eip = await w.ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
  natId = (await w.ec2.send(new CreateNatGatewayCommand({ SubnetId: w.subnetId, AllocationId: eip.AllocationId }))).NatGateway!.NatGatewayId!;
});
afterAll(async () => { await w?.close(); });

async function table(id: string): Promise<RouteTable | undefined> {
  try {
    return (await w.ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [id] }))).RouteTables?.[0];
  } catch {
    return undefined;
  }
}

const emptyRoute = {
  carrier_gateway_id: '', cidr_block: '', core_network_arn: '', destination_prefix_list_id: '', egress_only_gateway_id: '',
  gateway_id: '', ipv6_cidr_block: '', local_gateway_id: '', nat_gateway_id: '', network_interface_id: '', transit_gateway_id: '',
  vpc_endpoint_id: '', vpc_peering_connection_id: '',
};
const sortRoutes = (rs: Record<string, string>[]) => [...rs].sort((a, b) => (a.cidr_block! < b.cidr_block! ? -1 : 1));

describe('aws_route_table', () => {
  it('creates a table with gateway and NAT routes, stores them as hashicorp does, and plans no change after', async () => {
    const cfg = {
      vpc_id: w.vpcId, tags: { Name: 'public' },
      route: [{ cidr_block: '0.0.0.0/0', gateway_id: w.igwId }, { cidr_block: '10.99.0.0/16', nat_gateway_id: natId }],
    };
    const plan = await w.h.plan(T, null, cfg);
    expect(plan.diagnostics).toEqual([]);
    expect(sortRoutes(js(plan.plannedState).route as Record<string, string>[])[0]).toEqual({ ...emptyRoute, cidr_block: '0.0.0.0/0', gateway_id: w.igwId });
    const state = await w.h.apply(T, null, plan.plannedState, cfg);
    expect(isWhollyKnown(state)).toBe(true);
    const s = js(state);
    expect(s.id).toMatch(/^rtb-[0-9a-f]{17}$/);
    expect(s.arn).toBe(`arn:aws:ec2:us-east-1:${s.owner_id}:route-table/${s.id}`);
    expect(s.propagating_vgws).toEqual([]);
    expect(s.tags_all).toEqual({ Name: 'public' });
    expect(sortRoutes(s.route as Record<string, string>[])).toEqual([
      { ...emptyRoute, cidr_block: '0.0.0.0/0', gateway_id: w.igwId },
      { ...emptyRoute, cidr_block: '10.99.0.0/16', nat_gateway_id: natId },
    ]);
    const remote = await table(s.id as string);
    // The local route exists in AWS but is not part of `route`.
    expect(remote?.Routes?.map((r) => r.GatewayId ?? r.NatGatewayId).sort()).toEqual([w.igwId, 'local', natId].sort());
    await expectNoChange(w.h, T, state, cfg);
  });

  it('changes a route target in place, adds and removes routes, and shows a route deleted by hand', async () => {
    const cfg = { vpc_id: w.vpcId, route: [{ cidr_block: '0.0.0.0/0', gateway_id: w.igwId }] };
    const state = await w.h.create(T, cfg);
    const id = js(state).id as string;

    const changed = { vpc_id: w.vpcId, route: [{ cidr_block: '0.0.0.0/0', nat_gateway_id: natId }, { cidr_block: '192.168.0.0/16', gateway_id: w.igwId }] };
    const plan = await w.h.plan(T, state, changed);
    expect(plan.requiresReplace).toEqual([]);
    const updated = await w.h.apply(T, state, plan.plannedState, changed);
    expect(js(updated).id).toBe(id);
    const routes = (await table(id))?.Routes ?? [];
    expect(routes.find((r) => r.DestinationCidrBlock === '0.0.0.0/0')?.NatGatewayId).toBe(natId);
    expect(routes.find((r) => r.DestinationCidrBlock === '192.168.0.0/16')?.GatewayId).toBe(w.igwId);
    await expectNoChange(w.h, T, updated, changed);

    // Removing a route block deletes that route.
    const fewer = { vpc_id: w.vpcId, route: [{ cidr_block: '0.0.0.0/0', nat_gateway_id: natId }] };
    const p2 = await w.h.plan(T, updated, fewer);
    const after = await w.h.apply(T, updated, p2.plannedState, fewer);
    expect((await table(id))?.Routes?.map((r) => r.DestinationCidrBlock).sort()).toEqual(['0.0.0.0/0', '10.60.0.0/16']);

    await w.ec2.send(new DeleteRouteCommand({ RouteTableId: id, DestinationCidrBlock: '0.0.0.0/0' }));
    const drifted = await w.h.read(T, after);
    expect(js(drifted).route).toEqual([]);
    const replan = await w.h.plan(T, drifted, fewer);
    expect(replan.requiresReplace).toEqual([]);
    expect(js(replan.plannedState).route).toEqual([{ ...emptyRoute, cidr_block: '0.0.0.0/0', nat_gateway_id: natId }]);
    const fixed = await w.h.apply(T, drifted, replan.plannedState, fewer);
    expect((await table(id))?.Routes?.some((r) => r.DestinationCidrBlock === '0.0.0.0/0' && r.NatGatewayId === natId)).toBe(true);
    await w.h.destroy(T, fixed);
    expect(await table(id)).toBeUndefined();
  });

  it('keeps routes it does not manage when no route block is written', async () => {
    const state = await w.h.create(T, { vpc_id: w.vpcId });
    expect(js(state).route).toEqual([]);
    await expectNoChange(w.h, T, state, { vpc_id: w.vpcId });
    await w.h.destroy(T, state);
  });

  it('imports a table by id so that the same config plans no change, and replaces it for another VPC', async () => {
    const cfg = { vpc_id: w.vpcId, tags: { Name: 'imp' }, route: [{ cidr_block: '0.0.0.0/0', gateway_id: w.igwId }] };
    const made = await w.h.create(T, cfg);
    const id = js(made).id as string;
    const imp = await w.h.importState(T, id);
    expect(imp.diagnostics).toEqual([]);
    const imported = imp.importedResources[0]!.state;
    expect(js(imported).route).toEqual([{ ...emptyRoute, cidr_block: '0.0.0.0/0', gateway_id: w.igwId }]);
    await expectNoChange(w.h, T, imported, cfg);

    const other = (await w.ec2.send(new CreateVpcCommand({ CidrBlock: '10.61.0.0/16' }))).Vpc!.VpcId!;
    const repl = await w.h.plan(T, imported, { ...cfg, vpc_id: other, route: [] });
    expect(repl.requiresReplace).toContainEqual([{ attr: 'vpc_id' }]);
    await w.h.destroy(T, imported);
  });

  it('reports AWS errors with the operation, code and message', async () => {
    const r = await applyCreate(w.h, T, { vpc_id: 'vpc-0000000000000dead' });
    expect(r.diagnostics[0]?.summary).toMatch(/^creating Route Table: InvalidVpcID\.NotFound: The vpc ID 'vpc-0000000000000dead' does not exist/);
    const r2 = await applyCreate(w.h, T, { vpc_id: w.vpcId, route: [{ cidr_block: '0.0.0.0/0', gateway_id: 'igw-0000000000000dead' }] });
    expect(r2.diagnostics[0]?.summary).toMatch(/^creating Route in Route Table \(rtb-[0-9a-f]+\) with destination \(0\.0\.0\.0\/0\): InvalidGatewayID\.NotFound: /);
  });
});
