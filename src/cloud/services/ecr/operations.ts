/** ECR operations: repositories, their policies and settings, images, tags and authorization tokens. */
import { createHash, randomBytes } from 'node:crypto';
import type { RequestContext } from '../../context.js';
import { AwsError } from '../../errors.js';
import {
  type Image, type Repository, checkName, invalidParameter, loadRepo, registryOf, repositoryJson, repositoryNotFound, saveRepo,
} from './model.js';

/** One ECR operation. */
export type EcrOp = (input: Record<string, unknown>, ctx: RequestContext) => Record<string, unknown>;

const MUTABILITY = ['MUTABLE', 'IMMUTABLE', 'MUTABLE_WITH_EXCLUSION', 'IMMUTABLE_WITH_EXCLUSION'];

function mutability(v: unknown): string {
  if (v === undefined) return 'MUTABLE';
  if (typeof v !== 'string' || !MUTABILITY.includes(v)) {
    throw invalidParameter(`1 validation error detected: Value '${String(v)}' at 'imageTagMutability' failed to satisfy constraint: Member must satisfy enum value set: [${MUTABILITY.join(', ')}]`);
  }
  return v;
}

function tags(v: unknown): { Key: string; Value: string }[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw invalidParameter('Invalid parameter at \'tags\'');
  return (v as { Key: string; Value?: string }[]).map((t) => {
    if (typeof t.Key !== 'string' || t.Key === '' || t.Key.length > 128) throw invalidParameter('Invalid parameter at \'tags\' failed to satisfy constraint: \'Tag keys must be between 1 and 128 characters\'');
    return { Key: t.Key, Value: t.Value ?? '' };
  });
}

function repoByArn(ctx: RequestContext, arn: unknown): Repository {
  const m = typeof arn === 'string' ? /^arn:aws[a-z-]*:ecr:([^:]+):(\d{12}):repository\/(.+)$/.exec(arn) : null;
  if (!m) throw invalidParameter(`Invalid parameter at 'resourceArn' failed to satisfy constraint: 'Invalid ARN'`);
  const r = m[1] === ctx.region ? ctx.store.get<Repository>('ecr', 'repository', m[2]!, m[1]!, m[3]!) : undefined;
  if (!r) throw repositoryNotFound(m[3]!, m[2]!);
  return r;
}

function checkJson(text: unknown, field: string, what: string): string {
  if (typeof text !== 'string' || text === '') throw invalidParameter(`1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`);
  try {
    const v = JSON.parse(text);
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
  } catch {
    throw invalidParameter(`Invalid parameter at '${field}' failed to satisfy constraint: '${what}'`);
  }
  return text;
}

function checkLifecyclePolicy(text: unknown): string {
  const t = checkJson(text, 'LifecyclePolicyText', 'Lifecycle policy validation failure: Could not map policyString into LifecyclePolicy.');
  const doc = JSON.parse(t) as { rules?: unknown };
  if (!Array.isArray(doc.rules) || doc.rules.length === 0) {
    throw invalidParameter("Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: object has missing required properties ([\"rules\"])'");
  }
  for (const r of doc.rules as { rulePriority?: unknown; selection?: { tagStatus?: string; countType?: string }; action?: { type?: string } }[]) {
    if (typeof r.rulePriority !== 'number' || !r.selection || !r.action || r.action.type !== 'expire' ||
        !['tagged', 'untagged', 'any'].includes(r.selection.tagStatus ?? '') || !['imageCountMoreThan', 'sinceImagePushed'].includes(r.selection.countType ?? '')) {
      throw invalidParameter("Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: rule is malformed'");
    }
  }
  return t;
}

interface ImageId { imageDigest?: string; imageTag?: string }

function findImage(r: Repository, id: ImageId): Image | undefined {
  return r.images.find((i) => (id.imageDigest === undefined || i.digest === id.imageDigest) && (id.imageTag === undefined || i.tags.includes(id.imageTag)));
}

function imageNotFound(r: Repository, id: ImageId): AwsError {
  return new AwsError('ImageNotFoundException', `The image with imageId {imageDigest:'${id.imageDigest ?? 'null'}', imageTag:'${id.imageTag ?? 'null'}'} does not exist within the repository with name '${r.name}' in the registry with id '${r.registryId}'`);
}

function tagFilter(input: Record<string, unknown>): (i: Image) => boolean {
  const status = (input['filter'] as { tagStatus?: string } | undefined)?.tagStatus ?? 'ANY';
  return (i) => status === 'ANY' || (status === 'TAGGED' ? i.tags.length > 0 : i.tags.length === 0);
}

