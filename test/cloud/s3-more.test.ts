import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as S from '@aws-sdk/client-s3';
import type { RunningCloud } from '../../src/cloud/index.js';
import { pathClient, sdkError, startS3 } from './s3-helpers.js';

let cloud: RunningCloud;
let s3: S.S3Client;
const B = 'more-bucket';
beforeAll(async () => {
  cloud = await startS3();
  s3 = pathClient(cloud.url);
  await s3.send(new S.CreateBucketCommand({ Bucket: B }));
});
afterAll(() => cloud.close());

describe('large uploads streamed to disk', () => {
  it('verifies Content-MD5 and checksums of a spooled body and leaves no spool file behind', async () => {
    const big = randomBytes(1024 * 1024);
    const bad = await fetch(`${cloud.url}/${B}/spooled-bad`, { method: 'PUT', headers: { 'content-md5': createHash('md5').update('other').digest('base64') }, body: big });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('<Code>BadDigest</Code>');
    const badSum = await fetch(`${cloud.url}/${B}/spooled-bad`, { method: 'PUT', headers: { 'x-amz-checksum-sha256': Buffer.alloc(32).toString('base64') }, body: big });
    expect(await badSum.text()).toContain('<Message>The SHA256 you specified did not match the calculated checksum.</Message>');
    const ok = await s3.send(new S.PutObjectCommand({ Bucket: B, Key: 'spooled-ok', Body: big, ContentMD5: createHash('md5').update(big).digest('base64') }));
    expect(ok.ETag).toBe(`"${createHash('md5').update(big).digest('hex')}"`);
    expect(ok.ChecksumCRC32).toBeTruthy();
    expect(await sdkError(s3.send(new S.GetObjectCommand({ Bucket: B, Key: 'spooled-bad' })))).toMatchObject({ name: 'NoSuchKey' });
    const spoolDir = join(cloud.store.dir, 'spool');
    expect(existsSync(spoolDir) ? readdirSync(spoolDir) : []).toEqual([]);
  });

  it('hashes many concurrent large uploads, each to its own ETag and bytes', async () => {
    const bodies = Array.from({ length: 8 }, (_, i) => randomBytes(300 * 1024 + i * 777_777));
    const puts = await Promise.all(bodies.map((b, i) => s3.send(new S.PutObjectCommand({ Bucket: B, Key: `many-${i}`, Body: b, ChecksumAlgorithm: i % 2 ? 'SHA256' : 'CRC32' }))));
    for (const [i, b] of bodies.entries()) {
      expect(puts[i]!.ETag).toBe(`"${createHash('md5').update(b).digest('hex')}"`);
      if (i % 2) expect(puts[i]!.ChecksumSHA256).toBe(createHash('sha256').update(b).digest('base64'));
      const got = await s3.send(new S.GetObjectCommand({ Bucket: B, Key: `many-${i}` }));
      expect(Buffer.from(await got.Body!.transformToByteArray()).equals(b)).toBe(true);
    }
  });

  it('answers repeated and ranged GETs of a large object with its bytes, never stale ones', async () => {
    const get = async (key: string, range?: string) => {
      const r = await s3.send(new S.GetObjectCommand({ Bucket: B, Key: key, Range: range }));
      return Buffer.from(await r.Body!.transformToByteArray());
    };
    const v1 = randomBytes(2 << 20);
    await s3.send(new S.PutObjectCommand({ Bucket: B, Key: 'hot', Body: v1 }));
    for (let i = 0; i < 3; i++) {
      expect((await get('hot')).equals(v1)).toBe(true);
      await new Promise((r) => setTimeout(r, 30)); // lets the object load into memory
    }
    expect((await get('hot', 'bytes=100-199')).equals(v1.subarray(100, 200))).toBe(true);
    expect((await get('hot', 'bytes=-10')).equals(v1.subarray(v1.length - 10))).toBe(true);
    const v2 = randomBytes(2 << 20);
    await s3.send(new S.PutObjectCommand({ Bucket: B, Key: 'hot', Body: v2 }));
    expect((await get('hot')).equals(v2)).toBe(true);
    await s3.send(new S.DeleteObjectCommand({ Bucket: B, Key: 'hot' }));
    expect(await sdkError(get('hot'))).toMatchObject({ name: 'NoSuchKey' });
  });

  it('drops the spool file of an upload whose client goes away mid-body', async () => {
    const { connect } = await import('node:net');
    const url = new URL(cloud.url);
    const sock = connect(Number(url.port), url.hostname);
    await new Promise((r) => sock.once('connect', r));
    sock.write(`PUT /${B}/abandoned HTTP/1.1\r\nhost: ${url.host}\r\ncontent-length: ${8 << 20}\r\n\r\n`);
    sock.write(randomBytes(3 << 20));
    await new Promise((r) => setTimeout(r, 200));
    sock.destroy();
    const spoolDir = join(cloud.store.dir, 'spool');
    for (let i = 0; i < 100 && (existsSync(spoolDir) ? readdirSync(spoolDir) : []).length > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(spoolDir) ? readdirSync(spoolDir) : []).toEqual([]);
    expect(await sdkError(s3.send(new S.HeadObjectCommand({ Bucket: B, Key: 'abandoned' })))).toMatchObject({ status: 404 });
  });
});

