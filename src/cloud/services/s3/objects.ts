/** Object calls: PutObject, GetObject (ranges, conditions), HeadObject, DeleteObject(s), CopyObject. */
import type { CloudResponse } from '../../context.js';
import { AwsError } from '../../errors.js';
import { children, parseXmlBody, text, malformedXml } from '../../protocols/rest-xml.js';
import { x, xs } from '../../xml.js';
import { cannedGrants } from './acl.js';
import { ownershipOf, requireBucket } from './buckets.js';
import { empty, xmlAnswer, type S3Call } from './common.js';
import { newVersionId, type BucketDoc, type ObjectMeta, type ObjectRow } from './data.js';
import { S3Errors } from './errors.js';
import { checksumHeaders, metaFromHeaders, objectHeaders, s3Now } from './object-headers.js';
import { readPayload } from './payload.js';
import { algorithmName } from './checksums.js';
import { checkDeletable, lockForNewObject, lockHeaders } from './object-lock.js';

/** Checks an object canned ACL against the bucket's ownership setting. */
export function checkObjectAcl(b: BucketDoc, acl: string | undefined): void {
  if (acl === undefined) return;
  cannedGrants(acl, b.account);
  if (ownershipOf(b) === 'BucketOwnerEnforced' && acl !== 'private' && acl !== 'bucket-owner-full-control') throw S3Errors.aclNotSupported();
}

/** The version id a new write gets in this bucket. */
export function nextVersionId(b: BucketDoc): string {
  return b.versioning === 'Enabled' ? newVersionId() : 'null';
}

function writeHeaders(b: BucketDoc, o: ObjectRow): Record<string, string> {
  const h: Record<string, string> = { etag: o.etag, 'x-amz-server-side-encryption': o.meta.sse ?? 'AES256', ...checksumHeaders(o.meta) };
  if (o.meta.sseKmsKeyId) h['x-amz-server-side-encryption-aws-kms-key-id'] = o.meta.sseKmsKeyId;
  if (b.versioning === 'Enabled') h['x-amz-version-id'] = o.versionId;
  return h;
}

/** Conditional writes: If-None-Match: * (create only) and If-Match: etag. */
function writePreconditions(c: S3Call): void {
  const inm = c.req.headers['if-none-match'];
  const im = c.req.headers['if-match'];
  if (inm === undefined && im === undefined) return;
  const cur = c.data.latest(c.bucket, c.key);
  const exists = cur !== undefined && !cur.deleteMarker;
  if (inm === '*' && exists) throw S3Errors.preconditionFailed('If-None-Match');
  if (im !== undefined) {
    if (!exists) throw S3Errors.noSuchKey(c.key);
    if (im !== '*' && im !== cur.etag && `"${im}"` !== cur.etag) throw S3Errors.preconditionFailed('If-Match');
  }
}

/** PutObject. */
export function putObject(c: S3Call): CloudResponse {
  const b = requireBucket(c);
  if (Buffer.byteLength(c.key) > 1024) throw new AwsError('KeyTooLongError', 'Your key is too long', 400);
  const meta = metaFromHeaders(c.req);
  checkObjectAcl(b, c.req.headers['x-amz-acl']);
  meta.acl = c.req.headers['x-amz-acl'];
  meta.lock = lockForNewObject(c.req, b, c.ctx.now());
  const p = readPayload(c.req);
  writePreconditions(c);
  if (Object.keys(p.checksums).length) {
    meta.checksums = p.checksums;
    meta.checksumType = 'FULL_OBJECT';
  }
  const o = c.data.putVersion(
    { bucket: c.bucket, key: c.key, versionId: nextVersionId(b), deleteMarker: false, size: p.size, etag: `"${p.md5}"`, lastModified: s3Now(c.ctx.now()), meta },
    p.body,
  );
  return empty(200, writeHeaders(b, o));
}

/**
 * The version a read addresses: ?versionId or the current one. A delete marker answers
 * NoSuchKey (current) or 405 (addressed by id), with x-amz-delete-marker as AWS does.
 */
