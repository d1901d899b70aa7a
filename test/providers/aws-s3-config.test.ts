/**
 * The S3 bucket configuration resources through the provider protocol against the
 * in-process cloud: versioning, lifecycle, policy, public access block, encryption and
 * ownership controls.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GetBucketOwnershipControlsCommand, GetBucketPolicyCommand, GetBucketVersioningCommand, GetPublicAccessBlockCommand,
  PutBucketLifecycleConfigurationCommand, PutBucketVersioningCommand, PutPublicAccessBlockCommand,
} from '@aws-sdk/client-s3';
import { nullVal } from '../../src/lang/value.js';
import type { Value } from '../../src/lang/value.js';
import { js } from './harness.js';
import { s3Env, type S3Env } from './aws-s3-support.js';

let env: S3Env;
let bucketState: Value;
const BUCKET = 'tr-config-bucket';

beforeAll(async () => {
  env = await s3Env();
  bucketState = await env.h.create('aws_s3_bucket', { bucket: BUCKET, force_destroy: true });
});
afterAll(async () => {
  if (bucketState) await env.h.destroy('aws_s3_bucket', bucketState);
  await env?.close();
});

/** Create, read back equal, plan again with no change; returns the state. */
async function roundTrip(type: string, cfg: Record<string, unknown>): Promise<Value> {
  const state = await env.h.create(type, cfg);
  const read = await env.h.read(type, state);
  expect(js(read)).toEqual(js(state));
  const again = await env.h.plan(type, read, cfg);
  expect(again.diagnostics).toEqual([]);
  expect(again.requiresReplace).toEqual([]);
  expect(js(again.plannedState)).toEqual(js(read));
  return read!;
}

/** Imports by id and checks the same configuration then plans no change. */
async function importClean(type: string, id: string, cfg: Record<string, unknown>): Promise<void> {
  const imp = await env.h.importState(type, id);
  expect(imp.diagnostics).toEqual([]);
  const pl = await env.h.plan(type, imp.importedResources[0]!.state, cfg);
  expect(pl.diagnostics).toEqual([]);
  expect(pl.requiresReplace).toEqual([]);
  expect(js(pl.plannedState)).toEqual(js(imp.importedResources[0]!.state));
}

describe('aws_s3_bucket_versioning', () => {
  const T = 'aws_s3_bucket_versioning';
  it('enables, sees a suspension made behind its back, imports, and suspends on destroy', async () => {
    const cfg = { bucket: BUCKET, versioning_configuration: [{ status: 'Enabled' }] };
    let state = await roundTrip(T, cfg);
    expect(js(state)).toMatchObject({ id: BUCKET, bucket: BUCKET, expected_bucket_owner: '', versioning_configuration: [{ status: 'Enabled', mfa_delete: '' }] });
    expect((await env.s3.send(new GetBucketVersioningCommand({ Bucket: BUCKET }))).Status).toBe('Enabled');

    await env.s3.send(new PutBucketVersioningCommand({ Bucket: BUCKET, VersioningConfiguration: { Status: 'Suspended' } }));
    const drifted = await env.h.read(T, state);
    expect(js(drifted).versioning_configuration).toEqual([{ status: 'Suspended', mfa_delete: '' }]);
    const fix = await env.h.plan(T, drifted, cfg);
    expect(js(fix.plannedState).versioning_configuration).toEqual([{ status: 'Enabled', mfa_delete: '' }]);
    state = await env.h.apply(T, drifted, fix.plannedState, cfg);

    await importClean(T, BUCKET, cfg);
    expect((await env.h.plan(T, state, { ...cfg, bucket: 'other' })).requiresReplace).toContainEqual([{ attr: 'bucket' }]);
    const bad = await env.h.plan(T, state, { ...cfg, versioning_configuration: [{ status: 'Disabled' }] });
    expect(bad.diagnostics[0]!.summary).toBe("versioning_configuration.status cannot be updated from 'Enabled' to 'Disabled'");
    await env.h.destroy(T, state);
    expect((await env.s3.send(new GetBucketVersioningCommand({ Bucket: BUCKET }))).Status).toBe('Suspended');
  });

  it('adopts a never-versioned bucket with status Disabled without calling AWS', async () => {
    const b = await env.h.create('aws_s3_bucket', { bucket: 'tr-unversioned' });
    const cfg = { bucket: 'tr-unversioned', versioning_configuration: [{ status: 'Disabled' }] };
    const state = await roundTrip(T, cfg);
    expect(js(state).versioning_configuration).toEqual([{ status: 'Disabled', mfa_delete: '' }]);
    await env.h.destroy(T, state);
    expect((await env.s3.send(new GetBucketVersioningCommand({ Bucket: 'tr-unversioned' }))).Status).toBeUndefined();
    await env.h.destroy('aws_s3_bucket', b);
  });

  it('rejects a malformed import id', async () => {
    const imp = await env.h.importState('aws_s3_bucket_versioning', 'a,b,c');
    expect(imp.diagnostics[0]!.detail).toBe('unexpected format for ID (a,b,c), expected BUCKET or BUCKET,EXPECTED_BUCKET_OWNER');
  });
});