describe('object ACLs and bucket listing filters', () => {
  it('answers GetObjectAcl and refuses public object ACLs on a BucketOwnerEnforced bucket', async () => {
    await s3.send(new S.PutObjectCommand({ Bucket: B, Key: 'acl-obj', Body: 'x' }));
    const acl = await s3.send(new S.GetObjectAclCommand({ Bucket: B, Key: 'acl-obj' }));
    expect(acl.Grants?.map((g) => g.Permission)).toEqual(['FULL_CONTROL']);
    expect(await sdkError(s3.send(new S.PutObjectAclCommand({ Bucket: B, Key: 'acl-obj', ACL: 'public-read' })))).toMatchObject({ name: 'AccessControlListNotSupported' });
    expect(await sdkError(s3.send(new S.PutObjectCommand({ Bucket: B, Key: 'acl-obj2', Body: 'x', ACL: 'public-read' })))).toMatchObject({ name: 'AccessControlListNotSupported' });
  });

  it('filters ListBuckets by prefix and region', async () => {
    await s3.send(new S.CreateBucketCommand({ Bucket: 'filter-a1' }));
    await s3.send(new S.CreateBucketCommand({ Bucket: 'filter-b1', CreateBucketConfiguration: { LocationConstraint: 'eu-west-3' } }));
    expect((await s3.send(new S.ListBucketsCommand({ Prefix: 'filter-' }))).Buckets?.map((b) => b.Name)).toEqual(['filter-a1', 'filter-b1']);
    expect((await s3.send(new S.ListBucketsCommand({ BucketRegion: 'eu-west-3' }))).Buckets?.map((b) => [b.Name, b.BucketRegion])).toEqual([['filter-b1', 'eu-west-3']]);
  });

  it('checks x-amz-expected-bucket-owner', async () => {
    expect((await s3.send(new S.GetBucketVersioningCommand({ Bucket: B, ExpectedBucketOwner: '000000000000' }))).$metadata.httpStatusCode).toBe(200);
    expect(await sdkError(s3.send(new S.GetBucketVersioningCommand({ Bucket: B, ExpectedBucketOwner: '111111111111' })))).toMatchObject({ name: 'AccessDenied', status: 403 });
  });

  it('suspended versioning writes null versions', async () => {
    await s3.send(new S.CreateBucketCommand({ Bucket: 'suspended-v' }));
    await s3.send(new S.PutBucketVersioningCommand({ Bucket: 'suspended-v', VersioningConfiguration: { Status: 'Enabled' } }));
    const v1 = await s3.send(new S.PutObjectCommand({ Bucket: 'suspended-v', Key: 'k', Body: '1' }));
    await s3.send(new S.PutBucketVersioningCommand({ Bucket: 'suspended-v', VersioningConfiguration: { Status: 'Suspended' } }));
    await s3.send(new S.PutObjectCommand({ Bucket: 'suspended-v', Key: 'k', Body: '2' }));
    await s3.send(new S.PutObjectCommand({ Bucket: 'suspended-v', Key: 'k', Body: '3' }));
    const vs = await s3.send(new S.ListObjectVersionsCommand({ Bucket: 'suspended-v' }));
    expect(vs.Versions?.map((v) => [v.VersionId, v.IsLatest])).toEqual([['null', true], [v1.VersionId, false]]);
    expect(await (await s3.send(new S.GetObjectCommand({ Bucket: 'suspended-v', Key: 'k', VersionId: 'null' }))).Body!.transformToString()).toBe('3');
  });

  it('answers MethodNotAllowed for a delete marker addressed by version id', async () => {
    await s3.send(new S.CreateBucketCommand({ Bucket: 'marker-v' }));
    await s3.send(new S.PutBucketVersioningCommand({ Bucket: 'marker-v', VersioningConfiguration: { Status: 'Enabled' } }));
    await s3.send(new S.PutObjectCommand({ Bucket: 'marker-v', Key: 'k', Body: '1' }));
    const del = await s3.send(new S.DeleteObjectCommand({ Bucket: 'marker-v', Key: 'k' }));
    const r = await fetch(`${cloud.url}/marker-v/k?versionId=${del.VersionId}`);
    expect(r.status).toBe(405);
    expect(r.headers.get('x-amz-delete-marker')).toBe('true');
    expect(await r.text()).toContain('<Code>MethodNotAllowed</Code>');
  });
});

