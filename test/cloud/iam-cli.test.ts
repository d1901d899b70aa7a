import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startCloud, type RunningCloud } from '../../src/cloud/index.js';
import { service as iamService } from '../../src/cloud/services/iam/index.js';
import { awsCli } from './aws-cli.js';

let cloud: RunningCloud;
beforeAll(async () => {
  cloud = await startCloud({ port: 0, services: [iamService] });
});
afterAll(() => cloud.close());

const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

describe('IAM with the AWS CLI v2', () => {
  it('creates a user and lists it', async () => {
    const out = JSON.parse(await awsCli(cloud.url, ['iam', 'create-user', '--user-name', 'cli-user', '--tags', 'Key=k,Value=v']));
    expect(out.User.Arn).toBe('arn:aws:iam::000000000000:user/cli-user');
    const list = JSON.parse(await awsCli(cloud.url, ['iam', 'list-users']));
    expect(list.Users.map((u: { UserName: string }) => u.UserName)).toContain('cli-user');
  });

  it('returns the trust policy as a document the CLI decodes', async () => {
    await awsCli(cloud.url, ['iam', 'create-role', '--role-name', 'cli-role', '--assume-role-policy-document', trust]);
    const got = JSON.parse(await awsCli(cloud.url, ['iam', 'get-role', '--role-name', 'cli-role']));
    expect(got.Role.AssumeRolePolicyDocument).toEqual(JSON.parse(trust));
  });

  it('reports NoSuchEntity and EntityAlreadyExists like AWS', async () => {
    await expect(awsCli(cloud.url, ['iam', 'get-role', '--role-name', 'nope'])).rejects.toThrow(
      'An error occurred (NoSuchEntity) when calling the GetRole operation: The role with name nope cannot be found.',
    );
    await expect(awsCli(cloud.url, ['iam', 'create-user', '--user-name', 'cli-user'])).rejects.toThrow(
      'An error occurred (EntityAlreadyExists) when calling the CreateUser operation: User with name cli-user already exists.',
    );
  });

  it('creates a policy, a version and an access key', async () => {
    const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }] });
    const p = JSON.parse(await awsCli(cloud.url, ['iam', 'create-policy', '--policy-name', 'cli-pol', '--policy-document', doc]));
    const v = JSON.parse(await awsCli(cloud.url, ['iam', 'create-policy-version', '--policy-arn', p.Policy.Arn, '--policy-document', doc, '--set-as-default']));
    expect(v.PolicyVersion).toMatchObject({ VersionId: 'v2', IsDefaultVersion: true });
    const got = JSON.parse(await awsCli(cloud.url, ['iam', 'get-policy-version', '--policy-arn', p.Policy.Arn, '--version-id', 'v2']));
    expect(got.PolicyVersion.Document).toEqual(JSON.parse(doc));
    const k = JSON.parse(await awsCli(cloud.url, ['iam', 'create-access-key', '--user-name', 'cli-user']));
    expect(k.AccessKey.AccessKeyId).toMatch(/^AKIA/);
  });
});
