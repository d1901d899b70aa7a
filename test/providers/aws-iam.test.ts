/**
 * The IAM resources through the provider protocol against an in-process local cloud:
 * the state hashicorp/aws 5.100.0 stores (checked against `terraform show -json` of the
 * real provider on the same cloud), no drift on a second plan, in-place updates, force-new
 * changes, changes made behind terrane's back, import by hashicorp's ids, destroy, errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AttachRolePolicyCommand, CreateRoleCommand, GetRoleCommand, type IAMClient, PutRolePolicyCommand, TagRoleCommand, UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import type { Value } from '../../src/lang/value.js';
import { type Harness, js, lifecycle } from './harness.js';
import {
  applyErrors as applyErrorsIn, iamWorld, imported as importedIn, noChange as noChangeIn, POLICY, TRUST, update as updateIn, type IamWorld,
} from './aws-iam-support.js';

let w: IamWorld;
let h: Harness;
let iam: IAMClient;
beforeAll(async () => {
  w = await iamWorld();
  ({ h, iam } = w);
});
afterAll(async () => { await w?.close(); });

const TRUST_PRETTY = TRUST;
// What hashicorp/aws stores for TRUST: re-encoded with sorted keys, compact.
const TRUST_STORED = '{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"}}],"Version":"2012-10-17"}';
const noChange = (type: string, state: Value, cfg: Record<string, unknown>) => noChangeIn(h, type, state, cfg);
const update = (type: string, prior: Value, cfg: Record<string, unknown>) => updateIn(h, type, prior, cfg);
const imported = (type: string, id: string) => importedIn(h, type, id);
const applyErrors = (type: string, prior: Value | null, planned: Value | null) => applyErrorsIn(h, type, prior, planned);

describe('aws_iam_role', () => {
  it('stores what hashicorp stores, plans no change, updates in place, sees drift, imports, destroys', async () => {
    const cfg = { name: 'app-role', assume_role_policy: TRUST_PRETTY, tags: { team: 'a' } };
    const state = await lifecycle(h, 'aws_iam_role', cfg, { ...cfg, name: 'other-role' }, 'name');
    const s = js(state);
    expect(s).toMatchObject({
      id: 'app-role', name: 'app-role', name_prefix: '', path: '/', arn: 'arn:aws:iam::000000000000:role/app-role',
      assume_role_policy: TRUST_STORED, description: '', permissions_boundary: '', force_detach_policies: false,
      max_session_duration: 3600, inline_policy: [], managed_policy_arns: [], tags: { team: 'a' }, tags_all: { team: 'a' },
    });
    expect(s['unique_id']).toMatch(/^AROA[A-Z0-9]{17}$/);
    expect(s['create_date']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    // An equivalent document written differently is no change.
    await noChange('aws_iam_role', state, { ...cfg, assume_role_policy: JSON.stringify(JSON.parse(TRUST)) });

    const updated = await update('aws_iam_role', state, { ...cfg, description: 'd', max_session_duration: 7200, tags: { team: 'b' } });
    expect(js(updated)).toMatchObject({ description: 'd', max_session_duration: 7200, tags_all: { team: 'b' }, unique_id: s['unique_id'] });
    const got = (await iam.send(new GetRoleCommand({ RoleName: 'app-role' }))).Role!;
    expect(got.Description).toBe('d');
    expect(got.MaxSessionDuration).toBe(7200);

    const other = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'lambda.amazonaws.com' } }] };
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'app-role', PolicyDocument: JSON.stringify(other) }));
    await iam.send(new TagRoleCommand({ RoleName: 'app-role', Tags: [{ Key: 'extra', Value: '1' }] }));
    const drift = js(await h.read('aws_iam_role', updated));
    expect(JSON.parse(drift['assume_role_policy'] as string)).toEqual(other);
    expect(drift['tags']).toEqual({ team: 'b', extra: '1' });

    const imp = await imported('aws_iam_role', 'app-role');
    await noChange('aws_iam_role', await update('aws_iam_role', imp, { ...cfg, description: 'd', max_session_duration: 7200 }), { ...cfg, description: 'd', max_session_duration: 7200 });

    await h.destroy('aws_iam_role', imp);
    await expect(iam.send(new GetRoleCommand({ RoleName: 'app-role' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });

  it('makes a name from name_prefix and keeps the prefix', async () => {
    const cfg = { name_prefix: 'pfx-', path: '/svc/', assume_role_policy: TRUST };
    const state = js(await h.create('aws_iam_role', cfg));
    expect(state['name']).toMatch(/^pfx-\d{18}[0-9a-f]{8}$/);
    expect(state['name_prefix']).toBe('pfx-');
    expect(state['arn']).toBe(`arn:aws:iam::000000000000:role/svc/${state['name'] as string}`);
  });

  it('shows policies managed elsewhere without planning their removal; DeleteConflict without force_detach_policies', async () => {
    const cfg = { name: 'shared-role', assume_role_policy: TRUST };
    const state = await h.create('aws_iam_role', cfg);
    await iam.send(new PutRolePolicyCommand({ RoleName: 'shared-role', PolicyName: 'inline', PolicyDocument: POLICY }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'shared-role', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    const read = await h.read('aws_iam_role', state);
    expect(js(read)['managed_policy_arns']).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess']);
    expect(js(read)['inline_policy']).toEqual([{ name: 'inline', policy: '{"Version":"2012-10-17","Statement":[{"Action":["s3:GetObject"],"Effect":"Allow","Resource":"*"}]}' }]);
    await noChange('aws_iam_role', read!, cfg);

    // As in hashicorp, only policies recorded in state (or force_detach_policies) are removed first.
    expect(await applyErrors('aws_iam_role', state, null)).toEqual(['deleting IAM Role (shared-role): DeleteConflict: Cannot delete entity, must detach all policies first.']);

    const forced = await update('aws_iam_role', read!, { ...cfg, force_detach_policies: true });
    await h.destroy('aws_iam_role', forced);
    await expect(iam.send(new GetRoleCommand({ RoleName: 'shared-role' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });

  it('manages inline_policy blocks and managed_policy_arns', async () => {
    const cfg = { name: 'inline-role', assume_role_policy: TRUST, inline_policy: [{ name: 'p1', policy: POLICY }], managed_policy_arns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] };
    const state = await h.create('aws_iam_role', cfg);
    expect(js(state)['inline_policy']).toEqual([{ name: 'p1', policy: '{"Version":"2012-10-17","Statement":[{"Action":["s3:GetObject"],"Effect":"Allow","Resource":"*"}]}' }]);
    await noChange('aws_iam_role', (await h.read('aws_iam_role', state))!, cfg);
    const next = await update('aws_iam_role', state, { ...cfg, inline_policy: [{ name: 'p2', policy: POLICY }], managed_policy_arns: [] });
    expect(js(next)['inline_policy']).toEqual([{ name: 'p2', policy: expect.any(String) }]);
    expect(js(next)['managed_policy_arns']).toEqual([]);
    await h.destroy('aws_iam_role', next);
  });

  it('reports AWS errors with the operation, code and message', async () => {
    const pl = await h.plan('aws_iam_role', null, { name: 'bad-role', assume_role_policy: '{"Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}' });
    expect(await applyErrors('aws_iam_role', null, pl.plannedState)).toEqual(['creating IAM Role (bad-role): MalformedPolicyDocument: Missing required field Principal']);
    await iam.send(new CreateRoleCommand({ RoleName: 'taken', AssumeRolePolicyDocument: TRUST }));
    const pl2 = await h.plan('aws_iam_role', null, { name: 'taken', assume_role_policy: TRUST });
    expect(await applyErrors('aws_iam_role', null, pl2.plannedState)).toEqual(['creating IAM Role (taken): EntityAlreadyExists: Role with name taken already exists.']);
  });
});