describe('streamed answers', () => {
  it('closes the object file when a client abandons a large GET', async () => {
    const { readdirSync: ls } = await import('node:fs');
    await s3.send(new S.PutObjectCommand({ Bucket: B, Key: 'abandoned', Body: randomBytes(4 * 1024 * 1024) }));
    const openFds = () => ls('/proc/self/fd').length;
    const before = openFds();
    for (let i = 0; i < 5; i++) {
      const ac = new AbortController();
      const r = await fetch(`${cloud.url}/${B}/abandoned`, { signal: ac.signal });
      const reader = r.body!.getReader();
      await reader.read();
      ac.abort();
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(openFds()).toBeLessThanOrEqual(before + 1);
  });
});

describe('object lock on objects', () => {
  it('applies default retention, answers retention and legal hold, and protects locked versions', async () => {
    const L = 'locked-objects';
    await s3.send(new S.CreateBucketCommand({ Bucket: L, ObjectLockEnabledForBucket: true }));
    await s3.send(new S.PutObjectLockConfigurationCommand({ Bucket: L, ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 1 } } } }));
    const put = await s3.send(new S.PutObjectCommand({ Bucket: L, Key: 'doc', Body: 'x' }));
    const head = await s3.send(new S.HeadObjectCommand({ Bucket: L, Key: 'doc' }));
    expect(head.ObjectLockMode).toBe('GOVERNANCE');
    expect(head.ObjectLockRetainUntilDate!.getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
    const ret = await s3.send(new S.GetObjectRetentionCommand({ Bucket: L, Key: 'doc' }));
    expect(ret.Retention?.Mode).toBe('GOVERNANCE');
    expect(await sdkError(s3.send(new S.GetObjectLegalHoldCommand({ Bucket: L, Key: 'doc' })))).toMatchObject({ name: 'NoSuchObjectLockConfiguration', status: 404 });
    await s3.send(new S.PutObjectLegalHoldCommand({ Bucket: L, Key: 'doc', LegalHold: { Status: 'ON' } }));
    expect((await s3.send(new S.GetObjectLegalHoldCommand({ Bucket: L, Key: 'doc' }))).LegalHold?.Status).toBe('ON');
    expect(await sdkError(s3.send(new S.DeleteObjectCommand({ Bucket: L, Key: 'doc', VersionId: put.VersionId, BypassGovernanceRetention: true })))).toMatchObject({ name: 'AccessDenied', status: 403 });
    await s3.send(new S.PutObjectLegalHoldCommand({ Bucket: L, Key: 'doc', LegalHold: { Status: 'OFF' } }));
    expect(await sdkError(s3.send(new S.DeleteObjectCommand({ Bucket: L, Key: 'doc', VersionId: put.VersionId })))).toMatchObject({ name: 'AccessDenied' });
    await s3.send(new S.DeleteObjectCommand({ Bucket: L, Key: 'doc', VersionId: put.VersionId, BypassGovernanceRetention: true }));
    expect(await sdkError(s3.send(new S.PutObjectCommand({ Bucket: B, Key: 'no-lock', Body: 'x', ObjectLockMode: 'GOVERNANCE', ObjectLockRetainUntilDate: new Date(Date.now() + 3600_000) })))).toMatchObject({
      name: 'InvalidRequest', message: 'Bucket is missing Object Lock Configuration',
    });
  });
});
