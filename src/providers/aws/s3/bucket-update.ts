/**
 * Applying aws_s3_bucket's inline (deprecated) configuration: each changed block becomes
 * its Put or Delete call, in hashicorp's order, with hashicorp's wording on failure.
 */
import {
  DeleteBucketCorsCommand, DeleteBucketEncryptionCommand, DeleteBucketLifecycleCommand, DeleteBucketPolicyCommand,
  DeleteBucketReplicationCommand, DeleteBucketWebsiteCommand, GetBucketAclCommand, PutBucketAccelerateConfigurationCommand, PutBucketAclCommand,
  PutBucketCorsCommand, PutBucketEncryptionCommand, PutBucketLifecycleConfigurationCommand, PutBucketLoggingCommand,
  PutBucketPolicyCommand, PutBucketReplicationCommand, PutBucketRequestPaymentCommand, PutBucketVersioningCommand,
  PutBucketWebsiteCommand, PutObjectLockConfigurationCommand, type LifecycleRule, type ReplicationRule, type Tag,
} from '@aws-sdk/client-s3';
import { rawEquals, type Value } from '../../../lang/value.js';
import { attr, toJS } from '../../sdk/obj.js';
import { ProviderError } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsCall } from '../errors.js';
import { compactJson } from './policy-json.js';
import { prefixedUniqueId } from './common.js';

type Obj = Record<string, unknown>;
const list = (v: Value, name: string): Obj[] => (toJS(attr(v, name)) as Obj[] | null | undefined) ?? [];
const first = (v: unknown): Obj | undefined => (Array.isArray(v) && v.length ? (v[0] as Obj) : undefined);
const s = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const n = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const tagList = (m: unknown): Tag[] => Object.entries((m as Record<string, string> | null) ?? {}).map(([Key, Value]) => ({ Key, Value }));
const date = (d: string) => new Date(`${d}T00:00:00Z`);