export function addressedVersion(c: S3Call, b: BucketDoc, method: string): ObjectRow {
  const vid = c.req.query.get('versionId');
  if (vid !== null) {
    const o = c.data.version(c.bucket, c.key, vid);
    if (!o) {
      if (vid !== 'null' && !/^[A-Za-z0-9._-]{1,1024}$/.test(vid)) throw S3Errors.invalidVersionId(vid);
      throw b.versioning || vid === 'null' ? S3Errors.noSuchVersion(c.key, vid) : S3Errors.invalidVersionId(vid);
    }
    if (o.deleteMarker) {
      const e = S3Errors.methodNotAllowed(method, 'DeleteMarker');
      e.headers = { 'x-amz-delete-marker': 'true', 'x-amz-version-id': o.versionId, allow: 'DELETE', 'last-modified': new Date(o.lastModified).toUTCString() };
      throw e;
    }
    return o;
  }
  const o = c.data.latest(c.bucket, c.key);
  if (!o) throw S3Errors.noSuchKey(c.key);
  if (o.deleteMarker) {
    const e = S3Errors.noSuchKey(c.key);
    e.headers = { 'x-amz-delete-marker': 'true', 'x-amz-version-id': o.versionId };
    throw e;
  }
  return o;
}

function etagMatches(list: string, etag: string): boolean {
  return list.split(',').some((t) => {
    const s = t.trim();
    return s === '*' || s === etag || `"${s}"` === etag;
  });
}

/** 304/412 for If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since (RFC 7232 order). */
function readPreconditions(c: S3Call, o: ObjectRow): CloudResponse | undefined {
  const h = c.req.headers;
  const lm = new Date(o.lastModified).getTime();
  if (h['if-match'] !== undefined && !etagMatches(h['if-match'], o.etag)) throw S3Errors.preconditionFailed('If-Match');
  if (h['if-match'] === undefined && h['if-unmodified-since'] !== undefined) {
    const t = Date.parse(h['if-unmodified-since']);
    if (!Number.isNaN(t) && lm > t) throw S3Errors.preconditionFailed('If-Unmodified-Since');
  }
  const notModified = (): CloudResponse => ({ status: 304, headers: { etag: o.etag, 'last-modified': new Date(o.lastModified).toUTCString() } });
  if (h['if-none-match'] !== undefined) {
    if (etagMatches(h['if-none-match'], o.etag)) return notModified();
  } else if (h['if-modified-since'] !== undefined) {
    const t = Date.parse(h['if-modified-since']);
    if (!Number.isNaN(t) && lm <= t) return notModified();
  }
  return undefined;
}

