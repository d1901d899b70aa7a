/**
 * A public/private network (VPC, subnets, internet gateway, route tables with an inline
 * route and an aws_route to a NAT gateway, associations, the main route table, an EIP) plus
 * the aws_vpc / aws_subnets / aws_subnet data sources, through the engine's Workdir API
 * against the in-process cloud: apply, plan with no changes, a route deleted by hand shows
 * in the next plan, and destroy leaves only the default VPC.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteRouteCommand, DescribeRouteTablesCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { startCloud, type RunningCloud } from '../../src/cloud/index.js';
import { Workdir } from '../../src/apply/workdir.js';

let cloud: RunningCloud;
let ec2: EC2Client;
const saved = process.env.TERRANE_CLOUD_ENDPOINT;

beforeAll(async () => {
  cloud = await startCloud({ port: 0 });
  process.env.TERRANE_CLOUD_ENDPOINT = cloud.url;
  ec2 = new EC2Client({ endpoint: cloud.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
});
afterAll(async () => {
  if (saved === undefined) delete process.env.TERRANE_CLOUD_ENDPOINT;
  else process.env.TERRANE_CLOUD_ENDPOINT = saved;
  ec2?.destroy();
  await cloud?.close();
});

async function run(wd: Workdir, mode?: 'destroy') {
  const { state } = await wd.readState();
  const p = await wd.plan(state, { variables: new Map(), ...(mode ? { mode } : {}) });
  expect(p.diags.filter((d) => d.severity === 'error')).toEqual([]);
  const a = await wd.apply(p, { variables: new Map() });
  expect(a.diags.filter((d) => d.severity === 'error')).toEqual([]);
  return p;
}

async function pending(wd: Workdir): Promise<string[]> {
  const { state } = await wd.readState();
  const p = await wd.plan(state, { variables: new Map() });
  expect(p.diags.filter((d) => d.severity === 'error')).toEqual([]);
  return p.plan.changes.filter((c) => c.action !== 'no-op').map((c) => `${c.addr} ${c.action}`);
}

describe('EC2 network stack through the engine', () => {
  it('applies, plans no changes, sees a deleted route, and destroys', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'terrane-aws-net-'));
    cpSync(join(import.meta.dirname, '../../testdata/providers/aws-ec2-network'), dir, { recursive: true });
    const opened = await Workdir.open({ dir });
    expect(opened.diags.filter((d) => d.severity === 'error')).toEqual([]);
    const wd = opened.wd!;
    expect((await wd.ensureBackend()).filter((d) => d.severity === 'error')).toEqual([]);

    const first = await run(wd);
    expect(first.plan.changes.filter((c) => c.action === 'create')).toHaveLength(12);
    expect(await pending(wd)).toEqual([]);

    const vpc = (await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'cidr-block', Values: ['10.42.0.0/16'] }] }))).Vpcs![0]!;
    const tables = (await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc.VpcId!] }] }))).RouteTables!;
    const publicTable = tables.find((t) => t.Tags?.some((x) => x.Key === 'Name' && x.Value === 'public'))!;
    const privateTable = tables.find((t) => t.Tags?.some((x) => x.Key === 'Name' && x.Value === 'private'))!;
    expect(privateTable.Associations?.some((a) => a.Main)).toBe(true);
    expect(privateTable.Routes?.find((r) => r.DestinationCidrBlock === '0.0.0.0/0')?.NatGatewayId).toMatch(/^nat-/);
    expect(publicTable.Tags).toContainEqual({ Key: 'Project', Value: 'ec2-network' });

    await ec2.send(new DeleteRouteCommand({ RouteTableId: publicTable.RouteTableId, DestinationCidrBlock: '0.0.0.0/0' }));
    await ec2.send(new DeleteRouteCommand({ RouteTableId: privateTable.RouteTableId, DestinationCidrBlock: '0.0.0.0/0' }));
    expect((await pending(wd)).sort()).toEqual(['aws_route.private_nat create', 'aws_route_table.public update']);
    await run(wd);
    expect(await pending(wd)).toEqual([]);

    await run(wd, 'destroy');
    const left = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs ?? [];
    expect(left.map((v) => v.IsDefault)).toEqual([true]);
  }, 60_000);
});