/** Applies every inline configuration that differs between `prior` (null: just created) and `planned`. */
export async function applyInlineConfig(meta: AwsMeta, bucket: string, prior: Value | null, planned: Value): Promise<void> {
  const s3 = meta.s3();
  const changed = (name: string) => {
    const nv = attr(planned, name);
    if (!nv.isKnown) return false;
    if (!prior) return !nv.isNull && (nv.type.kind === 'string' ? nv.v !== '' : nv.elems?.length > 0);
    return !rawEquals(attr(prior, name).unmark(), nv.unmark());
  };
  const B = { Bucket: bucket };
  const op = (what: string) => `${what} S3 Bucket (${bucket})`;

  if (changed('policy')) {
    const policy = s(toJS(attr(planned, 'policy')));
    if (!policy) await awsCall(`${op('deleting')} policy`, () => s3.send(new DeleteBucketPolicyCommand(B)));
    else await awsCall(`${op('putting')} policy`, () => s3.send(new PutBucketPolicyCommand({ ...B, Policy: compactJson(policy) })));
  }
  if (changed('cors_rule')) {
    const rules = list(planned, 'cors_rule');
    if (!rules.length) await awsCall(`${op('deleting')} CORS configuration`, () => s3.send(new DeleteBucketCorsCommand(B)));
    else {
      await awsCall(`${op('putting')} CORS configuration`, () => s3.send(new PutBucketCorsCommand({
        ...B,
        CORSConfiguration: {
          CORSRules: rules.map((r) => ({
            AllowedHeaders: (r.allowed_headers as string[] | null) ?? undefined, AllowedMethods: (r.allowed_methods as string[] | null) ?? undefined,
            AllowedOrigins: (r.allowed_origins as string[] | null) ?? undefined, ExposeHeaders: (r.expose_headers as string[] | null) ?? undefined,
            MaxAgeSeconds: n(r.max_age_seconds),
          })),
        },
      })));
    }
  }
  if (changed('website')) {
    const w = first(list(planned, 'website'));
    if (!w) await awsCall(`${op('deleting')} website configuration`, () => s3.send(new DeleteBucketWebsiteCommand(B)));
    else {
      const redirect = s(w.redirect_all_requests_to);
      let RedirectAllRequestsTo: { Protocol?: 'http' | 'https'; HostName: string } | undefined;
      if (redirect) {
        const m = /^([a-z]+):\/\/(.*)$/.exec(redirect);
        RedirectAllRequestsTo = m ? { Protocol: m[1] as 'http', HostName: m[2]! } : { HostName: redirect };
      }
      const rr = s(w.routing_rules);
      await awsCall(`${op('putting')} website configuration`, () => s3.send(new PutBucketWebsiteCommand({
        ...B,
        WebsiteConfiguration: {
          IndexDocument: s(w.index_document) ? { Suffix: s(w.index_document) } : undefined,
          ErrorDocument: s(w.error_document) ? { Key: s(w.error_document) } : undefined,
          RedirectAllRequestsTo,
          RoutingRules: rr ? JSON.parse(rr) as never : undefined,
        },
      })));
    }
  }
  if (changed('versioning')) {
    const v = first(list(planned, 'versioning'));
    if (v) {
      const enabled = v.enabled === true, mfa = v.mfa_delete === true;
      // A new bucket is unversioned already: only a wanted "Enabled" needs a call.
      if (prior || enabled || mfa) {
        await awsCall(`${op('putting')} versioning`, () => s3.send(new PutBucketVersioningCommand({
          ...B,
          VersioningConfiguration: prior
            ? { Status: enabled ? 'Enabled' : 'Suspended', MFADelete: mfa ? 'Enabled' : 'Disabled' }
            : { Status: enabled ? 'Enabled' : undefined, MFADelete: mfa ? 'Enabled' : undefined },
        })));
      }
    }
  }
  const acl = s(toJS(attr(planned, 'acl')));
  const grants = list(planned, 'grant');
  if ((prior && changed('acl') && acl) || (changed('grant') && grants.length === 0 && prior)) {
    await awsCall(`${op('putting')} ACL`, () => s3.send(new PutBucketAclCommand({ ...B, ACL: (acl ?? 'private') as 'private' })));
  }
  if (changed('grant') && grants.length > 0) {
    const current = await awsCall(`${op('reading')} ACL`, () => s3.send(new GetBucketAclCommand(B)));
    await awsCall(`${op('putting')} ACL`, () => s3.send(new PutBucketAclCommand({
      ...B,
      AccessControlPolicy: {
        Owner: current.Owner,
        Grants: grants.flatMap((g) => ((g.permissions as string[] | null) ?? []).map((Permission) => ({
          Permission: Permission as 'READ',
          Grantee: { Type: s(g.type) as 'CanonicalUser', ID: s(g.id), URI: s(g.uri) },
        }))),
      },
    })));
  }
  if (changed('logging')) {
    const l = first(list(planned, 'logging'));
    await awsCall(`${op('putting')} logging`, () => s3.send(new PutBucketLoggingCommand({
      ...B,
      BucketLoggingStatus: l ? { LoggingEnabled: { TargetBucket: s(l.target_bucket), TargetPrefix: s(l.target_prefix) ?? '' } } : {},
    })));
  }
  if (changed('lifecycle_rule')) {
    const rules = list(planned, 'lifecycle_rule');
    if (!rules.length) await awsCall(`${op('deleting')} lifecycle configuration`, () => s3.send(new DeleteBucketLifecycleCommand(B)));
    else {
      await awsCall(`${op('putting')} lifecycle configuration`, () => s3.send(new PutBucketLifecycleConfigurationCommand({
        ...B, LifecycleConfiguration: { Rules: rules.map(expandLifecycleRule) },
      })));
    }
  }
  if (changed('acceleration_status')) {
    const status = s(toJS(attr(planned, 'acceleration_status')));
    if (status) {
      await awsCall(`${op('putting')} accelerate configuration`, () =>
        s3.send(new PutBucketAccelerateConfigurationCommand({ ...B, AccelerateConfiguration: { Status: status as 'Enabled' } })));
    }
  }
  if (changed('request_payer')) {
    const payer = s(toJS(attr(planned, 'request_payer')));
    if (payer) {
      await awsCall(`${op('putting')} request payment configuration`, () =>
        s3.send(new PutBucketRequestPaymentCommand({ ...B, RequestPaymentConfiguration: { Payer: payer as 'Requester' } })));
    }
  }
  if (changed('replication_configuration')) {
    const r = first(list(planned, 'replication_configuration'));
    if (!r) await awsCall(`${op('deleting')} replication configuration`, () => s3.send(new DeleteBucketReplicationCommand(B)));
    else {
      const versioning = first(list(planned, 'versioning'));
      if (versioning?.enabled !== true) throw new ProviderError(`versioning must be enabled on S3 Bucket (${bucket}) to allow replication`);
      await awsCall(`${op('putting')} replication configuration`, () => s3.send(new PutBucketReplicationCommand({
        ...B, ReplicationConfiguration: { Role: s(r.role), Rules: ((r.rules as Obj[] | null) ?? []).map(expandReplicationRule) },
      })));
    }
  }
  if (changed('server_side_encryption_configuration')) {
    const c = first(list(planned, 'server_side_encryption_configuration'));
    if (!c) await awsCall(`${op('deleting')} server-side encryption configuration`, () => s3.send(new DeleteBucketEncryptionCommand(B)));
    else {
      const rules = ((c.rule as Obj[] | null) ?? []).map((r) => {
        const d = first(r.apply_server_side_encryption_by_default);
        return {
          ApplyServerSideEncryptionByDefault: d ? { SSEAlgorithm: s(d.sse_algorithm) as 'AES256', KMSMasterKeyID: s(d.kms_master_key_id) } : undefined,
          BucketKeyEnabled: typeof r.bucket_key_enabled === 'boolean' ? r.bucket_key_enabled : undefined,
        };
      });
      await awsCall(`${op('putting')} server-side encryption configuration`, () =>
        s3.send(new PutBucketEncryptionCommand({ ...B, ServerSideEncryptionConfiguration: { Rules: rules } })));
    }
  }
  if (changed('object_lock_configuration')) {
    const c = first(list(planned, 'object_lock_configuration'));
    const ret = first(first(c?.rule)?.default_retention);
    await awsCall(`${op('putting')} object lock configuration`, () => s3.send(new PutObjectLockConfigurationCommand({
      ...B,
      ObjectLockConfiguration: {
        ObjectLockEnabled: s(c?.object_lock_enabled) as 'Enabled' | undefined,
        Rule: ret ? { DefaultRetention: { Mode: s(ret.mode) as 'GOVERNANCE', Days: n(ret.days) || undefined, Years: n(ret.years) || undefined } } : undefined,
      },
    })));
  }
}