/** Parses `bytes=a-b`, `bytes=a-`, `bytes=-n`; undefined for a header S3 ignores. */
export function parseRange(h: string | undefined, size: number): { start: number; end: number } | undefined {
  if (!h) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(h.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const n = Number(m[2]);
    if (n === 0) throw S3Errors.invalidRange(h, size);
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (m[2] !== '' && Number(m[2]) < start) return undefined;
  if (start >= size) throw S3Errors.invalidRange(h, size);
  return { start, end };
}

/** GetObject and HeadObject. */
export function getObject(c: S3Call, head: boolean): CloudResponse {
  const b = requireBucket(c);
  const o = addressedVersion(c, b, c.req.method);
  const nm = readPreconditions(c, o);
  if (nm) return nm;
  const headers = { ...objectHeaders(o, b, c.req.query), ...lockHeaders(o.meta) };
  const range = parseRange(c.req.headers['range'], o.size);
  const part = c.req.query.get('partNumber');
  if (part !== null && (!/^\d+$/.test(part) || Number(part) < 1 || Number(part) > Math.max(1, o.meta.partsCount ?? 1))) {
    throw S3Errors.invalidRange(`part ${part}`, o.size).with({ PartNumberRequested: part });
  }
  if (!range && (c.req.headers['x-amz-checksum-mode'] ?? '').toUpperCase() === 'ENABLED') Object.assign(headers, checksumHeaders(o.meta));
  if (range) {
    headers['content-range'] = `bytes ${range.start}-${range.end}/${o.size}`;
    headers['content-length'] = String(range.end - range.start + 1);
    return { status: 206, headers, body: head ? undefined : c.data.readRange(o, range.start, range.end) };
  }
  headers['content-length'] = String(o.size);
  return { status: 200, headers, body: head ? undefined : c.data.readRange(o, 0, o.size - 1) };
}

/** Deletes a key or a version; returns what DeleteObject(s) report. */
function deleteOne(c: S3Call, b: BucketDoc, key: string, vid: string | undefined): { versionId?: string; deleteMarker?: boolean } {
  if (vid !== undefined) {
    const o = c.data.version(c.bucket, key, vid);
    if (!o) {
      if (vid !== 'null' && !b.versioning) throw S3Errors.invalidVersionId(vid);
      return { versionId: vid };
    }
    checkDeletable(o, c.req, c.ctx.now());
    c.data.deleteVersion(c.bucket, key, vid);
    return { versionId: vid, deleteMarker: o.deleteMarker || undefined };
  }
  if (!b.versioning) {
    c.data.deleteVersion(c.bucket, key, 'null');
    return {};
  }
  const marker = c.data.putVersion(
    { bucket: c.bucket, key, versionId: nextVersionId(b), deleteMarker: true, size: 0, etag: '', lastModified: s3Now(c.ctx.now()), meta: { user: {} } },
    Buffer.alloc(0),
  );
  return { versionId: marker.versionId, deleteMarker: true };
}

/** DeleteObject: 204 whether or not the key existed. */
export function deleteObject(c: S3Call): CloudResponse {
  const b = requireBucket(c);
  const r = deleteOne(c, b, c.key, c.req.query.get('versionId') ?? undefined);
  const h: Record<string, string> = {};
  if (r.versionId !== undefined) h['x-amz-version-id'] = r.versionId;
  if (r.deleteMarker) h['x-amz-delete-marker'] = 'true';
  return empty(204, h);
}

/** DeleteObjects (POST ?delete), at most 1000 keys, Quiet mode reports errors only. */
export function deleteObjects(c: S3Call): CloudResponse {
  const b = requireBucket(c);
  const doc = parseXmlBody(c.req.body, 'Delete');
  const objs = children(doc, 'Object');
  if (objs.length === 0 || objs.length > 1000) throw malformedXml();
  const quiet = text(doc, 'Quiet') === 'true';
  const out = [];
  for (const ob of objs) {
    const key = text(ob, 'Key');
    if (key === undefined) throw malformedXml();
    const vid = text(ob, 'VersionId');
    try {
      const r = deleteOne(c, b, key, vid);
      if (quiet) continue;
      const markerVid = r.deleteMarker && vid === undefined ? r.versionId : undefined;
      out.push(
        x(
          'Deleted',
          xs(
            x('Key', key),
            x('VersionId', vid),
            r.deleteMarker ? x('DeleteMarker', true) : undefined,
            markerVid !== undefined ? x('DeleteMarkerVersionId', markerVid) : undefined,
          ),
        ),
      );
    } catch (e) {
      const err = e as { code?: string; message?: string };
      if (!err.code) throw e;
      out.push(x('Error', xs(x('Key', key), x('VersionId', vid), x('Code', err.code), x('Message', err.message ?? ''))));
    }
  }
  return xmlAnswer('DeleteResult', xs(...out));
}

/** Parses x-amz-copy-source: `[/]bucket/key[?versionId=v]`, URL-encoded. */
export function parseCopySource(v: string): { bucket: string; key: string; versionId?: string } {
  const q = v.indexOf('?');
  const path = q < 0 ? v : v.slice(0, q);
  const params = new URLSearchParams(q < 0 ? '' : v.slice(q + 1));
  let decoded: string;
  try {
    decoded = decodeURIComponent(path).replace(/^\//, '');
  } catch {
    throw S3Errors.invalidArgument('Invalid copy source encoding', 'x-amz-copy-source', v);
  }
  const slash = decoded.indexOf('/');
  if (slash <= 0 || slash === decoded.length - 1) {
    throw S3Errors.invalidArgument('Invalid copy source object key', 'x-amz-copy-source', v);
  }
  return { bucket: decoded.slice(0, slash), key: decoded.slice(slash + 1), versionId: params.get('versionId') ?? undefined };
}

/** The source version of a copy, with the x-amz-copy-source-if-* conditions checked. */
export function copySource(c: S3Call): { src: ObjectRow; srcBucket: BucketDoc } {
  const s = parseCopySource(c.req.headers['x-amz-copy-source']!);
  const srcBucket = c.data.bucket(s.bucket);
  if (!srcBucket) throw S3Errors.noSuchBucket(s.bucket);
  const src = s.versionId !== undefined ? c.data.version(s.bucket, s.key, s.versionId) : c.data.latest(s.bucket, s.key);
  if (!src || src.deleteMarker) {
    if (s.versionId !== undefined && !src) throw S3Errors.noSuchVersion(s.key, s.versionId);
    throw S3Errors.noSuchKey(s.key);
  }
  const h = c.req.headers;
  const lm = new Date(src.lastModified).getTime();
  if (h['x-amz-copy-source-if-match'] !== undefined && !etagMatches(h['x-amz-copy-source-if-match'], src.etag)) throw S3Errors.preconditionFailed('x-amz-copy-source-If-Match');
  if (h['x-amz-copy-source-if-none-match'] !== undefined && etagMatches(h['x-amz-copy-source-if-none-match'], src.etag)) throw S3Errors.preconditionFailed('x-amz-copy-source-If-None-Match');
  const ims = h['x-amz-copy-source-if-modified-since'];
  if (ims !== undefined && !Number.isNaN(Date.parse(ims)) && lm <= Date.parse(ims)) throw S3Errors.preconditionFailed('x-amz-copy-source-If-Modified-Since');
  const ius = h['x-amz-copy-source-if-unmodified-since'];
  if (ius !== undefined && !Number.isNaN(Date.parse(ius)) && lm > Date.parse(ius)) throw S3Errors.preconditionFailed('x-amz-copy-source-If-Unmodified-Since');
  return { src, srcBucket };
}

/** CopyObject: metadata and tags copied or replaced per the directives. */
export function copyObject(c: S3Call): CloudResponse {
  const b = requireBucket(c);
  const { src, srcBucket } = copySource(c);
  const h = c.req.headers;
  const mdir = (h['x-amz-metadata-directive'] ?? 'COPY').toUpperCase();
  const tdir = (h['x-amz-tagging-directive'] ?? 'COPY').toUpperCase();
  if (mdir !== 'COPY' && mdir !== 'REPLACE') throw S3Errors.invalidArgument('Unknown metadata directive.', 'x-amz-metadata-directive', mdir);
  if (tdir !== 'COPY' && tdir !== 'REPLACE') throw S3Errors.invalidArgument('Unknown tagging directive.', 'x-amz-tagging-directive', tdir);
  const same = src.bucket === c.bucket && src.key === c.key;
  const changes = mdir === 'REPLACE' || h['x-amz-storage-class'] !== undefined || h['x-amz-website-redirect-location'] !== undefined || h['x-amz-server-side-encryption'] !== undefined;
  if (same && !changes && !(b.versioning === 'Enabled' && c.req.headers['x-amz-copy-source']!.includes('versionId='))) {
    throw S3Errors.invalidRequest(
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
  }
  checkObjectAcl(b, h['x-amz-acl']);
  let meta: ObjectMeta;
  if (mdir === 'REPLACE') {
    meta = metaFromHeaders(c.req);
    if (tdir === 'COPY') meta.tags = src.meta.tags;
  } else {
    const fresh = metaFromHeaders({ ...c.req, headers: { ...h, 'content-type': src.meta.contentType ?? '' } });
    meta = { ...src.meta, storageClass: fresh.storageClass ?? src.meta.storageClass, sse: h['x-amz-server-side-encryption'] ?? src.meta.sse };
    meta.tags = tdir === 'REPLACE' ? fresh.tags : src.meta.tags;
  }
  delete meta.partsCount;
  meta.acl = h['x-amz-acl'];
  meta.lock = lockForNewObject(c.req, b, c.ctx.now());
  const body = src.file ? c.data.cloneFile(src.file) : c.data.read(src);
  const want = (h['x-amz-checksum-algorithm'] ?? '').toLowerCase();
  if (want && src.meta.checksumType === 'COMPOSITE') delete meta.checksums;
  if (src.meta.checksumType === 'COMPOSITE') {
    delete meta.checksums;
    delete meta.checksumType;
  }
  const o = c.data.putVersion(
    { bucket: c.bucket, key: c.key, versionId: nextVersionId(b), deleteMarker: false, size: src.size, etag: src.etag, lastModified: s3Now(c.ctx.now()), meta },
    body,
  );
  const headers = writeHeaders(b, o);
  delete headers['etag'];
  for (const k of Object.keys(headers)) if (k.startsWith('x-amz-checksum-')) delete headers[k];
  if (srcBucket.versioning) headers['x-amz-copy-source-version-id'] = src.versionId;
  const sums = Object.entries(meta.checksums ?? {}).map(([alg, v]) => x(`Checksum${algorithmName(alg as 'crc32')}`, v));
  return xmlAnswer('CopyObjectResult', xs(x('ETag', o.etag), x('LastModified', o.lastModified), ...sums), headers);
}
