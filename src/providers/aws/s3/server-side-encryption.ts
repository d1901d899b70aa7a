/**
 * aws_s3_bucket_server_side_encryption_configuration: id and import id "BUCKET" or
 * "BUCKET,EXPECTED_BUCKET_OWNER"; rules update in place; destroying deletes the
 * configuration (the bucket falls back to S3's default SSE-S3).
 */
import { DeleteBucketEncryptionCommand, GetBucketEncryptionCommand, PutBucketEncryptionCommand } from '@aws-sdk/client-s3';
import type { Value } from '../../../lang/value.js';
import { impliedType } from '../../schema.js';
import { attr, fromJS, str, toJS, withAttrs } from '../../sdk/obj.js';
import { nullObject } from '../../sdk/provider.js';
import { ProviderError, type ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsCall, awsFailure, isAwsCode } from '../errors.js';
import { legacyPlan, parseResourceId, resourceId, readAfterWrite } from './common.js';
import { bucketSseSchema } from './schemas.js';

const type = impliedType(bucketSseSchema.block);

interface RuleJs {
  bucket_key_enabled: boolean | null;
  apply_server_side_encryption_by_default: { kms_master_key_id: string | null; sse_algorithm: string }[] | null;
}

async function put(meta: AwsMeta, planned: Value, operation: string): Promise<void> {
  const rules = (toJS(attr(planned, 'rule')) as RuleJs[] | null) ?? [];
  await awsCall(operation, () => meta.s3().send(new PutBucketEncryptionCommand({
    Bucket: str(planned, 'bucket'),
    ExpectedBucketOwner: str(planned, 'expected_bucket_owner') || undefined,
    ServerSideEncryptionConfiguration: {
      Rules: rules.map((r) => {
        const d = r.apply_server_side_encryption_by_default?.[0];
        return {
          ApplyServerSideEncryptionByDefault: d ? { SSEAlgorithm: d.sse_algorithm as 'AES256', KMSMasterKeyID: d.kms_master_key_id || undefined } : undefined,
          BucketKeyEnabled: r.bucket_key_enabled ?? undefined,
        };
      }),
    },
  })));
}

async function read(meta: AwsMeta, id: string): Promise<Value | null> {
  const { bucket, owner } = parseResourceId(id);
  let out;
  try {
    out = await meta.s3().send(new GetBucketEncryptionCommand({ Bucket: bucket, ExpectedBucketOwner: owner }));
  } catch (e) {
    if (isAwsCode(e, 'NoSuchBucket', 'ServerSideEncryptionConfigurationNotFoundError')) return null;
    throw awsFailure(`reading S3 Bucket Server-side Encryption Configuration (${id})`, e);
  }
  const rules = out.ServerSideEncryptionConfiguration?.Rules ?? [];
  return fromJS({
    id, bucket, expected_bucket_owner: owner ?? '',
    rule: rules.map((r) => ({
      bucket_key_enabled: r.BucketKeyEnabled ?? false,
      apply_server_side_encryption_by_default: r.ApplyServerSideEncryptionByDefault
        ? [{ sse_algorithm: r.ApplyServerSideEncryptionByDefault.SSEAlgorithm ?? '', kms_master_key_id: r.ApplyServerSideEncryptionByDefault.KMSMasterKeyID ?? '' }]
        : [],
    })),
  }, type);
}

/** The aws_s3_bucket_server_side_encryption_configuration resource. */
export const awsS3BucketSse: ResourceDef<AwsMeta> = {
  schema: bucketSseSchema,

  customizePlan: (_ctx, p) => legacyPlan(bucketSseSchema.block, p),

  async create(ctx, planned) {
    const bucket = str(planned, 'bucket')!;
    await put(ctx.meta, planned, `creating S3 Bucket (${bucket}) Server-side Encryption Configuration`);
    const id = resourceId(bucket, str(planned, 'expected_bucket_owner'));
    const got = await readAfterWrite(() => read(ctx.meta, id));
    if (!got) throw new ProviderError(`creating S3 Bucket (${bucket}) Server-side Encryption Configuration: couldn't find resource`);
    return got;
  },

  read: (ctx, state) => read(ctx.meta, str(state, 'id') ?? str(state, 'bucket')!),

  async update(ctx, prior, planned) {
    const id = str(prior, 'id')!;
    await put(ctx.meta, planned, `updating S3 Bucket Server-side Encryption Configuration (${id})`);
    const got = await read(ctx.meta, id);
    if (!got) throw new ProviderError(`reading S3 Bucket Server-side Encryption Configuration (${id}): couldn't find resource`);
    return got;
  },

  async delete(ctx, state) {
    const { bucket, owner } = parseResourceId(str(state, 'id')!);
    try {
      await ctx.meta.s3().send(new DeleteBucketEncryptionCommand({ Bucket: bucket, ExpectedBucketOwner: owner }));
    } catch (e) {
      if (isAwsCode(e, 'NoSuchBucket', 'ServerSideEncryptionConfigurationNotFoundError')) return;
      throw awsFailure(`deleting S3 Bucket Server-side Encryption Configuration (${str(state, 'id')})`, e);
    }
  },

  async importState(_ctx, id) {
    const { bucket, owner } = parseResourceId(id);
    return withAttrs(nullObject(type), { id, bucket, expected_bucket_owner: owner ?? null });
  },
};
