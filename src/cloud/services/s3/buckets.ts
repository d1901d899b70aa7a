/** Bucket lifecycle: CreateBucket, HeadBucket, ListBuckets, DeleteBucket, GetBucketLocation. */
import type { CloudResponse } from '../../context.js';
import { AwsError } from '../../errors.js';
import { parseXmlBody, text } from '../../protocols/rest-xml.js';
import { x, xs } from '../../xml.js';
import { cannedGrants, headerGrants, isPublic } from './acl.js';
import { empty, ownerXml, xmlAnswer, type S3Call } from './common.js';
import type { BucketDoc } from './data.js';
import { S3Errors } from './errors.js';
import { isValidBucketName } from './names.js';

const OWNERSHIPS = ['BucketOwnerPreferred', 'ObjectWriter', 'BucketOwnerEnforced'];

/** The bucket of a call, or 404 NoSuchBucket. */
export function requireBucket(c: S3Call): BucketDoc {
  const b = c.data.bucket(c.bucket);
  if (!b) throw S3Errors.noSuchBucket(c.bucket);
  return b;
}

/** The object ownership in effect (AWS's default for new buckets is BucketOwnerEnforced). */
export function ownershipOf(b: BucketDoc): string | undefined {
  return b.ownership === undefined ? 'BucketOwnerEnforced' : (b.ownership ?? undefined);
}

/**
 * CreateBucket. Region rules as AWS: the us-east-1 endpoint takes any LocationConstraint but
 * 'us-east-1' itself (InvalidLocationConstraint); any other regional endpoint needs a
 * constraint equal to its region (IllegalLocationConstraintException). In us-east-1,
 * re-creating a bucket you own succeeds (AWS's legacy behaviour); elsewhere it is
 * BucketAlreadyOwnedByYou.
 */
export function createBucket(c: S3Call): CloudResponse {
  const name = c.bucket;
  if (!isValidBucketName(name)) throw S3Errors.invalidBucketName(name);
  let lc: string | undefined;
  if (c.req.body.length > 0 && c.req.body.toString('utf8').trim() !== '') {
    const doc = parseXmlBody(c.req.body, 'CreateBucketConfiguration');
    lc = text(doc, 'LocationConstraint') || undefined;
  }
  const region = c.ctx.region;
  if (region === 'us-east-1') {
    if (lc === 'us-east-1') throw S3Errors.invalidLocationConstraint(lc);
  } else if (lc !== region) {
    throw S3Errors.illegalLocationConstraint(lc);
  }
  if (lc === 'EU') lc = 'eu-west-1';
  if (lc !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(lc)) throw S3Errors.invalidLocationConstraint(lc);
  const existing = c.data.bucket(name);
  if (existing) {
    if (existing.account !== c.ctx.account) throw S3Errors.alreadyExists(name);
    if (region === 'us-east-1' && existing.region === 'us-east-1') return empty(200, { location: `/${name}` });
    throw S3Errors.alreadyOwnedByYou(name);
  }
  const ownership = c.req.headers['x-amz-object-ownership'];
  if (ownership !== undefined && !OWNERSHIPS.includes(ownership)) {
    throw S3Errors.invalidArgument('Invalid x-amz-object-ownership header', 'x-amz-object-ownership', ownership);
  }
  const b: BucketDoc = {
    name,
    account: c.ctx.account,
    region: lc ?? 'us-east-1',
    created: c.ctx.now().toISOString(),
    xml: {},
  };
  if (ownership !== undefined && ownership !== 'BucketOwnerEnforced') b.ownership = ownership;
  const canned = c.req.headers['x-amz-acl'];
  const grants = canned !== undefined ? cannedGrants(canned, c.ctx.account) : headerGrants(c.req.headers);
  if (grants) {
    if (ownershipOf(b) === 'BucketOwnerEnforced' && (grants.length > 1 || canned === undefined)) {
      throw new AwsError('InvalidBucketAclWithObjectOwnership', "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting", 400);
    }
    if (isPublic(grants)) throw S3Errors.accessDenied();
    b.acl = grants;
  }
  if ((c.req.headers['x-amz-bucket-object-lock-enabled'] ?? '').toLowerCase() === 'true') {
    b.objectLockEnabled = true;
    b.versioning = 'Enabled';
  }
  c.data.saveBucket(b);
  const location = b.region === 'us-east-1' ? `/${name}` : `http://${name}.s3.amazonaws.com/`;
  return empty(200, { location });
}

/** HeadBucket: 200 with the bucket's region, or a bare 404. */
export function headBucket(c: S3Call): CloudResponse {
  const b = requireBucket(c);
  return empty(200, { 'x-amz-bucket-region': b.region, 'x-amz-access-point-alias': 'false' });
}

/** ListBuckets, with the optional prefix, bucket-region, max-buckets and continuation-token. */
export function listBuckets(c: S3Call): CloudResponse {
  const q = c.req.query;
  const prefix = q.get('prefix') ?? '';
  const region = q.get('bucket-region');
  const max = q.has('max-buckets') ? Number(q.get('max-buckets')) : undefined;
  if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > 10000)) {
    throw S3Errors.invalidArgument('Argument max-buckets must be an integer between 1 and 10000.', 'max-buckets', q.get('max-buckets')!);
  }
  const after = q.get('continuation-token') ? Buffer.from(q.get('continuation-token')!, 'base64url').toString('utf8') : '';
  let all = c.data.bucketsOf(c.ctx.account).filter((b) => b.name.startsWith(prefix) && (!region || b.region === region) && b.name > after);
  let next: string | undefined;
  if (max !== undefined && all.length > max) {
    all = all.slice(0, max);
    next = Buffer.from(all[all.length - 1]!.name).toString('base64url');
  }
  const buckets = all.map((b) => x('Bucket', xs(x('Name', b.name), x('CreationDate', b.created), x('BucketRegion', b.region))));
  return xmlAnswer(
    'ListAllMyBucketsResult',
    xs(ownerXml(c.ctx.account), x('Buckets', buckets.length ? buckets : null), x('ContinuationToken', next), q.has('prefix') ? x('Prefix', prefix) : undefined),
  );
}

/** DeleteBucket: only an empty bucket (no versions, no delete markers). */
export function deleteBucket(c: S3Call): CloudResponse {
  requireBucket(c);
  if (c.data.hasContent(c.bucket)) throw S3Errors.bucketNotEmpty(c.bucket);
  for (const u of c.data.uploadsOf(c.bucket)) c.data.deleteUpload(u.uploadId);
  c.data.deleteBucket(c.bucket);
  return empty(204);
}

/** GetBucketLocation: empty for us-east-1, as AWS answers. */
export function getBucketLocation(c: S3Call): CloudResponse {
  const b = requireBucket(c);
  return xmlAnswer('LocationConstraint', b.region === 'us-east-1' ? '' : xs(b.region));
}
