/**
 * Reading an aws_s3_bucket: one Get* call per configuration, each turned into the state
 * hashicorp/aws 5.x stores (its empty answers included: versioning [{false,false}], the
 * default AES256 encryption, "BucketOwner" payer, "" for no policy ...).
 */
import {
  GetBucketAccelerateConfigurationCommand, GetBucketAclCommand, GetBucketCorsCommand, GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand, GetBucketLoggingCommand, GetBucketPolicyCommand, GetBucketReplicationCommand,
  GetBucketRequestPaymentCommand, GetBucketVersioningCommand, GetBucketWebsiteCommand, GetObjectLockConfigurationCommand,
  HeadBucketCommand, type Grant, type LifecycleRule, type ReplicationRule,
} from '@aws-sdk/client-s3';
import type { Value } from '../../../lang/value.js';
import { impliedType } from '../../schema.js';
import { attr, fromJS, str, toJS } from '../../sdk/obj.js';
import type { AwsMeta } from '../config.js';
import { awsCall, isAwsCode } from '../errors.js';
import { tagsForState } from '../tags.js';
import { bucketSchema } from './bucket-schema.js';
import { namePrefixFromName } from './common.js';
import { hostedZoneId, websiteEndpoint } from './endpoints.js';
import { policyToSet } from './policy-json.js';
import { bucketTags } from './tags.js';

const NOT_CONFIGURED = [
  'NoSuchBucketPolicy', 'NoSuchCORSConfiguration', 'NoSuchWebsiteConfiguration', 'NoSuchLifecycleConfiguration',
  'ReplicationConfigurationNotFoundError', 'ServerSideEncryptionConfigurationNotFoundError', 'ObjectLockConfigurationNotFoundError',
  'MethodNotAllowed', 'NotImplemented', 'XNotImplemented', 'UnsupportedArgument', 'UnsupportedOperation',
];

class BucketGone extends Error {}

/** Runs a Get* call: undefined when the configuration is absent; BucketGone when the bucket is. */
async function optional<R>(what: string, bucket: string, fn: () => Promise<R>): Promise<R | undefined> {
  try {
    return await fn();
  } catch (e) {
    if (isAwsCode(e, 'NoSuchBucket')) throw new BucketGone();
    if (isAwsCode(e, ...NOT_CONFIGURED)) return undefined;
    return awsCall(`reading S3 Bucket (${bucket}) ${what}`, () => Promise.reject(e));
  }
}

/** True when HeadBucket finds the bucket; false on 404. */
export async function bucketExists(meta: AwsMeta, bucket: string): Promise<{ region: string | undefined } | null> {
  try {
    const out = await meta.s3().send(new HeadBucketCommand({ Bucket: bucket }));
    return { region: out.BucketRegion };
  } catch (e) {
    const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 404 || isAwsCode(e, 'NoSuchBucket', 'NotFound')) return null;
    return awsCall(`reading S3 Bucket (${bucket})`, () => Promise.reject(e));
  }
}

/** The full state of bucket `bucket`, or null when it no longer exists. */
export async function readBucket(meta: AwsMeta, bucket: string, prior: Value): Promise<Value | null> {
  const head = await bucketExists(meta, bucket);
  if (!head) return null;
  try {
    return await readAll(meta, bucket, head.region, prior);
  } catch (e) {
    if (e instanceof BucketGone) return null;
    throw e;
  }
}

