/** Multipart uploads: Create, UploadPart(Copy), Complete, Abort, ListParts, ListMultipartUploads. */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { CloudResponse } from '../../context.js';
import { children, malformedXml, parseXmlBody, text } from '../../protocols/rest-xml.js';
import { x, xs } from '../../xml.js';
import { requireBucket } from './buckets.js';
import { CHECKSUM_ALGORITHMS, algorithmName, checksum, checksumBytes, type ChecksumAlgorithm } from './checksums.js';
import { empty, ownerXml, xmlAnswer, type S3Call } from './common.js';
import type { UploadRow } from './data.js';
import { S3Errors } from './errors.js';
import { metaFromHeaders, s3Now } from './object-headers.js';
import { checkObjectAcl, copySource, nextVersionId } from './objects.js';
import { readPayload } from './payload.js';
import { lockForNewObject } from './object-lock.js';

/** The smallest size of every part but the last. */
export const MIN_PART_SIZE = 5 * 1024 * 1024;

function upload(c: S3Call): UploadRow {
  const id = c.req.query.get('uploadId') ?? '';
  const u = c.data.upload(id);
  if (!u || u.bucket !== c.bucket || u.key !== c.key) throw S3Errors.noSuchUpload(id);
  return u;
}

function partNumber(c: S3Call): number {
  const raw = c.req.query.get('partNumber') ?? '';
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > 10000) {
    throw S3Errors.invalidArgument('Part number must be an integer between 1 and 10000, inclusive', 'partNumber', raw);
  }
  return n;
}

/** CreateMultipartUpload (POST ?uploads). */
export function createUpload(c: S3Call): CloudResponse {
  const b = requireBucket(c);
  c.ctx.operation = 'CreateMultipartUpload';
  const meta = metaFromHeaders(c.req);
  checkObjectAcl(b, c.req.headers['x-amz-acl']);
  meta.lock = lockForNewObject(c.req, b, c.ctx.now());
  const alg = c.req.headers['x-amz-checksum-algorithm']?.toLowerCase();
  if (alg !== undefined && !(CHECKSUM_ALGORITHMS as readonly string[]).includes(alg)) {
    throw S3Errors.invalidRequest('Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]');
  }
  const type = c.req.headers['x-amz-checksum-type']?.toUpperCase();
  if (alg) {
    meta.checksums = { [alg]: '' };
    meta.checksumType = type === 'FULL_OBJECT' || alg === 'crc64nvme' ? 'FULL_OBJECT' : 'COMPOSITE';
  }
  const uploadId = randomBytes(36).toString('base64url');
  c.data.createUpload({ uploadId, bucket: c.bucket, key: c.key, initiated: c.ctx.now().toISOString(), meta });
  const h: Record<string, string> = { 'x-amz-server-side-encryption': meta.sse ?? 'AES256' };
  if (alg) {
    h['x-amz-checksum-algorithm'] = algorithmName(alg as ChecksumAlgorithm);
    h['x-amz-checksum-type'] = meta.checksumType!;
  }
  return xmlAnswer('InitiateMultipartUploadResult', xs(x('Bucket', c.bucket), x('Key', c.key), x('UploadId', uploadId)), h);
}

/** UploadPart (PUT ?partNumber&uploadId), or UploadPartCopy with x-amz-copy-source. */
export function uploadPart(c: S3Call): CloudResponse {
  requireBucket(c);
  const n = partNumber(c);
  const u = upload(c);
  const now = s3Now(c.ctx.now());
  if (c.req.headers['x-amz-copy-source'] !== undefined) {
    c.ctx.operation = 'UploadPartCopy';
    const { src } = copySource(c);
    let bytes = c.data.read(src);
    const range = c.req.headers['x-amz-copy-source-range'];
    if (range !== undefined) {
      const m = /^bytes=(\d+)-(\d+)$/.exec(range);
      if (!m || Number(m[1]) > Number(m[2]) || Number(m[2]) >= src.size) {
        throw S3Errors.invalidArgument(`Range specified is not valid for source object of size: ${src.size}`, 'x-amz-copy-source-range', range);
      }
      bytes = bytes.subarray(Number(m[1]), Number(m[2]) + 1);
    }
    const etag = `"${createHash('md5').update(bytes).digest('hex')}"`;
    const sums = partChecksums(u, bytes, {});
    c.data.putPart(u.uploadId, { partNumber: n, etag, size: bytes.length, lastModified: now, checksums: sums }, bytes);
    const cs = Object.entries(sums).map(([a, v]) => x(`Checksum${algorithmName(a as ChecksumAlgorithm)}`, v));
    return xmlAnswer('CopyPartResult', xs(x('ETag', etag), x('LastModified', now), ...cs), { 'x-amz-server-side-encryption': u.meta.sse ?? 'AES256' });
  }
  c.ctx.operation = 'UploadPart';
  const p = readPayload(c.req);
  const etag = `"${p.md5}"`;
  const sums = Buffer.isBuffer(p.body) ? partChecksums(u, p.body, p.checksums) : { ...p.checksums };
  for (const alg of Object.keys(u.meta.checksums ?? {})) {
    if (sums[alg] === undefined && !Buffer.isBuffer(p.body)) sums[alg] = checksum(alg as ChecksumAlgorithm, readFileSync(p.body.path));
  }
  c.data.putPart(u.uploadId, { partNumber: n, etag, size: p.size, lastModified: now, checksums: sums }, p.body);
  const h: Record<string, string> = { etag, 'x-amz-server-side-encryption': u.meta.sse ?? 'AES256' };
  for (const [a, v] of Object.entries(sums)) h[`x-amz-checksum-${a}`] = v;
  return empty(200, h);
}

