/**
 * aws_s3_object, as hashicorp/aws 5.x defines it: id = the key; import id "bucket/key" or
 * "s3://bucket/key"; bucket and key force a new object; a change to the content or to any
 * stored header (content, source, etag, source_hash, content_type, metadata ...) uploads the
 * object again, while acl, tags and object lock settings are changed in place. A changed
 * file behind an unchanged `source` path is seen only through `etag` or `source_hash`, as
 * with hashicorp (set either to filemd5(...)).
 */
import {
  DeleteObjectCommand, HeadObjectCommand, PutObjectAclCommand, PutObjectCommand, PutObjectLegalHoldCommand,
  PutObjectRetentionCommand, type HeadObjectCommandOutput, type PutObjectCommandInput,
} from '@aws-sdk/client-s3';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { rawEquals, unknownVal, type Value } from '../../../lang/value.js';
import * as T from '../../../lang/types.js';
import { impliedType } from '../../schema.js';
import { attr, bool, fromJS, str, toJS, withAttrs } from '../../sdk/obj.js';
import { nullObject } from '../../sdk/provider.js';
import { ProviderError, type ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsCall, awsFailure, isAwsCode } from '../errors.js';
import { planTagsAll, tagMap, tagsForState } from '../tags.js';
import { emptyBucket } from './bucket-empty.js';
import { legacyPlan, samePrior, readAfterWrite } from './common.js';
import { objectSchema } from './schemas.js';
import { objectTags, setObjectTags } from './tags.js';
import { validateObject } from './validate.js';

const type = impliedType(objectSchema.block);

/** The arguments whose change uploads the object again (hashicorp's hasObjectContentChanges). */
export const CONTENT_ATTRIBUTES = [
  'bucket_key_enabled', 'cache_control', 'checksum_algorithm', 'content_base64', 'content_disposition', 'content_encoding',
  'content_language', 'content_type', 'content', 'etag', 'kms_key_id', 'metadata', 'server_side_encryption', 'source',
  'source_hash', 'storage_class', 'website_redirect',
] as const;

const changed = (prior: Value, planned: Value, name: string) => !rawEquals(attr(prior, name).unmark(), attr(planned, name).unmark());

async function body(planned: Value): Promise<Buffer> {
  const raw = str(planned, 'source');
  if (raw !== undefined) {
    const source = raw.startsWith('~/') ? join(homedir(), raw.slice(2)) : raw;
    try {
      return await readFile(source);
    } catch (e) {
      throw new ProviderError(`opening S3 object source (${source}): ${(e as Error).message}`);
    }
  }
  const b64 = str(planned, 'content_base64');
  if (b64 !== undefined) return Buffer.from(b64, 'base64');
  return Buffer.from(str(planned, 'content') ?? '', 'utf8');
}

const nonEmpty = (v: string | undefined) => (v ? v : undefined);

async function upload(meta: AwsMeta, planned: Value): Promise<void> {
  const bucket = str(planned, 'bucket')!, key = cleanKey(str(planned, 'key')!);
  const tags = tagMap(planned, 'tags_all');
  const kmsKey = nonEmpty(str(planned, 'kms_key_id'));
  const locking = Boolean(str(planned, 'object_lock_legal_hold_status') || str(planned, 'object_lock_mode') || str(planned, 'object_lock_retain_until_date'));
  const metadata = (toJS(attr(planned, 'metadata')) as Record<string, string> | null) ?? undefined;
  const input: PutObjectCommandInput = {
    Bucket: bucket, Key: key, Body: await body(planned),
    ACL: nonEmpty(str(planned, 'acl')) as 'private' | undefined,
    CacheControl: nonEmpty(str(planned, 'cache_control')),
    ContentType: nonEmpty(str(planned, 'content_type')),
    ContentDisposition: nonEmpty(str(planned, 'content_disposition')),
    ContentEncoding: nonEmpty(str(planned, 'content_encoding')),
    ContentLanguage: nonEmpty(str(planned, 'content_language')),
    Metadata: metadata && Object.keys(metadata).length ? metadata : undefined,
    ServerSideEncryption: (nonEmpty(str(planned, 'server_side_encryption')) ?? (kmsKey ? 'aws:kms' : undefined)) as 'AES256' | undefined,
    SSEKMSKeyId: kmsKey,
    BucketKeyEnabled: bool(planned, 'bucket_key_enabled') || undefined,
    StorageClass: nonEmpty(str(planned, 'storage_class')) as 'STANDARD' | undefined,
    WebsiteRedirectLocation: nonEmpty(str(planned, 'website_redirect')),
    // Object lock parameters need a checksum header; hashicorp adds CRC32 when none is configured.
    ChecksumAlgorithm: (nonEmpty(str(planned, 'checksum_algorithm')) ?? (locking ? 'CRC32' : undefined)) as 'SHA256' | undefined,
    ObjectLockLegalHoldStatus: nonEmpty(str(planned, 'object_lock_legal_hold_status')) as 'ON' | undefined,
    ObjectLockMode: nonEmpty(str(planned, 'object_lock_mode')) as 'GOVERNANCE' | undefined,
    ObjectLockRetainUntilDate: str(planned, 'object_lock_retain_until_date') ? new Date(str(planned, 'object_lock_retain_until_date')!) : undefined,
    Tagging: Object.keys(tags).length ? new URLSearchParams(tags).toString() : undefined,
  };
  await awsCall(`uploading S3 Object (${key}) to Bucket (${bucket})`, () => meta.s3().send(new PutObjectCommand(input)));
}

