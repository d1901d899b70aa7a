/** Object sub-resources: tagging and ACL. */
import type { CloudResponse } from '../../context.js';
import { aclXml, bodyGrants, cannedGrants, headerGrants } from './acl.js';
import { ownershipOf, requireBucket } from './buckets.js';
import { empty, xmlAnswer, type S3Call } from './common.js';
import { S3Errors } from './errors.js';
import { addressedVersion } from './objects.js';
import { parseTagSet, tagSetXml } from './tags.js';

function versionHeader(c: S3Call, versioned: boolean, vid: string): Record<string, string> {
  return versioned ? { 'x-amz-version-id': vid } : {};
}

/** GetObjectTagging, PutObjectTagging, DeleteObjectTagging. */
export function objectTagging(c: S3Call): CloudResponse {
  const b = requireBucket(c);
  const o = addressedVersion(c, b, c.req.method);
  const vh = versionHeader(c, !!b.versioning, o.versionId);
  switch (c.req.method) {
    case 'GET':
      c.ctx.operation = 'GetObjectTagging';
      return xmlAnswer('Tagging', tagSetXml(o.meta.tags ?? []), vh);
    case 'PUT':
      c.ctx.operation = 'PutObjectTagging';
      c.data.setMeta(o, { ...o.meta, tags: parseTagSet(c.req.body, 10) });
      return empty(200, vh);
    case 'DELETE':
      c.ctx.operation = 'DeleteObjectTagging';
      c.data.setMeta(o, { ...o.meta, tags: undefined });
      return empty(204, vh);
    default:
      throw S3Errors.methodNotAllowed(c.req.method, 'OBJECT');
  }
}

/** GetObjectAcl, PutObjectAcl. */
export function objectAcl(c: S3Call): CloudResponse {
  const b = requireBucket(c);
  const o = addressedVersion(c, b, c.req.method);
  const vh = versionHeader(c, !!b.versioning, o.versionId);
  if (c.req.method === 'GET') {
    c.ctx.operation = 'GetObjectAcl';
    const grants = o.meta.acl?.startsWith('[') ? JSON.parse(o.meta.acl) : cannedGrants(o.meta.acl ?? 'private', b.account);
    return xmlAnswer('AccessControlPolicy', aclXml(b.account, grants), vh);
  }
  if (c.req.method !== 'PUT') throw S3Errors.methodNotAllowed(c.req.method, 'OBJECT');
  c.ctx.operation = 'PutObjectAcl';
  const canned = c.req.headers['x-amz-acl'];
  const grants = canned !== undefined ? cannedGrants(canned, b.account) : (headerGrants(c.req.headers) ?? bodyGrants(c.req.body));
  if (ownershipOf(b) === 'BucketOwnerEnforced' && grants.length > 1) throw S3Errors.aclNotSupported();
  c.data.setMeta(o, { ...o.meta, acl: canned ?? JSON.stringify(grants) });
  return empty(200, vh);
}
