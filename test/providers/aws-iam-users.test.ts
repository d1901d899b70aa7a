/**
 * aws_iam_user, aws_iam_group, aws_iam_access_key and aws_iam_instance_profile through the
 * provider protocol against an in-process local cloud (state as hashicorp/aws 5.100.0
 * stores it, in-place renames, force_destroy, key secrets, role swaps, import, destroy).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AddUserToGroupCommand, CreateAccessKeyCommand, CreateRoleCommand, GetGroupCommand, GetInstanceProfileCommand, GetOpenIDConnectProviderCommand, GetUserCommand,
  ListAccessKeysCommand, ListGroupsForUserCommand, TagUserCommand,
} from '@aws-sdk/client-iam';
import { sesSmtpPasswordV4 } from '../../src/providers/aws/iam/access-key.js';
import { js, lifecycle } from './harness.js';
import { applyErrors, iamWorld, imported, noChange, TRUST, update, type IamWorld } from './aws-iam-support.js';

let w: IamWorld;
beforeAll(async () => {
  w = await iamWorld();
  for (const r of ['ip-role-a', 'ip-role-b']) await w.iam.send(new CreateRoleCommand({ RoleName: r, AssumeRolePolicyDocument: TRUST }));
});
afterAll(async () => { await w?.close(); });

describe('aws_iam_user', () => {
  it('creates, renames and moves in place, sees tags added outside, imports, destroys', async () => {
    const cfg = { name: 'alice', path: '/people/', tags: { x: 'y' } };
    const state = await w.h.create('aws_iam_user', cfg);
    const s = js(state);
    expect(s).toMatchObject({
      id: 'alice', name: 'alice', path: '/people/', arn: 'arn:aws:iam::000000000000:user/people/alice',
      force_destroy: false, permissions_boundary: '', tags: { x: 'y' }, tags_all: { x: 'y' },
    });
    expect(s['unique_id']).toMatch(/^AIDA[A-Z0-9]{17}$/);
    await noChange(w.h, 'aws_iam_user', (await w.h.read('aws_iam_user', state))!, cfg);

    const renamed = await update(w.h, 'aws_iam_user', state, { ...cfg, name: 'alicia', path: '/staff/' });
    expect(js(renamed)).toMatchObject({ id: 'alicia', name: 'alicia', arn: 'arn:aws:iam::000000000000:user/staff/alicia', unique_id: s['unique_id'] });
    await expect(w.iam.send(new GetUserCommand({ UserName: 'alice' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });

    await w.iam.send(new TagUserCommand({ UserName: 'alicia', Tags: [{ Key: 'by', Value: 'hand' }] }));
    expect(js(await w.h.read('aws_iam_user', renamed))['tags']).toEqual({ x: 'y', by: 'hand' });

    const imp = await imported(w.h, 'aws_iam_user', 'alicia');
    expect(js(imp)).toMatchObject({ force_destroy: false, path: '/staff/' });
    await w.h.destroy('aws_iam_user', imp);
    await expect(w.iam.send(new GetUserCommand({ UserName: 'alicia' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });

  it('needs force_destroy to delete a user with keys; leaves groups either way', async () => {
    const state = await w.h.create('aws_iam_user', { name: 'bob' });
    await w.h.create('aws_iam_group', { name: 'bobs' });
    await w.iam.send(new AddUserToGroupCommand({ UserName: 'bob', GroupName: 'bobs' }));
    await w.iam.send(new CreateAccessKeyCommand({ UserName: 'bob' }));
    expect(await applyErrors(w.h, 'aws_iam_user', state, null)).toEqual(['deleting IAM User (bob): DeleteConflict: Cannot delete entity, must delete access keys first.']);
    const forced = await update(w.h, 'aws_iam_user', state, { name: 'bob', force_destroy: true });
    await w.h.destroy('aws_iam_user', forced);
    await expect(w.iam.send(new GetUserCommand({ UserName: 'bob' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });
});

describe('aws_iam_group', () => {
  it('creates, renames in place, imports, destroys', async () => {
    const state = await w.h.create('aws_iam_group', { name: 'devs' });
    const s = js(state);
    expect(s).toMatchObject({ id: 'devs', name: 'devs', path: '/', arn: 'arn:aws:iam::000000000000:group/devs' });
    expect(s['unique_id']).toMatch(/^AGPA[A-Z0-9]{17}$/);
    await noChange(w.h, 'aws_iam_group', (await w.h.read('aws_iam_group', state))!, { name: 'devs' });
    const renamed = await update(w.h, 'aws_iam_group', state, { name: 'developers', path: '/eng/' });
    expect(js(renamed)).toMatchObject({ id: 'developers', arn: 'arn:aws:iam::000000000000:group/eng/developers', unique_id: s['unique_id'] });
    const imp = await imported(w.h, 'aws_iam_group', 'developers');
    await noChange(w.h, 'aws_iam_group', imp, { name: 'developers', path: '/eng/' });
    await w.h.destroy('aws_iam_group', imp);
    await expect(w.iam.send(new GetGroupCommand({ GroupName: 'developers' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });
});

describe('aws_iam_user_group_membership', () => {
  it('adds and removes only the groups it lists, imports "user/g1/g2", destroys', async () => {
    await w.h.create('aws_iam_user', { name: 'erin' });
    for (const g of ['ga', 'gb', 'gc', 'outside']) await w.h.create('aws_iam_group', { name: g });
    await w.iam.send(new AddUserToGroupCommand({ UserName: 'erin', GroupName: 'outside' }));
    const groups = async () => ((await w.iam.send(new ListGroupsForUserCommand({ UserName: 'erin' }))).Groups ?? []).map((g) => g.GroupName).sort();
    const cfg = { user: 'erin', groups: ['ga', 'gb'] };
    const state = await lifecycle(w.h, 'aws_iam_user_group_membership', cfg, { ...cfg, user: 'frank' }, 'user');
    expect(js(state)['id']).toMatch(/^terraform-\d{18}[0-9a-f]{8}$/);
    expect(await groups()).toEqual(['ga', 'gb', 'outside']);
    const next = await update(w.h, 'aws_iam_user_group_membership', state, { ...cfg, groups: ['gb', 'gc'] });
    expect(await groups()).toEqual(['gb', 'gc', 'outside']);
    const imp = await imported(w.h, 'aws_iam_user_group_membership', 'erin/gb/gc');
    expect(js(imp)).toMatchObject({ user: 'erin', groups: ['gb', 'gc'] });
    await w.h.destroy('aws_iam_user_group_membership', next);
    expect(await groups()).toEqual(['outside']);
  });
});

describe('aws_iam_access_key', () => {
  it('keeps the secret and SMTP password from creation, deactivates in place, imports by key id, destroys', async () => {
    await w.h.create('aws_iam_user', { name: 'carol' });
    await w.h.create('aws_iam_user', { name: 'dave' });
    const cfg = { user: 'carol' };
    const state = await lifecycle(w.h, 'aws_iam_access_key', cfg, { user: 'dave' }, 'user');
    const s = js(state);
    expect(s['id']).toMatch(/^AKIA[A-Z0-9]{16}$/);
    expect(s).toMatchObject({ user: 'carol', status: 'Active', encrypted_secret: null, key_fingerprint: null, pgp_key: null });
    expect(s['secret']).toMatch(/^[A-Za-z0-9/+]{40}$/);
    expect(s['ses_smtp_password_v4']).toBe(sesSmtpPasswordV4(s['secret'] as string, 'us-east-1'));

    const off = await update(w.h, 'aws_iam_access_key', state, { ...cfg, status: 'Inactive' });
    expect(js(off)).toMatchObject({ status: 'Inactive', secret: s['secret'] });
    const listed = await w.iam.send(new ListAccessKeysCommand({ UserName: 'carol' }));
    expect(listed.AccessKeyMetadata?.[0]?.Status).toBe('Inactive');

    const imp = await imported(w.h, 'aws_iam_access_key', s['id'] as string);
    expect(js(imp)).toMatchObject({ id: s['id'], user: 'carol', status: 'Inactive', secret: null });
    await w.h.destroy('aws_iam_access_key', off);
    expect((await w.iam.send(new ListAccessKeysCommand({ UserName: 'carol' }))).AccessKeyMetadata ?? []).toEqual([]);
  });

  it('says clearly that pgp_key is not supported', async () => {
    const pl = await w.h.plan('aws_iam_access_key', null, { user: 'carol', pgp_key: 'keybase:someone' });
    expect(pl.diagnostics[0]?.summary).toBe('pgp_key is not supported by terrane');
  });
});

describe('aws_iam_instance_profile', () => {
  it('creates with a role, swaps the role in place, replaces on path, imports, destroys', async () => {
    const cfg = { name: 'app-profile', role: 'ip-role-a' };
    const state = await lifecycle(w.h, 'aws_iam_instance_profile', cfg, { ...cfg, path: '/x/' }, 'path');
    const s = js(state);
    expect(s).toMatchObject({
      id: 'app-profile', name: 'app-profile', name_prefix: '', path: '/', role: 'ip-role-a', tags: null, tags_all: {},
      arn: 'arn:aws:iam::000000000000:instance-profile/app-profile',
    });
    expect(s['unique_id']).toMatch(/^AIPA[A-Z0-9]{17}$/);
    const swapped = await update(w.h, 'aws_iam_instance_profile', state, { ...cfg, role: 'ip-role-b' });
    expect(js(swapped)['role']).toBe('ip-role-b');
    const remote = await w.iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'app-profile' }));
    expect(remote.InstanceProfile?.Roles?.map((r) => r.RoleName)).toEqual(['ip-role-b']);

    const imp = await imported(w.h, 'aws_iam_instance_profile', 'app-profile');
    await noChange(w.h, 'aws_iam_instance_profile', imp, { ...cfg, role: 'ip-role-b' });
    await w.h.destroy('aws_iam_instance_profile', imp);
    await expect(w.iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'app-profile' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });
});

describe('aws_iam_openid_connect_provider', () => {
  it('stores the url as IAM does, updates client ids and thumbprints in place, imports by arn, destroys', async () => {
    const cfg = { url: 'https://token.actions.githubusercontent.com', client_id_list: ['sts.amazonaws.com'], thumbprint_list: ['6938fd4d98bab03faadb97b34396831e3780aea1'] };
    const state = await lifecycle(w.h, 'aws_iam_openid_connect_provider', cfg, { ...cfg, url: 'https://other.example.com' }, 'url');
    const arn = 'arn:aws:iam::000000000000:oidc-provider/token.actions.githubusercontent.com';
    expect(js(state)).toEqual({
      id: arn, arn, url: 'token.actions.githubusercontent.com', client_id_list: ['sts.amazonaws.com'],
      thumbprint_list: ['6938fd4d98bab03faadb97b34396831e3780aea1'], tags: null, tags_all: {},
    });
    const next = await update(w.h, 'aws_iam_openid_connect_provider', state, { ...cfg, client_id_list: ['sts.amazonaws.com', 'app'], thumbprint_list: ['a'.repeat(40)] });
    const remote = await w.iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    expect(remote.ClientIDList?.sort()).toEqual(['app', 'sts.amazonaws.com']);
    expect(remote.ThumbprintList).toEqual(['a'.repeat(40)]);
    const imp = await imported(w.h, 'aws_iam_openid_connect_provider', arn);
    await noChange(w.h, 'aws_iam_openid_connect_provider', imp, { ...cfg, client_id_list: ['sts.amazonaws.com', 'app'], thumbprint_list: ['a'.repeat(40)] });
    await w.h.destroy('aws_iam_openid_connect_provider', next);
    await expect(w.iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });
});