async function head(meta: AwsMeta, bucket: string, key: string, checksums: boolean): Promise<HeadObjectCommandOutput | null> {
  try {
    return await meta.s3().send(new HeadObjectCommand({ Bucket: bucket, Key: key, ChecksumMode: checksums ? 'ENABLED' : undefined }));
  } catch (e) {
    const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 404 || isAwsCode(e, 'NoSuchKey', 'NotFound', 'NoSuchBucket')) return null;
    throw awsFailure(`reading S3 Object (${key})`, e);
  }
}

async function read(meta: AwsMeta, prior: Value): Promise<Value | null> {
  const bucket = str(prior, 'bucket')!, key = str(prior, 'key') ?? str(prior, 'id')!;
  const h = await head(meta, bucket, cleanKey(key), Boolean(str(prior, 'checksum_algorithm')));
  if (!h) return null;
  const tags = await objectTags(meta, bucket, cleanKey(key));
  const keep = (name: string): unknown => toJS(attr(prior, name)) ?? null;
  const metadata = h.Metadata && Object.keys(h.Metadata).length ? h.Metadata : (attr(prior, 'metadata').isKnown && !attr(prior, 'metadata').isNull ? {} : null);
  return fromJS({
    id: key, bucket, key,
    arn: `arn:${meta.partition}:s3:::${bucket}/${key}`,
    acl: keep('acl'), content: keep('content'), content_base64: keep('content_base64'), source: keep('source'), source_hash: keep('source_hash'),
    force_destroy: keep('force_destroy') ?? false, override_provider: keep('override_provider') ?? [], checksum_algorithm: keep('checksum_algorithm'),
    bucket_key_enabled: h.BucketKeyEnabled ?? false,
    cache_control: h.CacheControl ?? '',
    content_disposition: h.ContentDisposition ?? '',
    content_encoding: h.ContentEncoding ?? '',
    content_language: h.ContentLanguage ?? '',
    content_type: h.ContentType ?? '',
    etag: (h.ETag ?? '').replace(/^"|"$/g, ''),
    kms_key_id: h.SSEKMSKeyId ?? (attr(prior, 'kms_key_id').isKnown ? keep('kms_key_id') : null),
    metadata,
    object_lock_legal_hold_status: h.ObjectLockLegalHoldStatus ?? '',
    object_lock_mode: h.ObjectLockMode ?? '',
    object_lock_retain_until_date: h.ObjectLockRetainUntilDate ? h.ObjectLockRetainUntilDate.toISOString().replace(/\.\d{3}Z$/, 'Z') : '',
    server_side_encryption: h.ServerSideEncryption ?? '',
    storage_class: h.StorageClass ?? 'STANDARD',
    version_id: h.VersionId ?? '',
    website_redirect: h.WebsiteRedirectLocation ?? '',
    checksum_crc32: h.ChecksumCRC32 ?? '', checksum_crc32c: h.ChecksumCRC32C ?? '', checksum_crc64nvme: h.ChecksumCRC64NVME ?? '',
    checksum_sha1: h.ChecksumSHA1 ?? '', checksum_sha256: h.ChecksumSHA256 ?? '',
    ...tagsForState(metaFor(meta, prior), tags as never, prior),
  }, type);
}

/**
 * The provider meta as this object sees it: an `override_provider { default_tags {} }` with
 * no tags makes the object ignore the provider's default_tags (hashicorp's rule).
 */
function metaFor(meta: AwsMeta, v: Value): AwsMeta {
  const op = toJS(attr(v, 'override_provider')) as { default_tags: { tags: Record<string, string> | null }[] | null }[] | null;
  const dt = op?.[0]?.default_tags;
  if (!dt || dt.length === 0 || Object.keys(dt[0]?.tags ?? {}).length > 0) return meta;
  return { ...meta, defaultTags: {} };
}