function expandLifecycleRule(r: Obj): LifecycleRule {
  const tags = tagList(r.tags);
  const prefix = (r.prefix as string | null) ?? '';
  const out: LifecycleRule = {
    ID: s(r.id) ?? prefixedUniqueId('tf-s3-lifecycle-'),
    Status: r.enabled === true ? 'Enabled' : 'Disabled',
    Filter: tags.length ? { And: { Prefix: prefix, Tags: tags } } : { Prefix: prefix },
  };
  const abort = n(r.abort_incomplete_multipart_upload_days);
  if (abort && abort > 0) out.AbortIncompleteMultipartUpload = { DaysAfterInitiation: abort };
  const e = first(r.expiration);
  if (e) {
    if (s(e.date)) out.Expiration = { Date: date(e.date as string) };
    else if ((n(e.days) ?? 0) > 0) out.Expiration = { Days: n(e.days) };
    else out.Expiration = { ExpiredObjectDeleteMarker: e.expired_object_delete_marker === true };
  }
  const nve = first(r.noncurrent_version_expiration);
  if (nve && n(nve.days) !== undefined) out.NoncurrentVersionExpiration = { NoncurrentDays: n(nve.days) };
  const nvt = (r.noncurrent_version_transition as Obj[] | null) ?? [];
  if (nvt.length) out.NoncurrentVersionTransitions = nvt.map((t) => ({ NoncurrentDays: n(t.days), StorageClass: s(t.storage_class) as 'GLACIER' }));
  const tr = (r.transition as Obj[] | null) ?? [];
  if (tr.length) {
    out.Transitions = tr.map((t) => (s(t.date)
      ? { Date: date(t.date as string), StorageClass: s(t.storage_class) as 'GLACIER' }
      : { Days: n(t.days) ?? 0, StorageClass: s(t.storage_class) as 'GLACIER' }));
  }
  // A rule needs one action; hashicorp sends a harmless one when the configuration has none.
  if (!out.AbortIncompleteMultipartUpload && !out.Expiration && !out.NoncurrentVersionExpiration && !out.NoncurrentVersionTransitions && !out.Transitions) {
    out.Expiration = { ExpiredObjectDeleteMarker: false };
  }
  return out;
}

function expandReplicationRule(r: Obj): ReplicationRule {
  const d = first(r.destination) ?? {};
  const acl = first(d.access_control_translation);
  const metrics = first(d.metrics);
  const rtc = first(d.replication_time);
  const sse = first(first(r.source_selection_criteria)?.sse_kms_encrypted_objects);
  const out: ReplicationRule = {
    ID: s(r.id),
    Status: s(r.status) as 'Enabled',
    Destination: {
      Bucket: s(d.bucket), StorageClass: s(d.storage_class) as 'STANDARD', Account: s(d.account_id),
      EncryptionConfiguration: s(d.replica_kms_key_id) ? { ReplicaKmsKeyID: s(d.replica_kms_key_id) } : undefined,
      AccessControlTranslation: acl ? { Owner: s(acl.owner) as 'Destination' } : undefined,
      Metrics: metrics ? { Status: (s(metrics.status) ?? 'Enabled') as 'Enabled', EventThreshold: { Minutes: n(metrics.minutes) ?? 15 } } : undefined,
      ReplicationTime: rtc ? { Status: (s(rtc.status) ?? 'Enabled') as 'Enabled', Time: { Minutes: n(rtc.minutes) ?? 15 } } : undefined,
    },
    SourceSelectionCriteria: sse ? { SseKmsEncryptedObjects: { Status: sse.enabled === true ? 'Enabled' : 'Disabled' } } : undefined,
  };
  const f = first(r.filter);
  if (f) {
    const tags = tagList(f.tags);
    out.Filter = tags.length ? { And: { Prefix: (f.prefix as string | null) ?? '', Tags: tags } } : { Prefix: (f.prefix as string | null) ?? '' };
    out.Priority = n(r.priority) ?? 0;
    out.DeleteMarkerReplication = { Status: s(r.delete_marker_replication_status) === 'Enabled' ? 'Enabled' : 'Disabled' };
  } else out.Prefix = (r.prefix as string | null) ?? '';
  return out;
}
