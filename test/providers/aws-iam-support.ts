/** Shared setup of the IAM provider tests: an in-process cloud, a configured provider, an IAM client. */
import { IAMClient } from '@aws-sdk/client-iam';
import { expect } from 'vitest';
import { startCloud, type RunningCloud } from '../../src/cloud/index.js';
import { nullVal, type Value } from '../../src/lang/value.js';
import { awsProvider } from '../../src/providers/aws/index.js';
import { Harness, js } from './harness.js';

/** One test file's world. */
export interface IamWorld { cloud: RunningCloud; h: Harness; iam: IAMClient; close(): Promise<void> }

/** Starts a cloud and configures the aws provider against it. */
export async function iamWorld(): Promise<IamWorld> {
  const cloud = await startCloud({ port: 0 });
  const h = await new Harness(awsProvider).configure({
    region: 'us-east-1', access_key: 'test', secret_key: 'test', skip_credentials_validation: true,
    endpoints: [{ iam: cloud.url, sts: cloud.url }],
  });
  const iam = new IAMClient({ endpoint: cloud.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  return {
    cloud, h, iam,
    async close() {
      iam.destroy();
      await h.p.close?.();
      await cloud.close();
    },
  };
}

/** Plans `cfg` over `state` and expects no change at all. */
export async function noChange(h: Harness, type: string, state: Value, cfg: Record<string, unknown>): Promise<void> {
  const again = await h.plan(type, state, cfg);
  expect(again.diagnostics).toEqual([]);
  expect(again.requiresReplace).toEqual([]);
  expect(js(again.plannedState)).toEqual(js(state));
}

/** Plans and applies an in-place update. */
export async function update(h: Harness, type: string, prior: Value, cfg: Record<string, unknown>): Promise<Value> {
  const pl = await h.plan(type, prior, cfg);
  expect(pl.diagnostics).toEqual([]);
  expect(pl.requiresReplace).toEqual([]);
  return h.apply(type, prior, pl.plannedState, cfg);
}

/** Imports by id, expecting success. */
export async function imported(h: Harness, type: string, id: string): Promise<Value> {
  const r = await h.importState(type, id);
  expect(r.diagnostics).toEqual([]);
  return r.importedResources[0]!.state;
}

/** Applies without asserting success; returns the error summaries (planned null = delete). */
export async function applyErrors(h: Harness, type: string, prior: Value | null, planned: Value | null): Promise<string[]> {
  const none = nullVal(h.type(type));
  const r = await h.p.applyResourceChange({ typeName: type, priorState: prior ?? none, plannedState: planned ?? none, config: planned ?? none } as never);
  return r.diagnostics.map((d) => d.summary);
}

/** A trust policy for EC2, pretty-printed like aws_iam_policy_document's json. */
export const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'ec2.amazonaws.com' } }] }, null, 2);
/** An identity policy. */
export const POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' }] });