/** The checksums a part keeps: the ones sent, plus the upload's algorithm computed if it was not sent. */
function partChecksums(u: UploadRow, body: Buffer, sent: Record<string, string>): Record<string, string> {
  const out = { ...sent };
  for (const alg of Object.keys(u.meta.checksums ?? {})) out[alg] ??= checksum(alg as ChecksumAlgorithm, body);
  return out;
}

/** CompleteMultipartUpload (POST ?uploadId): AWS's checks, ETag md5-of-md5s-N. */
export function completeUpload(c: S3Call): CloudResponse {
  const b = requireBucket(c);
  c.ctx.operation = 'CompleteMultipartUpload';
  const u = upload(c);
  const doc = parseXmlBody(c.req.body, 'CompleteMultipartUpload');
  const listed = children(doc, 'Part').map((p) => ({ n: Number(text(p, 'PartNumber')), etag: text(p, 'ETag') ?? '' }));
  if (listed.length === 0) throw malformedXml();
  const stored = new Map(c.data.parts(u.uploadId).map((p) => [p.partNumber, p]));
  const chosen = [];
  let prev = 0;
  for (const l of listed) {
    if (!Number.isInteger(l.n) || l.n <= prev) throw S3Errors.invalidPartOrder();
    prev = l.n;
    const p = stored.get(l.n);
    const etag = l.etag.startsWith('"') ? l.etag : `"${l.etag}"`;
    if (!p || p.etag !== etag) throw S3Errors.invalidPart().with({ UploadId: u.uploadId, PartNumber: String(l.n), ETag: l.etag });
    chosen.push(p);
  }
  for (let i = 0; i < chosen.length - 1; i++) {
    if (chosen[i]!.size < MIN_PART_SIZE) {
      throw S3Errors.entityTooSmall().with({ ProposedSize: String(chosen[i]!.size), MinSizeAllowed: String(MIN_PART_SIZE), PartNumber: String(chosen[i]!.partNumber), ETag: chosen[i]!.etag });
    }
  }
  const md5s = Buffer.concat(chosen.map((p) => Buffer.from(p.etag.slice(1, -1), 'hex')));
  const etag = `"${createHash('md5').update(md5s).digest('hex')}-${chosen.length}"`;
  const total = chosen.reduce((s, p) => s + p.size, 0);
  const body = c.data.assemble(u.uploadId, chosen, total);
  const meta = { ...u.meta, partsCount: chosen.length };
  const alg = Object.keys(u.meta.checksums ?? {})[0] as ChecksumAlgorithm | undefined;
  if (alg) {
    if (u.meta.checksumType === 'FULL_OBJECT') {
      const all = Buffer.isBuffer(body) ? body : Buffer.concat(chosen.map((p) => c.data.partBytes(u.uploadId, p)));
      meta.checksums = { [alg]: checksum(alg, all) };
    } else {
      const raw = Buffer.concat(chosen.map((p) => Buffer.from(p.checksums?.[alg] ?? '', 'base64')));
      meta.checksums = { [alg]: `${checksumBytes(alg, raw).toString('base64')}-${chosen.length}` };
    }
  } else delete meta.checksums;
  const o = c.data.putVersion(
    { bucket: c.bucket, key: c.key, versionId: nextVersionId(b), deleteMarker: false, size: total, etag, lastModified: s3Now(c.ctx.now()), meta },
    body,
  );
  c.data.deleteUpload(u.uploadId);
  const h: Record<string, string> = { 'x-amz-server-side-encryption': meta.sse ?? 'AES256' };
  if (b.versioning === 'Enabled') h['x-amz-version-id'] = o.versionId;
  const sums = Object.entries(meta.checksums ?? {}).map(([a, v]) => x(`Checksum${algorithmName(a as ChecksumAlgorithm)}`, v));
  const location = `${c.ctx.endpoint}/${c.bucket}/${encodeURIComponent(c.key).replace(/%2F/g, '/')}`;
  return xmlAnswer(
    'CompleteMultipartUploadResult',
    xs(x('Location', location), x('Bucket', c.bucket), x('Key', c.key), x('ETag', etag), ...sums, alg ? x('ChecksumType', meta.checksumType) : undefined),
    h,
  );
}