async function readAll(meta: AwsMeta, bucket: string, headRegion: string | undefined, prior: Value): Promise<Value> {
  const s3 = meta.s3();
  const B = { Bucket: bucket };
  const [policy, acl, cors, website, versioning, accelerate, payment, logging, lifecycle, replication, sse, lock, tags] = await Promise.all([
    optional('policy', bucket, () => s3.send(new GetBucketPolicyCommand(B))),
    optional('ACL', bucket, () => s3.send(new GetBucketAclCommand(B))),
    optional('CORS configuration', bucket, () => s3.send(new GetBucketCorsCommand(B))),
    optional('website configuration', bucket, () => s3.send(new GetBucketWebsiteCommand(B))),
    optional('versioning', bucket, () => s3.send(new GetBucketVersioningCommand(B))),
    optional('accelerate configuration', bucket, () => s3.send(new GetBucketAccelerateConfigurationCommand(B))),
    optional('request payment configuration', bucket, () => s3.send(new GetBucketRequestPaymentCommand(B))),
    optional('logging', bucket, () => s3.send(new GetBucketLoggingCommand(B))),
    optional('lifecycle configuration', bucket, () => s3.send(new GetBucketLifecycleConfigurationCommand(B))),
    optional('replication configuration', bucket, () => s3.send(new GetBucketReplicationCommand(B))),
    optional('server-side encryption configuration', bucket, () => s3.send(new GetBucketEncryptionCommand(B))),
    optional('object lock configuration', bucket, () => s3.send(new GetObjectLockConfigurationCommand(B))),
    bucketTags(meta, bucket),
  ]);
  const region = headRegion || meta.region;
  const dns = meta.partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  const hasWebsite = website !== undefined && (website.IndexDocument || website.ErrorDocument || website.RedirectAllRequestsTo || website.RoutingRules);
  const lockCfg = lock?.ObjectLockConfiguration;
  // Values the read leaves as they were (hashicorp never sets them from AWS).
  const keepPrior = (name: string): unknown => toJS(attr(prior, name)) ?? null;
  const retention = lockCfg?.Rule?.DefaultRetention;
  const js: Record<string, unknown> = {
    id: bucket,
    bucket,
    bucket_prefix: namePrefixFromName(bucket) ?? '',
    arn: `arn:${meta.partition}:s3:::${bucket}`,
    bucket_domain_name: `${bucket}.s3.${dns}`,
    bucket_regional_domain_name: `${bucket}.s3.${region}.${dns}`,
    region,
    hosted_zone_id: hostedZoneId(region) ?? null,
    force_destroy: keepPrior('force_destroy') ?? false,
    acl: keepPrior('acl'),
    timeouts: keepPrior('timeouts'),
    policy: policy?.Policy !== undefined ? policyToSet(str(prior, 'policy') ?? '', policy.Policy) : '',
    grant: acl ? flattenGrants(acl.Grants ?? []) : [],
    cors_rule: (cors?.CORSRules ?? []).map((r) => ({
      allowed_headers: r.AllowedHeaders?.length ? r.AllowedHeaders : null,
      allowed_methods: r.AllowedMethods?.length ? r.AllowedMethods : null,
      allowed_origins: r.AllowedOrigins?.length ? r.AllowedOrigins : null,
      expose_headers: r.ExposeHeaders?.length ? r.ExposeHeaders : null,
      max_age_seconds: r.MaxAgeSeconds ?? 0,
    })),
    website: hasWebsite ? [{
      index_document: website.IndexDocument?.Suffix ?? '',
      error_document: website.ErrorDocument?.Key ?? '',
      redirect_all_requests_to: website.RedirectAllRequestsTo
        ? (website.RedirectAllRequestsTo.Protocol ? `${website.RedirectAllRequestsTo.Protocol}://${website.RedirectAllRequestsTo.HostName}` : website.RedirectAllRequestsTo.HostName ?? '')
        : '',
      routing_rules: website.RoutingRules ? JSON.stringify(website.RoutingRules) : '',
    }] : [],
    website_endpoint: hasWebsite ? websiteEndpoint(bucket, region).endpoint : keepPrior('website_endpoint'),
    website_domain: hasWebsite ? websiteEndpoint(bucket, region).domain : keepPrior('website_domain'),
    versioning: versioning ? [{ enabled: versioning.Status === 'Enabled', mfa_delete: versioning.MFADelete === 'Enabled' }] : [],
    acceleration_status: accelerate?.Status ?? '',
    request_payer: payment?.Payer ?? '',
    logging: logging?.LoggingEnabled ? [{ target_bucket: logging.LoggingEnabled.TargetBucket ?? '', target_prefix: logging.LoggingEnabled.TargetPrefix ?? '' }] : [],
    lifecycle_rule: (lifecycle?.Rules ?? []).map(flattenLifecycleRule),
    replication_configuration: replication?.ReplicationConfiguration ? [{
      role: replication.ReplicationConfiguration.Role ?? '',
      rules: (replication.ReplicationConfiguration.Rules ?? []).map(flattenReplicationRule),
    }] : [],
    server_side_encryption_configuration: sse?.ServerSideEncryptionConfiguration ? [{
      rule: (sse.ServerSideEncryptionConfiguration.Rules ?? []).map((r) => ({
        apply_server_side_encryption_by_default: r.ApplyServerSideEncryptionByDefault
          ? [{ kms_master_key_id: r.ApplyServerSideEncryptionByDefault.KMSMasterKeyID ?? '', sse_algorithm: r.ApplyServerSideEncryptionByDefault.SSEAlgorithm ?? '' }]
          : [],
        bucket_key_enabled: r.BucketKeyEnabled ?? false,
      })),
    }] : [],
    object_lock_configuration: lockCfg ? [{
      object_lock_enabled: lockCfg.ObjectLockEnabled ?? '',
      rule: retention ? [{ default_retention: [{ days: retention.Days ?? 0, mode: retention.Mode ?? '', years: retention.Years ?? 0 }] }] : [],
    }] : [],
    object_lock_enabled: lockCfg?.ObjectLockEnabled === 'Enabled',
    ...tagsForState(meta, tags as never, prior),
  };
  return fromJS(js, impliedType(bucketSchema.block));
}

