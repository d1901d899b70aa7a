/**
 * aws_iam_policy, aws_iam_role_policy and the role/user policy attachments through the
 * provider protocol against an in-process local cloud (state as hashicorp/aws 5.100.0
 * stores it, versions on update, import ids, drift, destroy).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateGroupCommand, CreateRoleCommand, CreateUserCommand, DetachRolePolicyCommand, GetGroupPolicyCommand, GetPolicyCommand, GetRolePolicyCommand,
  GetUserPolicyCommand, ListAttachedGroupPoliciesCommand, ListAttachedRolePoliciesCommand, ListAttachedUserPoliciesCommand,
  ListPolicyVersionsCommand, PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { impliedType } from '../../src/providers/schema.js';
import { fromJS } from '../../src/providers/sdk/obj.js';
import { js, lifecycle } from './harness.js';
import { applyErrors, iamWorld, imported, noChange, POLICY, TRUST, update, type IamWorld } from './aws-iam-support.js';

let w: IamWorld;
beforeAll(async () => {
  w = await iamWorld();
  await w.iam.send(new CreateRoleCommand({ RoleName: 'r1', AssumeRolePolicyDocument: TRUST }));
  await w.iam.send(new CreateUserCommand({ UserName: 'u1' }));
  await w.iam.send(new CreateGroupCommand({ GroupName: 'g1' }));
});
afterAll(async () => { await w?.close(); });

const doc = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] }, null, 2);

describe('aws_iam_policy', () => {
  it('creates, keeps an equivalent text, versions updates (at most 5), imports by arn, destroys', async () => {
    const cfg = { name: 'app-policy', policy: POLICY };
    const state = await lifecycle(w.h, 'aws_iam_policy', cfg, { ...cfg, description: 'new' }, 'description');
    const s = js(state);
    expect(s).toMatchObject({
      id: 'arn:aws:iam::000000000000:policy/app-policy', arn: 'arn:aws:iam::000000000000:policy/app-policy', name: 'app-policy',
      name_prefix: '', path: '/', description: '', attachment_count: 0, tags: null, tags_all: {},
      policy: '{"Statement":[{"Action":["s3:GetObject"],"Effect":"Allow","Resource":"*"}],"Version":"2012-10-17"}',
    });
    expect(s['policy_id']).toMatch(/^ANPA[A-Z0-9]{17}$/);
    // A refresh stores {} for no tags, as the plugin SDK does; still no change.
    const refreshed = await w.h.read('aws_iam_policy', state);
    expect(js(refreshed)['tags']).toEqual({});
    await noChange(w.h, 'aws_iam_policy', refreshed!, cfg);
    await noChange(w.h, 'aws_iam_policy', refreshed!, { ...cfg, policy: JSON.stringify(JSON.parse(POLICY), null, 4) });

    let cur = refreshed!;
    for (const action of ['s3:A', 's3:B', 's3:C', 's3:D', 's3:E', 's3:F']) cur = await update(w.h, 'aws_iam_policy', cur, { ...cfg, policy: doc(action) });
    const arn = s['arn'] as string;
    const versions = (await w.iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }))).Versions!;
    expect(versions.map((v) => v.VersionId).sort()).toEqual(['v3', 'v4', 'v5', 'v6', 'v7']);
    expect(versions.find((v) => v.IsDefaultVersion)?.VersionId).toBe('v7');
    expect(JSON.parse(js(cur)['policy'] as string).Statement[0].Action).toBe('s3:F');

    const imp = await imported(w.h, 'aws_iam_policy', arn);
    await noChange(w.h, 'aws_iam_policy', imp, { ...cfg, policy: doc('s3:F') });
    await w.h.destroy('aws_iam_policy', cur);
    await expect(w.iam.send(new GetPolicyCommand({ PolicyArn: arn }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });

  it('names from name_prefix, honours path, rejects name with name_prefix', async () => {
    const s = js(await w.h.create('aws_iam_policy', { name_prefix: 'pp-', path: '/team/', policy: POLICY, tags: { a: 'b' } }));
    expect(s['name']).toMatch(/^pp-\d{18}[0-9a-f]{8}$/);
    expect(s['arn']).toBe(`arn:aws:iam::000000000000:policy/team/${s['name'] as string}`);
    expect(s['tags_all']).toEqual({ a: 'b' });
    const bad = await w.h.plan('aws_iam_policy', null, { name: 'x', name_prefix: 'y', policy: POLICY });
    expect(bad.diagnostics[0]?.summary).toBe('Conflicting configuration arguments');
  });

  it('reports MalformedPolicyDocument with the operation', async () => {
    const pl = await w.h.plan('aws_iam_policy', null, { name: 'bad', policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*"}]}' });
    expect(await applyErrors(w.h, 'aws_iam_policy', null, pl.plannedState)).toEqual(['creating IAM Policy (bad): MalformedPolicyDocument: Policy statement must contain resources.']);
  });
});

describe('aws_iam_role_policy', () => {
  it('stores the legacy form, id role:name, sees drift, imports, destroys', async () => {
    const cfg = { name: 'inline', role: 'r1', policy: POLICY };
    const state = await lifecycle(w.h, 'aws_iam_role_policy', cfg, { ...cfg, role: 'r2' }, 'role');
    expect(js(state)).toEqual({
      id: 'r1:inline', name: 'inline', name_prefix: '', role: 'r1',
      policy: '{"Version":"2012-10-17","Statement":[{"Action":["s3:GetObject"],"Effect":"Allow","Resource":"*"}]}',
    });
    const upd = await update(w.h, 'aws_iam_role_policy', state, { ...cfg, policy: doc('s3:PutObject') });
    const remote = await w.iam.send(new GetRolePolicyCommand({ RoleName: 'r1', PolicyName: 'inline' }));
    expect(JSON.parse(decodeURIComponent(remote.PolicyDocument!)).Statement[0].Action).toBe('s3:PutObject');

    await w.iam.send(new PutRolePolicyCommand({ RoleName: 'r1', PolicyName: 'inline', PolicyDocument: doc('s3:DeleteObject') }));
    expect(JSON.parse(js(await w.h.read('aws_iam_role_policy', upd))['policy'] as string).Statement[0].Action).toBe('s3:DeleteObject');

    const imp = await imported(w.h, 'aws_iam_role_policy', 'r1:inline');
    expect(js(imp)).toMatchObject({ id: 'r1:inline', role: 'r1', name: 'inline' });
    const bad = await w.h.importState('aws_iam_role_policy', 'no-colon');
    expect(bad.diagnostics[0]?.summary).toContain('expected ROLE-NAME:POLICY-NAME');

    await w.h.destroy('aws_iam_role_policy', imp);
    await expect(w.iam.send(new GetRolePolicyCommand({ RoleName: 'r1', PolicyName: 'inline' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });
});

describe('aws_iam_user_policy / aws_iam_group_policy', () => {
  it.each([
    { type: 'aws_iam_user_policy', owner: 'user', name: 'u1', other: 'u2' },
    { type: 'aws_iam_group_policy', owner: 'group', name: 'g1', other: 'g2' },
  ])('$type: id "<$owner>:<name>", legacy form, update, import, destroy', async ({ type, owner, name, other }) => {
    const cfg = { name_prefix: 'p-', [owner]: name, policy: POLICY };
    const state = await lifecycle(w.h, type, cfg, { ...cfg, [owner]: other }, owner);
    const s = js(state);
    expect(s['name']).toMatch(/^p-\d{18}[0-9a-f]{8}$/);
    expect(s).toMatchObject({ id: `${name}:${s['name'] as string}`, name_prefix: 'p-', [owner]: name, policy: '{"Version":"2012-10-17","Statement":[{"Action":["s3:GetObject"],"Effect":"Allow","Resource":"*"}]}' });
    const upd = await update(w.h, type, state, { ...cfg, policy: doc('s3:PutObject') });
    const get = () => owner === 'user'
      ? w.iam.send(new GetUserPolicyCommand({ UserName: name, PolicyName: s['name'] as string }))
      : w.iam.send(new GetGroupPolicyCommand({ GroupName: name, PolicyName: s['name'] as string }));
    expect(JSON.parse(decodeURIComponent((await get()).PolicyDocument!)).Statement[0].Action).toBe('s3:PutObject');
    const imp = await imported(w.h, type, s['id'] as string);
    await noChange(w.h, type, imp, { ...cfg, name: s['name'], name_prefix: undefined, policy: doc('s3:PutObject') } as Record<string, unknown>);
    await w.h.destroy(type, upd);
    await expect(get()).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });
});

describe('aws_iam_role_policy_attachment / aws_iam_user_policy_attachment', () => {
  const arn = 'arn:aws:iam::aws:policy/ReadOnlyAccess';

  it('attaches to a role, id "<role>-<unique>", import "role/arn", drift, destroy', async () => {
    const cfg = { role: 'r1', policy_arn: arn };
    const state = await lifecycle(w.h, 'aws_iam_role_policy_attachment', cfg, { ...cfg, policy_arn: 'arn:aws:iam::aws:policy/PowerUserAccess' }, 'policy_arn');
    expect(js(state)['id']).toMatch(/^r1-\d{18}[0-9a-f]{8}$/);
    const listed = await w.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'r1' }));
    expect(listed.AttachedPolicies?.map((p) => p.PolicyArn)).toEqual([arn]);

    const imp = await imported(w.h, 'aws_iam_role_policy_attachment', `r1/${arn}`);
    expect(js(imp)).toEqual({ id: `r1-${arn}`, role: 'r1', policy_arn: arn });
    await noChange(w.h, 'aws_iam_role_policy_attachment', imp, cfg);
    const missing = await w.h.importState('aws_iam_role_policy_attachment', `r1/arn:aws:iam::aws:policy/AdministratorAccess`);
    expect(missing.diagnostics[0]?.summary).toBe('Cannot import non-existent remote object');

    await w.iam.send(new DetachRolePolicyCommand({ RoleName: 'r1', PolicyArn: arn }));
    expect(await w.h.read('aws_iam_role_policy_attachment', state)).toBeNull();
    await w.h.destroy('aws_iam_role_policy_attachment', state);
  });

  it('attaches to a user, import "user/arn", destroy detaches', async () => {
    const cfg = { user: 'u1', policy_arn: arn };
    const state = await lifecycle(w.h, 'aws_iam_user_policy_attachment', cfg, { ...cfg, user: 'u2' }, 'user');
    expect(js(state)['id']).toMatch(/^u1-\d{18}[0-9a-f]{8}$/);
    const imp = await imported(w.h, 'aws_iam_user_policy_attachment', `u1/${arn}`);
    expect(js(imp)).toEqual({ id: `u1-${arn}`, user: 'u1', policy_arn: arn });
    await w.h.destroy('aws_iam_user_policy_attachment', state);
    expect((await w.iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'u1' }))).AttachedPolicies ?? []).toEqual([]);
  });

  it('attaches to a group, import "group/arn", destroy detaches', async () => {
    const cfg = { group: 'g1', policy_arn: arn };
    const state = await lifecycle(w.h, 'aws_iam_group_policy_attachment', cfg, { ...cfg, group: 'g2' }, 'group');
    expect(js(state)['id']).toMatch(/^g1-\d{18}[0-9a-f]{8}$/);
    const imp = await imported(w.h, 'aws_iam_group_policy_attachment', `g1/${arn}`);
    expect(js(imp)).toEqual({ id: `g1-${arn}`, group: 'g1', policy_arn: arn });
    await w.h.destroy('aws_iam_group_policy_attachment', state);
    expect((await w.iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'g1' }))).AttachedPolicies ?? []).toEqual([]);
  });

  it('reports a missing policy as AWS does', async () => {
    const pl = await w.h.plan('aws_iam_role_policy_attachment', null, { role: 'r1', policy_arn: 'arn:aws:iam::000000000000:policy/none' });
    expect(await applyErrors(w.h, 'aws_iam_role_policy_attachment', null, pl.plannedState)).toEqual([
      'attaching IAM Policy (arn:aws:iam::000000000000:policy/none) to IAM Role (r1): NoSuchEntity: Policy arn:aws:iam::000000000000:policy/none does not exist or is not attachable.',
    ]);
  });
});

describe('data sources aws_iam_role / aws_iam_policy', () => {
  // The harness types configs by the resource schema when a data source shares its name.
  const readData = (type: string, cfg: Record<string, unknown>) => w.h.p.readDataSource({
    typeName: type, config: fromJS(cfg, impliedType(w.h.p.getSchema().dataSources[type]!.block)),
  } as never);
  it('read a role and a policy the way hashicorp/aws stores them', async () => {
    const role = js(await w.h.create('aws_iam_role', { name: 'data-role', description: 'x', assume_role_policy: TRUST, tags: { a: 'b' } }));
    const r = await readData('aws_iam_role', { name: 'data-role' });
    expect(r.diagnostics).toEqual([]);
    expect(js(r.state)).toEqual({
      id: 'data-role', name: 'data-role', arn: role['arn'], path: '/', unique_id: role['unique_id'], create_date: role['create_date'],
      description: 'x', max_session_duration: 3600, permissions_boundary: '', tags: { a: 'b' },
      assume_role_policy: role['assume_role_policy'], role_last_used: [{ last_used_date: '', region: '' }],
    });
    const missing = await readData('aws_iam_role', { name: 'nope' });
    expect(missing.diagnostics.map((d) => d.summary)).toEqual(['reading IAM Role (nope): NoSuchEntity: The role with name nope cannot be found.']);

    const pol = js(await w.h.create('aws_iam_policy', { name: 'data-policy', path: '/d/', policy: POLICY }));
    const want = {
      id: pol['arn'], arn: pol['arn'], name: 'data-policy', path: '/d/', path_prefix: null, policy_id: pol['policy_id'], description: '',
      attachment_count: 0, tags: {}, policy: pol['policy'],
    };
    expect(js((await readData('aws_iam_policy', { arn: pol['arn'] })).state)).toEqual(want);
    expect(js((await readData('aws_iam_policy', { name: 'data-policy' })).state)).toEqual(want);
    expect(js((await readData('aws_iam_policy', { name: 'data-policy', path_prefix: '/d/' })).state)).toEqual({ ...want, path_prefix: '/d/' });
    const none = await readData('aws_iam_policy', { name: 'data-policy', path_prefix: '/other/' });
    expect(none.diagnostics.map((d) => d.summary)).toEqual(['no matching IAM Policy found']);
    // AWS managed policies are found too, their document as IAM returns it.
    const managed = js((await readData('aws_iam_policy', { arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })).state);
    expect(managed).toMatchObject({ name: 'ReadOnlyAccess', path: '/' });
    expect(JSON.parse(managed['policy'] as string).Version).toBe('2012-10-17');
  });
});
