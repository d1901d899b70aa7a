/** aws_s3_bucket through the provider protocol against the in-process cloud. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DeleteBucketCommand, DeleteObjectCommand, HeadBucketCommand, PutBucketTaggingCommand, PutBucketVersioningCommand, PutObjectCommand,
} from '@aws-sdk/client-s3';
import { isWhollyKnown, nullVal } from '../../src/lang/value.js';
import { awsProvider } from '../../src/providers/aws/index.js';
import { Harness, js } from './harness.js';
import { s3Env, type S3Env } from './aws-s3-support.js';

let env: S3Env;
beforeAll(async () => { env = await s3Env(); });
afterAll(async () => { await env?.close(); });

const T = 'aws_s3_bucket';

async function exists(name: string): Promise<boolean> {
  try {
    await env.s3.send(new HeadBucketCommand({ Bucket: name }));
    return true;
  } catch {
    return false;
  }
}

describe('aws_s3_bucket', () => {
  it('creates a bucket with hashicorp state, plans no change after, and destroys it', async () => {
    const { h } = env;
    const cfg = { bucket: 'tr-basic-bucket', tags: { Env: 'test' } };
    const plan = await h.plan(T, null, cfg);
    expect(plan.plannedState.attrs.get('arn')!.isKnown).toBe(false);
    expect(plan.plannedState.attrs.get('versioning')!.isKnown).toBe(false);
    const state = await h.apply(T, null, plan.plannedState, cfg);
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
    expect(s.grant).toEqual([{ id: expect.stringMatching(/^[0-9a-f]{64}$/), type: 'CanonicalUser', uri: '', permissions: ['FULL_CONTROL'] }]);
    const read = await h.read(T, state);
    expect(js(read)).toEqual(s);
    const again = await h.plan(T, read, cfg);
    expect(again.diagnostics).toEqual([]);
    expect(again.requiresReplace).toEqual([]);
    expect(again.plannedState).toBe(read);
    await h.destroy(T, read!);
    expect(await exists('tr-basic-bucket')).toBe(false);
  });

  it.each([
    { name: 'no name', cfg: {}, pattern: /^terraform-\d{18}[0-9a-f]{8}$/, prefix: 'terraform-' },
    { name: 'bucket_prefix', cfg: { bucket_prefix: 'tr-pre-' }, pattern: /^tr-pre-\d{18}[0-9a-f]{8}$/, prefix: 'tr-pre-' },
  ])('generates the name like hashicorp with $name', async ({ cfg, pattern, prefix }) => {
    const plan = await env.h.plan(T, null, cfg);
    expect(plan.plannedState.attrs.get('bucket')!.isKnown).toBe(false);
    const state = await env.h.apply(T, null, plan.plannedState, cfg);
    const s = js(state);
    expect(s.bucket).toMatch(pattern);
    expect(s.id).toBe(s.bucket);
    expect(s.bucket_prefix).toBe(prefix);
    expect((await env.h.plan(T, state, cfg)).plannedState).toBe(state);
    await env.h.destroy(T, state);
  });

  it('puts inline grants, and reports AccessControlListNotSupported for extra grants on an owner-enforced bucket', async () => {
    const { h } = env;
    const state = await h.create(T, { bucket: 'tr-grant-bucket' });
    const owner = (js(state).grant as { id: string }[])[0]!.id;
    const same = { bucket: 'tr-grant-bucket', grant: [{ id: owner, type: 'CanonicalUser', permissions: ['FULL_CONTROL'] }] };
    expect((await h.plan(T, state, same)).plannedState).toBe(state);
    const more = { bucket: 'tr-grant-bucket', grant: [{ id: owner, type: 'CanonicalUser', permissions: ['FULL_CONTROL', 'READ_ACP'] }] };
    const pl = await h.plan(T, state, more);
    const r = await h.p.applyResourceChange({ typeName: T, priorState: state, plannedState: pl.plannedState, config: h.config(T, more) } as never);
    expect(r.diagnostics[0]!.summary).toBe('putting S3 Bucket (tr-grant-bucket) ACL: AccessControlListNotSupported: The bucket does not allow ACLs');
    const both = await h.plan(T, null, { ...more, acl: 'private' });
    expect(both.diagnostics[0]!.detail).toBe('"acl": conflicts with grant');
    await h.destroy(T, state);
  });

  it('rejects bucket together with bucket_prefix', async () => {
    const pl = await env.h.plan(T, null, { bucket: 'a-b-c', bucket_prefix: 'x' });
    expect(pl.diagnostics[0]).toMatchObject({ summary: 'Conflicting configuration arguments', detail: '"bucket": conflicts with bucket_prefix' });
  });

  it('updates tags in place, sees tags and versioning changed behind its back, and replaces on a new name', async () => {
    const { h, s3 } = env;
    const cfg = { bucket: 'tr-drift-bucket', tags: { Team: 'a' }, versioning: [{ enabled: true }] };
    let state = await h.create(T, cfg);
    expect(js(state).versioning).toEqual([{ enabled: true, mfa_delete: false }]);
    expect((await h.plan(T, state, cfg)).plannedState).toBe(state);

    const cfg2 = { ...cfg, tags: { Team: 'b', Extra: 'x' } };
    const up = await h.plan(T, state, cfg2);
    expect(up.requiresReplace).toEqual([]);
    state = await h.apply(T, state, up.plannedState, cfg2);
    expect(js(state).tags_all).toEqual({ Team: 'b', Extra: 'x' });

    await s3.send(new PutBucketTaggingCommand({ Bucket: 'tr-drift-bucket', Tagging: { TagSet: [{ Key: 'Team', Value: 'by-hand' }] } }));
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'tr-drift-bucket', VersioningConfiguration: { Status: 'Suspended' } }));
    const drifted = await h.read(T, state);
    expect(js(drifted).tags).toEqual({ Team: 'by-hand' });
    expect(js(drifted).versioning).toEqual([{ enabled: false, mfa_delete: false }]);
    const fix = await h.plan(T, drifted, cfg2);
    expect(js(fix.plannedState).tags).toEqual({ Team: 'b', Extra: 'x' });
    expect(js(fix.plannedState).versioning).toEqual([{ enabled: true, mfa_delete: false }]);
    state = await h.apply(T, drifted, fix.plannedState, cfg2);
    expect((await h.plan(T, state, cfg2)).plannedState).toBe(state);

    const renamed = await h.plan(T, state, { ...cfg2, bucket: 'tr-drift-bucket-2' });
    expect(renamed.requiresReplace).toContainEqual([{ attr: 'bucket' }]);
    await h.destroy(T, state);
  });

  it('fails with BucketNotEmpty unless force_destroy, which removes every version and delete marker', async () => {
    const { h, s3 } = env;
    const cfg = { bucket: 'tr-full-bucket', versioning: [{ enabled: true }] };
    let state = await h.create(T, cfg);
    for (const body of ['one', 'two']) await s3.send(new PutObjectCommand({ Bucket: 'tr-full-bucket', Key: 'k', Body: body }));
    await s3.send(new DeleteObjectCommand({ Bucket: 'tr-full-bucket', Key: 'k' }));
    const gone = nullVal(h.type(T));
    const r = await h.p.applyResourceChange({ typeName: T, priorState: state, plannedState: gone, config: gone } as never);
    expect(r.diagnostics[0]!.summary).toBe('deleting S3 Bucket (tr-full-bucket): BucketNotEmpty: The bucket you tried to delete is not empty');
    expect(await exists('tr-full-bucket')).toBe(true);

    const forced = { ...cfg, force_destroy: true };
    const up = await h.plan(T, state, forced);
    state = await h.apply(T, state, up.plannedState, forced);
    expect(js(state).force_destroy).toBe(true);
    await h.destroy(T, state);
    expect(await exists('tr-full-bucket')).toBe(false);
  });

  it('imports by bucket name with no change planned after', async () => {
    const { h } = env;
    const made = await h.create(T, { bucket: 'tr-import-bucket', tags: { Owner: 'me' }, lifecycle_rule: [{ id: 'old', enabled: true, prefix: 'logs/', expiration: [{ days: 30 }] }] });
    const imp = await h.importState(T, 'tr-import-bucket');
    expect(imp.diagnostics).toEqual([]);
    const imported = imp.importedResources[0]!.state;
    expect(js(imported)).toEqual(js(made));
    const cfg = { bucket: 'tr-import-bucket', tags: { Owner: 'me' } };
    const pl = await h.plan(T, imported, cfg);
    expect(pl.diagnostics).toEqual([]);
    expect(pl.plannedState).toBe(imported);
    const gone = await h.importState(T, 'tr-no-such-bucket');
    expect(gone.diagnostics[0]!.summary).toBe('Cannot import non-existent remote object');
    await h.destroy(T, imported);
  });

  it('applies inline lifecycle rules and policy and plans no change after', async () => {
    const { h } = env;
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:DeleteBucket', Resource: 'arn:aws:s3:::tr-inline-bucket' }],
    }, null, 2);
    const cfg = {
      bucket: 'tr-inline-bucket', policy,
      lifecycle_rule: [{ id: 'expire', enabled: true, prefix: 'tmp/', expiration: [{ days: 7 }], transition: [{ days: 30, storage_class: 'GLACIER' }] }],
    };
    const state = await h.create(T, cfg);
    const s = js(state);
    expect(s.policy).toBe(policy);
    expect(s.lifecycle_rule).toEqual([{
      id: 'expire', enabled: true, prefix: 'tmp/', tags: null, abort_incomplete_multipart_upload_days: 0,
      expiration: [{ date: '', days: 7, expired_object_delete_marker: false }], noncurrent_version_expiration: [], noncurrent_version_transition: [],
      transition: [{ date: '', days: 30, storage_class: 'GLACIER' }],
    }]);
    const again = await h.plan(T, await h.read(T, state), cfg);
    expect(js(again.plannedState)).toEqual(s);
    // The same policy written another way is no change.
    const reformatted = await h.plan(T, state, { ...cfg, policy: JSON.stringify(JSON.parse(policy)) });
    expect(js(reformatted.plannedState).policy).toBe(policy);
    await h.destroy(T, state);
  });
});

describe('aws_s3_bucket outside us-east-1 and with object lock', () => {
  it('creates in eu-west-1 with its regional names and hosted zone', async () => {
    const eu = await s3Env('eu-west-1');
    try {
      const state = await eu.h.create(T, { bucket: 'tr-eu-bucket' });
      expect(js(state)).toMatchObject({
        region: 'eu-west-1', hosted_zone_id: 'Z1BKCTXD74EZPE',
        bucket_regional_domain_name: 'tr-eu-bucket.s3.eu-west-1.amazonaws.com', bucket_domain_name: 'tr-eu-bucket.s3.amazonaws.com',
      });
      const bad = await eu.h.plan(T, null, { bucket: 'Bad_Name' });
      const r = await eu.h.p.applyResourceChange({ typeName: T, priorState: nullVal(eu.h.type(T)), plannedState: bad.plannedState, config: eu.h.config(T, { bucket: 'Bad_Name' }) } as never);
      expect(r.diagnostics[0]!.summary).toBe('validating S3 Bucket (Bad_Name) name: only lowercase alphanumeric characters and hyphens allowed in "Bad_Name"');
      await eu.h.destroy(T, state);
    } finally {
      await eu.close();
    }
  });

  it('enables object lock at creation (which turns versioning on) and reads it back', async () => {
    const cfg = { bucket: 'tr-locked-bucket', object_lock_enabled: true, force_destroy: true };
    const state = await env.h.create(T, cfg);
    expect(js(state)).toMatchObject({
      object_lock_enabled: true, object_lock_configuration: [{ object_lock_enabled: 'Enabled', rule: [] }],
      versioning: [{ enabled: true, mfa_delete: false }],
    });
    expect((await env.h.plan(T, state, cfg)).plannedState).toBe(state);
    expect((await env.h.plan(T, state, { ...cfg, object_lock_enabled: false })).requiresReplace).toContainEqual([{ attr: 'object_lock_enabled' }]);
    await env.s3.send(new PutObjectCommand({ Bucket: 'tr-locked-bucket', Key: 'k', Body: 'x' }));
    await env.h.destroy(T, state);
    expect(await exists('tr-locked-bucket')).toBe(false);
  });
});

describe('aws_s3_bucket gone or configured elsewhere', () => {
  it('reads a bucket deleted behind its back as gone', async () => {
    const state = await env.h.create(T, { bucket: 'tr-vanishing-bucket' });
    await env.s3.send(new DeleteBucketCommand({ Bucket: 'tr-vanishing-bucket' }));
    expect(await env.h.read(T, state)).toBeNull();
    await env.h.destroy(T, state);
  });

  it('hosts a website from the inline block with hashicorp endpoints', async () => {
    const cfg = { bucket: 'tr-website-bucket', website: [{ index_document: 'index.html', error_document: 'error.html' }] };
    const state = await env.h.create(T, cfg);
    expect(js(state)).toMatchObject({
      website: [{ index_document: 'index.html', error_document: 'error.html', redirect_all_requests_to: '', routing_rules: '' }],
      website_endpoint: 'tr-website-bucket.s3-website-us-east-1.amazonaws.com', website_domain: 's3-website-us-east-1.amazonaws.com',
    });
    expect((await env.h.plan(T, state, cfg)).plannedState).toBe(state);
    await env.h.destroy(T, state);
  });

  it('merges the provider default_tags into tags_all and keeps tags to its own', async () => {
    const h = await new Harness(awsProvider).configure({
      region: 'us-east-1', access_key: 'test', secret_key: 'test', s3_use_path_style: true,
      endpoints: [{ s3: env.cloud.url, sts: env.cloud.url }], default_tags: [{ tags: { Project: 'terrane' } }],
    });
    const cfg = { bucket: 'tr-default-tags', tags: { Name: 'x' } };
    const state = await h.create(T, cfg);
    expect(js(state)).toMatchObject({ tags: { Name: 'x' }, tags_all: { Name: 'x', Project: 'terrane' } });
    expect((await h.plan(T, state, cfg)).plannedState).toBe(state);
    await h.destroy(T, state);
    await h.p.close?.();
  });
});