describe('aws_s3_bucket_lifecycle_configuration', () => {
  const T = 'aws_s3_bucket_lifecycle_configuration';
  it('puts rules with filters and plans no change after; drift and update show', async () => {
    const cfg = {
      bucket: BUCKET,
      rule: [
        { id: 'logs', status: 'Enabled', filter: [{ prefix: 'logs/' }], expiration: [{ days: 90 }],
          transition: [{ days: 30, storage_class: 'STANDARD_IA' }], noncurrent_version_expiration: [{ noncurrent_days: 10 }] },
        { id: 'tagged', status: 'Disabled', filter: [{ and: [{ prefix: 'tmp/', tags: { kind: 'scratch' } }] }], abort_incomplete_multipart_upload: [{ days_after_initiation: 3 }] },
        { id: 'all', status: 'Enabled', expiration: [{ expired_object_delete_marker: true }] },
      ],
    };
    const planned = await env.h.plan(T, null, cfg);
    expect(js(planned.plannedState).transition_default_minimum_object_size).toBe('all_storage_classes_128K');
    let state = await roundTrip(T, cfg);
    const s = js(state);
    expect(s).toMatchObject({ id: BUCKET, bucket: BUCKET, expected_bucket_owner: '', transition_default_minimum_object_size: 'all_storage_classes_128K' });
    const rules = s.rule as Record<string, unknown>[];
    expect(rules[0]).toMatchObject({
      id: 'logs', status: 'Enabled', prefix: '',
      filter: [{ prefix: 'logs/', object_size_greater_than: null, object_size_less_than: null, and: [], tag: [] }],
      expiration: [{ date: null, days: 90, expired_object_delete_marker: false }],
      transition: [{ date: null, days: 30, storage_class: 'STANDARD_IA' }],
      noncurrent_version_expiration: [{ noncurrent_days: 10, newer_noncurrent_versions: null }],
    });
    expect(rules[1]!.filter).toEqual([{ prefix: '', object_size_greater_than: null, object_size_less_than: null, tag: [],
      and: [{ prefix: 'tmp/', tags: { kind: 'scratch' }, object_size_greater_than: 0, object_size_less_than: 0 }] }]);
    expect(rules[2]!.filter).toEqual([]);

    const cfg2 = { ...cfg, rule: [{ ...cfg.rule[0]!, expiration: [{ days: 120 }] }] };
    const up = await env.h.plan(T, state, cfg2);
    expect(up.requiresReplace).toEqual([]);
    state = await env.h.apply(T, state, up.plannedState, cfg2);
    expect((state.attrs.get('rule')!.elems).length).toBe(1);
    expect(js((await env.h.plan(T, state, cfg2)).plannedState)).toEqual(js(state));

    await env.s3.send(new PutBucketLifecycleConfigurationCommand({
      Bucket: BUCKET, LifecycleConfiguration: { Rules: [{ ID: 'by-hand', Status: 'Enabled', Filter: { Prefix: '' }, Expiration: { Days: 1 } }] },
    }));
    const drifted = await env.h.read(T, state);
    expect((js(drifted).rule as { id: string }[]).map((r) => r.id)).toEqual(['by-hand']);
    state = await env.h.apply(T, drifted, (await env.h.plan(T, drifted, cfg2)).plannedState, cfg2);
    await importClean(T, BUCKET, cfg2);
    await env.h.destroy(T, state);
    expect(await env.h.read(T, state)).toBeNull();
  });
});

