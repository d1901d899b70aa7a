/**
 * aws_s3_bucket_lifecycle_configuration (hashicorp's plugin-framework version, schema 1):
 * id and import id "BUCKET" or "BUCKET,EXPECTED_BUCKET_OWNER"; the rules are put as one
 * document; state carries hashicorp's legacy values (days 0, expired_object_delete_marker
 * false, prefix "") where AWS answers nothing.
 */
import {
  DeleteBucketLifecycleCommand, GetBucketLifecycleConfigurationCommand, PutBucketLifecycleConfigurationCommand,
  type LifecycleRule, type LifecycleRuleFilter,
} from '@aws-sdk/client-s3';
import type { Value } from '../../../lang/value.js';
import { impliedType } from '../../schema.js';
import { attr, fromJS, str, toJS, withAttrs } from '../../sdk/obj.js';
import { nullObject } from '../../sdk/provider.js';
import { ProviderError, type ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsCall, awsFailure, isAwsCode } from '../errors.js';
import { legacyPlan, parseResourceId, resourceId, readAfterWrite } from './common.js';
import { bucketLifecycleSchema } from './schemas.js';

const type = impliedType(bucketLifecycleSchema.block);
type Obj = Record<string, unknown>;
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const when = (d: unknown) => (typeof d === 'string' && d ? new Date(d) : undefined);
const rfc3339 = (d: Date | undefined) => (d ? d.toISOString().replace(/\.\d{3}Z$/, 'Z') : null);

function expandFilter(rule: Obj): LifecycleRuleFilter | undefined {
  const f = arr(rule.filter)[0];
  if (!f) return text(rule.prefix) ? undefined : {};
  const and = arr(f.and)[0];
  const tag = arr(f.tag)[0];
  if (and) {
    const tags = Object.entries((and.tags as Record<string, string> | null) ?? {}).map(([Key, Value]) => ({ Key, Value }));
    return {
      And: {
        Prefix: text(and.prefix) || undefined, Tags: tags.length ? tags : undefined,
        ObjectSizeGreaterThan: num(and.object_size_greater_than) || undefined, ObjectSizeLessThan: num(and.object_size_less_than) || undefined,
      },
    };
  }
  if (tag) return { Tag: { Key: text(tag.key), Value: text(tag.value) } };
  if (num(f.object_size_greater_than) !== undefined) return { ObjectSizeGreaterThan: num(f.object_size_greater_than) };
  if (num(f.object_size_less_than) !== undefined) return { ObjectSizeLessThan: num(f.object_size_less_than) };
  return { Prefix: text(f.prefix) ?? '' };
}

function expandRule(r: Obj): LifecycleRule {
  const out: LifecycleRule = { ID: text(r.id), Status: text(r.status) as 'Enabled', Filter: expandFilter(r) };
  if (!out.Filter && text(r.prefix)) out.Prefix = text(r.prefix);
  const abort = arr(r.abort_incomplete_multipart_upload)[0];
  if (abort) out.AbortIncompleteMultipartUpload = { DaysAfterInitiation: num(abort.days_after_initiation) };
  const e = arr(r.expiration)[0];
  if (e) {
    out.Expiration = {
      Date: when(e.date), Days: num(e.days) || undefined,
      ExpiredObjectDeleteMarker: e.expired_object_delete_marker === true ? true : undefined,
    };
  }
  const nve = arr(r.noncurrent_version_expiration)[0];
  if (nve) out.NoncurrentVersionExpiration = { NoncurrentDays: num(nve.noncurrent_days), NewerNoncurrentVersions: num(nve.newer_noncurrent_versions) };
  const nvt = arr(r.noncurrent_version_transition);
  if (nvt.length) {
    out.NoncurrentVersionTransitions = nvt.map((t) => ({
      NoncurrentDays: num(t.noncurrent_days), NewerNoncurrentVersions: num(t.newer_noncurrent_versions), StorageClass: text(t.storage_class) as 'GLACIER',
    }));
  }
  const tr = arr(r.transition);
  if (tr.length) {
    out.Transitions = tr.map((t) => (text(t.date)
      ? { Date: when(t.date), StorageClass: text(t.storage_class) as 'GLACIER' }
      : { Days: num(t.days) ?? 0, StorageClass: text(t.storage_class) as 'GLACIER' }));
  }
  return out;
}

function flattenFilter(f: LifecycleRuleFilter | undefined, priorRule: Obj | undefined): Obj[] {
  if (!f) return [];
  const empty = f.And === undefined && f.Tag === undefined && f.Prefix === undefined && f.ObjectSizeGreaterThan === undefined && f.ObjectSizeLessThan === undefined;
  // An empty filter is what a rule without one is sent as: keep it out when the configuration had none.
  if (empty && priorRule && arr(priorRule.filter).length === 0) return [];
  return [{
    object_size_greater_than: f.ObjectSizeGreaterThan ?? null,
    object_size_less_than: f.ObjectSizeLessThan ?? null,
    prefix: f.Prefix ?? '',
    and: f.And ? [{
      object_size_greater_than: f.And.ObjectSizeGreaterThan ?? 0,
      object_size_less_than: f.And.ObjectSizeLessThan ?? 0,
      prefix: f.And.Prefix ?? '',
      tags: f.And.Tags ? Object.fromEntries(f.And.Tags.map((t) => [t.Key ?? '', t.Value ?? ''])) : null,
    }] : [],
    tag: f.Tag ? [{ key: f.Tag.Key ?? '', value: f.Tag.Value ?? '' }] : [],
  }];
}

