/**
 * aws_iam_user_group_membership as hashicorp/aws defines it: the groups (a set) one user
 * belongs to, without touching memberships it does not list; groups update in place, the
 * user forces a new resource; the id is a generated "terraform-..." id; the import id is
 * "user/group1/group2...".
 */
import { AddUserToGroupCommand, ListGroupsForUserCommand, RemoveUserFromGroupCommand, type IAMClient } from '@aws-sdk/client-iam';
import type { Value } from '../../../lang/value.js';
import { impliedType } from '../../schema.js';
import { attr, str, toJS, withAttrs } from '../../sdk/obj.js';
import { nullObject } from '../../sdk/provider.js';
import { ProviderError, type ResourceDef } from '../../sdk/resource.js';
import type { AwsMeta } from '../config.js';
import { awsCall, awsFailure } from '../errors.js';
import { notFound, orNull, prefixedUniqueId } from './common.js';
import { userGroupMembershipSchema } from './schemas.js';

const groupsOf = (v: Value): string[] => (toJS(attr(v, 'groups')) as string[] | null) ?? [];

async function userGroups(iam: IAMClient, user: string): Promise<string[]> {
  const out: string[] = [];
  let Marker: string | undefined;
  do {
    const r = await iam.send(new ListGroupsForUserCommand({ UserName: user, Marker }));
    out.push(...(r.Groups ?? []).map((g) => g.GroupName!));
    Marker = r.IsTruncated ? r.Marker : undefined;
  } while (Marker);
  return out;
}

async function add(iam: IAMClient, user: string, groups: string[]): Promise<void> {
  for (const g of groups) await awsCall(`adding IAM User (${user}) to IAM Group (${g})`, () => iam.send(new AddUserToGroupCommand({ UserName: user, GroupName: g })));
}

async function remove(iam: IAMClient, user: string, groups: string[]): Promise<void> {
  for (const g of groups) {
    try {
      await iam.send(new RemoveUserFromGroupCommand({ UserName: user, GroupName: g }));
    } catch (e) {
      if (!notFound(e)) throw awsFailure(`removing IAM User (${user}) from IAM Group (${g})`, e);
    }
  }
}

/** The aws_iam_user_group_membership resource. */
export const awsIamUserGroupMembership: ResourceDef<AwsMeta> = {
  schema: userGroupMembershipSchema,

  async create(ctx, planned) {
    const user = str(planned, 'user')!;
    await add(ctx.meta.iam(), user, groupsOf(planned));
    return withAttrs(planned, { id: prefixedUniqueId('terraform-') });
  },

  async read(ctx, state) {
    const user = str(state, 'user')!;
    const have = await awsCall(`reading IAM User Group Membership (${user})`, () => orNull(() => userGroups(ctx.meta.iam(), user)));
    if (!have) return null;
    const managed = groupsOf(state).filter((g) => have.includes(g));
    if (managed.length === 0) return null;
    return withAttrs(state, { groups: managed });
  },

  async update(ctx, prior, planned) {
    const user = str(prior, 'user')!;
    const before = groupsOf(prior), after = groupsOf(planned);
    await remove(ctx.meta.iam(), user, before.filter((g) => !after.includes(g)));
    await add(ctx.meta.iam(), user, after.filter((g) => !before.includes(g)));
    return planned;
  },

  async delete(ctx, state) {
    await remove(ctx.meta.iam(), str(state, 'user')!, groupsOf(state));
  },

  async importState(_ctx, id) {
    const [user, ...groups] = id.split('/');
    if (!user || groups.length === 0 || groups.some((g) => !g)) {
      throw new ProviderError(`unexpected format of ID (${id}), expected <user-name>/<group-name1>/...`);
    }
    return withAttrs(nullObject(impliedType(userGroupMembershipSchema.block)), { id: prefixedUniqueId('terraform-'), user, groups });
  },
};
