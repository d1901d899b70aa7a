import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { RunningCloud } from '../../src/cloud/index.js';
import { awsCli } from './aws-cli.js';
import { pathClient, startS3 } from './s3-helpers.js';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';

// Each AWS CLI run costs seconds of Python start-up, so these tests get generous time.
const SLOW = 240_000;

let cloud: RunningCloud;
let dir: string;
beforeAll(async () => {
  cloud = await startS3();
  dir = mkdtempSync(join(tmpdir(), 'terrane-s3-cli-'));
  const eu = pathClient(cloud.url, { region: 'eu-west-1' });
  await eu.send(new CreateBucketCommand({ Bucket: 'cli-errors', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
  await eu.send(new PutObjectCommand({ Bucket: 'cli-errors', Key: 'keep', Body: '' }));
});
afterAll(async () => {
  await cloud.close();
  rmSync(dir, { recursive: true, force: true });
});

const aws = (...args: string[]) => awsCli(cloud.url, args);
const json = async (...args: string[]) => JSON.parse((await aws(...args)) || '{}');
async function cliError(...args: string[]): Promise<string> {
  try {
    await aws(...args);
  } catch (e) {
    return (e as { stderr: string }).stderr;
  }
  throw new Error('expected the AWS CLI to fail');
}

describe('S3 with the AWS CLI v2', () => {
  it('runs the s3api bucket and object calls', async () => {
    expect((await json('s3api', 'create-bucket', '--bucket', 'cli-bucket')).Location).toBe('/cli-bucket');
    await aws('s3api', 'head-bucket', '--bucket', 'cli-bucket');
    const file = join(dir, 'in.txt');
    writeFileSync(file, 'from the cli');
    const put = await json('s3api', 'put-object', '--bucket', 'cli-bucket', '--key', 'dir/in.txt', '--body', file, '--content-type', 'text/plain', '--metadata', 'a=b');
    expect(put.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    const head = await json('s3api', 'head-object', '--bucket', 'cli-bucket', '--key', 'dir/in.txt');
    expect(head).toMatchObject({ ContentLength: 12, ContentType: 'text/plain', Metadata: { a: 'b' }, ETag: put.ETag });
    const out = join(dir, 'out.txt');
    await aws('s3api', 'get-object', '--bucket', 'cli-bucket', '--key', 'dir/in.txt', '--range', 'bytes=0-3', out);
    expect(readFileSync(out, 'utf8')).toBe('from');
    const presigned = (await aws('s3', 'presign', 's3://cli-bucket/dir/in.txt', '--expires-in', '300')).trim();
    expect(await (await fetch(presigned)).text()).toBe('from the cli');
    await aws('s3api', 'copy-object', '--bucket', 'cli-bucket', '--key', 'copy.txt', '--copy-source', 'cli-bucket/dir/in.txt');
    const list = await json('s3api', 'list-objects-v2', '--bucket', 'cli-bucket', '--delimiter', '/');
    expect(list.Contents.map((c: { Key: string }) => c.Key)).toEqual(['copy.txt']);
    expect(list.CommonPrefixes).toEqual([{ Prefix: 'dir/' }]);
    const v1 = await json('s3api', 'list-objects', '--bucket', 'cli-bucket');
    expect(v1.Contents.map((c: { Key: string }) => c.Key)).toEqual(['copy.txt', 'dir/in.txt']);
    await aws('s3api', 'put-bucket-tagging', '--bucket', 'cli-bucket', '--tagging', 'TagSet=[{Key=env,Value=test}]');
    expect((await json('s3api', 'get-bucket-tagging', '--bucket', 'cli-bucket')).TagSet).toEqual([{ Key: 'env', Value: 'test' }]);
    await aws('s3api', 'put-bucket-versioning', '--bucket', 'cli-bucket', '--versioning-configuration', 'Status=Enabled');
    expect((await json('s3api', 'get-bucket-versioning', '--bucket', 'cli-bucket')).Status).toBe('Enabled');
    await aws('s3api', 'delete-objects', '--bucket', 'cli-bucket', '--delete', 'Objects=[{Key=copy.txt}]');
    const versions = await json('s3api', 'list-object-versions', '--bucket', 'cli-bucket');
    expect(versions.DeleteMarkers.map((d: { Key: string }) => d.Key)).toEqual(['copy.txt']);
  }, SLOW);

  it.each([
    [['s3api', 'get-bucket-policy', '--bucket', 'cli-errors'], 'NoSuchBucketPolicy', 'GetBucketPolicy', 'The bucket policy does not exist'],
    [['s3api', 'get-bucket-cors', '--bucket', 'cli-errors'], 'NoSuchCORSConfiguration', 'GetBucketCors', 'The CORS configuration does not exist'],
    [['s3api', 'get-bucket-website', '--bucket', 'cli-errors'], 'NoSuchWebsiteConfiguration', 'GetBucketWebsite', 'The specified bucket does not have a website configuration'],
    [['s3api', 'get-bucket-lifecycle-configuration', '--bucket', 'cli-errors'], 'NoSuchLifecycleConfiguration', 'GetBucketLifecycleConfiguration', 'The lifecycle configuration does not exist'],
    [['s3api', 'get-bucket-replication', '--bucket', 'cli-errors'], 'ReplicationConfigurationNotFoundError', 'GetBucketReplication', 'The replication configuration was not found'],
    [['s3api', 'get-object-lock-configuration', '--bucket', 'cli-errors'], 'ObjectLockConfigurationNotFoundError', 'GetObjectLockConfiguration', 'Object Lock configuration does not exist for this bucket'],
    [['s3api', 'get-bucket-tagging', '--bucket', 'cli-errors'], 'NoSuchTagSet', 'GetBucketTagging', 'The TagSet does not exist'],
    [['s3api', 'get-object', '--bucket', 'cli-errors', '--key', 'nope', '/dev/null'], 'NoSuchKey', 'GetObject', 'The specified key does not exist.'],
    [['s3api', 'list-objects-v2', '--bucket', 'cli-no-such-bucket'], 'NoSuchBucket', 'ListObjectsV2', 'The specified bucket does not exist'],
    [['s3api', 'create-bucket', '--bucket', 'Bad_Name'], 'InvalidBucketName', 'CreateBucket', 'The specified bucket is not valid.'],
    [['s3api', 'create-bucket', '--bucket', 'cli-errors'], 'BucketAlreadyOwnedByYou', 'CreateBucket', 'Your previous request to create the named bucket succeeded and you already own it.'],
    [['s3api', 'delete-bucket', '--bucket', 'cli-errors'], 'BucketNotEmpty', 'DeleteBucket', 'The bucket you tried to delete is not empty'],
  ])('%j fails with %s', async (args, code, op, message) => {
    const region = code === 'BucketAlreadyOwnedByYou' ? ['--region', 'eu-west-1', '--create-bucket-configuration', 'LocationConstraint=eu-west-1'] : [];
    const err = await cliError(...args, ...region);
    expect(err).toContain(`An error occurred (${code}) when calling the ${op} operation: ${message}`);
  }, SLOW);

  it('copies, syncs, lists and removes with the high-level s3 commands (multipart for big files)', async () => {
    await aws('s3', 'mb', 's3://cli-high-level');
    const src = join(dir, 'tree');
    mkdirSync(join(src, 'sub'), { recursive: true });
    writeFileSync(join(src, 'a.txt'), 'A');
    writeFileSync(join(src, 'sub', 'b.txt'), 'B');
    const big = randomBytes(17 * 1024 * 1024);
    writeFileSync(join(dir, 'big.bin'), big);
    await aws('s3', 'cp', join(dir, 'big.bin'), 's3://cli-high-level/big.bin');
    const head = await json('s3api', 'head-object', '--bucket', 'cli-high-level', '--key', 'big.bin');
    expect(head.ETag).toMatch(/-\d+"$/);
    expect(head.ContentLength).toBe(big.length);
    await aws('s3', 'cp', 's3://cli-high-level/big.bin', join(dir, 'big.out'));
    expect(readFileSync(join(dir, 'big.out')).equals(big)).toBe(true);
    await aws('s3', 'sync', src, 's3://cli-high-level/tree');
    const ls = await aws('s3', 'ls', 's3://cli-high-level/tree/', '--recursive');
    expect(ls).toContain('tree/a.txt');
    expect(ls).toContain('tree/sub/b.txt');
    await aws('s3', 'rb', 's3://cli-high-level', '--force');
    expect((await json('s3api', 'list-buckets')).Buckets.map((b: { Name: string }) => b.Name)).not.toContain('cli-high-level');
  }, SLOW);
});
