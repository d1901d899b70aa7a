/**
 * aws_ecr_repository and aws_ecr_lifecycle_policy through the provider protocol against
 * the in-process cloud: state as hashicorp stores it, no drift after apply (the lifecycle
 * policy comes back re-serialised), in-place updates, replacement, drift seen, import by
 * name, destroy (force_delete), errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateRepositoryCommand, DeleteLifecyclePolicyCommand, DescribeRepositoriesCommand, ECRClient, GetLifecyclePolicyCommand, PutLifecyclePolicyCommand, PutImageCommand, PutImageTagMutabilityCommand } from '@aws-sdk/client-ecr';
import { startCloud, type RunningCloud } from '../../src/cloud/index.js';
import { nullVal, type Value } from '../../src/lang/value.js';
import { awsProvider } from '../../src/providers/aws/index.js';
import { Harness, js } from './harness.js';

let cloud: RunningCloud;
let h: Harness;
let ecr: ECRClient;

beforeAll(async () => {
  cloud = await startCloud({ port: 0 });
  h = await new Harness(awsProvider).configure({
    region: 'us-east-1', access_key: 'test', secret_key: 'test', endpoints: [{ ecr: cloud.url, sts: cloud.url }],
  });
  ecr = new ECRClient({ endpoint: cloud.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
});
afterAll(async () => {
  ecr?.destroy();
  await h?.p.close?.();
  await cloud?.close();
});

const R = 'aws_ecr_repository';
const L = 'aws_ecr_lifecycle_policy';

const exists = async (name: string) => {
  try {
    await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [name] }));
    return true;
  } catch {
    return false;
  }
};

describe('aws_ecr_repository', () => {
  it('creates a repository with the URL the cloud reports and AWS defaults in state, and plans no change after', async () => {
    const cfg = { name: 'team/api', tags: { App: 'api' } };
    const s = await h.create(R, cfg);
    expect(js(s)).toMatchObject({
      id: 'team/api', name: 'team/api', arn: 'arn:aws:ecr:us-east-1:000000000000:repository/team/api', registry_id: '000000000000',
      repository_url: '000000000000.dkr.ecr.us-east-1.amazonaws.com/team/api', image_tag_mutability: 'MUTABLE',
      image_scanning_configuration: [{ scan_on_push: false }], encryption_configuration: [{ encryption_type: 'AES256', kms_key: '' }],
      tags: { App: 'api' }, tags_all: { App: 'api' },
    });
    await h.expectNoChange(R, s, cfg);
  });

  it('updates mutability and scanning in place, replaces on encryption or name, sees drift', async () => {
    const cfg = { name: 'web', image_scanning_configuration: [{ scan_on_push: true }] };
    const s = await h.expectNoChange(R, await h.create(R, cfg), cfg);
    const cfg2 = { ...cfg, image_tag_mutability: 'IMMUTABLE', image_scanning_configuration: [{ scan_on_push: false }] };
    const upd = await h.plan(R, s, cfg2);
    expect(upd.requiresReplace).toEqual([]);
    const after = await h.apply(R, s, upd.plannedState, cfg2);
    const got = (await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['web'] }))).repositories![0]!;
    expect(got.imageTagMutability).toBe('IMMUTABLE');
    expect(got.imageScanningConfiguration?.scanOnPush).toBe(false);
    await h.expectNoChange(R, after, cfg2);

    const kms = await h.plan(R, after, { ...cfg2, encryption_configuration: [{ encryption_type: 'KMS' }] });
    expect(kms.requiresReplace).toContainEqual([{ attr: 'encryption_configuration' }]);
    expect(kms.plannedState.attrs.get('arn')!.isKnown).toBe(false);
    expect((await h.plan(R, after, { ...cfg2, name: 'web2' })).requiresReplace).toContainEqual([{ attr: 'name' }]);

    await ecr.send(new PutImageTagMutabilityCommand({ repositoryName: 'web', imageTagMutability: 'MUTABLE' }));
    const drift = await h.read(R, after);
    expect(js(drift).image_tag_mutability).toBe('MUTABLE');
    expect(js((await h.plan(R, drift, cfg2)).plannedState).image_tag_mutability).toBe('IMMUTABLE');
  });

  it('imports by name with no change planned; destroy needs force_delete when images remain', async () => {
    await ecr.send(new CreateRepositoryCommand({ repositoryName: 'legacy', imageTagMutability: 'IMMUTABLE' }));
    const imp = await h.importState(R, 'legacy');
    expect(imp.diagnostics).toEqual([]);
    const state = imp.importedResources[0]!.state;
    const cfg = { name: 'legacy', image_tag_mutability: 'IMMUTABLE' };
    await h.expectNoChange(R, state, cfg);

    const manifest = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.docker.distribution.manifest.v2+json', config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: 1, digest: `sha256:${'a'.repeat(64)}` }, layers: [] });
    await ecr.send(new PutImageCommand({ repositoryName: 'legacy', imageManifest: manifest, imageTag: 'v1' }));
    const r = await h.p.applyResourceChange({ typeName: R, priorState: state, plannedState: nullVal(h.type(R)), config: nullVal(h.type(R)) } as never);
    expect(r.diagnostics[0]?.summary).toMatch(/^deleting ECR Repository \(legacy\): RepositoryNotEmptyException: /);
    expect(await exists('legacy')).toBe(true);

    const forced = await h.plan(R, state, { ...cfg, force_delete: true });
    const withForce = await h.apply(R, state, forced.plannedState, { ...cfg, force_delete: true });
    await h.destroy(R, withForce);
    expect(await exists('legacy')).toBe(false);
    expect(await h.read(R, withForce)).toBeNull();
  });

  it('reports an invalid name as the AWS error', async () => {
    const cfg = { name: 'Bad_Name' };
    const pl = await h.plan(R, null, cfg);
    const r = await h.p.applyResourceChange({ typeName: R, priorState: nullVal(h.type(R)), plannedState: pl.plannedState, config: h.config(R, cfg) } as never);
    expect(r.diagnostics[0]?.summary).toMatch(/^creating ECR Repository \(Bad_Name\): InvalidParameterException: /);
  });
});

describe('aws_ecr_lifecycle_policy', () => {
  const policy = `{
    "rules": [
      { "rulePriority": 2, "description": "expire untagged", "selection": { "tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 14 }, "action": { "type": "expire" } },
      { "rulePriority": 1, "description": "keep 30", "selection": { "tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 30 }, "action": { "type": "expire" } }
    ]
  }`;

  it('keeps the configured text though ECR returns it re-serialised, imports by repository, replaces on change, deletes', async () => {
    await h.create(R, { name: 'svc' });
    const cfg = { repository: 'svc', policy };
    const s = await h.create(L, cfg);
    expect(js(s)).toMatchObject({ id: 'svc', repository: 'svc', registry_id: '000000000000', policy });
    const remote = (await ecr.send(new GetLifecyclePolicyCommand({ repositoryName: 'svc' }))).lifecyclePolicyText;
    expect(remote).not.toBe(policy);
    await h.expectNoChange(L, s, cfg);

    const imp = await h.importState(L, 'svc');
    expect(imp.diagnostics).toEqual([]);
    const imported = await h.expectNoChange(L, imp.importedResources[0]!.state, { repository: 'svc', policy: remote });

    // The same rules in another order are no change; another rule forces a new policy.
    const reordered = JSON.stringify({ rules: [...JSON.parse(policy).rules].reverse() });
    const same = await h.plan(L, imported, { repository: 'svc', policy: reordered });
    expect(same.requiresReplace).toEqual([]);
    expect(js(same.plannedState)).toEqual(js(imported));
    const other = policy.replace('"countNumber": 30', '"countNumber": 5');
    expect((await h.plan(L, imported, { repository: 'svc', policy: other })).requiresReplace).toContainEqual([{ attr: 'policy' }]);

    // A policy deleted by hand reads as gone, so the next plan creates it again.
    await ecr.send(new DeleteLifecyclePolicyCommand({ repositoryName: 'svc' }));
    expect(await h.read(L, imported)).toBeNull();
    await ecr.send(new PutLifecyclePolicyCommand({ repositoryName: 'svc', lifecyclePolicyText: remote }));

    await h.destroy(L, imported);
    expect(await h.read(L, imported)).toBeNull();
    const r = await h.p.applyResourceChange({ typeName: L, priorState: nullVal(h.type(L)), plannedState: (await h.plan(L, null, { repository: 'svc', policy: '{"rules":[]}' })).plannedState, config: h.config(L, { repository: 'svc', policy: '{"rules":[]}' }) } as never);
    expect(r.diagnostics[0]?.summary).toMatch(/^creating ECR Lifecycle Policy \(svc\): InvalidParameterException: /);
  });
});
