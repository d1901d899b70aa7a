/**
 * Shared set-up of the EC2 network provider tests: one in-process cloud, the aws provider
 * configured against it through the protocol harness, an EC2 client for changes made
 * "behind terrane's back", and a VPC with a subnet and an attached internet gateway.
 */
import {
  AttachInternetGatewayCommand, CreateInternetGatewayCommand, CreateSubnetCommand, CreateVpcCommand, EC2Client,
} from '@aws-sdk/client-ec2';
import { expect } from 'vitest';
import { startCloud, type RunningCloud } from '../../src/cloud/index.js';
import { nullVal, type Value } from '../../src/lang/value.js';
import type { ApplyResourceChangeResponse, ReadDataSourceResponse } from '../../src/providers/protocol.js';
import { fromJS } from '../../src/providers/sdk/obj.js';
import { impliedType } from '../../src/providers/schema.js';
import { awsProvider } from '../../src/providers/aws/index.js';
import { Harness, js } from './harness.js';

/** What a test file needs. */
export interface NetWorld {
  cloud: RunningCloud;
  h: Harness;
  ec2: EC2Client;
  vpcId: string;
  subnetId: string;
  igwId: string;
  close(): Promise<void>;
}

/** Starts a cloud, configures the provider and creates a VPC, a subnet and a gateway. */
export async function netWorld(cidr = '10.50.0.0/16'): Promise<NetWorld> {
  const cloud = await startCloud({ port: 0 });
  const h = await new Harness(awsProvider).configure({
    region: 'us-east-1', access_key: 'test', secret_key: 'test',
    endpoints: [{ ec2: cloud.url, sts: cloud.url }],
  });
  const ec2 = new EC2Client({ endpoint: cloud.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc!.VpcId!;
  const subnetId = (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr.replace(/\.0\.0\/16$/, '.1.0/24') }))).Subnet!.SubnetId!;
  const igwId = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
  await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId }));
  return {
    cloud, h, ec2, vpcId, subnetId, igwId,
    async close() {
      ec2.destroy();
      await h.p.close?.();
      await cloud.close();
    },
  };
}

/** Reads `state` back and expects planning `cfg` against it to change nothing; returns the read state. */
export async function expectNoChange(h: Harness, type: string, state: Value, cfg: Record<string, unknown>): Promise<Value> {
  const read = await h.read(type, state);
  expect(read).not.toBeNull();
  const again = await h.plan(type, read, cfg);
  expect(again.diagnostics).toEqual([]);
  expect(again.requiresReplace).toEqual([]);
  expect(js(again.plannedState)).toEqual(js(read));
  return read!;
}

/** Plans and applies a create, returning the raw response (for tests of failures). */
export async function applyCreate(h: Harness, type: string, cfg: Record<string, unknown>): Promise<ApplyResourceChangeResponse> {
  const plan = await h.plan(type, null, cfg);
  expect(plan.diagnostics).toEqual([]);
  return h.p.applyResourceChange({ typeName: type, priorState: nullVal(h.type(type)), plannedState: plan.plannedState, config: h.config(type, cfg) } as never);
}

/**
 * Reads data source `type` from `cfg` built with the data source's own schema (Harness's
 * readData takes the resource's schema when a resource of the same name exists).
 */
export async function readData(h: Harness, type: string, cfg: Record<string, unknown>): Promise<ReadDataSourceResponse> {
  const t = impliedType(h.p.getSchema().dataSources[type]!.block);
  return h.p.readDataSource({ typeName: type, config: fromJS(cfg, t) } as never);
}