/** AbortMultipartUpload (DELETE ?uploadId). */
export function abortUpload(c: S3Call): CloudResponse {
  requireBucket(c);
  c.ctx.operation = 'AbortMultipartUpload';
  const u = upload(c);
  c.data.deleteUpload(u.uploadId);
  return empty(204);
}

/** ListParts (GET ?uploadId). */
export function listParts(c: S3Call): CloudResponse {
  const b = requireBucket(c);
  c.ctx.operation = 'ListParts';
  const u = upload(c);
  const q = c.req.query;
  const marker = Number(q.get('part-number-marker') ?? '0') || 0;
  const maxRaw = q.get('max-parts');
  const max = maxRaw === null ? 1000 : Number(maxRaw);
  if (!Number.isInteger(max) || max < 0) throw S3Errors.invalidArgument('Provided max-parts not an integer or within integer range', 'max-parts', maxRaw ?? '');
  const all = c.data.parts(u.uploadId).filter((p) => p.partNumber > marker);
  const parts = all.slice(0, Math.min(max, 1000));
  const truncated = all.length > parts.length;
  const alg = Object.keys(u.meta.checksums ?? {})[0];
  return xmlAnswer(
    'ListPartsResult',
    xs(
      x('Bucket', c.bucket),
      x('Key', c.key),
      x('UploadId', u.uploadId),
      x('PartNumberMarker', marker),
      x('NextPartNumberMarker', parts.length ? parts[parts.length - 1]!.partNumber : 0),
      x('MaxParts', max),
      x('IsTruncated', truncated),
      ...parts.map((p) =>
        x(
          'Part',
          xs(
            x('PartNumber', p.partNumber),
            x('LastModified', p.lastModified),
            x('ETag', p.etag),
            x('Size', p.size),
            ...Object.entries(p.checksums ?? {}).map(([a, v]) => x(`Checksum${algorithmName(a as ChecksumAlgorithm)}`, v)),
          ),
        ),
      ),
      x('Initiator', xs(x('ID', `arn:aws:iam::${b.account}:root`), x('DisplayName', b.account))),
      ownerXml(b.account),
      x('StorageClass', u.meta.storageClass ?? 'STANDARD'),
      alg ? x('ChecksumAlgorithm', alg.toUpperCase()) : undefined,
      alg ? x('ChecksumType', u.meta.checksumType) : undefined,
    ),
  );
}

/** ListMultipartUploads (GET ?uploads on a bucket). */
export function listUploads(c: S3Call): CloudResponse {
  const b = requireBucket(c);
  c.ctx.operation = 'ListMultipartUploads';
  const q = c.req.query;
  const prefix = q.get('prefix') ?? '';
  const keyMarker = q.get('key-marker') ?? '';
  const max = Math.min(Number(q.get('max-uploads') ?? '1000') || 1000, 1000);
  const all = c.data.uploadsOf(c.bucket).filter((u) => u.key.startsWith(prefix) && u.key > keyMarker);
  const ups = all.slice(0, max);
  const truncated = all.length > ups.length;
  const last = ups[ups.length - 1];
  return xmlAnswer(
    'ListMultipartUploadsResult',
    xs(
      x('Bucket', c.bucket),
      x('KeyMarker', keyMarker),
      x('UploadIdMarker', q.get('upload-id-marker') ?? ''),
      truncated && last ? x('NextKeyMarker', last.key) : undefined,
      truncated && last ? x('NextUploadIdMarker', last.uploadId) : undefined,
      q.has('prefix') ? x('Prefix', prefix) : undefined,
      x('MaxUploads', max),
      x('IsTruncated', truncated),
      ...ups.map((u) =>
        x(
          'Upload',
          xs(
            x('Key', u.key),
            x('UploadId', u.uploadId),
            x('Initiator', xs(x('ID', `arn:aws:iam::${b.account}:root`), x('DisplayName', b.account))),
            ownerXml(b.account),
            x('StorageClass', u.meta.storageClass ?? 'STANDARD'),
            x('Initiated', u.initiated),
          ),
        ),
      ),
    ),
  );
}