function flattenGrants(grants: Grant[]): Record<string, unknown>[] {
  const out: { type: string; id: string; uri: string; permissions: string[] }[] = [];
  for (const g of grants) {
    const type = g.Grantee?.Type ?? '';
    const id = g.Grantee?.ID ?? '';
    const uri = g.Grantee?.URI ?? '';
    const same = out.find((o) => o.type === type && o.id === id && o.uri === uri);
    if (same) same.permissions.push(g.Permission ?? '');
    else out.push({ type, id, uri, permissions: [g.Permission ?? ''] });
  }
  return out;
}

const day = (d: Date | undefined) => (d ? d.toISOString().slice(0, 10) : '');

function tagsOf(tags: { Key?: string; Value?: string }[] | undefined): Record<string, string> | null {
  if (!tags) return null;
  return Object.fromEntries(tags.filter((t) => !t.Key?.startsWith('aws:')).map((t) => [t.Key ?? '', t.Value ?? '']));
}

function flattenLifecycleRule(r: LifecycleRule): Record<string, unknown> {
  const f = r.Filter;
  return {
    id: r.ID ?? '',
    enabled: r.Status === 'Enabled',
    prefix: f?.And?.Prefix ?? f?.Prefix ?? r.Prefix ?? '',
    tags: f?.And?.Tags ? tagsOf(f.And.Tags) : f?.Tag ? tagsOf([f.Tag]) : null,
    abort_incomplete_multipart_upload_days: r.AbortIncompleteMultipartUpload?.DaysAfterInitiation ?? 0,
    expiration: r.Expiration ? [{
      date: day(r.Expiration.Date), days: r.Expiration.Days ?? 0, expired_object_delete_marker: r.Expiration.ExpiredObjectDeleteMarker ?? false,
    }] : [],
    noncurrent_version_expiration: r.NoncurrentVersionExpiration ? [{ days: r.NoncurrentVersionExpiration.NoncurrentDays ?? 0 }] : [],
    noncurrent_version_transition: (r.NoncurrentVersionTransitions ?? []).map((t) => ({ days: t.NoncurrentDays ?? 0, storage_class: t.StorageClass ?? '' })),
    transition: (r.Transitions ?? []).map((t) => ({ date: day(t.Date), days: t.Days ?? 0, storage_class: t.StorageClass ?? '' })),
  };
}

function flattenReplicationRule(r: ReplicationRule): Record<string, unknown> {
  const d = r.Destination;
  return {
    id: r.ID ?? '',
    prefix: r.Prefix ?? '',
    priority: r.Priority ?? 0,
    status: r.Status ?? '',
    delete_marker_replication_status: r.DeleteMarkerReplication?.Status === 'Enabled' ? 'Enabled' : '',
    destination: d ? [{
      bucket: d.Bucket ?? '',
      account_id: d.Account ?? '',
      storage_class: d.StorageClass ?? '',
      replica_kms_key_id: d.EncryptionConfiguration?.ReplicaKmsKeyID ?? '',
      access_control_translation: d.AccessControlTranslation ? [{ owner: d.AccessControlTranslation.Owner ?? '' }] : [],
      metrics: d.Metrics ? [{ minutes: d.Metrics.EventThreshold?.Minutes ?? 0, status: d.Metrics.Status ?? '' }] : [],
      replication_time: d.ReplicationTime ? [{ minutes: d.ReplicationTime.Time?.Minutes ?? 0, status: d.ReplicationTime.Status ?? '' }] : [],
    }] : [],
    filter: r.Filter ? [{
      prefix: r.Filter.And?.Prefix ?? r.Filter.Prefix ?? '',
      tags: r.Filter.And?.Tags ? tagsOf(r.Filter.And.Tags) : r.Filter.Tag ? tagsOf([r.Filter.Tag]) : null,
    }] : [],
    source_selection_criteria: r.SourceSelectionCriteria ? [{
      sse_kms_encrypted_objects: r.SourceSelectionCriteria.SseKmsEncryptedObjects
        ? [{ enabled: r.SourceSelectionCriteria.SseKmsEncryptedObjects.Status === 'Enabled' }] : [],
    }] : [],
  };
}
