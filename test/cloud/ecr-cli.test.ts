import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startCloud, type RunningCloud } from '../../src/cloud/index.js';
import { service as ecrService } from '../../src/cloud/services/ecr/index.js';
import { awsCli } from './aws-cli.js';

let cloud: RunningCloud;
beforeAll(async () => {
  cloud = await startCloud({ port: 0, services: [ecrService] });
});
afterAll(() => cloud.close());

describe('ECR with the AWS CLI v2', () => {
  it('creates and describes a repository and prints a login password', async () => {
    const c = JSON.parse(await awsCli(cloud.url, ['ecr', 'create-repository', '--repository-name', 'cli-repo', '--image-scanning-configuration', 'scanOnPush=true']));
    expect(c.repository.repositoryUri).toBe('000000000000.dkr.ecr.us-east-1.amazonaws.com/cli-repo');
    const d = JSON.parse(await awsCli(cloud.url, ['ecr', 'describe-repositories', '--repository-names', 'cli-repo']));
    expect(d.repositories[0].imageScanningConfiguration.scanOnPush).toBe(true);
    const pw = await awsCli(cloud.url, ['ecr', 'get-login-password']);
    expect(pw.trim().length).toBeGreaterThan(20);
  });

  it('reports a missing repository like AWS', async () => {
    await expect(awsCli(cloud.url, ['ecr', 'describe-repositories', '--repository-names', 'nope'])).rejects.toThrow(
      "An error occurred (RepositoryNotFoundException) when calling the DescribeRepositories operation: The repository with name 'nope' does not exist in the registry with id '000000000000'",
    );
  });
});
