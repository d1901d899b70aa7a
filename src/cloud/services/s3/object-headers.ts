/** Object metadata to and from HTTP headers. */
import type { CloudRequest } from '../../context.js';
import type { BucketDoc, ObjectMeta, ObjectRow } from './data.js';
import { httpDate } from './common.js';
import { S3Errors } from './errors.js';
import { parseTaggingHeader } from './tags.js';

const STORAGE_CLASSES = ['STANDARD', 'REDUCED_REDUNDANCY', 'STANDARD_IA', 'ONEZONE_IA', 'INTELLIGENT_TIERING', 'GLACIER', 'DEEP_ARCHIVE', 'OUTPOSTS', 'GLACIER_IR', 'SNOW', 'EXPRESS_ONEZONE'];

/** The metadata a PutObject / CreateMultipartUpload / CopyObject(REPLACE) sets from its headers. */
export function metaFromHeaders(req: CloudRequest): ObjectMeta {
  const h = req.headers;
  const user: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (k.startsWith('x-amz-meta-')) user[k.slice(11)] = v;
  const sc = h['x-amz-storage-class'];
  if (sc !== undefined && !STORAGE_CLASSES.includes(sc)) throw S3Errors.invalidArgument('', 'x-amz-storage-class', sc).with({});
  const sse = h['x-amz-server-side-encryption'];
  if (sse !== undefined && !['AES256', 'aws:kms', 'aws:kms:dsse'].includes(sse)) {
    throw S3Errors.invalidArgument('The encryption method specified is not supported', 'x-amz-server-side-encryption', sse);
  }
  const enc = h['content-encoding']?.split(',').map((s) => s.trim()).filter((s) => s !== 'aws-chunked').join(', ');
  const meta: ObjectMeta = {
    contentType: h['content-type'] || 'binary/octet-stream',
    contentEncoding: enc || undefined,
    contentDisposition: h['content-disposition'],
    contentLanguage: h['content-language'],
    cacheControl: h['cache-control'],
    expires: h['expires'],
    websiteRedirect: h['x-amz-website-redirect-location'],
    storageClass: sc && sc !== 'STANDARD' ? sc : undefined,
    user,
    sse: sse ?? 'AES256',
    sseKmsKeyId: h['x-amz-server-side-encryption-aws-kms-key-id'],
  };
  const tagging = h['x-amz-tagging'];
  if (tagging !== undefined) meta.tags = parseTaggingHeader(tagging);
  return meta;
}

/** The response headers describing an object version (GetObject, HeadObject). */
export function objectHeaders(o: ObjectRow, b: BucketDoc, query: URLSearchParams): Record<string, string> {
  const m = o.meta;
  const h: Record<string, string> = {
    'content-type': m.contentType ?? 'binary/octet-stream',
    etag: o.etag,
    'last-modified': httpDate(o.lastModified),
    'accept-ranges': 'bytes',
    'x-amz-server-side-encryption': m.sse ?? 'AES256',
  };
  if (m.sseKmsKeyId) h['x-amz-server-side-encryption-aws-kms-key-id'] = m.sseKmsKeyId;
  if (m.contentEncoding) h['content-encoding'] = m.contentEncoding;
  if (m.contentDisposition) h['content-disposition'] = m.contentDisposition;
  if (m.contentLanguage) h['content-language'] = m.contentLanguage;
  if (m.cacheControl) h['cache-control'] = m.cacheControl;
  if (m.expires) h['expires'] = m.expires;
  if (m.websiteRedirect) h['x-amz-website-redirect-location'] = m.websiteRedirect;
  if (m.storageClass) h['x-amz-storage-class'] = m.storageClass;
  for (const [k, v] of Object.entries(m.user)) h[`x-amz-meta-${k}`] = v;
  if (m.tags && m.tags.length) h['x-amz-tagging-count'] = String(m.tags.length);
  if (b.versioning) h['x-amz-version-id'] = o.versionId;
  if (m.partsCount && query.has('partNumber')) h['x-amz-mp-parts-count'] = String(m.partsCount);
  const overrides: [string, string][] = [
    ['response-content-type', 'content-type'],
    ['response-content-language', 'content-language'],
    ['response-expires', 'expires'],
    ['response-cache-control', 'cache-control'],
    ['response-content-disposition', 'content-disposition'],
    ['response-content-encoding', 'content-encoding'],
  ];
  for (const [q, name] of overrides) {
    const v = query.get(q);
    if (v !== null) h[name] = v;
  }
  return h;
}

/** The x-amz-checksum-* headers of a version (asked for with x-amz-checksum-mode: ENABLED). */
export function checksumHeaders(m: ObjectMeta): Record<string, string> {
  const h: Record<string, string> = {};
  for (const [alg, v] of Object.entries(m.checksums ?? {})) h[`x-amz-checksum-${alg}`] = v;
  if (m.checksums && Object.keys(m.checksums).length) h['x-amz-checksum-type'] = m.checksumType ?? 'FULL_OBJECT';
  return h;
}

/** Last-Modified precision of S3: whole seconds. */
export function s3Now(d: Date): string {
  return new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString();
}
