/**
 * Instance life-cycle waits and stop/start, as hashicorp's waiters: running after launch,
 * stopped and running again around attribute changes that need it, terminated on delete.
 */
import { DescribeInstancesCommand, StartInstancesCommand, StopInstancesCommand, type Instance } from '@aws-sdk/client-ec2';
import type { AwsMeta } from '../config.js';
import { awsCall, isAwsCode } from '../errors.js';
import { waitFor } from './waiters.js';

/** One look at the instance for a waiter: its state name, null when not found. */
async function look(meta: AwsMeta, id: string): Promise<{ state: string | null; value: Instance | undefined }> {
  try {
    const out = await meta.ec2().send(new DescribeInstancesCommand({ InstanceIds: [id] }));
    const i = out.Reservations?.[0]?.Instances?.[0];
    return { state: i?.State?.Name ?? null, value: i };
  } catch (e) {
    if (isAwsCode(e, 'InvalidInstanceID.NotFound')) return { state: null, value: undefined };
    throw e;
  }
}

/** Waits for a launched instance to run. */
export function waitRunning(meta: AwsMeta, id: string, what: string, timeoutMs: number, signal?: AbortSignal): Promise<Instance | undefined> {
  return awsCall(what, () => waitFor(what, () => look(meta, id), ['pending', null], ['running'], timeoutMs, signal));
}

/** Waits for a terminating instance to be gone. */
export async function waitTerminated(meta: AwsMeta, id: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  const what = `waiting for EC2 Instance (${id}) delete`;
  await awsCall(what, () => waitFor(what, () => look(meta, id), ['pending', 'running', 'shutting-down', 'stopped', 'stopping'], ['terminated', null], timeoutMs, signal));
}

/** Stops the instance and waits until it is stopped. */
export async function stopInstance(meta: AwsMeta, id: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  await awsCall('stopping EC2 Instance', () => meta.ec2().send(new StopInstancesCommand({ InstanceIds: [id] })));
  const what = 'stopping EC2 Instance: waiting for completion';
  await awsCall(what, () => waitFor(what, () => look(meta, id), ['pending', 'running', 'shutting-down', 'stopping'], ['stopped'], timeoutMs, signal));
}

/** Starts the instance and waits until it runs. */
export async function startInstance(meta: AwsMeta, id: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  await awsCall(`starting EC2 Instance (${id})`, () => meta.ec2().send(new StartInstancesCommand({ InstanceIds: [id] })));
  const what = `waiting for EC2 Instance (${id}) start`;
  await awsCall(what, () => waitFor(what, () => look(meta, id), ['pending', 'stopped'], ['running'], timeoutMs, signal));
}
