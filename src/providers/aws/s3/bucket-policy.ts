/**
 * aws_s3_bucket_policy: id and import id = the bucket name. The state keeps the configured
 * policy text while AWS's copy says the same thing, and an equivalent rewrite of the
 * configuration plans no change (hashicorp's policy equivalence).
 */
import { DeleteBucketPolicyCommand, GetBucketPolicyCommand, PutBucketPolicyCommand } from '@aws-sdk/client-s3';
import type { Value } from '../../../lang/value.js';
import { impliedType } from '../../schema.js';
import { fromJS, str, withAttrs } from '../../sdk/obj.js';
import { nullObject } from '../../sdk/provider.js';
import { ProviderError, type ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { readAfterWrite } from './common.js';
import { awsFailure, isAwsCode } from '../errors.js';
import { compactJson, planEquivalentPolicy, policyToSet } from './policy-json.js';
import { bucketPolicySchema } from './schemas.js';

const type = impliedType(bucketPolicySchema.block);

async function put(meta: AwsMeta, planned: Value, operation: string): Promise<void> {
  const input = { Bucket: str(planned, 'bucket'), Policy: compactJson(str(planned, 'policy')!) };
  // A principal created moments ago may not be visible to S3 yet on AWS: retry that for a while.
  for (let attempt = 0; ; attempt++) {
    try {
      await meta.s3().send(new PutBucketPolicyCommand(input));
      return;
    } catch (e) {
      const propagating = isAwsCode(e, 'MalformedPolicy') && /Invalid principal/i.test(String((e as Error).message));
      if (!propagating || attempt >= 8) throw awsFailure(operation, e);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}

async function read(meta: AwsMeta, bucket: string, prior: Value): Promise<Value | null> {
  let out;
  try {
    out = await meta.s3().send(new GetBucketPolicyCommand({ Bucket: bucket }));
  } catch (e) {
    if (isAwsCode(e, 'NoSuchBucket', 'NoSuchBucketPolicy')) return null;
    throw awsFailure(`reading S3 Bucket Policy (${bucket})`, e);
  }
  return fromJS({ id: bucket, bucket, policy: policyToSet(str(prior, 'policy') ?? '', out.Policy ?? '') }, type);
}

/** The aws_s3_bucket_policy resource. */
export const awsS3BucketPolicy: ResourceDef<AwsMeta> = {
  schema: bucketPolicySchema,

  customizePlan: (_ctx, p) => planEquivalentPolicy(p),

  async create(ctx, planned) {
    const bucket = str(planned, 'bucket')!;
    await put(ctx.meta, planned, `putting S3 Bucket (${bucket}) Policy`);
    const got = await readAfterWrite(() => read(ctx.meta, bucket, planned));
    if (!got) throw new ProviderError(`putting S3 Bucket (${bucket}) Policy: couldn't find resource`);
    return got;
  },

  read: (ctx, state) => read(ctx.meta, str(state, 'id') ?? str(state, 'bucket')!, state),

  async update(ctx, prior, planned) {
    const bucket = str(prior, 'id')!;
    await put(ctx.meta, planned, `putting S3 Bucket (${bucket}) Policy`);
    const got = await read(ctx.meta, bucket, planned);
    if (!got) throw new ProviderError(`reading S3 Bucket Policy (${bucket}): couldn't find resource`);
    return got;
  },

  async delete(ctx, state) {
    const bucket = str(state, 'id')!;
    try {
      await ctx.meta.s3().send(new DeleteBucketPolicyCommand({ Bucket: bucket }));
    } catch (e) {
      if (isAwsCode(e, 'NoSuchBucket', 'NoSuchBucketPolicy')) return;
      throw awsFailure(`deleting S3 Bucket Policy (${bucket})`, e);
    }
  },

  importState: async (_ctx, id) => withAttrs(nullObject(type), { id, bucket: id }),
};
