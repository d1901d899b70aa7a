import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as I from '@aws-sdk/client-iam';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { startCloud, type RunningCloud } from '../../src/cloud/index.js';
import { service as iamService } from '../../src/cloud/services/iam/index.js';
import { service as stsService } from '../../src/cloud/services/sts/index.js';

let cloud: RunningCloud;
let iam: I.IAMClient;
beforeAll(async () => {
  cloud = await startCloud({ port: 0, services: [iamService, stsService] });
  iam = new I.IAMClient({ endpoint: cloud.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
});
afterAll(() => cloud.close());

const trust = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const s3Read = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::b/*' }] });

async function fails(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

describe('IAM roles', () => {
  it('creates, reads, updates, tags and deletes a role', async () => {
    const c = await iam.send(new I.CreateRoleCommand({ RoleName: 'app', Path: '/svc/', AssumeRolePolicyDocument: trust, Description: 'd', MaxSessionDuration: 7200, Tags: [{ Key: 'env', Value: 'dev' }] }));
    expect(c.Role?.Arn).toBe('arn:aws:iam::000000000000:role/svc/app');
    expect(c.Role?.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(c.Role?.CreateDate).toBeInstanceOf(Date);
    const g = await iam.send(new I.GetRoleCommand({ RoleName: 'app' }));
    expect(decodeURIComponent(g.Role!.AssumeRolePolicyDocument!)).toBe(trust);
    expect(g.Role?.MaxSessionDuration).toBe(7200);
    expect(g.Role?.Tags).toEqual([{ Key: 'env', Value: 'dev' }]);
    await iam.send(new I.UpdateRoleCommand({ RoleName: 'app', MaxSessionDuration: 3600, Description: 'new' }));
    const doc2 = trust.replace('ec2', 'lambda');
    await iam.send(new I.UpdateAssumeRolePolicyCommand({ RoleName: 'app', PolicyDocument: doc2 }));
    await iam.send(new I.TagRoleCommand({ RoleName: 'app', Tags: [{ Key: 'team', Value: 'x' }] }));
    await iam.send(new I.UntagRoleCommand({ RoleName: 'app', TagKeys: ['env'] }));
    const g2 = await iam.send(new I.GetRoleCommand({ RoleName: 'app' }));
    expect(g2.Role?.Description).toBe('new');
    expect(g2.Role?.MaxSessionDuration).toBe(3600);
    expect(decodeURIComponent(g2.Role!.AssumeRolePolicyDocument!)).toBe(doc2);
    expect((await iam.send(new I.ListRoleTagsCommand({ RoleName: 'app' }))).Tags).toEqual([{ Key: 'team', Value: 'x' }]);
    expect((await iam.send(new I.ListRolesCommand({ PathPrefix: '/svc/' }))).Roles?.map((r) => r.RoleName)).toEqual(['app']);
    await iam.send(new I.DeleteRoleCommand({ RoleName: 'app' }));
    const e = await fails(iam.send(new I.GetRoleCommand({ RoleName: 'app' })));
    expect(e).toMatchObject({ name: 'NoSuchEntityException', message: 'The role with name app cannot be found.', status: 404 });
  });

  it('rejects a duplicate role name (case-insensitively)', async () => {
    await iam.send(new I.CreateRoleCommand({ RoleName: 'Dup', AssumeRolePolicyDocument: trust }));
    const e = await fails(iam.send(new I.CreateRoleCommand({ RoleName: 'dup', AssumeRolePolicyDocument: trust })));
    expect(e).toMatchObject({ name: 'EntityAlreadyExistsException', message: 'Role with name dup already exists.', status: 409 });
  });

  it.each([
    ['{not json', 'This policy contains invalid Json'],
    [JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] }), 'Missing required field Principal'],
    [JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Resource: '*' }] }), 'Has prohibited field Resource'],
    [JSON.stringify({ Version: '2099-01-01', Statement: [] }), 'The policy failed legacy parsing'],
  ])('rejects trust policy %s', async (doc, message) => {
    const e = await fails(iam.send(new I.CreateRoleCommand({ RoleName: 'bad', AssumeRolePolicyDocument: doc })));
    expect(e).toMatchObject({ name: 'MalformedPolicyDocumentException', message, status: 400 });
  });

  it.each([
    [{ RoleName: 'a b', AssumeRolePolicyDocument: trust }, /roleName.*regular expression/],
    [{ RoleName: 'x'.repeat(65), AssumeRolePolicyDocument: trust }, /less than or equal to 64/],
    [{ RoleName: 'ok', AssumeRolePolicyDocument: trust, MaxSessionDuration: 60 }, /greater than or equal to 3600/],
  ])('validates %j', async (input, msg) => {
    const e = await fails(iam.send(new I.CreateRoleCommand(input)));
    expect(e.name).toBe('ValidationError');
    expect(e.message).toMatch(msg);
  });

  it('refuses to delete a role with attachments, inline policies or instance profiles, like the provider expects', async () => {
    await iam.send(new I.CreateRoleCommand({ RoleName: 'busy', AssumeRolePolicyDocument: trust }));
    const pol = await iam.send(new I.CreatePolicyCommand({ PolicyName: 'busy-read', PolicyDocument: s3Read }));
    await iam.send(new I.AttachRolePolicyCommand({ RoleName: 'busy', PolicyArn: pol.Policy!.Arn! }));
    await iam.send(new I.AttachRolePolicyCommand({ RoleName: 'busy', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    await iam.send(new I.PutRolePolicyCommand({ RoleName: 'busy', PolicyName: 'inline', PolicyDocument: s3Read }));
    await iam.send(new I.CreateInstanceProfileCommand({ InstanceProfileName: 'busy-ip' }));
    await iam.send(new I.AddRoleToInstanceProfileCommand({ InstanceProfileName: 'busy-ip', RoleName: 'busy' }));

    expect(await fails(iam.send(new I.DeleteRoleCommand({ RoleName: 'busy' })))).toMatchObject({
      name: 'DeleteConflictException', message: 'Cannot delete entity, must remove roles from instance profile first.', status: 409,
    });
    const ips = await iam.send(new I.ListInstanceProfilesForRoleCommand({ RoleName: 'busy' }));
    expect(ips.InstanceProfiles?.map((p) => p.InstanceProfileName)).toEqual(['busy-ip']);
    expect(ips.InstanceProfiles?.[0]?.Roles?.[0]?.RoleName).toBe('busy');
    await iam.send(new I.RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'busy-ip', RoleName: 'busy' }));

    expect((await fails(iam.send(new I.DeleteRoleCommand({ RoleName: 'busy' })))).message).toBe('Cannot delete entity, must detach all policies first.');
    const att = await iam.send(new I.ListAttachedRolePoliciesCommand({ RoleName: 'busy' }));
    expect(att.AttachedPolicies).toEqual([
      { PolicyName: 'busy-read', PolicyArn: pol.Policy!.Arn },
      { PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
    ]);
    const ents = await iam.send(new I.ListEntitiesForPolicyCommand({ PolicyArn: pol.Policy!.Arn! }));
    expect(ents.PolicyRoles?.map((r) => r.RoleName)).toEqual(['busy']);
    expect((await fails(iam.send(new I.DeletePolicyCommand({ PolicyArn: pol.Policy!.Arn! })))).message).toBe('Cannot delete a policy attached to entities.');
    for (const a of att.AttachedPolicies!) await iam.send(new I.DetachRolePolicyCommand({ RoleName: 'busy', PolicyArn: a.PolicyArn! }));
    expect((await fails(iam.send(new I.DetachRolePolicyCommand({ RoleName: 'busy', PolicyArn: pol.Policy!.Arn! })))).name).toBe('NoSuchEntityException');

    expect((await fails(iam.send(new I.DeleteRoleCommand({ RoleName: 'busy' })))).message).toBe('Cannot delete entity, must delete policies first.');
    expect((await iam.send(new I.ListRolePoliciesCommand({ RoleName: 'busy' }))).PolicyNames).toEqual(['inline']);
    const inl = await iam.send(new I.GetRolePolicyCommand({ RoleName: 'busy', PolicyName: 'inline' }));
    expect(decodeURIComponent(inl.PolicyDocument!)).toBe(s3Read);
    await iam.send(new I.DeleteRolePolicyCommand({ RoleName: 'busy', PolicyName: 'inline' }));
    expect(await fails(iam.send(new I.GetRolePolicyCommand({ RoleName: 'busy', PolicyName: 'inline' })))).toMatchObject({
      name: 'NoSuchEntityException', message: 'The role policy with name inline cannot be found.',
    });
    await iam.send(new I.DeleteRoleCommand({ RoleName: 'busy' }));
    await iam.send(new I.DeleteInstanceProfileCommand({ InstanceProfileName: 'busy-ip' }));
    expect(await fails(iam.send(new I.GetInstanceProfileCommand({ InstanceProfileName: 'busy-ip' })))).toMatchObject({
      name: 'NoSuchEntityException', message: 'Instance Profile busy-ip cannot be found.',
    });
  });
});

describe('IAM managed policies', () => {
  it('keeps versions: create up to 5, set default, delete non-default, then delete the policy', async () => {
    const c = await iam.send(new I.CreatePolicyCommand({ PolicyName: 'ver', Path: '/p/', PolicyDocument: s3Read, Description: 'desc', Tags: [{ Key: 'k', Value: 'v' }] }));
    const arn = c.Policy!.Arn!;
    expect(arn).toBe('arn:aws:iam::000000000000:policy/p/ver');
    expect(c.Policy).toMatchObject({ PolicyName: 'ver', DefaultVersionId: 'v1', AttachmentCount: 0, IsAttachable: true });
    expect(c.Policy?.PolicyId).toMatch(/^ANPA[A-Z2-7]{17}$/);
    const g = await iam.send(new I.GetPolicyCommand({ PolicyArn: arn }));
    expect(g.Policy).toMatchObject({ Description: 'desc', Tags: [{ Key: 'k', Value: 'v' }] });
    for (let i = 2; i <= 5; i++) {
      const v = await iam.send(new I.CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: s3Read.replace('b/*', `b${i}/*`), SetAsDefault: i === 3 }));
      expect(v.PolicyVersion).toMatchObject({ VersionId: `v${i}`, IsDefaultVersion: i === 3 });
    }
    expect(await fails(iam.send(new I.CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: s3Read })))).toMatchObject({
      name: 'LimitExceededException', status: 409,
      message: 'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
    });
    expect((await iam.send(new I.GetPolicyCommand({ PolicyArn: arn }))).Policy?.DefaultVersionId).toBe('v3');
    const pv = await iam.send(new I.GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v3' }));
    expect(JSON.parse(decodeURIComponent(pv.PolicyVersion!.Document!)).Statement[0].Resource).toBe('arn:aws:s3:::b3/*');
    await iam.send(new I.SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v5' }));
    expect((await fails(iam.send(new I.DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v5' })))).message).toBe('Cannot delete the default version of a policy.');
    expect((await fails(iam.send(new I.DeletePolicyCommand({ PolicyArn: arn })))).name).toBe('DeleteConflictException');
    const vs = await iam.send(new I.ListPolicyVersionsCommand({ PolicyArn: arn }));
    expect(vs.Versions?.map((v) => [v.VersionId, v.IsDefaultVersion])).toEqual([['v5', true], ['v4', false], ['v3', false], ['v2', false], ['v1', false]]);
    for (const v of vs.Versions!) if (!v.IsDefaultVersion) await iam.send(new I.DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: v.VersionId! }));
    await iam.send(new I.DeletePolicyCommand({ PolicyArn: arn }));
    expect(await fails(iam.send(new I.GetPolicyCommand({ PolicyArn: arn })))).toMatchObject({ name: 'NoSuchEntityException', message: `Policy ${arn} was not found.` });
  });

  it('rejects duplicate names and malformed identity documents', async () => {
    await iam.send(new I.CreatePolicyCommand({ PolicyName: 'once', PolicyDocument: s3Read }));
    expect(await fails(iam.send(new I.CreatePolicyCommand({ PolicyName: 'once', PolicyDocument: s3Read })))).toMatchObject({
      name: 'EntityAlreadyExistsException', message: 'A policy called once already exists. Duplicate names are not allowed.',
    });
    const cases: [object, string][] = [
      [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Resource: '*' }] }, 'Policy statement must contain actions.'],
      [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*' }] }, 'Policy statement must contain resources.'],
      [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*', Principal: '*' }] }, 'Policy document should not specify a principal.'],
      [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'GetObject', Resource: '*' }] }, 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.'],
      [{ Version: '2012-10-17', Statement: [{ Effect: 'Maybe', Action: 's3:*', Resource: '*' }] }, 'Syntax errors in policy.'],
    ];
    for (const [doc, message] of cases) {
      expect(await fails(iam.send(new I.CreatePolicyCommand({ PolicyName: 'm', PolicyDocument: JSON.stringify(doc) })))).toMatchObject({ name: 'MalformedPolicyDocumentException', message });
    }
  });

  it('knows AWS managed policies and refuses unknown arns', async () => {
    const g = await iam.send(new I.GetPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
    expect(g.Policy?.PolicyName).toBe('AdministratorAccess');
    const l = await iam.send(new I.ListPoliciesCommand({ Scope: 'Local' }));
    expect(l.Policies?.every((p) => p.Arn?.startsWith('arn:aws:iam::000000000000:'))).toBe(true);
    await iam.send(new I.CreateRoleCommand({ RoleName: 'r-att', AssumeRolePolicyDocument: trust }));
    expect(await fails(iam.send(new I.AttachRolePolicyCommand({ RoleName: 'r-att', PolicyArn: 'arn:aws:iam::000000000000:policy/none' })))).toMatchObject({
      name: 'NoSuchEntityException', message: 'Policy arn:aws:iam::000000000000:policy/none does not exist or is not attachable.',
    });
  });
});

describe('IAM users, groups and access keys', () => {
  it('manages users, groups, membership, inline and attached policies', async () => {
    const u = await iam.send(new I.CreateUserCommand({ UserName: 'alice', Tags: [{ Key: 'a', Value: '1' }] }));
    expect(u.User?.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
    expect(u.User?.Arn).toBe('arn:aws:iam::000000000000:user/alice');
    expect(await fails(iam.send(new I.CreateUserCommand({ UserName: 'alice' })))).toMatchObject({ name: 'EntityAlreadyExistsException', message: 'User with name alice already exists.' });
    expect((await iam.send(new I.GetUserCommand({ UserName: 'alice' }))).User?.Tags).toEqual([{ Key: 'a', Value: '1' }]);
    await iam.send(new I.TagUserCommand({ UserName: 'alice', Tags: [{ Key: 'b', Value: '2' }] }));
    await iam.send(new I.UntagUserCommand({ UserName: 'alice', TagKeys: ['a'] }));
    expect((await iam.send(new I.ListUserTagsCommand({ UserName: 'alice' }))).Tags).toEqual([{ Key: 'b', Value: '2' }]);

    const g = await iam.send(new I.CreateGroupCommand({ GroupName: 'devs' }));
    expect(g.Group?.GroupId).toMatch(/^AGPA/);
    await iam.send(new I.AddUserToGroupCommand({ GroupName: 'devs', UserName: 'alice' }));
    expect((await iam.send(new I.GetGroupCommand({ GroupName: 'devs' }))).Users?.map((x) => x.UserName)).toEqual(['alice']);
    expect((await iam.send(new I.ListGroupsForUserCommand({ UserName: 'alice' }))).Groups?.map((x) => x.GroupName)).toEqual(['devs']);
    await iam.send(new I.PutGroupPolicyCommand({ GroupName: 'devs', PolicyName: 'gp', PolicyDocument: s3Read }));
    expect((await iam.send(new I.ListGroupPoliciesCommand({ GroupName: 'devs' }))).PolicyNames).toEqual(['gp']);
    await iam.send(new I.AttachGroupPolicyCommand({ GroupName: 'devs', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    expect((await iam.send(new I.ListAttachedGroupPoliciesCommand({ GroupName: 'devs' }))).AttachedPolicies?.length).toBe(1);
    expect((await fails(iam.send(new I.DeleteGroupCommand({ GroupName: 'devs' })))).message).toBe('Cannot delete entity, must remove users from group first.');

    await iam.send(new I.PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'up', PolicyDocument: s3Read }));
    expect(decodeURIComponent((await iam.send(new I.GetUserPolicyCommand({ UserName: 'alice', PolicyName: 'up' }))).PolicyDocument!)).toBe(s3Read);
    await iam.send(new I.AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    expect((await iam.send(new I.ListAttachedUserPoliciesCommand({ UserName: 'alice' }))).AttachedPolicies?.[0]?.PolicyName).toBe('ReadOnlyAccess');

    const k = await iam.send(new I.CreateAccessKeyCommand({ UserName: 'alice' }));
    expect(k.AccessKey?.AccessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(k.AccessKey?.SecretAccessKey).toHaveLength(40);
    expect(k.AccessKey?.Status).toBe('Active');

    expect((await fails(iam.send(new I.DeleteUserCommand({ UserName: 'alice' })))).message).toBe('Cannot delete entity, must delete access keys first.');
    // The provider's delete path: keys, inline, attached, groups, then the user.
    for (const m of (await iam.send(new I.ListAccessKeysCommand({ UserName: 'alice' }))).AccessKeyMetadata!) {
      await iam.send(new I.DeleteAccessKeyCommand({ UserName: 'alice', AccessKeyId: m.AccessKeyId! }));
    }
    expect((await fails(iam.send(new I.DeleteUserCommand({ UserName: 'alice' })))).message).toBe('Cannot delete entity, must delete policies first.');
    await iam.send(new I.DeleteUserPolicyCommand({ UserName: 'alice', PolicyName: 'up' }));
    expect((await fails(iam.send(new I.DeleteUserCommand({ UserName: 'alice' })))).message).toBe('Cannot delete entity, must detach all policies first.');
    await iam.send(new I.DetachUserPolicyCommand({ UserName: 'alice', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    expect((await fails(iam.send(new I.DeleteUserCommand({ UserName: 'alice' })))).message).toBe('Cannot delete entity, must remove users from group first.');
    await iam.send(new I.RemoveUserFromGroupCommand({ GroupName: 'devs', UserName: 'alice' }));
    expect((await iam.send(new I.ListSSHPublicKeysCommand({ UserName: 'alice' }))).SSHPublicKeys).toEqual([]);
    expect((await fails(iam.send(new I.GetLoginProfileCommand({ UserName: 'alice' })))).name).toBe('NoSuchEntityException');
    await iam.send(new I.DeleteUserCommand({ UserName: 'alice' }));
    expect(await fails(iam.send(new I.GetUserCommand({ UserName: 'alice' })))).toMatchObject({ name: 'NoSuchEntityException', message: 'The user with name alice cannot be found.' });

    await iam.send(new I.DeleteGroupPolicyCommand({ GroupName: 'devs', PolicyName: 'gp' }));
    await iam.send(new I.DetachGroupPolicyCommand({ GroupName: 'devs', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    await iam.send(new I.DeleteGroupCommand({ GroupName: 'devs' }));
    expect((await fails(iam.send(new I.GetGroupCommand({ GroupName: 'devs' })))).message).toBe('The group with name devs cannot be found.');
  });

  it('issues access keys that sign requests as the user in the same account, up to two per user', async () => {
    await iam.send(new I.CreateUserCommand({ UserName: 'bob' }));
    const k = (await iam.send(new I.CreateAccessKeyCommand({ UserName: 'bob' }))).AccessKey!;
    const asBob = new STSClient({ endpoint: cloud.url, region: 'us-east-1', credentials: { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! } });
    const me = await asBob.send(new GetCallerIdentityCommand({}));
    expect(me).toMatchObject({ Account: '000000000000', Arn: 'arn:aws:iam::000000000000:user/bob' });
    const iamAsBob = new I.IAMClient({ endpoint: cloud.url, region: 'us-east-1', credentials: { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! } });
    expect((await iamAsBob.send(new I.GetUserCommand({}))).User?.UserName).toBe('bob');
    expect((await iam.send(new I.GetUserCommand({}))).User?.Arn).toBe('arn:aws:iam::000000000000:root');
    await iam.send(new I.CreateAccessKeyCommand({ UserName: 'bob' }));
    expect(await fails(iam.send(new I.CreateAccessKeyCommand({ UserName: 'bob' })))).toMatchObject({
      name: 'LimitExceededException', message: 'Cannot exceed quota for AccessKeysPerUser: 2',
    });
    await iam.send(new I.UpdateAccessKeyCommand({ UserName: 'bob', AccessKeyId: k.AccessKeyId!, Status: 'Inactive' }));
    const l = await iam.send(new I.ListAccessKeysCommand({ UserName: 'bob' }));
    expect(l.AccessKeyMetadata?.find((m) => m.AccessKeyId === k.AccessKeyId)?.Status).toBe('Inactive');
    const lu = await iam.send(new I.GetAccessKeyLastUsedCommand({ AccessKeyId: k.AccessKeyId! }));
    expect(lu.UserName).toBe('bob');
    expect(await fails(iam.send(new I.DeleteAccessKeyCommand({ UserName: 'bob', AccessKeyId: 'AKIAAAAAAAAAAAAAAAAA' })))).toMatchObject({
      name: 'NoSuchEntityException', message: 'The Access Key with id AKIAAAAAAAAAAAAAAAAA cannot be found',
    });
  });

  it('keeps accounts apart', async () => {
    const other = new I.IAMClient({ endpoint: cloud.url, region: 'us-east-1', credentials: { accessKeyId: '123456789012', secretAccessKey: 'x' } });
    await other.send(new I.CreateUserCommand({ UserName: 'carol' }));
    expect((await other.send(new I.GetUserCommand({ UserName: 'carol' }))).User?.Arn).toBe('arn:aws:iam::123456789012:user/carol');
    expect((await fails(iam.send(new I.GetUserCommand({ UserName: 'carol' })))).name).toBe('NoSuchEntityException');
  });

  it('pages lists with Marker and MaxItems', async () => {
    for (let i = 0; i < 5; i++) await iam.send(new I.CreateUserCommand({ UserName: `page-${i}`, Path: '/paged/' }));
    const names: string[] = [];
    let marker: string | undefined;
    do {
      const r = await iam.send(new I.ListUsersCommand({ PathPrefix: '/paged/', MaxItems: 2, Marker: marker }));
      names.push(...r.Users!.map((u) => u.UserName!));
      marker = r.IsTruncated ? r.Marker : undefined;
    } while (marker);
    expect(names).toEqual(['page-0', 'page-1', 'page-2', 'page-3', 'page-4']);
  });
});

describe('IAM OpenID Connect providers', () => {
  it('creates, reads, updates and deletes a provider that roles can trust', async () => {
    const thumb = 'a'.repeat(40);
    const c = await iam.send(new I.CreateOpenIDConnectProviderCommand({ Url: 'https://token.actions.githubusercontent.com', ClientIDList: ['sts.amazonaws.com'], ThumbprintList: [thumb] }));
    const arn = c.OpenIDConnectProviderArn!;
    expect(arn).toBe('arn:aws:iam::000000000000:oidc-provider/token.actions.githubusercontent.com');
    expect(await fails(iam.send(new I.CreateOpenIDConnectProviderCommand({ Url: 'https://token.actions.githubusercontent.com', ThumbprintList: [thumb] })))).toMatchObject({ name: 'EntityAlreadyExistsException' });
    await iam.send(new I.AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'other' }));
    await iam.send(new I.UpdateOpenIDConnectProviderThumbprintCommand({ OpenIDConnectProviderArn: arn, ThumbprintList: ['b'.repeat(40)] }));
    const g = await iam.send(new I.GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    expect(g).toMatchObject({ Url: 'token.actions.githubusercontent.com', ClientIDList: ['sts.amazonaws.com', 'other'], ThumbprintList: ['b'.repeat(40)] });
    expect((await iam.send(new I.ListOpenIDConnectProvidersCommand({}))).OpenIDConnectProviderList?.map((p) => p.Arn)).toEqual([arn]);
    const trustOidc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: arn }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:org/app:*' } } }] });
    await iam.send(new I.CreateRoleCommand({ RoleName: 'ci', AssumeRolePolicyDocument: trustOidc }));
    await iam.send(new I.DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    expect(await fails(iam.send(new I.GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn })))).toMatchObject({
      name: 'NoSuchEntityException', message: `OpenIDConnect Provider not found for arn ${arn}`,
    });
    expect((await fails(iam.send(new I.CreateOpenIDConnectProviderCommand({ Url: 'https://x.example.com', ThumbprintList: ['short'] })))).name).toBe('ValidationError');
  });
});

describe('IAM service-linked roles', () => {
  it('creates the role AWS names for the service, then deletes it', async () => {
    const c = await iam.send(new I.CreateServiceLinkedRoleCommand({ AWSServiceName: 'eks.amazonaws.com' }));
    expect(c.Role).toMatchObject({ RoleName: 'AWSServiceRoleForAmazonEKS', Path: '/aws-service-role/eks.amazonaws.com/', Arn: 'arn:aws:iam::000000000000:role/aws-service-role/eks.amazonaws.com/AWSServiceRoleForAmazonEKS' });
    expect(await fails(iam.send(new I.CreateServiceLinkedRoleCommand({ AWSServiceName: 'eks.amazonaws.com' })))).toMatchObject({
      name: 'InvalidInputException', message: 'Service role name AWSServiceRoleForAmazonEKS has been taken in this account, please try a different suffix.',
    });
    expect((await iam.send(new I.GetRoleCommand({ RoleName: 'AWSServiceRoleForAmazonEKS' }))).Role?.Path).toBe('/aws-service-role/eks.amazonaws.com/');
    const d = await iam.send(new I.DeleteServiceLinkedRoleCommand({ RoleName: 'AWSServiceRoleForAmazonEKS' }));
    expect((await iam.send(new I.GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId: d.DeletionTaskId! }))).Status).toBe('SUCCEEDED');
    expect((await fails(iam.send(new I.GetRoleCommand({ RoleName: 'AWSServiceRoleForAmazonEKS' })))).name).toBe('NoSuchEntityException');
  });
});
