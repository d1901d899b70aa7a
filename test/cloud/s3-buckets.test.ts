import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as S from '@aws-sdk/client-s3';
import type { RunningCloud } from '../../src/cloud/index.js';
import { pathClient, sdkError, startS3 } from './s3-helpers.js';

let cloud: RunningCloud;
let s3: S.S3Client;
beforeAll(async () => {
  cloud = await startS3();
  s3 = pathClient(cloud.url);
});
afterAll(() => cloud.close());

describe('S3 buckets', () => {
  it('creates, heads, lists, locates and deletes a bucket', async () => {
    await s3.send(new S.CreateBucketCommand({ Bucket: 'life-cycle-1' }));
    const head = await s3.send(new S.HeadBucketCommand({ Bucket: 'life-cycle-1' }));
    expect(head.BucketRegion).toBe('us-east-1');
    const list = await s3.send(new S.ListBucketsCommand({}));
    expect(list.Buckets?.map((b) => b.Name)).toContain('life-cycle-1');
    expect(list.Owner?.ID).toMatch(/^[0-9a-f]{64}$/);
    const loc = await s3.send(new S.GetBucketLocationCommand({ Bucket: 'life-cycle-1' }));
    expect(loc.LocationConstraint).toBeUndefined();
    await s3.send(new S.DeleteBucketCommand({ Bucket: 'life-cycle-1' }));
    expect(await sdkError(s3.send(new S.HeadBucketCommand({ Bucket: 'life-cycle-1' })))).toMatchObject({ name: 'NotFound', status: 404 });
  });

  it('keeps the LocationConstraint rules of each regional endpoint', async () => {
    await s3.send(new S.CreateBucketCommand({ Bucket: 'in-eu-west-1', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
    expect((await s3.send(new S.GetBucketLocationCommand({ Bucket: 'in-eu-west-1' }))).LocationConstraint).toBe('eu-west-1');
    expect((await s3.send(new S.HeadBucketCommand({ Bucket: 'in-eu-west-1' }))).BucketRegion).toBe('eu-west-1');
    const east = await sdkError(s3.send(new S.CreateBucketCommand({ Bucket: 'explicit-east', CreateBucketConfiguration: { LocationConstraint: 'us-east-1' as S.BucketLocationConstraint } })));
    expect(east).toMatchObject({ name: 'InvalidLocationConstraint', status: 400 });
    const west = pathClient(cloud.url, { region: 'us-west-2' });
    // The SDK fills in its region as the constraint, so send the bare request as other tools may.
    const unspecified = await fetch(`${cloud.url}/no-constraint-west`, {
      method: 'PUT',
      headers: { authorization: 'AWS4-HMAC-SHA256 Credential=test/20240101/us-west-2/s3/aws4_request, SignedHeaders=host, Signature=0' },
    });
    expect(unspecified.status).toBe(400);
    const text = await unspecified.text();
    expect(text).toContain('<Code>IllegalLocationConstraintException</Code>');
    expect(text).toContain('<Message>The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.</Message>');
    const other = await sdkError(west.send(new S.CreateBucketCommand({ Bucket: 'mismatch-west', CreateBucketConfiguration: { LocationConstraint: 'eu-central-1' } })));
    expect(other.message).toBe('The eu-central-1 location constraint is incompatible for the region specific endpoint this request was sent to.');
    await west.send(new S.CreateBucketCommand({ Bucket: 'ok-west', CreateBucketConfiguration: { LocationConstraint: 'us-west-2' } }));
    expect((await west.send(new S.GetBucketLocationCommand({ Bucket: 'ok-west' }))).LocationConstraint).toBe('us-west-2');
  });

  it('re-creating an owned bucket is idempotent in us-east-1 and BucketAlreadyOwnedByYou elsewhere; another account gets BucketAlreadyExists', async () => {
    await s3.send(new S.CreateBucketCommand({ Bucket: 'owned-twice' }));
    await s3.send(new S.CreateBucketCommand({ Bucket: 'owned-twice' }));
    const eu = pathClient(cloud.url, { region: 'eu-west-1' });
    await eu.send(new S.CreateBucketCommand({ Bucket: 'owned-eu', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
    const again = await sdkError(eu.send(new S.CreateBucketCommand({ Bucket: 'owned-eu', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } })));
    expect(again).toMatchObject({ name: 'BucketAlreadyOwnedByYou', status: 409 });
    const stranger = pathClient(cloud.url, { accessKeyId: '222233334444' });
    const taken = await sdkError(stranger.send(new S.CreateBucketCommand({ Bucket: 'owned-twice' })));
    expect(taken).toMatchObject({ name: 'BucketAlreadyExists', status: 409 });
    expect((await stranger.send(new S.ListBucketsCommand({}))).Buckets ?? []).toEqual([]);
  });

  it.each(['ab', 'a'.repeat(64), 'UpperCase', 'under_score', '-leading', 'trailing-', 'double..dot', '192.168.5.4', 'xn--punycode', 'ends-s3alias', 'sthree-x'])(
    'rejects the bucket name %s with InvalidBucketName',
    async (name) => {
      const r = await fetch(`${cloud.url}/${name}`, { method: 'PUT' });
      expect(r.status).toBe(400);
      const body = await r.text();
      expect(body).toContain('<Code>InvalidBucketName</Code>');
      expect(body).toContain(`<BucketName>${name}</BucketName>`);
    },
  );

  it('refuses to delete a non-empty bucket, and names missing buckets', async () => {
    await s3.send(new S.CreateBucketCommand({ Bucket: 'not-empty' }));
    await s3.send(new S.PutObjectCommand({ Bucket: 'not-empty', Key: 'k', Body: 'x' }));
    expect(await sdkError(s3.send(new S.DeleteBucketCommand({ Bucket: 'not-empty' })))).toMatchObject({ name: 'BucketNotEmpty', status: 409 });
    const missing = await sdkError(s3.send(new S.GetBucketVersioningCommand({ Bucket: 'nowhere-bucket' })));
    expect(missing).toMatchObject({ name: 'NoSuchBucket', status: 404, message: 'The specified bucket does not exist' });
    expect((missing.raw as { BucketName?: string }).BucketName).toBe('nowhere-bucket');
  });

  it('answers S3 errors with the Error envelope and request id headers', async () => {
    const r = await fetch(`${cloud.url}/nowhere-bucket?versioning`);
    expect(r.status).toBe(404);
    expect(r.headers.get('x-amz-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.headers.get('x-amz-id-2')).toBeTruthy();
    const body = await r.text();
    expect(body).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>NoSuchBucket<\/Code><Message>The specified bucket does not exist<\/Message><BucketName>nowhere-bucket<\/BucketName><RequestId>[0-9a-f-]{36}<\/RequestId><HostId>[^<]+<\/HostId><\/Error>$/,
    );
  });
});

describe('S3 bucket configuration read by the aws provider', () => {
  const B = 'configured-bucket';
  beforeAll(async () => {
    await s3.send(new S.CreateBucketCommand({ Bucket: B }));
  });

  it.each([
    ['GetBucketPolicy', 'NoSuchBucketPolicy', 'The bucket policy does not exist', () => new S.GetBucketPolicyCommand({ Bucket: B })],
    ['GetBucketCors', 'NoSuchCORSConfiguration', 'The CORS configuration does not exist', () => new S.GetBucketCorsCommand({ Bucket: B })],
    ['GetBucketWebsite', 'NoSuchWebsiteConfiguration', 'The specified bucket does not have a website configuration', () => new S.GetBucketWebsiteCommand({ Bucket: B })],
    ['GetBucketLifecycleConfiguration', 'NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist', () => new S.GetBucketLifecycleConfigurationCommand({ Bucket: B })],
    ['GetBucketReplication', 'ReplicationConfigurationNotFoundError', 'The replication configuration was not found', () => new S.GetBucketReplicationCommand({ Bucket: B })],
    ['GetObjectLockConfiguration', 'ObjectLockConfigurationNotFoundError', 'Object Lock configuration does not exist for this bucket', () => new S.GetObjectLockConfigurationCommand({ Bucket: B })],
    ['GetBucketTagging', 'NoSuchTagSet', 'The TagSet does not exist', () => new S.GetBucketTaggingCommand({ Bucket: B })],
  ] as const)('%s on an unconfigured bucket is %s (404)', async (_op, code, message, cmd) => {
    const e = await sdkError(s3.send(cmd() as never));
    expect(e).toMatchObject({ name: code, status: 404, message });
  });

  it('answers the Get* calls that have defaults like AWS does today', async () => {
    const enc = await s3.send(new S.GetBucketEncryptionCommand({ Bucket: B }));
    expect(enc.ServerSideEncryptionConfiguration?.Rules?.[0]).toEqual({ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false });
    expect((await s3.send(new S.GetBucketVersioningCommand({ Bucket: B }))).Status).toBeUndefined();
    expect((await s3.send(new S.GetBucketAccelerateConfigurationCommand({ Bucket: B }))).Status).toBeUndefined();
    expect((await s3.send(new S.GetBucketRequestPaymentCommand({ Bucket: B }))).Payer).toBe('BucketOwner');
    expect((await s3.send(new S.GetBucketLoggingCommand({ Bucket: B }))).LoggingEnabled).toBeUndefined();
    const acl = await s3.send(new S.GetBucketAclCommand({ Bucket: B }));
    expect(acl.Grants).toEqual([{ Grantee: { Type: 'CanonicalUser', ID: acl.Owner!.ID, DisplayName: acl.Owner!.DisplayName }, Permission: 'FULL_CONTROL' }]);
    expect((await s3.send(new S.GetBucketOwnershipControlsCommand({ Bucket: B }))).OwnershipControls?.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
    expect((await s3.send(new S.GetPublicAccessBlockCommand({ Bucket: B }))).PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true,
    });
  });

  it('deleting the public access block and ownership controls gives their not-found errors', async () => {
    await s3.send(new S.CreateBucketCommand({ Bucket: 'pab-deleted' }));
    await s3.send(new S.DeletePublicAccessBlockCommand({ Bucket: 'pab-deleted' }));
    await s3.send(new S.DeleteBucketOwnershipControlsCommand({ Bucket: 'pab-deleted' }));
    expect(await sdkError(s3.send(new S.GetPublicAccessBlockCommand({ Bucket: 'pab-deleted' })))).toMatchObject({
      name: 'NoSuchPublicAccessBlockConfiguration', status: 404, message: 'The public access block configuration was not found',
    });
    expect(await sdkError(s3.send(new S.GetBucketOwnershipControlsCommand({ Bucket: 'pab-deleted' })))).toMatchObject({
      name: 'OwnershipControlsNotFoundError', status: 404, message: 'The bucket ownership controls were not found',
    });
    // With ACLs enabled again, canned ACLs work.
    await s3.send(new S.PutBucketOwnershipControlsCommand({ Bucket: 'pab-deleted', OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] } }));
    await s3.send(new S.PutBucketAclCommand({ Bucket: 'pab-deleted', ACL: 'public-read' }));
    const acl = await s3.send(new S.GetBucketAclCommand({ Bucket: 'pab-deleted' }));
    expect(acl.Grants?.map((g) => [g.Grantee?.Type, g.Grantee?.URI, g.Permission])).toEqual([
      ['CanonicalUser', undefined, 'FULL_CONTROL'],
      ['Group', 'http://acs.amazonaws.com/groups/global/AllUsers', 'READ'],
    ]);
  });

  it('rejects ACLs on a BucketOwnerEnforced bucket and public policies under BlockPublicPolicy', async () => {
    expect(await sdkError(s3.send(new S.PutBucketAclCommand({ Bucket: B, ACL: 'public-read' })))).toMatchObject({ name: 'AccessControlListNotSupported', status: 400 });
    const pub = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${B}/*` }] });
    const denied = await sdkError(s3.send(new S.PutBucketPolicyCommand({ Bucket: B, Policy: pub })));
    expect(denied).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(denied.message).toContain('because public policies are blocked by the BlockPublicPolicy block public access setting.');
  });

  it('stores a policy and validates it (MalformedPolicy)', async () => {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${B}/*` }] });
    await s3.send(new S.PutBucketPolicyCommand({ Bucket: B, Policy: policy }));
    expect((await s3.send(new S.GetBucketPolicyCommand({ Bucket: B }))).Policy).toBe(policy);
    for (const [bad, message] of [
      ['not json', "Policies must be valid JSON and the first byte must be '{'"],
      ['{"Version":"2012-10-17"}', 'Missing required field Statement'],
      [JSON.stringify({ Statement: [{ Effect: 'Maybe', Principal: '*', Action: 's3:*', Resource: `arn:aws:s3:::${B}` }] }), 'Invalid effect: Maybe'],
      [JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::other-bucket/*' }] }), 'Policy has invalid resource'],
    ]) {
      expect(await sdkError(s3.send(new S.PutBucketPolicyCommand({ Bucket: B, Policy: bad! })))).toMatchObject({ name: 'MalformedPolicy', status: 400, message });
    }
    await s3.send(new S.DeleteBucketPolicyCommand({ Bucket: B }));
    expect(await sdkError(s3.send(new S.GetBucketPolicyCommand({ Bucket: B })))).toMatchObject({ name: 'NoSuchBucketPolicy' });
  });

  it('round-trips tagging, CORS, website, lifecycle, encryption, logging, request payment and accelerate', async () => {
    await s3.send(new S.PutBucketTaggingCommand({ Bucket: B, Tagging: { TagSet: [{ Key: 'env', Value: 'dev' }, { Key: 'team', Value: 'core' }] } }));
    expect((await s3.send(new S.GetBucketTaggingCommand({ Bucket: B }))).TagSet).toEqual([{ Key: 'env', Value: 'dev' }, { Key: 'team', Value: 'core' }]);
    expect(await sdkError(s3.send(new S.PutBucketTaggingCommand({ Bucket: B, Tagging: { TagSet: [{ Key: 'a', Value: '1' }, { Key: 'a', Value: '2' }] } })))).toMatchObject({ name: 'InvalidTag' });
    await s3.send(new S.DeleteBucketTaggingCommand({ Bucket: B }));
    expect(await sdkError(s3.send(new S.GetBucketTaggingCommand({ Bucket: B })))).toMatchObject({ name: 'NoSuchTagSet' });

    const rule = { AllowedMethods: ['GET', 'PUT'], AllowedOrigins: ['https://example.com'], AllowedHeaders: ['*'], ExposeHeaders: ['ETag'], MaxAgeSeconds: 3000 };
    await s3.send(new S.PutBucketCorsCommand({ Bucket: B, CORSConfiguration: { CORSRules: [rule] } }));
    expect((await s3.send(new S.GetBucketCorsCommand({ Bucket: B }))).CORSRules).toEqual([rule]);
    expect(await sdkError(s3.send(new S.PutBucketCorsCommand({ Bucket: B, CORSConfiguration: { CORSRules: [{ ...rule, AllowedMethods: ['PATCH'] }] } })))).toMatchObject({
      name: 'InvalidRequest', message: 'Found unsupported HTTP method in CORS config. Unsupported method is PATCH',
    });
    await s3.send(new S.DeleteBucketCorsCommand({ Bucket: B }));
    expect(await sdkError(s3.send(new S.GetBucketCorsCommand({ Bucket: B })))).toMatchObject({ name: 'NoSuchCORSConfiguration' });

    await s3.send(new S.PutBucketWebsiteCommand({ Bucket: B, WebsiteConfiguration: { IndexDocument: { Suffix: 'index.html' }, ErrorDocument: { Key: 'error.html' } } }));
    const web = await s3.send(new S.GetBucketWebsiteCommand({ Bucket: B }));
    expect(web.IndexDocument).toEqual({ Suffix: 'index.html' });
    expect(web.ErrorDocument).toEqual({ Key: 'error.html' });
    expect(await sdkError(s3.send(new S.PutBucketWebsiteCommand({ Bucket: B, WebsiteConfiguration: { ErrorDocument: { Key: 'e.html' } } })))).toMatchObject({ name: 'InvalidArgument' });
    await s3.send(new S.DeleteBucketWebsiteCommand({ Bucket: B }));

    const lc = { Rules: [{ ID: 'expire-logs', Status: 'Enabled' as const, Filter: { Prefix: 'logs/' }, Expiration: { Days: 30 } }] };
    await s3.send(new S.PutBucketLifecycleConfigurationCommand({ Bucket: B, LifecycleConfiguration: lc }));
    const got = await s3.send(new S.GetBucketLifecycleConfigurationCommand({ Bucket: B }));
    expect(got.Rules).toEqual(lc.Rules);
    expect(got.TransitionDefaultMinimumObjectSize).toBe('all_storage_classes_128K');
    await s3.send(new S.DeleteBucketLifecycleCommand({ Bucket: B }));
    expect(await sdkError(s3.send(new S.GetBucketLifecycleConfigurationCommand({ Bucket: B })))).toMatchObject({ name: 'NoSuchLifecycleConfiguration' });

    await s3.send(new S.PutBucketEncryptionCommand({ Bucket: B, ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/x' }, BucketKeyEnabled: true }] } }));
    expect((await s3.send(new S.GetBucketEncryptionCommand({ Bucket: B }))).ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault).toEqual({ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/x' });
    await s3.send(new S.DeleteBucketEncryptionCommand({ Bucket: B }));
    expect((await s3.send(new S.GetBucketEncryptionCommand({ Bucket: B }))).ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm).toBe('AES256');

    await s3.send(new S.CreateBucketCommand({ Bucket: 'log-target' }));
    await s3.send(new S.PutBucketLoggingCommand({ Bucket: B, BucketLoggingStatus: { LoggingEnabled: { TargetBucket: 'log-target', TargetPrefix: 'log/' } } }));
    expect((await s3.send(new S.GetBucketLoggingCommand({ Bucket: B }))).LoggingEnabled).toEqual({ TargetBucket: 'log-target', TargetPrefix: 'log/' });
    expect(await sdkError(s3.send(new S.PutBucketLoggingCommand({ Bucket: B, BucketLoggingStatus: { LoggingEnabled: { TargetBucket: 'no-such-target', TargetPrefix: '' } } })))).toMatchObject({
      name: 'InvalidTargetBucketForLogging',
    });

    await s3.send(new S.PutBucketRequestPaymentCommand({ Bucket: B, RequestPaymentConfiguration: { Payer: 'Requester' } }));
    expect((await s3.send(new S.GetBucketRequestPaymentCommand({ Bucket: B }))).Payer).toBe('Requester');
    await s3.send(new S.PutBucketAccelerateConfigurationCommand({ Bucket: B, AccelerateConfiguration: { Status: 'Enabled' } }));
    expect((await s3.send(new S.GetBucketAccelerateConfigurationCommand({ Bucket: B }))).Status).toBe('Enabled');
  });

  it('versioning, object lock and replication depend on each other as on AWS', async () => {
    const V = 'versioned-config';
    await s3.send(new S.CreateBucketCommand({ Bucket: V }));
    const lock = { ObjectLockEnabled: 'Enabled' as const, Rule: { DefaultRetention: { Mode: 'GOVERNANCE' as const, Days: 1 } } };
    expect(await sdkError(s3.send(new S.PutObjectLockConfigurationCommand({ Bucket: V, ObjectLockConfiguration: lock })))).toMatchObject({ name: 'InvalidBucketState', status: 409 });
    const repl = { Role: 'arn:aws:iam::000000000000:role/r', Rules: [{ ID: 'all', Status: 'Enabled' as const, Priority: 1, Filter: {}, DeleteMarkerReplication: { Status: 'Disabled' as const }, Destination: { Bucket: 'arn:aws:s3:::dest' } }] };
    expect(await sdkError(s3.send(new S.PutBucketReplicationCommand({ Bucket: V, ReplicationConfiguration: repl })))).toMatchObject({ name: 'InvalidRequest' });
    await s3.send(new S.PutBucketVersioningCommand({ Bucket: V, VersioningConfiguration: { Status: 'Enabled' } }));
    expect((await s3.send(new S.GetBucketVersioningCommand({ Bucket: V }))).Status).toBe('Enabled');
    await s3.send(new S.PutBucketReplicationCommand({ Bucket: V, ReplicationConfiguration: repl }));
    expect((await s3.send(new S.GetBucketReplicationCommand({ Bucket: V }))).ReplicationConfiguration).toEqual(repl);
    await s3.send(new S.PutObjectLockConfigurationCommand({ Bucket: V, ObjectLockConfiguration: lock }));
    expect((await s3.send(new S.GetObjectLockConfigurationCommand({ Bucket: V }))).ObjectLockConfiguration).toEqual(lock);
    expect(await sdkError(s3.send(new S.PutBucketVersioningCommand({ Bucket: V, VersioningConfiguration: { Status: 'Suspended' } })))).toMatchObject({ name: 'InvalidBucketState' });
    await s3.send(new S.DeleteBucketReplicationCommand({ Bucket: V }));
    expect(await sdkError(s3.send(new S.GetBucketReplicationCommand({ Bucket: V })))).toMatchObject({ name: 'ReplicationConfigurationNotFoundError' });

    await s3.send(new S.CreateBucketCommand({ Bucket: 'lock-at-birth', ObjectLockEnabledForBucket: true }));
    expect((await s3.send(new S.GetObjectLockConfigurationCommand({ Bucket: 'lock-at-birth' }))).ObjectLockConfiguration).toEqual({ ObjectLockEnabled: 'Enabled' });
    expect((await s3.send(new S.GetBucketVersioningCommand({ Bucket: 'lock-at-birth' }))).Status).toBe('Enabled');
  });

  it('rejects malformed configuration XML with MalformedXML', async () => {
    const r = await fetch(`${cloud.url}/${B}?versioning`, { method: 'PUT', body: '<VersioningConfiguration><Status>Enabled</Stat' });
    expect(r.status).toBe(400);
    expect(await r.text()).toContain('<Code>MalformedXML</Code><Message>The XML you provided was not well-formed or did not validate against our published schema</Message>');
    const wrongRoot = await fetch(`${cloud.url}/${B}?tagging`, { method: 'PUT', body: '<Nope/>' });
    expect(wrongRoot.status).toBe(400);
  });
});
