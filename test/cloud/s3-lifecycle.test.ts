/** S3 lifecycle configuration: the transition default minimum object size kept with the rules. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as S from '@aws-sdk/client-s3';
import type { RunningCloud } from '../../src/cloud/index.js';
import { pathClient, sdkError, startS3 } from './s3-helpers.js';

let cloud: RunningCloud;
let s3: S.S3Client;
beforeAll(async () => {
  cloud = await startS3();
  s3 = pathClient(cloud.url);
  await s3.send(new S.CreateBucketCommand({ Bucket: 'min-size' }));
});
afterAll(() => cloud.close());

const rules: S.LifecycleRule[] = [{ ID: 'r', Status: 'Enabled', Filter: { Prefix: 'a/' }, Expiration: { Days: 3 } }];

describe('S3 lifecycle transition default minimum object size', () => {
  it.each([
    { sent: undefined, want: 'all_storage_classes_128K' },
    { sent: 'varies_by_storage_class', want: 'varies_by_storage_class' },
    { sent: 'all_storage_classes_128K', want: 'all_storage_classes_128K' },
  ] as const)('answers $want when $sent was sent', async ({ sent, want }) => {
    const put = await s3.send(new S.PutBucketLifecycleConfigurationCommand({
      Bucket: 'min-size', LifecycleConfiguration: { Rules: rules }, TransitionDefaultMinimumObjectSize: sent,
    }));
    expect(put.TransitionDefaultMinimumObjectSize).toBe(want);
    const got = await s3.send(new S.GetBucketLifecycleConfigurationCommand({ Bucket: 'min-size' }));
    expect(got.TransitionDefaultMinimumObjectSize).toBe(want);
    expect(got.Rules?.[0]?.ID).toBe('r');
  });

  it('rejects an unknown size with InvalidArgument', async () => {
    const err = await sdkError(s3.send(new S.PutBucketLifecycleConfigurationCommand({
      Bucket: 'min-size', LifecycleConfiguration: { Rules: rules }, TransitionDefaultMinimumObjectSize: 'tiny' as never,
    })));
    expect(err).toMatchObject({ name: 'InvalidArgument', status: 400 });
  });
});
