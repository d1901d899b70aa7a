/**
 * aws_s3_bucket_versioning, as hashicorp/aws defines it: id and import id "BUCKET" or
 * "BUCKET,EXPECTED_BUCKET_OWNER"; status "Disabled" is only for a bucket that was never
 * versioned (no call is made); destroying suspends versioning (S3 cannot turn it off).
 */
import { GetBucketVersioningCommand, PutBucketVersioningCommand } from '@aws-sdk/client-s3';
import type { Value } from '../../../lang/value.js';
import { impliedType } from '../../schema.js';
import { attr, fromJS, str, toJS, withAttrs } from '../../sdk/obj.js';
import { nullObject } from '../../sdk/provider.js';
import { ProviderError, type ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsCall, awsFailure, isAwsCode } from '../errors.js';
import { legacyPlan, parseResourceId, resourceId } from './common.js';
import { bucketVersioningSchema } from './schemas.js';

const type = impliedType(bucketVersioningSchema.block);

function statusOf(v: Value): string | undefined {
  const c = attr(v, 'versioning_configuration');
  if (!c.isKnown || c.isNull || c.elems.length === 0) return undefined;
  return str(c.elems[0]!, 'status');
}

function wanted(planned: Value): { status: string; mfaDelete: string | undefined } {
  const cfg = (toJS(attr(planned, 'versioning_configuration')) as { status: string; mfa_delete: string | null }[])[0]!;
  return { status: cfg.status, mfaDelete: cfg.mfa_delete || undefined };
}

function putCommand(planned: Value, status: string): PutBucketVersioningCommand {
  const { mfaDelete } = wanted(planned);
  return new PutBucketVersioningCommand({
    Bucket: str(planned, 'bucket'),
    ExpectedBucketOwner: str(planned, 'expected_bucket_owner') || undefined,
    MFA: str(planned, 'mfa') || undefined,
    VersioningConfiguration: { Status: status as 'Enabled', MFADelete: mfaDelete as 'Enabled' | undefined },
  });
}

async function put(meta: AwsMeta, planned: Value, status: string, operation: string): Promise<void> {
  await awsCall(operation, () => meta.s3().send(putCommand(planned, status)));
}

async function read(meta: AwsMeta, state: Value): Promise<Value | null> {
  const { bucket, owner } = parseResourceId(str(state, 'id') ?? str(state, 'bucket')!);
  let out;
  try {
    out = await meta.s3().send(new GetBucketVersioningCommand({ Bucket: bucket, ExpectedBucketOwner: owner }));
  } catch (e) {
    if (isAwsCode(e, 'NoSuchBucket')) return null;
    throw awsFailure(`reading S3 Bucket Versioning (${str(state, 'id')})`, e);
  }
  // A never-versioned bucket has no status: hashicorp calls that "Disabled".
  const status = out.Status ?? 'Disabled';
  return fromJS({
    id: resourceId(bucket, owner), bucket, expected_bucket_owner: owner ?? '',
    mfa: toJS(attr(state, 'mfa')) ?? null,
    versioning_configuration: [{ status, mfa_delete: out.MFADelete ?? '' }],
  }, type);
}

/** The aws_s3_bucket_versioning resource. */
export const awsS3BucketVersioning: ResourceDef<AwsMeta> = {
  schema: bucketVersioningSchema,

  customizePlan(_ctx, p) {
    // S3 cannot return a bucket to unversioned: refuse at plan time, as hashicorp does.
    if (p.prior && !p.prior.isNull) {
      const before = statusOf(p.prior), after = statusOf(p.planned);
      if (after === 'Disabled' && (before === 'Enabled' || before === 'Suspended')) {
        throw new ProviderError(`versioning_configuration.status cannot be updated from '${before}' to '${after}'`);
      }
    }
    return legacyPlan(bucketVersioningSchema.block, p);
  },

  async create(ctx, planned) {
    const bucket = str(planned, 'bucket')!;
    const { status } = wanted(planned);
    if (status !== 'Disabled') await put(ctx.meta, planned, status, `creating S3 Bucket (${bucket}) Versioning`);
    const id = resourceId(bucket, str(planned, 'expected_bucket_owner'));
    const got = await read(ctx.meta, withAttrs(planned, { id }));
    if (!got) throw new ProviderError(`creating S3 Bucket (${bucket}) Versioning: NoSuchBucket: The specified bucket does not exist`);
    return got;
  },

  read: (ctx, state) => read(ctx.meta, state),

  async update(ctx, prior, planned) {
    const { status } = wanted(planned);
    const id = str(prior, 'id')!;
    if (status !== 'Disabled') await put(ctx.meta, planned, status, `updating S3 Bucket Versioning (${id})`);
    const got = await read(ctx.meta, planned);
    if (!got) throw new ProviderError(`reading S3 Bucket Versioning (${id}): couldn't find resource`);
    return got;
  },

  async delete(ctx, state) {
    const { status } = wanted(state);
    if (status === 'Disabled') return;
    try {
      await ctx.meta.s3().send(putCommand(state, 'Suspended'));
    } catch (e) {
      if (isAwsCode(e, 'NoSuchBucket')) return;
      // With object lock on, versioning cannot be suspended: the resource just leaves the state.
      if (isAwsCode(e, 'InvalidBucketState') && /Object Lock configuration is present/.test(String((e as Error).message))) return;
      throw awsFailure(`deleting S3 Bucket Versioning (${str(state, 'id')})`, e);
    }
  },

  async importState(_ctx, id) {
    const { bucket, owner } = parseResourceId(id);
    return withAttrs(nullObject(type), { id, bucket, expected_bucket_owner: owner ?? null });
  },
};
