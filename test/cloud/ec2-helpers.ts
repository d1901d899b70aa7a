/** Shared set-up for the EC2 tests: an in-process cloud running EC2 and SDK clients for it. */
import { EC2Client } from '@aws-sdk/client-ec2';
import { expect } from 'vitest';
import { startCloud, type RunningCloud } from '../../src/cloud/index.js';
import { service as ec2 } from '../../src/cloud/services/ec2/index.js';

/** Starts the EC2 service on a random port (temporary store unless dataDir is given). */
export function startEc2(dataDir?: string): Promise<RunningCloud> {
  return startCloud({ port: 0, services: [ec2], dataDir });
}

/** An EC2 client for `url`, in `region`, signing with `accessKeyId`. */
export function ec2Client(url: string, opts: { region?: string; accessKeyId?: string } = {}): EC2Client {
  return new EC2Client({
    endpoint: url,
    region: opts.region ?? 'us-east-1',
    credentials: { accessKeyId: opts.accessKeyId ?? 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}

/** Awaits a call that must fail with AWS's code, HTTP 400 and (when given) the exact message. */
export async function expectAwsError(p: Promise<unknown>, code: string, message?: string | RegExp): Promise<void> {
  let err: { name?: string; message?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  try {
    await p;
  } catch (e) {
    err = e as typeof err;
  }
  expect(err, `expected ${code}`).toBeDefined();
  expect(err!.name).toBe(code);
  expect(err!.$metadata?.httpStatusCode).toBe(400);
  if (typeof message === 'string') expect(err!.message).toBe(message);
  else if (message) expect(err!.message).toMatch(message);
}
