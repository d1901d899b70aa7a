/**
 * aws_s3_bucket_public_access_block: id and import id = the bucket name; the four switches
 * update in place; destroying deletes the configuration.
 */
import { DeletePublicAccessBlockCommand, GetPublicAccessBlockCommand, PutPublicAccessBlockCommand } from '@aws-sdk/client-s3';
import type { Value } from '../../../lang/value.js';
import { impliedType } from '../../schema.js';
import { bool, fromJS, str, withAttrs } from '../../sdk/obj.js';
import { nullObject } from '../../sdk/provider.js';
import { ProviderError, type ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { readAfterWrite } from './common.js';
import { awsCall, awsFailure, isAwsCode } from '../errors.js';
import { bucketPublicAccessBlockSchema } from './schemas.js';

const type = impliedType(bucketPublicAccessBlockSchema.block);

async function put(meta: AwsMeta, planned: Value, operation: string): Promise<void> {
  await awsCall(operation, () => meta.s3().send(new PutPublicAccessBlockCommand({
    Bucket: str(planned, 'bucket'),
    PublicAccessBlockConfiguration: {
      BlockPublicAcls: bool(planned, 'block_public_acls') ?? false,
      BlockPublicPolicy: bool(planned, 'block_public_policy') ?? false,
      IgnorePublicAcls: bool(planned, 'ignore_public_acls') ?? false,
      RestrictPublicBuckets: bool(planned, 'restrict_public_buckets') ?? false,
    },
  })));
}

async function read(meta: AwsMeta, bucket: string): Promise<Value | null> {
  let out;
  try {
    out = await meta.s3().send(new GetPublicAccessBlockCommand({ Bucket: bucket }));
  } catch (e) {
    if (isAwsCode(e, 'NoSuchBucket', 'NoSuchPublicAccessBlockConfiguration')) return null;
    throw awsFailure(`reading S3 Bucket Public Access Block (${bucket})`, e);
  }
  const c = out.PublicAccessBlockConfiguration ?? {};
  return fromJS({
    id: bucket, bucket,
    block_public_acls: c.BlockPublicAcls ?? false, block_public_policy: c.BlockPublicPolicy ?? false,
    ignore_public_acls: c.IgnorePublicAcls ?? false, restrict_public_buckets: c.RestrictPublicBuckets ?? false,
  }, type);
}

/** The aws_s3_bucket_public_access_block resource. */
export const awsS3BucketPublicAccessBlock: ResourceDef<AwsMeta> = {
  schema: bucketPublicAccessBlockSchema,

  async create(ctx, planned) {
    const bucket = str(planned, 'bucket')!;
    await put(ctx.meta, planned, `creating S3 Bucket (${bucket}) Public Access Block`);
    const got = await readAfterWrite(() => read(ctx.meta, bucket));
    if (!got) throw new ProviderError(`creating S3 Bucket (${bucket}) Public Access Block: couldn't find resource`);
    return got;
  },

  read: (ctx, state) => read(ctx.meta, str(state, 'id') ?? str(state, 'bucket')!),

  async update(ctx, prior, planned) {
    const bucket = str(prior, 'id')!;
    await put(ctx.meta, planned, `updating S3 Bucket Public Access Block (${bucket})`);
    const got = await read(ctx.meta, bucket);
    if (!got) throw new ProviderError(`reading S3 Bucket Public Access Block (${bucket}): couldn't find resource`);
    return got;
  },

  async delete(ctx, state) {
    const bucket = str(state, 'id')!;
    try {
      await ctx.meta.s3().send(new DeletePublicAccessBlockCommand({ Bucket: bucket }));
    } catch (e) {
      if (isAwsCode(e, 'NoSuchBucket', 'NoSuchPublicAccessBlockConfiguration')) return;
      throw awsFailure(`deleting S3 Bucket Public Access Block (${bucket})`, e);
    }
  },

  importState: async (_ctx, id) => withAttrs(nullObject(type), { id, bucket: id }),
};
