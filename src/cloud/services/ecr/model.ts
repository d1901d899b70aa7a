/** ECR repositories and images as stored, their wire shapes and ECR's errors. */
import type { RequestContext } from '../../context.js';
import { AwsError } from '../../errors.js';

/** An image in a repository. */
export interface Image {
  digest: string;
  tags: string[];
  manifest: string;
  mediaType: string;
  size: number;
  pushedAt: number;
}

/** A stored repository. */
export interface Repository {
  name: string;
  arn: string;
  registryId: string;
  createdAt: number;
  mutability: string;
  scanOnPush: boolean;
  encryption: { encryptionType: string; kmsKey?: string };
  tags: { Key: string; Value: string }[];
  lifecyclePolicy?: string;
  policy?: string;
  images: Image[];
}

/** 400 InvalidParameterException. */
export function invalidParameter(message: string): AwsError {
  return new AwsError('InvalidParameterException', message);
}

/** 400 RepositoryNotFoundException with ECR's wording. */
export function repositoryNotFound(name: string, registry: string): AwsError {
  return new AwsError('RepositoryNotFoundException', `The repository with name '${name}' does not exist in the registry with id '${registry}'`);
}

const NAME = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

/** Checks a repository name like ECR. */
export function checkName(v: unknown): string {
  if (typeof v !== 'string' || v === '') throw invalidParameter("1 validation error detected: Value null at 'repositoryName' failed to satisfy constraint: Member must not be null");
  if (v.length < 2 || v.length > 256) {
    throw invalidParameter(`1 validation error detected: Value '${v}' at 'repositoryName' failed to satisfy constraint: Member must have length ${v.length < 2 ? 'greater than or equal to 2' : 'less than or equal to 256'}`);
  }
  if (!NAME.test(v)) {
    throw invalidParameter(`Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression '(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*''`);
  }
  return v;
}

/** The registry (account) a request addresses: registryId if given, else the caller's account. */
export function registryOf(ctx: RequestContext, input: Record<string, unknown>): string {
  const r = input['registryId'];
  if (r === undefined) return ctx.account;
  if (typeof r !== 'string' || !/^\d{12}$/.test(r)) {
    throw invalidParameter(`1 validation error detected: Value '${String(r)}' at 'registryId' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9]{12}`);
  }
  return r;
}

/** The repository, or RepositoryNotFoundException. */
export function loadRepo(ctx: RequestContext, input: Record<string, unknown>): Repository {
  const registry = registryOf(ctx, input);
  const name = checkName(input['repositoryName']);
  const r = ctx.store.get<Repository>('ecr', 'repository', registry, ctx.region, name);
  if (!r) throw repositoryNotFound(name, registry);
  return r;
}

/** Saves a repository. */
export function saveRepo(ctx: RequestContext, r: Repository): void {
  ctx.store.put('ecr', 'repository', r.registryId, ctx.region, r.name, r);
}

/** `<account>.dkr.ecr.<region>.amazonaws.com/<name>`. */
export function repositoryUri(ctx: RequestContext, r: Repository): string {
  return `${r.registryId}.dkr.ecr.${ctx.region}.amazonaws.com/${r.name}`;
}

/** The Repository shape of the API. */
export function repositoryJson(ctx: RequestContext, r: Repository): Record<string, unknown> {
  return {
    repositoryArn: r.arn, registryId: r.registryId, repositoryName: r.name, repositoryUri: repositoryUri(ctx, r), createdAt: r.createdAt,
    imageTagMutability: r.mutability, imageScanningConfiguration: { scanOnPush: r.scanOnPush },
    encryptionConfiguration: { encryptionType: r.encryption.encryptionType, ...(r.encryption.kmsKey ? { kmsKey: r.encryption.kmsKey } : {}) },
  };
}
