import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import * as S from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { RunningCloud } from '../../src/cloud/index.js';
import { pathClient, sdkError, startS3, virtualHostClient } from './s3-helpers.js';

let cloud: RunningCloud;
let s3: S.S3Client;
const B = 'objects-bucket';
beforeAll(async () => {
  cloud = await startS3();
  s3 = pathClient(cloud.url);
  await s3.send(new S.CreateBucketCommand({ Bucket: B }));
});
afterAll(() => cloud.close());

const md5 = (b: Buffer | string) => createHash('md5').update(b).digest('hex');

describe('S3 objects', () => {
  it('puts, gets and heads an object with its metadata, ETag and SSE', async () => {
    const put = await s3.send(new S.PutObjectCommand({ Bucket: B, Key: 'docs/readme.txt', Body: 'hello, world', ContentType: 'text/plain', Metadata: { owner: 'ana' }, CacheControl: 'max-age=60' }));
    expect(put.ETag).toBe(`"${md5('hello, world')}"`);
    expect(put.ServerSideEncryption).toBe('AES256');
    const got = await s3.send(new S.GetObjectCommand({ Bucket: B, Key: 'docs/readme.txt' }));
    expect(await got.Body!.transformToString()).toBe('hello, world');
    expect(got).toMatchObject({ ContentType: 'text/plain', ContentLength: 12, ETag: put.ETag, Metadata: { owner: 'ana' }, CacheControl: 'max-age=60', AcceptRanges: 'bytes' });
    expect(got.LastModified!.getTime() % 1000).toBe(0);
    const head = await s3.send(new S.HeadObjectCommand({ Bucket: B, Key: 'docs/readme.txt' }));
    expect(head).toMatchObject({ ContentLength: 12, ETag: put.ETag, ContentType: 'text/plain' });
  });

  it('stores keys with spaces, unicode and reserved characters', async () => {
    for (const key of ['a b/c+d.txt', 'ünï/çødé €.bin', 'q?x=1&y#z', 'dir//double', '%41 literal']) {
      await s3.send(new S.PutObjectCommand({ Bucket: B, Key: key, Body: key }));
      expect(await (await s3.send(new S.GetObjectCommand({ Bucket: B, Key: key }))).Body!.transformToString()).toBe(key);
    }
  });

  it.each([
    ['bytes=0-4', 206, 'hello', 'bytes 0-4/12'],
    ['bytes=7-', 206, 'orld!', 'bytes 7-11/12'],
    ['bytes=-5', 206, 'orld!', 'bytes 7-11/12'],
    ['bytes=10-99', 206, 'd!', 'bytes 10-11/12'],
  ])('serves Range %s with %i and Content-Range', async (range, status, body, contentRange) => {
    await s3.send(new S.PutObjectCommand({ Bucket: B, Key: 'ranged', Body: 'hello,world!' }));
    const r = await s3.send(new S.GetObjectCommand({ Bucket: B, Key: 'ranged', Range: range }));
    expect(r.$metadata.httpStatusCode).toBe(status);
    expect(r.ContentRange).toBe(contentRange);
    expect(await r.Body!.transformToString()).toBe(body);
  });

  it('answers an unsatisfiable range with 416 InvalidRange', async () => {
    await s3.send(new S.PutObjectCommand({ Bucket: B, Key: 'short', Body: 'abc' }));
    const e = await sdkError(s3.send(new S.GetObjectCommand({ Bucket: B, Key: 'short', Range: 'bytes=10-20' })));
    expect(e).toMatchObject({ name: 'InvalidRange', status: 416, message: 'The requested range is not satisfiable' });
  });

  it('honours If-None-Match (304), If-Match (412) and conditional writes', async () => {
    const put = await s3.send(new S.PutObjectCommand({ Bucket: B, Key: 'cond', Body: 'v1' }));
    const nm = await sdkError(s3.send(new S.GetObjectCommand({ Bucket: B, Key: 'cond', IfNoneMatch: put.ETag })));
    expect(nm.status).toBe(304);
    expect(await sdkError(s3.send(new S.GetObjectCommand({ Bucket: B, Key: 'cond', IfMatch: '"nope"' })))).toMatchObject({ name: 'PreconditionFailed', status: 412 });
    expect(await sdkError(s3.send(new S.PutObjectCommand({ Bucket: B, Key: 'cond', Body: 'v2', IfNoneMatch: '*' })))).toMatchObject({ name: 'PreconditionFailed', status: 412 });
  });

  it('NoSuchKey names the key; DeleteObject is 204 for missing keys', async () => {
    const e = await sdkError(s3.send(new S.GetObjectCommand({ Bucket: B, Key: 'missing/key' })));
    expect(e).toMatchObject({ name: 'NoSuchKey', status: 404, message: 'The specified key does not exist.' });
    expect((e.raw as { Key?: string }).Key).toBe('missing/key');
    expect(await sdkError(s3.send(new S.HeadObjectCommand({ Bucket: B, Key: 'missing/key' })))).toMatchObject({ name: 'NotFound', status: 404 });
    const d = await s3.send(new S.DeleteObjectCommand({ Bucket: B, Key: 'missing/key' }));
    expect(d.$metadata.httpStatusCode).toBe(204);
  });

  it('DeleteObjects reports deleted keys (and only errors when quiet)', async () => {
    for (const k of ['del/1', 'del/2', 'del/3']) await s3.send(new S.PutObjectCommand({ Bucket: B, Key: k, Body: k }));
    const r = await s3.send(new S.DeleteObjectsCommand({ Bucket: B, Delete: { Objects: [{ Key: 'del/1' }, { Key: 'del/2' }, { Key: 'del/none' }] } }));
    expect(r.Deleted?.map((d) => d.Key)).toEqual(['del/1', 'del/2', 'del/none']);
    const q = await s3.send(new S.DeleteObjectsCommand({ Bucket: B, Delete: { Objects: [{ Key: 'del/3' }], Quiet: true } }));
    expect(q.Deleted).toBeUndefined();
    const left = await s3.send(new S.ListObjectsV2Command({ Bucket: B, Prefix: 'del/' }));
    expect(left.KeyCount).toBe(0);
  });

  it('copies objects with COPY and REPLACE directives and refuses a no-op self copy', async () => {
    await s3.send(new S.PutObjectCommand({ Bucket: B, Key: 'src.json', Body: '{"a":1}', ContentType: 'application/json', Metadata: { m: '1' }, Tagging: 'k=v' }));
    const c1 = await s3.send(new S.CopyObjectCommand({ Bucket: B, Key: 'copy 1.json', CopySource: `${B}/src.json` }));
    expect(c1.CopyObjectResult?.ETag).toBe(`"${md5('{"a":1}')}"`);
    const h1 = await s3.send(new S.HeadObjectCommand({ Bucket: B, Key: 'copy 1.json' }));
    expect(h1).toMatchObject({ ContentType: 'application/json', Metadata: { m: '1' } });
    await s3.send(new S.CopyObjectCommand({ Bucket: B, Key: 'copy2', CopySource: `${B}/src.json`, MetadataDirective: 'REPLACE', ContentType: 'text/plain', Metadata: { n: '2' } }));
    expect(await s3.send(new S.HeadObjectCommand({ Bucket: B, Key: 'copy2' }))).toMatchObject({ ContentType: 'text/plain', Metadata: { n: '2' } });
    expect((await s3.send(new S.GetObjectTaggingCommand({ Bucket: B, Key: 'copy2' }))).TagSet).toEqual([{ Key: 'k', Value: 'v' }]);
    expect(await sdkError(s3.send(new S.CopyObjectCommand({ Bucket: B, Key: 'src.json', CopySource: `${B}/src.json` })))).toMatchObject({ name: 'InvalidRequest', status: 400 });
    expect(await sdkError(s3.send(new S.CopyObjectCommand({ Bucket: B, Key: 'x', CopySource: `${B}/nothing-here` })))).toMatchObject({ name: 'NoSuchKey' });
    expect(await sdkError(s3.send(new S.CopyObjectCommand({ Bucket: B, Key: 'x', CopySource: 'no-such-source-bucket/k' })))).toMatchObject({ name: 'NoSuchBucket' });
  });

  it('tags objects', async () => {
    await s3.send(new S.PutObjectCommand({ Bucket: B, Key: 'tagged', Body: 't' }));
    expect((await s3.send(new S.GetObjectTaggingCommand({ Bucket: B, Key: 'tagged' }))).TagSet).toEqual([]);
    await s3.send(new S.PutObjectTaggingCommand({ Bucket: B, Key: 'tagged', Tagging: { TagSet: [{ Key: 'a', Value: '1' }] } }));
    expect((await s3.send(new S.GetObjectTaggingCommand({ Bucket: B, Key: 'tagged' }))).TagSet).toEqual([{ Key: 'a', Value: '1' }]);
    expect((await s3.send(new S.GetObjectCommand({ Bucket: B, Key: 'tagged' }))).TagCount).toBe(1);
    const eleven = Array.from({ length: 11 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    expect(await sdkError(s3.send(new S.PutObjectTaggingCommand({ Bucket: B, Key: 'tagged', Tagging: { TagSet: eleven } })))).toMatchObject({ name: 'BadRequest', status: 400 });
    await s3.send(new S.DeleteObjectTaggingCommand({ Bucket: B, Key: 'tagged' }));
    expect((await s3.send(new S.GetObjectTaggingCommand({ Bucket: B, Key: 'tagged' }))).TagSet).toEqual([]);
  });
});

describe('S3 listing', () => {
  const L = 'listing-bucket';
  const keys = ['a.txt', 'b/1.txt', 'b/2.txt', 'b/c/3.txt', 'd/4.txt', 'e.txt', 'f/5.txt'];
  beforeAll(async () => {
    await s3.send(new S.CreateBucketCommand({ Bucket: L }));
    for (const k of keys) await s3.send(new S.PutObjectCommand({ Bucket: L, Key: k, Body: k }));
  });

  it('lists v2 with prefix and delimiter into Contents and CommonPrefixes', async () => {
    const r = await s3.send(new S.ListObjectsV2Command({ Bucket: L, Delimiter: '/' }));
    expect(r.Contents?.map((c) => c.Key)).toEqual(['a.txt', 'e.txt']);
    expect(r.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['b/', 'd/', 'f/']);
    expect(r.KeyCount).toBe(5);
    const sub = await s3.send(new S.ListObjectsV2Command({ Bucket: L, Prefix: 'b/', Delimiter: '/' }));
    expect(sub.Contents?.map((c) => c.Key)).toEqual(['b/1.txt', 'b/2.txt']);
    expect(sub.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['b/c/']);
    expect(sub.Contents?.[0]).toMatchObject({ Size: 7, StorageClass: 'STANDARD', ETag: `"${md5('b/1.txt')}"` });
  });

  it.each([1, 2, 3, 1000])('pages v2 with max-keys %i and continuation tokens through every entry', async (max) => {
    const seen: string[] = [];
    let token: string | undefined;
    for (let i = 0; i < 20; i++) {
      const r = await s3.send(new S.ListObjectsV2Command({ Bucket: L, Delimiter: '/', MaxKeys: max, ContinuationToken: token }));
      seen.push(...(r.Contents ?? []).map((c) => c.Key!), ...(r.CommonPrefixes ?? []).map((p) => p.Prefix!));
      expect((r.Contents?.length ?? 0) + (r.CommonPrefixes?.length ?? 0)).toBeLessThanOrEqual(max);
      if (!r.IsTruncated) break;
      token = r.NextContinuationToken;
    }
    expect(seen.sort()).toEqual(['a.txt', 'b/', 'd/', 'e.txt', 'f/']);
  });

  it('pages v1 with markers (NextMarker with a delimiter) and lists with StartAfter', async () => {
    const p1 = await s3.send(new S.ListObjectsCommand({ Bucket: L, MaxKeys: 3 }));
    expect(p1.Contents?.map((c) => c.Key)).toEqual(['a.txt', 'b/1.txt', 'b/2.txt']);
    expect(p1.IsTruncated).toBe(true);
    expect(p1.NextMarker).toBeUndefined();
    expect(p1.Contents?.[0]?.Owner?.ID).toMatch(/^[0-9a-f]{64}$/);
    const p2 = await s3.send(new S.ListObjectsCommand({ Bucket: L, MaxKeys: 3, Marker: 'b/2.txt' }));
    expect(p2.Contents?.map((c) => c.Key)).toEqual(['b/c/3.txt', 'd/4.txt', 'e.txt']);
    const d = await s3.send(new S.ListObjectsCommand({ Bucket: L, MaxKeys: 2, Delimiter: '/' }));
    expect(d.NextMarker).toBe('b/');
    const sa = await s3.send(new S.ListObjectsV2Command({ Bucket: L, StartAfter: 'd/4.txt' }));
    expect(sa.Contents?.map((c) => c.Key)).toEqual(['e.txt', 'f/5.txt']);
  });

  it('url-encodes keys when asked', async () => {
    await s3.send(new S.PutObjectCommand({ Bucket: L, Key: 'z sp+ace', Body: '' }));
    const r = await fetch(`${cloud.url}/${L}?list-type=2&prefix=z&encoding-type=url`);
    expect(await r.text()).toContain('<Key>z%20sp%2Bace</Key>');
  });

  it('rejects a bad max-keys with InvalidArgument', async () => {
    const r = await fetch(`${cloud.url}/${L}?list-type=2&max-keys=-1`);
    expect(r.status).toBe(400);
    expect(await r.text()).toContain('<Code>InvalidArgument</Code>');
  });
});

describe('S3 versioning', () => {
  const V = 'versions-bucket';
  it('keeps versions, adds delete markers and lists them', async () => {
    await s3.send(new S.CreateBucketCommand({ Bucket: V }));
    await s3.send(new S.PutBucketVersioningCommand({ Bucket: V, VersioningConfiguration: { Status: 'Enabled' } }));
    const v1 = await s3.send(new S.PutObjectCommand({ Bucket: V, Key: 'doc', Body: 'one' }));
    const v2 = await s3.send(new S.PutObjectCommand({ Bucket: V, Key: 'doc', Body: 'two' }));
    expect(v1.VersionId).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(v2.VersionId).not.toBe(v1.VersionId);
    expect(await (await s3.send(new S.GetObjectCommand({ Bucket: V, Key: 'doc', VersionId: v1.VersionId }))).Body!.transformToString()).toBe('one');
    const del = await s3.send(new S.DeleteObjectCommand({ Bucket: V, Key: 'doc' }));
    expect(del.DeleteMarker).toBe(true);
    const gone = await sdkError(s3.send(new S.GetObjectCommand({ Bucket: V, Key: 'doc' })));
    expect(gone).toMatchObject({ name: 'NoSuchKey', status: 404 });
    const list = await s3.send(new S.ListObjectVersionsCommand({ Bucket: V }));
    expect(list.Versions?.map((v) => [v.VersionId, v.IsLatest])).toEqual([[v2.VersionId, false], [v1.VersionId, false]]);
    expect(list.DeleteMarkers?.map((d) => [d.VersionId, d.IsLatest])).toEqual([[del.VersionId, true]]);
    // Removing the marker brings v2 back.
    await s3.send(new S.DeleteObjectCommand({ Bucket: V, Key: 'doc', VersionId: del.VersionId }));
    expect(await (await s3.send(new S.GetObjectCommand({ Bucket: V, Key: 'doc' }))).Body!.transformToString()).toBe('two');
    expect(await sdkError(s3.send(new S.GetObjectCommand({ Bucket: V, Key: 'doc', VersionId: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })))).toMatchObject({ name: 'NoSuchVersion', status: 404 });
    expect(await sdkError(s3.send(new S.DeleteBucketCommand({ Bucket: V })))).toMatchObject({ name: 'BucketNotEmpty' });
  });

  it('pages ListObjectVersions with key and version-id markers', async () => {
    const P = 'versions-paged';
    await s3.send(new S.CreateBucketCommand({ Bucket: P }));
    await s3.send(new S.PutBucketVersioningCommand({ Bucket: P, VersioningConfiguration: { Status: 'Enabled' } }));
    const all: string[] = [];
    for (const k of ['a', 'b', 'c']) for (let i = 0; i < 3; i++) all.push(`${k}:${(await s3.send(new S.PutObjectCommand({ Bucket: P, Key: k, Body: `${k}${i}` }))).VersionId}`);
    const seen: string[] = [];
    let km: string | undefined;
    let vm: string | undefined;
    for (let i = 0; i < 20; i++) {
      const r = await s3.send(new S.ListObjectVersionsCommand({ Bucket: P, MaxKeys: 2, KeyMarker: km, VersionIdMarker: vm }));
      seen.push(...(r.Versions ?? []).map((v) => `${v.Key}:${v.VersionId}`));
      if (!r.IsTruncated) break;
      km = r.NextKeyMarker;
      vm = r.NextVersionIdMarker;
    }
    expect(seen.sort()).toEqual(all.sort());
  });
});

describe('S3 multipart uploads', () => {
  const M = 'multipart-bucket';
  const part1 = randomBytes(5 * 1024 * 1024);
  const part2 = randomBytes(1234);
  beforeAll(() => s3.send(new S.CreateBucketCommand({ Bucket: M })));

  it('completes with the md5-of-md5s ETag and lists parts', async () => {
    const { UploadId } = await s3.send(new S.CreateMultipartUploadCommand({ Bucket: M, Key: 'big.bin', ContentType: 'application/x-test' }));
    const e1 = (await s3.send(new S.UploadPartCommand({ Bucket: M, Key: 'big.bin', UploadId, PartNumber: 1, Body: part1 }))).ETag!;
    const e2 = (await s3.send(new S.UploadPartCommand({ Bucket: M, Key: 'big.bin', UploadId, PartNumber: 2, Body: part2 }))).ETag!;
    const parts = await s3.send(new S.ListPartsCommand({ Bucket: M, Key: 'big.bin', UploadId }));
    expect(parts.Parts?.map((p) => [p.PartNumber, p.Size, p.ETag])).toEqual([[1, part1.length, e1], [2, part2.length, e2]]);
    const uploads = await s3.send(new S.ListMultipartUploadsCommand({ Bucket: M }));
    expect(uploads.Uploads?.map((u) => u.UploadId)).toEqual([UploadId]);
    const done = await s3.send(new S.CompleteMultipartUploadCommand({ Bucket: M, Key: 'big.bin', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: e1 }, { PartNumber: 2, ETag: e2 }] } }));
    const want = createHash('md5').update(Buffer.concat([Buffer.from(md5(part1), 'hex'), Buffer.from(md5(part2), 'hex')])).digest('hex');
    expect(done.ETag).toBe(`"${want}-2"`);
    expect(done.Location).toBe(`${cloud.url}/${M}/big.bin`);
    const got = await s3.send(new S.GetObjectCommand({ Bucket: M, Key: 'big.bin' }));
    const bytes = Buffer.from(await got.Body!.transformToByteArray());
    expect(bytes.equals(Buffer.concat([part1, part2]))).toBe(true);
    expect(got.ContentType).toBe('application/x-test');
    const tail = await s3.send(new S.GetObjectCommand({ Bucket: M, Key: 'big.bin', Range: `bytes=${part1.length - 2}-${part1.length + 1}` }));
    expect(Buffer.from(await tail.Body!.transformToByteArray()).equals(Buffer.concat([part1, part2]).subarray(part1.length - 2, part1.length + 2))).toBe(true);
    expect(await sdkError(s3.send(new S.ListPartsCommand({ Bucket: M, Key: 'big.bin', UploadId })))).toMatchObject({ name: 'NoSuchUpload', status: 404 });
  });

  it('enforces part order, ETags and the 5 MiB minimum, and aborts', async () => {
    const { UploadId } = await s3.send(new S.CreateMultipartUploadCommand({ Bucket: M, Key: 'bad.bin' }));
    const small = (await s3.send(new S.UploadPartCommand({ Bucket: M, Key: 'bad.bin', UploadId, PartNumber: 1, Body: 'tiny' }))).ETag!;
    const e2 = (await s3.send(new S.UploadPartCommand({ Bucket: M, Key: 'bad.bin', UploadId, PartNumber: 2, Body: 'tiny too' }))).ETag!;
    const complete = (Parts: { PartNumber: number; ETag: string }[]) => s3.send(new S.CompleteMultipartUploadCommand({ Bucket: M, Key: 'bad.bin', UploadId, MultipartUpload: { Parts } }));
    expect(await sdkError(complete([{ PartNumber: 2, ETag: e2 }, { PartNumber: 1, ETag: small }]))).toMatchObject({ name: 'InvalidPartOrder', status: 400 });
    expect(await sdkError(complete([{ PartNumber: 1, ETag: '"0123"' }]))).toMatchObject({ name: 'InvalidPart', status: 400 });
    expect(await sdkError(complete([{ PartNumber: 1, ETag: small }, { PartNumber: 2, ETag: e2 }]))).toMatchObject({ name: 'EntityTooSmall', status: 400 });
    expect(await sdkError(s3.send(new S.UploadPartCommand({ Bucket: M, Key: 'bad.bin', UploadId, PartNumber: 10001, Body: 'x' })))).toMatchObject({ name: 'InvalidArgument' });
    await s3.send(new S.AbortMultipartUploadCommand({ Bucket: M, Key: 'bad.bin', UploadId }));
    expect(await sdkError(s3.send(new S.UploadPartCommand({ Bucket: M, Key: 'bad.bin', UploadId, PartNumber: 1, Body: 'x' })))).toMatchObject({ name: 'NoSuchUpload' });
  });

  it('computes composite checksums for CRC32 uploads and copies parts', async () => {
    await s3.send(new S.PutObjectCommand({ Bucket: M, Key: 'copy-src', Body: part1 }));
    const { UploadId } = await s3.send(new S.CreateMultipartUploadCommand({ Bucket: M, Key: 'sum.bin', ChecksumAlgorithm: 'CRC32' }));
    const p1 = await s3.send(new S.UploadPartCopyCommand({ Bucket: M, Key: 'sum.bin', UploadId, PartNumber: 1, CopySource: `${M}/copy-src` }));
    const p2 = await s3.send(new S.UploadPartCommand({ Bucket: M, Key: 'sum.bin', UploadId, PartNumber: 2, Body: part2, ChecksumAlgorithm: 'CRC32' }));
    const done = await s3.send(
      new S.CompleteMultipartUploadCommand({
        Bucket: M, Key: 'sum.bin', UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: p1.CopyPartResult!.ETag, ChecksumCRC32: p1.CopyPartResult!.ChecksumCRC32 }, { PartNumber: 2, ETag: p2.ETag, ChecksumCRC32: p2.ChecksumCRC32 }] },
      }),
    );
    expect(done.ChecksumCRC32).toMatch(/^[A-Za-z0-9+/]{6}==-2$/);
    const head = await s3.send(new S.HeadObjectCommand({ Bucket: M, Key: 'sum.bin', ChecksumMode: 'ENABLED' }));
    expect(head.ChecksumCRC32).toBe(done.ChecksumCRC32);
    expect(head.ContentLength).toBe(part1.length + part2.length);
  });
});

