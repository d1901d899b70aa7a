/**
 * aws_s3_bucket_ownership_controls: id and import id = the bucket name; the rule updates
 * in place; destroying deletes the controls.
 */
import { DeleteBucketOwnershipControlsCommand, GetBucketOwnershipControlsCommand, PutBucketOwnershipControlsCommand } from '@aws-sdk/client-s3';
import type { Value } from '../../../lang/value.js';
import { impliedType } from '../../schema.js';
import { attr, fromJS, str, toJS, withAttrs } from '../../sdk/obj.js';
import { nullObject } from '../../sdk/provider.js';
import { ProviderError, type ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { readAfterWrite } from './common.js';
import { awsCall, awsFailure, isAwsCode } from '../errors.js';
import { bucketOwnershipControlsSchema } from './schemas.js';

const type = impliedType(bucketOwnershipControlsSchema.block);

async function put(meta: AwsMeta, planned: Value, operation: string): Promise<void> {
  const rules = (toJS(attr(planned, 'rule')) as { object_ownership: string }[]) ?? [];
  await awsCall(operation, () => meta.s3().send(new PutBucketOwnershipControlsCommand({
    Bucket: str(planned, 'bucket'),
    OwnershipControls: { Rules: rules.map((r) => ({ ObjectOwnership: r.object_ownership as 'BucketOwnerEnforced' })) },
  })));
}

async function read(meta: AwsMeta, bucket: string): Promise<Value | null> {
  let out;
  try {
    out = await meta.s3().send(new GetBucketOwnershipControlsCommand({ Bucket: bucket }));
  } catch (e) {
    if (isAwsCode(e, 'NoSuchBucket', 'OwnershipControlsNotFoundError')) return null;
    throw awsFailure(`reading S3 Bucket Ownership Controls (${bucket})`, e);
  }
  const rules = out.OwnershipControls?.Rules ?? [];
  return fromJS({ id: bucket, bucket, rule: rules.map((r) => ({ object_ownership: r.ObjectOwnership ?? '' })) }, type);
}

/** The aws_s3_bucket_ownership_controls resource. */
export const awsS3BucketOwnershipControls: ResourceDef<AwsMeta> = {
  schema: bucketOwnershipControlsSchema,

  async create(ctx, planned) {
    const bucket = str(planned, 'bucket')!;
    await put(ctx.meta, planned, `creating S3 Bucket (${bucket}) Ownership Controls`);
    const got = await readAfterWrite(() => read(ctx.meta, bucket));
    if (!got) throw new ProviderError(`creating S3 Bucket (${bucket}) Ownership Controls: couldn't find resource`);
    return got;
  },

  read: (ctx, state) => read(ctx.meta, str(state, 'id') ?? str(state, 'bucket')!),

  async update(ctx, prior, planned) {
    const bucket = str(prior, 'id')!;
    await put(ctx.meta, planned, `updating S3 Bucket Ownership Controls (${bucket})`);
    const got = await read(ctx.meta, bucket);
    if (!got) throw new ProviderError(`reading S3 Bucket Ownership Controls (${bucket}): couldn't find resource`);
    return got;
  },

  async delete(ctx, state) {
    const bucket = str(state, 'id')!;
    try {
      await ctx.meta.s3().send(new DeleteBucketOwnershipControlsCommand({ Bucket: bucket }));
    } catch (e) {
      if (isAwsCode(e, 'NoSuchBucket', 'OwnershipControlsNotFoundError')) return;
      throw awsFailure(`deleting S3 Bucket Ownership Controls (${bucket})`, e);
    }
  },

  importState: async (_ctx, id) => withAttrs(nullObject(type), { id, bucket: id }),
};
