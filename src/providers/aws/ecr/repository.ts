/**
 * aws_ecr_repository as hashicorp/aws defines it: id = the repository name (also the
 * import id); tag mutability and scan-on-push update in place; a different encryption
 * configuration forces a new repository, while leaving the block out means AWS's default
 * (AES256) and is no change; delete passes force_delete and waits until the repository is gone.
 */
import {
  CreateRepositoryCommand, DeleteRepositoryCommand, DescribeRepositoriesCommand, ListTagsForResourceCommand,
  PutImageScanningConfigurationCommand, PutImageTagMutabilityCommand, TagResourceCommand, UntagResourceCommand,
  type ImageTagMutability, type EncryptionType, type Repository,
} from '@aws-sdk/client-ecr';
import { rawEquals, type Value } from '../../../lang/value.js';
import { attr, bool, str, toJS, withAttrs } from '../../sdk/obj.js';
import { planObject } from '../../sdk/planner.js';
import { ProviderError, type ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsCall, isAwsCode } from '../errors.js';
import { planTagsAll, tagMap, tagsForState } from '../tags.js';
import { keepMissingBlocks, keepZeroValues } from '../sqs/zero-values.js';
import { repositorySchema } from './schemas.js';

const NOT_FOUND = 'RepositoryNotFoundException';
const ENC = 'encryption_configuration';
const SCAN = 'image_scanning_configuration';

function blockCount(v: Value): number {
  return v.isNull || !v.isKnown ? 0 : v.elems.length;
}

