/** aws_s3_bucket through the provider protocol against the in-process cloud. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutBucketTaggingCommand, PutBucketVersioningCommand, PutObjectCommand, HeadBucketCommand } from '@aws-sdk/client-s3';
import { isWhollyKnown } from '../../src/lang/value.js';
import { js } from './harness.js';
import { s3Env, type S3Env } from './aws-s3-support.js';

let env: S3Env;
beforeAll(async () => { env = await s3Env(); });
afterAll(async () => { await env?.close(); });

const T = 'aws_s3_bucket';

describe('aws_s3_bucket', () => {
  it('creates a bucket with hashicorp state, plans no change after, and destroys it', async () => {
    const { h } = env;
    const cfg = { bucket: 'tr-basic-bucket', tags: { Env: 'test' } };
    const state = await h.create(T, cfg);
    expect(isWhollyKnown(state)).toBe(true);
    const s = js(state);
    expect(s).toMatchObject({
      id: 'tr-basic-bucket', bucket: 'tr-basic-bucket', arn: 'arn:aws:s3:::tr-basic-bucket', bucket_prefix: '',
      bucket_domain_name: 'tr-basic-bucket.s3.amazonaws.com', bucket_regional_domain_name: 'tr-basic-bucket.s3.us-east-1.amazonaws.com',
      hosted_zone_id: 'Z3AQBSTGFYJSTF', region: 'us-east-1', force_destroy: false, object_lock_enabled: false,
      policy: '', request_payer: 'BucketOwner', acceleration_status: '', acl: null,
      versioning: [{ enabled: false, mfa_delete: false }],
      server_side_encryption_configuration: [{ rule: [{ bucket_key_enabled: false, apply_server_side_encryption_by_default: [{ sse_algorithm: 'AES256', kms_master_key_id: '' }] }] }],
      lifecycle_rule: [], cors_rule: [], website: [], logging: [], replication_configuration: [], object_lock_configuration: [],
      tags: { Env: 'test' }, tags_all: { Env: 'test' }, website_domain: null, website_endpoint: null,
    });
    expect((s.grant as unknown[]).length).toBe(1);
    const read = await h.read(T, state);
    expect(js(read)).toEqual(s);
    const again = await h.plan(T, read, cfg);
    expect(again.diagnostics).toEqual([]);
    expect(again.requiresReplace).toEqual([]);
    expect(again.plannedState).toBe(read);
    await h.destroy(T, read!);
    await expect(env.s3.send(new HeadBucketCommand({ Bucket: 'tr-basic-bucket' }))).rejects.toThrow();
  });
});
