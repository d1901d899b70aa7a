import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import * as S from '@aws-sdk/client-s3';
import { STSClient, AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { pathClient, startS3 } from './s3-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'terrane-persist-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the cloud store survives a restart on the same data dir', () => {
  it('keeps buckets, configuration, objects (inline and file-backed), versions, uploads and STS keys', async () => {
    const big = randomBytes(600 * 1024);
    let first = await startS3(dir);
    let s3 = pathClient(first.url);
    await s3.send(new S.CreateBucketCommand({ Bucket: 'persisted', CreateBucketConfiguration: { LocationConstraint: 'eu-west-2' } }));
    await s3.send(new S.PutBucketVersioningCommand({ Bucket: 'persisted', VersioningConfiguration: { Status: 'Enabled' } }));
    await s3.send(new S.PutBucketTaggingCommand({ Bucket: 'persisted', Tagging: { TagSet: [{ Key: 'k', Value: 'v' }] } }));
    const v1 = await s3.send(new S.PutObjectCommand({ Bucket: 'persisted', Key: 'small', Body: 'first' }));
    await s3.send(new S.PutObjectCommand({ Bucket: 'persisted', Key: 'small', Body: 'second' }));
    await s3.send(new S.PutObjectCommand({ Bucket: 'persisted', Key: 'big', Body: big }));
    const { UploadId } = await s3.send(new S.CreateMultipartUploadCommand({ Bucket: 'persisted', Key: 'pending' }));
    const creds = (await new STSClient({ endpoint: first.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }).send(
      new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::123412341234:role/keeper', RoleSessionName: 'keeper-session' }),
    )).Credentials!;
    await first.close();

    const second = await startS3(dir);
    expect(existsSync(join(dir, 'cloud.sqlite'))).toBe(true);
    s3 = pathClient(second.url);
    expect((await s3.send(new S.ListBucketsCommand({}))).Buckets?.map((b) => b.Name)).toEqual(['persisted']);
    expect((await s3.send(new S.GetBucketLocationCommand({ Bucket: 'persisted' }))).LocationConstraint).toBe('eu-west-2');
    expect((await s3.send(new S.GetBucketVersioningCommand({ Bucket: 'persisted' }))).Status).toBe('Enabled');
    expect((await s3.send(new S.GetBucketTaggingCommand({ Bucket: 'persisted' }))).TagSet).toEqual([{ Key: 'k', Value: 'v' }]);
    expect(await (await s3.send(new S.GetObjectCommand({ Bucket: 'persisted', Key: 'small' }))).Body!.transformToString()).toBe('second');
    expect(await (await s3.send(new S.GetObjectCommand({ Bucket: 'persisted', Key: 'small', VersionId: v1.VersionId }))).Body!.transformToString()).toBe('first');
    expect(Buffer.from(await (await s3.send(new S.GetObjectCommand({ Bucket: 'persisted', Key: 'big' }))).Body!.transformToByteArray()).equals(big)).toBe(true);
    expect((await s3.send(new S.ListMultipartUploadsCommand({ Bucket: 'persisted' }))).Uploads?.map((u) => u.UploadId)).toEqual([UploadId]);
    // A new version after the restart gets a later place than the old ones.
    await s3.send(new S.PutObjectCommand({ Bucket: 'persisted', Key: 'small', Body: 'third' }));
    const versions = await s3.send(new S.ListObjectVersionsCommand({ Bucket: 'persisted', Prefix: 'small' }));
    expect(versions.Versions?.map((v) => v.IsLatest)).toEqual([true, false, false]);
    const me = await new STSClient({ endpoint: second.url, region: 'us-east-1', credentials: { accessKeyId: creds.AccessKeyId!, secretAccessKey: creds.SecretAccessKey!, sessionToken: creds.SessionToken } }).send(
      new GetCallerIdentityCommand({}),
    );
    expect(me.Arn).toBe('arn:aws:sts::123412341234:assumed-role/keeper/keeper-session');
    await second.close();
    expect(existsSync(dir)).toBe(true);
  });

  it('deletes a temporary store on close', async () => {
    const c = await startS3();
    const d = c.store.dir;
    expect(existsSync(d)).toBe(true);
    await c.close();
    expect(existsSync(d)).toBe(false);
  });
});