/** The aws_ecr_repository resource. */
export const awsEcrRepository: ResourceDef<AwsMeta> = {
  schema: repositorySchema,

  customizePlan(ctx, p) {
    let out = keepMissingBlocks(planTagsAll(ctx.meta, p), [ENC, SCAN]);
    out = keepZeroValues(out, repositorySchema.block);
    if (!out.prior) return out;
    const enc = attr(out.planned, ENC);
    if (enc.isKnown && !rawEquals(enc, attr(out.prior, ENC))) {
      // A new repository: its computed attributes are unknown again.
      const fresh = planObject(repositorySchema.block, null, p.config);
      const planned = withAttrs(fresh, { tags_all: attr(out.planned, 'tags_all') });
      return { ...out, planned, requiresReplace: [...out.requiresReplace, [{ attr: ENC }]] };
    }
    return out;
  },

  async create(ctx, planned) {
    const name = str(planned, 'name')!;
    const enc = toJS(attr(planned, ENC)) as { encryption_type?: string; kms_key?: string }[] | null;
    const scan = toJS(attr(planned, SCAN)) as { scan_on_push?: boolean }[] | null;
    const tags = Object.entries(tagMap(planned, 'tags_all')).map(([Key, Value]) => ({ Key, Value }));
    await awsCall(`creating ECR Repository (${name})`, () => ctx.meta.ecr().send(new CreateRepositoryCommand({
      repositoryName: name,
      imageTagMutability: (str(planned, 'image_tag_mutability') ?? 'MUTABLE') as ImageTagMutability,
      imageScanningConfiguration: scan?.length ? { scanOnPush: scan[0]!.scan_on_push === true } : undefined,
      encryptionConfiguration: enc?.length
        ? { encryptionType: (enc[0]!.encryption_type ?? 'AES256') as EncryptionType, kmsKey: enc[0]!.kms_key || undefined }
        : undefined,
      tags: tags.length ? tags : undefined,
    })));
    const got = await readRepository(ctx.meta, name, withAttrs(planned, { id: name }));
    if (!got) throw new ProviderError(`reading ECR Repository (${name}): empty result after creation`);
    return got;
  },

  read: (ctx, state) => readRepository(ctx.meta, str(state, 'id')!, state),

  async update(ctx, prior, planned) {
    const name = str(prior, 'id')!;
    const ecr = ctx.meta.ecr();
    const mut = str(planned, 'image_tag_mutability') ?? 'MUTABLE';
    if (mut !== str(prior, 'image_tag_mutability')) {
      await awsCall(`setting ECR Repository (${name}) image tag mutability`, () =>
        ecr.send(new PutImageTagMutabilityCommand({ repositoryName: name, imageTagMutability: mut as ImageTagMutability })));
    }
    const scan = attr(planned, SCAN);
    if (scan.isKnown && !rawEquals(scan, attr(prior, SCAN))) {
      const on = blockCount(scan) > 0 && bool(scan.elems[0]!, 'scan_on_push') === true;
      await awsCall(`setting ECR Repository (${name}) image scanning configuration`, () =>
        ecr.send(new PutImageScanningConfigurationCommand({ repositoryName: name, imageScanningConfiguration: { scanOnPush: on } })));
    }
    const arn = str(prior, 'arn')!;
    const before = tagMap(prior, 'tags_all'), after = tagMap(planned, 'tags_all');
    const removed = Object.keys(before).filter((k) => !(k in after));
    const changed = Object.entries(after).filter(([k, v]) => before[k] !== v).map(([Key, Value]) => ({ Key, Value }));
    if (removed.length) await awsCall(`untagging resource (${arn})`, () => ecr.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: removed })));
    if (changed.length) await awsCall(`tagging resource (${arn})`, () => ecr.send(new TagResourceCommand({ resourceArn: arn, tags: changed })));
    const got = await readRepository(ctx.meta, name, planned);
    if (!got) throw new ProviderError(`reading ECR Repository (${name}): not found after update`);
    return got;
  },

  async delete(ctx, state) {
    const name = str(state, 'id')!;
    const ecr = ctx.meta.ecr();
    try {
      await ecr.send(new DeleteRepositoryCommand({ repositoryName: name, registryId: str(state, 'registry_id') || undefined, force: bool(state, 'force_delete') ?? false }));
    } catch (e) {
      if (isAwsCode(e, NOT_FOUND)) return;
      await awsCall(`deleting ECR Repository (${name})`, () => Promise.reject(e));
    }
    // Deletion is eventually consistent on AWS: wait until the repository reads as gone.
    for (let i = 0, delay = 200; i < 20; i++, delay = Math.min(delay * 2, 5000)) {
      if (!(await findRepository(ctx.meta, name))) return;
      await new Promise((r) => setTimeout(r, delay));
    }
    throw new ProviderError(`deleting ECR Repository (${name}): still exists after deletion`);
  },
};

async function findRepository(meta: AwsMeta, name: string): Promise<Repository | undefined> {
  try {
    const out = await meta.ecr().send(new DescribeRepositoriesCommand({ repositoryNames: [name] }));
    return out.repositories?.[0];
  } catch (e) {
    if (isAwsCode(e, NOT_FOUND)) return undefined;
    return awsCall(`reading ECR Repository (${name})`, () => Promise.reject(e));
  }
}

/** The state of repository `name`, or null when it no longer exists. */
export async function readRepository(meta: AwsMeta, name: string, prior: Value): Promise<Value | null> {
  const r = await findRepository(meta, name);
  if (!r) return null;
  const tags = await awsCall(`listing tags for ECR Repository (${name})`, () => meta.ecr().send(new ListTagsForResourceCommand({ resourceArn: r.repositoryArn })));
  return withAttrs(prior, {
    id: r.repositoryName, name: r.repositoryName, arn: r.repositoryArn, registry_id: r.registryId, repository_url: r.repositoryUri,
    image_tag_mutability: r.imageTagMutability ?? 'MUTABLE',
    [SCAN]: [{ scan_on_push: r.imageScanningConfiguration?.scanOnPush ?? false }],
    [ENC]: [{ encryption_type: r.encryptionConfiguration?.encryptionType ?? 'AES256', kms_key: r.encryptionConfiguration?.kmsKey ?? '' }],
    ...tagsForState(meta, tags.tags, prior),
  });
}
