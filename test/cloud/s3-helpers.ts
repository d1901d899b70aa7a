/** Shared set-up for the S3 tests: an in-process cloud and SDK clients for it. */
import { Agent } from 'node:http';
import { S3Client } from '@aws-sdk/client-s3';
import { startCloud, type RunningCloud } from '../../src/cloud/index.js';
import { service as s3 } from '../../src/cloud/services/s3/index.js';
import { service as sts } from '../../src/cloud/services/sts/index.js';

/** Starts S3 + STS on a random port (temporary store unless dataDir is given). */
export function startS3(dataDir?: string): Promise<RunningCloud> {
  return startCloud({ port: 0, services: [s3, sts], dataDir });
}

/** A path-style S3 client for `url`. */
export function pathClient(url: string, opts: { region?: string; accessKeyId?: string } = {}): S3Client {
  return new S3Client({
    endpoint: url,
    region: opts.region ?? 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: opts.accessKeyId ?? 'test', secretAccessKey: 'test' },
  });
}

/**
 * A virtual-host-style client: requests go to `<bucket>.s3.localhost.localstack.cloud:<port>`,
 * and an agent resolves every such name to 127.0.0.1 (no DNS needed).
 */
export function virtualHostClient(port: number): S3Client {
  const httpAgent = new Agent({
    keepAlive: true,
    lookup: ((_host: string, opts: { all?: boolean }, cb: (...a: unknown[]) => void) => {
      if (opts && opts.all) cb(null, [{ address: '127.0.0.1', family: 4 }]);
      else cb(null, '127.0.0.1', 4);
    }) as never,
  });
  return new S3Client({
    endpoint: `http://s3.localhost.localstack.cloud:${port}`,
    region: 'us-east-1',
    forcePathStyle: false,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    requestHandler: { httpAgent },
  });
}

/** The AWS error name and HTTP status of a rejected SDK call. */
export async function sdkError(p: Promise<unknown>): Promise<{ name: string; status: number; message: string; raw: unknown }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number }; Code?: string };
    return { name: err.name, status: err.$metadata?.httpStatusCode ?? 0, message: err.message, raw: e };
  }
  throw new Error('expected the call to fail');
}
