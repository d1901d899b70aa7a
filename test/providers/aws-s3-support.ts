/**
 * One in-process cloud and a configured aws provider for the S3 provider tests, plus an
 * SDK client to change things behind terrane's back.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { startCloud, type RunningCloud } from '../../src/cloud/index.js';
import { awsProvider } from '../../src/providers/aws/index.js';
import { Harness } from './harness.js';

/** The cloud, the harness and a direct S3 client. */
export interface S3Env {
  cloud: RunningCloud;
  h: Harness;
  s3: S3Client;
  close(): Promise<void>;
}

/** Starts a cloud and configures the provider against it (path-style S3, test credentials). */
export async function s3Env(region = 'us-east-1'): Promise<S3Env> {
  const cloud = await startCloud({ port: 0 });
  const h = await new Harness(awsProvider).configure({
    region, access_key: 'test', secret_key: 'test', s3_use_path_style: true,
    endpoints: [{ s3: cloud.url, sts: cloud.url }],
  });
  const s3 = new S3Client({ endpoint: cloud.url, region, forcePathStyle: true, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  return {
    cloud, h, s3,
    async close() {
      s3.destroy();
      await h.p.close?.();
      await cloud.close();
    },
  };
}