function flattenRule(r: LifecycleRule, priorRule: Obj | undefined): Obj {
  return {
    id: r.ID ?? '',
    status: r.Status ?? '',
    prefix: r.Prefix ?? '',
    filter: flattenFilter(r.Filter, priorRule),
    abort_incomplete_multipart_upload: r.AbortIncompleteMultipartUpload
      ? [{ days_after_initiation: r.AbortIncompleteMultipartUpload.DaysAfterInitiation ?? null }] : [],
    expiration: r.Expiration ? [{
      date: rfc3339(r.Expiration.Date), days: r.Expiration.Days ?? 0, expired_object_delete_marker: r.Expiration.ExpiredObjectDeleteMarker ?? false,
    }] : [],
    noncurrent_version_expiration: r.NoncurrentVersionExpiration ? [{
      noncurrent_days: r.NoncurrentVersionExpiration.NoncurrentDays ?? 0,
      newer_noncurrent_versions: r.NoncurrentVersionExpiration.NewerNoncurrentVersions ?? null,
    }] : [],
    noncurrent_version_transition: (r.NoncurrentVersionTransitions ?? []).map((t) => ({
      noncurrent_days: t.NoncurrentDays ?? 0, newer_noncurrent_versions: t.NewerNoncurrentVersions ?? null, storage_class: t.StorageClass ?? '',
    })),
    transition: (r.Transitions ?? []).map((t) => ({
      date: rfc3339(t.Date), days: t.Days ?? (t.Date ? null : 0), storage_class: t.StorageClass ?? '',
    })),
  };
}

async function put(meta: AwsMeta, planned: Value, operation: string): Promise<void> {
  const rules = (toJS(attr(planned, 'rule')) as Obj[] | null) ?? [];
  const minSize = str(planned, 'transition_default_minimum_object_size');
  await awsCall(operation, () => meta.s3().send(new PutBucketLifecycleConfigurationCommand({
    Bucket: str(planned, 'bucket'),
    ExpectedBucketOwner: str(planned, 'expected_bucket_owner') || undefined,
    TransitionDefaultMinimumObjectSize: (minSize || undefined) as 'all_storage_classes_128K' | undefined,
    LifecycleConfiguration: { Rules: rules.map(expandRule) },
  })));
}

async function read(meta: AwsMeta, id: string, prior: Value): Promise<Value | null> {
  const { bucket, owner } = parseResourceId(id);
  let out;
  try {
    out = await meta.s3().send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket, ExpectedBucketOwner: owner }));
  } catch (e) {
    if (isAwsCode(e, 'NoSuchBucket', 'NoSuchLifecycleConfiguration')) return null;
    throw awsFailure(`reading S3 Bucket Lifecycle Configuration (${bucket})`, e);
  }
  if (!out.Rules?.length) return null;
  const priorRules = (toJS(attr(prior, 'rule')) as Obj[] | null) ?? [];
  return fromJS({
    id: resourceId(bucket, owner), bucket, expected_bucket_owner: owner ?? '',
    transition_default_minimum_object_size: out.TransitionDefaultMinimumObjectSize ?? null,
    rule: out.Rules.map((r) => flattenRule(r, priorRules.find((p) => p.id === r.ID))),
    timeouts: toJS(attr(prior, 'timeouts')) ?? null,
  }, type);
}

/** The aws_s3_bucket_lifecycle_configuration resource. */
export const awsS3BucketLifecycle: ResourceDef<AwsMeta> = {
  schema: bucketLifecycleSchema,

  customizePlan(_ctx, p0) {
    const p = legacyPlan(bucketLifecycleSchema.block, p0);
    // Unset, the minimum size is planned as AWS's default (hashicorp's plan modifier).
    const size = attr(p.planned, 'transition_default_minimum_object_size');
    if (!size.isKnown && attr(p.config, 'transition_default_minimum_object_size').isNull) {
      return { ...p, planned: withAttrs(p.planned, { transition_default_minimum_object_size: 'all_storage_classes_128K' }) };
    }
    return p;
  },

  async create(ctx, planned) {
    const bucket = str(planned, 'bucket')!;
    await put(ctx.meta, planned, `creating S3 Bucket (${bucket}) Lifecycle Configuration`);
    const got = await readAfterWrite(() => read(ctx.meta, resourceId(bucket, str(planned, 'expected_bucket_owner')), planned));
    if (!got) throw new ProviderError(`creating S3 Bucket (${bucket}) Lifecycle Configuration: couldn't find resource`);
    return got;
  },

  read: (ctx, state) => read(ctx.meta, str(state, 'id') ?? str(state, 'bucket')!, state),

  async update(ctx, prior, planned) {
    const bucket = str(planned, 'bucket')!;
    await put(ctx.meta, planned, `updating S3 Bucket (${bucket}) Lifecycle Configuration`);
    const got = await read(ctx.meta, str(prior, 'id')!, planned);
    if (!got) throw new ProviderError(`updating S3 Bucket (${bucket}) Lifecycle Configuration: couldn't find resource`);
    return got;
  },

  async delete(ctx, state) {
    const { bucket, owner } = parseResourceId(str(state, 'id')!);
    try {
      await ctx.meta.s3().send(new DeleteBucketLifecycleCommand({ Bucket: bucket, ExpectedBucketOwner: owner }));
    } catch (e) {
      if (isAwsCode(e, 'NoSuchBucket', 'NoSuchLifecycleConfiguration')) return;
      throw awsFailure(`deleting S3 Bucket Lifecycle Configuration (${bucket})`, e);
    }
  },

  async importState(_ctx, id) {
    const { bucket, owner } = parseResourceId(id);
    return withAttrs(nullObject(type), { id, bucket, expected_bucket_owner: owner ?? '' });
  },
};