/** Splits an import id "bucket/key" or "s3://bucket/key". */
export function parseObjectImportId(id: string): { bucket: string; key: string } {
  const rest = id.startsWith('s3://') ? id.slice(5) : id;
  const i = rest.indexOf('/');
  if (i < 0) throw new ProviderError('Invalid import ID', `id ${rest} should be in format <bucket>/<key> or s3://<bucket>/<key>`);
  return { bucket: rest.slice(0, i), key: rest.slice(i + 1) };
}

/**
 * The key as AWS SDK for Go v1 sent it, which hashicorp keeps for compatibility: no leading
 * "./" or "/", and runs of "/" as one.
 */
export function cleanKey(key: string): string {
  return key.replace(/^\.\//, '').replace(/^\/+/, '').replace(/\/+/g, '/');
}

/** The aws_s3_object resource. */
export const awsS3Object: ResourceDef<AwsMeta> = {
  schema: objectSchema,

  validate: validateObject,

  customizePlan(ctx, p0) {
    let p = planTagsAll(metaFor(ctx.meta, p0.config), legacyPlan(objectSchema.block, p0));
    const prior = p.prior && !p.prior.isNull ? p.prior : null;
    if (prior && p.requiresReplace.length === 0) {
      const changes: Record<string, Value> = {};
      if (CONTENT_ATTRIBUTES.some((n) => changed(prior, p.planned, n))) changes.version_id = unknownVal(T.String);
      const bodyChanged = ['content', 'content_base64', 'source', 'source_hash'].some((n) => changed(prior, p.planned, n));
      if (bodyChanged && attr(p.config, 'etag').isNull) changes.etag = unknownVal(T.String);
      if (Object.keys(changes).length) p = { ...p, planned: withAttrs(p.planned, changes) };
    }
    return samePrior(p);
  },

  async create(ctx, planned) {
    await upload(ctx.meta, planned);
    const got = await readAfterWrite(() => read(ctx.meta, withAttrs(planned, { id: str(planned, 'key')! })));
    if (!got) throw new ProviderError(`reading S3 Object (${str(planned, 'key')}): couldn't find resource`);
    return got;
  },

  read: (ctx, state) => read(ctx.meta, state),

  async update(ctx, prior, planned) {
    const meta = ctx.meta;
    const bucket = str(planned, 'bucket')!, key = cleanKey(str(planned, 'key')!);
    if (CONTENT_ATTRIBUTES.some((n) => changed(prior, planned, n))) await upload(meta, planned);
    else {
      const s3 = meta.s3();
      if (changed(prior, planned, 'acl') && str(planned, 'acl')) {
        await awsCall(`putting S3 Object (${key}) ACL`, () => s3.send(new PutObjectAclCommand({ Bucket: bucket, Key: key, ACL: str(planned, 'acl') as 'private' })));
      }
      if (changed(prior, planned, 'object_lock_legal_hold_status')) {
        await awsCall(`putting S3 Object (${key}) legal hold`, () => s3.send(new PutObjectLegalHoldCommand({
          Bucket: bucket, Key: key, LegalHold: { Status: (str(planned, 'object_lock_legal_hold_status') || 'OFF') as 'ON' },
        })));
      }
      if (changed(prior, planned, 'object_lock_mode') || changed(prior, planned, 'object_lock_retain_until_date')) {
        const until = str(planned, 'object_lock_retain_until_date');
        await awsCall(`putting S3 Object (${key}) retention`, () => s3.send(new PutObjectRetentionCommand({
          Bucket: bucket, Key: key, BypassGovernanceRetention: true,
          Retention: { Mode: (str(planned, 'object_lock_mode') || undefined) as 'GOVERNANCE' | undefined, RetainUntilDate: until ? new Date(until) : undefined },
        })));
      }
      if (changed(prior, planned, 'tags_all')) await setObjectTags(meta, bucket, key, tagMap(planned, 'tags_all'));
    }
    const got = await read(meta, planned);
    if (!got) throw new ProviderError(`reading S3 Object (${key}): couldn't find resource`);
    return got;
  },

  async delete(ctx, state) {
    const bucket = str(state, 'bucket')!, key = cleanKey(str(state, 'key')!);
    try {
      if (str(state, 'version_id')) {
        await emptyBucket(ctx.meta, bucket, { key, bypassGovernance: bool(state, 'force_destroy') === true });
      } else {
        await ctx.meta.s3().send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      }
    } catch (e) {
      if (isAwsCode(e, 'NoSuchBucket', 'NoSuchKey')) return;
      throw awsFailure(`deleting S3 Bucket (${bucket}) Object (${key})`, e);
    }
  },

  async importState(_ctx, id) {
    const { bucket, key } = parseObjectImportId(id);
    return withAttrs(nullObject(type), { id: key, bucket, key, force_destroy: false });
  },
};