describe('aws_s3_bucket_lifecycle_configuration filter forms', () => {
  it('sends and keeps a configured transition minimum size', async () => {
    const T = 'aws_s3_bucket_lifecycle_configuration';
    const cfg = { bucket: BUCKET, transition_default_minimum_object_size: 'varies_by_storage_class', rule: [{ id: 'r', status: 'Enabled', filter: [{}], expiration: [{ days: 5 }] }] };
    const state = await roundTrip(T, cfg);
    expect(js(state).transition_default_minimum_object_size).toBe('varies_by_storage_class');
    await env.h.destroy(T, state);
  });

  it.each([
    { name: 'legacy rule prefix', rule: { prefix: 'old/' }, filter: [], prefix: 'old/' },
    { name: 'empty filter', rule: { filter: [{}] }, filter: [{ prefix: '', object_size_greater_than: null, object_size_less_than: null, and: [], tag: [] }], prefix: '' },
    { name: 'tag filter', rule: { filter: [{ tag: [{ key: 'k', value: 'v' }] }] }, filter: [{ prefix: '', object_size_greater_than: null, object_size_less_than: null, and: [], tag: [{ key: 'k', value: 'v' }] }], prefix: '' },
    { name: 'size filter', rule: { filter: [{ object_size_greater_than: 500 }] }, filter: [{ prefix: '', object_size_greater_than: 500, object_size_less_than: null, and: [], tag: [] }], prefix: '' },
  ])('$name round-trips with no change planned after', async ({ rule, filter, prefix }) => {
    const T = 'aws_s3_bucket_lifecycle_configuration';
    const cfg = { bucket: BUCKET, rule: [{ id: 'r', status: 'Enabled', expiration: [{ days: 5 }], ...rule }] };
    const state = await roundTrip(T, cfg);
    const r = (js(state).rule as Record<string, unknown>[])[0]!;
    expect(r.filter).toEqual(filter);
    expect(r.prefix).toBe(prefix);
    await env.h.destroy(T, state);
  });
});

describe('aws_s3_bucket_policy', () => {
  const T = 'aws_s3_bucket_policy';
  const doc = (action: string) => JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'deny', Effect: 'Deny', Principal: '*', Action: [action], Resource: [`arn:aws:s3:::${BUCKET}/*`] }],
  }, null, 2);

  it('keeps the configured JSON, updates, imports, and reports MalformedPolicy', async () => {
    const cfg = { bucket: BUCKET, policy: doc('s3:DeleteObject') };
    let state = await roundTrip(T, cfg);
    expect(js(state)).toEqual({ id: BUCKET, bucket: BUCKET, policy: cfg.policy });
    const equivalent = await env.h.plan(T, state, { bucket: BUCKET, policy: JSON.stringify(JSON.parse(cfg.policy)) });
    expect(equivalent.plannedState).toBe(state);
    const cfg2 = { bucket: BUCKET, policy: doc('s3:PutObject') };
    state = await env.h.apply(T, state, (await env.h.plan(T, state, cfg2)).plannedState, cfg2);
    expect(JSON.parse((await env.s3.send(new GetBucketPolicyCommand({ Bucket: BUCKET }))).Policy!).Statement[0].Action).toEqual(['s3:PutObject']);
    await importClean(T, BUCKET, cfg2);
    await env.h.destroy(T, state);
    expect(await env.h.read(T, state)).toBeNull();

    const bad = { bucket: BUCKET, policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject' }] }) };
    const pl = await env.h.plan(T, null, bad);
    const r = await env.h.p.applyResourceChange({ typeName: T, priorState: nullVal(env.h.type(T)), plannedState: pl.plannedState, config: env.h.config(T, bad) } as never);
    expect(r.diagnostics[0]!.summary).toBe(`putting S3 Bucket (${BUCKET}) Policy: MalformedPolicy: Missing required field Resource`);
  });
});

