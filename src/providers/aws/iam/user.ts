/**
 * aws_iam_user as hashicorp/aws defines it: id = name (import by name); name and path
 * update in place (UpdateUser); delete takes the user out of its groups and, with
 * force_destroy, deletes its keys, login profile, MFA devices and policies first.
 */
import {
  CreateUserCommand, DeleteAccessKeyCommand, DeleteLoginProfileCommand, DeleteUserCommand, DeleteUserPermissionsBoundaryCommand,
  DeleteUserPolicyCommand, DetachUserPolicyCommand, GetUserCommand, ListAccessKeysCommand, ListAttachedUserPoliciesCommand,
  ListGroupsForUserCommand, ListUserPoliciesCommand, PutUserPermissionsBoundaryCommand, RemoveUserFromGroupCommand,
  UpdateUserCommand, type IAMClient,
} from '@aws-sdk/client-iam';
import type { Value } from '../../../lang/value.js';
import { impliedType } from '../../schema.js';
import { bool, str, withAttrs } from '../../sdk/obj.js';
import { nullObject } from '../../sdk/provider.js';
import type { ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsCall, awsFailure } from '../errors.js';
import { tagMap } from '../tags.js';
import { iamTags, notFound, orNull, updateIamTags, iamTagsForState, readAfterWrite } from './common.js';
import { iamPlan } from './plan.js';
import { userSchema } from './schemas.js';

/** The state of user `name`, or null when it is gone. */
async function readUser(meta: AwsMeta, name: string, prior: Value, refresh = false): Promise<Value | null> {
  const out = await awsCall(`reading IAM User (${name})`, () => orNull(() => meta.iam().send(new GetUserCommand({ UserName: name }))));
  const u = out?.User;
  if (!u) return null;
  return withAttrs(prior, {
    id: u.UserName, name: u.UserName, arn: u.Arn, path: u.Path, unique_id: u.UserId,
    permissions_boundary: u.PermissionsBoundary?.PermissionsBoundaryArn ?? '',
    force_destroy: bool(prior, 'force_destroy') ?? false,
    ...iamTagsForState(meta, u.Tags, prior, refresh),
  });
}

async function mustRead(meta: AwsMeta, name: string, planned: Value): Promise<Value> {
  return readAfterWrite(`IAM User (${name})`, () => readUser(meta, name, planned));
}

async function ignoreGone(fn: () => Promise<unknown>): Promise<void> {
  await orNull(fn);
}

/** Removes what IAM refuses to delete a user with (force_destroy). */
async function deleteUserCredentials(iam: IAMClient, name: string): Promise<void> {
  const keys = await iam.send(new ListAccessKeysCommand({ UserName: name }));
  for (const k of keys.AccessKeyMetadata ?? []) await ignoreGone(() => iam.send(new DeleteAccessKeyCommand({ UserName: name, AccessKeyId: k.AccessKeyId })));
  await ignoreGone(() => iam.send(new DeleteLoginProfileCommand({ UserName: name })));
  const inline = await iam.send(new ListUserPoliciesCommand({ UserName: name }));
  for (const p of inline.PolicyNames ?? []) await ignoreGone(() => iam.send(new DeleteUserPolicyCommand({ UserName: name, PolicyName: p })));
  const attached = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: name }));
  for (const p of attached.AttachedPolicies ?? []) await ignoreGone(() => iam.send(new DetachUserPolicyCommand({ UserName: name, PolicyArn: p.PolicyArn })));
}

/** The aws_iam_user resource. */
export const awsIamUser: ResourceDef<AwsMeta> = {
  schema: userSchema,

  customizePlan: (ctx, p) => iamPlan(ctx.meta, userSchema.block, p, { emptyStrings: ['permissions_boundary'], tags: true }),

  async create(ctx, planned) {
    const name = str(planned, 'name')!;
    await awsCall(`creating IAM User (${name})`, () => ctx.meta.iam().send(new CreateUserCommand({
      UserName: name, Path: str(planned, 'path'), PermissionsBoundary: str(planned, 'permissions_boundary') || undefined,
      Tags: iamTags(tagMap(planned, 'tags_all')),
    })));
    return mustRead(ctx.meta, name, withAttrs(planned, { id: name }));
  },

  async read(ctx, state) {
    return readUser(ctx.meta, str(state, 'id')!, state, true);
  },

  async update(ctx, prior, planned) {
    const iam = ctx.meta.iam();
    let id = str(prior, 'id')!;
    const name = str(planned, 'name')!, path = str(planned, 'path')!;
    if (name !== str(prior, 'name') || path !== str(prior, 'path')) {
      await awsCall(`updating IAM User (${id})`, () => iam.send(new UpdateUserCommand({ UserName: id, NewUserName: name, NewPath: path })));
      id = name;
    }
    const boundary = str(planned, 'permissions_boundary') ?? '';
    if (boundary !== (str(prior, 'permissions_boundary') ?? '')) {
      if (boundary) await awsCall(`updating IAM User (${id}) permissions boundary`, () => iam.send(new PutUserPermissionsBoundaryCommand({ UserName: id, PermissionsBoundary: boundary })));
      else await awsCall(`deleting IAM User (${id}) permissions boundary`, () => iam.send(new DeleteUserPermissionsBoundaryCommand({ UserName: id })));
    }
    await updateIamTags(ctx.meta, 'user', id, 'IAM User', tagMap(prior, 'tags_all'), tagMap(planned, 'tags_all'));
    return mustRead(ctx.meta, id, withAttrs(planned, { id }));
  },

  async delete(ctx, state) {
    const iam = ctx.meta.iam();
    const id = str(state, 'id')!;
    try {
      const groups = await iam.send(new ListGroupsForUserCommand({ UserName: id }));
      for (const g of groups.Groups ?? []) await ignoreGone(() => iam.send(new RemoveUserFromGroupCommand({ UserName: id, GroupName: g.GroupName })));
      if (bool(state, 'force_destroy')) await deleteUserCredentials(iam, id);
      await iam.send(new DeleteUserCommand({ UserName: id }));
    } catch (e) {
      if (notFound(e)) return;
      throw awsFailure(`deleting IAM User (${id})`, e);
    }
  },

  async importState(_ctx, id) {
    return withAttrs(nullObject(impliedType(userSchema.block)), { id, force_destroy: false });
  },
};