describe('S3 checksums and payload encodings', () => {
  it('accepts and echoes the SDK default CRC32 and explicit SHA256/CRC32C/CRC64NVME checksums', async () => {
    for (const alg of ['CRC32', 'CRC32C', 'SHA1', 'SHA256', 'CRC64NVME'] as const) {
      const put = await s3.send(new S.PutObjectCommand({ Bucket: B, Key: `sum-${alg}`, Body: 'checksummed body', ChecksumAlgorithm: alg }));
      const field = `Checksum${alg}` as const;
      expect(put[field]).toBeTruthy();
      const got = await s3.send(new S.GetObjectCommand({ Bucket: B, Key: `sum-${alg}`, ChecksumMode: 'ENABLED' }));
      expect(got[field]).toBe(put[field]);
      expect(await got.Body!.transformToString()).toBe('checksummed body');
    }
  });

  it('rejects a wrong checksum or Content-MD5 with BadDigest', async () => {
    const r = await fetch(`${cloud.url}/${B}/bad-sum`, { method: 'PUT', headers: { 'x-amz-checksum-crc32': 'AAAAAA==' }, body: 'data' });
    expect(r.status).toBe(400);
    expect(await r.text()).toContain('<Code>BadDigest</Code><Message>The CRC32 you specified did not match the calculated checksum.</Message>');
    const m = await fetch(`${cloud.url}/${B}/bad-md5`, { method: 'PUT', headers: { 'content-md5': Buffer.alloc(16).toString('base64') }, body: 'data' });
    expect(await m.text()).toContain('<Code>BadDigest</Code>');
  });

  it('decodes streamed aws-chunked uploads with trailing checksums from the SDK', async () => {
    const data = randomBytes(300_000);
    const body = Readable.from([data.subarray(0, 100_000), data.subarray(100_000)]);
    await s3.send(new S.PutObjectCommand({ Bucket: B, Key: 'streamed', Body: body, ContentLength: data.length }));
    const got = Buffer.from(await (await s3.send(new S.GetObjectCommand({ Bucket: B, Key: 'streamed' }))).Body!.transformToByteArray());
    expect(got.equals(data)).toBe(true);
  });

  it.each([
    ['STREAMING-AWS4-HMAC-SHA256-PAYLOAD', (d: string) => `${d.length.toString(16)};chunk-signature=${'a'.repeat(64)}\r\n${d}\r\n0;chunk-signature=${'b'.repeat(64)}\r\n\r\n`],
    ['STREAMING-UNSIGNED-PAYLOAD-TRAILER', (d: string) => `5\r\n${d.slice(0, 5)}\r\n${(d.length - 5).toString(16)}\r\n${d.slice(5)}\r\n0\r\nx-amz-checksum-crc32:${'DUoRhQ=='}\r\n\r\n`],
  ])('decodes a raw %s body', async (mode, encode) => {
    const text = 'hello world';
    const r = await fetch(`${cloud.url}/${B}/raw-chunked`, {
      method: 'PUT',
      headers: { 'x-amz-content-sha256': mode, 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': String(text.length), 'x-amz-trailer': 'x-amz-checksum-crc32' },
      body: encode(text),
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('etag')).toBe(`"${md5(text)}"`);
    expect(await (await fetch(`${cloud.url}/${B}/raw-chunked`)).text()).toBe(text);
  });
});

describe('S3 addressing and presigned URLs', () => {
  it('serves virtual-host-style requests', async () => {
    const vh = virtualHostClient(cloud.port);
    await vh.send(new S.CreateBucketCommand({ Bucket: 'virtual-hosted' }));
    await vh.send(new S.PutObjectCommand({ Bucket: 'virtual-hosted', Key: 'dir/file.txt', Body: 'via host' }));
    expect(await (await vh.send(new S.GetObjectCommand({ Bucket: 'virtual-hosted', Key: 'dir/file.txt' }))).Body!.transformToString()).toBe('via host');
    expect((await vh.send(new S.ListObjectsV2Command({ Bucket: 'virtual-hosted' }))).Contents?.map((c) => c.Key)).toEqual(['dir/file.txt']);
    // The same bucket is visible path-style.
    expect(await (await s3.send(new S.GetObjectCommand({ Bucket: 'virtual-hosted', Key: 'dir/file.txt' }))).Body!.transformToString()).toBe('via host');
  });

  it('accepts presigned PUT and GET URLs and refuses expired ones', async () => {
    const putUrl = await getSignedUrl(s3, new S.PutObjectCommand({ Bucket: B, Key: 'presigned.txt' }), { expiresIn: 300 });
    const put = await fetch(putUrl, { method: 'PUT', body: 'signed upload' });
    expect(put.status).toBe(200);
    const getUrl = await getSignedUrl(s3, new S.GetObjectCommand({ Bucket: B, Key: 'presigned.txt' }), { expiresIn: 300 });
    expect(getUrl).toContain('X-Amz-Credential=');
    const get = await fetch(getUrl);
    expect(await get.text()).toBe('signed upload');
    const old = await getSignedUrl(s3, new S.GetObjectCommand({ Bucket: B, Key: 'presigned.txt' }), { expiresIn: 1, signingDate: new Date(Date.now() - 3600_000) });
    const expired = await fetch(old);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('<Code>AccessDenied</Code><Message>Request has expired</Message>');
  });

  it('streams large objects stored as files, whole and by range', async () => {
    const big = randomBytes(8 * 1024 * 1024 + 3);
    await s3.send(new S.PutObjectCommand({ Bucket: B, Key: 'eight-mib', Body: big }));
    const whole = Buffer.from(await (await s3.send(new S.GetObjectCommand({ Bucket: B, Key: 'eight-mib' }))).Body!.transformToByteArray());
    expect(whole.equals(big)).toBe(true);
    const r = await s3.send(new S.GetObjectCommand({ Bucket: B, Key: 'eight-mib', Range: 'bytes=4194300-4194309' }));
    expect(Buffer.from(await r.Body!.transformToByteArray()).equals(big.subarray(4194300, 4194310))).toBe(true);
    await s3.send(new S.CopyObjectCommand({ Bucket: B, Key: 'eight-mib-copy', CopySource: `${B}/eight-mib` }));
    await s3.send(new S.DeleteObjectCommand({ Bucket: B, Key: 'eight-mib' }));
    const copy = Buffer.from(await (await s3.send(new S.GetObjectCommand({ Bucket: B, Key: 'eight-mib-copy' }))).Body!.transformToByteArray());
    expect(copy.equals(big)).toBe(true);
  });
});
