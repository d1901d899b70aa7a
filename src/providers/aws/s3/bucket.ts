/**
 * aws_s3_bucket, as hashicorp/aws 5.x has it: import id = the bucket name; `bucket` /
 * `bucket_prefix` / `object_lock_enabled` force a new bucket; with neither name argument the
 * name is generated ("terraform-" + 26 characters); delete fails with AWS's BucketNotEmpty
 * unless force_destroy, which first removes every object version and delete marker.
 */
import { CreateBucketCommand, DeleteBucketCommand } from '@aws-sdk/client-s3';
import type { Value } from '../../../lang/value.js';
import { impliedType } from '../../schema.js';
import { attr, bool, str, withAttrs } from '../../sdk/obj.js';
import { nullObject } from '../../sdk/provider.js';
import { ProviderError, type ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsCall, awsFailure, isAwsCode } from '../errors.js';
import { planTagsAll, tagMap } from '../tags.js';
import { emptyBucket } from './bucket-empty.js';
import { bucketExists, readBucket } from './bucket-read.js';
import { BUCKET_COMPUTED_BLOCKS, bucketSchema } from './bucket-schema.js';
import { applyInlineConfig } from './bucket-update.js';
import { legacyPlan, prefixedUniqueId, retryOnCodes, samePrior } from './common.js';
import { planEquivalentPolicy } from './policy-json.js';
import { setBucketTags } from './tags.js';
import { validateBucket } from './validate.js';

/** The reasons hashicorp rejects a bucket name before calling AWS (undefined: fine). */
export function bucketNameProblem(name: string, region: string): string | undefined {
  if (region !== 'us-east-1') {
    if (name.length < 3 || name.length > 63) return `"${name}" must contain from 3 to 63 characters`;
    if (!/^[0-9a-z.-]+$/.test(name)) return `only lowercase alphanumeric characters and hyphens allowed in "${name}"`;
    if (/^(?:[0-9]{1,3}\.){3}[0-9]{1,3}$/.test(name)) return `"${name}" must not be formatted as an IP address`;
    if (name.startsWith('.')) return `"${name}" cannot start with a period`;
    if (name.endsWith('.')) return `"${name}" cannot end with a period`;
    if (name.includes('..')) return `"${name}" can be only one period between labels`;
    return undefined;
  }
  if (name.length > 255) return `"${name}" must contain less than 256 characters`;
  if (!/^[0-9A-Za-z_.-]+$/.test(name)) return `only alphanumeric characters, hyphens, periods, and underscores allowed in "${name}"`;
  return undefined;
}

/** Polls until `check` holds: the first poll is immediate, later ones back off (AWS is eventually consistent). */
async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 120_000): Promise<void> {
  const start = Date.now();
  for (let delay = 200; ; delay = Math.min(delay * 2, 5000)) {
    if (await check()) return;
    if (Date.now() - start > timeoutMs) throw new ProviderError(`${what}: timeout while waiting for state to become 'success'`);
    await new Promise((r) => setTimeout(r, delay));
  }
}

async function deleteBucket(meta: AwsMeta, state: Value, attempt = 0): Promise<void> {
  const name = str(state, 'id')!;
  try {
    await meta.s3().send(new DeleteBucketCommand({ Bucket: name }));
  } catch (e) {
    if (isAwsCode(e, 'NoSuchBucket')) return;
    if (isAwsCode(e, 'BucketNotEmpty') && bool(state, 'force_destroy') && attempt < 10) {
      const lock = attr(state, 'object_lock_configuration');
      const locked = lock.isKnown && !lock.isNull && lock.elems.some((c) => str(c, 'object_lock_enabled') === 'Enabled');
      try {
        await emptyBucket(meta, name, { bypassGovernance: locked || bool(state, 'object_lock_enabled') === true });
      } catch (err) {
        throw awsFailure(`emptying S3 Bucket (${name})`, err);
      }
      return deleteBucket(meta, state, attempt + 1);
    }
    throw awsFailure(`deleting S3 Bucket (${name})`, e);
  }
  await waitFor(async () => (await bucketExists(meta, name)) === null, `waiting for S3 Bucket (${name}) delete`);
}

/** The aws_s3_bucket resource. */
export const awsS3Bucket: ResourceDef<AwsMeta> = {
  schema: bucketSchema,

  validate: validateBucket,

  customizePlan: (ctx, p) => samePrior(planEquivalentPolicy(planTagsAll(ctx.meta, legacyPlan(bucketSchema.block, p, BUCKET_COMPUTED_BLOCKS)))),

  async create(ctx, planned) {
    const meta = ctx.meta;
    const s3 = meta.s3();
    const name = str(planned, 'bucket') ?? prefixedUniqueId(str(planned, 'bucket_prefix') ?? 'terraform-');
    const problem = bucketNameProblem(name, meta.region);
    if (problem) throw new ProviderError(`validating S3 Bucket (${name}) name: ${problem}`);
    // In us-east-1 CreateBucket succeeds for a bucket you already own (and resets its ACL).
    if (meta.region === 'us-east-1' && (await bucketExists(meta, name))) {
      throw new ProviderError(`creating S3 Bucket (${name}): BucketAlreadyExists`);
    }
    const lockCfg = attr(planned, 'object_lock_configuration');
    const lockFromBlock = lockCfg.isKnown && !lockCfg.isNull && lockCfg.elems.some((c) => str(c, 'object_lock_enabled') === 'Enabled');
    await awsCall(`creating S3 Bucket (${name})`, () => retryOnCodes(() => s3.send(new CreateBucketCommand({
      Bucket: name,
      ACL: (str(planned, 'acl') ?? 'private') as 'private',
      CreateBucketConfiguration: meta.region === 'us-east-1' ? undefined : { LocationConstraint: meta.region as 'eu-west-1' },
      ObjectLockEnabledForBucket: bool(planned, 'object_lock_enabled') || lockFromBlock || undefined,
    })), ['OperationAborted']));
    await waitFor(async () => (await bucketExists(meta, name)) !== null, `waiting for S3 Bucket (${name}) create`);
    const tags = tagMap(planned, 'tags_all');
    if (Object.keys(tags).length) await setBucketTags(meta, name, tags, `setting S3 Bucket (${name}) tags`);
    await applyInlineConfig(meta, name, null, planned);
    const got = await readBucket(meta, name, planned);
    if (!got) throw new ProviderError(`reading S3 Bucket (${name}): couldn't find resource`);
    return got;
  },

  async read(ctx, state) {
    return readBucket(ctx.meta, str(state, 'id') ?? str(state, 'bucket')!, state);
  },

  async update(ctx, prior, planned) {
    const name = str(prior, 'id')!;
    await applyInlineConfig(ctx.meta, name, prior, planned);
    const before = tagMap(prior, 'tags_all'), after = tagMap(planned, 'tags_all');
    if (JSON.stringify(Object.entries(before).sort()) !== JSON.stringify(Object.entries(after).sort())) {
      await setBucketTags(ctx.meta, name, after, `updating tags for S3 Bucket (${name})`);
    }
    const got = await readBucket(ctx.meta, name, planned);
    if (!got) throw new ProviderError(`reading S3 Bucket (${name}): couldn't find resource`);
    return got;
  },

  delete: (ctx, state) => deleteBucket(ctx.meta, state),

  async importState(_ctx, id) {
    return withAttrs(nullObject(impliedType(bucketSchema.block)), { id, bucket: id, force_destroy: false });
  },
};