function page<T>(items: T[], input: Record<string, unknown>, max = 1000): { items: T[]; nextToken?: string } {
  const limit = typeof input['maxResults'] === 'number' ? input['maxResults'] : max;
  const start = typeof input['nextToken'] === 'string' ? Number(Buffer.from(input['nextToken'], 'base64').toString()) || 0 : 0;
  const slice = items.slice(start, start + limit);
  return { items: slice, ...(start + limit < items.length ? { nextToken: Buffer.from(String(start + limit)).toString('base64') } : {}) };
}

/** Every ECR operation of this cloud. */
export const ecrOps: Record<string, EcrOp> = {
  CreateRepository(input, ctx) {
    const registry = registryOf(ctx, input);
    const name = checkName(input['repositoryName']);
    const enc = (input['encryptionConfiguration'] ?? { encryptionType: 'AES256' }) as { encryptionType?: string; kmsKey?: string };
    if (!['AES256', 'KMS', 'KMS_DSSE'].includes(enc.encryptionType ?? '')) {
      throw invalidParameter(`1 validation error detected: Value '${String(enc.encryptionType)}' at 'encryptionConfiguration.encryptionType' failed to satisfy constraint: Member must satisfy enum value set: [AES256, KMS, KMS_DSSE]`);
    }
    if (enc.encryptionType === 'AES256' && enc.kmsKey) throw invalidParameter('Invalid parameter at \'encryptionConfiguration\' failed to satisfy constraint: \'kmsKey can be specified only if encryptionType is KMS\'');
    const r: Repository = {
      name, registryId: registry, arn: `arn:aws:ecr:${ctx.region}:${registry}:repository/${name}`, createdAt: ctx.now().getTime() / 1000,
      mutability: mutability(input['imageTagMutability']),
      scanOnPush: (input['imageScanningConfiguration'] as { scanOnPush?: boolean } | undefined)?.scanOnPush === true,
      encryption: { encryptionType: enc.encryptionType!, ...(enc.encryptionType !== 'AES256' ? { kmsKey: enc.kmsKey ?? `arn:aws:kms:${ctx.region}:${registry}:alias/aws/ecr` } : {}) },
      tags: tags(input['tags']), images: [],
    };
    if (ctx.store.get('ecr', 'repository', registry, ctx.region, name)) {
      throw new AwsError('RepositoryAlreadyExistsException', `The repository with name '${name}' already exists in the registry with id '${registry}'`);
    }
    saveRepo(ctx, r);
    return { repository: repositoryJson(ctx, r) };
  },
  DescribeRepositories(input, ctx) {
    const registry = registryOf(ctx, input);
    const names = input['repositoryNames'] as string[] | undefined;
    let repos: Repository[];
    if (names?.length) {
      repos = names.map((n) => {
        const r = ctx.store.get<Repository>('ecr', 'repository', registry, ctx.region, checkName(n));
        if (!r) throw repositoryNotFound(n, registry);
        return r;
      });
    } else {
      repos = ctx.store.list<Repository>('ecr', 'repository', registry, ctx.region);
    }
    const p = page(repos, input);
    return { repositories: p.items.map((r) => repositoryJson(ctx, r)), ...(p.nextToken ? { nextToken: p.nextToken } : {}) };
  },
  DeleteRepository(input, ctx) {
    const r = loadRepo(ctx, input);
    if (r.images.length > 0 && input['force'] !== true) {
      throw new AwsError('RepositoryNotEmptyException', `The repository with name '${r.name}' in registry with id '${r.registryId}' cannot be deleted because it still contains images`);
    }
    ctx.store.delete('ecr', 'repository', r.registryId, ctx.region, r.name);
    return { repository: repositoryJson(ctx, r) };
  },
  PutImageTagMutability(input, ctx) {
    const r = loadRepo(ctx, input);
    r.mutability = mutability(input['imageTagMutability']);
    saveRepo(ctx, r);
    return { registryId: r.registryId, repositoryName: r.name, imageTagMutability: r.mutability };
  },
  PutImageScanningConfiguration(input, ctx) {
    const r = loadRepo(ctx, input);
    r.scanOnPush = (input['imageScanningConfiguration'] as { scanOnPush?: boolean } | undefined)?.scanOnPush === true;
    saveRepo(ctx, r);
    return { registryId: r.registryId, repositoryName: r.name, imageScanningConfiguration: { scanOnPush: r.scanOnPush } };
  },
  PutLifecyclePolicy(input, ctx) {
    const r = loadRepo(ctx, input);
    // ECR keeps the policy re-serialised (compact), not as sent.
    r.lifecyclePolicy = JSON.stringify(JSON.parse(checkLifecyclePolicy(input['lifecyclePolicyText'])));
    saveRepo(ctx, r);
    return { registryId: r.registryId, repositoryName: r.name, lifecyclePolicyText: r.lifecyclePolicy };
  },
  GetLifecyclePolicy(input, ctx) {
    const r = loadRepo(ctx, input);
    if (r.lifecyclePolicy === undefined) {
      throw new AwsError('LifecyclePolicyNotFoundException', `Lifecycle policy does not exist for the repository with name '${r.name}' in the registry with id '${r.registryId}'`);
    }
    return { registryId: r.registryId, repositoryName: r.name, lifecyclePolicyText: r.lifecyclePolicy, lastEvaluatedAt: 0 };
  },
  DeleteLifecyclePolicy(input, ctx) {
    const out = ecrOps['GetLifecyclePolicy']!(input, ctx);
    const r = loadRepo(ctx, input);
    delete r.lifecyclePolicy;
    saveRepo(ctx, r);
    return out;
  },
  SetRepositoryPolicy(input, ctx) {
    const r = loadRepo(ctx, input);
    r.policy = checkJson(input['policyText'], 'policyText', 'Invalid repository policy provided');
    saveRepo(ctx, r);
    return { registryId: r.registryId, repositoryName: r.name, policyText: r.policy };
  },
  GetRepositoryPolicy(input, ctx) {
    const r = loadRepo(ctx, input);
    if (r.policy === undefined) {
      throw new AwsError('RepositoryPolicyNotFoundException', `Repository policy does not exist for the repository with name '${r.name}' in the registry with id '${r.registryId}'`);
    }
    return { registryId: r.registryId, repositoryName: r.name, policyText: r.policy };
  },
  DeleteRepositoryPolicy(input, ctx) {
    const out = ecrOps['GetRepositoryPolicy']!(input, ctx);
    const r = loadRepo(ctx, input);
    delete r.policy;
    saveRepo(ctx, r);
    return out;
  },
  TagResource(input, ctx) {
    const r = repoByArn(ctx, input['resourceArn']);
    const m = new Map(r.tags.map((t) => [t.Key, t.Value]));
    for (const t of tags(input['tags'])) m.set(t.Key, t.Value);
    if (m.size > 50) throw new AwsError('TooManyTagsException', 'The repository has too many tags. A maximum of 50 tags is allowed.');
    r.tags = [...m].map(([Key, Value]) => ({ Key, Value }));
    saveRepo(ctx, r);
    return {};
  },
  UntagResource(input, ctx) {
    const r = repoByArn(ctx, input['resourceArn']);
    const keys = new Set((input['tagKeys'] as string[] | undefined) ?? []);
    r.tags = r.tags.filter((t) => !keys.has(t.Key));
    saveRepo(ctx, r);
    return {};
  },
  ListTagsForResource(input, ctx) {
    return { tags: repoByArn(ctx, input['resourceArn']).tags };
  },
  PutImage(input, ctx) {
    const r = loadRepo(ctx, input);
    const manifest = input['imageManifest'];
    if (typeof manifest !== 'string' || manifest === '') throw invalidParameter("1 validation error detected: Value null at 'imageManifest' failed to satisfy constraint: Member must not be null");
    let mediaType = typeof input['imageManifestMediaType'] === 'string' ? input['imageManifestMediaType'] : undefined;
    let size = 0;
    try {
      const m = JSON.parse(manifest) as { mediaType?: string; config?: { size?: number }; layers?: { size?: number }[] };
      mediaType ??= m.mediaType ?? 'application/vnd.docker.distribution.manifest.v2+json';
      size = (m.config?.size ?? 0) + (m.layers ?? []).reduce((s, l) => s + (l.size ?? 0), 0);
    } catch {
      throw new AwsError('InvalidParameterException', 'Invalid parameter at \'ImageManifest\' failed to satisfy constraint: \'Invalid JSON syntax\'');
    }
    const digest = 'sha256:' + createHash('sha256').update(manifest).digest('hex');
    if (typeof input['imageDigest'] === 'string' && input['imageDigest'] !== digest) {
      throw new AwsError('ImageDigestDoesNotMatchException', `The digest that you provided ${input['imageDigest']} does not match the digest calculated for the image ${digest}`);
    }
    const tag = typeof input['imageTag'] === 'string' ? input['imageTag'] : undefined;
    const same = r.images.find((i) => i.digest === digest);
    if (tag) {
      const holder = r.images.find((i) => i.tags.includes(tag));
      if (holder && holder.digest === digest) {
        throw new AwsError('ImageAlreadyExistsException', `Image with digest '${digest}' and tag '${tag}' already exists in the repository with name '${r.name}' in registry with id '${r.registryId}'`);
      }
      if (holder && r.mutability.startsWith('IMMUTABLE')) {
        throw new AwsError('ImageTagAlreadyExistsException', `The image tag '${tag}' already exists in the '${r.name}' repository and cannot be overwritten because the repository is immutable.`);
      }
      if (holder) holder.tags = holder.tags.filter((t) => t !== tag);
    }
    if (same) { if (tag) same.tags.push(tag); }
    else r.images.push({ digest, tags: tag ? [tag] : [], manifest, mediaType: mediaType!, size, pushedAt: ctx.now().getTime() / 1000 });
    saveRepo(ctx, r);
    return { image: { registryId: r.registryId, repositoryName: r.name, imageId: { imageDigest: digest, ...(tag ? { imageTag: tag } : {}) }, imageManifest: manifest, imageManifestMediaType: mediaType } };
  },
  BatchGetImage(input, ctx) {
    const r = loadRepo(ctx, input);
    const images: unknown[] = [];
    const failures: unknown[] = [];
    for (const id of (input['imageIds'] as ImageId[] | undefined) ?? []) {
      const i = findImage(r, id);
      if (i) images.push({ registryId: r.registryId, repositoryName: r.name, imageId: { imageDigest: i.digest, ...(id.imageTag ? { imageTag: id.imageTag } : {}) }, imageManifest: i.manifest, imageManifestMediaType: i.mediaType });
      else failures.push({ imageId: id, failureCode: id.imageTag ? 'ImageTagDoesNotMatchDigest' : 'ImageNotFound', failureReason: 'Requested image not found' });
    }
    return { images, failures };
  },
  DescribeImages(input, ctx) {
    const r = loadRepo(ctx, input);
    const ids = input['imageIds'] as ImageId[] | undefined;
    let images: Image[];
    if (ids?.length) {
      images = ids.map((id) => {
        const i = findImage(r, id);
        if (!i) throw imageNotFound(r, id);
        return i;
      });
    } else {
      images = r.images.filter(tagFilter(input));
    }
    const p = page(images, input);
    return {
      imageDetails: p.items.map((i) => ({
        registryId: r.registryId, repositoryName: r.name, imageDigest: i.digest, ...(i.tags.length ? { imageTags: i.tags } : {}),
        imageSizeInBytes: i.size, imagePushedAt: i.pushedAt, imageManifestMediaType: i.mediaType,
      })),
      ...(p.nextToken ? { nextToken: p.nextToken } : {}),
    };
  },
  ListImages(input, ctx) {
    const r = loadRepo(ctx, input);
    const ids = r.images.filter(tagFilter(input)).flatMap((i) => (i.tags.length ? i.tags.map((t) => ({ imageDigest: i.digest, imageTag: t })) : [{ imageDigest: i.digest }]));
    const p = page(ids, input);
    return { imageIds: p.items, ...(p.nextToken ? { nextToken: p.nextToken } : {}) };
  },
  BatchDeleteImage(input, ctx) {
    const r = loadRepo(ctx, input);
    const deleted: ImageId[] = [];
    const failures: unknown[] = [];
    for (const id of (input['imageIds'] as ImageId[] | undefined) ?? []) {
      const i = findImage(r, id);
      if (!i) {
        failures.push({ imageId: id, failureCode: 'ImageNotFound', failureReason: 'Requested image not found' });
        continue;
      }
      if (id.imageTag && !id.imageDigest && i.tags.length > 1) {
        // Deleting one of several tags only untags the image.
        i.tags = i.tags.filter((t) => t !== id.imageTag);
      } else {
        r.images = r.images.filter((x) => x !== i);
      }
      deleted.push({ imageDigest: i.digest, ...(id.imageTag ? { imageTag: id.imageTag } : {}) });
    }
    saveRepo(ctx, r);
    return { imageIds: deleted, failures };
  },
  GetAuthorizationToken(input, ctx) {
    const ids = (input['registryIds'] as string[] | undefined) ?? [ctx.account];
    const expiresAt = ctx.now().getTime() / 1000 + 12 * 3600;
    return {
      authorizationData: ids.map((id) => ({
        authorizationToken: Buffer.from(`AWS:${randomBytes(32).toString('base64')}`).toString('base64'),
        expiresAt,
        proxyEndpoint: `https://${id}.dkr.ecr.${ctx.region}.amazonaws.com`,
      })),
    };
  },
  DescribeRegistry(_input, ctx) {
    return { registryId: ctx.account, replicationConfiguration: { rules: [] } };
  },
};