describe('aws_s3_bucket_public_access_block', () => {
  const T = 'aws_s3_bucket_public_access_block';
  it('sets the four switches, sees drift, imports and deletes', async () => {
    const cfg = { bucket: BUCKET, block_public_acls: true, restrict_public_buckets: true };
    let state = await roundTrip(T, cfg);
    expect(js(state)).toEqual({ id: BUCKET, bucket: BUCKET, block_public_acls: true, block_public_policy: false, ignore_public_acls: false, restrict_public_buckets: true });
    await env.s3.send(new PutPublicAccessBlockCommand({ Bucket: BUCKET, PublicAccessBlockConfiguration: { BlockPublicAcls: false, BlockPublicPolicy: true } }));
    const drifted = await env.h.read(T, state);
    expect(js(drifted)).toMatchObject({ block_public_acls: false, block_public_policy: true });
    state = await env.h.apply(T, drifted, (await env.h.plan(T, drifted, cfg)).plannedState, cfg);
    expect((await env.s3.send(new GetPublicAccessBlockCommand({ Bucket: BUCKET }))).PublicAccessBlockConfiguration).toMatchObject({ BlockPublicAcls: true, BlockPublicPolicy: false });
    await importClean(T, BUCKET, cfg);
    await env.h.destroy(T, state);
    expect(await env.h.read(T, state)).toBeNull();
  });
});

describe('aws_s3_bucket_server_side_encryption_configuration', () => {
  const T = 'aws_s3_bucket_server_side_encryption_configuration';
  it('puts a KMS rule, updates to AES256, imports', async () => {
    const cfg = { bucket: BUCKET, rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms', kms_master_key_id: 'alias/my-key' }], bucket_key_enabled: true }] };
    let state = await roundTrip(T, cfg);
    expect(js(state).rule).toEqual([{ bucket_key_enabled: true, apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms', kms_master_key_id: 'alias/my-key' }] }]);
    const cfg2 = { bucket: BUCKET, rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'AES256' }] }] };
    const up = await env.h.plan(T, state, cfg2);
    expect(up.requiresReplace).toEqual([]);
    state = await env.h.apply(T, state, up.plannedState, cfg2);
    expect(js(state).rule).toEqual([{ bucket_key_enabled: false, apply_server_side_encryption_by_default: [{ sse_algorithm: 'AES256', kms_master_key_id: '' }] }]);
    expect(js((await env.h.plan(T, state, cfg2)).plannedState)).toEqual(js(state));
    await importClean(T, BUCKET, cfg2);
    await env.h.destroy(T, state);
  });
});

describe('aws_s3_bucket_ownership_controls', () => {
  const T = 'aws_s3_bucket_ownership_controls';
  it('sets the ownership rule, updates it, imports and deletes', async () => {
    let state = await roundTrip(T, { bucket: BUCKET, rule: [{ object_ownership: 'BucketOwnerPreferred' }] });
    expect(js(state)).toEqual({ id: BUCKET, bucket: BUCKET, rule: [{ object_ownership: 'BucketOwnerPreferred' }] });
    const cfg2 = { bucket: BUCKET, rule: [{ object_ownership: 'ObjectWriter' }] };
    state = await env.h.apply(T, state, (await env.h.plan(T, state, cfg2)).plannedState, cfg2);
    expect((await env.s3.send(new GetBucketOwnershipControlsCommand({ Bucket: BUCKET }))).OwnershipControls?.Rules?.[0]?.ObjectOwnership).toBe('ObjectWriter');
    await importClean(T, BUCKET, cfg2);
    await env.h.destroy(T, state);
    expect(await env.h.read(T, state)).toBeNull();
  });
});

describe('expected_bucket_owner', () => {
  it('makes the id "BUCKET,OWNER" and imports by it', async () => {
    const T = 'aws_s3_bucket_versioning';
    const owner = '000000000000';
    const cfg = { bucket: BUCKET, expected_bucket_owner: owner, versioning_configuration: [{ status: 'Enabled' }] };
    const state = await roundTrip(T, cfg);
    expect(js(state)).toMatchObject({ id: `${BUCKET},${owner}`, expected_bucket_owner: owner });
    await importClean(T, `${BUCKET},${owner}`, cfg);
    const wrong = { ...cfg, expected_bucket_owner: '111111111111' };
    const pl = await env.h.plan(T, null, wrong);
    const r = await env.h.p.applyResourceChange({ typeName: T, priorState: nullVal(env.h.type(T)), plannedState: pl.plannedState, config: env.h.config(T, wrong) } as never);
    expect(r.diagnostics[0]!.summary).toBe(`creating S3 Bucket (${BUCKET}) Versioning: AccessDenied: Access Denied`);
    await env.h.destroy(T, state);
  });
});
