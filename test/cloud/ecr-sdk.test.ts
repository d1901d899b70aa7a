import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as E from '@aws-sdk/client-ecr';
import { startCloud, type RunningCloud } from '../../src/cloud/index.js';
import { service as ecrService } from '../../src/cloud/services/ecr/index.js';

let cloud: RunningCloud;
let ecr: E.ECRClient;
beforeAll(async () => {
  cloud = await startCloud({ port: 0, services: [ecrService] });
  ecr = new E.ECRClient({ endpoint: cloud.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
});
afterAll(() => cloud.close());

async function fails(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

const manifest = (n: number) => JSON.stringify({
  schemaVersion: 2, mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
  config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: 100 + n, digest: `sha256:${String(n).padStart(64, '0')}` },
  layers: [{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: 1000, digest: `sha256:${String(n + 1).padStart(64, '0')}` }],
});

describe('ECR repositories', () => {
  it('creates, describes, configures and deletes a repository', async () => {
    const c = await ecr.send(new E.CreateRepositoryCommand({
      repositoryName: 'team/app', imageTagMutability: 'IMMUTABLE', imageScanningConfiguration: { scanOnPush: true }, tags: [{ Key: 'env', Value: 'dev' }],
    }));
    expect(c.repository).toMatchObject({
      repositoryName: 'team/app', registryId: '000000000000', repositoryArn: 'arn:aws:ecr:us-east-1:000000000000:repository/team/app',
      repositoryUri: '000000000000.dkr.ecr.us-east-1.amazonaws.com/team/app', imageTagMutability: 'IMMUTABLE',
      imageScanningConfiguration: { scanOnPush: true }, encryptionConfiguration: { encryptionType: 'AES256' },
    });
    expect(c.repository?.createdAt).toBeInstanceOf(Date);
    expect(await fails(ecr.send(new E.CreateRepositoryCommand({ repositoryName: 'team/app' })))).toMatchObject({
      name: 'RepositoryAlreadyExistsException', message: "The repository with name 'team/app' already exists in the registry with id '000000000000'",
    });
    const d = await ecr.send(new E.DescribeRepositoriesCommand({ repositoryNames: ['team/app'] }));
    expect(d.repositories?.[0]?.repositoryUri).toBe(c.repository?.repositoryUri);
    await ecr.send(new E.PutImageTagMutabilityCommand({ repositoryName: 'team/app', imageTagMutability: 'MUTABLE' }));
    await ecr.send(new E.PutImageScanningConfigurationCommand({ repositoryName: 'team/app', imageScanningConfiguration: { scanOnPush: false } }));
    const d2 = (await ecr.send(new E.DescribeRepositoriesCommand({}))).repositories!.find((r) => r.repositoryName === 'team/app')!;
    expect(d2).toMatchObject({ imageTagMutability: 'MUTABLE', imageScanningConfiguration: { scanOnPush: false } });

    const arn = c.repository!.repositoryArn!;
    await ecr.send(new E.TagResourceCommand({ resourceArn: arn, tags: [{ Key: 'team', Value: 'x' }] }));
    await ecr.send(new E.UntagResourceCommand({ resourceArn: arn, tagKeys: ['env'] }));
    expect((await ecr.send(new E.ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual([{ Key: 'team', Value: 'x' }]);

    expect(await fails(ecr.send(new E.GetLifecyclePolicyCommand({ repositoryName: 'team/app' })))).toMatchObject({
      name: 'LifecyclePolicyNotFoundException', message: "Lifecycle policy does not exist for the repository with name 'team/app' in the registry with id '000000000000'",
    });
    const lp = JSON.stringify({ rules: [{ rulePriority: 1, description: 'keep 10', selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 10 }, action: { type: 'expire' } }] });
    await ecr.send(new E.PutLifecyclePolicyCommand({ repositoryName: 'team/app', lifecyclePolicyText: lp }));
    expect((await ecr.send(new E.GetLifecyclePolicyCommand({ repositoryName: 'team/app' }))).lifecyclePolicyText).toBe(lp);
    expect((await fails(ecr.send(new E.PutLifecyclePolicyCommand({ repositoryName: 'team/app', lifecyclePolicyText: '{"rules":[]}' })))).name).toBe('InvalidParameterException');
    await ecr.send(new E.DeleteLifecyclePolicyCommand({ repositoryName: 'team/app' }));

    expect((await fails(ecr.send(new E.GetRepositoryPolicyCommand({ repositoryName: 'team/app' })))).name).toBe('RepositoryPolicyNotFoundException');
    const pol = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'pull', Effect: 'Allow', Principal: '*', Action: ['ecr:BatchGetImage'] }] });
    await ecr.send(new E.SetRepositoryPolicyCommand({ repositoryName: 'team/app', policyText: pol }));
    expect((await ecr.send(new E.GetRepositoryPolicyCommand({ repositoryName: 'team/app' }))).policyText).toBe(pol);
    await ecr.send(new E.DeleteRepositoryPolicyCommand({ repositoryName: 'team/app' }));

    await ecr.send(new E.DeleteRepositoryCommand({ repositoryName: 'team/app' }));
    expect(await fails(ecr.send(new E.DescribeRepositoriesCommand({ repositoryNames: ['team/app'] })))).toMatchObject({
      name: 'RepositoryNotFoundException', message: "The repository with name 'team/app' does not exist in the registry with id '000000000000'", status: 400,
    });
  });

  it('rejects an invalid repository name', async () => {
    expect((await fails(ecr.send(new E.CreateRepositoryCommand({ repositoryName: 'Bad_Name' })))).name).toBe('InvalidParameterException');
  });

  it('stores images, describes, lists and deletes them; refuses to delete a non-empty repository without force', async () => {
    await ecr.send(new E.CreateRepositoryCommand({ repositoryName: 'imgs' }));
    const p = await ecr.send(new E.PutImageCommand({ repositoryName: 'imgs', imageManifest: manifest(1), imageTag: 'v1' }));
    expect(p.image?.imageId?.imageDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    await ecr.send(new E.PutImageCommand({ repositoryName: 'imgs', imageManifest: manifest(2) }));
    const d = await ecr.send(new E.DescribeImagesCommand({ repositoryName: 'imgs', imageIds: [{ imageTag: 'v1' }] }));
    expect(d.imageDetails?.[0]).toMatchObject({ imageTags: ['v1'], imageSizeInBytes: 1101, repositoryName: 'imgs' });
    expect(d.imageDetails?.[0]?.imagePushedAt).toBeInstanceOf(Date);
    expect((await ecr.send(new E.ListImagesCommand({ repositoryName: 'imgs', filter: { tagStatus: 'UNTAGGED' } }))).imageIds).toHaveLength(1);
    expect(await fails(ecr.send(new E.DescribeImagesCommand({ repositoryName: 'imgs', imageIds: [{ imageTag: 'nope' }] })))).toMatchObject({
      name: 'ImageNotFoundException', message: "The image with imageId {imageDigest:'null', imageTag:'nope'} does not exist within the repository with name 'imgs' in the registry with id '000000000000'",
    });
    expect(await fails(ecr.send(new E.DeleteRepositoryCommand({ repositoryName: 'imgs' })))).toMatchObject({
      name: 'RepositoryNotEmptyException', message: "The repository with name 'imgs' in registry with id '000000000000' cannot be deleted because it still contains images",
    });
    const del = await ecr.send(new E.BatchDeleteImageCommand({ repositoryName: 'imgs', imageIds: [{ imageTag: 'v1' }, { imageTag: 'gone' }] }));
    expect(del.imageIds).toHaveLength(1);
    expect(del.failures?.[0]).toMatchObject({ failureCode: 'ImageNotFound' });
    await ecr.send(new E.DeleteRepositoryCommand({ repositoryName: 'imgs', force: true }));
  });

  it('refuses to move a tag in an immutable repository', async () => {
    await ecr.send(new E.CreateRepositoryCommand({ repositoryName: 'immut', imageTagMutability: 'IMMUTABLE' }));
    await ecr.send(new E.PutImageCommand({ repositoryName: 'immut', imageManifest: manifest(3), imageTag: 'latest' }));
    expect(await fails(ecr.send(new E.PutImageCommand({ repositoryName: 'immut', imageManifest: manifest(4), imageTag: 'latest' })))).toMatchObject({
      name: 'ImageTagAlreadyExistsException', message: "The image tag 'latest' already exists in the 'immut' repository and cannot be overwritten because the repository is immutable.",
    });
  });

  it('issues authorization tokens for docker login', async () => {
    const t = await ecr.send(new E.GetAuthorizationTokenCommand({}));
    const a = t.authorizationData![0]!;
    expect(Buffer.from(a.authorizationToken!, 'base64').toString()).toMatch(/^AWS:.+/);
    expect(a.proxyEndpoint).toBe('https://000000000000.dkr.ecr.us-east-1.amazonaws.com');
    expect(a.expiresAt!.getTime()).toBeGreaterThan(Date.now());
  });
});
