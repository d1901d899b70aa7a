/** S3 (REST-XML): request addressing (path-style and virtual-host-style) and dispatch to the calls. */
import type { CloudRequest, CloudResponse, RequestContext } from '../../context.js';
import { AwsError } from '../../errors.js';
import type { Store } from '../../store.js';
import type { ServiceDef } from '../registry.js';
import { bucketSubresource } from './bucket-config.js';
import { createBucket, deleteBucket, getBucketLocation, headBucket, listBuckets } from './buckets.js';
import type { S3Call } from './common.js';
import { INLINE_LIMIT, S3Data } from './data.js';
import { spoolDecision } from './payload.js';
import { S3Errors } from './errors.js';
import { listObjectVersions, listObjectsV1, listObjectsV2 } from './listing.js';
import { abortUpload, completeUpload, createUpload, listParts, listUploads, uploadPart } from './multipart.js';
import { objectAcl, objectTagging } from './object-config.js';
import { objectLockCall } from './object-lock.js';
import { copyObject, deleteObject, deleteObjects, getObject, putObject } from './objects.js';

const dataByStore = new WeakMap<Store, S3Data>();

function dataFor(store: Store): S3Data {
  let d = dataByStore.get(store);
  if (!d) {
    d = new S3Data(store);
    dataByStore.set(store, d);
  }
  return d;
}

/**
 * The bucket named by a virtual-host-style Host: `bucket.s3.<anything>` (AWS and
 * s3.localhost.localstack.cloud) or `bucket.localhost`. Undefined for path-style hosts.
 */
export function virtualHostBucket(hostHeader: string | undefined): string | undefined {
  if (!hostHeader) return undefined;
  const host = hostHeader.replace(/:\d+$/, '').toLowerCase();
  if (/^[\d.]+$/.test(host) || host.startsWith('[') || !host.includes('.')) return undefined;
  const m = /^(.+?)\.s3[.-]/.exec(host);
  if (m) return m[1];
  const l = /^(.+)\.localhost$/.exec(host);
  if (l && l[1] !== 's3') return l[1];
  return undefined;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new AwsError('InvalidURI', "Couldn't parse the specified URI.", 400).with({ URI: s });
  }
}

/** Presigned URLs: X-Amz-Expires at most a week, and 403 once expired. */
function checkPresigned(q: URLSearchParams, now: Date): void {
  const exp = q.get('X-Amz-Expires');
  const date = q.get('X-Amz-Date');
  if (exp === null || date === null) return;
  const secs = Number(exp);
  if (!Number.isInteger(secs) || secs < 0 || secs > 604800) {
    throw new AwsError('AuthorizationQueryParametersError', 'X-Amz-Expires must be less than a week (in seconds) that is; 604800', 400);
  }
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date);
  if (!m) return;
  const signed = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  const expires = signed + secs * 1000;
  if (now.getTime() > expires) {
    throw new AwsError('AccessDenied', 'Request has expired', 403).with({
      'X-Amz-Expires': exp,
      Expires: new Date(expires).toISOString(),
      ServerTime: now.toISOString(),
    });
  }
}

function bucketCall(c: S3Call): CloudResponse {
  const q = c.req.query;
  const op = (name: string) => (c.ctx.operation = name);
  switch (c.req.method) {
    case 'GET':
      if (q.has('location')) return op('GetBucketLocation'), getBucketLocation(c);
      if (q.has('uploads')) return listUploads(c);
      if (q.has('versions')) return listObjectVersions(c);
      return bucketSubresource(c) ?? (q.get('list-type') === '2' ? listObjectsV2(c) : listObjectsV1(c));
    case 'PUT':
      return bucketSubresource(c) ?? (op('CreateBucket'), createBucket(c));
    case 'DELETE':
      return bucketSubresource(c) ?? (op('DeleteBucket'), deleteBucket(c));
    case 'HEAD':
      return op('HeadBucket'), headBucket(c);
    case 'POST':
      if (q.has('delete')) return op('DeleteObjects'), deleteObjects(c);
      throw S3Errors.methodNotAllowed('POST', 'BUCKET');
    default:
      throw S3Errors.methodNotAllowed(c.req.method, 'BUCKET');
  }
}

function objectCall(c: S3Call): CloudResponse {
  const q = c.req.query;
  const op = (name: string) => (c.ctx.operation = name);
  switch (c.req.method) {
    case 'GET':
      if (q.has('uploadId')) return listParts(c);
      if (q.has('tagging')) return objectTagging(c);
      if (q.has('acl')) return objectAcl(c);
      if (q.has('retention')) return objectLockCall(c, 'retention');
      if (q.has('legal-hold')) return objectLockCall(c, 'legal-hold');
      return op('GetObject'), getObject(c, false);
    case 'HEAD':
      return op('HeadObject'), getObject(c, true);
    case 'PUT':
      if (q.has('uploadId') && q.has('partNumber')) return uploadPart(c);
      if (q.has('tagging')) return objectTagging(c);
      if (q.has('acl')) return objectAcl(c);
      if (q.has('retention')) return objectLockCall(c, 'retention');
      if (q.has('legal-hold')) return objectLockCall(c, 'legal-hold');
      if (c.req.headers['x-amz-copy-source'] !== undefined) return op('CopyObject'), copyObject(c);
      return op('PutObject'), putObject(c);
    case 'DELETE':
      if (q.has('uploadId')) return abortUpload(c);
      if (q.has('tagging')) return objectTagging(c);
      return op('DeleteObject'), deleteObject(c);
    case 'POST':
      if (q.has('uploads')) return createUpload(c);
      if (q.has('uploadId')) return completeUpload(c);
      throw S3Errors.methodNotAllowed('POST', 'OBJECT');
    default:
      throw S3Errors.methodNotAllowed(c.req.method, 'OBJECT');
  }
}

/** The S3 service. */
export const service: ServiceDef = {
  name: 's3',
  signingNames: ['s3'],
  protocol: 'rest-xml',
  spoolBody: (req) => spoolDecision(req, INLINE_LIMIT),
  init(store: Store): void {
    dataFor(store);
  },
  handle(req: CloudRequest, ctx: RequestContext): CloudResponse {
    checkPresigned(req.query, ctx.now());
    const vb = virtualHostBucket(req.headers['host']);
    let bucket: string;
    let key: string;
    if (vb !== undefined) {
      bucket = vb;
      key = decode(req.path.slice(1));
    } else {
      const p = req.path.slice(1);
      const i = p.indexOf('/');
      bucket = decode(i < 0 ? p : p.slice(0, i));
      key = i < 0 ? '' : decode(p.slice(i + 1));
    }
    const c: S3Call = { req, ctx, data: dataFor(ctx.store), bucket, key, virtualHost: vb !== undefined };
    // x-amz-expected-bucket-owner: a bucket of another account is 403, as on AWS.
    const expected = req.headers['x-amz-expected-bucket-owner'];
    if (expected !== undefined && bucket) {
      const b = c.data.bucket(bucket);
      if (b && b.account !== expected) throw S3Errors.accessDenied();
    }
    if (!bucket) {
      if (req.method !== 'GET') throw S3Errors.methodNotAllowed(req.method, 'SERVICE');
      ctx.operation = 'ListBuckets';
      return listBuckets(c);
    }
    return key === '' ? bucketCall(c) : objectCall(c);
  },
};
